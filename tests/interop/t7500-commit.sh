#!/bin/sh
# t7500: commit - the index becomes a commit with git's ids, HEAD and the
# reflogs move as git moves them; -m/-F, -a with deletions, --amend,
# --allow-empty(-message), --author/--date, MERGE_HEAD, "nothing to
# commit" with git's status text, empty messages, unknown identities.
. "$(dirname "$0")/lib.sh"
setup_twins
# git would start an editor where no message is given: make it one that
# changes nothing (ugit never starts one)
GIT_EDITOR=:; export GIT_EDITOR

# like expect_unchanged, but for files only: commit takes index.lock (so
# .git's own mtime moves) even when it then refuses, as git does
expect_files_unchanged() {
	_d=$1; shift
	(cd "$A" && find .git -type f -exec ls -l --time-style=+%s.%N {} + | sort) >"$W/exp.out"
	(cd "$A" && eval "$*") >/dev/null 2>&1
	(cd "$A" && find .git -type f -exec ls -l --time-style=+%s.%N {} + | sort) >"$W/act.out"
	cmp -s "$W/exp.out" "$W/act.out"
	_report "$_d leaves every file as it was" $?
}

# git reads both twins: history, index and reflogs must be the same
agree() {
	expect_git_agrees "$1: same HEAD" rev-parse HEAD
	expect_git_agrees "$1: same log" log --format=raw
	expect_git_agrees "$1: same index" ls-files -s
	expect_git_agrees "$1: same HEAD reflog" reflog show --format='%H %gs' HEAD
	expect_git_agrees "$1: same branch reflog" reflog show --format='%H %gs' refs/heads/master
}

# ---- nothing to commit, git's status text on stdout and exit 1
expect_same_err 'empty repository: nothing to commit' commit -m x
expect_same_err 'empty repository: nothing to amend' commit --amend -m x
expect_same 'an unknown option' commit --bogus
in_both 'mkdir d && echo u >d/u && echo 2 >u2'
expect_same_err 'initial: untracked files listed' commit -m x
in_both 'echo "*.o" >.gitignore && echo o >x.o'
expect_same 'ignored files are not listed' commit -m x

# ---- first commit
in_both 'git add u2 .gitignore'
tick
expect_same 'initial commit, summary line' commit -q -m 'first
second line

body'
agree 'initial commit'
expect_git_agrees 'the commit object' cat-file -p HEAD

# ---- second commit, -F, summary that git prints exactly (no diffstat)
in_both 'echo more >>u2 && git add u2 && printf "from a file\n\n\n  with blanks  \n" >../msg.$$'
tick
expect_same '-F file' commit -q -F "../msg.$$"
agree '-F'
tick
expect_same 'an empty commit: git prints just the summary' commit --allow-empty -m 'empty one'
tick
expect_same '--allow-empty -q' commit -q --allow-empty -m 'empty two'
printf 'from stdin\n' >"$W/stdin.txt"
tick
expect_stdin_same '-F - reads stdin' "$W/stdin.txt" commit -q --allow-empty -F -
agree 'empty commits'

# ---- nothing to commit on a born branch
expect_same 'clean: nothing to commit' commit -m x
in_both 'echo change >>u2'
expect_same 'unstaged change listed' commit -m x
in_both 'rm d/u && rmdir d'
in_both 'git add u2 && echo again >>u2 && rm .gitignore'
tick
expect_same 'only the staged part is committed' commit -q -m staged
expect_same 'a deletion not staged is listed' commit -m x
agree 'staged part'

# ---- -a stages modifications and deletions, not untracked files
in_both 'echo new >new && git add new && echo mod >>new && echo untracked >zz'
tick
expect_same '-a' commit -q -a -m 'all of it'
agree '-a'
expect_git_agrees '-a: untracked file stays untracked' status --porcelain

# ---- messages
tick
expect_same '-m twice: paragraphs' commit -q --allow-empty -m one -m two
tick
expect_same 'whitespace cleanup keeps # lines' commit -q --allow-empty -m '
# not a comment
  trailing   

'
tick
expect_same '--cleanup=strip drops them' commit -q --allow-empty --cleanup=strip -m '# gone
kept'
tick
expect_same '--cleanup=verbatim' commit -q --allow-empty --cleanup=verbatim -m '  raw  
'
expect_same_err 'empty message aborts' commit --allow-empty -m ''
expect_same_err 'no message: the (unchanged) editor leaves it empty' commit --allow-empty
expect_same_err 'blank message aborts' commit --allow-empty -m '   
'
expect_same_err 'sign-off alone is empty' commit --allow-empty -m 'Signed-off-by: x'
tick
expect_same '--allow-empty-message' commit -q --allow-empty --allow-empty-message -m ''
expect_same_err 'bad --cleanup' commit --allow-empty --cleanup=bogus -m x
expect_same_err '-m with -F' commit --allow-empty -m x -F "$W/stdin.txt"
agree 'messages'

