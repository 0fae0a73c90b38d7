# tests/interop/lib.sh - sourced by every tests/interop/tNNNN-*.sh (POSIX sh).
#
# Each test drives two twin directories with the same inputs: $A with ugit
# and $B with the real git, then compares what they print, how they exit,
# and what git itself sees in both repositories.  `UGIT=git` runs the same
# tests with git on both sides: the harness checks itself.
: "${UGIT:?set UGIT to the ugit binary (UGIT=git self-checks this harness)}"
REAL_GIT=${REAL_GIT:-git}

# Pin everything that leaks into object ids or output (cf. git's t/test-lib.sh).
export LC_ALL=C TZ=UTC HOME=/nonexistent
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset XDG_CONFIG_HOME GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY
unset GIT_CEILING_DIRECTORIES GIT_PAGER
export GIT_AUTHOR_NAME='A U Thor' GIT_AUTHOR_EMAIL=author@example.com
export GIT_COMMITTER_NAME='C O Mitter' GIT_COMMITTER_EMAIL=committer@example.com
export GIT_AUTHOR_DATE='1112911993 -0700' GIT_COMMITTER_DATE='1112911993 -0700'

tick() {	# like git's test_tick: advance both dates by 60 seconds
	_t=$(( ${_t:-1112911993} + 60 ))
	export GIT_AUTHOR_DATE="$_t -0700" GIT_COMMITTER_DATE="$_t -0700"
}

ntests=0 nfail=0

# self_check: true when the harness runs against git itself (UGIT=git).
self_check() {
	[ "$(basename "$UGIT")" = git ]
}

# A writable, empty global config of the test's own: never /dev/null once a
# test may write (`config --global` run as root would rename its lock file
# over /dev/null and turn the device into a regular file).
_private_global_config() {
	: >"$W/global.gitconfig"
	export GIT_CONFIG_GLOBAL="$W/global.gitconfig"
}

# setup_twins: fresh $W with twin repositories $A (ugit init) and $B (git init).
setup_twins() {
	W=$(mktemp -d "${TMPDIR:-/tmp}/twins.XXXXXX") || exit 1
	# the twins must never discover a repository above $W
	export GIT_CEILING_DIRECTORIES=$W
	_private_global_config
	A=$W/a B=$W/b
	mkdir "$A" "$B"
	(cd "$A" && "$UGIT" init -q) || { echo "Bail out! ugit init"; exit 1; }
	(cd "$B" && "$REAL_GIT" init -q) || { echo "Bail out! git init"; exit 1; }
}

# setup_scratch: fresh $W with two empty directories $A and $B (no repositories).
setup_scratch() {
	W=$(mktemp -d "${TMPDIR:-/tmp}/twins.XXXXXX") || exit 1
	export GIT_CEILING_DIRECTORIES=$W
	_private_global_config
	A=$W/a B=$W/b
	mkdir "$A" "$B"
}

# in_both CMD...: run a shell command in both twins (fixture building).
in_both() {
	(cd "$A" && eval "$*") && (cd "$B" && eval "$*")
}

_report() {	# _report DESC STATUS [FILE-EXPECTED FILE-ACTUAL]
	ntests=$((ntests + 1))
	if [ "$2" = 0 ]; then echo "ok $ntests - $1"; return 0; fi
	nfail=$((nfail + 1))
	echo "not ok $ntests - $1"
	diff -u "${3:-$W/exp.out}" "${4:-$W/act.out}" | sed 's/^/# /' | head -40
	return 1
}

# _run_both ARGS...: run git in $B and ugit in $A, keep outputs and statuses.
_run_both() {
	(cd "$B" && "$REAL_GIT" "$@") >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$A" && "$UGIT" "$@") >"$W/act.out" 2>"$W/act.err"; _ar=$?
}

