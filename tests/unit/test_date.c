/* Unit tests: reading dates as git reads GIT_*_DATE, and showing them as log does. */
#include "helpers.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ugit/date.h"
#include "ugit/strbuf.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))
#define U "UTC"
#define L "America/Los_Angeles"

static void set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/*
 * Each row was checked against git 2.39:
 *   TZ=<zone> GIT_COMMITTER_DATE=<input> git var GIT_COMMITTER_IDENT
 * (ok 0: git says "fatal: invalid date format: <input>").
 */
static const struct {
	const char *in;
	const char *zone;
	int ok;
	uint64_t timestamp;
	int tz;
} parse_cases[] = {
	{ "1112911993 -0700", U, 1, 1112911993ull, -700 },
	{ "1112911993 -0700", L, 1, 1112911993ull, -700 },
	{ "@1112911993 -0700", U, 1, 1112911993ull, -700 },
	{ "@1112911993 -0700", L, 1, 1112911993ull, -700 },
	{ "@1112911993", U, 1, 1112911993ull, 0 },
	{ "@1112911993", L, 1, 1112911993ull, -700 },
	{ "1112911993", U, 1, 1112911993ull, 0 },
	{ "1112911993", L, 1, 1112911993ull, -700 },
	{ "12345 +0000", U, 0, 0, 0 },
	{ "12345 +0000", L, 0, 0, 0 },
	{ "@12345 +0000", U, 1, 12345ull, 0 },
	{ "@12345 +0000", L, 1, 12345ull, 0 },
	{ "@12345", U, 0, 0, 0 },
	{ "@12345", L, 0, 0, 0 },
	{ "@0 +0000", U, 1, 0ull, 0 },
	{ "@0 +0000", L, 1, 0ull, 0 },
	{ "2005-04-07T22:13:13", U, 1, 1112911993ull, 0 },
	{ "2005-04-07T22:13:13", L, 1, 1112937193ull, -700 },
	{ "2005-04-07 22:13:13", U, 1, 1112911993ull, 0 },
	{ "2005-04-07 22:13:13", L, 1, 1112937193ull, -700 },
	{ "2005-04-07T22:13:13Z", U, 1, 1112911993ull, 0 },
	{ "2005-04-07T22:13:13Z", L, 1, 1112911993ull, 0 },
	{ "2005-04-07T22:13:13+02:00", U, 1, 1112904793ull, 200 },
	{ "2005-04-07T22:13:13+02:00", L, 1, 1112904793ull, 200 },
	{ "2005-04-07T22:13:13+0200", U, 1, 1112904793ull, 200 },
	{ "2005-04-07T22:13:13+0200", L, 1, 1112904793ull, 200 },
	{ "2005-04-07T22:13:13.123456+0200", U, 1, 1112904793ull, 200 },
	{ "2005-04-07T22:13:13.123456+0200", L, 1, 1112904793ull, 200 },
	{ "2005-04-07 22:13:13.5 -0700", U, 1, 1112937193ull, -700 },
	{ "2005-04-07 22:13:13.5 -0700", L, 1, 1112937193ull, -700 },
	{ "Thu, 07 Apr 2005 22:13:13 +0200", U, 1, 1112904793ull, 200 },
	{ "Thu, 07 Apr 2005 22:13:13 +0200", L, 1, 1112904793ull, 200 },
	{ "Thu, 7 Apr 2005 22:13:13 GMT", U, 1, 1112911993ull, 0 },
	{ "Thu, 7 Apr 2005 22:13:13 GMT", L, 1, 1112911993ull, 0 },
	{ "thursday april 7 2005 22:13:13 utc", U, 1, 1112911993ull, 0 },
	{ "thursday april 7 2005 22:13:13 utc", L, 1, 1112911993ull, 0 },
	{ "2005-04-07", U, 0, 0, 0 },
	{ "2005-04-07", L, 0, 0, 0 },
	{ "garbage", U, 0, 0, 0 },
	{ "garbage", L, 0, 0, 0 },
	{ "1970-01-01 00:00:00 +0100", U, 1, 18446744073709548016ull, 100 },
	{ "1970-01-01 00:00:00 +0100", L, 1, 18446744073709548016ull, 100 },
	{ "2100-01-01 00:00:00 +0000", U, 0, 0, 0 },
	{ "2100-01-01 00:00:00 +0000", L, 0, 0, 0 },
	{ "2099-12-31 23:59:59 +0000", U, 1, 4102444799ull, 0 },
	{ "2099-12-31 23:59:59 +0000", L, 1, 4102444799ull, 0 },
	{ "1969-12-31 23:59:59 +0000", U, 0, 0, 0 },
	{ "1969-12-31 23:59:59 +0000", L, 0, 0, 0 },
	{ "2005-04-07T22:13:13 EST", U, 1, 1112929993ull, -500 },
	{ "2005-04-07T22:13:13 EST", L, 1, 1112929993ull, -500 },
	{ "2005-04-07T22:13:13 PDT", U, 1, 1112937193ull, -700 },
	{ "2005-04-07T22:13:13 PDT", L, 1, 1112937193ull, -700 },
	{ "2005-04-07T22:13:13 CEST", U, 1, 1112904793ull, 200 },
	{ "2005-04-07T22:13:13 CEST", L, 1, 1112904793ull, 200 },
	{ "Apr 7 2005 10:13:13 PM +0000", U, 1, 1112911993ull, 0 },
	{ "Apr 7 2005 10:13:13 PM +0000", L, 1, 1112911993ull, 0 },
	{ "Apr 7 2005 12:13:13 AM +0000", U, 1, 1112832793ull, 0 },
	{ "Apr 7 2005 12:13:13 AM +0000", L, 1, 1112832793ull, 0 },
	{ "04/07/2005 22:13:13 +0000", U, 1, 1112911993ull, 0 },
	{ "04/07/2005 22:13:13 +0000", L, 1, 1112911993ull, 0 },
	{ "07.04.2005 22:13:13 +0000", U, 1, 1112911993ull, 0 },
	{ "07.04.2005 22:13:13 +0000", L, 1, 1112911993ull, 0 },
	{ "07/04/05 22:13:13 +0000", U, 1, 1120515193ull, 0 },
	{ "07/04/05 22:13:13 +0000", L, 1, 1120515193ull, 0 },
	{ "20050407T221313 +0000", U, 1, 1112911993ull, 0 },
	{ "20050407T221313 +0000", L, 1, 1112911993ull, 0 },
	{ "20050407 221313.25 +0000", U, 1, 1112911993ull, 0 },
	{ "20050407 221313.25 +0000", L, 1, 1112911993ull, 0 },
	{ "2005-04-07 22:13 +0000", U, 1, 1112911980ull, 0 },
	{ "2005-04-07 22:13 +0000", L, 1, 1112911980ull, 0 },
	{ "1112911993 +2500", U, 1, 1112911993ull, 0 },
	{ "1112911993 +2500", L, 1, 1112911993ull, -700 },
	{ "1112911993 -07", U, 1, 1112911993ull, -700 },
	{ "1112911993 -07", L, 1, 1112911993ull, -700 },
	{ "1112911993 +05:30", U, 1, 1112911993ull, 530 },
	{ "1112911993 +05:30", L, 1, 1112911993ull, 530 },
	{ "1112911993 +5:30", U, 1, 1112911993ull, 0 },
	{ "1112911993 +5:30", L, 1, 1112911993ull, -700 },
	{ "1112911993 0530", U, 1, 1112911993ull, 530 },
	{ "1112911993 0530", L, 1, 1112911993ull, 530 },
	{ "4294967296 +0000", U, 0, 0, 0 },
	{ "4294967296 +0000", L, 0, 0, 0 },
	{ "99999999999 +0000", U, 0, 0, 0 },
	{ "99999999999 +0000", L, 0, 0, 0 },
	{ "99999999999999999999999 +0000", U, 0, 0, 0 },
	{ "99999999999999999999999 +0000", L, 0, 0, 0 },
	{ "100000000 +0000", U, 1, 100000000ull, 0 },
	{ "100000000 +0000", L, 1, 100000000ull, 0 },
	{ "99999999 +0000", U, 0, 0, 0 },
	{ "99999999 +0000", L, 0, 0, 0 },
	{ "  1112911993 -0700  ", U, 1, 1112911993ull, -700 },
	{ "  1112911993 -0700  ", L, 1, 1112911993ull, -700 },
	{ "2005-13-07 22:13:13 +0000", U, 1, 1121292793ull, 0 },
	{ "2005-13-07 22:13:13 +0000", L, 1, 1121292793ull, 0 },
	{ "2005-04-07 25:13:13 +0000", U, 1, 1112879580ull, 0 },
	{ "2005-04-07 25:13:13 +0000", L, 1, 1112879580ull, 0 },
	{ "2005-04-07 22:13:13 +0000 extra", U, 1, 1112911993ull, 0 },
	{ "2005-04-07 22:13:13 +0000 extra", L, 1, 1112911993ull, 0 },
	{ "2005-04-07 22:13:13 +0000 +0100", U, 1, 1112908393ull, 100 },
	{ "2005-04-07 22:13:13 +0000 +0100", L, 1, 1112908393ull, 100 },
	{ "2008-02-29 12:00:00 +0000", U, 1, 1204286400ull, 0 },
	{ "2008-02-29 12:00:00 +0000", L, 1, 1204286400ull, 0 },
	{ "2008-03-01 12:00:00 +0000", U, 1, 1204372800ull, 0 },
	{ "2008-03-01 12:00:00 +0000", L, 1, 1204372800ull, 0 },
	{ "2007-02-29 12:00:00 +0000", U, 1, 1172750400ull, 0 },
	{ "2007-02-29 12:00:00 +0000", L, 1, 1172750400ull, 0 },
	{ "1 Jan 1970 00:00:00 +0000", U, 1, 0ull, 0 },
	{ "1 Jan 1970 00:00:00 +0000", L, 1, 0ull, 0 },
	{ "1 Jan 70 00:00:00 +0000", U, 1, 0ull, 0 },
	{ "1 Jan 70 00:00:00 +0000", L, 1, 0ull, 0 },
	{ "1 Jan 05 00:00:00 +0000", U, 1, 1104537600ull, 0 },
	{ "1 Jan 05 00:00:00 +0000", L, 1, 1104537600ull, 0 },
	{ "Sat, 1 Jan 2000 00:00:00 -0000", U, 1, 946684800ull, 0 },
	{ "Sat, 1 Jan 2000 00:00:00 -0000", L, 1, 946684800ull, 0 },
	{ "2005-04-07 22:13:13 +0000 foo bar", U, 1, 1112911993ull, 0 },
	{ "2005-04-07 22:13:13 +0000 foo bar", L, 1, 1112911993ull, 0 },
	{ "Aprx 7 2005 22:13:13 +0000", U, 0, 0, 0 },
	{ "Aprx 7 2005 22:13:13 +0000", L, 0, 0, 0 },
	{ "2005.04.07 22:13:13 +0000", U, 1, 1112911993ull, 0 },
	{ "2005.04.07 22:13:13 +0000", L, 1, 1112911993ull, 0 },
};

