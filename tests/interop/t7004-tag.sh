#!/bin/sh
# t7004: tag - listing (sorted, glob patterns, -n), lightweight and
# annotated tags (ids equal to git's), -f, -d, and git's errors: invalid
# names, existing tags, missing objects, nested tags, a stale lock.
. "$(dirname "$0")/lib.sh"
setup_twins


# the refs, the tag objects and the listing, as git sees each twin
same_state() {
	expect_git_agrees "$1: for-each-ref" for-each-ref
	expect_git_agrees "$1: git tag -l" tag -l
	expect_git_agrees "$1: tag objects" for-each-ref --format='%(objecttype) %(refname)%0a%(contents)' refs/tags
	expect_git_agrees "$1: no tag reflogs" -c core.abbrev=7 for-each-ref --format='%(refname)' refs/tags
	check "$1: no reflog under logs/refs/tags" '! ls "$A/.git/logs/refs/tags" 2>/dev/null | grep .'
}

expect_same 'no tags: nothing listed' tag
expect_same_err 'no commit yet' tag v0
in_both 'echo one >f && "$REAL_GIT" add f && "$REAL_GIT" commit -q -m "first commit"'
tick
in_both 'echo two >f && "$REAL_GIT" commit -q -a -m "second commit

with a body"'

# creating
expect_same 'lightweight on HEAD' tag v1.0
expect_same 'lightweight on HEAD~1' tag v0.9 HEAD~1
expect_same 'annotated with -a -m' tag -a -m "release one" r1
tick
expect_same '-m alone implies -a' tag -m "  release two  

#not a comment in -m? it is stripped
trailing   " r2 HEAD~1
printf 'from a file\n\n\n# comment\nmore\n' >"$W/msg"
expect_same '-F <file>' tag -F "$W/msg" r3
printf 'stdin msg\n' >"$W/stdin"
expect_stdin_same '-a -F -' "$W/stdin" tag -a -F - r4
expect_same '-m twice' tag -m one -m two r5
expect_same 'empty -m is allowed' tag -m "" r6
expect_same '-F with an empty file' tag -F /dev/null r7
expect_same 'tag of a tree' tag -m tree t-tree HEAD^{tree}
expect_same 'tag of a blob' tag blob-light HEAD:f
expect_same 'annotated tag of a blob' tag -a -m blob t-blob HEAD:f
expect_same 'a name with slashes' tag -m nested rel/x/y
same_state 'after creating'
expect_git_agrees 'annotated objects byte for byte' cat-file -p r2
expect_git_agrees 'empty message object' cat-file -p r6
expect_git_agrees 'tree tag object' cat-file -p t-tree

# nested tags give git's hint
expect_same_err 'nested tag hint' tag -m outer outer r1
in_both '"$REAL_GIT" config advice.nestedTag false'
expect_same_err 'nested tag without advice' tag -m outer2 outer2 r1
in_both '"$REAL_GIT" config --unset advice.nestedTag'
expect_same_err 'lightweight tag of a tag has no hint' tag light-of-r1 r1

# listing
expect_same 'list' tag
expect_same 'list -l' tag -l
expect_same 'list --list' tag --list
expect_same 'pattern' tag -l 'r*'
expect_same 'patterns' tag -l 'v*' 'r[12]'
expect_same 'pattern crosses slash' tag -l 'rel*'
expect_same 'no match' tag -l 'zzz*'
expect_same '-n' tag -n
expect_same '-n3' tag -n3
expect_same '-n0' tag -n0
expect_same '-n with a pattern' tag -n2 'r*'
expect_same '-l -n2' tag -l -n2 'v*'

# errors
expect_same_err 'existing tag' tag v1.0
expect_same_err 'existing annotated tag' tag -m x r1
for bad in a..b 'a b' -x 'x.lock' 'x~1' 'x^' 'x:y' '@' 'x/' '.x' 'x@{1}' 'a//b'; do
	expect_same_err "invalid name '$bad'" tag -- "$bad"
done
expect_same_err 'missing commit' tag v2 nope
expect_same_err 'missing full id' tag v2 1234567890123456789012345678901234567890
expect_same_err 'missing full id, annotated' tag -m x v2 1234567890123456789012345678901234567890
expect_same_err 'too many arguments' tag a b c
expect_same_err '-m and -F' tag -m x -F "$W/msg" both
expect_same_err 'unreadable -F' tag -F "$W/nonexistent" nofile
expect_same_err '-n outside list mode' tag -n -d v1.0
expect_same_err '-n with a word' tag -nfoo
expect_same_err '-n with a trailing word' tag -n2x
expect_same_err '-l then -d' tag -l -d v1.0
expect_same_err '-d then --list' tag -d --list v1.0
expect_same '-l -l is fine' tag -l -l 'v*'
for opts in -a -f '-m x' "-F $W/msg" '-l -a' '-d -f v1.0' '-n -m x'; do
	expect_same "creation options in list or delete mode: $opts" tag $opts
