#!/bin/sh
# t7102: reset --soft and --mixed (the default) - HEAD, the index, ORIG_HEAD,
# the reflog and the merge state; "Unstaged changes after reset:"; paths
# mode; an unborn HEAD; how arguments are told apart; git's errors.
. "$(dirname "$0")/lib.sh"
setup_twins

same_state() {	# same HEAD, index, ORIG_HEAD and reflogs as git's twin
	expect_git_agrees "HEAD after $1" rev-parse HEAD
	expect_git_agrees "index after $1" ls-files -s
	expect_git_agrees "status after $1" status --porcelain
	# diff-files trusts the stat data: it shows where it was not refreshed
	expect_git_agrees "stat data after $1" diff-files --name-status
	same_file "$1" ORIG_HEAD
	same_file "$1" logs/HEAD
}

# --- an unborn HEAD: everything resets to the empty tree -------------------
in_both 'echo a >a && git add a'
expect_same 'reset on an unborn branch empties the index' reset
expect_git_agrees 'index emptied' ls-files -s
in_both 'git add a'
expect_same 'reset -- path on an unborn branch' reset -- a
expect_git_agrees 'index emptied by path' ls-files -s
expect_same '--soft on an unborn branch does nothing' reset --soft
check 'no ORIG_HEAD on an unborn branch' "test ! -e '$A/.git/ORIG_HEAD'"

# --- history: three commits ----------------------------------------------
in_both 'mkdir d && echo b >b && echo c >d/c && git add . && git commit -q -m one'
tick
in_both 'echo a2 >a && echo e >d/e && git rm -q b && git add . && git commit -q -m two'
tick
in_both 'printf "three\n\nbody\n" >msg && echo a3 >a && git add a && git commit -q -F msg && rm msg'
# ugit's revisions do not read reflogs (@{n}): name the commits by id
C1=$(git -C "$B" rev-parse HEAD~2) C3=$(git -C "$B" rev-parse HEAD)

expect_same '--soft HEAD~1' reset --soft HEAD~1
same_state '--soft HEAD~1'
expect_same '--soft back to a full id' reset --soft "$C3"
same_state '--soft by id'
expect_same 'mixed HEAD~2 lists the unstaged changes' reset HEAD~2
same_state 'mixed HEAD~2'
expect_same 'mixed back, -q is quiet' reset -q "$C3"
same_state 'mixed -q'
expect_same 'the last mode given wins' reset --hard --soft HEAD~
same_state '--hard --soft'
expect_same '--mixed by its name' reset --mixed "$C3"
same_state '--mixed'
expect_same 'reset with no argument keeps HEAD' reset
same_state 'plain reset'
expect_same '--no-refresh does not list changes' reset --no-refresh HEAD~1
expect_git_agrees 'index after --no-refresh' ls-files -s
expect_same 'the refresh fills in the stat data' reset "$C3"
same_state 'refresh'

# local changes: modified, type changed (a directory, a symbolic link)
in_both 'echo local >>a && rm d/c && mkdir d/c && echo z >d/c/z && rm d/e && ln -s a d/e'
expect_same 'changes in the work tree are listed' reset HEAD~1
same_state 'listing'
in_both 'git reset -q --hard'

# files seen through a symbolic link are not the tracked ones: "D"
in_both 'mv d e && ln -s e d'
expect_same 'a directory replaced by a symbolic link to it' reset
same_state 'symbolic link in the leading path'
in_both 'rm d && mv e d'

# a detached HEAD moves itself
in_both 'git checkout -q --detach HEAD'
expect_same 'reset --soft on a detached HEAD' reset --soft HEAD~1
same_state 'detached --soft'
in_both 'git checkout -q master'
check 'the branch did not move' "test \"\$(git -C '$A' rev-parse master)\" = \"\$(git -C '$B' rev-parse master)\""

# a tag names the commit it points to; GIT_REFLOG_ACTION
in_both 'git tag -a -m tagged v1 HEAD~1'
expect_same 'reset to an annotated tag' reset v1
same_state 'reset v1'
GIT_REFLOG_ACTION=pull expect_same 'GIT_REFLOG_ACTION names the action' reset "$C3"
same_state 'GIT_REFLOG_ACTION'
unset GIT_REFLOG_ACTION

