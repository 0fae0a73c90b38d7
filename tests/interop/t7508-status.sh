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
in_both 'git config status.relativePaths false'
expect_same 'status.relativePaths=false: long format from the top' -C d status
expect_same 'status.relativePaths=false: short format from the top' -C d/e status -s
in_both 'git config --unset status.relativePaths'

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

# ---- renames with edits: git's 50% similarity
in_both 'seq 1 100 >r1 && seq 1 50 >r2 && printf "x\n" >r3 && seq 1 30 >r4 && cp r4 r5 &&
	 printf "a\r\nb\r\nc\r\n" >r6'
both_run add r1 r2 r3 r4 r5 r6
tick
both_run commit -q -m renames
in_both 'mv r1 s1 && echo 101 >>s1 && mv r2 s2 && seq 40 80 >s2 && mv r3 s3 && echo y >>s3 &&
	 mv r4 s4 && echo 31 >>s4 && mv r5 s5 && echo 32 >>s5 && mv r6 s6 && printf "a\nb\nc\nd\n" >s6'
both_run add -A
every_format 'renames with edits, at, above and below 50%'
in_both 'mkdir -p mv/a && (seq 1 16; printf "f1\nf2\nf3\nf4\n") >mv/a/f && seq 1 19 >mv/a/x'
both_run add mv
in_both 'mkdir mv/b && mv mv/a/f mv/b/f && (seq 1 19; echo 99) >mv/b/f && rm mv/a/x'
both_run add -A mv
every_format 'a file moved with its name wins over a closer match'
# what git counts: no CR before LF in text, no unfinished last line
in_both 'printf "x\r\n" >cr && printf "line1\nAAAAAAAAAAAAAAAAAAAA" >tail &&
	 printf "a\0b\r\nc\r\n" >bin'
both_run add cr tail bin
in_both 'mv cr cr2 && printf "x\r\ny\r\n" >cr2 && mv tail tail2 &&
	 printf "line2\nAAAAAAAAAAAAAAAAAAAA" >tail2 && mv bin bin2 && printf "a\0b\r\nc\r\nd\r\n" >bin2'
both_run add -A cr cr2 tail tail2 bin bin2
every_format 'similarity as git counts it: CRLF, a last line without newline, binary'
in_both 'git config diff.renames false'
expect_same 'diff.renames=false turns rename detection off' status -s
in_both 'git config status.renames true'
expect_same 'status.renames=true wins over diff.renames' status -s
in_both 'git config status.renames false && git config diff.renames true'
expect_same 'status.renames=false' status -s
expect_same '--renames overrides status.renames' status -s --renames
in_both 'git config --unset status.renames && git config --unset diff.renames'
in_both 'echo more >>s1 && rm s3'
every_format 'renamed, then changed or deleted in the work tree'

# ---- files that became directories and back, links, a submodule
in_both 'mkdir -p fd/e && echo 1 >fd/e/f && echo 2 >fd/file && mkdir sm && (cd sm && git init -q &&
	 git commit -q --allow-empty -m s)'
both_run add fd sm
tick
both_run commit -q -m kinds
in_both 'rm fd/file && mkdir fd/file && echo x >fd/file/in && rm -r fd/e && echo y >fd/e &&
	 ln -s fd fdl'
every_format 'a file became a directory, a directory a file, a link to a directory'
in_both '(cd sm && git commit -q --allow-empty -m s2)'
every_format 'a submodule with new commits'
in_both 'rm -rf fd/file fd/e fdl && git checkout -q -- fd && (cd sm && git reset -q --hard HEAD~1)'

# ---- awkward names
in_both 'echo q >"sp ace" && echo q >"tab	x" && echo q >"$(printf "\\303\\251t\\303\\251")" &&
	 echo q >"quo\"te"'
every_format 'names with a space, a tab, UTF-8 and a quote'
in_both 'mkdir "d ir" "t	ab" && echo q >"d ir/x" && echo q >"t	ab/y"'
every_format 'directories with awkward names'
in_both 'rm -r "d ir" "t	ab"'
in_both 'git config core.quotepath false'
expect_same 'core.quotePath=false keeps UTF-8' status -s
expect_same 'core.quotePath=false, long format' status
in_both 'git config status.showUntrackedFiles no'
expect_same 'status.showUntrackedFiles=no' status
expect_same '-u overrides status.showUntrackedFiles' status -s -uall
in_both 'git config status.showUntrackedFiles bogus'
expect_same_err_p 'a bad status.showUntrackedFiles' status
expect_same_err_p 'a bad status.showUntrackedFiles stops commit too' commit -m x
in_both 'git config status.showUntrackedFiles no'
tick
both_run commit -q -m 'staged so far'
expect_same 'commit honours status.showUntrackedFiles' commit -m x
in_both 'git config status.showUntrackedFiles all'
expect_same 'commit with status.showUntrackedFiles=all' commit -m x
expect_same 'status.showUntrackedFiles=all' status -s
in_both 'git config --unset status.showUntrackedFiles'
in_both 'git config status.short true && git config status.branch true'
expect_same 'status.short and status.branch' status
expect_same '--long and --no-branch override them' status --long --no-branch
expect_same '--no-branch with status.short' status --no-branch
in_both 'git config --unset status.short && git config --unset status.branch'

