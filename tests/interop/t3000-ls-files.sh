#!/bin/sh
# t3000: ls-files - plain, -s/--stage, -m, -d, -u, -t, -z, quoting
# (core.quotePath), pathspecs and paths relative to a subdirectory,
# --full-name, --error-unmatch, usage errors.
. "$(dirname "$0")/lib.sh"
setup_twins

BA=78981922613b2afb6025042ff6bd878ac1994e85	# the blob "a\n"

# expect_same_in DIR DESC ARGS...: expect_same (stdout, stderr, status) in a subdirectory.
expect_same_in() {
	_dir=$1 _d=$2; shift 2
	(cd "$B/$_dir" && "$REAL_GIT" "$@") >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$A/$_dir" && "$UGIT" "$@") >"$W/act.out" 2>"$W/act.err"; _ar=$?
	sed "s|$B|<twin>|g" "$W/exp.err" >"$W/exp.tmp" && mv "$W/exp.tmp" "$W/exp.err"
	sed "s|$A|<twin>|g" "$W/act.err" >"$W/act.tmp" && mv "$W/act.tmp" "$W/act.err"
	_cmp_err "$_d" cat
}

expect_same 'an empty index' ls-files
in_both 'mkdir -p sub/deep "sp ace" && echo a >a && echo a-b >a-b && echo a.b >a.b &&
	mkdir a-dir && echo ab >a-dir/b && echo a0 >a0 && echo s >sub/s && echo t >sub/t &&
	echo d >sub/deep/d && echo q >"sp ace/q" && echo u >"ünï" && printf "t\n" >"tab	x" &&
	printf "q\n" >"quo\"te" && echo x >exe && chmod +x exe && ln -s a link &&
	"$REAL_GIT" update-index --add a a-b a.b a-dir/b a0 sub/s sub/t sub/deep/d \
		"sp ace/q" "ünï" "tab	x" "quo\"te" exe link'

expect_same 'plain' ls-files
expect_same '-c' ls-files -c
expect_same '-s' ls-files -s
expect_same '--stage' ls-files --stage
expect_same '-z' ls-files -z
expect_same '-s -z' ls-files -s -z
expect_same '-t' ls-files -t
in_both '"$REAL_GIT" config core.quotePath false'
expect_same 'core.quotePath=false' ls-files
in_both '"$REAL_GIT" config --unset core.quotePath'

# ---- the work tree: modified, deleted
in_both 'echo more >>a && rm sub/t && chmod -x exe && touch a0'
expect_same '-m' ls-files -m
expect_same '-d' ls-files -d
expect_same '-c -d -m' ls-files -c -d -m
expect_same '-t -c -d -m' ls-files -t -c -d -m
expect_same '-s -m' ls-files -s -m
expect_same '-m -z' ls-files -m -z
# the same size, changed within the second: racy, so the content decides
in_both 'printf "r1\n" >racy && "$REAL_GIT" update-index --add racy && printf "r2\n" >racy'
expect_same '-m sees a racily clean change' ls-files -m racy

# ---- pathspecs
expect_same 'a file' ls-files a
expect_same 'a directory' ls-files sub
expect_same 'a directory with a slash' ls-files sub/
expect_same 'a file with a slash matches nothing' ls-files a/
expect_same 'a prefix that is not a directory' ls-files a-
expect_same 'several' ls-files sub/deep a0 nope
expect_same 'a glob' ls-files '*.b'
expect_same 'a glob across directories' ls-files 'sub/*'
expect_same 'dot' ls-files .
expect_same_err '--error-unmatch' ls-files --error-unmatch a nope sub/nope
expect_same '--error-unmatch, all found' ls-files --error-unmatch a sub

# ---- from a subdirectory
expect_same_in sub 'in a subdirectory: only what is below' ls-files
expect_same_in sub '-s in a subdirectory' ls-files -s
expect_same_in sub '..' ls-files ..
expect_same_in sub '../a and deep' ls-files ../a deep
expect_same_in sub '--full-name' ls-files --full-name
expect_same_in sub/deep '-d -m from two levels down' ls-files -d -m ../..
expect_same_in sub 'outside the repository' ls-files ../../x
expect_same_in sub './ and ./t/' ls-files ./ ./t/
expect_same_in sub 'an empty pathspec' ls-files ''

# ---- unmerged entries
printf '100644 %s 1\tc\n100644 %s 2\tc\n100644 %s 3\tc\n' $BA $BA $BA >"$W/info"
(cd "$A" && "$REAL_GIT" update-index --index-info <"$W/info")
(cd "$B" && "$REAL_GIT" update-index --index-info <"$W/info")
expect_same 'unmerged: plain lists each stage' ls-files c
expect_same '-u' ls-files -u
expect_same '-s' ls-files -s c
expect_same '-t -c -m' ls-files -t -c -m c

# ---- usage
expect_same 'an unknown option' ls-files --bogus
expect_same 'an unknown switch' ls-files -Q

in_both '"$REAL_GIT" update-index --force-remove c'
fsck_ok
finish
