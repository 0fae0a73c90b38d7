#!/bin/sh
# t1400: update-ref - create, update and delete refs with old values, through
# HEAD and --no-deref, loose and packed; reflogs byte for byte; held locks,
# directory/file conflicts and bad names with git's messages; --stdin.
. "$(dirname "$0")/lib.sh"
setup_twins

# refs_agree DESC: git sees the same refs and the same reflogs in both.
refs_agree() {
	expect_git_agrees "$1: for-each-ref" for-each-ref
	expect_git_agrees "$1: HEAD" symbolic-ref -q HEAD
	same_file "$1" logs/HEAD
}

in_both '"$REAL_GIT" commit -q --allow-empty -m one && "$REAL_GIT" tag -a -m ann v1'
tick
in_both '"$REAL_GIT" commit -q --allow-empty -m two'
C1=$(git -C "$B" rev-parse HEAD~1) C2=$(git -C "$B" rev-parse HEAD)

# ---- creating and updating
tick
expect_same_err 'create a branch' update-ref refs/heads/x "$C1"
same_file 'new branch reflog' logs/refs/heads/x
expect_same_err 'update with a message' update-ref -m '  moved   by hand ' refs/heads/x "$C2"
same_file 'message reflog' logs/refs/heads/x
expect_same_err 'a ref name as the value' update-ref refs/heads/y master
expect_same_err 'a tag object is no branch' update-ref refs/heads/y2 v1
expect_same_err 'a tag object through HEAD' update-ref HEAD v1
expect_same_err 'a tag object for a tag ref' update-ref refs/tags/t3 v1
expect_same_err 'a missing object' update-ref refs/tags/t4 1234567890123456789012345678901234567890
expect_same_err 'deep new directories' update-ref refs/heads/a/b/c "$C1"
expect_same_err 'a tag: no reflog' update-ref refs/tags/t "$C1"
check 'no reflog for a tag' "[ ! -e '$A/.git/logs/refs/tags/t' ]"
expect_same_err '--create-reflog' update-ref --create-reflog refs/tags/t2 "$C1"
same_file 'created tag reflog' logs/refs/tags/t2
expect_same_err 'one-level all-caps ref' update-ref MY_HEAD "$C1"
refs_agree 'after creating'

# ---- old values
expect_same_err 'old value matches' update-ref refs/heads/x "$C1" "$C2"
expect_same_err 'old value mismatch' update-ref refs/heads/x "$C2" "$C2"
expect_same_err 'must not exist, but does' update-ref refs/heads/x "$C2" ''
expect_same_err 'must not exist, and does not' update-ref refs/heads/new "$C2" ''
expect_same_err 'expected but missing' update-ref refs/heads/missing "$C2" "$C1"
check 'no directory left by a failed create' "[ ! -e '$A/.git/refs/heads/missing' ]"
expect_same_err 'bad new value' update-ref refs/heads/x nothex
expect_same_err 'bad old value' update-ref refs/heads/x "$C1" nothex
expect_same_err 'empty message' update-ref -m '' refs/heads/x "$C1"
refs_agree 'after old values'

# ---- through HEAD, and HEAD's reflog
tick
expect_same_err 'through HEAD' update-ref -m 'via head' HEAD "$C1"
same_file 'branch reflog through HEAD' logs/refs/heads/master
expect_same_err 'the branch HEAD points to' update-ref -m direct refs/heads/master "$C2"
expect_same_err 'unchanged value' update-ref -m same refs/heads/master "$C2"
same_file 'unchanged: branch reflog' logs/refs/heads/master
expect_same_err 'HEAD old value mismatch' update-ref HEAD "$C1" "$C1"
expect_same_err '--no-deref detaches' update-ref --no-deref -m detach HEAD "$C1"
refs_agree 'after HEAD'
expect_git_agrees 'git reflog reads HEAD' reflog
expect_git_agrees 'git reflog reads a branch' reflog show refs/heads/x
in_both '"$REAL_GIT" symbolic-ref HEAD refs/heads/master'

