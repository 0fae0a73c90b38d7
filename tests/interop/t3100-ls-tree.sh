#!/bin/sh
# t3100: ls-tree - listing formats (-r -t -d -l -z, --name-only,
# --name-status, --object-only, --abbrev), quoting, tree-ishes (commits,
# tags, tags of tags), git's path rules (prefixes on directory
# boundaries, a trailing slash, paths relative to a subdirectory,
# --full-name, --full-tree), errors and usage errors, damaged trees.
. "$(dirname "$0")/lib.sh"
setup_twins

# ---- fixture: git builds the same history in both twins
fixture() {
	mkdir -p a/b/c d "sp ace" "ünï" &&
	echo 1 >a/f && echo 2 >a/b/g && echo 3 >a/b/c/h && echo 4 >d/x &&
	echo 5 >top && echo 6 >ab && echo 7 >"sp ace/q" && printf x >a.c &&
	mkdir a/bc && echo z >a/bc/z && echo y >"ünï/☃" &&
	printf 't\n' >"tab	name" && printf 'q\n' >'quo"te' &&
	printf 'b\n' >'back\slash' && printf 'n\n' >"new
line" && printf '#!/bin/sh\n' >run.sh && chmod +x run.sh && ln -s "sp ace" link &&
	"$REAL_GIT" add . &&
	"$REAL_GIT" update-index --add --cacheinfo \
		160000,5555555555555555555555555555555555555555,module &&
	"$REAL_GIT" commit -q -m "first commit" &&
	"$REAL_GIT" tag -a -m "tag message" v1 &&
	"$REAL_GIT" tag light &&
	"$REAL_GIT" -c advice.nestedTag=false tag -a -m "tag of a tag" v1-of-v1 v1 &&
	"$REAL_GIT" tag -a -m "a blob" blobtag HEAD:top &&
	"$REAL_GIT" tag -a -m "a tree" treetag "HEAD:a" &&
	"$REAL_GIT" tag blob HEAD:top &&
	rm -f .git/index
}
(cd "$A" && fixture) && (cd "$B" && fixture) || { echo "Bail out! fixture"; exit 1; }

rev() { "$REAL_GIT" -C "$B" rev-parse "$@"; }
TREE=$(rev "HEAD^{tree}") SUBTREE=$(rev HEAD:a) C=$(rev HEAD) BLOB=$(rev HEAD:top)

