# tests/interop/history.sh - sourced by the log and revision-walk tests.
# make_history DIR N MODE: a git repository in DIR with N commits made by
# git fast-import from a deterministic stream, then written out as loose
# objects (ugit does not read packs yet).  Four branches (master, b1-b3)
# grow side by side and merge into each other now and then; files live
# in dirs d0-d4; a few tags, lightweight and annotated.  MODE sets the
# committer dates: "same" (all equal: only insertion order breaks ties),
# "inc" (a minute apart) or "skew" (a minute apart, each moved up to
# 50 minutes either way: clock skew).
# The histories are thousands of small files: in memory when the machine
# has a tmpfs (creating them on a busy disk takes many seconds).
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	export TMPDIR=/dev/shm
fi

make_history() {
	_dir=$1 _n=$2 _mode=$3
	"$REAL_GIT" init -q "$_dir" || return 1
	awk -v n="$_n" -v mode="$_mode" '
	function rnd(k) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % k }
	function data(s) { printf "data %d\n%s\n", length(s), s }
	BEGIN {
		seed = 42; t0 = 1112911993
		split("-0700 +0000 +0530 -0230", zones, " ")
		for (b = 0; b < 4; b++) tip[b] = 0
		for (i = 1; i <= n; i++) {
			b = (i < 8) ? 0 : rnd(4)
			br = b ? "b" b : "master"
			t = (mode == "same") ? t0 : t0 + i * 60
			if (mode == "skew") t += rnd(6001) - 3000
			z = zones[1 + rnd(4)]
			print "commit refs/heads/" br
			print "mark :" i
			print "author A U Thor <author@example.com> " (t0 + i * 7) " " z
			print "committer C O Mitter <committer@example.com> " t " " z
			msg = "commit " i " on " br
			if (rnd(3) == 0) msg = msg "\n\nBody of " i ":\n\tindented with a tab\n  two spaces   \n\nlast paragraph"
			data(msg)
			if (tip[b]) print "from :" tip[b]
			else if (i > 1) print "from :" tip[0]
			o = rnd(4)
			if (i > 8 && o != b && tip[o] && rnd(5) == 0) print "merge :" tip[o]
			k = 1 + (rnd(4) == 0)
			for (j = 0; j < k; j++) {
				print "M 100644 inline d" rnd(5) "/f" rnd(4)
				data("content " i " " j)
			}
			if (rnd(40) == 0) print "D d4/f1"
			tip[b] = i
			if (i % 97 == 0) { print "reset refs/tags/light" i; print "from :" i; print "" }
			if (i % 131 == 0) {
				print "tag v" i; print "from :" i
				print "tagger C O Mitter <committer@example.com> " t " " z
				data("version " i)
			}
		}
	}' | "$REAL_GIT" -C "$_dir" fast-import --quiet || return 1
	# explode the pack into loose objects (python: git unpack-objects
	# takes about a millisecond per object here)
	"$REAL_GIT" -C "$_dir" cat-file --batch-all-objects --batch | python3 -c '
import os, sys, zlib
inp, objdir = sys.stdin.buffer, sys.argv[1]
while True:
    head = inp.readline()
    if not head:
        break
    oid, typ, size = head.split()
    body = inp.read(int(size))
    inp.read(1)
    d = os.path.join(objdir, oid[:2].decode())
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, oid[2:].decode()), "wb") as f:
        f.write(zlib.compress(typ + b" " + size + b"\0" + body, 1))
' "$_dir/.git/objects" || return 1
	rm -f "$_dir"/.git/objects/pack/*
	"$REAL_GIT" -C "$_dir" pack-refs --all --prune 2>/dev/null
	"$REAL_GIT" -C "$_dir" checkout -q -f master
}
