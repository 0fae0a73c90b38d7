#!/bin/sh
# t2013: checkout never loses work and never writes through a link -
# directory<->file and link<->directory swaps, untracked files in the way
# (refused, or kept when out of the way), ignored files, staged deletions,
# and many files changing at once.
. "$(dirname "$0")/lib.sh"
setup_twins

same_state() {
	expect_git_agrees "$1: same index" ls-files -s
	expect_git_agrees "$1: fresh stat data" diff-files --name-status
	expect_git_agrees "$1: same status" status --porcelain --untracked-files=all
	expect_git_agrees "$1: same HEAD" rev-parse HEAD
	expect_git_agrees "$1: same symbolic HEAD" symbolic-ref -q HEAD
	same_worktree "$1"
}

mkdir "$W/outside"
# files: a file "df" becomes a directory "df/x"; a directory "fd/" becomes
# a file "fd"; a link "ld" -> outside becomes a directory "ld/f"; a
# directory "dl/" becomes a link; 100 files of which 30 change.
in_both 'echo df >df && mkdir fd && echo in >fd/in && ln -s ../outside ld &&
	mkdir dl && echo x >dl/x && mkdir many && for i in $(seq 1 100); do echo $i >many/$i; done &&
	"$REAL_GIT" add . && "$REAL_GIT" commit -qm one'
tick
in_both '"$REAL_GIT" checkout -q -b two && rm df && mkdir df && echo x >df/x &&
	rm -r fd && echo file >fd && rm ld && mkdir ld && echo f >ld/f &&
	rm -r dl && ln -s fd dl && for i in $(seq 1 30); do echo changed >many/$i; done &&
	rm many/99 && echo new >many/101 &&
	"$REAL_GIT" add -A && "$REAL_GIT" commit -qm two && "$REAL_GIT" checkout -q master'
tick

expect_same_err 'swaps in one direction' checkout two
same_state 'swapped'
check 'nothing written through the old link' '[ -z "$(ls "$W/outside")" ]'
expect_same_err 'and back' checkout master
same_state 'swapped back'

# untracked files in the way refuse, before anything is written
in_both 'echo mine >fd/mine'
expect_same_err 'untracked files in a directory that becomes a file' checkout two
same_state 'refused for a directory'
in_both 'rm fd/mine'
in_both 'echo mine >many/101'
expect_same_err 'an untracked file in the way refuses' checkout two
same_state 'refused for an untracked file'
in_both 'rm many/101 && rm ld && mkdir ld && echo mine >ld/f'
expect_same_err 'an untracked file where a link goes away' checkout two
in_both 'rm -r ld && ln -s ../outside ld && mkdir df.d'
# an untracked link in a leading path: "ld" must not be written through
in_both 'rm df && ln -s ../outside df'
expect_same_err 'a link where a tracked file was, in a leading path' checkout two
check 'nothing written through the untracked link' '[ -z "$(ls "$W/outside")" ]'
expect_same_err 'checkout -f replaces the link' checkout -f two
same_state 'forced'
check 'still nothing outside' '[ -z "$(ls "$W/outside")" ]'
in_both 'rmdir df.d'

# untracked files elsewhere are kept; ignored ones in the way are replaced
in_both 'echo u >untracked && mkdir -p ud && echo u >ud/u && echo fd >>.git/info/exclude'
expect_same_err 'untracked files are kept' checkout master
same_state 'kept'
in_both 'rm -rf fd && echo ignored >fd'
expect_same_err 'a file in the leading path of a leaving file refuses' checkout two
in_both '"$REAL_GIT" checkout -q -- fd && echo many/101 >>.git/info/exclude && echo ignored >many/101'
expect_same_err 'an ignored file in the way is overwritten' checkout two
same_state 'ignored overwritten'

# a staged deletion or addition that the switch would lose refuses
in_both '"$REAL_GIT" rm -q --cached many/50'
expect_same_err 'an untracked file that would be removed' checkout master
in_both '"$REAL_GIT" add many/50 && "$REAL_GIT" rm -q --cached many/5'
expect_same_err 'a staged deletion of a changing file' checkout master
in_both '"$REAL_GIT" add many/5 && echo staged >many/7 && "$REAL_GIT" add many/7'
expect_same_err 'a staged change of a changing file' checkout master
in_both 'echo changed >many/7 && "$REAL_GIT" add many/7'
expect_same_err 'a change staged as in the target is kept' checkout master
same_state 'staged as target'
in_both 'mkdir -p many/31 2>/dev/null; echo x >newfile && "$REAL_GIT" add newfile'
expect_same_err 'an added file is carried over' checkout two
same_state 'added file carried'

# a modified file that leaves, and an executable bit that changes
in_both '"$REAL_GIT" checkout -q -f master && "$REAL_GIT" clean -qfd &&
	chmod +x many/1 && "$REAL_GIT" commit -qam exec'
tick
expect_same_err 'exec bit arrives' checkout master~1
same_state 'exec bit gone'
expect_same_err 'exec bit returns' checkout master
same_state 'exec bit back'
in_both 'echo mine >>many/99'
expect_same_err 'a modified file that would be removed refuses' checkout two
in_both 'rm many/99 && mkdir many/99 && echo mine >many/99/mine'
expect_same_err 'a directory where a leaving file was refuses' checkout two
expect_same_err 'checkout -f leaves it, with a warning' checkout -f two
same_state 'directory left by -f'
fsck_ok
finish
