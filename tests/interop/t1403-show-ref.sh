#!/bin/sh
# t1403: show-ref - every ref, --heads/--tags, tail-matching patterns,
# -d, -s/--hash[=n], --abbrev[=n], --verify, -q, --head; exit 1 when
# nothing matched; loose and packed refs alike.
. "$(dirname "$0")/lib.sh"
setup_twins

expect_same 'no refs at all' show-ref
expect_same 'no refs, --head' show-ref --head

in_both '"$REAL_GIT" commit -q --allow-empty -m one && "$REAL_GIT" tag -a -m ann v1 && "$REAL_GIT" tag light'
tick
in_both '"$REAL_GIT" commit -q --allow-empty -m two && "$REAL_GIT" branch feat/master HEAD~1'
in_both '"$REAL_GIT" update-ref refs/remotes/o/master HEAD && "$REAL_GIT" symbolic-ref refs/remotes/o/HEAD refs/remotes/o/master'
in_both '"$REAL_GIT" -c advice.nestedTag=false tag -a -m "tag of a tag" v1-outer v1'

for round in loose packed; do
	expect_same "$round: all" show-ref
	expect_same "$round: --heads" show-ref --heads
	expect_same "$round: --tags" show-ref --tags
	expect_same "$round: --heads --tags" show-ref --heads --tags
	expect_same "$round: -d" show-ref -d
	expect_same "$round: --dereference --tags" show-ref --dereference --tags
	expect_same "$round: pattern master" show-ref master
	expect_same "$round: pattern o/master" show-ref o/master
	expect_same "$round: pattern heads/master and tags/v1" show-ref heads/master tags/v1
	expect_same "$round: a partial component does not match" show-ref ster
	expect_same "$round: a full name" show-ref refs/heads/master
	expect_same "$round: --heads with a pattern" show-ref --heads master v1
	expect_same "$round: -s" show-ref -s master
	expect_same "$round: --hash" show-ref --hash v1
	expect_same "$round: --hash=10" show-ref --hash=10
	expect_same "$round: --hash=2 is 4" show-ref --hash=2 master
	expect_same "$round: --hash=99 is 40" show-ref --hash=99 master
	expect_same "$round: -s -d" show-ref -s -d v1
	expect_same "$round: --abbrev" show-ref --abbrev
	expect_same "$round: --abbrev=5 -d" show-ref --abbrev=5 -d
	expect_same "$round: --hash --abbrev=6" show-ref --hash --abbrev=6 tags/v1
	expect_same "$round: --head" show-ref --head
	expect_same "$round: --head --tags" show-ref --head --tags
	expect_same "$round: no match" show-ref nothing
	expect_same "$round: -q with a match" show-ref -q master
	expect_same "$round: -q without" show-ref -q nothing
	expect_same "$round: --verify" show-ref --verify refs/heads/master refs/tags/v1
	expect_same "$round: --verify -d" show-ref --verify -d refs/tags/v1
	expect_same "$round: --verify HEAD" show-ref --verify HEAD
	expect_same_err "$round: --verify a short name" show-ref --verify master
	expect_same_err "$round: --verify a missing ref" show-ref --verify refs/heads/master refs/heads/nope
	expect_same_err "$round: --verify -q a missing ref" show-ref --verify -q refs/heads/nope
	expect_same "$round: --verify --quiet" show-ref --verify --quiet refs/heads/master
	expect_same "$round: after --" show-ref -- master
	in_both '"$REAL_GIT" pack-refs --all --prune'
done

# a loose ref over its packed twin, and a symbolic ref's value
in_both '"$REAL_GIT" update-ref refs/heads/feat/master HEAD'
expect_same 'loose over packed' show-ref feat/master
in_both 'echo "ref: refs/heads/master" >.git/refs/heads/sym'
expect_same 'a symbolic ref shows its target' show-ref sym

# a broken ref that matches is fatal; one that does not is ignored
in_both 'echo broken >.git/refs/heads/broken'
expect_same_err 'a broken ref that matches' show-ref --heads
expect_same_err 'a broken ref that does not' show-ref --tags
in_both 'rm .git/refs/heads/broken'

# a ref to a missing object
in_both 'echo 1234567890123456789012345678901234567890 >.git/refs/heads/gone'
expect_same_err 'a ref to a missing object' show-ref gone
in_both 'rm .git/refs/heads/gone'

# usage
expect_same_err 'bad --hash' show-ref --hash=x
expect_same_err 'bad --abbrev' show-ref --abbrev=x
expect_same_err '--verify without a ref' show-ref --verify
expect_same 'unknown option' show-ref --bogus
if ! self_check; then
	expect_ugit 'unsupported --exclude-existing is refused' 129 show-ref --exclude-existing=refs
fi

fsck_ok
finish