# ---- deleting
expect_same_err 'delete a loose ref' update-ref -d refs/heads/a/b/c
check 'empty directories are pruned' "[ ! -e '$A/.git/refs/heads/a' ] && [ ! -e '$A/.git/logs/refs/heads/a' ]"
expect_same_err 'delete with a wrong old value' update-ref -d refs/heads/x "$C2"
expect_same_err 'delete with the right old value' update-ref -d refs/heads/x "$C1"
expect_same_err 'delete what does not exist' update-ref -d refs/heads/nothing
expect_same_err 'a null new value deletes' update-ref refs/heads/y 0000000000000000000000000000000000000000
refs_agree 'after deleting'
in_both '"$REAL_GIT" update-ref refs/heads/p1 HEAD && "$REAL_GIT" update-ref refs/heads/p/2 HEAD~1 && "$REAL_GIT" tag light HEAD && "$REAL_GIT" pack-refs --all'
expect_same_err 'delete a packed ref' update-ref -d refs/heads/p1
same_file 'packed-refs rewritten' packed-refs
expect_same_err 'delete an annotated tag (peeled line)' update-ref -d refs/tags/v1
same_file 'peeled line gone' packed-refs
expect_same_err 'update a packed ref' update-ref refs/heads/p/2 "$C2"
expect_same_err 'delete it, loose and packed' update-ref -d refs/heads/p/2
same_file 'packed-refs after both' packed-refs
expect_same 'show-ref after packed deletes' show-ref -d
expect_same_err 'delete through HEAD' update-ref -d -m gone HEAD
refs_agree 'after packed deletes'
expect_same_err 'recreate the branch HEAD names' update-ref refs/heads/master "$C1"
same_file 'HEAD reflog records it' logs/HEAD

# ---- held locks change nothing
in_both ': >.git/refs/heads/master.lock'
expect_same_err_p 'stale lock' update-ref refs/heads/master "$C2"
expect_same_err_p 'stale lock through HEAD' update-ref HEAD "$C2"
expect_unchanged 'a stale lock' "'$UGIT' update-ref refs/heads/master $C2"
check 'the stale lock is kept' "[ -e '$A/.git/refs/heads/master.lock' ]"
in_both 'rm .git/refs/heads/master.lock && : >.git/HEAD.lock'
expect_same_err_p 'HEAD.lock blocks its branch' update-ref refs/heads/master "$C2"
in_both 'rm .git/HEAD.lock'
refs_agree 'after locks'

# ---- directory/file conflicts and bad names
expect_same_err 'file in the way of a directory' update-ref refs/heads/master/sub "$C1"
in_both '"$REAL_GIT" update-ref refs/heads/d/e "$C1"'
expect_same_err 'directory in the way of a file' update-ref refs/heads/d "$C1"
in_both '"$REAL_GIT" pack-refs --all'
expect_same_err 'packed ref in the way' update-ref refs/heads/d/e/f "$C1"
expect_same_err 'packed refs below' update-ref refs/heads/d "$C1"
for bad in refs/heads/a..b refs/heads/x.lock 'refs/heads/sp ace' 'refs/heads/q?' refs/heads/@{u}; do
	expect_same_err "bad name $bad" update-ref "$bad" "$C1"
done
refs_agree 'after refusals'

# ---- usage
expect_same 'no arguments' update-ref
expect_same 'one argument' update-ref refs/heads/x
expect_same 'too many' update-ref refs/heads/x "$C1" "$C1" extra
expect_same '-d with too many' update-ref -d refs/heads/x "$C1" extra
expect_same 'unknown option' update-ref --bogus refs/heads/x "$C1"
expect_same '-z without --stdin' update-ref -z refs/heads/x "$C1"

