#!/bin/sh
# t1007: hash-object - ids of files and stdin, -w, -t, --literally,
# --stdin-paths, validation of commits/trees/tags, big files, errors, usage.
. "$(dirname "$0")/lib.sh"
setup_twins

# ---- fixtures: the same files in both twins, inputs for stdin in $W
in_both 'printf "hello\n" >hello && : >empty && printf "a\000b\000\377\001" >binary &&
	printf "spaces\n" >"name with spaces" && printf "utf\n" >"ünïcødé ☃" &&
	mkdir dir && ln -s hello link'
printf 'hello\n' >"$W/in.hello"
: >"$W/in.empty"
printf 'hello\nbinary\nempty\nname with spaces\nünïcødé ☃\n' >"$W/in.paths"
printf 'hello\nnope\nbinary\n' >"$W/in.paths-missing"

# ---- blobs, without writing
expect_same 'a file' hash-object hello
expect_same 'an empty file' hash-object empty
expect_same 'binary data with NULs' hash-object binary
expect_same 'a name with spaces' hash-object "name with spaces"
expect_same 'a UTF-8 name' hash-object "ünïcødé ☃"
expect_same 'a symlink is followed' hash-object link
expect_same 'several files, in order' hash-object hello empty binary hello
expect_same 'options after the files' hash-object hello -t blob
expect_same '-- ends the options' hash-object -- hello
expect_same '--no-filters changes nothing' hash-object --no-filters hello
expect_same 'no arguments: nothing to do' hash-object
expect_stdin_same '--stdin' "$W/in.hello" hash-object --stdin
expect_stdin_same '--stdin of nothing' "$W/in.empty" hash-object --stdin
expect_stdin_same '--stdin comes before the files' "$W/in.hello" hash-object binary --stdin
expect_stdin_same '--stdin-paths' "$W/in.paths" hash-object --stdin-paths
expect_stdin_same '--stdin-paths dies at a missing file' "$W/in.paths-missing" \
	hash-object --stdin-paths
# --stdin-paths takes git's C-quoted names too
in_both 'printf "t\n" >"tab	name" && printf "q\n" >"q\"uote"'
printf '"tab\\tname"\n"q\\"uote"\n"\\303\\274n\\303\\257c\\303\\270d\\303\\251 \\342\\230\\203"\n"hello" trailing\n' >"$W/in.quoted"
expect_stdin_same '--stdin-paths with quoted names' "$W/in.quoted" hash-object --stdin-paths
for bad in '"unterminated' '"\x41"' '"\4"' '"a\'; do
	printf '%s\n' "$bad" >"$W/in.bad"
	(cd "$B" && "$REAL_GIT" hash-object --stdin-paths) <"$W/in.bad" >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$A" && "$UGIT" hash-object --stdin-paths) <"$W/in.bad" >"$W/act.out" 2>"$W/act.err"; _ar=$?
	_cmp_err "--stdin-paths refuses the badly quoted $bad" cat
done
expect_git_agrees 'hashing alone writes nothing' count-objects

# ---- writing
expect_same '-w writes blobs' hash-object -w hello empty binary "name with spaces"
expect_stdin_same '-w --stdin' "$W/in.hello" hash-object -w --stdin
expect_stdin_same '-w --stdin-paths' "$W/in.paths" hash-object -w --stdin-paths
in_both 'mkdir -p "sub dir" && printf "in a subdirectory\n" >"sub dir/file"'
expect_same '-w from a subdirectory, a relative path' -C "sub dir" hash-object -w file
expect_git_agrees 'git sees the same objects' cat-file --batch-all-objects --batch-check
expect_git_agrees 'git reads the binary blob' cat-file blob "$(cd "$B" && git hash-object binary)"
expect_same '-w of an existing object again' hash-object -w hello

# ---- types: valid content is named and stored like git
T=4b825dc642cb6eb9a060e54bf8d69288fbee4904
printf "tree $T\nauthor A <a@b> 1 +0000\ncommitter C <c@d> 1 +0000\n\nmsg\n" >"$W/commit.ok"
printf "object $T\ntype tree\ntag v1\ntagger T <t@u> 1 +0000\n\nmsg\n" >"$W/tag.ok"
printf "" >"$W/tree.empty"
for f in commit.ok tag.ok tree.empty; do
	expect_same "-w -t ${f%%.*} ($f)" hash-object -w -t "${f%%.*}" "$W/$f"
done
expect_git_agrees 'typed objects as git wrote them' cat-file --batch-all-objects --batch-check
expect_same '-t blob on a commit-like file' hash-object -t blob "$W/commit.ok"

