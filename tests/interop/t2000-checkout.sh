#!/bin/sh
# t2000: checkout - switching branches, detaching, -b/-B, -f, -q, carrying
# local changes over, paths from the index or a commit; the resulting
# index, HEAD, reflogs and work tree must be what git makes of them.
. "$(dirname "$0")/lib.sh"
setup_twins

# same_state DESC: git sees the same index, HEAD, reflog and work tree in both.
same_state() {
	expect_git_agrees "$1: same index" ls-files -s
	expect_git_agrees "$1: fresh stat data (diff-files without refresh)" diff-files --name-status
	expect_git_agrees "$1: same status" status --porcelain
	expect_git_agrees "$1: same HEAD" rev-parse HEAD
	expect_git_agrees "$1: same symbolic HEAD" symbolic-ref -q HEAD
	expect_git_agrees "$1: same HEAD reflog" log -g --format='%H %gs' HEAD
	same_worktree "$1"
}

# master: f, d/g, x.sh (executable), lnk -> f, keep
# side:   f changed, d/g gone, new/h added, x.sh not executable, lnk -> d2, keep
in_both '"$REAL_GIT" config core.abbrev 7'
in_both 'echo one >f && mkdir d && echo g >d/g && printf "#!/bin/sh\n" >x.sh &&
	chmod +x x.sh && ln -s f lnk && echo keep >keep &&
	"$REAL_GIT" add . && "$REAL_GIT" commit -qm first'
tick
in_both '"$REAL_GIT" checkout -q -b side && echo two >>f && "$REAL_GIT" rm -q d/g &&
	mkdir new && echo h >new/h && chmod -x x.sh && rm lnk && ln -s d2 lnk &&
	"$REAL_GIT" add -A && "$REAL_GIT" commit -qm second && "$REAL_GIT" checkout -q master'
tick

expect_same_err 'checkout a branch' checkout side
same_state 'after checkout side'
expect_same_err 'checkout the current branch' checkout side
expect_same_err 'checkout back' checkout master
same_state 'after checkout master'

# detaching
expect_same_err 'checkout a commit detaches with advice' checkout side~1
same_state 'detached'
expect_same_err 'checkout HEAD while detached says nothing' checkout HEAD
expect_same_err 'detached to another commit' checkout side
same_state 'detached at side'
expect_same_err 'back to a branch from detached' checkout master
in_both '"$REAL_GIT" config advice.detachedHead false'
expect_same_err 'advice.detachedHead=false' checkout side~0
in_both '"$REAL_GIT" config --unset advice.detachedHead'
expect_same_err 'checkout --detach of a branch' checkout --detach master
same_state 'after --detach'

# leaving commits behind
in_both 'echo lost >lost && "$REAL_GIT" add lost && "$REAL_GIT" commit -qm lost'
tick
expect_same_err 'leaving a commit behind warns' checkout master
same_state 'after leaving a commit'

# -b and -B
expect_same_err 'checkout -b' checkout -b topic
same_state 'after -b'
expect_same_err 'checkout -b of an existing branch' checkout -b topic
expect_same_err 'checkout -b with a start point' checkout -b t2 side
same_state 'after -b with start'
expect_git_agrees 'branch reflog of -b' log -g --format='%H %gs' t2
expect_same_err 'checkout -B resets the current branch' checkout -B t2 master
expect_same_err 'checkout -B another branch' checkout -B topic side
same_state 'after -B'
expect_git_agrees 'branch reflog of -B' log -g --format='%H %gs' topic
expect_same_err 'bad branch name' checkout -b 'a..b'
expect_same_err 'checkout -b from a non-commit' checkout -b t3 nope
expect_same_err '-b with --detach' checkout -b t4 --detach

# local changes
in_both 'echo local >>keep'
expect_same_err 'a local change is carried over and listed' checkout master
same_state 'carried over'
in_both 'echo local >>f'
expect_same_err 'a local change in the way refuses' checkout side
same_state 'refused'
expect_same_err 'checkout -f throws local changes away' checkout -f side
same_state 'after -f'
in_both 'echo again >>f'
expect_same_err 'checkout -q is quiet' checkout -q -f master
same_state 'after -q -f'

