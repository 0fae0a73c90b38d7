#!/bin/sh
# t6000: the order of log's walk - committer date, newest first; equal
# dates in the order git queued them; uninteresting commits and clock
# skew (git's limit_list with its five rounds of slop) - on histories made
# by git: 1,000 commits that all share one date, 400 a minute apart, and
# small hand-made histories whose clocks run backwards.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/history.sh"
setup_twins

# commit DATE MSG [PARENT...]: a commit with that committer date on the
# current branch, made by git in both twins (same ids).
commit_at() {
	_d=$((1112900000 + $1)) _m=$2
	in_both "GIT_COMMITTER_DATE='$_d +0000' GIT_AUTHOR_DATE='$_d +0000' \"\$REAL_GIT\" commit -q --allow-empty -m '$_m'" ||
		{ echo "Bail out! commit $_m"; exit 1; }
}

# skew 1: a commit made with a clock far behind, on the main line
commit_at 1000 c1
commit_at 2000 c2
in_both '"$REAL_GIT" branch side'
commit_at 500 c3-behind
commit_at 3000 c4
in_both '"$REAL_GIT" checkout -q side'
commit_at 4000 s1
commit_at 100 s2-behind
commit_at 5000 s3
in_both '"$REAL_GIT" checkout -q master'
for args in '' '--all' 'side..master' 'master..side' 'master ^side' '^master side' \
	'--all ^side~1' 'side~2..master' '--first-parent --all' '--reverse --all' \
	'-n 3 --all' '--all -- .'; do
	# shellcheck disable=SC2086
	expect_same "skewed clocks: log $args" log --format='%s %ct' $args
done

# skew 2: a merge whose uninteresting side is newer than the interesting
# commits, and a long uninteresting line that git stops walking early
in_both '"$REAL_GIT" checkout -q -b old master~2'
for i in 1 2 3 4 5 6 7 8; do commit_at $((9000 + i)) "old$i"; done
in_both '"$REAL_GIT" checkout -q master'
commit_at 6000 m1
in_both 'GIT_COMMITTER_DATE="1112907000 +0000" "$REAL_GIT" merge -q --no-ff -m merge-old old'
commit_at 6500 m2-behind-merge
for args in '' 'old..master' 'master..old' 'old~5..master' '^old~3 master side' \
	'--first-parent old..master' '--all ^side' 'side...master' 'old...side' \
	'master...old'; do
	# shellcheck disable=SC2086
	expect_same "skew with merges: log $args" log --format='%s %ct %p' $args
done

# 1,000 commits with one and the same date: only queue order decides
rm -rf "$B/same"
make_history "$B/same" 1000 same >/dev/null 2>&1 || { echo "Bail out! history"; exit 1; }
cp -al "$B/same" "$A/same"
for args in '' '--all' 'b1 b2' 'b2 b1' 'b1..b3' 'master ^b2' '--first-parent --all' \
	'--reverse b3' '--all -- d2' 'b1 b2 -- d0/f1 d3' '--skip=100 -n 50 --all'; do
	# shellcheck disable=SC2086
	expect_same "equal dates: log $args" -C same log --format=%H $args
done

# 400 commits a minute apart
rm -rf "$B/inc"
make_history "$B/inc" 400 inc >/dev/null 2>&1 || { echo "Bail out! history"; exit 1; }
cp -al "$B/inc" "$A/inc"
for args in '' '--all' 'b1..b2' '--all ^master' '--first-parent' '--all -- d4' \
	'--reverse -- d1/f1'; do
	# shellcheck disable=SC2086
	expect_same "increasing dates: log $args" -C inc log --format='%h %p' $args
done

fsck_ok
finish
