#!/bin/sh
# t1006: cat-file - -t/-s/-e/-p, "<type> <object>" with peeling, names
# (full, abbreviated, ambiguous, refs), --batch/--batch-check with formats,
# a 100 MiB blob, every kind of damaged loose object, usage errors.
. "$(dirname "$0")/lib.sh"
setup_twins
chmod 755 "$W"

# ---- fixture: git builds the same history in both twins (ugit cannot
# commit yet); ugit's own objects are added with ugit hash-object below.
fixture() {
	printf 'hello\n' >hello && : >empty && printf 'a\000b\000\377\001' >binary &&
	mkdir -p "sub dir/deeper" && printf 'deep\n' >"sub dir/deeper/file" &&
	printf 'x\n' >"with space" && printf 'u\n' >"ünï ☃" &&
	printf 't\n' >"tab	name" && printf 'q\n' >'quo"te' &&
	printf 'b\n' >'back\slash' && printf 'n\n' >"new
line" && printf '#!/bin/sh\n' >run.sh && chmod +x run.sh && ln -s "sub dir" link &&
	"$REAL_GIT" add . &&
	"$REAL_GIT" update-index --add --cacheinfo \
		160000,5555555555555555555555555555555555555555,module &&
	"$REAL_GIT" commit -q -m "first commit" -m "body line" &&
	"$REAL_GIT" tag -a -m "tag message" v1 &&
	"$REAL_GIT" tag light &&
	"$REAL_GIT" -c advice.nestedTag=false tag -a -m "tag of a tag" v1-of-v1 v1 &&
	"$REAL_GIT" tag -a -m "a blob" blobtag HEAD:hello &&
	"$REAL_GIT" tag -a -m "a tree" treetag "HEAD^{tree}"
}
(cd "$A" && fixture) && (cd "$B" && fixture) || { echo "Bail out! fixture"; exit 1; }

rev() { "$REAL_GIT" -C "$B" rev-parse "$@"; }
BLOB=$(rev HEAD:hello) EMPTY=$(rev HEAD:empty) BIN=$(rev HEAD:binary)
TREE=$(rev "HEAD^{tree}") SUB=$(rev "HEAD:sub dir") C=$(rev HEAD) TAG=$(rev v1)
TAGTAG=$(rev v1-of-v1) BLOBTAG=$(rev blobtag) TREETAG=$(rev treetag)
MISSING=1111111111111111111111111111111111111111

# ---- one object at a time
for o in $BLOB $EMPTY $BIN $TREE $SUB $C $TAG $TAGTAG $BLOBTAG $TREETAG; do
	for opt in -t -s -e -p; do
		expect_same "cat-file $opt $(echo $o | cut -c1-7)" cat-file $opt $o
	done
done
expect_same 'cat-file blob' cat-file blob $BLOB
expect_same 'cat-file blob of binary data' cat-file blob $BIN
expect_same 'cat-file blob of an empty blob' cat-file blob $EMPTY
expect_same 'cat-file tree is raw' cat-file tree $TREE
expect_same 'cat-file commit' cat-file commit $C
expect_same 'cat-file tag' cat-file tag $TAG

# ---- "<type> <object>" peels tags, and commits to trees
expect_same 'commit of a tag' cat-file commit v1
expect_same 'commit of a tag of a tag' cat-file commit v1-of-v1
expect_same 'tree of a commit' cat-file tree HEAD
expect_same 'tree of a tag' cat-file tree v1
expect_same 'tree of a tag of a tree' cat-file tree treetag
expect_same 'blob of a tag of a blob' cat-file blob blobtag
expect_same 'tag of a tag of a tag' cat-file tag v1-of-v1
expect_same_err 'blob of a commit: bad file' cat-file blob HEAD
expect_same_err 'commit of a blob: bad file' cat-file commit $BLOB
expect_same_err 'tag of a commit: bad file' cat-file tag $C
expect_same_err 'commit of a tag of a blob: bad file' cat-file commit blobtag
expect_same_err 'commit of a tree: bad file' cat-file commit $TREE
expect_same_err 'an unknown type' cat-file bogus $C
expect_same_err 'a missing object by type' cat-file blob $MISSING
# git follows a tag's "object" line whatever its "type" line claims (this is
# not "^{type}" peeling, which checks it): a tag that calls a blob a commit,
# and one of a type that does not exist.  git fsck rejects both: removed after.
lying_tag() {	# lying_tag TYPE: the id of a tag of $BLOB that claims TYPE
	printf 'object %s\ntype %s\ntag lie\ntagger C O Mitter <committer@example.com> 1112911993 -0700\n\nm\n' \
		$BLOB "$1" | "$REAL_GIT" -C "$B" hash-object -t tag --stdin --literally
}
LIE=$(lying_tag commit) UNK=$(lying_tag bogus)
in_both 'for t in commit bogus; do printf "object %s\ntype %s\ntag lie\ntagger C O Mitter <committer@example.com> 1112911993 -0700\n\nm\n" \
	$BLOB $t | "$REAL_GIT" hash-object -t tag -w --stdin --literally >/dev/null; done'
