#!/bin/sh
# t3200: branch - list (current, detached, -v, -a/-r, patterns), create
# (start points, -f), delete (-d refuses unmerged, -D, the current one),
# rename (-m/-M, the current branch, reflogs); git's names and messages.
. "$(dirname "$0")/lib.sh"
setup_twins

# refs, HEAD and the reflogs of the named refs, as git reads them
same_refs() {
	_d=$1; shift
	expect_git_agrees "$_d: for-each-ref" for-each-ref
	expect_git_agrees "$_d: HEAD" symbolic-ref -q HEAD
	for _r in "$@"; do
		expect_git_agrees "$_d: reflog $_r" reflog show --format='%H %gs' "$_r"
	done
}

# ---- an unborn HEAD
expect_same_err 'list on an unborn HEAD' branch
expect_same_err 'create on an unborn HEAD' branch x
expect_same_err 'an unborn start point named' branch x master

in_both '"$REAL_GIT" commit -q --allow-empty -m one'
tick
in_both '"$REAL_GIT" commit -q --allow-empty -m "two: a longer subject

with a body"'
in_both '"$REAL_GIT" tag -a -m ann v1 HEAD~1 && "$REAL_GIT" tag light'

# ---- creating
tick
expect_same_err 'create at HEAD' branch topic
expect_same_err 'create from a start point' branch side HEAD~1
expect_same_err 'create from an annotated tag' branch fromtag v1
expect_same_err 'create from an abbreviated id' branch fromid "$(git -C "$B" rev-parse --short HEAD~1)"
expect_same_err 'create a nested name' branch feature/one
same_refs 'after creating' topic side fromtag fromid feature/one
expect_same_err 'an existing branch' branch topic
expect_same_err 'an existing branch with a start point' branch side HEAD
expect_same_err 'a missing start point' branch q nope
expect_same_err 'a tree is not a branch point' branch q 'HEAD^{tree}'
expect_same 'too many arguments' branch q HEAD extra
expect_same_err_p 'the current branch cannot be forced' branch -f master HEAD~1
tick
expect_same_err '-f resets an existing branch' branch -f side HEAD
expect_same_err '-f creates a new branch' branch -f newf HEAD~1
same_refs 'after -f' side newf

# ---- bad names (each leaves the repository alone)
for n in 'a..b' 'a b' 'HEAD' '-x' 'x.lock' 'a/.b' 'x~1' 'x^' 'x:y' 'x?' 'x*' 'x[' 'a\b' 'x/' '.x' 'a@{b' 'feature/one/two'; do
	expect_same_err "bad name '$n'" branch -- "$n"
	expect_unchanged "bad name '$n'" '"$UGIT" branch -- "$n"'
done
expect_same_err 'a name under an existing branch' branch topic/sub
expect_same_err 'a name above an existing branch' branch feature

# ---- listing
expect_same_err 'list' branch
expect_same_err '--list' branch --list
expect_same_err '-l' branch -l
expect_same_err '--list with a pattern' branch --list 'f*'
expect_same_err '--list with patterns' branch --list 'feature/*' side nope
expect_same_err '-v' branch -v
expect_same_err '-vv' branch -vv
expect_same_err '-v --list pattern' branch -v --list 's*'
for a in --abbrev=10 --abbrev=0 --abbrev=2 --abbrev --no-abbrev --abbrev=99 --abbrev=-3; do
	expect_same_err "-v $a" branch -v $a
done
expect_same_err '--abbrev=x' branch -v --abbrev=x
in_both '"$REAL_GIT" update-ref refs/remotes/origin/main HEAD && "$REAL_GIT" update-ref refs/remotes/origin/old HEAD~1'
in_both '"$REAL_GIT" symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main'
expect_same_err '-r' branch -r
expect_same_err '-a' branch -a
expect_same_err '-r --list pattern' branch -r --list 'origin/m*'
expect_same_err '-a --list pattern' branch -a --list '*old'

