#!/bin/sh
# t1600: the index file itself - what git writes ugit reads (versions 2, 3
# and 4) and the reverse, the same bytes but for stat data, damaged files
# refused with git's words, index.lock, racy-git.
. "$(dirname "$0")/lib.sh"
setup_twins

# index_version DIR: the version field of DIR's index, as a number
index_version() {
	od -An -tu1 -j7 -N1 "$1/.git/index" | tr -d ' '
}

# tree_ext DIR: the TREE extension of DIR's index, in hex
tree_ext() {
	python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); i = d.find(b"TREE")
print(d[i:-20].hex() if i > 0 else "")' "$1/.git/index"
}

# sans_stat: `ls-files --debug` without what differs between twin files
sans_stat() {
	grep -v -e '^  ctime:' -e '^  mtime:' -e '^  dev:'
}

# expect_same_err_twin DESC ARGS...: as expect_same_err, with each twin's
# path in stderr read as "<twin>" (lock messages name absolute paths).
expect_same_err_twin() {
	_d=$1; shift
	_run_both "$@"
	sed "s|$B|<twin>|g" "$W/exp.err" >"$W/exp.tmp" && mv "$W/exp.tmp" "$W/exp.err"
	sed "s|$A|<twin>|g" "$W/act.err" >"$W/act.tmp" && mv "$W/act.tmp" "$W/act.err"
	_cmp_err "$_d" cat
}

in_both 'mkdir -p sub/deep && echo 1 >a-b && echo 2 >a.b && mkdir a && echo 3 >a/b &&
	echo 4 >a0 && echo 5 >sub/deep/f && echo 6 >x && chmod +x x && ln -s a0 link &&
	printf "u\n" >"ünï"'

# ---- git writes, ugit reads
in_both '"$REAL_GIT" update-index --add a-b a.b a/b a0 sub/deep/f x link "ünï"'
expect_same 'ls-files -s of an index git wrote (v2)' ls-files -s
in_both '"$REAL_GIT" update-index --index-version 3'
expect_same 'ls-files -s of a v3 index' ls-files -s
in_both 'echo 7 >new && "$REAL_GIT" add -N new'
expect_same 'an intent-to-add entry (extended flags, v3)' ls-files -s
in_both '"$REAL_GIT" update-index --index-version 4'
expect_same 'ls-files -s of a v4 index (prefix-compressed names)' ls-files -s

# ---- ugit writes the version it read, and git reads it
in_both 'echo 8 >sub/deep/g'
expect_same 'update-index --add into a v4 index' update-index --add sub/deep/g
check 'the index stays version 4' '[ "$(index_version "$A")" = 4 ]'
expect_git_agrees 'git reads the v4 index ugit wrote' ls-files -s
expect_same 'back to version 2' update-index --index-version 2
check 'version 3 as git writes it: an intent-to-add entry needs v3' \
	'[ "$(index_version "$A")" = 3 ] && [ "$(index_version "$B")" = 3 ]'
expect_git_agrees 'git reads the v2 index ugit wrote' ls-files -s

# ---- the same bytes as git's, stat data aside
in_both 'rm -f .git/index'
expect_same 'update-index --add of the same files' update-index --add a-b a.b a/b a0 sub/deep/f x link "ünï"
check 'same index size as git' '[ "$(wc -c <"$A/.git/index")" = "$(wc -c <"$B/.git/index")" ]'
(cd "$A" && "$REAL_GIT" ls-files -s --debug | sans_stat) >"$W/a.dbg"
(cd "$B" && "$REAL_GIT" ls-files -s --debug | sans_stat) >"$W/b.dbg"
check 'same entries, modes, sizes, flags (ls-files --debug)' 'cmp "$W/b.dbg" "$W/a.dbg"'
expect_same 'write-tree' write-tree
check 'the cache-tree ugit saved is the one git saves' \
	'[ -n "$(tree_ext "$B")" ] && [ "$(tree_ext "$A")" = "$(tree_ext "$B")" ]'
expect_git_agrees 'git status reads the cache-tree' status --porcelain

# ---- empty index
in_both 'rm -f .git/index'
expect_same 'ls-files with no index file' ls-files
expect_same 'write-tree with no index file' write-tree
expect_git_agrees 'an index holding nothing' ls-files -s

