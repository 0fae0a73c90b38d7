#!/bin/sh
# t0000: the dispatcher - version, help, usage errors, unknown commands,
# and running outside any repository.
. "$(dirname "$0")/lib.sh"
setup_scratch

expect_same_err1 'unknown command' nope
check 'no command prints usage, exit 1' '(cd "$A" && "$UGIT"; [ $? = 1 ]) | grep -q "^usage: "'
check '--version names the program' '"$UGIT" --version | grep -Eq "^(u?git) version [0-9]"'
check 'version equals --version' '[ "$("$UGIT" version)" = "$("$UGIT" --version)" ]'
for c in cat-file hash-object init ls-tree rev-parse config fsck; do
	# usage goes to stdout with exit 129, even outside a repository
	(cd "$B" && "$REAL_GIT" $c -h) >"$W/exp.out" 2>&1; _er=$?
	(cd "$A" && "$UGIT" $c -h) >"$W/act.out" 2>&1; _ar=$?
	[ "$_er" = "$_ar" ] && grep -q "^usage: u*git $c" "$W/act.out"
	_report "$c -h prints usage, exit 129 (git=$_er ugit=$_ar)" $?
done
expect_same_err 'cat-file outside a repository' cat-file -t HEAD
expect_same_err 'ls-tree outside a repository' ls-tree HEAD
expect_same_err 'fsck outside a repository' fsck
expect_same_err1 'unknown global option' --bogus-option
expect_same_err '-C to a missing directory' -C "$W/missing" cat-file -t HEAD
if ! self_check; then
	# ugit's help prints usage text; git's opens the manual
	check 'help <cmd> prints that usage' '"$UGIT" help cat-file | grep -q "^usage: ugit cat-file"'
	expect_ugit 'help of an unknown command fails' 1 help nope
fi
finish
