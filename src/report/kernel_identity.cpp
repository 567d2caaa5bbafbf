// Display names of the distributions the shipped matrices name, and a target's identity label.
#include "kernel_identity.h"

#include <map>

namespace bpfcompat::report {
namespace {

const std::map<std::string, std::string>& display_names() {
  static const std::map<std::string, std::string> kNames = {{"almalinux", "AlmaLinux"},
                                                            {"alma", "AlmaLinux"},
                                                            {"amazon", "Amazon Linux"},
                                                            {"amazon-linux", "Amazon Linux"},
                                                            {"amzn", "Amazon Linux"},
                                                            {"azurelinux", "Azure Linux"},
                                                            {"centos", "CentOS"},
                                                            {"centos-stream", "CentOS Stream"},
                                                            {"debian", "Debian"},
                                                            {"fedora", "Fedora"},
                                                            {"opensuse", "openSUSE"},
                                                            {"oracle", "Oracle Linux"},
                                                            {"ol", "Oracle Linux"},
                                                            {"rhel", "RHEL"},
                                                            {"rocky", "Rocky Linux"},
                                                            {"sles", "SLES"},
                                                            {"suse", "SUSE"},
                                                            {"ubuntu", "Ubuntu"},
                                                            {"flatcar", "Flatcar"},
                                                            {"bottlerocket", "Bottlerocket"},
                                                            {"cos", "Container-Optimized OS"}};
  return kNames;
}

}  // namespace

std::string distro_label(const std::string& distro, const std::string& version) {
  if (distro.empty()) return "";
  auto it = display_names().find(distro);
  std::string name = it == display_names().end() ? distro : it->second;
  return version.empty() ? name : name + " " + version;
}

std::string identity_label(const TargetReport& t) {
  std::string release = t.observed_kernel.empty() ? t.kernel_release : t.observed_kernel;
  const std::string& version = t.kernel_package_version;
  if (!version.empty() && release.find(version) == std::string::npos) {
    release = release.empty() ? version : release + " (" + version + ")";
  }
  std::string distro = distro_label(t.distro, t.distro_version);
  if (distro.empty() || release.empty()) return distro + release;
  return distro + " · " + release;
}

}  // namespace bpfcompat::report