# ---- damaged index files
in_both '"$REAL_GIT" update-index --add a0 x'
in_both 'cp .git/index .git/index.good'
in_both 'printf DIRX | dd of=.git/index conv=notrunc 2>/dev/null'
expect_same_err 'bad signature' ls-files
in_both 'cp .git/index.good .git/index && printf "\0\0\0\5" | dd of=.git/index bs=1 seek=4 conv=notrunc 2>/dev/null'
expect_same_err 'bad version 5' ls-files
in_both 'cp .git/index.good .git/index && printf "\0\0\0\1" | dd of=.git/index bs=1 seek=4 conv=notrunc 2>/dev/null'
expect_same_err 'bad version 1' ls-files
in_both 'head -c 20 .git/index.good >.git/index'
expect_same_err 'a file shorter than a header' ls-files
expect_same_err 'update-index refuses it too' update-index --add a0
check 'a failed update-index leaves the index alone' '(cd "$A" && cp .git/index "$W/before" && "$UGIT" update-index --add a0; cmp "$W/before" .git/index)'
# git trusts the checksum on ordinary reads (only fsck checks it); ugit
# checks it on every read, so a torn or damaged file is never used.
in_both 'cp .git/index.good .git/index && sz=$(wc -c <.git/index) &&
	printf "\377" | dd of=.git/index bs=1 seek=$((sz - 1)) conv=notrunc 2>/dev/null'
expect_same_err 'fsck: bad checksum' fsck
if ! self_check; then
	printf 'error: bad index file sha1 signature\nfatal: index file corrupt\n' >"$W/want.err"
	expect_ugit 'ls-files: bad checksum' 128 ls-files
	check 'with git'"'"'s message' 'cmp "$W/want.err" "$W/act.err"'
	(cd "$A" && head -c 100 .git/index.good >.git/index)
	expect_ugit 'ls-files: truncated file' 128 ls-files
fi
in_both 'mv .git/index.good .git/index'

# ---- index.lock
in_both 'touch .git/index.lock'
expect_same_err_twin 'write-tree with the index locked' write-tree
in_both 'echo 9 >a0'
expect_same_err_twin 'update-index with the index locked' update-index a0
check 'a locked update-index leaves the index alone' '(cd "$A" && cp .git/index "$W/before" && "$UGIT" update-index a0; cmp "$W/before" .git/index)'
check 'the lock is left alone' '[ -f "$A/.git/index.lock" ]'
expect_same 'update-index with nothing to write does not need the lock' update-index x
expect_same_err_twin 'read-tree with the index locked' read-tree --empty
in_both 'rm .git/index.lock'
expect_same 'update-index a0 once the lock is gone' update-index a0
check 'no lock left behind' '[ ! -e "$A/.git/index.lock" ]'
expect_git_agrees 'the staged change' ls-files -s

# ---- racy git: a change within the second the index was written
in_both 'printf abc >racy && "$REAL_GIT" update-index --add racy' 2>/dev/null
(cd "$A" && printf abc >racy2 && "$UGIT" update-index --add racy2 && printf xyz >racy2)
(cd "$B" && printf abc >racy2 && "$REAL_GIT" update-index --add racy2 && printf xyz >racy2)
expect_same 'a same-size change in the same second is seen (ls-files -m)' ls-files -m
expect_same 'update-index --refresh sees it too' update-index --refresh
expect_same 'and still after the index was rewritten' ls-files -m
expect_same 'update-index stages it' update-index racy2
expect_git_agrees 'git sees the same content' ls-files -s racy2
expect_same 'nothing modified now' ls-files -m

# ---- fsck: the index is a root
in_both 'echo staged-only >so && "$REAL_GIT" update-index --add so'
expect_same 'fsck: a blob only the index names is not dangling' fsck
expect_same 'a cache-tree' write-tree
expect_same 'fsck: nor are the trees of the cache-tree' fsck
expect_same 'stage a missing blob' update-index --add --cacheinfo 100644,1111111111111111111111111111111111111111,zz
# git lists objects in its hash table's order, ugit in id order: sort
(cd "$B" && "$REAL_GIT" fsck; echo "exit $?") 2>&1 | sort >"$W/fsck.exp"
(cd "$A" && "$UGIT" fsck; echo "exit $?") 2>&1 | sort >"$W/fsck.act"
check 'fsck: a missing staged blob' 'cmp "$W/fsck.exp" "$W/fsck.act" && grep -q "^missing blob 1111" "$W/fsck.act"'
expect_same 'unstage it' update-index --force-remove zz

fsck_ok
finish
