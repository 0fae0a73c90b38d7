#!/bin/sh
# scripts/demo.sh UGIT - a short tour of ugit on a scratch repository,
# with the real git reading what ugit wrote.  Run by `make demo`.
set -e
UGIT=${1:?usage: scripts/demo.sh path/to/ugit}
D=$(mktemp -d "${TMPDIR:-/tmp}/ugit-demo.XXXXXX")
trap 'rm -rf "$D"' EXIT
export GIT_CEILING_DIRECTORIES="$D" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
cd "$D"

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }

run "$UGIT" --version
run "$UGIT" init demo
cd demo
printf 'hello\n' >hello.txt
say "ugit hash-object -w hello.txt"
blob=$("$UGIT" hash-object -w hello.txt)
echo "$blob"
run "$UGIT" cat-file -t "$blob"
run "$UGIT" cat-file -p "$(echo "$blob" | cut -c1-7)"
# a tree is "<mode> <name>\0" + the 20 raw bytes of each entry's id
raw() { for b in $(echo "$1" | sed 's/../& /g'); do printf "\\$(printf %03o "0x$b")"; done; }
say "printf '100644 hello.txt\\0<20 raw bytes>' | ugit hash-object -w -t tree --stdin"
tree=$( { printf '100644 hello.txt\000'; raw "$blob"; } | "$UGIT" hash-object -w -t tree --stdin)
echo "$tree"
run "$UGIT" ls-tree "$tree"
run "$UGIT" cat-file --batch-check <<EOT
$blob
$tree
EOT
run "$UGIT" config user.name "Demo User"
run "$UGIT" config --list
run "$UGIT" rev-parse --git-dir
say "git fsck --strict   (the real git checks what ugit wrote)"
git fsck --strict && echo "git fsck: clean"
run "$UGIT" fsck --strict
echo
echo "demo: done"
