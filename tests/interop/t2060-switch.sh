#!/bin/sh
# t2060: switch - branches only unless --detach; -c/-C, -, -f, -q, and
# git's refusals.
. "$(dirname "$0")/lib.sh"
setup_twins

same_state() {
	expect_git_agrees "$1: same index" ls-files -s
	expect_git_agrees "$1: same status" status --porcelain
	expect_git_agrees "$1: same symbolic HEAD" symbolic-ref -q HEAD
	expect_git_agrees "$1: same HEAD" rev-parse HEAD
	expect_git_agrees "$1: same HEAD reflog" log -g --format='%H %gs' HEAD
}

# on an unborn branch
expect_same_err 'checkout -b on an unborn branch' checkout -b new
expect_same_err 'checkout of a missing branch is a pathspec' checkout master
expect_same_err 'checkout on an unborn branch' checkout
expect_same_err 'switch -c on an unborn branch' switch -c other
expect_git_agrees 'HEAD moved, no branch created' symbolic-ref HEAD
expect_git_agrees 'no refs yet' for-each-ref
in_both '"$REAL_GIT" symbolic-ref HEAD refs/heads/master'

in_both 'echo one >f && mkdir d && echo g >d/g && "$REAL_GIT" add . &&
	"$REAL_GIT" commit -qm first && "$REAL_GIT" tag v1'
tick
in_both 'echo two >>f && "$REAL_GIT" commit -qam second'
tick

expect_same_err 'switch needs an argument' switch
expect_same_err 'switch to a commit is refused' switch HEAD~1
expect_same_err 'switch to a tag is refused' switch v1
expect_same_err 'switch to nothing' switch nope
expect_same_err 'two arguments' switch a b
expect_same_err 'switch -c' switch -c topic
same_state 'after -c'
expect_same_err 'switch -c of an existing branch' switch -c topic
expect_same_err 'switch back' switch master
expect_same_err 'switch -c with a start point' switch -c old v1
same_state 'after -c old v1'
expect_same_err 'switch -C resets' switch -C topic master~1
same_state 'after -C'
expect_same_err 'switch --detach' switch --detach master
same_state 'after --detach'
expect_same_err 'switch --detach without an argument' switch --detach
expect_same_err 'switch from detached to a branch' switch old
expect_same_err 'switch -' switch -
same_state 'after switch -'
in_both 'echo mine >>f'
expect_same_err 'a local change in the way refuses' switch old
expect_same_err 'switch --discard-changes' switch --discard-changes old
same_state 'after --discard-changes'
expect_same_err 'switch -q' switch -q master
expect_same_err '--detach with -c' switch -c x --detach
expect_same_err1 'an unknown option' switch --bogus
fsck_ok
finish
