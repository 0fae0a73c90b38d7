#!/bin/sh
# t0001: init - git's layout and messages, --bare, -b, init.defaultBranch,
# nested directories, re-init, bad branch names; then git must take ugit's
# repositories for its own.
. "$(dirname "$0")/lib.sh"
setup_scratch

expect_same_p() {	# stdout and exit status
	_d=$1; shift
	_run_both "$@"
	norm_paths
	[ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out"
	_report "$_d (exit git=$_er ugit=$_ar)" $?
}

# tree_of DIR: every path under DIR with its type, mode and content digest,
# leaving out git's sample hooks (ugit writes none; they never run).
tree_of() {
	(cd "$1" && find . ! -path '*/hooks/*.sample' | LC_ALL=C sort | while read -r p; do
		if [ -d "$p" ]; then echo "$p dir $(stat -c %a "$p")"
		else echo "$p file $(stat -c %a "$p") $(cksum <"$p")"; fi
	done)
}
expect_same_tree() {	# DESC DIR-IN-A-AND-B
	tree_of "$B/$2" >"$W/exp.out"
	tree_of "$A/$2" >"$W/act.out"
	cmp -s "$W/exp.out" "$W/act.out"
	_report "$1" $?
}

expect_same_p 'init in an empty directory' init
expect_same_tree 'the same files as git, byte for byte' .git
expect_same_p 're-init says so' init
expect_same_p 're-init -q is silent' init -q
expect_same_tree 're-init changes nothing' .git
expect_git_agrees 'git reads ugit HEAD and config' rev-parse --git-dir --is-bare-repository --symbolic-full-name HEAD
expect_git_agrees 'git status works on ugit repository' status --porcelain --branch
expect_git_agrees 'git config agrees' config --list --local

expect_same_p 'init a new nested directory' init deep/er/repo
expect_same_tree 'nested: same files' deep/er/repo/.git
expect_same_p 'init --bare' init --bare bare.git
expect_same_tree 'bare: same files' bare.git
expect_git_agrees 'git sees a bare repository' -C bare.git rev-parse --is-bare-repository --git-dir
expect_same_p 'init -q --bare into an existing directory' init -q --bare deep
expect_same_tree 'bare into existing: same files' deep
expect_same_p 'paths are taken literally, then cleaned' init ./p1/../p2//x/
check 'both created p1 and p2' '[ -d "$A/p1" ] && [ -d "$A/p2/x/.git" ]'

# initial branch
expect_same_p '-b names the branch' init -q -b main b1
expect_git_agrees '-b: HEAD' -C b1 symbolic-ref HEAD
expect_same_p '--initial-branch=' init --initial-branch=trunk b2
expect_git_agrees '--initial-branch: HEAD' -C b2 symbolic-ref HEAD
expect_same_p '--initial-branch as two words' init --initial-branch topic/x b3
expect_git_agrees 'a branch with a slash' -C b3 symbolic-ref HEAD
expect_same_p '-qb clusters' init -qb z b4
expect_git_agrees 'clustered: HEAD' -C b4 symbolic-ref HEAD
expect_same_err_p 're-init ignores -b, with a warning' init -b other b1
expect_git_agrees 're-init kept HEAD' -C b1 symbolic-ref HEAD
for bad in 'bad..name' '' 'a.lock' 'x y' 'a~b' '.hidden' 'a/' 'a@{1}'; do
	expect_same_err_p "bad branch name '$bad'" init -b "$bad" badbranch
done
if ! self_check; then
	# git creates the directory before it checks the name; ugit checks first
	check 'a bad name creates nothing' '[ ! -e "$A/badbranch" ]'
fi

# init.defaultBranch from the global config (each twin has its own file)
printf '[init]\n\tdefaultBranch = devel\n' >"$W/global"
GIT_CONFIG_GLOBAL=$W/global; export GIT_CONFIG_GLOBAL
expect_same_p 'init.defaultBranch' init -q d1
expect_git_agrees 'init.defaultBranch: HEAD' -C d1 symbolic-ref HEAD
expect_same_p '-b beats init.defaultBranch' init -q -b cli d2
expect_git_agrees '-b beats: HEAD' -C d2 symbolic-ref HEAD
printf '[init]\n\tdefaultBranch = bad..x\n' >"$W/global"
expect_same_err_p 'bad init.defaultBranch' init -q d3
printf '[init]\n\tdefaultBranch\n' >"$W/global"
expect_same_err_p 'init.defaultBranch without a value' init -q d4
printf '[init]\n\tdefaultBranch = x\n[bad\n' >"$W/global"
expect_same_err_p 'broken global config' init -q d5
printf '[core]\n\tlogallrefupdates = false\n' >"$W/global"
expect_same_p 'a global core.logallrefupdates is not repeated' init -q d6
expect_same_tree 'logallrefupdates: same files' d6/.git
GIT_CONFIG_GLOBAL=$W/global.gitconfig

# GIT_DIR and --git-dir
expect_same_p '--git-dir names the git directory (bare)' --git-dir=meta.git init g1
expect_same_tree 'named git dir: same files' g1/meta.git
expect_same_p '--git-dir=.git is a normal repository' -C g1 --git-dir=.git init
expect_same_tree '.git via --git-dir: same files' g1/.git
expect_same_err_p '--git-dir=x/.git needs x' --git-dir=nothere/.git init
expect_same_p '--bare wins over GIT_DIR' --git-dir=ignored init --bare g2
check 'no GIT_DIR directory was made' '[ ! -e "$A/g2/ignored" ] && [ -f "$A/g2/HEAD" ]'

# a .git file: re-initialise where it points
in_both '"$REAL_GIT" init -q --separate-git-dir sep.git gf'
expect_same_p 're-init through a .git file' init gf
printf 'gitdir: ../nowhere\n' >"$A/badgf"; cp "$A/badgf" "$B/badgf"
in_both 'mkdir gf2 && cp badgf gf2/.git'
expect_same_err_p '.git file to nowhere' init gf2

# errors and usage
: >"$A/afile"; : >"$B/afile"
expect_same_err_p 'init where a file is' init afile
expect_same_err_p 'init below a file' init afile/sub
expect_same 'two directories: usage' init x y
expect_same_err1 'unknown option' init --bogus
expect_same_err1 'unknown switch' init -z
# a value missing or given to a flag: one line, no usage (git's parse-options)
expect_same_err '-b without a value' init -b
expect_same_err '-qb without a value' init -qb
expect_same_err '--initial-branch without a value' init --initial-branch
expect_same_err '--bare takes no value' init --bare=x
expect_same_err1 '--help=x is unknown' init --help=x
check 'usage errors created nothing' '[ ! -e "$A/x" ] && [ ! -e "$A/y" ]'

# a version ugit and git do not know is refused, and left alone
in_both '"$REAL_GIT" init -q v2 && "$REAL_GIT" -C v2 config core.repositoryformatversion 2'
expect_same_err_p 'format version 2 is refused' init v2
expect_same_tree 'version 2: untouched' v2/.git

if ! self_check; then
	# HEAD is written last: an init stopped before it leaves no repository
	mkdir -p "$A/stop/.git"; : >"$A/stop/.git/HEAD.lock"
	expect_ugit 'init fails while HEAD is locked' 128 init stop
	check 'without HEAD git sees no repository there' \
		'! GIT_CEILING_DIRECTORIES=$A "$REAL_GIT" -C "$A/stop" rev-parse --git-dir'
	rm "$A/stop/.git/HEAD.lock"
	expect_ugit 'init again succeeds' 0 init stop
	cp "$W/act.out" "$W/stop.out"
	check 'and says Initialized' 'grep -q "^Initialized empty Git repository in $A/stop/.git/\$" "$W/stop.out"'
	check 'git accepts it' '"$REAL_GIT" -C "$A/stop" fsck --strict'
fi

# objects and refs made by git in the twins: ugit's repository is git's
tick
in_both 'echo hello >file && "$REAL_GIT" add file && "$REAL_GIT" commit -q -m first'
expect_git_agrees 'the same first commit' rev-parse HEAD
expect_git_agrees 'the same log' log --format='%H %s'
fsck_ok
finish
