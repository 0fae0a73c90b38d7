#!/bin/sh
# t4202: log - the default format over a 1,000-commit history with merges,
# tags and clock skew made by git and read by ugit; revisions, ranges,
# --all, -n/--max-count/--skip, --first-parent, --reverse, paths,
# decorations, and git's errors (unborn branch, bad revision, bad option).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/history.sh"
setup_twins

# an unborn branch first
expect_same_err 'log on an unborn branch' log
expect_same_err 'log HEAD on an unborn branch' log HEAD
expect_same_err 'log --all with no refs at all' log --all
expect_same_err 'log -- path on an unborn branch' log -- f

# the same history in both twins: made once by git, copied
rm -rf "$A" "$B"
make_history "$B" 1000 skew >/dev/null 2>&1 || { echo "Bail out! history"; exit 1; }
cp -al "$B" "$A"	# hard links: git replaces files by rename, never writes in place

expect_same 'log' log
expect_same 'log HEAD' log HEAD
expect_same 'log @' log @
expect_same 'log a branch' log b2
expect_same 'log several start points' log b1 b3
expect_same 'log --all' log --all
expect_same 'log a tag' log v393
expect_same 'log A..B' log b1..b2
expect_same 'log ..B' log ..b3
expect_same 'log A..' log b3..
expect_same 'log B ^A ^C' log master ^b1 ^b2
expect_same 'log ^A B (negative first)' log ^b3 b1
expect_same 'log suffixes' log 'b1~3' 'master^2' 'b2^{commit}'
expect_same 'log a range of tags' log light97..v655
expect_same 'log A...B' log b1...b2
expect_same 'log A... and ...B' log b3... ...b1
expect_same 'log -n 5' log -n 5
expect_same 'log -n5' log -n5
expect_same 'log -3' log -3
expect_same 'log --max-count=7' log --max-count=7
expect_same 'log -n 0' log -n 0
expect_same 'log --skip=990' log --skip=990
expect_same 'log --skip=10 -n 3' log --skip=10 -n 3
expect_same 'log --first-parent' log --first-parent
expect_same 'log --first-parent b2' log --first-parent b2
expect_same 'log --reverse' log --reverse
expect_same 'log --reverse -n 4' log --reverse -n 4
expect_same 'log --reverse --skip=2 -n 4 A..B' log --reverse --skip=2 -n 4 b1..b2
expect_same 'log --first-parent A..B' log --first-parent master..b3
expect_same 'log -- a directory' log -- d1
expect_same 'log -- a file' log -- d2/f3
expect_same 'log -- two paths' log -- d0/f1 d4
expect_same 'log -- a deleted file' log --all -- d4/f1
expect_same 'log -- a path nothing touches' log -- nope
expect_same 'log -- .' log -- .
expect_same 'log paths without --' log d3
expect_same 'log -n 3 -- path' log -n 3 b2 -- d1/f0
expect_same 'log A..B -- path' log b1..b2 -- d2
expect_same 'log --first-parent -- path' log --first-parent -- d3
expect_same 'log --reverse -- path' log --reverse -- d0/f0
expect_same 'log -- path from a subdirectory' -C d1 log -- f2 ../d2/f1
expect_same 'log -- ./ from a subdirectory' -C d1 log --oneline -- .

# decorations: never by default on a pipe; asked for, git's names and order
in_both '"$REAL_GIT" branch zz v131 && "$REAL_GIT" -c advice.nestedTag=false tag -a -m again v131again v131 &&
	"$REAL_GIT" update-ref refs/remotes/origin/main b1 &&
	"$REAL_GIT" symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main &&
	"$REAL_GIT" update-ref refs/stash b2 && "$REAL_GIT" update-ref refs/notes/x b2 &&
	"$REAL_GIT" update-ref refs/other/x b2'
expect_same 'no decorations on a pipe' log -n 3 --all
expect_same 'log --decorate --all' log --decorate --all
expect_same 'log --decorate=short' log --decorate=short -n 20 b1
expect_same 'log --decorate=full --all' log --decorate=full --all
expect_same 'log --decorate --no-decorate' log --decorate --no-decorate -n 5
expect_same 'log --decorate=no' log --decorate=no -n 5
in_both '"$REAL_GIT" checkout -q --detach v131'
expect_same 'log --decorate on a detached HEAD' log --decorate -n 3
in_both '"$REAL_GIT" checkout -q master && "$REAL_GIT" config log.decorate full'
expect_same 'log.decorate=full' log -n 3 --all
in_both '"$REAL_GIT" config log.decorate true'
expect_same 'log.decorate=true' log -n 3 --all
expect_same 'log.decorate, then --no-decorate' log -n 3 --all --no-decorate
in_both '"$REAL_GIT" config log.decorate false'
expect_same 'log.decorate=false, then --decorate' log -n 3 --all --decorate
in_both '"$REAL_GIT" config --unset log.decorate'

# errors as git gives them
expect_same_err 'log of a name that is neither revision nor path' log nope
expect_same_err 'log of a bad revision before --' log nope --
expect_same_err 'log with a bad revision after a good one' log HEAD nope
expect_same_err 'log of a path that does not exist after --' log -- nope
expect_same_err 'log of a tree' log 'HEAD^{tree}'
expect_same_err 'log of an unknown option' log --no-such-option
expect_same_err 'log -<n> that is no number' log -3x
expect_same_err 'log --decorate=bad' log --decorate=bad
in_both 'echo x >master'
expect_same_err 'a name that is both revision and file' log master
in_both 'rm master'
expect_ugit 'log -h is usage' 129 log -h

# --all and refs it cannot use: git stops at a broken ref or a missing
# object ("bad object"), and skips a symbolic ref to a branch not born yet
in_both 'echo junk >.git/refs/heads/broken'
expect_same_err 'log --all with a broken ref' log --all --oneline
in_both 'echo 0000000000000000000000000000000000000001 >.git/refs/heads/broken'
expect_same_err 'log --all with a ref to a missing object' log --all --oneline
in_both 'echo "ref: refs/heads/unborn" >.git/refs/heads/broken'
expect_same_err 'log --all with a dangling symbolic ref' log --all --oneline
in_both 'rm .git/refs/heads/broken'

fsck_ok
finish
