#!/bin/sh
# t0004: write-tree - trees from the index with ids identical to git's:
# nested directories, exec bits, symlinks, gitlinks, deletions, unicode,
# names that sort trickily; the cache-tree; missing objects, unmerged
# entries, --missing-ok.
. "$(dirname "$0")/lib.sh"
setup_twins

Z=1111111111111111111111111111111111111111

expect_same 'write-tree of an empty index' write-tree
in_both 'mkdir -p a/b/c a-b "sp ace" "ünï" && echo 1 >a/b/c/f && echo 2 >a-b/x &&
	echo 3 >a.b && echo 4 >a0 && echo 5 >a/z && echo 6 >"sp ace/s" && echo 7 >"ünï/☃" &&
	echo 8 >exe && chmod +x exe && ln -s a/z link && echo 9 >a/b/g'
# ugit stages in $A, git in $B; then each writes its own tree
(cd "$A" && "$UGIT" update-index --add a/b/c/f a-b/x a.b a0 a/z "sp ace/s" "ünï/☃" exe link a/b/g)
(cd "$B" && "$REAL_GIT" update-index --add a/b/c/f a-b/x a.b a0 a/z "sp ace/s" "ünï/☃" exe link a/b/g)
expect_same 'a tree of tricky names' write-tree
expect_git_agrees 'ls-tree -r -t of it' ls-tree -r -t "$("$REAL_GIT" -C "$B" write-tree)"
expect_same 'again, from the cache-tree' write-tree

# a change deep down: the cache-tree must not hide it
in_both 'echo 10 >a/b/c/f'
(cd "$A" && "$UGIT" update-index a/b/c/f)
(cd "$B" && "$REAL_GIT" update-index a/b/c/f)
expect_same 'after changing a/b/c/f' write-tree
(cd "$A" && "$UGIT" update-index --force-remove a-b/x)
(cd "$B" && "$REAL_GIT" update-index --force-remove a-b/x)
expect_same 'after removing the only file of a-b' write-tree
expect_same 'a gitlink' update-index --add --cacheinfo 160000,5555555555555555555555555555555555555555,mod
expect_same 'a tree with a gitlink' write-tree
expect_same 'drop it' update-index --force-remove mod

# ---- refusals
expect_same 'an entry whose blob is missing' update-index --add --cacheinfo 100644,$Z,missing
expect_same_err 'write-tree names it' write-tree
expect_same '--missing-ok writes the tree anyway' write-tree --missing-ok
MT=$(cat "$W/exp.out")	# names a missing blob: removed before fsck
expect_same 'drop it' update-index --force-remove missing
in_both 'echo conflict | "$REAL_GIT" hash-object -w --stdin >/dev/null'
C=$(echo conflict | "$REAL_GIT" hash-object --stdin)
printf '100644 %s 1\tc\n100644 %s 2\tc\n100644 %s 3\tc\n100644 %s 2\td\n' $C $C $C $C >"$W/info"
(cd "$A" && "$REAL_GIT" update-index --index-info <"$W/info")
(cd "$B" && "$REAL_GIT" update-index --index-info <"$W/info")
expect_same_err 'unmerged entries' write-tree
in_both '"$REAL_GIT" update-index --force-remove c d'
expect_same 'an unknown option' write-tree --bogus

expect_same 'the final tree' write-tree
rm -f "$A/.git/objects/$(echo "$MT" | cut -c1-2)/$(echo "$MT" | cut -c3-)"
fsck_ok
finish