for t in $LIE $UNK; do
	expect_same "blob of a tag whose type line lies ($t)" cat-file blob $t
	expect_same_err "commit of a tag whose type line lies ($t)" cat-file commit $t
	expect_same "-p of a tag whose type line lies ($t)" cat-file -p $t
done
in_both 'for t in $LIE $UNK; do rm .git/objects/$(echo $t | cut -c1-2)/$(echo $t | cut -c3-); done'

# ---- names
for n in HEAD master refs/heads/master heads/master v1 tags/v1 refs/tags/v1 light \
	$(echo $C | cut -c1-4) $(echo $C | cut -c1-7) $(echo $C | cut -c1-39) \
	$(echo $BLOB | tr a-f A-F) $(echo $TREE | cut -c1-6 | tr a-f A-F); do
	expect_same "-t $n" cat-file -t "$n"
done
expect_same '-p HEAD' cat-file -p HEAD
expect_same 'commit master' cat-file commit master
for n in nope dead deadbeef "" HEADX refs/heads/nope ../HEAD $MISSING; do
	expect_same_err "-t of '$n'" cat-file -t "$n"
	expect_same_err "-p of '$n'" cat-file -p "$n"
	expect_same_err "-e of '$n'" cat-file -e "$n"
done
expect_same_err '-s of a missing full id' cat-file -s $MISSING

expect_same 'from a subdirectory' -C "sub dir" cat-file -p v1
expect_same_err 'a damaged name from a subdirectory' -C "sub dir" cat-file -t nope

# packed refs are read too
in_both '"$REAL_GIT" pack-refs --all'
for n in master v1 light refs/tags/v1-of-v1 HEAD; do
	expect_same "$n from packed-refs" cat-file -t "$n"
done
expect_same 'tree of a packed tag' cat-file tree v1

# ---- objects written by ugit, read by both
in_both 'printf "written by ugit\n" >mine && mkdir -p out && printf "nul\000byte" >out/nul'
expect_same 'ugit writes, ugit reads' hash-object -w mine out/nul
MINE=$("$REAL_GIT" -C "$B" hash-object mine)
NUL=$("$REAL_GIT" -C "$B" hash-object out/nul)
for opt in -t -s -p -e; do
	expect_same "$opt of an object ugit wrote" cat-file $opt $MINE
	expect_git_agrees "git: $opt of an object ugit wrote" cat-file $opt $NUL
done

# ---- batch modes over many objects
"$REAL_GIT" -C "$B" cat-file --batch-all-objects --batch-check='%(objectname)' >"$W/all"
{
	cat "$W/all"
	echo "$MISSING"
	echo "HEAD"
	echo "v1 with some rest"
	echo "$(echo $C | cut -c1-7)	tab rest"
	echo "  $C"
	echo "nope"
	echo ""
	echo "refs/tags/light"
} >"$W/batch.in"
printf '%s\0' "$BLOB" HEAD "$MISSING" v1 >"$W/batch.z"
expect_stdin_same '--batch-check' "$W/batch.in" cat-file --batch-check
expect_stdin_same '--batch' "$W/batch.in" cat-file --batch
expect_stdin_same '--batch --buffer' "$W/batch.in" cat-file --batch --buffer
expect_stdin_same '--batch-check -z' "$W/batch.z" cat-file --batch-check -z
for fmt in '%(objectname)' '%(objecttype) %(objectsize)' '[%(rest)]' \
	'%(objectname) %(objectsize:disk) %(deltabase)' '100%% %x %(objecttype) %' \
	'' 'text only'; do
	expect_stdin_same "--batch-check='$fmt'" "$W/batch.in" cat-file --batch-check="$fmt"
done
expect_stdin_same "--batch='%(objecttype)'" "$W/batch.in" cat-file --batch='%(objecttype)'
expect_stdin_same '--batch-all-objects --batch-check' /dev/null \
	cat-file --batch-all-objects --batch-check
expect_stdin_same '--batch-all-objects --batch' /dev/null \
	cat-file --batch-all-objects --batch='%(objectname) %(objecttype)'
