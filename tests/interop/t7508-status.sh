#!/bin/sh
# t7508: status - the long format, -s, --porcelain, -b, -z, -u modes and
# --ignored on the same scenarios as git: no commits yet, untracked and
# ignored files, staged and unstaged changes of every kind, renames,
# type changes, paths with awkward bytes, subdirectories, a detached
# HEAD.  The index both tools leave behind is compared too.
. "$(dirname "$0")/lib.sh"
setup_twins

# every_format DESC: the scenario as each output format shows it
every_format() {
	for _f in "" -s --porcelain "-s -b" "--porcelain -b" -z "-z -b" --long \
		-uall -uno -unormal --untracked-files "--untracked-files=no" \
		--ignored "-s --ignored" "--porcelain --ignored -uall" "--ignored -uno" \
		--no-renames "-s --no-renames"; do
		# shellcheck disable=SC2086
		expect_same "$1: status $_f" status $_f
	done
}

# both_run ARGS...: a fixture step with each twin's own tool, compared
both_run() {
	expect_same "fixture: $*" "$@"
}

# ---- no commits yet
every_format 'empty repository'
in_both 'echo a >a && mkdir -p d/e && echo x >d/e/x && echo y >d/y && mkdir empty'
every_format 'untracked files, a directory shown whole, an empty directory'
in_both 'printf "*.o\nbuild/\n" >.gitignore && echo o >a.o && mkdir -p build/sub only &&
	 echo b >build/sub/b && echo o >only/x.o && echo o >d/e/z.o'
every_format 'ignored files and directories'
both_run add a .gitignore d/y
every_format 'no commits yet, files staged'
in_both 'echo more >>a'
every_format 'staged, then changed again'
tick
both_run commit -q -m first
expect_git_agrees 'same commit' rev-parse HEAD
every_format 'after the first commit'
expect_same 'long format in a subdirectory' -C d status
expect_same 'short format in a subdirectory: relative paths' -C d/e status -s
expect_same 'porcelain in a subdirectory: paths from the top' -C d/e status --porcelain

# ---- every kind of change
both_run add a
tick
both_run commit -q -m second
in_both 'echo m1 >m1 && echo m2 >m2 && echo gone >gone && echo keep >keep &&
	 echo x >exe && echo t >typ && echo r >ren1 && echo big >big'
both_run add m1 m2 gone keep exe typ ren1 big
tick
both_run commit -q -m third
every_format 'clean after commits'
in_both 'echo change >>m1 && echo staged >>m2 && rm gone && chmod +x exe &&
	 rm typ && ln -s keep typ && mv ren1 ren2 && echo new >new'
both_run add m2 ren2 new
both_run rm -q --cached ren1
every_format 'modified, deleted, mode and type changes, renamed, added'
in_both 'echo more >>m2 && echo more >>new && rm keep'
every_format 'staged and unstaged changes on the same paths'
both_run add -A
every_format 'everything staged'
expect_git_agrees 'the index after status' ls-files -s
both_run rm -q --cached big
every_format 'a staged deletion whose file is still there'

# ---- awkward names
in_both 'echo q >"sp ace" && echo q >"tab	x" && echo q >"$(printf "\\303\\251t\\303\\251")" &&
	 echo q >"quo\"te"'
every_format 'names with a space, a tab, UTF-8 and a quote'
in_both 'git config core.quotepath false'
expect_same 'core.quotePath=false keeps UTF-8' status -s
expect_same 'core.quotePath=false, long format' status
in_both 'git config status.showUntrackedFiles no'
expect_same 'status.showUntrackedFiles=no' status
expect_same '-u overrides status.showUntrackedFiles' status -s -uall
in_both 'git config status.showUntrackedFiles all'
expect_same 'status.showUntrackedFiles=all' status -s
in_both 'git config --unset status.showUntrackedFiles'

# ---- pathspecs
expect_same 'a pathspec selects changes' status -s m1 m2
expect_same 'a directory pathspec' status -s d
expect_same 'a glob pathspec' status -s '*.o' --ignored
expect_same 'a pathspec matching nothing' status --porcelain nothing-here

# ---- options git refuses
expect_same 'an unknown option' status --bogus
expect_same_err 'a bad -u mode' status -ufoo
expect_ugit 'status -h' 129 status -h

fsck_ok
finish
