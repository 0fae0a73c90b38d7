#!/bin/sh
# make check: run the unit tests and the interop tests and close with one
# line "N passed, N failed" over both.  B names the build directory.
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
log=$(mktemp "${TMPDIR:-/tmp}/ugit-check.XXXXXX") || exit 1
trap 'rm -f "$log" "$log.i"' EXIT

echo "== unit tests"
"$B/unit-tests" --jobs 2 2>&1 | tee "$log"
syn=$(grep 'Synthesis:' "$log" | tail -n 1)
upass=$(echo "$syn" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
ufail=$(echo "$syn" | sed -n 's/.*Failing: \([0-9]*\).*Crashing: \([0-9]*\).*/\1 \2/p')
if [ -z "$upass" ]; then
	echo "unit-tests did not report a summary"
	upass=0 ufail="1 0"
fi
ufail=$(( ${ufail% *} + ${ufail#* } ))

echo "== interop tests"
UGIT=$(pwd)/$B/ugit scripts/run-interop.sh >"$log.i" 2>&1
irc=$?
cat "$log.i"
ipass=$(grep -c '^ok ' "$log.i")
ifail=$(grep -c '^not ok ' "$log.i")
# a test file that died before reporting counts as a failure too
if [ "$irc" != 0 ] && [ "$ifail" = 0 ]; then ifail=1; fi

pass=$((upass + ipass)) failed=$((ufail + ifail))
echo "$pass passed, $failed failed"
[ "$failed" = 0 ]
