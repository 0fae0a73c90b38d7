#!/bin/sh
# t9900: k - every ref and every reachable commit as a Graphviz DOT graph.
# git has no such command, so the graph is checked against facts the real
# git computes in the same repository (rev-list --all, for-each-ref,
# log --format='%h %s'), plus exact text for a small fixed history.
# k --output renders through `dot`: a missing dot, a failing dot and a
# working one (a stand-in script, and Graphviz itself when installed).
. "$(dirname "$0")/lib.sh"
setup_twins

# The lines of $W/act.out that draw commits: "<id>" [shape=box label="..."]
boxes() {
	grep '^"[0-9a-f]\{40\}" \[shape=box ' "$W/act.out"
}

# DOT text of a label: '\' and '"' get a backslash.
dot_escape() {
	sed 's/[\\"]/\\&/g'
}

# check_facts DESC: `ugit k` in $A agrees with what git says about $A.
check_facts() {
	(cd "$A" && "$UGIT" k) >"$W/act.out" 2>"$W/act.err"
	_report "$1: k exits 0 and is quiet on stderr" \
		"$([ $? = 0 ] && [ ! -s "$W/act.err" ]; echo $?)" /dev/null "$W/act.err"
	g() { "$REAL_GIT" -C "$A" "$@"; }

	# every commit exactly once, labelled "%h %s", sorted by id
	g rev-list --all | sort | while read -r id; do
		printf '"%s" [shape=box label="%s"]\n' "$id" \
			"$(g log -1 --format='%h %s' "$id" | dot_escape)"
	done >"$W/exp.out"
	boxes >"$W/act.box"
	cmp -s "$W/exp.out" "$W/act.box"
	_report "$1: one box per commit of rev-list --all, '%h %s', by id" $? \
		"$W/exp.out" "$W/act.box"

	# every parent edge, in the commit's order of parents
	g rev-list --all --parents | sort | while read -r id parents; do
		for p in $parents; do printf '"%s" -> "%s"\n' "$id" "$p"; done
	done >"$W/exp.out"
	g rev-list --all | sed 's/.*/^"&" -> /' >"$W/commits.re"
	grep -f "$W/commits.re" "$W/act.out" >"$W/act.edges"
	cmp -s "$W/exp.out" "$W/act.edges"
	_report "$1: one edge per parent" $? "$W/exp.out" "$W/act.edges"

	# every ref under refs/ as a note pointing at its object, by name
	g for-each-ref --format='%(objectname) %(refname)' | while read -r id name; do
		name=$(printf '%s' "$name" | dot_escape)
		printf '"%s" [shape=note]\n"%s" -> "%s"\n' "$name" "$name" "$id"
	done >"$W/exp.out"
	grep '^"refs/' "$W/act.out" >"$W/act.refs"
	cmp -s "$W/exp.out" "$W/act.refs"
	_report "$1: one note per ref, pointing at its object" $? \
		"$W/exp.out" "$W/act.refs"

	# HEAD: at its branch when attached, at the commit when detached
	if _h=$(g symbolic-ref -q HEAD); then :; else _h=$(g rev-parse HEAD); fi
	printf '"HEAD" [shape=note]\n"HEAD" -> "%s"\n' "$_h" >"$W/exp.out"
	grep '^"HEAD"' "$W/act.out" >"$W/act.head"
	cmp -s "$W/exp.out" "$W/act.head"
	_report "$1: HEAD" $? "$W/exp.out" "$W/act.head"

	# every annotated tag object: a node and one edge to what it tags
	g for-each-ref --format='%(objecttype) %(objectname)' | sort -u |
	while read -r type id; do
		[ "$type" = tag ] || continue
		printf '"%s" -> "%s"\n' "$id" "$(g cat-file tag "$id" | sed -n 's/^object //p')"
	done >"$W/exp.out"
	g for-each-ref --format='%(objecttype) %(objectname)' |
		sed -n 's/^tag \(.*\)/^"\1" -> /p' >"$W/tags.re"
	grep -f "$W/tags.re" "$W/act.out" | sort -u >"$W/act.tags"
	[ -s "$W/tags.re" ] || : >"$W/act.tags"
	cmp -s "$W/exp.out" "$W/act.tags"
	_report "$1: each annotated tag leads to its object" $? "$W/exp.out" "$W/act.tags"

	# and it is a graph: first and last lines, nothing drawn twice
	[ "$(head -n 1 "$W/act.out")" = 'digraph commits {' ] &&
		[ "$(tail -n 1 "$W/act.out")" = '}' ] &&
		[ -z "$(sort "$W/act.out" | uniq -d)" ]
	_report "$1: one digraph, no line twice" $? /dev/null "$W/act.out"
	if command -v dot >/dev/null; then
		dot -Tcanon "$W/act.out" >/dev/null 2>"$W/act.err"
		_report "$1: Graphviz reads it" $? /dev/null "$W/act.err"
	fi
}

