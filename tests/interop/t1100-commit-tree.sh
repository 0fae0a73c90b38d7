#!/bin/sh
# t1100: commit-tree - same commit ids as git from the same tree, parents,
# message and GIT_AUTHOR_*/GIT_COMMITTER_*; -m paragraphs, -F files and
# stdin; dates in every form git reads; git's errors for bad trees,
# parents, duplicate parents, bad dates and unknown identities.
. "$(dirname "$0")/lib.sh"
setup_twins

# ---- fixture: the same tree in both twins, built by git
fixture() {
	printf 'hello\n' >hello && mkdir sub && printf 'deep\n' >sub/file &&
	"$REAL_GIT" add . && "$REAL_GIT" write-tree >../tree.$1 &&
	printf 'from a file\n\n\n' >msg.txt && printf 'no newline' >raw.txt
}
(cd "$A" && fixture a) && (cd "$B" && fixture b) || { echo "Bail out! fixture"; exit 1; }
T=$(cat "$W/tree.b")
BLOB=$("$REAL_GIT" -C "$B" hash-object hello)
EMPTY=4b825dc642cb6eb9a060e54bf8d69288fbee4904

expect_same 'root commit with -m' commit-tree "$T" -m first
C1=$(cat "$W/exp.out")
expect_git_agrees 'git reads it' cat-file -p "$C1"
expect_same 'same message twice gives the same id' commit-tree "$T" -m first
expect_same 'abbreviated tree id' commit-tree "$(echo "$T" | cut -c1-7)" -m abbrev
expect_same 'the empty tree, stored nowhere' commit-tree $EMPTY -m empty
expect_same 'one parent' commit-tree "$T" -p "$C1" -m second
C2=$(cat "$W/exp.out")
expect_same 'two parents, abbreviated' commit-tree "$T" -p "$C2" -p "$(echo "$C1" | cut -c1-8)" -m merge
expect_same 'options after the tree' commit-tree "$T" -m late -p "$C1"
expect_same_err 'a duplicate parent is ignored with an error' commit-tree "$T" -p "$C1" -p "$C1" -m dup

# ---- messages
expect_same '-m twice makes paragraphs' commit-tree "$T" -m one -m two
expect_same '-m with blanks and newlines kept verbatim' commit-tree "$T" -m '  a  
' -m '

b  '
expect_same '-m "" -m ""' commit-tree "$T" -m '' -m ''
expect_same '-F keeps the file as it is' commit-tree "$T" -F msg.txt
expect_same '-F then -m' commit-tree "$T" -F raw.txt -m after
expect_same '-m then -F' commit-tree "$T" -m before -F raw.txt
printf 'from stdin\n# not a comment here\n' >"$W/stdin.txt"
expect_stdin_same 'message from stdin' "$W/stdin.txt" commit-tree "$T"
expect_stdin_same '-F - reads stdin' "$W/stdin.txt" commit-tree "$T" -F - -m more
expect_stdin_same 'an empty -m reads stdin' "$W/stdin.txt" commit-tree "$T" -m ''
expect_stdin_same 'empty stdin: empty message' /dev/null commit-tree "$T"

# ---- dates, as git reads GIT_AUTHOR_DATE and GIT_COMMITTER_DATE
# (plain assignments: the variables are exported already, and a prefix
# assignment before a shell function may outlive the call in some shells)
for d in '1112911993 -0700' '@1112911993 +0000' '@12345 +0130' \
	'2005-04-07T22:13:13' '2005-04-07 22:13:13' '2005-04-07T22:13:13Z' \
	'2005-04-07T22:13:13+02:00' '2005-04-07T22:13:13.123+0200' \
	'Thu, 07 Apr 2005 22:13:13 +0200' 'Thu, 7 Apr 2005 22:13:13 GMT' \
	'Apr 7 2005 10:13:13 PM PDT' '04/07/2005 22:13:13 +0000' \
	'07.04.2005 22:13:13 -0100' '20050407T221313 +0000' \
	'2099-12-31 23:59:59 +0000' '1112911993 +05:30' '1112911993 -07' \
	'1112911993'; do
	GIT_AUTHOR_DATE=$d
	expect_same "author date '$d'" commit-tree "$T" -m date
	GIT_AUTHOR_DATE='1112911993 -0700' GIT_COMMITTER_DATE=$d TZ=America/Los_Angeles
	expect_same "committer date '$d' in Los Angeles" commit-tree "$T" -m date
	GIT_COMMITTER_DATE='1112911993 -0700' TZ=UTC
