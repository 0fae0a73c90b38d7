#!/bin/sh
# scripts/lint.sh - advisory checks: shellcheck, cppcheck, and the longest
# functions (STYLE.md B.8 heuristic).  Prints findings; exits non-zero only
# when a tool that is installed reports an error.
cd "$(dirname "$0")/.." || exit 1
rc=0
if command -v shellcheck >/dev/null 2>&1; then
	shellcheck -s sh scripts/*.sh scripts/setup .ci/run tests/interop/*.sh || rc=1
fi
if command -v cppcheck >/dev/null 2>&1; then
	cppcheck -q --error-exitcode=1 --enable=warning,portability \
		-Iinclude -D_POSIX_C_SOURCE=200809L src || rc=1
fi
echo "longest functions (lines, file):"
awk '/^\{$/{f=1;n=0;next} /^\}$/{if(f)print n" "FILENAME;f=0;next} f{n++}' \
	src/*.c src/cmd/*.c | sort -rn | head
exit $rc
