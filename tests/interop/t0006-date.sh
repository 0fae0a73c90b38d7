#!/bin/sh
# t0006: dates as git reads them - GIT_AUTHOR_DATE, GIT_COMMITTER_DATE and
# `commit --date` in every form git accepts (raw, @epoch, ISO 8601 with
# and without zone, fractions, RFC 2822, zone names, US and European
# orders, compact forms) and in different local zones; the same commit
# ids as git, and git's "invalid date format" for what it refuses.
. "$(dirname "$0")/lib.sh"
setup_twins

tree=4b825dc642cb6eb9a060e54bf8d69288fbee4904
good='1112911993 -0700|@1112911993 +0000|@0 +0000|@12345 -1430|1112911993
2005-04-07T22:13:13|2005-04-07 22:13:13|2005-04-07T22:13:13Z|2005-04-07T22:13:13+02:00
2005-04-07T22:13:13+0200|2005-04-07T22:13:13.123456+0200|2005-04-07 22:13:13.5 -0700
Thu, 07 Apr 2005 22:13:13 +0200|Thu, 7 Apr 2005 22:13:13 GMT|thursday april 7 2005 22:13:13 utc
2005-04-07T22:13:13 EST|2005-04-07T22:13:13 PDT|2005-04-07T22:13:13 CEST
Apr 7 2005 10:13:13 PM +0000|Apr 7 2005 12:13:13 AM +0000|04/07/2005 22:13:13 +0000
07.04.2005 22:13:13 +0000|07/04/05 22:13:13 +0000|20050407T221313 +0000|20050407 221313.25 +0000
2005-04-07 22:13 +0000|1112911993 +2500|1112911993 -07|1112911993 +05:30|1112911993 0530
100000000 +0000|2099-12-31 23:59:59 +0000|2005-13-07 22:13:13 +0000|2005-04-07 25:13:13 +0000
2005-04-07 22:13:13 +0000 extra|2008-02-29 12:00:00 +0000|2007-02-29 12:00:00 +0000
1 Jan 1970 00:00:00 +0000|1 Jan 05 00:00:00 +0000|Sat, 1 Jan 2000 00:00:00 -0000'
bad='garbage|2005-04-07|12345 +0000|@12345|2100-01-01 00:00:00 +0000
1969-12-31 23:59:59 +0000|4294967296 +0000|99999999999 +0000|99999999 +0000
Aprx 7 2005 22:13:13 +0000'

old_ifs=$IFS
IFS='|
'
for zone in UTC America/Los_Angeles Asia/Kolkata; do
	TZ=$zone
	for d in $good; do
		IFS=$old_ifs
		GIT_AUTHOR_DATE=$d
		expect_same "$zone: author date '$d'" commit-tree $tree -m date
		GIT_AUTHOR_DATE='1112911993 -0700'
		IFS='|
'
	done
done
TZ=UTC
for d in $bad; do
	IFS=$old_ifs
	GIT_COMMITTER_DATE=$d
	expect_same_err "refused: '$d'" commit-tree $tree -m date
	GIT_COMMITTER_DATE='1112911993 -0700'
	IFS='|
'
done
IFS=$old_ifs

# commit --date takes the same forms; the committer date stays the environment's
tick
expect_same 'commit --date ISO' commit -q --allow-empty --date='2005-04-07T22:13:13+02:00' -m one
tick
TZ=America/Los_Angeles
expect_same 'commit --date without a zone, in Los Angeles' commit -q --allow-empty --date='2005-04-07 22:13:13' -m two
TZ=UTC
expect_same_err 'commit --date that is no date' commit -q --allow-empty --date='nonsense' -m three
expect_git_agrees 'the same history' log --format=raw
fsck_ok
finish
