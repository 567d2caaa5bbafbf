#!/bin/sh
# Stands in for qemu-system-x86_64 in kernel_boot tests. Takes the real argv; the behaviour is
# chosen by a word in the -append string: fake=end (result + end record, then hang until
# killed), fake=exit (result without end record, exit 7), fake=hang, fake=console (100 console
# lines, then end record and exit 0). Writes its pid to <results>.pid.
. "$(dirname "$0")/../fake_qemu_argv.sh"
echo $$ > "$results.pid"
: > "$console"; : > "$results"
echo "fake qemu starting" >&2
case "$append" in
  *fake=end*)
    printf '{"type":"hello"}\n' >> "$results"
    printf '{"type":"end"}\n' >> "$results"
    sleep 30 ;;
  *fake=exit*)
    printf '{"type":"hello"}\n' >> "$results"
    exit 7 ;;
  *fake=console*)
    i=1
    while [ $i -le 100 ]; do printf 'console line %d\r\n' $i >> "$console"; i=$((i + 1)); done
    printf '{"type":"end"}\n' >> "$results"
    exit 0 ;;
  *fake=hang*)
    sleep 30 ;;
esac