# What follows writes objects git's fsck rejects (that is the point of
# --literally), so it happens in a second pair of twins.
A_MAIN=$A B_MAIN=$B
A=$W/lit-a B=$W/lit-b
mkdir "$A" "$B" && (cd "$A" && git init -q) && (cd "$B" && git init -q)
in_both 'printf "hello\n" >hello && : >empty'

# content git reads leniently, so hash-object takes it
printf "tree $T\n\nno author is fine\n" >"$W/commit.lenient"
printf "object $T\ntype tree\ntag v1\n\nno tagger\n" >"$W/tag.lenient"
printf "100644 a\000aaaaaaaaaaaaaaaaaaaa" >"$W/tree.dangling"
for f in commit.lenient tag.lenient tree.dangling; do
	expect_same "-w -t ${f%%.*} ($f)" hash-object -w -t "${f%%.*}" "$W/$f"
done

# ---- invalid content is refused without --literally, with git's words
printf "tree $T\n" >"$W/commit.onlytree"
printf "tree 4b825dc\n\nshort\n" >"$W/commit.shorttree"
printf "author A <a> 1 +0000\n\nmsg\n" >"$W/commit.notree"
printf "tree $T" >"$W/commit.nonl"
printf "object $T\ntype tree\n\nmsg\n" >"$W/tag.notag"
printf "object xyz\ntype tree\ntag v1\n\n" >"$W/tag.badobject"
printf "object $T\ntype bogus\ntag v1\n\nmsg\n" >"$W/tag.badtype"
printf "100644 a\000aaaa" >"$W/tree.short"
printf "1x0644 a\000aaaaaaaaaaaaaaaaaaaa" >"$W/tree.badmode"
printf "100644 \000aaaaaaaaaaaaaaaaaaaa" >"$W/tree.noname"
for f in commit.onlytree commit.shorttree commit.notree commit.nonl tag.notag \
	tag.badobject tag.badtype tree.short tree.badmode tree.noname; do
	expect_same_err "-t ${f%%.*} refuses $f" hash-object -t "${f%%.*}" "$W/$f"
	expect_same "-w -t ${f%%.*} refuses $f" hash-object -w -t "${f%%.*}" "$W/$f"
	expect_same "--literally -w -t ${f%%.*} takes $f" \
		hash-object --literally -w -t "${f%%.*}" "$W/$f"
done
expect_same_err '-t commit on an empty file' hash-object -t commit empty
expect_same_err '-t tag on stdin' hash-object -t tag --stdin

# ---- --literally and unknown types
expect_same_err 'unknown type without --literally' hash-object -t bogus hello
expect_same_err 'empty type' hash-object -t "" hello
expect_same 'unknown type with --literally' hash-object --literally -t bogus hello
expect_same '-w of an unknown type with --literally' hash-object -w --literally -t bogus hello
expect_git_agrees 'git reads the unknown type' cat-file -t --allow-unknown-type \
	"$(cd "$B" && git hash-object --literally -t bogus hello)"
expect_git_agrees 'the same objects in both' cat-file --batch-all-objects --batch-check \
	--allow-unknown-type
if ! self_check; then
	# git writes a header nothing can read back; ugit refuses to
	expect_ugit 'a type name with a space is refused for -w' 128 \
		hash-object -w --literally -t "a b" hello
	expect_ugit 'a type name too long for the header is refused for -w' 128 \
		hash-object -w --literally -t aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa hello
fi
expect_same 'a strange type name is still hashed (no -w)' \
	hash-object --literally -t "a b" hello
A=$A_MAIN B=$B_MAIN

# ---- errors
expect_same_err 'a missing file' hash-object nope
expect_same_err 'a directory' hash-object dir
expect_same_err 'a missing file after good ones' hash-object hello nope
mkdir "$W/outside"
(cd "$W/outside" && printf 'out\n' >f)
expect_outside() {	# expect_outside DESC ARGS...: both programs outside any repository
	_d=$1; shift
	(cd "$W/outside" && "$REAL_GIT" "$@") >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$W/outside" && "$UGIT" "$@") >"$W/act.out" 2>"$W/act.err"; _ar=$?
	_cmp_err "$_d" cat
}
expect_outside 'outside a repository, hashing works' hash-object f
expect_outside 'outside a repository, -w fails' hash-object -w f
check 'outside a repository, nothing was created' '[ ! -e "$W/outside/.git" ]'

# ---- usage errors: exit 129
expect_same_err '-t without a value' hash-object -t
expect_same_err1 'unknown option' hash-object --bogus hello
expect_same_err '--stdin-paths takes no value' hash-object --stdin-paths=x
expect_same_err '--literally takes no value' hash-object --literally=yes hello
expect_same_err1 'unknown switch' hash-object -x hello
expect_same_err1 '--stdin-paths with files' hash-object --stdin-paths hello
expect_same_err1 '--stdin-paths with --stdin' hash-object --stdin-paths --stdin
expect_same_err1 '--stdin twice' hash-object --stdin --stdin

