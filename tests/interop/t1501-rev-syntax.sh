#!/bin/sh
# t1501: gitrevisions suffixes and ranges in rev-parse - ^, ^N, ^0, ~N,
# chains, ^{type}, ^{}, <rev>:<path>, ^A, A..B, reflogs (<ref>@{n},
# @{n}, @{-n}) - on a history with merges
# and tags made by git in both twins, and git's errors for names that do
# not resolve (stdout, stderr and exit status compared).
. "$(dirname "$0")/lib.sh"
setup_twins

# The same history in both twins, made by git with fixed dates.
build() {
	g() { "$REAL_GIT" "$@" >/dev/null 2>&1; }
	mkdir -p d/e && echo x >d/e/x && echo y >d/y && g add d
	g commit -q -m root
	g checkout -q -b side
	echo side >f && g add f && g commit -q -m side1
	g commit -q --allow-empty -m side2
	g checkout -q master
	echo z >d/z && g add d/z && g commit -q -m main1
	g merge -q --no-ff -m merge side
	g tag -a -m ann v1 && g tag light HEAD~1
	g -c advice.nestedTag=false tag -a -m nested v2 v1
	g tag -a -m tree vt 'HEAD^{tree}'
}
in_both build

for rev in HEAD HEAD^ HEAD^1 HEAD^2 HEAD^0 HEAD~ HEAD~0 HEAD~1 HEAD~2 \
	HEAD^2~1 'HEAD^2^' 'HEAD~1^' '@^2' 'master^2~1^0' 'v1^2' 'v2~1' 'v2^0' \
	'HEAD^{commit}' 'HEAD^{tree}' 'HEAD^{object}' 'HEAD^{}' 'v1^{}' 'v2^{}' \
	'v2^{tag}' 'v2^{tree}' 'vt^{}' 'vt^{tree}' 'HEAD^{commit}^{tree}' \
	'HEAD:' 'HEAD:d' 'HEAD:d/' 'HEAD:d/e/x' 'HEAD^2:f' 'v1:d/y' 'vt:d/e' \
	'HEAD^{tree}:d' 'HEAD:./d' 'light..v1' '^v1' '..HEAD' 'HEAD..' \
	'HEAD~2..HEAD^2' 'HEAD:..' 'light..' 'HEAD^1...HEAD^2' 'side...master' \
	'v1...' '...side' 'HEAD...HEAD' 'HEAD~1...HEAD'; do
	expect_same "rev-parse $rev" rev-parse "$rev"
done
expect_same 'several names and ranges at once' rev-parse HEAD^2 ^HEAD~1 HEAD~1..HEAD 'HEAD:d'
expect_same '--verify a suffix chain' rev-parse --verify 'HEAD^2~1^{tree}'
expect_same '--verify ^A prints ^<id>' rev-parse --verify '^HEAD~1'
expect_same '--verify ^<tag> peels nothing' rev-parse --verify '^v1'
expect_same_err '--verify ^A B is two revisions' rev-parse --verify '^HEAD' HEAD

# failures: stdout, stderr and exit status as git's
for rev in 'HEAD^3' 'HEAD~9' 'HEAD^^^' 'HEAD~-1' 'HEAD^x' 'HEAD^{foo}' 'HEAD^{' \
	'HEAD^{blob}' 'HEAD^{tag}' 'HEAD^{tree}^{commit}' 'HEAD^{tree}~1' 'vt~1' \
	'HEAD:nope' 'HEAD:d/nope' 'HEAD:d//y' 'HEAD:d/y/z' 'HEAD~1:f' 'nope:d' \
	'HEAD~9:d' '^nope' '^HEAD:nope' 'HEAD..nope' 'nope^' '^'; do
	expect_same_err "rev-parse $rev fails like git" rev-parse "$rev"
	expect_same_err "rev-parse --verify $rev fails like git" rev-parse --verify "$rev"
	expect_same_err "rev-parse -q --verify $rev fails like git" rev-parse -q --verify "$rev"
	expect_same_err "rev-parse $rev -- fails like git" rev-parse "$rev" --
done
in_both 'echo on-disk >f'
expect_same_err 'a path on disk but not in the tree' rev-parse 'HEAD~1:f'

