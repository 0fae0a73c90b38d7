#!/bin/sh
# t1300: config - get, set, unset, list, file options, types, exit codes
# and messages; the twins' config files must stay byte-for-byte equal.
. "$(dirname "$0")/lib.sh"
setup_twins

same_config() {	# DESC FILE: the twins' copies of FILE are identical
	cp "$B/$2" "$W/exp.out" && cp "$A/$2" "$W/act.out"
	cmp -s "$W/exp.out" "$W/act.out"
	_report "$1" $?
}

# reading
expect_same 'get core.bare' config core.bare
expect_same '--get core.filemode' config --get core.filemode
expect_same 'a missing key exits 1' config nope.nope
expect_same 'a missing section.sub.key exits 1' config a.b.c
expect_same_err 'no section: exit 1' config nope
expect_same_err 'no variable name: exit 1' config a.b.
expect_same_err 'invalid key: exit 1' config a.1b
expect_same_err 'invalid section name: exit 1' config a_b.c
expect_same 'keys ignore case of section and name' config CORE.BARE
expect_same '--list' config --list
expect_same '-l' config -l
expect_same '--local -l' config --local -l
expect_same '--bool' config --bool core.bare
expect_same '--int' config --int core.repositoryformatversion
expect_same_err '--int on a boolean fails' config --int core.bare

# writing: every change is made in both twins and the files compared
expect_same 'set a new key in an existing section' config core.editor vi
expect_same 'set a new section' config user.name 'A U Thor'
expect_same 'set a subsection' config remote.origin.url /srv/repo.git
expect_same 'subsection with spaces and quotes' config 'a.sub "x" y.key' v
expect_same 'replace a value' config user.name 'Someone Else'
expect_same 'the name is written as given' config User.Email me@example.com
expect_same 'values that need quotes' config q.lead ' x'
expect_same 'trailing space' config q.trail 'x '
expect_same 'comment characters' config q.hash 'a#b;c'
expect_same 'escapes' config q.esc "$(printf 'tab\there "quote" back\\slash')"
expect_same 'a newline' config q.nl "$(printf 'one\ntwo')"
expect_same 'empty value' config q.empty ''
expect_same 'read back a quoted value' config q.esc
expect_same 'read back a newline' config q.nl
expect_same 'read back empty' config q.empty
expect_same '--bool normalises' config --bool b.yes YES
expect_same '--bool from a number' config --bool b.num 7
expect_same '--int with a unit' config --int i.k 1k
expect_same '--type=int hex' config --type=int i.hex 0x10
expect_same_err '--bool refuses junk' config --bool b.bad maybe
expect_same_err '--int refuses junk' config --int i.bad 12q
expect_same_err '--int out of range' config --int i.big 99999999999999999999
expect_same_err 'set with no section: exit 2' config nosection v
expect_same_err 'set an invalid key: exit 1' config a.1b v
expect_same_err 'set a key with no name: exit 2' config a.b. v
same_config 'config files identical after the sets' .git/config
expect_same '--list after the sets' config --list

# unset, and multiple values
expect_same '--unset a key' config --unset core.editor
expect_same '--unset a missing key exits 5' config --unset core.editor
expect_same_err '--unset with no section: exit 2' config --unset nosection
expect_same '--unset the last key removes its section' config --unset remote.origin.url
in_both 'printf "[multi]\n\tk = 1\n\tk = 2\n" >>.git/config'
expect_same '--get of several values gives the last' config --get multi.k
expect_same_err 'set over several values: exit 5' config multi.k 3
expect_same_err 'unset of several values: exit 5' config --unset multi.k
same_config 'config files identical after the unsets' .git/config

# --file, --global, and where things go
in_both 'printf "[f]\n\tx = 1 ; comment\n\n# kept\n[f \"Sub\"]\n\ty\n" >f.cfg'
expect_same '--file get' config --file f.cfg f.x
expect_same '-f get a bare key' config -f f.cfg f.Sub.y
expect_same '--file --bool of a bare key' config --file f.cfg --bool f.Sub.y
expect_same '--file set' config --file f.cfg f.z 2
expect_same '--file set into a subsection' config --file f.cfg f.Sub.w 3
expect_same '--file unset' config --file f.cfg --unset f.x
same_config '--file: identical files' f.cfg
expect_same '--file --list' config --file f.cfg --list
expect_same '--file creates the file' config --file new.cfg n.k v
same_config '--file: created alike' new.cfg
expect_same 'missing --file: get exits 1' config --file nothere.cfg a.b
expect_same_err 'missing --file: --list fails' config --file nothere.cfg --list
expect_same '--unset in a missing file exits 5' config --file nothere.cfg --unset a.b
expect_same_err 'a file in a missing directory cannot be locked' config --file no/dir.cfg a.b c
# GIT_CONFIG_GLOBAL relative to each twin's top, so each has its own
GIT_CONFIG_GLOBAL=.git/global.cfg; export GIT_CONFIG_GLOBAL
expect_same '--global set' config --global g.k global
expect_same '--global get' config --global g.k
expect_same 'plain get sees the global value' config g.k
expect_same 'local wins over global' config g.k
expect_same '--local set' config --local g.k local
expect_same 'local now wins' config g.k
expect_same '--global still has its own' config --global g.k
expect_same '--list shows global then local' config --list
same_config '--global: identical files' .git/global.cfg
printf '[s]\n\tk = system\n' >"$W/system.cfg"
GIT_CONFIG_SYSTEM=$W/system.cfg; export GIT_CONFIG_SYSTEM
expect_same 'GIT_CONFIG_NOSYSTEM hides the system file' config s.k
expect_same 'an explicit --system reads it anyway' config --system s.k
GIT_CONFIG_NOSYSTEM=0
expect_same 'GIT_CONFIG_NOSYSTEM=0 reads it' config s.k
expect_same '--list with all three' config --list
GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$W/global.gitconfig