Test(date, parse_table_matches_git)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		uint64_t ts = 7;
		int tz = 7, rc;

		set_tz(parse_cases[i].zone);
		ug_error_clear();
		rc = date_parse(&ts, &tz, parse_cases[i].in);
		if (!parse_cases[i].ok) {
			cr_expect_eq(rc, UG_EINVALID, "'%s' in %s: accepted as %" PRIu64 " %d",
				     parse_cases[i].in, parse_cases[i].zone, ts, tz);
			continue;
		}
		cr_expect_eq(rc, 0, "'%s' in %s: %s", parse_cases[i].in,
			     parse_cases[i].zone, ug_error_last());
		cr_expect_eq(ts, parse_cases[i].timestamp, "'%s' in %s: %" PRIu64 " not %" PRIu64,
			     parse_cases[i].in, parse_cases[i].zone, ts, parse_cases[i].timestamp);
		cr_expect_eq(tz, parse_cases[i].tz, "'%s' in %s: tz %d not %d",
			     parse_cases[i].in, parse_cases[i].zone, tz, parse_cases[i].tz);
	}
}

Test(date, invalid_date_message_is_gits)
{
	uint64_t ts;
	int tz;

	cr_assert_eq(date_parse(&ts, &tz, "garbage"), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "invalid date format: garbage");
	cr_assert_eq(date_parse(&ts, &tz, ""), UG_EINVALID);
}