done
same_state 'after errors'

# -f
expect_same_err '-f to the same value' tag -f v1.0
expect_same_err '-f moves a tag' tag -f v1.0 HEAD~1
tick
expect_same_err '-f annotated replaces' tag -f -m again r1
expect_same_err '-f a new tag' tag -f brand-new
same_state 'after -f'

# deleting
expect_same_err 'delete one' tag -d v0.9
expect_same_err 'delete an annotated one' tag -d r2
expect_same_err 'delete a missing one' tag -d nope
expect_same_err 'delete several, one missing' tag --delete r3 nope r4
in_both '"$REAL_GIT" tag l1 && "$REAL_GIT" tag l2 && touch .git/refs/tags/l1.lock'
expect_same_err_p 'delete two, one locked' tag -d l1 l2
in_both 'rm .git/refs/tags/l1.lock'
expect_same_err 'delete nothing' tag -d
expect_same_err 'delete a bad name' tag -d a..b
in_both '"$REAL_GIT" pack-refs --all'
expect_same_err 'delete a packed tag' tag -d r5
expect_same_err 'list with packed tags' tag -n
expect_same_err 'existing packed tag' tag r6
same_state 'after deleting'

# broken refs and missing objects
in_both 'echo broken >.git/refs/tags/broken'
expect_same_err 'a broken tag is ignored in the list' tag
expect_same_err 'and with -n' tag -n
in_both 'rm .git/refs/tags/broken && echo 1234567890123456789012345678901234567890 >.git/refs/tags/gone'
expect_same_err 'a tag of a missing object is listed' tag -l
expect_same_err 'but -n dies' tag -n
expect_same_err 'and it can be deleted' tag -d gone

# a stale lock on a tag's ref
in_both 'touch .git/refs/tags/locked.lock'
expect_same_err_p 'stale lock on create' tag locked
expect_same_err_p 'stale lock on -f' tag -f -m x locked
in_both 'rm .git/refs/tags/locked.lock && "$REAL_GIT" tag locked && touch .git/refs/tags/locked.lock'
expect_same_err_p 'stale lock on delete' tag -d locked
in_both 'rm .git/refs/tags/locked.lock'
same_state 'after the lock'

# core.logAllRefUpdates=always logs tags too, with git's message
in_both '"$REAL_GIT" config core.logAllRefUpdates always'
expect_same 'logged lightweight' tag logged
expect_same 'logged annotated' tag -m "logged" logged-a HEAD~1
expect_same 'logged tag of a tree' tag -m tree logged-t HEAD^{tree}
expect_same 'logged tag of a blob' tag logged-b HEAD:f
expect_same 'logged tag of a tag' tag -m nested logged-n r1
for t in logged logged-a logged-t logged-b logged-n; do
	check "reflog of $t byte for byte" "cmp '$B/.git/logs/refs/tags/$t' '$A/.git/logs/refs/tags/$t'"
done
check 'the reflog names the commit' "grep -q 'tag: tagging [0-9a-f]\{7\} (first commit, 2005-04-07)' '$A/.git/logs/refs/tags/logged-a'"
in_both '"$REAL_GIT" config --unset core.logAllRefUpdates'

# strict identity for the tagger, lax for lightweight tags
GIT_COMMITTER_NAME=
expect_same_err 'empty committer name: no annotated tag' tag -m x noname
expect_same_err 'empty committer name: a lightweight tag is fine' tag light-noname
GIT_COMMITTER_NAME='C O Mitter'
expect_git_agrees 'after identity errors' for-each-ref

# one transaction: a tag named twice refuses the whole deletion; a missing
# name is reported each time it is given
in_both '"$REAL_GIT" tag twice && "$REAL_GIT" tag twice2'
expect_same_err 'a name given twice: nothing deleted' tag -d twice2 nope twice twice2 twice
expect_git_agrees 'a name given twice: both tags still there' for-each-ref
expect_same_err 'a missing name given twice' tag -d nope nope twice2
expect_git_agrees 'a missing name given twice: the other deleted' for-each-ref

if ! self_check; then
	expect_ugit 'no editor: -a without a message' 128 tag -a noeditor
fi
fsck_ok
finish