# expect_same DESC ARGS...: same stdout bytes and same exit status.
expect_same() {
	_d=$1; shift
	_run_both "$@"
	[ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out"
	_report "$_d (exit git=$_er ugit=$_ar)" $?
}

# expect_same_err DESC ARGS...: same stdout, same stderr and same exit status.
# The program's own name is not compared: "ugit" in ugit's stderr reads "git".
expect_same_err() {
	_d=$1; shift
	_run_both "$@"
	_cmp_err "$_d" cat
}

# expect_same_err1 DESC ARGS...: as expect_same_err, first stderr line only
# (for messages where git adds advice that ugit does not give).
expect_same_err1() {
	_d=$1; shift
	_run_both "$@"
	_cmp_err "$_d" 'head -n 1'
}

_cmp_err() {	# _cmp_err DESC FILTER
	sed 's/\bugit\b/git/g' "$W/act.err" | $2 >"$W/act.err2"
	$2 <"$W/exp.err" >"$W/exp.err2"
	if [ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out"; then
		cmp -s "$W/exp.err2" "$W/act.err2"
		_report "$1 (stderr)" $? "$W/exp.err2" "$W/act.err2"
	else
		_report "$1 (exit git=$_er ugit=$_ar)" 1
	fi
}

# norm_paths: the twins' absolute paths differ (lock and init messages
# name them), so each twin's own path in the last outputs reads TWIN.
norm_paths() {
	for _f in out err; do
		sed "s|$B|TWIN|g" "$W/exp.$_f" >"$W/exp.$_f.n" && mv "$W/exp.$_f.n" "$W/exp.$_f"
		sed "s|$A|TWIN|g" "$W/act.$_f" >"$W/act.$_f.n" && mv "$W/act.$_f.n" "$W/act.$_f"
	done
}

# expect_same_err_p DESC ARGS...: expect_same_err, paths normalised.
expect_same_err_p() {
	_d=$1; shift
	_run_both "$@"
	norm_paths
	_cmp_err "$_d" cat
}

# same_file DESC PATH: a file under .git is byte-identical in both twins.
same_file() {
	cp "$B/.git/$2" "$W/exp.out" 2>/dev/null || echo missing >"$W/exp.out"
	cp "$A/.git/$2" "$W/act.out" 2>/dev/null || echo missing >"$W/act.out"
	cmp -s "$W/exp.out" "$W/act.out"
	_report "$1: .git/$2 is the same" $?
}

# worktrees_agree: both work trees (.git aside) hold the same names, file
# types, modes, link targets and contents; the listings are left in
# exp.out and act.out.  Returns cmp's status.
worktrees_agree() {
	for _d in "$B:exp" "$A:act"; do
		(cd "${_d%%:*}" && find . -path ./.git -prune -o -printf '%p %y %m %l\n' | sort &&
			find . -path ./.git -prune -o -type f -exec md5sum {} + | sort) >"$W/${_d##*:}.out"
	done
	cmp -s "$W/exp.out" "$W/act.out"
}

# same_worktree DESC: worktrees_agree, reported as "DESC: same work tree".
same_worktree() {
	worktrees_agree
	_report "$1: same work tree" $?
}

# expect_stdin_same DESC INPUT-FILE ARGS...: like expect_same, with stdin from a file.
expect_stdin_same() {
	_d=$1 _in=$2; shift 2
	(cd "$B" && "$REAL_GIT" "$@") <"$_in" >"$W/exp.out" 2>"$W/exp.err"; _er=$?
	(cd "$A" && "$UGIT" "$@") <"$_in" >"$W/act.out" 2>"$W/act.err"; _ar=$?
	[ "$_er" = "$_ar" ] && cmp -s "$W/exp.out" "$W/act.out"
	_report "$_d (exit git=$_er ugit=$_ar)" $?
}

# expect_git_agrees DESC ARGS...: the real git reads both twins alike.
expect_git_agrees() {
	_d=$1; shift
	(cd "$B" && "$REAL_GIT" "$@") >"$W/exp.out" 2>&1
	(cd "$A" && "$REAL_GIT" "$@") >"$W/act.out" 2>&1
	cmp -s "$W/exp.out" "$W/act.out"
	_report "$_d" $?
}

# expect_ugit DESC EXPECTED-STATUS ARGS...: ugit alone (no git twin exists
# for the case); checks the status, and stderr against $W/expect.err if present.
expect_ugit() {
	_d=$1 _want=$2; shift 2
	(cd "$A" && "$UGIT" "$@") >"$W/act.out" 2>"$W/act.err"; _ar=$?
	[ "$_ar" = "$_want" ]
	_report "$_d (exit want=$_want ugit=$_ar)" $? /dev/null "$W/act.err"
}

# expect_unchanged DESC CMD: the repository $A is byte-for-byte the same
# before and after running the shell command CMD in it.
expect_unchanged() {
	_d=$1; shift
	(cd "$A" && find .git -exec ls -ld --time-style=+%s.%N {} + 2>/dev/null | sort) >"$W/exp.out"
	(cd "$A" && eval "$*") >/dev/null 2>&1
	(cd "$A" && find .git -exec ls -ld --time-style=+%s.%N {} + 2>/dev/null | sort) >"$W/act.out"
	cmp -s "$W/exp.out" "$W/act.out"
	_report "$_d leaves the repository unchanged" $?
}

# check DESC CMD...: a plain shell assertion (for what has no git twin).
check() {
	_d=$1; shift
	: >"$W/exp.out"
	( eval "$*" ) >"$W/act.out" 2>&1
	_report "$_d" $?
}

# fsck_ok: git's strictest consistency check must accept ugit's repository.
fsck_ok() {
	"$REAL_GIT" -C "$A" fsck --strict --no-dangling >"$W/act.all" 2>&1
	_s=$?
	# "notice: HEAD points to an unborn branch" is information, not a problem
	grep -v '^notice: ' "$W/act.all" >"$W/act.out"
	: >"$W/exp.out"
	[ "$_s" = 0 ] && cmp -s "$W/exp.out" "$W/act.out"
	_report "git fsck --strict accepts ugit's repository" $?
}

finish() {
	echo "# $ntests tests, $nfail failed"
	if [ "$nfail" = 0 ]; then rm -rf "$W"; else echo "# kept $W"; fi
	[ "$nfail" = 0 ]
}