# ":<path>" and ":<n>:<path>" name blobs in the index, as git: stage 0 by
# default, unmerged stages 1-3 given explicitly, "./" from a subdirectory
index_state() {
	echo staged >d/staged && "$REAL_GIT" add d/staged &&
	echo untracked >loose &&
	printf '100644 %s 1\tu\n100644 %s 2\tu\n' \
		"$("$REAL_GIT" rev-parse HEAD:d/y)" "$("$REAL_GIT" rev-parse HEAD:d/z)" |
		"$REAL_GIT" update-index --index-info
}
in_both index_state
for rev in ':d/y' ':0:d/y' ':d/staged' ':1:u' ':2:u' ':d/e/x' ':d/staged^{blob}'; do
	expect_same "rev-parse $rev (index)" rev-parse "$rev"
	expect_same "cat-file -p $rev (index)" cat-file -p "$rev"
done
expect_same 'rev-parse :./y from d/' -C d rev-parse --verify ':./y'
expect_same 'rev-parse :../f from d/e/' -C d/e rev-parse --verify ':../../d/y'
# ---- reflogs: <ref>@{n}, @{n}, @{-n}, made by git in both twins
reflogs() {
	g() { "$REAL_GIT" "$@" >/dev/null 2>&1; }
	g reset -q --hard
	g checkout -q side && g checkout -q master && g checkout -q HEAD~1
	g checkout -q side && g commit -q --allow-empty -m side3
	g branch nolog && rm .git/logs/refs/heads/nolog
	g checkout -q -b fromdetached HEAD~1 && g checkout -q side
}
in_both reflogs
for rev in 'HEAD@{0}' 'HEAD@{1}' 'HEAD@{3}' 'HEAD@{07}' 'master@{0}' 'master@{1}' \
	'side@{1}' 'side@{2}^' 'refs/heads/side@{1}' 'heads/side@{1}' '@{0}' '@{1}' \
	'@{-1}' '@{-2}' '@{-3}' '@{-4}' '@{-1}~1' '@{-2}^{tree}' 'HEAD@{1}:d/y' \
	'@{-1}..@{0}' 'side@{1}..side'; do
	expect_same_err "rev-parse $rev" rev-parse "$rev"
done
# names that are not reflog entries, and counts beyond a reflog's start
for rev in 'nope@{1}' 'nolog@{0}' 'v1@{0}' 'HEAD@{x}' 'HEAD@{-1}' '@{}' 'master@{}' \
	'@{-99}' '@{-0}' 'HEAD@{99}' 'master@{5}' '@{99}' 'side@{99}~1' '@{-1}@{1}' \
	'HEAD@{1'; do
	expect_same_err "rev-parse $rev fails like git" rev-parse "$rev"
	expect_same_err "rev-parse --verify $rev fails like git" rev-parse --verify "$rev"
	expect_same_err "rev-parse -q --verify $rev fails like git" rev-parse -q --verify "$rev"
done
expect_same_err 'log -1 HEAD@{2}' log -1 --format=%s 'HEAD@{2}'
expect_same_err 'log HEAD@{99} dies' log 'HEAD@{99}'
in_both '"$REAL_GIT" checkout -q --detach'
expect_same_err 'detached: @{1} reads HEAD'"'"'s reflog' rev-parse '@{1}'
expect_same_err 'detached: @{99} names HEAD' rev-parse '@{99}'
in_both '"$REAL_GIT" checkout -q side'

# (":/<text>", git's search of commit messages, is not in ugit yet)
for rev in ':nope' ':loose' ':u' ':3:u' ':1:d/y' ':4:d/y' ':d' ':0:'; do
	expect_same_err "rev-parse $rev fails like git (index)" rev-parse "$rev"
	expect_same_err "rev-parse --verify $rev fails like git (index)" rev-parse --verify "$rev"
	expect_same_err "rev-parse -q --verify $rev fails like git (index)" rev-parse -q --verify "$rev"
done
expect_same_err 'rev-parse :y from d/ points at d/y' -C d rev-parse ':y'
in_both 'rm .git/index'
expect_same_err 'rev-parse :d/y without an index' rev-parse ':d/y'

fsck_ok
finish
