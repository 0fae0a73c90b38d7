#!/bin/sh
# Fail if a source file includes a header from a higher layer (STYLE.md B.2).
cd "$(dirname "$0")/.." || exit 1
layer() {
	case $1 in
	xalloc|error|strbuf|fs|lockfile|quote|wildmatch) echo 0 ;;
	oid|object|fsck|tree|commit|tag|ident|refname|date|message) echo 1 ;;
	repo|config|odb|refs|index|signature) echo 2 ;;
	revparse|revwalk|pretty|ignore|pathspec|worktree|entry|unpack|status|linediff|diff|merge) echo 3 ;;
	graph) echo 3 ;;
	*) echo 4 ;;	# src/cmd/*, src/main.c
	esac
}
bad=0
for f in src/*.c src/cmd/*.c; do
	[ -e "$f" ] || continue
	m=$(basename "$f" .c)
	case $f in src/cmd/*) m=cmd ;; esac
	me=$(layer "$m")
	for h in $(sed -n 's/^#include "ugit\/\(.*\)\.h"/\1/p' "$f"); do
		[ "$(layer "$h")" -le "$me" ] && continue
		echo "$f (layer $me) includes ugit/$h.h (layer $(layer "$h"))"
		bad=1
	done
done
[ $bad = 0 ] && echo "layers: ok"
exit $bad