expect_same_err '-av: a symbolic remote ref' branch -av
expect_same_err '-rv' branch -rv
expect_same_err '--show-current' branch --show-current

# ---- broken refs and ambiguous names
in_both 'echo bad >.git/refs/heads/broken'
expect_same_err 'list warns about a broken ref' branch
expect_same_err 'delete a broken ref' branch -d broken
expect_same_err 'rename a broken ref' branch -m broken b9
in_both 'rm .git/refs/heads/broken'
in_both '"$REAL_GIT" tag side'
expect_same_err 'an ambiguous start point' branch amb side
expect_same_err 'a tag of another name does not matter' branch amb2
in_both '"$REAL_GIT" tag master'
expect_same_err 'an ambiguous default start point' branch amb3
in_both '"$REAL_GIT" tag -d side master >/dev/null'

# ---- detached HEAD (git checks it out in both twins)
in_both '"$REAL_GIT" checkout -q --detach'
expect_same_err 'detached at a branch' branch
expect_same_err 'detached, -v' branch -v
in_both '"$REAL_GIT" checkout -q --detach HEAD~1'
expect_same_err 'detached at an id' branch
in_both '"$REAL_GIT" checkout -q v1'
expect_same_err 'detached at a tag' branch
in_both '"$REAL_GIT" checkout -q origin/old'
expect_same_err 'detached at a remote branch' branch
tick
in_both '"$REAL_GIT" commit -q --allow-empty -m three'
expect_same_err 'detached from' branch
expect_same_err 'detached from, -vv' branch -vv
expect_same_err 'detached: a pattern leaves HEAD out' branch --list 'ma*'
expect_same_err 'detached: rename the current branch' branch -m zz
expect_same_err 'detached: --show-current' branch --show-current
tick
expect_same_err 'detached: -f master is allowed' branch -f fromid HEAD
in_both '"$REAL_GIT" checkout -q master'

# ---- deleting
in_both '"$REAL_GIT" config branch.fromtag.description "gone soon" && "$REAL_GIT" config branch.fromid.description "stays"'
expect_same_err 'delete a merged branch' branch -d fromtag
expect_git_agrees 'deleting a branch removes its config section' config --list --local
in_both '"$REAL_GIT" branch cfglocked && "$REAL_GIT" branch cfglocked2 && "$REAL_GIT" config branch.cfglocked.description x && : >.git/config.lock'
expect_same_err 'rename with the config locked: renamed, config not updated' branch -m cfglocked cfglocked3
expect_same_err 'delete with the config locked: a warning' branch -d cfglocked2
in_both 'rm .git/config.lock'
expect_git_agrees 'config and branches after the locked config' config --list --local
expect_same 'branches after the locked config' branch
expect_same_err 'delete an unmerged branch' branch -d fromid
expect_same_err '-D an unmerged branch' branch -D fromid
expect_same_err 'delete several, one missing' branch -d newf nope feature/one
expect_same_err 'delete a missing branch' branch -d nope
expect_same_err 'delete a missing branch, -D' branch -D nope
expect_same_err_p 'delete the current branch' branch -d master
expect_same_err_p '-D the current branch' branch -D master
expect_same_err 'delete without a name' branch -d
expect_same_err '--delete' branch --delete side
expect_same_err 'delete a remote-tracking branch' branch -d -r origin/old
expect_same_err 'delete a missing remote-tracking branch' branch -d -r origin/nope
in_both '"$REAL_GIT" branch quiet1'
expect_same_err '-q -d prints nothing' branch -q -d quiet1
in_both '"$REAL_GIT" config core.logAllRefUpdates false'
expect_same_err 'no reflog without --create-reflog' branch nolog
expect_same_err '--create-reflog' branch --create-reflog withlog
check 'reflogs as git' 'ls "$A/.git/logs/refs/heads" >"$W/a.ls" && ls "$B/.git/logs/refs/heads" >"$W/b.ls" && cmp "$W/a.ls" "$W/b.ls" && test -f "$A/.git/logs/refs/heads/withlog" && ! test -f "$A/.git/logs/refs/heads/nolog"'
in_both '"$REAL_GIT" config --unset core.logAllRefUpdates && "$REAL_GIT" branch -D nolog withlog >/dev/null'
same_refs 'after deleting' HEAD master