/* git show -s --format=%ad --date=<mode> on a commit with that author date */
static const struct {
	const char *raw;
	enum date_mode mode;
	const char *want;
} format_cases[] = {
	{ "1112911993 -0700", DATE_NORMAL, "Thu Apr 7 15:13:13 2005 -0700" },
	{ "1112911993 -0700", DATE_ISO8601, "2005-04-07 15:13:13 -0700" },
	{ "1112911993 -0700", DATE_ISO8601_STRICT, "2005-04-07T15:13:13-07:00" },
	{ "1112911993 -0700", DATE_RFC2822, "Thu, 7 Apr 2005 15:13:13 -0700" },
	{ "1112911993 -0700", DATE_SHORT, "2005-04-07" },
	{ "1112911993 -0700", DATE_RAW, "1112911993 -0700" },
	{ "1112911993 -0700", DATE_UNIX, "1112911993" },
	{ "1112911993 +0000", DATE_NORMAL, "Thu Apr 7 22:13:13 2005 +0000" },
	{ "1112911993 +0000", DATE_ISO8601, "2005-04-07 22:13:13 +0000" },
	{ "1112911993 +0000", DATE_ISO8601_STRICT, "2005-04-07T22:13:13+00:00" },
	{ "1112911993 +0000", DATE_RFC2822, "Thu, 7 Apr 2005 22:13:13 +0000" },
	{ "1112911993 +0000", DATE_SHORT, "2005-04-07" },
	{ "1112911993 +0000", DATE_RAW, "1112911993 +0000" },
	{ "1112911993 +0000", DATE_UNIX, "1112911993" },
	{ "1112911993 +0530", DATE_NORMAL, "Fri Apr 8 03:43:13 2005 +0530" },
	{ "1112911993 +0530", DATE_ISO8601, "2005-04-08 03:43:13 +0530" },
	{ "1112911993 +0530", DATE_ISO8601_STRICT, "2005-04-08T03:43:13+05:30" },
	{ "1112911993 +0530", DATE_RFC2822, "Fri, 8 Apr 2005 03:43:13 +0530" },
	{ "1112911993 +0530", DATE_SHORT, "2005-04-08" },
	{ "1112911993 +0530", DATE_RAW, "1112911993 +0530" },
	{ "1112911993 +0530", DATE_UNIX, "1112911993" },
	{ "1112911993 -1430", DATE_NORMAL, "Thu Apr 7 07:43:13 2005 -1430" },
	{ "1112911993 -1430", DATE_ISO8601, "2005-04-07 07:43:13 -1430" },
	{ "1112911993 -1430", DATE_ISO8601_STRICT, "2005-04-07T07:43:13-14:30" },
	{ "1112911993 -1430", DATE_RFC2822, "Thu, 7 Apr 2005 07:43:13 -1430" },
	{ "1112911993 -1430", DATE_SHORT, "2005-04-07" },
	{ "1112911993 -1430", DATE_RAW, "1112911993 -1430" },
	{ "1112911993 -1430", DATE_UNIX, "1112911993" },
	{ "100000000 +0100", DATE_NORMAL, "Sat Mar 3 10:46:40 1973 +0100" },
	{ "100000000 +0100", DATE_ISO8601, "1973-03-03 10:46:40 +0100" },
	{ "100000000 +0100", DATE_ISO8601_STRICT, "1973-03-03T10:46:40+01:00" },
	{ "100000000 +0100", DATE_RFC2822, "Sat, 3 Mar 1973 10:46:40 +0100" },
	{ "100000000 +0100", DATE_SHORT, "1973-03-03" },
	{ "100000000 +0100", DATE_RAW, "100000000 +0100" },
	{ "100000000 +0100", DATE_UNIX, "100000000" },
	{ "4102444799 +1400", DATE_NORMAL, "Fri Jan 1 13:59:59 2100 +1400" },
	{ "4102444799 +1400", DATE_ISO8601, "2100-01-01 13:59:59 +1400" },
	{ "4102444799 +1400", DATE_ISO8601_STRICT, "2100-01-01T13:59:59+14:00" },
	{ "4102444799 +1400", DATE_RFC2822, "Fri, 1 Jan 2100 13:59:59 +1400" },
	{ "4102444799 +1400", DATE_SHORT, "2100-01-01" },
	{ "4102444799 +1400", DATE_RAW, "4102444799 +1400" },
	{ "4102444799 +1400", DATE_UNIX, "4102444799" },
	{ "1204286400 -0000", DATE_NORMAL, "Fri Feb 29 12:00:00 2008 +0000" },
	{ "1204286400 -0000", DATE_ISO8601, "2008-02-29 12:00:00 +0000" },
	{ "1204286400 -0000", DATE_ISO8601_STRICT, "2008-02-29T12:00:00+00:00" },
	{ "1204286400 -0000", DATE_RFC2822, "Fri, 29 Feb 2008 12:00:00 +0000" },
	{ "1204286400 -0000", DATE_SHORT, "2008-02-29" },
	{ "1204286400 -0000", DATE_RAW, "1204286400 +0000" },
	{ "1204286400 -0000", DATE_UNIX, "1204286400" },
};