# from a subdirectory, and outside any repository
in_both 'mkdir -p sub/dir'
expect_same 'get from a subdirectory' -C sub/dir config g.k
expect_same 'set from a subdirectory' -C sub/dir config sub.k v
same_config 'subdirectory set: identical' .git/config
mkdir "$W/outside-a" "$W/outside-b"
expect_same 'outside: --list' -C ../outside-a config --list
expect_same 'outside: get exits 1' -C ../outside-a config a.b
expect_same_err 'outside: set fails' -C ../outside-a config a.b c
expect_same_err 'outside: --local fails' -C ../outside-a config --local -l

# broken files and locks
in_both 'printf "[a]\n\tk = 1\n[bad\n" >bad.cfg'
expect_same_err 'a bad file: entries before the bad line, then fatal' config --file bad.cfg --list
expect_same_err 'a bad file: get' config --file bad.cfg a.k
expect_same_err 'a bad header: set exits 3' config --file bad.cfg a.k 2
in_both 'printf "[a]\n\tk = \"open\n" >bad2.cfg'
expect_same_err 'an unterminated quote: set dies' config --file bad2.cfg a.k 2
same_config 'bad files untouched' bad.cfg
in_both ': >.git/config.lock'
expect_same_err 'a held lock: exit 255' config lock.k v
check 'the lock is left in place' '[ -f "$A/.git/config.lock" ]'
in_both 'rm .git/config.lock'
in_both 'cp .git/config .git/config.good && printf "[broken\n" >>.git/config'
expect_same_err 'a broken repository config stops everything' config --list
expect_same_err 'even rev-parse' rev-parse --git-dir
in_both 'mv .git/config.good .git/config'

# usage errors (git's usage text differs; its first line does not)
expect_same 'no arguments: usage, exit 129' config
expect_same_err1 '--get without a name' config --get
expect_same_err1 '--list with a name' config --list a.b
expect_same_err1 'two actions' config --get --unset a.b
expect_same_err1 'two files' config --file x --global -l
expect_same_err1 'two types' config --bool --int a.b
expect_same_err1 'unknown option' config --bogus
expect_same_err '--file without a value' config --file
expect_same_err '-f without a value' config -f
expect_same_err '--type without a value' config --type
expect_same_err '--list takes no value' config --list=x
expect_same_err '--bool takes no value' config --bool=x a.b
expect_same_err1 '--help=x is unknown' config --help=x
expect_same_err 'unknown --type' config --type=foo a.b
expect_same 'too many arguments: usage' config a b c d

# ---- --rename-section and --remove-section: headers match as written
cat >"$W/sections" <<'EOF_CFG'
[core]
	bare = false
[branch "a"]
	remote = origin
# a comment inside the section
	merge = refs/heads/a ; trailing
[branch "b"]
	x = 1
[Branch "a"] z = 3
	y = 2
[branch.a]
	w = 1
	[branch  "a"] k = 4 ; after the header
[branch "A"]
	v = 1
[BRANCH "a"]
	u = 1
[branch "q\"uote"]
	t = 1
EOF_CFG
section_case() {	# DESC ARGS...: run on a fresh copy of the file in both twins
	desc=$1; shift
	in_both "cp '$W/sections' sections.cfg"
	expect_same_err "$desc" config -f sections.cfg "$@"
	same_config "$desc: files identical" sections.cfg
}
section_case 'rename a section' --rename-section branch.a branch.c
section_case 'rename to a subsection with a quote' --rename-section branch.b 'branch.n"ew'
section_case 'rename a quoted subsection' --rename-section 'branch.q"uote' branch.plain
section_case 'rename to a plain section' --rename-section branch.b other
section_case 'remove a section' --remove-section branch.a
section_case 'remove the last section' --remove-section 'branch.q"uote'
section_case 'remove a plain section' --remove-section core
section_case 'remove: no such section' --remove-section branch.nope
section_case 'rename: no such section' --rename-section branch.nope x.y
section_case 'section names are compared as written' --rename-section Branch.a x.y
section_case 'rename to an invalid name' --rename-section branch.b 'x y'
section_case 'rename to an empty name' --rename-section branch.b ''
# (git prints its whole option list with a usage error: compare exit codes)
expect_same 'rename: one argument' config -f sections.cfg --rename-section branch.b
expect_same 'remove: two arguments' config -f sections.cfg --remove-section branch.a branch.b
same_config 'usage errors change nothing' sections.cfg
in_both "cp '$W/sections' sections.cfg && : >sections.cfg.lock"
expect_same_err 'remove: the file is locked' config -f sections.cfg --remove-section branch.a
expect_same_err 'rename: the file is locked' config -f sections.cfg --rename-section branch.a b.c
same_config 'a locked file is unchanged' sections.cfg
in_both 'rm sections.cfg.lock'
expect_same_err 'remove from a missing file' config -f nofile --remove-section a.b
expect_same_err 'rename in a missing file' config -f nofile --rename-section a.b c.d
in_both '"$REAL_GIT" config branch.topic.description "my topic"'
expect_same_err 'remove a section of the repository config' config --remove-section branch.topic
same_config 'repository config identical after --remove-section' .git/config

expect_git_agrees 'git reads ugit config alike' config --list --show-origin
same_config 'final config files identical' .git/config
tick
in_both '"$REAL_GIT" commit -q --allow-empty -m config-done'
expect_git_agrees 'git commits alike in both' rev-parse HEAD
fsck_ok
finish
