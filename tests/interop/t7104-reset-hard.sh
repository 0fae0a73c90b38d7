#!/bin/sh
# t7104: reset --hard - the index and the work tree made to match a commit:
# modified files rewritten, files that leave removed (and the directories
# they empty), untracked files kept, modes and symlinks restored; "HEAD is
# now at"; ORIG_HEAD, reflog and merge state; an unborn HEAD; refusals.
# And reset --keep: the same move, refused where it would lose local work.
. "$(dirname "$0")/lib.sh"
setup_twins

same_tree() {	# same paths, file types, modes and contents in both work trees
	worktrees_agree
	_report "work tree after $1" $?
}
same_state() {
	expect_git_agrees "HEAD after $1" rev-parse HEAD
	expect_git_agrees "index after $1" ls-files -s
	expect_git_agrees "status after $1" status --porcelain --untracked-files=all
	# diff-files trusts the stat data: it shows where it was not refreshed
	expect_git_agrees "stat data after $1" diff-files --name-status
	same_file "$1" ORIG_HEAD
	same_file "$1" logs/HEAD
	same_tree "$1"
}

# --- an unborn HEAD: --hard empties index and work tree of tracked files ---
in_both 'echo a >a && echo u >untracked && git add a'
expect_same '--hard on an unborn branch' reset --hard
expect_git_agrees 'index emptied' ls-files -s
same_tree 'unborn --hard'
in_both 'rm -f untracked'

# --- history ------------------------------------------------------------------
in_both 'mkdir -p d/e && echo a >a && echo b >b && echo c >d/c && echo x >d/e/x &&
	printf "#!/bin/sh\n" >run && chmod +x run && ln -s a link &&
	git add . && git commit -q -m one'
tick
in_both 'echo a2 >a && git rm -q -r d/e b && chmod -x run && rm link && ln -s b link &&
	mkdir f && echo g >f/g && git add . && git commit -q -m "two" -m "with a body"'
tick
in_both 'printf "three\nsecond line of the subject\n\nbody\n" >msg &&
	echo a3 >a && git add a && git commit -q -F msg && rm msg'
C1=$(git -C "$B" rev-parse HEAD~2) C2=$(git -C "$B" rev-parse HEAD~1) C3=$(git -C "$B" rev-parse HEAD)

expect_same '--hard with nothing changed' reset --hard
same_state '--hard HEAD'
expect_same '--hard to the first commit brings files back' reset --hard "$C1"
same_state '--hard C1'
expect_same '--hard forward removes what leaves' reset --hard "$C3"
same_state '--hard C3'
expect_same '-q --hard is quiet' reset -q --hard HEAD~1
same_state '-q --hard'
expect_same '--hard HEAD~ by its short name' reset --hard "$C3"

# local changes of every kind are thrown away; untracked files stay
in_both 'echo local >>a && rm f/g && echo new >new && mkdir -p u/v && echo w >u/v/w &&
	echo staged >b && git add b a && chmod +x a && rm link && echo notalink >link'
expect_same '--hard discards local changes' reset --hard
same_state 'discarding'
in_both 'rm -rf new u'

# an untracked file where the commit has a tracked one is overwritten
in_both 'git rm -q --cached a && echo mine >a'
expect_same '--hard overwrites an untracked file in the way' reset --hard
same_state 'untracked in the way'

# a directory where the commit has a file, and the other way round
in_both 'git rm -q a && mkdir a && echo in >a/inside && git add a/inside'
expect_same '--hard replaces a tracked directory by the file' reset --hard
same_state 'directory to file'
in_both 'git rm -q -r f && echo file >f && git add f'
expect_same '--hard replaces a file by the tracked directory' reset --hard
same_state 'file to directory'

# --- messages -----------------------------------------------------------------
expect_same 'HEAD is now at: a subject of two lines' reset --hard "$C3"
expect_same 'HEAD is now at: a commit with a body' reset --hard "$C2"
in_both 'git tag -a -m tagged v1 "$C1"'
expect_same '--hard to an annotated tag' reset --hard v1
same_state '--hard v1'
in_both 'git reset -q --hard "$C3"'

