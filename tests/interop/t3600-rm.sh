#!/bin/sh
# t3600: rm - index and work tree, --cached, -r, -f, -n, -q,
# --ignore-unmatch, git's safety checks and messages, empty parent
# directories removed, running from a subdirectory.
. "$(dirname "$0")/lib.sh"
setup_twins

same_index() {
	expect_git_agrees "index after $1" ls-files -s
}
same_files() {	# the work trees hold the same paths
	(cd "$B" && find . -path ./.git -prune -o -print | sort) >"$W/exp.out"
	(cd "$A" && find . -path ./.git -prune -o -print | sort) >"$W/act.out"
	cmp -s "$W/exp.out" "$W/act.out"
	_report "work tree after $1" $?
}

in_both 'mkdir -p d/e/f g && echo 1 >a && echo 2 >b && echo 3 >d/e/f/x &&
	echo 4 >d/y && echo 5 >g/z && echo 6 >"ü" && ln -s a l && echo 7 >c &&
	git add . && git commit -q -m base'

expect_same_err 'no pathspec' rm
expect_same_err 'missing path' rm nope
expect_same_err 'missing path with others' rm a nope
expect_same '--ignore-unmatch' rm --ignore-unmatch nope
expect_same_err 'directory without -r' rm d
expect_same_err '. without -r' rm .
expect_same_err1 'bad option' rm --bogus
same_index 'refusals'

expect_same 'rm one file' rm a
same_index 'rm a'
same_files 'rm a'
expect_same 'rm a symlink and a unicode name' rm l "ü"
same_index 'rm l'
expect_same 'rm -n lists, removes nothing' rm -n -r d
same_index 'rm -n'
same_files 'rm -n'
expect_same 'rm -r removes empty parents' rm -r d/e
same_files 'rm -r d/e'
same_index 'rm -r d/e'
expect_same 'rm --cached keeps the file' rm --cached b
same_files 'rm --cached'
same_index 'rm --cached'
expect_same 'rm -q is quiet' rm -q g/z
same_files 'rm -q'
in_both 'rm c'
expect_same 'rm of a file already deleted' rm c
same_index 'rm of a deleted file'
in_both 'git reset -q --hard && git clean -fdq'

# safety checks
in_both 'echo local >>a'
expect_same_err 'local modifications' rm a
expect_same 'local modifications, --cached is fine' rm --cached a
in_both 'git reset -q && echo staged >>b && git add b'
expect_same_err 'changes staged in the index' rm b
in_both 'echo more >>b'
expect_same_err 'staged content different from both' rm b
expect_same_err 'different from both, --cached' rm --cached b
expect_same_err 'several files, all three kinds' rm a b d/y
in_both 'echo more >>d/y'
expect_same_err 'plural forms' rm a d/y
expect_same_err 'checks apply to -n too' rm -n a
same_index 'safety refusals'
expect_same 'rm -f overrides' rm -f a b
same_index 'rm -f'
same_files 'rm -f'
in_both 'echo n >n && git add n'
expect_same_err 'a new file has changes staged' rm n
expect_same 'rm -f a new file' rm -f n

# globs and subdirectories
in_both 'git reset -q --hard && mkdir -p s/t && echo 1 >s/t/k.c && echo 2 >s/m.c && echo 3 >top.c && git add . && git commit -q -m more'
expect_same 'glob crosses directories' rm -n '*.c'
expect_same 'rm from a subdirectory' -C s rm m.c
expect_same 'rm -r . from a subdirectory' -C s rm -r .
same_files 'rm in subdirectory'
same_index 'rm in subdirectory'
expect_same 'outside the repository' rm -q ../x

# a stale lock: refused, nothing changes
in_both 'touch .git/index.lock'
expect_same 'stale index.lock refused' rm top.c
expect_unchanged 'stale index.lock' '"$UGIT" rm top.c'
check 'top.c is still there' 'test -f "$A/top.c"'
in_both 'rm .git/index.lock'
same_index 'stale lock'
fsck_ok
finish