expect_same_err 'an unknown format atom' cat-file --batch-check='%(bogus)'
expect_same_err 'an unterminated format atom' cat-file --batch-check='%%(objectname) %(objectname'

# ---- a 100 MiB blob, streamed both ways
in_both 'seq 1 20000000 | head -c 104857600 >big'
expect_same 'hash-object -w of 100 MiB' hash-object -w big
BIG=$("$REAL_GIT" -C "$B" hash-object big)
expect_same '-s of the big blob' cat-file -s $BIG
expect_same '-p of the big blob' cat-file -p $BIG
expect_same 'blob of the big blob' cat-file blob $BIG
echo $BIG >"$W/big.in"
expect_stdin_same '--batch of the big blob' "$W/big.in" cat-file --batch
expect_git_agrees 'git reads the big blob ugit wrote' cat-file -s $BIG
case $UGIT in *asan*) ;; *)
	if [ -x /usr/bin/time ] && ! self_check; then
		check 'cat-file blob of 100 MiB stays under 64 MiB of memory' \
			'(cd "$A" && /usr/bin/time -f %M "$UGIT" cat-file blob $BIG 2>"$W/rss" >/dev/null) && [ "$(tail -n 1 "$W/rss")" -lt 65536 ]'
	fi
esac
in_both 'rm -f big'

# ---- abbreviations: ambiguous with a blob, a commit, a tree and a tag.
# The blob contents were found by brute force: "amb N\n" shares its first
# four hex digits with the object named in the comment.
in_both '"$REAL_GIT" mktree </dev/null >/dev/null &&
	"$REAL_GIT" commit-tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904 -m "ambiguous subject" >/dev/null'
AMBC=22b995b5f3077bd06af622b2695a804d967ff659		# that commit
printf 'object %s\ntype commit\ntag amb-tag\ntagger C O Mitter <committer@example.com> 1112911993 -0700\n\ntag message\n' \
	$AMBC >"$W/amb-tag"
in_both '"$REAL_GIT" mktag <"$W/amb-tag" >/dev/null'
AMBT=bf655dcf0c83543d66df77a3e005f296ee84417c		# that tag
in_both 'for i in 5734 5674 93001 477 727 11448 43325; do printf "amb %d\n" $i >amb$i; done'
expect_same 'write the colliding blobs' hash-object -w amb5734 amb5674 amb93001 amb477 amb727 amb11448 amb43325
for p in 22b9 bf65 4b82 eec1 ea32de5 ea32d EEC1; do
	expect_same_err "-t of ambiguous $p" cat-file -t $p
	expect_same_err "-p of ambiguous $p" cat-file -p $p
	expect_same_err "-e of ambiguous $p" cat-file -e $p
	expect_same_err "blob of ambiguous $p" cat-file blob $p
done
expect_same '-t of 22b99 (unique)' cat-file -t 22b99
expect_same '-t of the 8-digit id of amb11448 (unique)' \
	cat-file -t "$("$REAL_GIT" -C "$B" hash-object amb11448 | cut -c1-8)"
printf '22b9\nbf65\n4b82\neec1\nea32de5\n22b99\n' >"$W/amb.in"
expect_stdin_same '--batch-check of ambiguous ids' "$W/amb.in" cat-file --batch-check
# stderr too: the hints are printed for each
(cd "$B" && "$REAL_GIT" cat-file --batch-check <"$W/amb.in") >/dev/null 2>"$W/exp.err"
(cd "$A" && "$UGIT" cat-file --batch-check <"$W/amb.in") >/dev/null 2>"$W/act.err"
_er=0 _ar=0; : >"$W/exp.out"; : >"$W/act.out"
_cmp_err 'hints of ambiguous ids in batch mode' cat
# The hints date a commit by its author in the author's zone (not by its
# committer) and a tag by its tagger in UTC: each wrong choice would show
# another day here.  The blobs collide with the commit and the tag.
in_both 'GIT_AUTHOR_DATE="1112911993 +1400" GIT_COMMITTER_DATE="1113911993 -1100" \
	"$REAL_GIT" commit-tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904 -m "dates differ" >/dev/null'
printf 'object %s\ntype commit\ntag tz-tag\ntagger C O Mitter <committer@example.com> 1112911993 +1400\n\nzones\n' \
	2cd0bf1cfd935f0cb0f52bfb8bc561741ec42ec1 >"$W/tz-tag"	# that commit