# --- merge state, detached HEAD -----------------------------------------------
in_both 'git rev-parse HEAD >.git/MERGE_HEAD && echo m >.git/MERGE_MSG && : >.git/MERGE_MODE'
expect_same '--hard ends a merge' reset --hard
for f in MERGE_HEAD MERGE_MSG MERGE_MODE; do
	check "$f removed" "test ! -e '$A/.git/$f'"
done
in_both 'blob=$(git rev-parse HEAD:a) && git rm -q --cached a && printf "100644 %s 1\ta\n100644 %s 2\ta\n" $blob $blob | git update-index --index-info'
expect_same '--hard resolves unmerged entries' reset --hard
same_state 'unmerged'
in_both 'git checkout -q --detach HEAD'
expect_same '--hard on a detached HEAD' reset --hard HEAD~1
same_state 'detached'
in_both 'git checkout -q master'

# an orphan branch: --hard removes every tracked file, keeps the others
in_both 'git checkout -q --orphan newborn && echo u >untracked'
expect_same '--hard on an orphan branch' reset --hard
same_state 'orphan --hard'
expect_same '--hard <commit> on an orphan branch' reset --hard "$C2"
same_state 'orphan --hard C2'
in_both 'git checkout -q master && git branch -q -D newborn && rm untracked'

# --- refusals: nothing changes ------------------------------------------------
in_both 'echo local >>a'
in_both ': >.git/index.lock'
expect_same_err_p '--hard with a locked index' reset --hard HEAD~1
same_state 'locked index'
in_both 'rm .git/index.lock'
in_both ': >.git/refs/heads/master.lock'
expect_same_err_p '--hard with a locked branch: files move, HEAD cannot, no "HEAD is now at"' reset --hard HEAD~1
same_state 'locked branch'
in_both 'rm .git/refs/heads/master.lock && git reset -q --hard'
expect_same_err '--hard to a tree' reset --hard "HEAD^{tree}"
expect_same_err '--hard to nothing' reset --hard nope
same_state 'refusals'

# a commit whose tree holds a path git refuses to write
in_both 'blob=$(git rev-parse HEAD:a) &&
	bad=$(printf "100644 blob %s\t.GIT\n" $blob | git mktree) &&
	c=$(echo bad | git commit-tree $bad) && git update-ref refs/heads/bad $c'
expect_same_err '--hard to a tree with .GIT' reset --hard bad
same_state 'invalid path'
# fsck would rightly complain about the bad tree: take it away again
in_both 'for o in $(git rev-parse bad bad^{tree}); do
		rm -f .git/objects/$(echo $o | cut -c1-2)/$(echo $o | cut -c3-); done &&
	git update-ref -d refs/heads/bad'

# --- --keep: move, but keep (or refuse to lose) local changes ---------------
in_both 'git reset -q --hard "$C3"'
expect_same '--keep with nothing changed' reset --keep "$C1"
same_state '--keep C1'
in_both 'echo local >>run'
expect_same '--keep carries a change where the commits agree' reset --keep "$C2"
same_state '--keep carrying'
in_both 'echo staged >>run && git add run'
expect_same '--keep unstages a staged change it carries' reset --keep "$C3"
same_state '--keep unstaging'
in_both 'echo local >>a'
expect_same_err '--keep refuses to lose a changed file' reset --keep "$C1"
same_state '--keep refusal'
in_both 'git checkout -q -- a && echo staged >>a && git add a && git checkout -q -- a'
expect_same_err '--keep refuses to lose a staged change' reset --keep "$C1"
same_state '--keep staged refusal'
in_both 'git reset -q --hard && echo mine >b'
expect_same_err '--keep refuses to overwrite an untracked file' reset --keep "$C1"
in_both 'rm b'
expect_same_err '--keep with paths' reset --keep -- a
in_both 'git rev-parse HEAD >.git/MERGE_HEAD'
expect_same_err '--keep in the middle of a merge' reset --keep HEAD
in_both 'rm .git/MERGE_HEAD && git checkout -q --orphan newborn'
expect_same_err '--keep on an orphan branch' reset --keep
in_both 'git checkout -q -f master'
same_state '--keep errors'

fsck_ok
finish
