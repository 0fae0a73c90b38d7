#!/bin/sh
# t1450: fsck over loose objects - clean repositories, dangling and
# unreachable objects, missing objects and broken links, refs, HEAD and
# reflogs as roots, damaged loose files, objects that fail git's checks
# (with and without --strict), objects of the wrong type, usage errors.
#
# Every case gets fresh twins with the same objects, made by git plumbing
# (hash-object, mktree, commit-tree, update-ref) or planted by hand, and
# compares `ugit fsck` with `git fsck`: exit status, stdout and stderr.
# git lists missing and dangling objects in the order of its hash table
# and ugit in id order, so those lines are compared sorted; "broken link"
# lines come from a walk and are compared in order.
. "$(dirname "$0")/lib.sh"
setup_twins
MAIN_A=$A MAIN_B=$B

# fresh NAME: new empty twins $W/NAME-a (ugit init) and $W/NAME-b (git init).
fresh() {
	A=$W/$1-a B=$W/$1-b
	mkdir "$A" "$B" && (cd "$A" && "$UGIT" init -q) && (cd "$B" && "$REAL_GIT" init -q) ||
		{ echo "Bail out! twins $1"; exit 1; }
}

# Helpers for the fixtures, run inside a twin.
blob() { printf "$1" | "$REAL_GIT" hash-object -w --stdin; }
obj() { "$REAL_GIT" hash-object -t "$1" -w --stdin; }
lit() { "$REAL_GIT" hash-object -t "$1" --literally -w --stdin; }
oid_bytes() { perl -e 'print pack("H*", $ARGV[0])' "$1"; }
entry() { printf '%s %s\000' "$1" "$2"; oid_bytes "$3"; }	# MODE NAME OID
# put MODE NAME PRINTF-DATA: write objects/NAME by hand; MODE z (zlib),
# trunc (zlib minus its last 6 bytes), garbage (zlib + junk) or raw.
put() {
	mkdir -p ".git/objects/$(echo "$2" | cut -c1-2)" &&
	printf "$3" | python3 -c '
import sys, zlib
mode, data = sys.argv[1], sys.stdin.buffer.read()
out = data if mode == "raw" else zlib.compress(data)
if mode == "trunc": out = out[:-6]
if mode == "garbage": out += b"garbage"
sys.stdout.buffer.write(out)' "$1" >".git/objects/$(echo "$2" | cut -c1-2)/$(echo "$2" | cut -c3-)"
}

# _split FILE: "broken link" pairs in order, then every other line sorted.
_split() {
	grep -e '^broken link' -e '^              to ' "$1"
	grep -v -e '^broken link' -e '^              to ' "$1" | sort
}

# expect_fsck DESC ARGS...: same exit status, stdout (see above) and stderr.
expect_fsck() {
	_d=$1; shift
	(cd "$B" && "$REAL_GIT" fsck "$@") >"$W/exp.raw" 2>"$W/exp.err"; _er=$?
	(cd "$A" && "$UGIT" fsck "$@") >"$W/act.raw" 2>"$W/act.err"; _ar=$?
	_split "$W/exp.raw" >"$W/exp.out"
	_split "$W/act.raw" >"$W/act.out"
	_cmp_err "fsck $*: $_d" cat
}

