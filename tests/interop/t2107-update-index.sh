#!/bin/sh
# t2107: update-index - --add, --remove, --force-remove, --replace,
# --cacheinfo (both forms), --index-info, --refresh, --chmod, --info-only,
# --verbose, --stdin; paths from a subdirectory; git's errors.
. "$(dirname "$0")/lib.sh"
setup_twins

Z=1111111111111111111111111111111111111111
BA=78981922613b2afb6025042ff6bd878ac1994e85	# the blob "a\n", in both twins

# expect_same_err_twin DESC ARGS...: as expect_same_err, with each twin's
# path in stderr read as "<twin>".
expect_same_err_twin() {
	_d=$1; shift
	_run_both "$@"
	sed "s|$B|<twin>|g" "$W/exp.err" >"$W/exp.tmp" && mv "$W/exp.tmp" "$W/exp.err"
	sed "s|$A|<twin>|g" "$W/act.err" >"$W/act.tmp" && mv "$W/act.tmp" "$W/act.err"
	_cmp_err "$_d" cat
}
in_both 'mkdir -p d/e && echo a >a && echo b >d/b && echo c >d/e/c && ln -s a link &&
	echo x >exe && chmod +x exe && printf "" >empty && echo u >"ünï" && echo s >"sp ace"'

expect_same 'add files, a symlink, an empty file, odd names' \
	update-index --add a d/b d/e/c link exe empty "ünï" "sp ace"
expect_git_agrees 'same entries' ls-files -s
expect_same 'the same tree' write-tree

# ---- errors, each leaving the index as it was
in_both 'echo n >new'
expect_same_err 'a new file without --add' update-index new
expect_same_err 'a missing file without --remove' update-index nope
expect_same_err 'a directory' update-index --add d
in_both 'mkdir emptyd'
expect_same_err 'a directory with nothing staged inside' update-index --add emptyd
expect_same_err 'a path inside .git is ignored' update-index --add .git/config
expect_same_err_twin '../ outside the repository' update-index --add ../x
expect_git_agrees 'nothing staged by the failures' ls-files -s

# ---- removing
in_both 'rm d/b'
expect_same '--remove drops a deleted file' update-index --remove d/b
expect_same '--remove keeps a file that exists' update-index --remove a
expect_same '--force-remove drops it anyway' update-index --force-remove exe
expect_same '--force-remove of an unknown path' update-index --force-remove nope
expect_git_agrees 'after removals' ls-files -s

# ---- file <-> directory
in_both 'rm -rf d && echo now-a-file >d'
expect_same_err 'a file replacing a directory needs --replace' update-index --add d
expect_same '--replace' update-index --add --replace d
expect_git_agrees 'd is a file now' ls-files -s
in_both 'rm d && mkdir d && echo f >d/f'
expect_same 'and back: --replace the other way' update-index --add --replace --remove d d/f
expect_git_agrees 'd is a directory again' ls-files -s

# ---- --cacheinfo
expect_same '--cacheinfo mode,sha1,path' update-index --add --cacheinfo 100644,$Z,z1
expect_same '--cacheinfo mode sha1 path' update-index --add --cacheinfo 100755 $Z sub/z2
expect_same '--cacheinfo of a gitlink' update-index --add --cacheinfo 160000,$Z,mod
expect_same '--cacheinfo 100664 becomes 100644' update-index --add --cacheinfo 100664,$Z,z3
expect_same_err '--cacheinfo without --add' update-index --cacheinfo 100644,$Z,z4
expect_same_err '--cacheinfo with a bad path' update-index --add --cacheinfo 100644,$Z,.git/x
expect_same '--cacheinfo with a bad id is a usage error' update-index --add --cacheinfo 100644,zz,p
expect_same '--cacheinfo with too little' update-index --add --cacheinfo 100644
expect_git_agrees 'cacheinfo entries' ls-files -s
expect_same 'replace the mode of an entry' update-index --cacheinfo 100755,$Z,z1
expect_same '--force-remove them' update-index --force-remove z1 sub/z2 mod z3