# expect_same_in DIR DESC ARGS...: same stdout, stderr and exit status, run
# in the subdirectory DIR of both twins; the twins' paths read "<twin>".
expect_same_in() {
	_dir=$1 _d=$2; shift 2
	(cd "$B/$_dir" && "$REAL_GIT" "$@") >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$A/$_dir" && "$UGIT" "$@") >"$W/act.out" 2>"$W/act.err"; _ar=$?
	sed -e "s#$B#<twin>#g" -e 's/\bugit\b/git/g' "$W/exp.err" >"$W/exp.err2"
	sed -e "s#$A#<twin>#g" -e 's/\bugit\b/git/g' "$W/act.err" >"$W/act.err2"
	[ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out" &&
		cmp -s "$W/exp.err2" "$W/act.err2"
	_report "$_d in '$_dir' (exit git=$_er ugit=$_ar)" $? "$W/exp.err2" "$W/act.err2"
}

# expect_same_abs DIR DESC REL: ls-tree HEAD <twin>/REL, run in DIR of each twin.
expect_same_abs() {
	(cd "$B/$1" && "$REAL_GIT" ls-tree HEAD "$B/$3") >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$A/$1" && "$UGIT" ls-tree HEAD "$A/$3") >"$W/act.out" 2>"$W/act.err"; _ar=$?
	[ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out"
	_report "$2 in '$1' (exit git=$_er ugit=$_ar)" $?
}

# ---- formats, on a commit, its tree, tags of it
for t in HEAD $C $TREE v1 v1-of-v1 light treetag; do
	expect_same "ls-tree $t" ls-tree $t
done
for opts in -r -t -d "-r -t" "-r -d" "-d -t" "-r -t -d" -l "-r -l" --long -z "-r -z" \
	--name-only "-r --name-only" --name-status "-r --name-status -z" --object-only \
	"-r --object-only" --abbrev --abbrev=4 --abbrev=9 --abbrev=0 --abbrev=1 --abbrev=99 \
	"-l --abbrev=5" "--object-only --abbrev=12" "-r -t --name-only" "--full-name -r" \
	--full-tree "-rt" "-rdz"; do
	# shellcheck disable=SC2086
	expect_same "ls-tree $opts" ls-tree $opts HEAD
done
in_both '"$REAL_GIT" config core.quotePath false'
expect_same 'core.quotePath=false keeps UTF-8' ls-tree -r HEAD
expect_same 'core.quotePath=false still quotes control bytes' ls-tree --name-only HEAD
in_both '"$REAL_GIT" config --unset core.quotePath'

# ---- paths: prefixes on directory boundaries, trailing slashes, normalization
for p in a a/ a/b a/b/ a/b/c/h a/b/c ab a.c top top/ a.c/ nonexist 'a*' 'a?' A \
	./a a/. a/b/.. a/./b a//b a/b/../f a/b/c/../.. a/b/c/.. . ./ "sp ace" "ünï" \
	"ünï/☃" "tab	name" module module/ link link/ "$PWD"; do
	expect_same "ls-tree HEAD '$p'" ls-tree HEAD "$p"
	expect_same "ls-tree -r HEAD '$p'" ls-tree -r HEAD "$p"
done
expect_same 'ls-tree -t HEAD a/b/c/h' ls-tree -t HEAD a/b/c/h
expect_same 'ls-tree -d HEAD a/b' ls-tree -d HEAD a/b
expect_same 'ls-tree -d HEAD a/' ls-tree -d HEAD a/
expect_same 'ls-tree -r -t HEAD a/b' ls-tree -r -t HEAD a/b
expect_same 'ls-tree -r -d HEAD a/b' ls-tree -r -d HEAD a/b
expect_same 'several paths, in tree order' ls-tree HEAD top a/f a/b
expect_same 'overlapping paths' ls-tree HEAD a a/b
expect_same 'overlapping paths, -r' ls-tree -r HEAD a/b a
expect_same 'the same path twice' ls-tree HEAD top top
expect_same 'paths after --' ls-tree HEAD -- a
expect_same 'options after the tree-ish' ls-tree HEAD -r a
expect_same 'a path on a tree of a tag' ls-tree treetag b/c
expect_same_abs '' 'the absolute path of the work tree' ''
expect_same_abs '' 'an absolute path inside' a/b
expect_same_err 'an empty path' ls-tree HEAD ''
expect_same_in . 'a path above the work tree' ls-tree HEAD ../x
expect_same_in . 'an absolute path elsewhere' ls-tree HEAD "$W"

# ---- in a subdirectory, paths and names are relative to it
for dir in a a/b a/b/c "sp ace"; do
	for args in "HEAD" "-r HEAD" "-t HEAD" "-d HEAD" "-r -t HEAD" "HEAD .." "HEAD ../" \
		"-r -t HEAD ../.." "--full-name HEAD" "--full-name -r HEAD" "--full-tree HEAD" \
		"--full-tree HEAD a" "HEAD ." "HEAD b" "HEAD ../top" "--name-only -r HEAD .." \
		"-z HEAD ../" "HEAD ../../x" "-r HEAD ../../.."; do
		# shellcheck disable=SC2086
		expect_same_in "$dir" "ls-tree $args" ls-tree $args
	done
	expect_same_abs "$dir" 'an absolute path inside' a/b
done

# ---- names: full and abbreviated ids, refs in git's order, and ambiguity
expect_same 'an abbreviated commit id' ls-tree "$(echo $C | cut -c1-7)"
expect_same 'an abbreviated tree id in upper case' ls-tree "$(echo $TREE | cut -c1-8 | tr a-f A-F)"
expect_same 'a full tree id' ls-tree $SUBTREE
expect_same 'refs/heads/master' ls-tree refs/heads/master
expect_same 'heads/master' ls-tree heads/master
expect_same 'tags/v1' ls-tree tags/v1
expect_same '@' ls-tree @
in_both '"$REAL_GIT" branch v1 HEAD && "$REAL_GIT" update-ref refs/heads/treetag $C'
expect_same_err 'a tag and a branch called v1: the tag, with a warning' ls-tree v1
expect_same_err 'the branch treetag hides nothing: the tag wins' ls-tree treetag
in_both '"$REAL_GIT" branch -D -q v1 && "$REAL_GIT" update-ref -d refs/heads/treetag'
in_both 'echo junk >.git/refs/heads/broken && echo "ref: refs/heads/nowhere" >.git/refs/tags/dangling'
expect_same_err 'a broken ref: warning and no such name' ls-tree broken
expect_same_err 'a dangling symbolic ref' ls-tree dangling
in_both 'rm .git/refs/heads/broken .git/refs/tags/dangling'

# ---- errors
expect_same_err 'a name that is nothing' ls-tree nope
expect_same_err 'a blob: not a tree object' ls-tree $BLOB
expect_same_err 'a tag of a blob' ls-tree blobtag
expect_same_err 'a lightweight tag of a blob' ls-tree blob
expect_same_err 'a missing object' ls-tree 1234567890123456789012345678901234567890
expect_same_err 'an abbreviation of nothing' ls-tree deadbeef
expect_same_err 'HEAD~1: not yet understood, not a valid name' ls-tree HEAD~1
expect_same_err1 'no tree-ish: usage' ls-tree
expect_same_err1 'only options: usage' ls-tree -r
expect_same_err1 'an unknown option' ls-tree --bogus HEAD
expect_same_err '--long takes no value' ls-tree --long=x HEAD
expect_same_err '--format without a value' ls-tree --format
expect_same_err1 'an unknown switch' ls-tree -x HEAD
expect_same_err '--name-only with --object-only' ls-tree --name-only --object-only HEAD
expect_same_err '-l with --name-only' ls-tree -l --name-only HEAD
expect_same_err '--name-status with --name-only' ls-tree --name-status --name-only HEAD
expect_same_err '--object-only with --long' ls-tree --object-only --long HEAD
expect_same_err 'a non-numeric --abbrev' ls-tree --abbrev=x HEAD
expect_same_err 'outside any repository' -C "$W" ls-tree HEAD
if ! self_check; then
	expect_ugit '--format is refused, not ignored' 129 ls-tree --format='%(path)' HEAD
fi

# ---- ambiguous abbreviations (the objects of t1006, found by brute force)
in_both '"$REAL_GIT" commit-tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904 -m "ambiguous subject" >/dev/null &&
	"$REAL_GIT" mktree </dev/null >/dev/null &&
	for i in 5734 477; do printf "amb %d\n" $i | "$REAL_GIT" hash-object -w --stdin >/dev/null; done'
expect_same_err 'a prefix of a commit and a blob' ls-tree 22b9
expect_same_err 'a prefix of a tree and a blob' ls-tree 4b82
expect_same 'a longer prefix is unique' ls-tree 22b99

# ---- damaged trees, in their own twins (they would fail fsck_ok)
MAIN_A=$A MAIN_B=$B
A=$W/bad-a B=$W/bad-b
mkdir "$A" "$B" && (cd "$A" && "$UGIT" init -q) && (cd "$B" && "$REAL_GIT" init -q) ||
	{ echo "Bail out! bad twins"; exit 1; }
oid_bytes() { perl -e 'print pack("H*", $ARGV[0])' "$1"; }
lit_tree() { "$REAL_GIT" hash-object -t tree --literally -w --stdin; }
damaged() {
	b=$(printf 'hi\n' | "$REAL_GIT" hash-object -w --stdin) &&
	{ printf '100644 a\000'; oid_bytes $b; printf '40000 b\000'; oid_bytes $b;
	  printf '100644 c\000'; oid_bytes $b; } | lit_tree >blob-as-tree &&
	{ printf '100644 a\000'; oid_bytes $b; printf '40000 b\000';
	  oid_bytes 7777777777777777777777777777777777777777; } | lit_tree >missing-subtree &&
	printf '100644 x' | lit_tree >too-short &&
	{ printf '100644 a\000'; oid_bytes $b; printf '40000 b\000'; oid_bytes "$(cat too-short)"; } |
		lit_tree >short-subtree &&
	{ printf '10x644 a\000'; oid_bytes $b; } | lit_tree >bad-mode &&
	{ printf '100644 \000'; oid_bytes $b; } | lit_tree >empty-name &&
	{ printf '100644 z\000'; oid_bytes $b; printf '100644 a\000'; oid_bytes $b;
	  printf '100644 a\000'; oid_bytes $b; } | lit_tree >unsorted
}
(cd "$A" && damaged) && (cd "$B" && damaged) || { echo "Bail out! damaged"; exit 1; }
for t in blob-as-tree missing-subtree too-short short-subtree bad-mode empty-name unsorted; do
	expect_same_err "ls-tree of $t" ls-tree "$(cat "$B/$t")"
	expect_same_err "ls-tree -r of $t" ls-tree -r "$(cat "$B/$t")"
done
expect_same_err 'ls-tree -t of a path in a missing subtree' ls-tree -t "$(cat "$B/missing-subtree")" b/x
expect_same_err 'ls-tree -l with a missing blob' ls-tree -l "$(cat "$B/missing-subtree")"
in_both 'printf "tree zz\n" | "$REAL_GIT" hash-object -t commit --literally -w --stdin >bogus'
expect_same_err 'a commit git cannot parse' ls-tree "$(cat "$B/bogus")"
# an empty object file, as the tree-ish and as a subtree (git's wording differs a little)
in_both 'mkdir -p .git/objects/99 && : >.git/objects/99/99999999999999999999999999999999999999 &&
	b=$(printf "hi\n" | "$REAL_GIT" hash-object -w --stdin) &&
	{ printf "100644 a\000"; oid_bytes $b; printf "40000 b\000";
	  oid_bytes 9999999999999999999999999999999999999999; } | lit_tree >empty-subtree'
expect_same 'an empty object file as the tree-ish' ls-tree 9999999999999999999999999999999999999999
expect_same 'an empty object file as a subtree' ls-tree -r "$(cat "$B/empty-subtree")"
A=$MAIN_A B=$MAIN_B

fsck_ok
finish