Test(date, format_table_matches_git)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(format_cases); i++) {
		struct strbuf sb = STRBUF_INIT;
		uint64_t ts;
		int tz;

		assert_ok(date_parse(&ts, &tz, format_cases[i].raw));
		date_format(&sb, ts, tz, format_cases[i].mode);
		cr_expect_str_eq(sb.buf, format_cases[i].want, "'%s' mode %d",
				 format_cases[i].raw, (int)format_cases[i].mode);
		strbuf_release(&sb);
	}
}

/* GIT_TEST_DATE_NOW=<1112911993 + ago> git show -s --format=%ad --date=relative */
static const struct {
	int64_t ago;
	const char *want;
} relative_cases[] = {
	{ 0, "0 seconds ago" },
	{ 1, "1 second ago" },
	{ 89, "89 seconds ago" },
	{ 90, "2 minutes ago" },
	{ 5399, "2 hours ago" },
	{ 125000, "35 hours ago" },
	{ 129600, "2 days ago" },
	{ 1000000, "12 days ago" },
	{ 1209600, "2 weeks ago" },
	{ 6048000, "2 months ago" },
	{ 31535999, "1 year ago" },
	{ 40000000, "1 year, 3 months ago" },
	{ 157680000, "5 years ago" },
	{ 400000000, "13 years ago" },
	{ -5, "in the future" },
};