# ---- --stdin
stdin_same() {	# stdin_same DESC INPUT [OPTIONS...]
	_d=$1; printf "$2" >"$W/in"; shift 2
	(cd "$B" && "$REAL_GIT" update-ref "$@" --stdin) <"$W/in" >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$A" && "$UGIT" update-ref "$@" --stdin) <"$W/in" >"$W/act.out" 2>"$W/act.err"; _ar=$?
	_cmp_err "$_d" cat
}
tick
stdin_same 'stdin: create, update, delete' "create refs/heads/s1 $C1\nupdate refs/heads/s2 $C2\nupdate refs/heads/d/e $C2 $C1\ndelete refs/heads/p/2\n" -m batch
stdin_same 'stdin: verify' "verify refs/heads/s1 $C1\nverify refs/heads/nope\n"
stdin_same 'stdin: a failing verify changes nothing' "update refs/heads/s1 $C2\nverify refs/heads/s2 $C1\n"
stdin_same 'stdin: create over an existing ref' "create refs/heads/s1 $C2\n"
stdin_same 'stdin: two updates of one ref' "update refs/heads/s1 $C2\nupdate refs/heads/s1 $C1\n"
stdin_same 'stdin: unknown command' "bogus x\n"
stdin_same 'stdin: empty line' "\n"
stdin_same 'stdin: missing new value' "update refs/heads/s1\n"
stdin_same 'stdin: bad new value' "update refs/heads/s1 nothex\n"
stdin_same 'stdin: zero new value for create' "create refs/heads/q 0000000000000000000000000000000000000000\n"
stdin_same 'stdin: zero old value for delete' "delete refs/heads/s1 0000000000000000000000000000000000000000\n"
stdin_same 'stdin: extra input' "update refs/heads/s1 $C1 $C1 extra\n"
stdin_same 'stdin: bad ref name' "update refs/heads/a..b $C1\n"
stdin_same 'stdin: missing ref' "update  refs/heads/s1 $C1\n"
stdin_same 'stdin: no final newline' "update refs/heads/s1 $C1"
stdin_same 'stdin: empty old value means none yet' "update refs/heads/s1 $C2 \n"
stdin_same 'stdin: option no-deref' "option no-deref\nupdate HEAD $C2\n"
stdin_same 'stdin: unknown option' "option bogus\n"
stdin_same 'stdin -z' "update refs/heads/z1\000$C1\000\000create refs/heads/z2\000$C2\000delete refs/heads/s2\000\000" -z
stdin_same 'stdin -z: truncated' "update refs/heads/z1\000$C2" -z
stdin_same 'stdin with arguments' "" refs/heads/x
refs_agree 'after --stdin'
same_file 'reflog of a --stdin branch' logs/refs/heads/s1
expect_git_agrees 'git reflog after everything' reflog

# ---- core.logAllRefUpdates
in_both '"$REAL_GIT" config core.logAllRefUpdates always'
expect_same_err 'always: tags get reflogs' update-ref refs/tags/logged "$C1"
same_file 'always' logs/refs/tags/logged
in_both '"$REAL_GIT" config core.logAllRefUpdates false'
expect_same_err 'false: no new reflog' update-ref refs/heads/quiet "$C1"
check 'false means no reflog' "[ ! -e '$A/.git/logs/refs/heads/quiet' ]"
in_both '"$REAL_GIT" config core.logAllRefUpdates nonsense'
expect_same_err 'a bad setting is fatal' update-ref refs/heads/quiet "$C2"
in_both '"$REAL_GIT" config --unset core.logAllRefUpdates'

# ---- concurrent writers with old values lose no update (ugit twin only)
(cd "$A" && "$UGIT" update-ref refs/heads/race "$C1")
for w in 1 2 3 4; do
	(cd "$A" && n=0 && for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		cur=$("$UGIT" rev-parse refs/heads/race)
		if [ "$cur" = "$C1" ]; then next=$C2; else next=$C1; fi
		"$UGIT" update-ref -m flip refs/heads/race "$next" "$cur" 2>/dev/null && n=$((n + 1))
	done; echo "$n" >"$W/race.$w") &
done
wait
won=$(cat "$W"/race.* | awk '{ s += $1 } END { print s }')
check 'every success is one reflog line' \
	"[ \$(wc -l <'$A/.git/logs/refs/heads/race') = $((won + 1)) ]"
check 'each entry starts where the last ended' \
	"awk 'NR > 1 && \$1 != prev { exit 1 } { prev = \$2 }' '$A/.git/logs/refs/heads/race'"
check 'no lock is left behind' "[ -z \"\$(find '$A/.git' -name '*.lock')\" ]"

fsck_ok
finish