# --- paths mode: HEAD stays, the index takes the tree's entries -----------
in_both 'echo x >new && echo a4 >a && git add new a'
expect_same 'reset -- a' reset -- a
same_state 'reset -- a'
expect_same 'reset <tree-ish> -- path: an entry the tree lacks goes' reset HEAD -- new
same_state 'reset HEAD -- new'
in_both 'git add new a'
expect_same 'a lone existing file is a path' reset a
same_state 'reset a'
expect_same 'a revision then paths, no --' reset HEAD~1 new d
same_state 'reset HEAD~1 new d'
expect_same 'a directory' reset HEAD -- d
same_state 'reset HEAD -- d'
expect_same 'a glob need not exist' reset '*.txt'
expect_same 'a path that matches nothing' reset -- nope
expect_same 'a tree as the source' reset "HEAD~1^{tree}" -- a
same_state 'tree source'
expect_same_err '--mixed with paths warns' reset --mixed -- a
same_state '--mixed with paths'
in_both 'mkdir -p d/sub'
in_both 'git add a new d'
expect_same 'paths from a subdirectory' -C d reset -- ../a .
same_state 'from a subdirectory'
in_both 'git reset -q && rm -f new'

# names git quotes elsewhere are listed as they are; globs select
in_both 'echo 1 >"sp ace" && echo 2 >"ü.txt" && echo 3 >"t.txt" && git add . && git commit -q -m names &&
	echo x >>"sp ace" && echo y >>"ü.txt" && echo z >>t.txt && git add t.txt "ü.txt"'
expect_same 'special names are listed unquoted' reset
in_both 'git add t.txt "ü.txt"'
expect_same 'a glob selects' reset -- '*.txt'
same_state 'glob'
in_both 'git add t.txt "ü.txt"'
expect_same 'a glob without --' reset 't*'
same_state 'glob without --'
in_both 'git rm -q -f "sp ace" "ü.txt" t.txt && git commit -q -m "no names"'

# -N: paths the tree lacks stay, as "intent to add"
in_both 'echo n >new && echo m >m && git add new m'
expect_same '-N keeps new paths as intent-to-add' reset -N
same_state '-N'
# the entries and their flags as git shows them, stat data aside
git -C "$B" ls-files -s --debug | grep -e '^[0-9]' -e 'flags:' | sed 's/.*flags:/flags:/' >"$W/exp.out"
git -C "$A" ls-files -s --debug | grep -e '^[0-9]' -e 'flags:' | sed 's/.*flags:/flags:/' >"$W/act.out"
cmp -s "$W/exp.out" "$W/act.out" && grep -q 'flags: 20004000' "$W/act.out"
_report 'the intent-to-add flags' $?
expect_same '-N again changes nothing' reset --intent-to-add
in_both 'rm m'
expect_same 'a deleted intent-to-add file is D' reset -N -- m
same_state '-N with a path'
in_both 'git write-tree >/dev/null'	# a valid cache-tree, which does not count them
expect_same 'a reset without -N drops them' reset
same_state 'after -N'
expect_same_err '-N needs --mixed' reset --soft -N
expect_same_err '-N needs --mixed, not --hard' reset --hard -N
in_both 'rm -f new'

# --- merge state ------------------------------------------------------------
in_both 'git rev-parse HEAD >.git/MERGE_HEAD && echo msg >.git/MERGE_MSG && : >.git/MERGE_MODE && : >.git/SQUASH_MSG && git rev-parse HEAD >.git/CHERRY_PICK_HEAD'
expect_same_err '--soft in the middle of a merge' reset --soft
expect_same 'mixed reset ends the merge' reset
for f in MERGE_HEAD MERGE_MSG MERGE_MODE SQUASH_MSG CHERRY_PICK_HEAD; do
	check "$f removed" "test ! -e '$A/.git/$f'"