in_both '"$REAL_GIT" mktag <"$W/tz-tag" >/dev/null'	# 14c6e9308afcd460509fa50dfee0e8bb9e233505
in_both 'printf "amb 60474\n" >amb60474 && printf "amb 11472\n" >amb11472'
expect_same 'write blobs that collide with them' hash-object -w amb60474 amb11472
for p in 2cd0 14c6; do
	expect_same_err "hint dates of ambiguous $p" cat-file -t $p
	expect_same_err "hint dates of ambiguous $p, -p" cat-file -p $p
done

# ---- damaged loose objects, planted in both twins alike
N=b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0	# the id of "blob 5\0hello"
put_object() {	# put_object HOW PRINTF-FORMAT: HOW is z, raw, trunc or garbage
	for d in "$A" "$B"; do
		mkdir -p "$d/.git/objects/b6" &&
		rm -f "$d/.git/objects/b6/${N#b6}" &&
		case $1 in
		z) printf "$2" | perl -MCompress::Zlib -0777 -ne 'print compress($_)' ;;
		raw) printf "$2" ;;
		trunc) printf "$2" | perl -MCompress::Zlib -0777 -ne 'print substr(compress($_), 0, -6)' ;;
		garbage) printf "$2" | perl -MCompress::Zlib -0777 -ne 'print compress($_), "garbage"' ;;
		esac >"$d/.git/objects/b6/${N#b6}"
	done
}
# expect_same_err_in DESC ARGS...: as expect_same_err, both programs
# reading stdin from $IN if set.  Messages name files as git does
# (".git/objects/b6/...").
expect_same_err_in() {
	_d=$1; shift
	(cd "$B" && "$REAL_GIT" "$@") <"${IN:-/dev/null}" >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$A" && "$UGIT" "$@") <"${IN:-/dev/null}" >"$W/act.out" 2>"$W/act.err"; _ar=$?
	_cmp_err "$_d" cat
}
# expect_ugit_refuses DESC ARGS...: git accepts the damage here, ugit must
# not: exit 128 with the check that failed on stderr (in $W/expect.msg).
expect_ugit_refuses() {
	_d=$1; shift
	(cd "$A" && "$UGIT" "$@") >"$W/act.out" 2>"$W/act.err"; _ar=$?
	[ "$_ar" = 128 ] && grep -qF "$(cat "$W/expect.msg")" "$W/act.err"
	_report "$_d (exit ugit=$_ar)" $? "$W/expect.msg" "$W/act.err"
}
have_perl() { perl -MCompress::Zlib -e 1 2>/dev/null; }
if have_perl; then
	echo "$N" >"$W/n.in"
	# damage git also refuses: same stdout, stderr and exit status
	for how in "raw:" "raw:xxxxxxxxxxxx" "z:blob 05\000hello" "z:blob5\000hello" \
		"z:blob 5hello" "z:blobblobblobblobblobblobblobblob 5\000hello" \
		"z:blob -5\000hello" "z:blub 5\000hello"; do
		put_object "${how%%:*}" "${how#*:}"
		expect_same_err_in "-t of damaged '$how'" cat-file -t $N
		expect_same_err_in "-s of damaged '$how'" cat-file -s $N
		expect_same_err_in "-p of damaged '$how'" cat-file -p $N
		IN=$W/n.in expect_same_err_in "--batch-check of damaged '$how'" cat-file --batch-check
	done
	put_object z 'blub 5\000hello'
	expect_same 'an unknown type with --allow-unknown-type -t' cat-file -t --allow-unknown-type $N
	expect_same 'an unknown type with --allow-unknown-type -s' cat-file -s --allow-unknown-type $N
	expect_same_err 'an unknown type with -e' cat-file -e $N
	expect_same_err 'an unknown type with blob' cat-file blob $N
	IN=$W/n.in expect_same_err_in 'an unknown type with --batch' cat-file --batch

	# a truncated stream: the header reads, the body does not
	put_object trunc 'blob 5\000hello'
	expect_same '-t of a truncated object' cat-file -t $N
	expect_same '-p of a truncated object fails' cat-file -p $N
	check 'ugit says why it could not stream the truncated object' \
		'(cd "$A" && "$UGIT" cat-file -p $N) 2>&1 >/dev/null | tail -n 1 | grep -qx "fatal: unable to stream $N to stdout"'
	put_object trunc 'commit 5\000hello'
	expect_same_err_in '-p of a truncated commit' cat-file -p $N

	if ! self_check; then
		# damage git's cat-file does not see; ugit checks every read
		put_object garbage 'blob 5\000hello'
		echo "garbage at end of loose object '$N'" >"$W/expect.msg"
		expect_ugit_refuses 'garbage after the stream' cat-file -p $N
		expect_ugit_refuses 'garbage after the stream, --batch' cat-file --batch <"$W/n.in"
		put_object z 'blob 4\000hello'
		echo "size mismatch in loose object '$N' (header says 4 bytes)" >"$W/expect.msg"
		expect_ugit_refuses 'declared size too small' cat-file blob $N
		put_object z 'blob 6\000hello'
		echo "size mismatch in loose object '$N' (header says 6 bytes)" >"$W/expect.msg"
		expect_ugit_refuses 'declared size too large' cat-file -p $N
		put_object z 'blob 6\000hello!'
		echo "hash mismatch $N" >"$W/expect.msg"
		expect_ugit_refuses 'content under the wrong name' cat-file -p $N
		put_object z 'commit 6\000hello!'
		echo "hash mismatch $N" >"$W/expect.msg"
		expect_ugit_refuses 'a commit under the wrong name' cat-file commit $N
		put_object raw ''
		expect_ugit '-e of an empty object file is 1' 1 cat-file -e $N
		# git 2.39.5 dies with "size_t overflow: 9999999999999999999 * 10"
		put_object z 'blob 99999999999999999999\000hello'
		echo "unable to parse $N header" >"$W/expect.msg"
		expect_ugit_refuses 'a size beyond 64 bits' cat-file -t $N
	fi
	in_both 'rm -f .git/objects/b6/${N#b6}'