# ---- an unborn HEAD: points at the branch to be, drawn dashed
if ! self_check; then
	cat >"$W/exp.out" <<-'EOF'
	digraph commits {
	"HEAD" [shape=note]
	"HEAD" -> "refs/heads/master"
	"refs/heads/master" [shape=note style=dashed]
	}
	EOF
	(cd "$A" && "$UGIT" k) >"$W/act.out" 2>&1
	cmp -s "$W/exp.out" "$W/act.out"
	_report 'unborn HEAD: HEAD at its branch, drawn dashed' $?
fi

# ---- a small fixed history, exactly (fixed dates make fixed ids)
in_both 'printf "a\n" >f && "$REAL_GIT" add f && "$REAL_GIT" commit -q -m "one \"quoted\" \\\\ back"'
tick
in_both 'printf "b\n" >f && "$REAL_GIT" commit -q -a -m "two: héllo" && "$REAL_GIT" tag -a -m ann v1 && "$REAL_GIT" tag light HEAD~1'
if ! self_check; then
	cat >"$W/exp.out" <<-'EOF'
	digraph commits {
	"HEAD" [shape=note]
	"HEAD" -> "refs/heads/master"
	"refs/heads/master" [shape=note]
	"refs/heads/master" -> "c08002f69b2a7b27eeab6b111b54fb7ba36f529f"
	"refs/tags/light" [shape=note]
	"refs/tags/light" -> "5a57418258a89e0ca803d652b767f46a1547dce6"
	"refs/tags/v1" [shape=note]
	"refs/tags/v1" -> "521afbe71592c265a021e4052774142d419643da"
	"521afbe71592c265a021e4052774142d419643da" [shape=oval label="tag v1\n521afbe"]
	"521afbe71592c265a021e4052774142d419643da" -> "c08002f69b2a7b27eeab6b111b54fb7ba36f529f"
	"5a57418258a89e0ca803d652b767f46a1547dce6" [shape=box label="5a57418 one \"quoted\" \\\\ back"]
	"c08002f69b2a7b27eeab6b111b54fb7ba36f529f" [shape=box label="c08002f two: héllo"]
	"c08002f69b2a7b27eeab6b111b54fb7ba36f529f" -> "5a57418258a89e0ca803d652b767f46a1547dce6"
	}
	EOF
	(cd "$A" && "$UGIT" k) >"$W/act.out" 2>&1
	cmp -s "$W/exp.out" "$W/act.out"
	_report 'a fixed history, exactly' $?
	check_facts 'fixed history'
fi

# ---- branches, a merge, remote-tracking refs, nested and odd tags
tick
in_both '"$REAL_GIT" checkout -q -b side HEAD~1 && printf "s\n" >s && "$REAL_GIT" add s && "$REAL_GIT" commit -q -m "side: a \"q\""'
tick
in_both '"$REAL_GIT" checkout -q master && "$REAL_GIT" merge -q --no-edit side'
tick
in_both '"$REAL_GIT" commit -q --allow-empty -m "subject on
two lines