done
in_both 'git rev-parse HEAD >.git/MERGE_HEAD'
expect_same 'reset -- path keeps the merge state' reset -- a
check 'MERGE_HEAD kept' "test -e '$A/.git/MERGE_HEAD'"
expect_same_err '--soft refuses while MERGE_HEAD exists' reset --soft HEAD
in_both 'rm .git/MERGE_HEAD'

# unmerged entries: --soft refuses, mixed resolves them to the tree
in_both 'blob=$(git rev-parse HEAD:a) && git rm -q --cached a && printf "100644 %s 1\ta\n100644 %s 2\ta\n100644 %s 3\ta\n" $blob $blob $blob | git update-index --index-info'
expect_same_err '--soft with unmerged entries' reset --soft
expect_same 'paths mode lists the unmerged path' reset -- d
expect_same 'mixed resets unmerged entries' reset
same_state 'unmerged'

# a file in one tree is a directory in the other
in_both 'git rm -q -r d && rm -rf d && echo file >d && git add d'
expect_same 'paths mode: a directory replaces a file' reset -- d
same_state 'file to directory'
in_both 'rm -f d && git reset -q --hard'
tick
in_both 'git rm -q -r d && rm -rf d && echo file >d && git add d && git commit -q -m file-d'
C4=$(git -C "$B" rev-parse HEAD)
expect_same 'paths mode: a file replaces a directory' reset "$C3" -- d
same_state 'directory to file'
expect_same 'mixed across the change' reset "$C3"
same_state 'mixed across file/directory'
in_both 'git reset -q --hard $C4'

# an unborn branch reset to a commit: the branch is born, ORIG_HEAD goes
in_both 'git checkout -q --orphan newborn'
expect_same 'mixed on an orphan branch empties the index' reset
same_state 'orphan reset'
expect_same '--soft <commit> on an orphan branch creates it' reset --soft "$C1"
same_state 'orphan --soft'
expect_git_agrees 'the new branch' rev-parse newborn
same_file 'orphan --soft' logs/refs/heads/newborn
in_both 'git checkout -q -f master && git branch -q -D newborn'

# --- errors -----------------------------------------------------------------
expect_same_err 'unknown revision' reset nope
expect_same_err 'unknown revision before --' reset nope --
expect_same_err 'unknown tree with paths' reset nope -- a
expect_same_err 'unknown revision before a path' reset nope a
expect_same_err 'too far back' reset HEAD~9
expect_same_err 'too far back with paths' reset HEAD~9 -- a
expect_same_err 'a tree is not a commit' reset "HEAD^{tree}"
expect_same_err 'a tree is not a commit, with --' reset "HEAD^{tree}" --
expect_same_err 'a blob is not a tree' reset HEAD:a -- a
expect_same_err 'a missing path in a revision' reset HEAD:nope
expect_same_err '--soft with paths' reset --soft -- a
expect_same_err '--hard with paths' reset --hard HEAD a
in_both 'echo f >master'
expect_same_err 'both revision and filename' reset master
in_both 'rm master'
expect_same_err 'an option after the revision' reset HEAD -q
expect_same_err 'an option after a path' reset a --soft
expect_same_err1 'an unknown option' reset --bogus
if ! self_check; then
	# --merge, -p, --pathspec-from-file: not in ugit, so a usage error, never ignored
	for opt in --merge -p --pathspec-from-file=x; do
		expect_ugit "unsupported $opt" 129 reset $opt
	done
fi
expect_ugit 'reset -h is usage' 129 reset -h
# git 2.39.5 does not read reset.quiet (documented, but not in this build)
in_both 'git config reset.quiet true && echo q >>a'
expect_same 'reset.quiet is not read' reset
expect_same '-q --no-quiet' reset -q --no-quiet
expect_same '--no-refresh --refresh' reset --no-refresh --refresh
in_both 'git config --unset reset.quiet && git checkout -q -- a'

# a damaged index: every mode refuses, nothing changes
in_both 'cp .git/index .git/index.saved && printf DIRCjunkjunkjunk >.git/index'
for mode in --soft --mixed --hard --keep; do
	expect_same_err "a damaged index, $mode" reset $mode HEAD~1