# ---- conflicts: every combination of stages, as a merge leaves them
in_both 'rm "sp ace" "tab	x" "quo\"te" "$(printf "\\303\\251t\\303\\251")"'
both_run add -A
tick
both_run commit -q -m fourth
in_both 'echo 1 >m1 && echo 2 >m2 && echo 3 >m3'
# stages PATH STAGES...: put PATH in the index at those stages (blobs m1,
# m2, m3), each twin with its own tool, as a stopped merge leaves it
stages() {
	_p=$1; shift
	: >"$W/info"
	for _s in "$@"; do
		printf '100644 %s %s\t%s\n' "$(cd "$B" && git hash-object -w "m$_s")" "$_s" "$_p" >>"$W/info"
	done
	(cd "$A" && for _s in 1 2 3; do "$UGIT" hash-object -w "m$_s" >/dev/null; done) &&
	(cd "$A" && "$UGIT" update-index --index-info <"$W/info") &&
	(cd "$B" && git update-index --index-info <"$W/info")
}
stages p7 1 2 3
every_format 'both modified'
stages p1 1
stages p2 2
stages p3 1 2
stages p4 3
stages p5 1 3
stages p6 2 3
every_format 'every kind of conflict'
in_both 'git rev-parse HEAD >.git/MERGE_HEAD'
every_format 'merging with conflicts'
expect_same 'commit refuses with conflicts' commit -q -m x
both_run rm -q --cached p1 p2 p3 p4 p5 p6 p7
every_format 'merging, all conflicts fixed'
in_both 'rm .git/MERGE_HEAD'
for _only in "1" "1 3" "2 3"; do
	both_run rm -q --cached --ignore-unmatch q
	# shellcheck disable=SC2086
	stages q $_only
	expect_same "resolution hint for stages $_only" status
	expect_same "resolution hint for stages $_only, no commits" status --porcelain
done
both_run rm -q --cached q

# ---- a detached HEAD
in_both 'git update-ref refs/heads/side HEAD && git checkout -q --detach side 2>/dev/null'
expect_same 'detached at a branch name' status
expect_same 'detached: -b' status -s -b
in_both 'git tag v1 HEAD && git checkout -q v1'
expect_same 'detached at a tag' status
tick
both_run commit -q --allow-empty -m detached
expect_same 'detached from a tag' status
in_both 'git checkout -q master'
expect_same 'back on a branch' status -b --porcelain

# ---- the upstream branch: up to date, ahead, behind, diverged, gone
in_both 'git config remote.origin.url /nowhere &&
	 git config remote.origin.fetch "+refs/heads/*:refs/remotes/origin/*" &&
	 git config branch.master.remote origin && git config branch.master.merge refs/heads/master &&
	 git update-ref refs/remotes/origin/master HEAD'
upstream() {	# upstream DESC: long, -sb and porcelain -b
	expect_same "$1: long" status
	expect_same "$1: -sb" status -sb
	expect_same "$1: --porcelain -b" status --porcelain -b
	expect_same "$1: --porcelain (no branch line)" status --porcelain
}
upstream 'up to date'
tick
both_run commit -q --allow-empty -m ahead
upstream 'ahead by one'
in_both 'git update-ref refs/remotes/origin/master HEAD~1 && git checkout -q -b up HEAD~1 &&
	 git commit -q --allow-empty -m u1 && git commit -q --allow-empty -m u2 &&
	 git update-ref refs/remotes/origin/master HEAD && git checkout -q master'
upstream 'diverged'
in_both 'git update-ref refs/heads/behind master~1 && git config branch.behind.remote origin &&
	 git config branch.behind.merge refs/heads/master && git checkout -q behind'
upstream 'behind: can be fast-forwarded'
in_both 'git checkout -q master && git update-ref -d refs/remotes/origin/master'
upstream 'the upstream is gone'
in_both 'git config branch.master.remote . && git config branch.master.merge refs/heads/up'
upstream 'a local branch as upstream'
in_both 'git config branch.master.merge refs/heads/nothing'
upstream 'a local upstream that does not exist'
in_both 'git config --remove-section branch.master && git config --remove-section remote.origin'

