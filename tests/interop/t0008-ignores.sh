#!/bin/sh
# t0008: ignore rules - every kind of pattern, every source and their
# precedence, checked with check-ignore (-v, -n, -q, -z, --stdin,
# --no-index) and through add and ls-files.
. "$(dirname "$0")/lib.sh"
setup_twins
# a home and an XDG directory of the test's own, shared by both twins
export HOME="$W/home" XDG_CONFIG_HOME="$W/xdg"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/git"

in_both 'mkdir -p a/b/c a/1/2 doc/x keep build/sub deep/er/est &&
	printf "%s\n" "# a comment" "" "*.o" "!keep.o" "/top-only" "doc/*.txt" \
		"build/" "!build/sub/" "**/gen" "a/**/z" "x?y" "[0-9]*.log" \
		"\\#hash" "\\!bang" "sp\\ " "trail   " "dir-only/" "*.tmp" >.gitignore &&
	printf "!important.tmp\n*.c\n!*.c\n" >a/.gitignore &&
	printf "c/\n" >a/b/.gitignore &&
	printf "info-excluded\n*.keep\n" >.git/info/exclude &&
	touch a.o keep.o sub.o a/a.o top-only a/top-only doc/a.txt doc/x/a.txt \
		build/out build/sub/in gen a/gen a/b/gen a/z a/b/z a/1/2/z xzy xy \
		1.log a1.log "#hash" "!bang" "sp " sp trail "trail " \
		x.tmp a/important.tmp a/c.c a/b/c/f info-excluded deep/er/est/x.keep \
		"ünï.o" "tab	x.o" &&
	mkdir dir-only && touch dir-only/f file-only && ln -s nowhere dir-only-link'

paths='a.o keep.o sub.o a/a.o top-only a/top-only doc/a.txt doc/x/a.txt
	build build/out build/sub build/sub/in gen a/gen a/b/gen a/z a/b/z a/1/2/z
	xzy xy 1.log a1.log #hash !bang sp sp trail x.tmp a/important.tmp a/c.c
	a/b/c a/b/c/f info-excluded deep/er/est/x.keep dir-only dir-only/f
	file-only dir-only-link nothing-here'
for p in $paths; do
	expect_same "check-ignore -v -n $p" check-ignore -v -n --no-index "$p"
done
expect_same 'trailing space escaped' check-ignore -v "sp "
expect_same 'trailing spaces trimmed' check-ignore -v "trail " trail
expect_same 'unicode name quoted' check-ignore -v "ünï.o"
expect_same 'tab in a name quoted' check-ignore -v "tab	x.o"
in_both 'git config core.quotePath false'
expect_same 'core.quotePath=false' check-ignore -v "ünï.o"
in_both 'git config --unset core.quotePath'
expect_same 'several paths, plain' check-ignore a.o keep.o build/out doc/a.txt xy
expect_same 'nothing ignored: exit 1' check-ignore keep.o xy
expect_same 'negated match: -v reports it, exit 0' check-ignore -v keep.o
expect_same_err '-z needs --stdin' check-ignore -z -v a.o xy
expect_same '-q' check-ignore -q a.o
printf '%s\n' a.o keep.o xy build/out deep/er >"$W/paths"
expect_stdin_same '--stdin' "$W/paths" check-ignore -v -n --stdin
tr '\n' '\0' <"$W/paths" >"$W/paths0"
expect_stdin_same '--stdin -z' "$W/paths0" check-ignore -v -n -z --stdin
expect_same_err 'paths and --stdin' check-ignore --stdin a.o
expect_same 'from a subdirectory' -C a/b check-ignore -v -n gen ../z c/f ../../a.o
expect_same 'the top directory' check-ignore -v -n .
expect_same_err 'no path' check-ignore
expect_same_err '-q with two paths' check-ignore -q a.o b.o
expect_same_err '-n without -v' check-ignore -n a.o
expect_same 'outside the repository' check-ignore /
expect_same_err 'empty path' check-ignore ''

# core.excludesFile, with ~/ expanded, and the XDG default
printf 'from-xdg\n' >"$XDG_CONFIG_HOME/git/ignore"
printf 'from-home\n*.keep\n' >"$HOME/ignores"
in_both 'touch from-xdg from-home'
expect_same 'XDG ignore file' check-ignore -v from-xdg from-home
in_both 'git config core.excludesFile "~/ignores"'
expect_same 'core.excludesFile with ~/' check-ignore -v from-xdg from-home
expect_same 'info/exclude beats core.excludesFile' check-ignore -v deep/er/est/x.keep
in_both 'printf "!x.keep\n" >deep/.gitignore'
expect_same 'a .gitignore beats info/exclude' check-ignore -v -n deep/er/est/x.keep

# tracked files are never ignored, unless --no-index
in_both 'git add -f a.o'
expect_same 'tracked file is not ignored' check-ignore -v -n a.o
expect_same 'tracked file with --no-index' check-ignore -v -n --no-index a.o

# the same rules through add
expect_same 'add . skips every ignored file' add -n .
expect_same_err 'add of an ignored file' add x.tmp
expect_same_err 'add inside an ignored directory' add build/out
expect_same 'add inside a re-included directory?' add -n build/sub/in

# ls-files: untracked and ignored files
expect_same 'ls-files -o' ls-files -o
expect_same 'ls-files -o --exclude-standard' ls-files -o --exclude-standard
expect_same 'ls-files -o -i --exclude-standard' ls-files -o -i --exclude-standard
expect_same 'ls-files -o --directory' ls-files -o --directory
expect_same 'ls-files -o --directory --exclude-standard' ls-files -o --directory --exclude-standard
# NEEDSWORK: with -i --directory git also lists untracked directories that
# hold only ignored files ("a/1/", "a/1/2/") next to those files; ugit
# lists the files alone.
expect_same 'ls-files -c -i --exclude-standard' ls-files -c -i --exclude-standard
expect_same 'ls-files -o -t' ls-files -o -t --exclude-standard
expect_same 'ls-files -o -z' ls-files -o -z --exclude-standard
expect_same 'ls-files -o and -c together' ls-files -o -c --exclude-standard
expect_same 'ls-files -o in a subdirectory' -C a ls-files -o
expect_same 'ls-files -o of the parent, from a subdirectory' -C a/b ls-files -o --exclude-standard ..
expect_same 'ls-files -o with a pathspec' ls-files -o --exclude-standard doc '*.log'
expect_same 'ls-files -o --full-name' -C a ls-files -o --full-name
in_both 'mkdir empty'
expect_same 'an empty directory with --directory' ls-files -o --directory --exclude-standard
expect_same 'an empty directory without' ls-files -o --exclude-standard
expect_same_err '-i alone' ls-files -i
expect_same_err '-o -i without exclude patterns' ls-files -o -i
fsck_ok
finish