done
for d in 'garbage' '2005-04-07' '12345 +0000' '@12345' '2100-01-01 00:00:00 +0000' \
	'1969-12-31 23:59:59 +0000' '4294967296 +0000'; do
	GIT_AUTHOR_DATE=$d
	expect_same_err "bad author date '$d'" commit-tree "$T" -m x
done
GIT_AUTHOR_DATE='1112911993 -0700' GIT_COMMITTER_DATE=nope
expect_same_err 'bad committer date' commit-tree "$T" -m x
GIT_COMMITTER_DATE='1112911993 -0700'

# ---- bad arguments
expect_same_err 'a tree that does not exist' commit-tree nonexist -m x
expect_same_err 'a blob is not a tree' commit-tree "$BLOB" -m x
expect_same_err 'a commit is not a tree' commit-tree "$C1" -m x
expect_same_err 'a missing object' commit-tree 1234567890123456789012345678901234567890 -m x
expect_same_err 'a blob is not a parent' commit-tree "$T" -p "$BLOB" -m x
expect_same_err 'an unknown parent' commit-tree "$T" -p nope -m x
expect_same_err 'a missing parent object' commit-tree "$T" -p 1234567890123456789012345678901234567890 -m x
expect_same_err 'a missing -F file' commit-tree "$T" -F /nonexistent
expect_same_err 'two trees' commit-tree "$T" "$T" -m x
expect_same 'no tree: usage' commit-tree
expect_same_err '-p without a value' commit-tree "$T" -p
expect_same_err '-m without a value' commit-tree "$T" -m
expect_same 'an unknown switch' commit-tree "$T" -x
expect_unchanged 'a failed commit-tree' "'$UGIT' commit-tree '$T' -p nope -m x"

expect_git_agrees 'the same objects in both twins' sh -c \
	"find .git/objects -type f | grep -v pack | sed 's,.git/objects/,,; s,/,,' | sort"
# ---- identities (last: they change the environment)
GIT_AUTHOR_NAME=' .<Odd> Name;. ' GIT_AUTHOR_EMAIL=' <odd@x>. '
expect_same 'crud around names and emails is stripped' commit-tree "$T" -m crud
GIT_AUTHOR_EMAIL=
expect_same 'an empty email is allowed' commit-tree "$T" -m noemail
GIT_AUTHOR_NAME=
expect_same_err 'an empty name is not' commit-tree "$T" -m noname
GIT_AUTHOR_NAME=a GIT_COMMITTER_NAME='..;'
expect_same_err 'a name of crud is not' commit-tree "$T" -m crud
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
in_both '"$REAL_GIT" config user.name "Conf Name" && "$REAL_GIT" config user.email conf@x'
expect_same 'user.name and user.email from the config' commit-tree "$T" -m cfg
in_both '"$REAL_GIT" config author.name "Author Conf" && "$REAL_GIT" config committer.email co@x'
expect_same 'author.name and committer.email win over user.*' commit-tree "$T" -m cfg
in_both '"$REAL_GIT" config user.email ""'
EMAIL=env@example.com; export EMAIL
expect_same 'an empty user.email: EMAIL' commit-tree "$T" -m cfg
in_both '"$REAL_GIT" config --remove-section user && "$REAL_GIT" config --remove-section author &&
	"$REAL_GIT" config --remove-section committer'
expect_same_err 'EMAIL, and the account name' commit-tree "$T" -m who
unset EMAIL
expect_same_err 'no identity at all: git advice and error' commit-tree "$T" -m who
in_both '"$REAL_GIT" config user.useConfigOnly true'
expect_same_err 'user.useConfigOnly: no guessing' commit-tree "$T" -m who
expect_unchanged 'a commit-tree without identity' "'$UGIT' commit-tree '$T' -m who"

fsck_ok
finish
