#!/bin/sh
# Run every tests/interop/t*.sh (or those named), print each TAP line, and
# exit non-zero if any failed.  UGIT must name the binary under test;
# UGIT=git runs the harness against git itself.
cd "$(dirname "$0")/.." || exit 1
: "${UGIT:?set UGIT to the ugit binary}"
export UGIT
fail=0
if [ $# -eq 0 ]; then set -- tests/interop/t[0-9]*.sh; fi
for t in "$@"; do
	[ -e "$t" ] || continue
	echo "# $t"
	sh "$t" || { echo "# FAILED: $t"; fail=1; }
done
exit $fail
