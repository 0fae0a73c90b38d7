#!/bin/sh
# t1500: rev-parse - where am I (git dir, top level, prefix) from the top,
# subdirectories, inside .git, bare repositories, with GIT_DIR and
# GIT_WORK_TREE, outside any repository under GIT_CEILING_DIRECTORIES; and
# revisions: full and abbreviated ids, HEAD and ref names, --verify and -q,
# with git's warnings and hints.
. "$(dirname "$0")/lib.sh"
setup_twins

expect_same_p() {
	_d=$1; shift
	_run_both "$@"
	norm_paths
	[ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out"
	_report "$_d (exit git=$_er ugit=$_ar)" $?
}

FACTS='--git-dir --is-inside-work-tree --is-bare-repository --is-inside-git-dir --show-prefix --show-cdup --absolute-git-dir'
in_both 'mkdir -p a/b/c && "$REAL_GIT" init -q --bare bare.git && mkdir bare.git/x'
in_both 'mkdir -p gf/sub && "$REAL_GIT" init -q --separate-git-dir sep.git gf'
in_both '"$REAL_GIT" init -q cb && "$REAL_GIT" -C cb config core.bare true && mkdir cb/sub'

for d in . a a/b/c .git .git/objects .git/refs/heads bare.git bare.git/x bare.git/objects \
	gf gf/sub cb cb/sub cb/.git; do
	expect_same_p "facts in $d" -C "$d" rev-parse $FACTS
	expect_same_err_p "--show-toplevel in $d" -C "$d" rev-parse --show-toplevel
done

# GIT_DIR and GIT_WORK_TREE
export GIT_DIR
GIT_DIR=../.git
expect_same_p 'GIT_DIR relative' -C a rev-parse $FACTS --show-toplevel
GIT_DIR=./../.git/
expect_same_p 'GIT_DIR printed as given' -C a rev-parse --git-dir
GIT_WORK_TREE=..; export GIT_WORK_TREE
expect_same_p 'GIT_DIR with GIT_WORK_TREE' -C a rev-parse $FACTS --show-toplevel
GIT_WORK_TREE=b
expect_same_p 'GIT_WORK_TREE below the cwd' -C a rev-parse $FACTS --show-toplevel
unset GIT_WORK_TREE
GIT_DIR=../bare.git
expect_same_err_p 'GIT_DIR to a bare repository' -C a rev-parse $FACTS --show-toplevel
GIT_DIR=../gf/.git
expect_same_p 'GIT_DIR to a .git file' -C a rev-parse $FACTS --show-toplevel
GIT_DIR=nowhere
expect_same_err_p 'GIT_DIR to nowhere' rev-parse --git-dir
GIT_DIR=
expect_same_err_p 'GIT_DIR empty' rev-parse --git-dir
unset GIT_DIR
expect_same_p '--git-dir option' --git-dir=.git -C a rev-parse --git-dir --show-prefix
expect_same_p '-C twice' -C a -C b rev-parse --show-prefix --show-cdup

# outside a repository, and ceilings
mkdir -p "$W/out-a/x" "$W/out-b/x"
expect_same_err 'outside: every option fails' -C ../out-a rev-parse --git-dir
expect_same_err 'outside: even no option' -C ../out-a rev-parse
expect_same_err 'outside: a full id' -C ../out-a rev-parse 1234567890123456789012345678901234567890
GIT_CEILING_DIRECTORIES=$A/a:$B/a
expect_same_err 'a ceiling above the cwd stops the walk' -C a/b rev-parse --git-dir
expect_same_p 'a ceiling at the cwd does not' -C a rev-parse --show-prefix
GIT_CEILING_DIRECTORIES=$A/a/:$B/a/
expect_same_err 'a ceiling with a trailing slash' -C a/b/c rev-parse --show-prefix
GIT_CEILING_DIRECTORIES=$A/a/b/c/d:$B/a/b/c/d
expect_same_p 'a ceiling below the cwd is ignored' -C a/b rev-parse --show-prefix
GIT_CEILING_DIRECTORIES=relative/path
expect_same_p 'a relative ceiling is ignored' -C a/b rev-parse --show-prefix
GIT_CEILING_DIRECTORIES=$W

# revisions
H=1234567890123456789012345678901234567890
expect_same 'a full id prints even if missing' rev-parse $H
expect_same 'upper case is printed lower' rev-parse ABCDEF7890123456789012345678901234567890
expect_same '--verify a full id' rev-parse --verify $H
expect_same '-q --verify a full id' rev-parse -q --verify $H
expect_same_err 'HEAD on an unborn branch' rev-parse HEAD
expect_same_err '--verify HEAD on an unborn branch' rev-parse --verify HEAD
expect_same '-q --verify HEAD on an unborn branch exits 1' rev-parse -q --verify HEAD
expect_same_err '--verify with nothing' rev-parse --verify
expect_same_err '--verify with two ids' rev-parse --verify $H $H
expect_same 'two ids without --verify' rev-parse $H $H
expect_same 'facts before --verify' rev-parse --git-dir --verify $H
expect_same_err '--verify then an option' rev-parse --verify --git-dir
expect_same 'unknown flags pass through' rev-parse --bogus -x
expect_same '-- and what follows' rev-parse -- --git-dir HEAD
expect_same_err 'one digit too many' rev-parse ${H}a
tick
in_both 'echo x >a/file && "$REAL_GIT" add a/file && "$REAL_GIT" commit -q -m one'
tick
in_both '"$REAL_GIT" commit -q --allow-empty -m two && "$REAL_GIT" tag v1 HEAD~1 && "$REAL_GIT" tag -a -m annotated v2'
expect_same 'HEAD' rev-parse HEAD
expect_same '@' rev-parse @
expect_same 'branch, full and partial names' rev-parse master heads/master refs/heads/master
expect_same 'tags, lightweight and annotated' rev-parse v1 tags/v1 v2 refs/tags/v2
expect_same '--verify a branch' rev-parse --verify master
expect_same 'from a subdirectory' -C a/b rev-parse HEAD
expect_same_err 'a missing ref' rev-parse nope
expect_same_err '--verify a missing ref' rev-parse --verify nope
expect_same '-q --verify a missing ref exits 1' rev-parse -q --verify nope
expect_same_err 'a revision before --' rev-parse HEAD -- a/file
expect_same_err 'a bad revision before --' rev-parse nope -- a/file
expect_same_err 'a file name is printed' rev-parse a/file
expect_same_err 'after a file only files' rev-parse a/file HEAD
expect_same_err 'after a file no options' rev-parse a/file --git-dir
in_both '"$REAL_GIT" tag master HEAD~1'
expect_same_err 'an ambiguous name warns, tags first' rev-parse master
expect_same_err '-q silences the warning' rev-parse -q --verify master
expect_same_err '-q silences it without --verify too' rev-parse -q master
in_both '"$REAL_GIT" config core.warnAmbiguousRefs false'
expect_same_err 'core.warnAmbiguousRefs=false silences it too' rev-parse master
in_both '"$REAL_GIT" pack-refs --all'
expect_same 'packed refs' rev-parse master refs/heads/master v1 v2
in_both '"$REAL_GIT" update-ref refs/remotes/origin/main HEAD~1 && "$REAL_GIT" symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main'
expect_same 'remote names' rev-parse origin/main origin remotes/origin/main
in_both '"$REAL_GIT" symbolic-ref refs/heads/sym refs/heads/master'
expect_same 'a symbolic ref' rev-parse sym
in_both 'printf "%s\n" "$("$REAL_GIT" rev-parse HEAD~1)" >.git/ORIG_HEAD'
expect_same 'a HEAD-like name' rev-parse ORIG_HEAD
expect_same_err 'lower-case top-level names are not refs' rev-parse config
in_both '"$REAL_GIT" checkout -q --detach HEAD~1'
expect_same 'a detached HEAD' rev-parse HEAD
in_both '"$REAL_GIT" checkout -q master'

# hostile refs: a loop of symbolic refs ends, a HEAD escaping refs/ is not followed
in_both 'echo "ref: refs/heads/loop2" >.git/refs/heads/loop1 && echo "ref: refs/heads/loop1" >.git/refs/heads/loop2'
expect_same_err 'a loop of symbolic refs fails' rev-parse loop1
expect_same_err 'and fails --verify' rev-parse --verify loop1
in_both 'rm .git/refs/heads/loop1 .git/refs/heads/loop2'
in_both 'cp .git/HEAD .git/HEAD.good && echo "ref: refs/heads/../../../../../etc/passwd" >.git/HEAD'
expect_same_err 'HEAD pointing out of refs/ resolves to nothing' rev-parse HEAD
in_both 'mv .git/HEAD.good .git/HEAD'

# -q hides only the ambiguity of a short name: broken and dangling refs,
# and a ref named like a full id, still warn (git 2.39.5)
in_both '"$REAL_GIT" config --unset core.warnAmbiguousRefs'
H2=$("$REAL_GIT" -C "$B" rev-parse HEAD)
in_both 'echo junk >.git/refs/heads/broken && echo "ref: refs/heads/nowhere" >.git/refs/heads/dangling &&
	"$REAL_GIT" update-ref refs/heads/$H2 HEAD~1 && "$REAL_GIT" branch $(echo $H2 | cut -c1-6) HEAD~1'
for q in '' -q; do
	for n in broken dangling $H2 $(echo $H2 | cut -c1-6); do
		expect_same_err "${q:-no -q}: $n" rev-parse $q $n
		expect_same_err "${q:-no -q}: --verify $n" rev-parse $q --verify $n
	done
done
in_both 'rm .git/refs/heads/broken .git/refs/heads/dangling && "$REAL_GIT" update-ref -d refs/heads/$H2 &&
	"$REAL_GIT" branch -D $(echo $H2 | cut -c1-6) >/dev/null'

# a damaged packed-refs is fatal, -q or not, even for a full id
in_both 'mv .git/packed-refs .git/packed-refs.good && echo garbage >.git/packed-refs'
expect_same_err 'a damaged packed-refs' rev-parse master
expect_same_err 'a damaged packed-refs, -q --verify' rev-parse -q --verify master
expect_same_err 'a damaged packed-refs, a full id' rev-parse $H2
in_both 'mv .git/packed-refs.good .git/packed-refs'

# abbreviated ids: unique in either case, missing, and ambiguous (the blobs
# "amb N" collide with the commit and the tag, as in t1006)
in_both 'printf "hello\n" | "$REAL_GIT" hash-object -w --stdin >/dev/null'
for n in ce01 CE013 ce013625030ba8dba906f756967f9e9ca39446 $(echo $H2 | cut -c1-7); do
	expect_same "abbreviated $n" rev-parse $n
	expect_same "--verify abbreviated $n" rev-parse --verify $n
done
expect_same 'an abbreviated id and a full one' rev-parse ce01 $H2
expect_same_err 'an abbreviation of nothing' rev-parse ce02
expect_same_err '--verify an abbreviation of nothing' rev-parse --verify ce02
expect_same_err 'three digits are a name' rev-parse ce0
in_both 'GIT_AUTHOR_DATE="1112911993 -0700" GIT_COMMITTER_DATE="1112911993 -0700" \
	"$REAL_GIT" commit-tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904 -m "ambiguous subject" >/dev/null'
printf 'object 22b995b5f3077bd06af622b2695a804d967ff659\ntype commit\ntag amb-tag\ntagger C O Mitter <committer@example.com> 1112911993 -0700\n\ntag message\n' >"$W/amb-tag"
in_both '"$REAL_GIT" mktag <"$W/amb-tag" >/dev/null && for i in 5734 5674; do printf "amb %d\n" $i | "$REAL_GIT" hash-object -w --stdin >/dev/null; done'
for p in 22b9 BF65; do
	expect_same_err "ambiguous $p" rev-parse $p
	expect_same_err "ambiguous $p, --verify" rev-parse --verify $p
	expect_same_err "ambiguous $p, -q --verify" rev-parse -q --verify $p
	expect_same_err "ambiguous $p, -q" rev-parse -q $p
	expect_same_err "ambiguous $p before --" rev-parse $p --
done
expect_same 'longer, unique again' rev-parse 22b99 --verify bf655

if ! self_check; then
	expect_ugit 'an option ugit lacks is refused, not ignored' 129 rev-parse --short HEAD
fi
fsck_ok
finish
