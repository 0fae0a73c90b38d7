#!/bin/sh
# t3700: add - files, directories, ".", -A, -u, -f, -n, -v; exec bits,
# symlinks, deletions, ignored files, unicode names, bad paths, a
# subdirectory, a stale index.lock.  After every step git must see the
# same index in both twins.
. "$(dirname "$0")/lib.sh"
setup_twins

same_index() {	# same_index STEP: git lists identical indexes in both twins
	expect_git_agrees "index after $1" ls-files -s
}

# expect_same_err_top DESC ARGS...: as expect_same_err, with each twin's
# own path replaced by TOP (git names the work tree in some messages).
expect_same_err_top() {
	_d=$1; shift
	_run_both "$@"
	sed "s|$B|TOP|g" "$W/exp.err" >"$W/exp.err2"
	sed -e "s|$A|TOP|g" -e 's/\bugit\b/git/g' "$W/act.err" >"$W/act.err2"
	[ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out" &&
		cmp -s "$W/exp.err2" "$W/act.err2"
	_report "$_d (exit git=$_er ugit=$_ar)" $? "$W/exp.err2" "$W/act.err2"
}

# index_untouched DESC CMD: CMD leaves .git/index and every object as they were.
index_untouched() {
	_snap() { (cd "$A" && find .git/index .git/objects -type f -exec ls -l --time-style=+%s.%N {} + | sort); }
	_snap >"$W/exp.out"
	(cd "$A" && eval "$2") >/dev/null 2>&1
	_snap >"$W/act.out"
	cmp -s "$W/exp.out" "$W/act.out"
	_report "$1 leaves the index and objects untouched" $?
}

# Files dated in the past: no entry is racy, so an add that changes
# nothing must leave the index file alone (git does).
in_both 'mkdir -p sub/deep other build &&
	echo one >a && echo two >sub/b && echo three >sub/deep/c &&
	printf "#!/bin/sh\n" >run.sh && chmod +x run.sh &&
	ln -s a link && ln -s /nonexistent dangling &&
	printf "u\n" >"sub/ünï" && echo o >other/o &&
	printf "*.o\nbuild/\n" >.gitignore && echo x >x.o && echo b >build/out &&
	touch -h -d "2020-01-01 00:00:00" $(find . -path ./.git -prune -o -print)'

expect_same_err 'nothing specified' add
expect_same_err '-A and -u together' add -A -u
expect_same 'add one file' add a
same_index 'add a'
expect_same 'add -n lists without adding' add -n sub
same_index 'add -n'
expect_same 'add a directory, verbose' add -v sub
same_index 'add sub'
expect_same 'add . (exec bit, symlinks, unicode)' add .
same_index 'add .'
check 'run.sh is staged as 100755' 'git -C "$A" ls-files -s run.sh | grep -q "^100755 "'
check 'link is staged as 120000' 'git -C "$A" ls-files -s link | grep -q "^120000 "'
index_untouched 'add -A with nothing changed' '"$UGIT" add -A'
index_untouched 'add . with nothing changed' '"$UGIT" add .'

# an ignored file named on the command line is refused; the others go in
in_both 'echo new >new'
expect_same_err 'ignored file refused' add x.o new
same_index 'refused ignored file'
expect_same_err 'file inside an ignored directory' add build/out
expect_same_err 'ignored file with -n' add -n x.o
expect_same 'ignored file with -f' add -f x.o
same_index 'add -f'
expect_same 'a glob does not add ignored files' add '*.o'
in_both 'git config advice.addIgnoredFile false'
expect_same_err 'advice switched off' add build
in_both 'touch sub/q.o'
expect_same_err 'directory with only ignored files adds nothing' add sub/deep

# modifications and deletions
in_both 'echo more >>a && rm sub/b && echo four >sub/deep/d && chmod -x run.sh &&
	rm link && ln -s sub link'
expect_same 'add -u -n' add -u -n
expect_same 'add -u stages changes and deletions, not new files' add -u
same_index 'add -u'
expect_same 'add -A -v' add -A -v
same_index 'add -A'
in_both 'rm -r sub/deep && echo e >e'
expect_same 'add of a deleted directory stages the deletion' add sub/deep
same_index 'deleted directory'
expect_same 'add of a deleted file' add -v e
in_both 'rm a'
expect_same 'add of a deleted file by name' add a
same_index 'deleted file'
in_both 'mkdir a && echo f >a/f'
expect_same 'a file replaced by a directory' add -A
same_index 'file to directory'

# where git refuses
expect_same_err 'missing path' add nope
expect_same_err 'missing path stops the others' add e nope
expect_same_err 'empty pathspec' add ''
expect_same_err_top 'path outside the work tree' add ../x
expect_same_err_top 'absolute path outside' add /tmp
expect_same_err 'path beyond a symbolic link' add link/x
expect_same '.git paths are skipped' add .git/config
expect_same '.git itself is skipped' add .git
same_index '.git paths'
expect_same_err1 'bad option' add --bogus

# from a subdirectory: the pathspec is relative to it, output to the top
in_both 'echo s >sub/s && echo t >other/t'
expect_same 'add -n . from a subdirectory' -C sub add -n .
expect_same 'add ../other from a subdirectory' -C sub add -v ../other
expect_same_err_top 'outside, from a subdirectory' -C sub add ../../x
expect_same 'add -A from a subdirectory is the whole tree' -C sub add -A -v
same_index 'subdirectory'

# an embedded repository is not descended into; with a commit it is a gitlink
in_both 'mkdir inner && git -C inner init -q && echo i >inner/i'
in_both 'echo z >z'
expect_same 'add z with an embedded repository around' add z
expect_same_err 'an embedded repository without a commit' add -n .
expect_same_err 'the same, for real' add inner
same_index 'embedded repository without a commit'
in_both 'git -C inner add i && git -C inner commit -q -m i'
expect_same 'add -n of an embedded repository' add -n inner
expect_same_err 'add of an embedded repository warns' add inner
same_index 'gitlink'

# a stale index.lock: git's message, exit 128, nothing changes
in_both 'echo late >late && touch .git/index.lock'
(cd "$B" && "$REAL_GIT" add late) >"$W/exp.out" 2>"$W/exp.err"; _er=$?
(cd "$A" && "$UGIT" add late) >"$W/act.out" 2>"$W/act.err"; _ar=$?
sed "s|$B|TOP|" "$W/exp.err" >"$W/exp.out"
sed "s|$A|TOP|" "$W/act.err" >"$W/act.out"
[ "$_er" = 128 ] && [ "$_ar" = 128 ] && cmp -s "$W/exp.out" "$W/act.out"
_report "stale index.lock refused with git's message (exit git=$_er ugit=$_ar)" $?
expect_unchanged 'stale index.lock' '"$UGIT" add late'
check 'the lock is left in place' 'test -f "$A/.git/index.lock"'
in_both 'rm .git/index.lock'
same_index 'stale lock'

expect_same 'add -n . lists everything new' add -n .
expect_same 'final add .' add .
same_index 'the end'
fsck_ok
finish
