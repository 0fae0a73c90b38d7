#!/bin/sh
# t2014: trees built by hand to attack a checkout (.git in any case or
# NTFS form, "..", a "/" inside a name, a link and a directory of one name
# reaching outside) are refused with "invalid path" before anything is
# written: the work tree, index, HEAD and the world outside stay as they were.
. "$(dirname "$0")/lib.sh"
setup_twins

mkdir "$W/outside"
in_both 'echo one >f && "$REAL_GIT" add f && "$REAL_GIT" commit -qm base'
tick

# evil NAME ENTRIES: a commit whose root tree is the raw ENTRIES (a shell
# command printing the tree body), as branch NAME in both twins.
blob() { echo evil | "$REAL_GIT" hash-object -w --stdin | xxd -r -p; }
link() { printf ../outside | "$REAL_GIT" hash-object -w --stdin | xxd -r -p; }
subtree() {	# a tree holding "$1" -> evil
	(printf '100644 %s\0' "$1"; blob) | "$REAL_GIT" hash-object -t tree --literally -w --stdin | xxd -r -p
}
evil() {
	in_both "c=\$( ($2) | \"\$REAL_GIT\" hash-object -t tree --literally -w --stdin |
		xargs \"\$REAL_GIT\" commit-tree -p HEAD -m evil) && \"\$REAL_GIT\" branch $1 \$c"
}
evil dotgit_upper "printf '100644 .GIT\\0'; blob"
evil dotgit_tilde "printf '100644 git~1\\0'; blob"
evil dotgit_dot "printf '100644 .git.\\0'; blob"
evil dotgit_dir "printf '40000 .git\\0'; subtree config"
evil dotgit_nested "printf '40000 sub\\0'; (printf '40000 .Git\\0'; subtree hooks) |
	\"\$REAL_GIT\" hash-object -t tree --literally -w --stdin | xxd -r -p"
evil dotdot "printf '40000 ..\\0'; subtree x"
evil slash "printf '100644 a/b\\0'; blob"
evil link_and_dir "printf '120000 a\\0'; link; printf '40000 a\\0'; subtree f"

# state: everything a refused checkout must leave alone.
state() {
	(cd "$1" && find . -path ./.git/logs -prune -o -path ./.git/index -prune -o \
		-path ./.git/objects -prune -o -printf '%p %y %s\n' | sort &&
		"$REAL_GIT" ls-files -s --debug && "$REAL_GIT" rev-parse HEAD &&
		"$REAL_GIT" symbolic-ref HEAD && cat .git/logs/HEAD && ls -la "$W/outside")
}

# refused BRANCH PATH: ugit refuses with "invalid path" and changes nothing.
refused() {
	state "$A" >"$W/before"
	(cd "$A" && "$UGIT" checkout "$1") >"$W/act.out" 2>"$W/act.err"; _ar=$?
	printf "error: invalid path '%s'\n" "$2" >"$W/exp.out"
	[ "$_ar" = 1 ] && cmp -s "$W/exp.out" "$W/act.err"
	_report "checkout $1 is refused (exit $_ar)" $? "$W/exp.out" "$W/act.err"
	state "$A" >"$W/after"
	cmp -s "$W/before" "$W/after"
	_report "checkout $1 changes nothing" $? "$W/before" "$W/after"
}

# git 2.39 refuses these the same way
expect_same_err 'a .GIT file' checkout dotgit_upper
expect_same_err 'a git~1 file (NTFS short name)' checkout dotgit_tilde
expect_same_err 'a .git. file (NTFS trailing dot)' checkout dotgit_dot
expect_same_err 'a nested .Git directory' checkout dotgit_nested
expect_same_err 'a .. directory' checkout dotdot
expect_same_err 'switch is refused as well' switch dotgit_upper
if ! self_check; then
	refused dotgit_upper .GIT
	refused dotgit_tilde git~1
	refused dotgit_dot .git.
	refused dotgit_nested sub/.Git/hooks
	refused dotdot ../x
	# git 2.39 lists .git/config as an untracked file here; ugit refuses the path
	refused dotgit_dir .git/config
	# git 2.39 checks these out; ugit refuses a name with "/" and a name
	# given twice (the link could be written first and the file through it)
	refused slash a/b
	refused link_and_dir a
	check 'checkout -f refuses too' '(cd "$A" && "$UGIT" checkout -f link_and_dir; [ $? = 1 ])'
	check 'nothing appeared outside' '[ -z "$(ls "$W/outside")" ]'
	check '.git/config is intact' '"$REAL_GIT" -C "$A" config core.bare'
	check 'paths from an evil tree are refused too' \
		'(cd "$A" && "$UGIT" checkout dotgit_dir -- . 2>&1; [ $? = 128 ])'
fi
expect_git_agrees 'HEAD is where it was' rev-parse HEAD
expect_git_agrees 'the index is as it was' ls-files -s
# fsck rightly rejects the evil trees: drop them before checking the rest
in_both 'for b in $("$REAL_GIT" for-each-ref --format="%(refname)" refs/heads/); do
	[ "$b" = refs/heads/master ] || "$REAL_GIT" update-ref -d "$b"; done &&
	"$REAL_GIT" prune --expire=now'
fsck_ok
finish