# expect_fsck_out DESC ARGS...: exit status and stdout only (stderr wording differs).
expect_fsck_out() {
	_d=$1; shift
	(cd "$B" && "$REAL_GIT" fsck "$@") >"$W/exp.raw" 2>"$W/exp.err"; _er=$?
	(cd "$A" && "$UGIT" fsck "$@") >"$W/act.raw" 2>"$W/act.err"; _ar=$?
	_split "$W/exp.raw" >"$W/exp.out"
	_split "$W/act.raw" >"$W/act.out"
	[ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out"
	_report "fsck $*: $_d (exit git=$_er ugit=$_ar)" $?
}

# ---- a clean history, built the same in the main twins
history() {
	b1=$(blob 'hello\n') && b2=$(blob 'world\n') && x=$(blob '#!/bin/sh\n') &&
	sub=$(printf '100644 blob %s\tinner\n' "$b2" | "$REAL_GIT" mktree) &&
	t1=$(printf '100644 blob %s\thello\n100755 blob %s\trun\n040000 tree %s\tsub\n160000 commit 5555555555555555555555555555555555555555\tmodule\n' \
		"$b1" "$x" "$sub" | "$REAL_GIT" mktree) &&
	c1=$("$REAL_GIT" commit-tree -m one "$t1") &&
	t2=$(printf '100644 blob %s\thello\n' "$b2" | "$REAL_GIT" mktree) &&
	c2=$("$REAL_GIT" commit-tree -m two -p "$c1" "$t2") &&
	"$REAL_GIT" update-ref refs/heads/master "$c2" &&
	"$REAL_GIT" update-ref refs/heads/side "$c1" &&
	"$REAL_GIT" tag -a -m "annotated" v1 "$c1" &&
	"$REAL_GIT" tag light "$c2" &&
	"$REAL_GIT" -c advice.nestedTag=false tag -a -m "tag of a tag" v1-again v1 &&
	"$REAL_GIT" tag -a -m "a tree" treetag "$sub"
}
in_both history || { echo "Bail out! history"; exit 1; }
fsck_ok
for opts in "" --strict --no-dangling --dangling "--root --tags" --unreachable --no-reflogs \
	--full --no-full --no-progress "--strict --root --tags --unreachable"; do
	# shellcheck disable=SC2086
	expect_fsck 'a clean repository' $opts
done
expect_fsck 'a commit named on the command line' HEAD
expect_fsck 'a tag named' v1
expect_fsck 'two roots' side light
expect_fsck 'an abbreviated id' "$("$REAL_GIT" -C "$B" rev-parse --short HEAD)"
expect_fsck 'a name that is nothing' nonsense
expect_fsck 'an object that is missing' 1111111111111111111111111111111111111111
in_both '"$REAL_GIT" branch v1 side'
expect_fsck 'a name that is a tag and a branch: a warning' v1
in_both '"$REAL_GIT" branch -D -q v1'
mkdir -p "$A/d/e" "$B/d/e"
_run_both -C d/e fsck --root
_cmp_err 'fsck --root from a subdirectory' cat

# ---- dangling and unreachable objects
fresh dangling
in_both '
	b=$(blob "kept\n") && t=$(printf "100644 blob %s\tf\n" $b | "$REAL_GIT" mktree) &&
	c=$("$REAL_GIT" commit-tree -m root $t) && "$REAL_GIT" update-ref refs/heads/master $c &&
	blob "lost blob\n" >/dev/null &&
	lost=$(blob "only in a lost tree\n") &&
	printf "100644 blob %s\tz\n" $lost | "$REAL_GIT" mktree >/dev/null &&
	c2=$("$REAL_GIT" commit-tree -m "lost commit" -p $c $t) &&
	c3=$("$REAL_GIT" commit-tree -m "tagged only" $t) &&
	printf "object %s\ntype commit\ntag lost\ntagger A <a@b> 1 +0000\n\nm\n" $c3 | obj tag >/dev/null'
for opts in "" --strict --no-dangling --unreachable "--unreachable --no-dangling" --root; do
	# shellcheck disable=SC2086
	expect_fsck 'dangling objects' $opts
done
expect_fsck 'only what a root reaches counts' "$("$REAL_GIT" -C "$B" rev-parse master)"
in_both 'for i in 5734 477; do printf "amb %d\n" $i | "$REAL_GIT" hash-object -w --stdin >/dev/null; done &&
	"$REAL_GIT" mktree </dev/null >/dev/null'
expect_fsck 'an ambiguous abbreviation' 4b82
fsck_ok

# ---- no refs at all: an unborn HEAD, nothing to start from
fresh unborn
in_both 'blob "alone\n" >/dev/null'
expect_fsck 'an unborn branch and no refs'
expect_fsck 'an unborn branch and no refs, --unreachable' --unreachable
in_both '"$REAL_GIT" symbolic-ref HEAD refs/heads/other'
expect_fsck 'HEAD on another unborn branch'

# ---- missing objects: broken links and "missing" lines
fresh missing
in_both '
	b=$(blob "present\n") &&
	t=$(printf "100644 blob %s\tf\n100644 blob 1111111111111111111111111111111111111111\tg\n100644 blob 1111111111111111111111111111111111111111\tsame-again\n040000 tree 2222222222222222222222222222222222222222\tsub\n160000 commit 3333333333333333333333333333333333333333\tmodule\n" $b | "$REAL_GIT" mktree --missing) &&
	t2=$(printf "100644 blob 1111111111111111111111111111111111111111\tz\n" | "$REAL_GIT" mktree --missing) &&
	c=$(printf "tree %s\nparent 4444444444444444444444444444444444444444\nparent 6666666666666666666666666666666666666666\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\n\nm\n" $t | obj commit) &&
	c0=$(printf "tree 7777777777777777777777777777777777777777\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\n\nm\n" | obj commit) &&
	g=$(printf "object 8888888888888888888888888888888888888888\ntype commit\ntag gone\ntagger A <a@b> 1 +0000\n\nm\n" | obj tag) &&
	echo $c >.git/refs/heads/master && echo $t2 >.git/refs/tags/t2 &&
	echo $c0 >.git/refs/tags/c0 && echo $g >.git/refs/tags/gone'
for opts in "" --strict --no-dangling "--root --tags"; do
	# shellcheck disable=SC2086
	expect_fsck 'missing objects' $opts
done
expect_fsck 'missing objects, from one root' refs/tags/t2

# ---- refs and HEAD
fresh refs
in_both '
	b=$(blob "x\n") && t=$(printf "100644 blob %s\tf\n" $b | "$REAL_GIT" mktree) &&
	c=$("$REAL_GIT" commit-tree -m c $t) && "$REAL_GIT" update-ref refs/heads/master $c &&
	"$REAL_GIT" tag -a -m annotated v1 $c && "$REAL_GIT" pack-refs --all &&
	echo 1111111111111111111111111111111111111111 >.git/refs/heads/gone &&
	echo junk >.git/refs/heads/junk && echo "ref: refs/heads/nowhere" >.git/refs/heads/dangling &&
	echo "ref: refs/heads/master" >.git/refs/heads/alias &&
	echo $t >.git/refs/heads/tree && "$REAL_GIT" rev-parse v1 >.git/refs/heads/tagged &&
	echo $c >".git/refs/heads/a..b" && echo $c >.git/refs/heads/x.lock &&
	echo $t >.git/refs/tags/tree-tag && echo $c >.git/refs/stash'
expect_fsck 'refs: missing, broken, dangling, not commits, bad names, packed'
expect_fsck 'refs, --no-dangling --strict' --no-dangling --strict
fsck_refs_head() {	# fsck_refs_head DESC HEAD-CONTENT
	in_both "printf '$2' >.git/HEAD"
	expect_fsck "HEAD $1"
}
in_both 'rm .git/refs/heads/gone .git/refs/heads/junk .git/refs/heads/dangling ".git/refs/heads/a..b"'
C=$("$REAL_GIT" -C "$B" rev-parse master) T=$("$REAL_GIT" -C "$B" rev-parse "master^{tree}")
fsck_refs_head 'detached at a commit' "$C\n"
fsck_refs_head 'detached at a tree' "$T\n"
fsck_refs_head 'detached at a missing commit' '1111111111111111111111111111111111111111\n'
fsck_refs_head 'detached without a newline' "$C"
fsck_refs_head 'on a tag ref: something strange' 'ref: refs/tags/v1\n'
fsck_refs_head 'through an alias' 'ref: refs/heads/alias\n'
fsck_refs_head 'on a branch that is a tree' 'ref: refs/heads/tree\n'
fsck_refs_head 'back on master' 'ref: refs/heads/master\n'

# ---- reflogs are roots too
fresh reflogs
in_both '
	b=$(blob "x\n") && t=$(printf "100644 blob %s\tf\n" $b | "$REAL_GIT" mktree) &&
	c1=$("$REAL_GIT" commit-tree -m one $t) && c2=$("$REAL_GIT" commit-tree -m two -p $c1 $t) &&
	c3=$("$REAL_GIT" commit-tree -m three $t) &&
	"$REAL_GIT" update-ref refs/heads/master $c2 && "$REAL_GIT" update-ref refs/heads/master $c3 &&
	"$REAL_GIT" update-ref refs/heads/master $c1'
expect_fsck 'old values in the reflog keep commits alive'
expect_fsck 'without reflogs they dangle' --no-reflogs
in_both 'printf "1111111111111111111111111111111111111111 %s A <a@b> 1 +0000\tbogus\nnot a line\n" $("$REAL_GIT" rev-parse master) >>.git/logs/refs/heads/master'
expect_fsck 'a reflog entry naming a missing object'

# ---- damaged loose files, each in its own fan-out directory
fresh damaged
in_both '
	b=$(blob "x\n") && t=$(printf "100644 blob %s\tf\n" $b | "$REAL_GIT" mktree) &&
	c=$("$REAL_GIT" commit-tree -m c $t) && "$REAL_GIT" update-ref refs/heads/master $c &&
	mkdir -p .git/objects/10 && : >.git/objects/10/00000000000000000000000000000000000001 &&
	put raw 2000000000000000000000000000000000000002 "not zlib at all" &&
	put trunc 3000000000000000000000000000000000000003 "blob 5\000hello" &&
	put garbage b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0 "blob 5\000hello" &&
	put z 5000000000000000000000000000000000000005 "blob 5\000hello" &&
	put z 9967061cafc0c4105f72eaa08c83cbabafbd2b86 "bl0b 5\000hello" &&
	put z 7000000000000000000000000000000000000007 "blob 06\000hello" &&
	put z 8000000000000000000000000000000000000008 "blob 5hello" &&
	put z 9000000000000000000000000000000000000009 "$(printf "%040d" 0)\000x" &&
	mkdir -p .git/objects/dd/subdir .git/objects/cc && echo x >.git/objects/cc/stray &&
	echo x >.git/objects/cc/tmp_obj_123456 && echo x >.git/objects/stray-in-objects &&
	mkdir -p .git/objects/zz && echo x >.git/objects/zz/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'
expect_fsck 'damaged loose files'
expect_fsck 'damaged loose files, --strict --no-dangling' --strict --no-dangling
# named by refs, they are invalid pointers too
in_both 'echo 3000000000000000000000000000000000000003 >.git/refs/heads/truncated &&
	echo 5000000000000000000000000000000000000005 >.git/refs/heads/mismatch'
expect_fsck_out 'refs to damaged objects'
# reachable through a tree: "missing", but no broken link (the file is there)
in_both 't=$(printf "100644 blob 3000000000000000000000000000000000000003\tt\n" | "$REAL_GIT" mktree --missing) &&
	echo $t >.git/refs/tags/t && rm .git/refs/heads/truncated .git/refs/heads/mismatch'
expect_fsck 'a tree naming a damaged blob'
# size mismatches: git reports a hash-path mismatch of what it read
in_both 'rm -rf .git/objects/[1-9]0 .git/objects/99/67061cafc0c4105f72eaa08c83cbabafbd2b86 \
		.git/objects/b6/fc4c620b67d95f953a5c1c1230aaab5db5a1b0 .git/objects/cc .git/objects/dd \
		.git/objects/zz .git/refs/tags/t &&
	put z 1000000000000000000000000000000000000001 "blob 6\000hello" &&
	put z 2000000000000000000000000000000000000002 "blob 4\000hello"'
expect_fsck_out 'sizes that do not match the headers'
if ! self_check; then
	expect_ugit 'ugit names the size mismatch' 1 fsck
	check 'ugit says why' 'grep -q "size mismatch in loose object .1000000000000000000000000000000000000001. (header says 6 bytes)" "$W/act.err"'
fi

# ---- objects that fail git's checks
fresh checks
in_both '
	b=$(blob "x\n") && b2=$(blob "y\n") &&
	t=$(printf "100644 blob %s\tf\n" $b | "$REAL_GIT" mktree) &&
	c=$("$REAL_GIT" commit-tree -m c $t) && "$REAL_GIT" update-ref refs/heads/master $c &&
	{ entry 100644 b $b; entry 100644 a $b2; } | lit tree >/dev/null &&
	{ entry 100644 a $b; entry 100644 a $b2; } | lit tree >/dev/null &&
	{ entry 0100644 z $b; } | lit tree >/dev/null &&
	{ entry 100664 y $b; } | lit tree >/dev/null &&
	{ entry 100644 .git $b; } | lit tree >/dev/null &&
	printf "tree %s\nauthor A <a@b> 1 +0000\n\nno committer\n" $t | lit commit >/dev/null &&
	printf "tree %s\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\n\nwith a NUL\000\n" $t | lit commit >/dev/null &&
	printf "tree %s\nauthor A a@b> 1 +0000\ncommitter A <a@b> 1 +0000\n\nbad email\n" $t | lit commit >/dev/null &&
	printf "tree zz\n\nbogus\n" | lit commit >/dev/null &&
	printf "object %s\ntype commit\ntag notagger\n\nm\n" $c | lit tag >/dev/null &&
	printf "object %s\ntype bogus\ntag x\ntagger A <a@b> 1 +0000\n\nm\n" $c | lit tag >/dev/null &&
	printf "object %s\ntag x\ntagger A <a@b> 1 +0000\n\nm\n" $c | lit tag >/dev/null &&
	printf "object %s\ntype commit\ntag v..1\ntagger A <a@b> 1 +0000\n\nm\n" $c | lit tag >/dev/null'
for opts in "" --strict --no-dangling "--root --tags"; do
	# shellcheck disable=SC2086
	expect_fsck 'objects that fail the checks' $opts
done
fresh trees
in_both '
	b=$(blob "x\n") && b3=$(blob "three\n") &&
	printf "100644 b" | lit tree >/dev/null &&
	{ entry 100644 a $b; printf "100644 b"; } | lit tree >/dev/null &&
	{ entry 100644 a $b3; entry 100644 b $b; printf "100644 c"; } | lit tree >/dev/null &&
	{ entry 100644 "" $b; } | lit tree >/dev/null &&
	{ entry 100644 a $b; entry 100644 "" $b; } | lit tree >/dev/null &&
	{ entry 10x644 b $b; } | lit tree >/dev/null &&
	{ entry 100644 a $b; entry 10x644 b $b; } | lit tree >/dev/null'
expect_fsck 'trees that cannot be decoded'
expect_fsck 'trees that cannot be decoded, --strict' --strict

# ---- objects of the wrong type (each case alone: git types an object by
# the first thing that names it)
wrong_type() {	# wrong_type DESC SHELL-MAKING-$r
	_wrong=$((${_wrong:-0} + 1))
	fresh "wrong$_wrong"
	in_both "b=\$(blob 'hi') && t=\$(printf '100644 blob %s\tf\n' \$b | \"\$REAL_GIT\" mktree) &&
		c=\$(\"\$REAL_GIT\" commit-tree -m m \$t) && \"\$REAL_GIT\" update-ref refs/heads/master \$c &&
		$2 && echo \$r >.git/refs/tags/r"
	expect_fsck "$1"
}
wrong_type 'a tree entry 40000 naming a blob' 'r=$({ entry 40000 d $b; } | lit tree)'
wrong_type 'a blob entry naming a tree' 'r=$({ entry 100644 f $t; } | lit tree)'
wrong_type 'a commit whose tree is a blob' 'r=$(printf "tree %s\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\n\nm\n" $b | lit commit)'
wrong_type 'a commit whose parent is a tree' 'r=$(printf "tree %s\nparent %s\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\n\nm\n" $t $t | lit commit)'
wrong_type 'a tag saying commit for a blob' 'r=$(printf "object %s\ntype commit\ntag x\ntagger A <a@b> 1 +0000\n\nm\n" $b | lit tag)'
wrong_type 'a tag saying blob for a commit' 'r=$(printf "object %s\ntype blob\ntag x\ntagger A <a@b> 1 +0000\n\nm\n" $c | lit tag)'

# ---- packs are not read yet: refused rather than called missing
if ! self_check; then
	fresh packed
	in_both 'b=$(blob "x\n") && t=$(printf "100644 blob %s\tf\n" $b | "$REAL_GIT" mktree) &&
		c=$("$REAL_GIT" commit-tree -m c $t) && "$REAL_GIT" update-ref refs/heads/master $c &&
		"$REAL_GIT" repack -q -a -d'
	expect_ugit 'a repository with a pack is refused' 128 fsck
	check 'and says why' 'grep -q "^fatal: cannot check packed objects yet (.git/objects/pack/pack-.*\.pack); use git fsck" "$W/act.err"'
fi

# ---- usage
A=$MAIN_A B=$MAIN_B
expect_same_err1 'an unknown option' fsck --bogus
expect_same_err '--strict takes no value' fsck --strict=x
expect_same_err1 'an unknown switch' fsck -x
if ! self_check; then
	expect_ugit '--connectivity-only is refused, not ignored' 129 fsck --connectivity-only
	expect_ugit '--lost-found is refused, not ignored' 129 fsck --lost-found
fi
expect_same_err 'outside any repository' -C "$W" fsck

fsck_ok
finish