body"'
in_both '"$REAL_GIT" update-ref refs/remotes/origin/master HEAD~2 && "$REAL_GIT" symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/master'
in_both '"$REAL_GIT" -c advice.nestedTag=false tag -a -m outer v1-outer v1 && "$REAL_GIT" tag tree-tag "HEAD^{tree}" && "$REAL_GIT" tag -a -m "of a blob" blob-tag HEAD:f'
# a '"' is allowed in a ref name, so a tag's name needs DOT quoting too
in_both '"$REAL_GIT" tag -a -m q "we\"ird"'
if ! self_check; then
	check_facts 'merge, remotes, tags'
	# a symbolic ref under refs/ points at what it resolves to
	grep -q '^"refs/remotes/origin/HEAD" -> "'"$("$REAL_GIT" -C "$A" rev-parse HEAD~2)"'"$' "$W/act.out"
	_report 'refs/remotes/origin/HEAD is drawn at its commit' $? /dev/null "$W/act.out"
	_t=$("$REAL_GIT" -C "$A" rev-parse "HEAD^{tree}")
	grep -q "^\"$_t\" \\[shape=oval label=\"tree $("$REAL_GIT" -C "$A" rev-parse --short "$_t")\"\\]\$" "$W/act.out"
	_report 'a tag of a tree draws the tree' $? /dev/null "$W/act.out"
	_t=$("$REAL_GIT" -C "$A" rev-parse v1)
	grep -q "^\"$_t\" \\[shape=oval label=\"tag v1\\\\n$("$REAL_GIT" -C "$A" rev-parse --short "$_t")\"\\]\$" "$W/act.out"
	_report 'an annotated tag node: its name and abbreviated id' $? /dev/null "$W/act.out"
	_t=$("$REAL_GIT" -C "$A" rev-parse 'we"ird')
	grep -q "^\"$_t\" \\[shape=oval label=\"tag we\\\\\"ird\\\\n" "$W/act.out" &&
		grep -q '^"refs/tags/we\\"ird" \[shape=note\]$' "$W/act.out"
	_report 'a quote in a tag name is escaped' $? /dev/null "$W/act.out"
fi

# ---- detached HEAD points at the commit
in_both '"$REAL_GIT" checkout -q --detach HEAD~1'
if ! self_check; then
	check_facts 'detached HEAD'
	# the same repository gives the same bytes: deterministic
	(cd "$A" && "$UGIT" k) >"$W/exp.out" 2>&1
	(cd "$A" && "$UGIT" k) >"$W/act.out" 2>&1
	cmp -s "$W/exp.out" "$W/act.out"
	_report 'two runs print the same bytes' $?
	(cd "$A" && "$REAL_GIT" pack-refs --all)
	(cd "$A" && "$UGIT" k) >"$W/act.out" 2>&1
	cmp -s "$W/exp.out" "$W/act.out"
	_report 'packed refs give the same graph' $?
	expect_unchanged 'k' '"$UGIT" k'
fi
in_both '"$REAL_GIT" checkout -q master'

# ---- options: bad ones are usage errors (129); nothing is written
if ! self_check; then
	for args in '--format jpg --output x.jpg' '--format svg' '--output' \
		'--bogus' 'extra' '--output= ' '--format=' ; do
		# shellcheck disable=SC2086
		expect_ugit "usage error: k $args" 129 k $args
	done
	expect_ugit 'unknown format' 129 k --format jpg --output x.jpg
	grep -q "^error: unknown format 'jpg'" "$W/act.err"
	_report 'unknown format: says which' $? /dev/null "$W/act.err"
	[ ! -e "$A/x.jpg" ]
	_report 'unknown format: no file' $?
	expect_ugit 'k -h' 129 k -h
	grep -q '^usage: ugit k' "$W/act.out"
	_report 'k -h prints the usage' $? /dev/null "$W/act.out"
fi