# previous branch
expect_same_err 'checkout - goes back' checkout -
same_state 'after checkout -'
expect_same_err 'and forth' checkout -

# restoring paths
in_both 'echo dirty >>f && echo dirty >>d/g'
expect_same_err 'checkout -- <path> from the index' checkout -- f
expect_same_err 'checkout <path> counts what it wrote' checkout d/g f
same_state 'paths restored'
expect_same_err 'checkout <commit> <path>' checkout side f
same_state 'path from a commit'
expect_same_err 'checkout <commit> -- <dir>' checkout side -- new
same_state 'directory from a commit'
expect_same_err 'checkout HEAD -- .' checkout HEAD -- .
same_state 'all restored'
expect_same_err 'a pathspec that matches nothing' checkout nope
expect_same_err 'a pathspec after -- that matches nothing' checkout -- nope
expect_same_err 'one bad pathspec stops all' checkout side -- f nope
same_state 'nothing restored'
expect_same_err 'an invalid reference before --' checkout nope -- f
expect_same_err 'two references before --' checkout master side -- f
expect_same_err 'a tree is no branch' checkout 'HEAD^{tree}'
expect_same_err '--detach with a path' checkout --detach f

# from a subdirectory, paths are relative to it
in_both 'echo dirty >>d/g'
expect_same_err 'checkout -- <path> in a subdirectory' -C d checkout -- g
same_state 'restored from a subdirectory'

# names that need quoting: listed raw in refusals, quoted in the M lines
in_both 'echo x >"sp \303\251" && "$REAL_GIT" add . && "$REAL_GIT" commit -qm quote &&
	echo y >>"sp \303\251"'
tick
expect_same_err 'a carried-over change with a quoted name' checkout side~0
expect_same_err 'a refusal names it raw' checkout master~2
in_both '"$REAL_GIT" checkout -q -f master'

# a carried-over change of kind is listed as T
in_both 'rm keep && ln -s f keep'
expect_same_err 'a type change is carried over as T' checkout side~0
in_both 'rm keep && "$REAL_GIT" checkout -q -- keep'

# a held index lock refuses before anything changes
in_both ': >.git/index.lock'
expect_same_err_p 'a held index.lock refuses' checkout side~1
same_state 'refused for index.lock'
expect_same_err_p 'paths too' checkout -- f
in_both 'rm .git/index.lock'

# an unmerged index refuses a switch, but not -f
in_both 'h=$("$REAL_GIT" rev-parse HEAD:f) && "$REAL_GIT" rm -q --cached f &&
	printf "100644 $h 1\tf\n100644 $h 2\tf\n100644 $h 3\tf\n" | "$REAL_GIT" update-index --index-info'
expect_same_err 'an unmerged index refuses' checkout side
expect_same_err 'checkout -f resolves it' checkout -f side
same_state 'after -f over an unmerged index'

# "-" and "@{-<n>}" attach to the branch checked out before, as a branch name does
in_both '"$REAL_GIT" checkout -q master && "$REAL_GIT" checkout -q side && "$REAL_GIT" checkout -q master'
expect_same_err 'checkout - goes back to the previous branch' checkout -
same_state 'after checkout -'
expect_same_err 'checkout @{-1} attaches to it' checkout '@{-1}'
same_state 'after checkout @{-1}'
expect_same_err 'checkout @{-2}' checkout '@{-2}'
expect_same_err 'checkout @{-1}~1 detaches' checkout '@{-1}~1'
same_state 'after checkout @{-1}~1'
expect_same_err 'checkout @{-99}: no such checkout, so a pathspec' checkout '@{-99}'
expect_same_err 'switch @{-1}' switch '@{-1}'
same_state 'after switch @{-1}'

fsck_ok
finish