fi

# ---- refs: git's warnings, one name at a time and in batch mode, where
# git reads no ref for a 40-hex name (so no warning about one)
in_both '"$REAL_GIT" tag master v1 && "$REAL_GIT" update-ref refs/heads/$C $C &&
	echo junk >.git/refs/heads/broken && echo "ref: refs/heads/nowhere" >.git/refs/heads/dangling'
for n in master $C broken dangling; do
	expect_same_err "warnings for $n" cat-file -t $n
done
expect_same_err 'warnings for a 40-hex ref, -p' cat-file -p $C
printf 'master\n%s\nbroken\ndangling\nv1\n' $C >"$W/refs.in"
IN=$W/refs.in expect_same_err_in 'warnings in batch mode' cat-file --batch-check
in_both '"$REAL_GIT" tag -d master >/dev/null && "$REAL_GIT" update-ref -d refs/heads/$C &&
	rm .git/refs/heads/broken .git/refs/heads/dangling'
# a damaged packed-refs is fatal, as in git
in_both 'mv .git/packed-refs .git/packed-refs.good && echo garbage >.git/packed-refs'
expect_same_err 'a damaged packed-refs' cat-file -t v1
echo v1 >"$W/v1.in"
IN=$W/v1.in expect_same_err_in 'a damaged packed-refs in batch mode' cat-file --batch-check
in_both 'mv .git/packed-refs.good .git/packed-refs'

# ---- core.quotePath=false: -p of a tree (git's ls-tree) keeps UTF-8 names
in_both '"$REAL_GIT" config core.quotePath false'
expect_same '-p of a tree with core.quotePath=false' cat-file -p $TREE
in_both '"$REAL_GIT" config --unset core.quotePath'

# ---- usage errors: exit 129 (and git's first line of stderr)
expect_same_err1 'no arguments' cat-file
expect_same_err1 'one argument' cat-file $C
expect_same_err1 'three arguments' cat-file blob $C $C
expect_same_err1 '-t without an object' cat-file -t
expect_same_err1 '-p with two objects' cat-file -p $C $C
expect_same_err '-t with -p' cat-file -t -p $C
expect_same_err '-s with -e' cat-file -s -e $C
expect_same_err1 'an unknown option' cat-file --bogus $C
expect_same_err '--buffer takes no value' cat-file --buffer=x --batch
expect_same_err '--batch-all-objects takes no value' cat-file --batch-all-objects=1 --batch
expect_same_err1 'an unknown switch' cat-file -x $C
expect_same_err1 'batch with an argument' cat-file --batch-check $C
expect_same_err1 'batch with -t' cat-file --batch-check -t
expect_same_err 'two batch options' cat-file --batch --batch-check
expect_same_err1 '--batch-all-objects alone' cat-file --batch-all-objects
expect_same_err1 '--buffer alone' cat-file --buffer -t HEAD
expect_same_err1 '-z alone' cat-file -z -t HEAD
expect_same_err '--allow-unknown-type with -p' cat-file -p --allow-unknown-type $C
expect_same_err '-t of HEAD outside a repository' -C "$W" cat-file -t HEAD

fsck_ok
finish