# ---- refresh: new stat data, same content
in_both 'touch -d "2001-01-01 00:00:00" a d/y && chmod -x exe && git add exe 2>/dev/null; true'
both_run status --porcelain
# stat data differs between twins by nature: compare what it says besides
in_both 'git ls-files -s --debug | grep -v -e ctime: -e mtime: -e dev: >../$(basename "$PWD").dbg'
check 'the refreshed index holds what git would write (stat times aside)' 'cmp "$W/a.dbg" "$W/b.dbg"'
check 'the touched files have their new mtime in the index' \
	'[ "$(cd "$A" && git ls-files --debug a d/y | grep -c "mtime: 978307200:")" = 2 ]'
find "$A/.git/objects" -type f | sort >"$W/objs.before"
in_both 'echo dirty >new'
both_run status --porcelain -uall --ignored
find "$A/.git/objects" -type f | sort >"$W/objs.after"
check 'status writes no object, even for a changed file' 'cmp "$W/objs.before" "$W/objs.after"'
# racy git: same size, same mtime, later than the index - only hashing can tell
_future=$(( $(date +%s) + 3600 ))
in_both "echo aaa >racy && touch -d @$_future racy && git add racy && echo bbb >racy &&
	 touch -d @$_future racy"
expect_same 'a racily clean entry is hashed: the change is seen' status -s racy
in_both 'git rm -qf --cached racy && rm racy'
touch "$A/.git/index.lock" "$B/.git/index.lock"
expect_same_err 'a held index.lock does not stop status' status
check 'and the lock is left alone' '[ -e "$A/.git/index.lock" ]'
rm -f "$A/.git/index.lock" "$B/.git/index.lock"
in_both 'cp .git/index .git/index.good && printf "DIRX" | dd of=.git/index conv=notrunc 2>/dev/null'
expect_same_err 'a damaged index is fatal' status
in_both 'mv .git/index.good .git/index'

# ---- pathspecs
expect_same 'a pathspec selects changes' status -s m1 m2
expect_same 'a directory pathspec' status -s d
expect_same 'a glob pathspec' status -s '*.o' --ignored
expect_same 'a pathspec matching nothing' status --porcelain nothing-here

# ---- options git refuses
expect_same 'an unknown option' status --bogus
expect_same_err '--long with -z' status --long -z
expect_same_err 'an unknown porcelain version' status --porcelain=v3
expect_same_err 'a bad --ignored mode' status --ignored=foo
expect_same_err_p 'a pathspec outside the repository' status ../x
in_both 'git init -q --bare bare.git'
expect_same_err 'a bare repository has no work tree' -C bare.git status
in_both 'rm -rf bare.git'

# ---- intent to add: a promise of a file, not yet staged
in_both 'echo n >ita && git add -N ita'
every_format 'an intent-to-add entry'
in_both 'rm ita'
expect_same 'an intent-to-add entry whose file is gone' status -s
in_both 'git rm -q --cached ita'
expect_same_err 'a bad -u mode' status -ufoo
expect_ugit 'status -h' 129 status -h

# ---- status refreshing the index while files are added: nothing is lost
if ! self_check; then
	mkdir "$A/conc"
	( cd "$A" && i=0; while [ $i -lt 40 ]; do touch -d "2001-01-0$((i % 9 + 1))" a; "$UGIT" status -s >/dev/null 2>&1; i=$((i + 1)); done ) &
	_bg=$!
	( cd "$A" && i=0; while [ $i -lt 25 ]; do echo $i >conc/f$i;
		# a held lock (status's) makes add fail: try again until it goes in
		until "$UGIT" add conc/f$i 2>/dev/null; do :; done; i=$((i + 1)); done )
	wait $_bg
	check 'every add survived concurrent status runs' \
		'[ "$(cd "$A" && git ls-files conc | wc -l)" = 25 ] && [ ! -e "$A/.git/index.lock" ]'
	check 'and the index is sound' '(cd "$A" && git status --porcelain >/dev/null && git fsck --no-dangling >/dev/null 2>&1)'
	(cd "$A" && "$UGIT" rm -q -r --cached conc && rm -r conc)
fi

# ---- a damaged history: git's words, exit 128 (in a scratch repository)
in_both 'git init -q dmg && cd dmg && mkdir d && echo a >d/a && echo b >b && git add . &&
	 git commit -q -m 1 && echo x >>d/a && git add d/a'
obj() {	# obj REV: the loose object file of REV in the scratch twins
	_o=$(cd "$B/dmg" && git rev-parse "$1") && echo ".git/objects/$(echo "$_o" | cut -c1-2)/$(echo "$_o" | cut -c3-)"
}
_sub=$(obj HEAD:d) _root=$(obj 'HEAD^{tree}') _commit=$(obj HEAD)
in_both "rm dmg/$_sub"
expect_same_err 'a subtree of HEAD is missing' -C dmg status
in_both "rm dmg/$_root"
expect_same_err "HEAD's tree is missing" -C dmg status
in_both "rm dmg/$_commit"
expect_same_err "HEAD's commit is missing" -C dmg status
in_both 'rm -rf dmg'

fsck_ok
finish