# ---- a read-only object database (permissions need a non-root user)
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
chmod 755 "$W"	# mktemp -d made it 0700: the plain user must get in
ro_case() {	# ro_case DESC SETUP: both twins' copies get SETUP, then -w as a plain user
	for t in a b; do
		rm -rf "$W/ro-$t" && mkdir "$W/ro-$t" &&
		(cd "$W/ro-$t" && git init -q && printf 'ro\n' >f && eval "$2")
		[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$W/ro-$t"
		(cd "$W/ro-$t" && chmod a-w .git/objects $3)
	done
	(cd "$W/ro-b" && as_user "$REAL_GIT" hash-object -w f) >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$W/ro-a" && as_user "$UGIT" hash-object -w f) >"$W/act.out" 2>"$W/act.err"; _ar=$?
	[ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out" &&
		cmp -s "$W/exp.err" "$W/act.err" &&
		[ -z "$(find "$W/ro-a/.git/objects" -type f)" ]
	_report "$1, same stderr (exit git=$_er ugit=$_ar)" $? "$W/exp.err" "$W/act.err"
	chmod -R u+w "$W/ro-a" "$W/ro-b"
}
ro_case 'read-only objects/' ':'
ro_case 'read-only fan-out directory' 'mkdir .git/objects/d6' .git/objects/d6
(cd "$W/ro-a" && as_user "$UGIT" hash-object -w f >/dev/null && chmod -R a-w .git/objects)
check 'an object that exists is fine in a read-only database' \
	'(cd "$W/ro-a" && as_user "$UGIT" hash-object -w f) | grep -qx "$(git hash-object "$W/ro-a/f")"'
chmod -R u+w "$W/ro-a"

# ---- big files: 100 MiB streamed, same ids as git, bounded memory
in_both 'seq 1 20000000 | head -c 104857600 >big100'
expect_same 'a 100 MiB file' hash-object big100
expect_same 'a 100 MiB file, written' hash-object -w big100
expect_git_agrees 'git reads the 100 MiB blob' cat-file -s "$(cd "$B" && git hash-object big100)"
check 'git verifies the 100 MiB blob' \
	'"$REAL_GIT" -C "$A" cat-file blob $(git -C "$A" hash-object big100) | cmp - "$A/big100"'
case $UGIT in *asan*) ;; *)
	if [ -x /usr/bin/time ] && ! self_check; then
		# holding the file in memory would take > 100 MiB
		check 'hash-object -w of 100 MiB stays under 64 MiB of memory' \
			'rm -rf "$A/.git/objects/"??; (cd "$A" && /usr/bin/time -f %M "$UGIT" hash-object -w big100 2>"$W/rss" >/dev/null) && [ "$(tail -n 1 "$W/rss")" -lt 65536 ]'
		truncate -s 2G "$W/sparse2g"
		check 'hash-object of a 2 GiB (sparse) file stays under 64 MiB' \
			'(cd "$A" && /usr/bin/time -f %M "$UGIT" hash-object "$W/sparse2g" 2>"$W/rss" >"$W/id") && [ "$(tail -n 1 "$W/rss")" -lt 65536 ] && [ "$(cat "$W/id")" = "$(git hash-object "$W/sparse2g")" ]'
		rm -f "$W/sparse2g"
	fi
esac
# kill -9 in the middle of a streamed write: at worst a tmp_obj_* file is
# left, never a damaged object under its final name (fsck_ok below checks)
rm -rf "$A/.git/objects/"??
(cd "$A" && exec "$UGIT" hash-object -w big100 >/dev/null 2>&1) &
_pid=$!
sleep 0.1
kill -9 $_pid 2>/dev/null
wait $_pid 2>/dev/null
check 'after kill -9, git verifies every object that has a name' \
	'"$REAL_GIT" -C "$A" fsck --strict --no-dangling 2>&1 | grep -v "^notice" | grep -q . && exit 1; :'
find "$A/.git/objects" -name 'tmp_obj_*' -exec rm -f {} +
if ! self_check; then
	# SIGTERM (or SIGINT) in the middle of a streamed write: the handler
	# removes the temporary file, so nothing at all is left behind
	rm -rf "$A/.git/objects/"??
	(cd "$A" && exec "$UGIT" hash-object -w big100 >/dev/null 2>&1) &
	_pid=$!
	sleep 0.1
	kill -TERM $_pid 2>/dev/null
	wait $_pid
	_st=$?
	check "SIGTERM during a streamed write leaves no tmp_obj_* (exit $_st)" \
		'[ $_st = 143 ] || [ $_st = 0 ]; [ -z "$(find "$A/.git/objects" -name "tmp_obj_*")" ]'
fi
in_both 'rm -f big100'

fsck_ok
finish