# ---- --output without Graphviz: exit 1, a clear message, no file at all
if ! self_check; then
	mkdir "$W/empty"
	(cd "$A" && PATH="$W/empty" "$UGIT" k --output g.svg) >"$W/act.out" 2>"$W/act.err"
	_s=$?
	[ "$_s" = 1 ] && grep -q "^fatal: k --output needs Graphviz's 'dot' program, which was not found in PATH$" "$W/act.err"
	_report 'no dot on PATH: exit 1 and says Graphviz is needed' $? /dev/null "$W/act.err"
	[ -z "$(cd "$A" && ls g.svg* 2>/dev/null)" ] && [ ! -s "$W/act.out" ]
	_report 'no dot on PATH: no file, not even a temporary one' $?

	# a dot that fails: exit 1, the old file left as it was, no temporary
	mkdir "$W/faildot" "$W/fakedot"
	printf '#!/bin/sh\ncat >/dev/null\necho broken >&2\nexit 3\n' >"$W/faildot/dot"
	# a stand-in dot: copies its input to the -o file, records its arguments
	printf '#!/bin/sh\necho "$@" >"%s/dot.args"\ncat >"$3"\n' "$W" >"$W/fakedot/dot"
	chmod +x "$W/faildot/dot" "$W/fakedot/dot"
	echo old >"$A/g.svg"
	(cd "$A" && PATH="$W/faildot:$PATH" "$UGIT" k --output g.svg) >/dev/null 2>"$W/act.err"
	[ $? = 1 ] && grep -q '^error: dot failed' "$W/act.err"
	_report 'a failing dot: exit 1 and an error' $? /dev/null "$W/act.err"
	[ "$(cat "$A/g.svg")" = old ] && [ "$(cd "$A" && ls g.svg*)" = g.svg ]
	_report 'a failing dot: the old file is untouched, no temporary left' $?

	(cd "$A" && PATH="$W/fakedot:$PATH" "$UGIT" k --output g.svg --format png) >"$W/act.out" 2>"$W/act.err"
	[ $? = 0 ] && [ ! -s "$W/act.out" ] && [ ! -s "$W/act.err" ]
	_report 'a working dot: exit 0, quiet' $? /dev/null "$W/act.err"
	(cd "$A" && "$UGIT" k) >"$W/exp.out"
	cmp -s "$W/exp.out" "$A/g.svg" && [ "$(cd "$A" && ls g.svg*)" = g.svg ]
	_report 'dot is fed the whole graph on its stdin; the result is renamed into place' $? \
		"$W/exp.out" "$A/g.svg"
	grep -q '^-Tpng -o g\.svg\.tmp-' "$W/dot.args"
	_report 'dot runs as dot -T<format> -o <temporary>' $? /dev/null "$W/dot.args"
	[ "$(umask 022; cd "$A" && PATH="$W/fakedot:$PATH" "$UGIT" k --output m.svg && ls -l m.svg | cut -c1-10)" = -rw-r--r-- ]
	_report 'the picture gets the umask mode, not the 0600 of mkstemp' $?
	(cd "$A" && PATH="$W/fakedot:$PATH" "$UGIT" k --output nodir/g.svg) >/dev/null 2>"$W/act.err"
	[ $? = 128 ] && [ ! -e "$A/nodir" ]
	_report 'an output in a missing directory: fatal, nothing created' $? /dev/null "$W/act.err"
	rm -f "$A/g.svg"

	if command -v dot >/dev/null; then
		(cd "$A" && "$UGIT" k --output g.svg) && grep -q '<svg' "$A/g.svg"
		_report 'Graphviz renders svg' $?
		(cd "$A" && "$UGIT" k --output=g.png --format=png) &&
			[ "$(head -c 4 "$A/g.png" | od -An -c | tr -d ' ')" = '211PNG' ]
		_report 'Graphviz renders png' $?
		rm -f "$A/g.svg" "$A/g.png"
	else
		echo "# skipped: Graphviz's dot is not installed, no real rendering tested"
	fi
fi

# ---- damaged repositories: a broken ref is skipped, a missing object is fatal
if ! self_check; then
	echo junk >"$A/.git/refs/heads/broken"
	(cd "$A" && "$UGIT" k) >"$W/act.out" 2>"$W/act.err"
	[ $? = 0 ] && grep -q '^warning: ignoring broken ref refs/heads/broken$' "$W/act.err" &&
		! grep -q 'refs/heads/broken' "$W/act.out"
	_report 'a broken ref: a warning, and not drawn' $? /dev/null "$W/act.err"
	rm "$A/.git/refs/heads/broken"
	echo 1234567890123456789012345678901234567890 >"$A/.git/refs/heads/gone"
	(cd "$A" && "$UGIT" k) >"$W/act.out" 2>"$W/act.err"
	[ $? = 128 ] && grep -q '^fatal: bad object 1234567890123456789012345678901234567890$' "$W/act.err"
	_report 'a ref to a missing object: fatal' $? /dev/null "$W/act.err"
	rm "$A/.git/refs/heads/gone"
fi

fsck_ok
finish
