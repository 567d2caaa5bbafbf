#include "bpfcompat/cli/run.h"

int main(int argc, char** argv) {
  return bpfcompat::cli::run(argc, argv);
}