# ---- --index-info
cat >"$W/info" <<EOF
100644 $Z	i1
100755 blob $Z	i2/deep
100644 $BA 1	conflict
100644 $BA 2	conflict
100644 $BA 3	conflict
EOF
expect_stdin_same '--index-info in three formats, with stages' "$W/info" update-index --index-info
expect_git_agrees 'index-info entries' ls-files -s
expect_same 'ls-files -u lists the conflict' ls-files -u
printf '0 %s\tconflict\n0 %s\ti1\n0 %s\ti2/deep\n' $Z $Z $Z >"$W/info"
expect_stdin_same '--index-info mode 0 removes' "$W/info" update-index --index-info
printf 'garbage\n' >"$W/info"
expect_stdin_same '--index-info with a malformed line' "$W/info" update-index --index-info
expect_git_agrees 'back to the files' ls-files -s

# ---- --refresh
in_both 'touch a link "sp ace" && sleep 1'
expect_same '--refresh after touching files' update-index --refresh
expect_git_agrees 'stat data refreshed: nothing modified' ls-files -m
in_both 'echo more >>a && rm empty'
expect_same '--refresh reports what changed' update-index --refresh
expect_same '-q --refresh is quiet' update-index -q --refresh
expect_same '--refresh --ignore-missing' update-index --ignore-missing --refresh
expect_same 'stage the change, drop the deletion' update-index --remove a empty
expect_same '--refresh with nothing to do' update-index --refresh

# ---- --chmod, --info-only, --verbose, --stdin
expect_same '--chmod=+x' update-index --chmod=+x a
expect_same '--chmod -x' update-index --chmod -x a
expect_same_err '--chmod of a symlink' update-index --chmod=+x link
expect_git_agrees 'modes' ls-files -s
in_both 'echo io >io'
expect_same '--info-only stores no blob' update-index --add --info-only io
expect_same 'so git cannot read it' cat-file -e "$("$REAL_GIT" -C "$B" rev-parse :io)"
expect_same '--verbose' update-index --verbose --add io --force-remove io
in_both 'echo s1 >s1 && echo s2 >s2'
printf 's1\ns2\n' >"$W/paths"
expect_stdin_same '--add --stdin' "$W/paths" update-index --add --stdin
printf 's1\0s2\0' >"$W/paths"
expect_stdin_same '--force-remove -z --stdin' "$W/paths" update-index --force-remove -z --stdin
expect_git_agrees 'after --stdin' ls-files -s

# ---- from a subdirectory: paths are relative to it
in_both 'mkdir -p sub && echo q >sub/q && echo r >r'
(cd "$B/sub" && "$REAL_GIT" update-index --add q ../r) >"$W/exp.out" 2>&1
(cd "$A/sub" && "$UGIT" update-index --add q ../r) >"$W/act.out" 2>&1
check 'update-index in a subdirectory' 'cmp "$W/exp.out" "$W/act.out"'
expect_git_agrees 'sub/q and r staged' ls-files -s
(cd "$B/sub" && "$REAL_GIT" update-index --verbose --force-remove q ../r) >"$W/exp.out" 2>&1
(cd "$A/sub" && "$UGIT" update-index --verbose --force-remove q ../r) >"$W/act.out" 2>&1
check '--verbose names paths from the top' 'cmp "$W/exp.out" "$W/act.out"'

# ---- usage errors
expect_same 'an unknown option' update-index --bogus
expect_same 'an unknown switch' update-index -Q
expect_same_err '--index-version 5' update-index --index-version 5
expect_same '--index-version x' update-index --index-version x
expect_same '--chmod with a bad value' update-index --chmod=x a

expect_git_agrees 'final index' ls-files -s
expect_same 'final tree' write-tree
fsck_ok
finish