# ---- --amend
in_both 'echo amend >>u2 && git add u2'
tick
expect_same '--amend with a new message' commit -q --amend -m 'amended'
agree '--amend'
tick
expect_same '--amend --no-edit keeps the message' commit -q --amend --no-edit
tick
expect_same '--amend --allow-empty' commit -q --amend --allow-empty -m 'amended again'
tick
expect_same 'an empty commit to amend' commit --allow-empty -q -m 'to amend'
expect_same '--amend summary shows the author date' commit --amend --allow-empty -m 'amended empty'
expect_same_err '--amend that would be empty' commit --amend -m x
agree '--amend twice'

# ---- --author, --date, identities
tick
expect_same '--author and --date' commit -q --allow-empty --author='Some One <one@x>' --date='2005-04-07T22:13:13+02:00' -m other
tick
expect_same 'summary names another author' commit --allow-empty --author='Two <two@x>' -m two
expect_same_err 'a bad --date' commit --allow-empty --date=nonsense -m x
expect_same_err 'a bad --author' commit --allow-empty --author=nobody -m x
GIT_COMMITTER_DATE=garbage
expect_same_err 'a bad committer date' commit --allow-empty -m x
tick
agree 'authors'

# ---- MERGE_HEAD: more parents, "commit (merge)", state files removed
tick
in_both 'git commit -q --allow-empty -m side && git rev-parse HEAD >../side.$$ && git reset -q --hard HEAD^'
tick
in_both 'git commit -q --allow-empty -m mainline'
in_both 'cat ../side.$$ >.git/MERGE_HEAD && echo "Merge side" >.git/MERGE_MSG && : >.git/MERGE_MODE'
tick
expect_same 'merge commit with MERGE_MSG' commit -q
agree 'merge'
expect_git_agrees 'merge: two parents' rev-parse HEAD^1 HEAD^2
ls "$A"/.git/MERGE_* >/dev/null 2>&1
_report 'merge state removed' $((! $?))
in_both 'git rev-parse HEAD^2 >.git/MERGE_HEAD'
tick
expect_same 'merging an ancestor: one parent, nothing changed' commit -q -m 'merge by -m'
agree 'merge of an ancestor'
in_both 'git commit -q --allow-empty -m side2 && git rev-parse HEAD >.git/MERGE_HEAD && git reset -q --hard HEAD^'
tick
expect_same 'merging a descendant: a fast-forward commit' commit -q -m 'ff merge'
agree 'fast-forward merge'
in_both 'git commit -q --allow-empty -m side3 && git rev-parse HEAD >.git/MERGE_HEAD && git reset -q --hard HEAD^ && echo no-ff >.git/MERGE_MODE'
tick
expect_same 'MERGE_MODE no-ff keeps both parents' commit -q -m 'no-ff merge'
agree 'no-ff merge'

# ---- detached HEAD
in_both 'git checkout -q --detach'
tick
expect_same 'detached HEAD summary' commit --allow-empty -m detached
expect_same 'detached: nothing to commit' commit -m x
expect_git_agrees 'detached: same HEAD' rev-parse HEAD
expect_git_agrees 'detached: same HEAD reflog' reflog show --format='%H %gs' HEAD
in_both 'git checkout -q master'

# ---- refusals
in_both 'echo locked >u2 && git add u2 && : >.git/index.lock'
expect_same 'a locked index' commit -m x
in_both 'rm .git/index.lock'
tick
expect_same 'the lock gone, the commit goes through' commit -q -m locked
agree 'after the lock'
# (git itself rewrites the index, COMMIT_EDITMSG and objects here: ugit only)
if ! self_check; then
	expect_files_unchanged 'nothing to commit' "'$UGIT' commit -a -m x"
fi
in_both 'echo who >>u2 && git add u2'
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
in_both 'git config user.useConfigOnly true'
expect_same_err 'no identity: git advice and error' commit -m x
expect_files_unchanged 'no identity' "'$UGIT' commit -m x"
in_both 'git config user.name "Conf Name" && git config user.email conf@x'
tick
expect_same 'identity from the config' commit -q -m 'by config'
agree 'config identity'

# ---- status paths are relative to the current directory
in_both 'mkdir -p sub/deep && echo 2 >sub/x && echo 4 >sub/deep/z && echo "s p" >"sub/we ird" && echo m >>u2'
expect_same 'from a subdirectory: paths relative to it' -C sub commit -m x
in_both 'git add sub/x'
tick
expect_same 'commit from a subdirectory' -C sub commit -q -m 'from sub'
agree 'from a subdirectory'

rm -f "$W/msg.$$" "$W/side.$$"
fsck_ok
finish
