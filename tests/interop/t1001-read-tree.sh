#!/bin/sh
# t1001: read-tree - a tree, a commit or a tag into the index, --empty,
# -m keeping stat data, --reset, -n; bad names and objects; paths git
# refuses (.git, ..) in a tree.
. "$(dirname "$0")/lib.sh"
setup_twins

fixture() {
	mkdir -p d/e "sp ace" && echo a >a && echo a-b >a-b && echo ab >d/b &&
	echo c >d/e/c && echo q >"sp ace/q" && echo u >"ünï" && echo x >exe &&
	chmod +x exe && ln -s a link &&
	"$REAL_GIT" add . &&
	"$REAL_GIT" update-index --add --cacheinfo 160000,5555555555555555555555555555555555555555,module &&
	"$REAL_GIT" commit -q -m one && "$REAL_GIT" tag -a -m tag v1 && "$REAL_GIT" tag light &&
	echo a2 >a && "$REAL_GIT" rm -q --cached d/b && "$REAL_GIT" add a && "$REAL_GIT" commit -q -m two
}
(cd "$A" && fixture) >/dev/null && (cd "$B" && fixture) >/dev/null || { echo "Bail out! fixture"; exit 1; }
T1=$("$REAL_GIT" -C "$B" rev-parse 'HEAD~1^{tree}')
BLOB=$("$REAL_GIT" -C "$B" rev-parse HEAD:a)
D=$("$REAL_GIT" -C "$B" rev-parse HEAD~1:d)
BAD=""	# the trees made below that git's fsck would warn about

expect_same 'read-tree a tree id' read-tree "$T1"
expect_git_agrees 'the index holds that tree' ls-files -s
expect_same 'write-tree gives it back' write-tree
expect_same 'read-tree a commit' read-tree HEAD
expect_git_agrees 'the index holds its tree' ls-files -s
check 'the index file is byte for byte git'"'"'s (no stat data, the same cache-tree)' \
	'cmp "$B/.git/index" "$A/.git/index"'
expect_same 'read-tree an annotated tag' read-tree v1
expect_git_agrees 'the tagged commit'"'"'s tree' ls-files -s
expect_same 'read-tree a short id' read-tree "$(echo "$T1" | cut -c1-7)"
expect_same 'read-tree of a subtree' read-tree "$D"
expect_git_agrees 'the subtree at the top' ls-files -s
expect_same 'read-tree -n changes nothing' read-tree -n HEAD
expect_git_agrees 'still the subtree' ls-files -s

# -m keeps stat data of unchanged entries, so nothing looks modified
expect_same 'read-tree -m HEAD' read-tree -m HEAD
expect_same 'read-tree HEAD (stat data dropped)' read-tree HEAD
expect_same 'refresh the stat data' update-index --refresh
expect_same 'read-tree -m HEAD again' read-tree -m HEAD
check 'read-tree -m kept the stat data' \
	'! "$REAL_GIT" -C "$A" ls-files --debug a | grep -q "mtime: 0:0"'
expect_same 'read-tree HEAD drops it' read-tree HEAD
check 'stat data gone' '"$REAL_GIT" -C "$A" ls-files --debug a | grep -q "mtime: 0:0"'
expect_same '--reset' read-tree --reset HEAD
expect_git_agrees 'index after --reset' ls-files -s

# ---- emptying
expect_same 'read-tree --empty' read-tree --empty
expect_git_agrees 'an empty index' ls-files -s
expect_same 'read-tree HEAD' read-tree HEAD
expect_same_err 'read-tree with no argument (deprecated)' read-tree
expect_git_agrees 'empty again' ls-files -s
expect_same_err '--empty with a tree' read-tree --empty HEAD

# ---- errors leave the index alone
expect_same 'read-tree HEAD' read-tree HEAD
expect_same_err 'a bad name' read-tree nope
expect_same_err 'a blob' read-tree "$BLOB"
expect_same_err 'a missing object' read-tree 1111111111111111111111111111111111111111
expect_same_err '-m and --reset' read-tree -m --reset HEAD
expect_git_agrees 'the index is still HEAD' ls-files -s
expect_same 'an unknown option' read-tree --bogus HEAD

# ---- trees git refuses to read: paths it would never check out
for name in .git .GIT .git. git~1 .. .; do
	bad=$(printf '100644 blob %s\t%s\n' "$BLOB" "$name" | "$REAL_GIT" -C "$B" mktree 2>/dev/null) || continue
	(cd "$A" && printf '100644 blob %s\t%s\n' "$BLOB" "$name" | "$REAL_GIT" mktree >/dev/null)
	expect_same_err "a tree holding '$name'" read-tree "$bad"
	BAD="$BAD $bad"
done
sub=$(printf '100644 blob %s\t.git\n' "$BLOB" | "$REAL_GIT" -C "$B" mktree)
(cd "$A" && printf '100644 blob %s\t.git\n' "$BLOB" | "$REAL_GIT" mktree >/dev/null)
nested=$(printf '040000 tree %s\tdir\n' "$sub" | "$REAL_GIT" -C "$B" mktree)
(cd "$A" && printf '040000 tree %s\tdir\n' "$sub" | "$REAL_GIT" mktree >/dev/null)
BAD="$BAD $sub $nested"
expect_same_err 'a subtree holding .git' read-tree "$nested"
expect_git_agrees 'the index is still HEAD after refusals' ls-files -s

# ---- unmerged entries block -m
printf '100644 %s 2\tc\n' "$BLOB" >"$W/info"
(cd "$A" && "$REAL_GIT" update-index --index-info <"$W/info")
(cd "$B" && "$REAL_GIT" update-index --index-info <"$W/info")
expect_same_err 'read-tree -m with unmerged entries' read-tree -m HEAD
expect_same '--reset drops them' read-tree --reset HEAD
expect_git_agrees 'merged again' ls-files -s

# the refused trees are dangling and hold .git: take them out before fsck
for t in $BAD; do
	rm -f "$A/.git/objects/$(echo "$t" | cut -c1-2)/$(echo "$t" | cut -c3-)"
done
fsck_ok
finish