# ---- renaming
in_both '"$REAL_GIT" branch r1 && "$REAL_GIT" branch r2 HEAD~1'
tick
in_both '"$REAL_GIT" config branch.r1.description "first" && "$REAL_GIT" config branch.r2.description "second"'
expect_same_err 'rename' branch -m r1 r1new
expect_git_agrees 'the branch config section follows a rename' config --list --local
expect_same_err 'rename a missing branch' branch -m nope r3
expect_same_err 'rename onto an existing branch' branch -m r1new r2
expect_same_err 'rename to a bad name' branch -m r1new 'a..b'
tick
expect_same_err '-M onto an existing branch' branch -M r1new r2
expect_git_agrees '-M keeps both config sections' config --list --local
same_refs 'after -M' r2
expect_same_err_p '-M onto the current branch' branch -M r2 master
tick
expect_same_err 'rename the current branch' branch -m main
same_refs 'after renaming the current branch' HEAD main
expect_same_err 'rename the current branch, two names' branch -m main master
expect_same_err 'rename without a name' branch -m
expect_same_err 'rename, too many names' branch -m a b c
expect_same_err 'list after renames' branch -v
tick
expect_same_err 'rename to itself' branch -m master master
expect_same_err '-M to itself' branch -M master master
# (git also logs the no-op rename in the branch's own reflog; ugit's refs skip an unchanged ref)
same_refs 'after renaming to itself' HEAD
in_both '"$REAL_GIT" branch nest && "$REAL_GIT" branch deep/er'
expect_same_err 'rename into its own directory' branch -m nest nest/sub
expect_same_err 'rename out of a directory' branch -m deep/er deep
same_refs 'after nested renames' nest/sub deep
in_both '"$REAL_GIT" pack-refs --all'
tick
expect_same_err 'rename a packed branch' branch -m nest/sub packed
expect_same_err 'delete a packed branch' branch -D deep
expect_same_err 'create over a packed name' branch r2
same_refs 'after packed' packed
check 'packed-refs as git' 'cmp "$A/.git/packed-refs" "$B/.git/packed-refs"'

# ---- usage
expect_ugit 'branch -h' 129 branch -h
expect_same_err1 'an unknown option' branch --nope
expect_same '-d and -m together' branch -d -m x
expect_same '--list and --show-current together' branch --list --show-current
expect_same '--list and -d together' branch -l -d x
expect_same_err '-v with a name creates a branch' branch -v 'ma*'
expect_same_err '-r with a name' branch -r x
expect_same_err '-a with a name' branch -a x
expect_same_err '-a with -d' branch -a -d x
expect_same_err '-f alone lists' branch -f
expect_same_err '-vvv' branch -vvv

# ---- a stale lock: the branch cannot be created, nothing changes
in_both ': >.git/refs/heads/locked.lock'
_run_both branch locked
norm_paths
_cmp_err 'create under a held lock' 'head -n 1'
expect_unchanged 'create under a held lock' '"$UGIT" branch locked'
in_both 'rm .git/refs/heads/locked.lock'

# ---- an unborn branch can be renamed (HEAD moves)
in_both '"$REAL_GIT" symbolic-ref HEAD refs/heads/unborn'
expect_same_err 'list on an unborn branch' branch
expect_same_err 'unborn: --show-current' branch --show-current
expect_same_err 'unborn: -d is never merged' branch -d r2
expect_same_err 'rename the unborn current branch' branch -m born
same_refs 'after renaming an unborn branch' HEAD
in_both '"$REAL_GIT" symbolic-ref HEAD refs/heads/master'

fsck_ok
finish
