#!/bin/sh
# t1401: symbolic-ref - read (chains, --short, --no-recurse, -q), set (with
# -m and its reflog entry), delete; git's refusals and messages.
. "$(dirname "$0")/lib.sh"
setup_twins


# ---- an unborn HEAD is still symbolic
expect_same_err 'unborn HEAD' symbolic-ref HEAD
expect_same_err 'unborn HEAD --short' symbolic-ref --short HEAD

in_both '"$REAL_GIT" commit -q --allow-empty -m one && "$REAL_GIT" tag -a -m ann v1 && "$REAL_GIT" branch side'
tick
in_both '"$REAL_GIT" commit -q --allow-empty -m two'

# ---- reading
expect_same_err 'HEAD' symbolic-ref HEAD
expect_same_err 'HEAD --short' symbolic-ref --short HEAD
expect_same_err 'a direct ref is not symbolic' symbolic-ref refs/heads/master
expect_same_err '-q: quietly not symbolic' symbolic-ref -q refs/heads/master
expect_same_err 'a missing ref' symbolic-ref refs/heads/nope
expect_same_err 'a lowercase one-level name' symbolic-ref nope
expect_same_err '-q on a missing ref' symbolic-ref -q nope
in_both '"$REAL_GIT" symbolic-ref refs/heads/s1 refs/heads/master && "$REAL_GIT" symbolic-ref refs/heads/s2 refs/heads/s1'
expect_same_err 'a chain is followed to its end' symbolic-ref refs/heads/s2
expect_same_err '--no-recurse: one step' symbolic-ref --no-recurse refs/heads/s2
expect_same_err '--recurse' symbolic-ref --no-recurse --recurse refs/heads/s2
in_both '"$REAL_GIT" symbolic-ref refs/heads/l1 refs/heads/l2 && "$REAL_GIT" symbolic-ref refs/heads/l2 refs/heads/l1'
expect_same_err 'a loop' symbolic-ref refs/heads/l1
expect_same_err 'a loop, -q' symbolic-ref -q refs/heads/l1
expect_same_err 'a loop, --no-recurse' symbolic-ref --no-recurse refs/heads/l1
in_both 'rm .git/refs/heads/l1 .git/refs/heads/l2'
in_both '"$REAL_GIT" symbolic-ref refs/remotes/o/HEAD refs/remotes/o/main && "$REAL_GIT" update-ref refs/remotes/o/main HEAD'
expect_same_err '--short of a remote HEAD target' symbolic-ref --short refs/remotes/o/HEAD
in_both '"$REAL_GIT" symbolic-ref refs/tags/st refs/tags/v1'
expect_same_err '--short of a tag' symbolic-ref --short refs/tags/st
in_both '"$REAL_GIT" tag master'
expect_same_err '--short when a tag has the branch name' symbolic-ref --short HEAD
in_both '"$REAL_GIT" tag -d master >/dev/null'

# ---- setting
tick
expect_same_err 'point HEAD elsewhere, no message' symbolic-ref HEAD refs/heads/side
same_file 'no message: an entry all the same' logs/HEAD
expect_same_err 'with -m: an entry' symbolic-ref -m 'checkout: moving from side to master' HEAD refs/heads/master
same_file 'the -m entry' logs/HEAD
expect_same_err 'to an unborn branch with -m: no entry' symbolic-ref -m 'to unborn' HEAD refs/heads/unborn
same_file 'unborn target' logs/HEAD
expect_same_err 'HEAD now' symbolic-ref HEAD
expect_same_err 'back, from unborn, with -m' symbolic-ref -m back HEAD refs/heads/master
same_file 'from unborn' logs/HEAD
expect_same_err 'a new symbolic ref' symbolic-ref refs/heads/alias refs/heads/side
expect_same_err 'an all-caps one' symbolic-ref MY_HEAD refs/heads/side
expect_git_agrees 'git reads them' rev-parse refs/heads/alias MY_HEAD
expect_same_err 'HEAD outside refs/' symbolic-ref HEAD side
expect_same_err 'HEAD to HEAD' symbolic-ref HEAD HEAD
expect_same_err 'an invalid target' symbolic-ref HEAD 'refs/heads/a..b'
expect_same_err 'a target with a space' symbolic-ref refs/heads/alias 'refs/heads/a b'
expect_same_err '--short with two arguments sets' symbolic-ref --short refs/heads/alias2 refs/heads/side
in_both ': >.git/HEAD.lock'
expect_same_err_p 'HEAD.lock held' symbolic-ref HEAD refs/heads/side
expect_unchanged 'HEAD.lock' "'$UGIT' symbolic-ref HEAD refs/heads/side"
in_both 'rm .git/HEAD.lock'
expect_same 'a file in the way (exit only)' symbolic-ref refs/heads/master/x refs/heads/side
expect_git_agrees 'refs after setting' for-each-ref
expect_git_agrees 'HEAD after setting' symbolic-ref HEAD
expect_git_agrees 'git reflog' reflog

# ---- deleting
expect_same_err 'delete a symbolic ref' symbolic-ref -d refs/heads/alias
check 'the file is gone' "[ ! -e '$A/.git/refs/heads/alias' ]"
expect_same_err 'the target stays' rev-parse --verify -q refs/heads/side
expect_same_err 'delete HEAD' symbolic-ref -d HEAD
expect_same_err 'delete a direct ref' symbolic-ref -d refs/heads/master
expect_same_err 'delete, -q' symbolic-ref -d -q refs/heads/master
expect_same_err 'delete a missing ref' symbolic-ref -d refs/heads/none
expect_same_err 'delete one step of a chain' symbolic-ref -d refs/heads/s2
expect_git_agrees 'the chain after' for-each-ref

# ---- usage
expect_same 'no arguments' symbolic-ref
expect_same 'three arguments' symbolic-ref a b c
expect_same '-d without a name' symbolic-ref -d
expect_same '-d with two names' symbolic-ref -d a b
expect_same 'unknown option' symbolic-ref --bogus HEAD
expect_same '-m without a value' symbolic-ref HEAD -m

fsck_ok
finish