done
in_both 'mv .git/index.saved .git/index'
same_state 'damaged index'

# a locked index: nothing changes
in_both ': >.git/index.lock'
expect_same_err_p 'a locked index' reset HEAD~1
same_state 'locked index'
expect_same '--soft does not need the index lock' reset --soft HEAD~1
same_state '--soft with a lock'
in_both 'rm .git/index.lock && git reset -q "$C3"'

# a locked branch: HEAD cannot move (exit 1); a mixed reset has changed the index by then
in_both ': >.git/refs/heads/master.lock'
expect_same_err_p 'a locked branch' reset --soft HEAD~1
same_state 'locked branch'
expect_same_err_p 'a locked branch, mixed' reset HEAD~1
same_state 'locked branch, mixed'
in_both 'rm .git/refs/heads/master.lock'

# a bare repository
(cd "$W" && git clone -q --bare b bare && cp -R bare bare-u)
(cd "$W/bare" && git reset --soft HEAD~1) >"$W/exp.out" 2>"$W/exp.err"; _er=$?
(cd "$W/bare-u" && "$UGIT" reset --soft HEAD~1) >"$W/act.out" 2>"$W/act.err"; _ar=$?
check "--soft in a bare repository (git=$_er ugit=$_ar)" "[ $_er = $_ar ] && [ \"\$(git -C '$W/bare' rev-parse HEAD)\" = \"\$(git -C '$W/bare-u' rev-parse HEAD)\" ]"
(cd "$W/bare" && git reset) >"$W/exp.out" 2>"$W/exp.err"; _er=$?
(cd "$W/bare-u" && "$UGIT" reset) >"$W/act.out" 2>"$W/act.err"; _ar=$?
_cmp_err 'mixed in a bare repository' cat
(cd "$W/bare" && git reset --hard) >"$W/exp.out" 2>"$W/exp.err"; _er=$?
(cd "$W/bare-u" && "$UGIT" reset --hard) >"$W/act.out" 2>"$W/act.err"; _ar=$?
_cmp_err '--hard in a bare repository' cat
(cd "$W/bare" && git reset --hard -N) >"$W/exp.out" 2>"$W/exp.err"; _er=$?
(cd "$W/bare-u" && "$UGIT" reset --hard -N) >"$W/act.out" 2>"$W/act.err"; _ar=$?
_cmp_err '--hard -N in a bare repository: the work tree first' cat

# a commit whose tree holds a path git refuses: only a path that would
# enter the index is checked
in_both 'blob=$(git rev-parse HEAD:a) &&
	bad=$(printf "100644 blob %s\t.GIT\n100644 blob %s\ta\n" $blob $blob | git mktree) &&
	c=$(echo bad | git commit-tree $bad -p HEAD) && git update-ref refs/heads/bad $c'
expect_same_err 'mixed to a tree with .GIT' reset bad
same_state 'refused .GIT'
expect_same_err 'paths mode with .GIT selected' reset bad -- .
expect_same_err 'paths mode with .GIT not selected' reset bad -- a
same_state 'paths around .GIT'
in_both 'for o in $(git rev-parse bad bad^{tree}); do
		rm -f .git/objects/$(echo $o | cut -c1-2)/$(echo $o | cut -c3-); done &&
	git update-ref -d refs/heads/bad'

# reflog revisions: undo a reset with HEAD@{1}, go back with ORIG_HEAD
expect_same_err 'reset --soft HEAD~1' reset --soft HEAD~1
expect_same_err 'reset --soft HEAD@{1} undoes it' reset --soft 'HEAD@{1}'
same_state 'after HEAD@{1}'
expect_same_err 'reset --mixed master@{2}' reset 'master@{2}'
same_state 'after master@{2}'
expect_same_err 'reset ORIG_HEAD' reset ORIG_HEAD
same_state 'after ORIG_HEAD'
expect_same_err 'reset beyond the reflog dies' reset 'master@{999}'
same_state 'refused master@{999}'

fsck_ok
finish