Test(date, relative_table_matches_git)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(relative_cases); i++) {
		struct strbuf sb = STRBUF_INIT;

		date_format_relative(&sb, 1112911993,
				     (uint64_t)(1112911993 + relative_cases[i].ago));
		cr_expect_str_eq(sb.buf, relative_cases[i].want, "%" PRId64 " s ago",
				 relative_cases[i].ago);
		strbuf_release(&sb);
	}
}

Test(date, relative_mode_uses_git_test_date_now)
{
	struct strbuf sb = STRBUF_INIT;

	setenv("GIT_TEST_DATE_NOW", "1112912053", 1);
	date_format(&sb, 1112911993, -700, DATE_RELATIVE);
	cr_assert_str_eq(sb.buf, "60 seconds ago");
	strbuf_release(&sb);
}

Test(date, unshowable_timestamp_is_the_epoch)
{
	struct strbuf sb = STRBUF_INIT;

	date_format(&sb, UINT64_MAX / 2, 200, DATE_ISO8601);
	cr_assert_str_eq(sb.buf, "1970-01-01 00:00:00 +0000");
	strbuf_release(&sb);
}

Test(date, mode_names)
{
	static const struct { const char *name; enum date_mode mode; } ok[] = {
		{ "default", DATE_NORMAL }, { "relative", DATE_RELATIVE },
		{ "short", DATE_SHORT }, { "iso", DATE_ISO8601 },
		{ "iso8601", DATE_ISO8601 }, { "iso-strict", DATE_ISO8601_STRICT },
		{ "iso8601-strict", DATE_ISO8601_STRICT }, { "rfc", DATE_RFC2822 },
		{ "rfc2822", DATE_RFC2822 }, { "raw", DATE_RAW }, { "unix", DATE_UNIX },
	};
	static const char *const bad[] = { "", "ISO", "iso8601x", "nope" };
	enum date_mode m;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		assert_ok(date_mode_parse(&m, ok[i].name));
		cr_expect_eq(m, ok[i].mode, "%s", ok[i].name);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		cr_expect_eq(date_mode_parse(&m, bad[i]), UG_EINVALID, "%s", bad[i]);
	date_mode_parse(&m, "nope");
	cr_assert_str_eq(ug_error_last(), "unknown date format nope");
}

Test(date, local_zone_follows_tz)
{
	int tz;

	set_tz("America/Los_Angeles");
	cr_assert_eq(date_local_tz(1112911993), -700);	/* April: summer time */
	cr_assert_eq(date_local_tz(1104537600), -800);	/* January */
	set_tz("Asia/Kolkata");
	cr_assert_eq(date_local_tz(1112911993), 530);
	set_tz("UTC");
	setenv("GIT_TEST_DATE_NOW", "1234567890", 1);
	cr_assert_eq(date_now(&tz), 1234567890);
	cr_assert_eq(tz, 0);
}
