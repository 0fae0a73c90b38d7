#ifndef UGIT_DATE_H
#define UGIT_DATE_H

/*
 * date - reading dates the way git reads GIT_AUTHOR_DATE, GIT_COMMITTER_DATE
 * and `commit --date`, and showing them the way `log --date=<mode>` does.
 *
 * A date is a pair: seconds since the epoch (UTC, unsigned as in git) and
 * the zone it was written in, kept as git writes it: the integer hhmm with
 * a sign, so -700 is "-0700" and 530 is "+0530".  The zone only changes
 * how a date is displayed, never the instant.
 *
 * date_parse() accepts what git's strict parser accepts:
 *   "1112911993 -0700"                raw, as stored in commits
 *   "@1112911993 -0700"               the same with an '@' (any epoch size)
 *   "2005-04-07T22:13:13", "2005-04-07 22:13:13.123", "...Z", "...+02:00",
 *   "...+0200"                        ISO 8601
 *   "Thu, 07 Apr 2005 22:13:13 +0200" RFC 2822 (zone names like GMT, PDT too)
 *   "04/07/2005", "07.04.2005", "20050407T221313" and the like.
 * A date without a zone is in the local zone (TZ is honoured).  Words and
 * numbers git cannot place are skipped, as git skips them; what must be
 * there in the end is a year 1970-2099, a month, a day and a time.
 */

#include <stdint.h>

struct strbuf;

enum date_mode {
	DATE_NORMAL,		/* "Thu Apr 7 15:13:13 2005 -0700" */
	DATE_RELATIVE,		/* "2 hours ago" */
	DATE_SHORT,		/* "2005-04-07" */
	DATE_ISO8601,		/* "2005-04-07 15:13:13 -0700" */
	DATE_ISO8601_STRICT,	/* "2005-04-07T15:13:13-07:00" */
	DATE_RFC2822,		/* "Thu, 7 Apr 2005 15:13:13 -0700" */
	DATE_RAW,		/* "1112911993 -0700" */
	DATE_UNIX,		/* "1112911993" */
};

/*
 * Parse `s` into *timestamp and *tz (hhmm form, see above).  Returns 0, or
 * UG_EINVALID with git's "invalid date format: <s>".  An empty string is
 * invalid here: "now" is the caller's business (see date_now()).
 */
int date_parse(uint64_t *timestamp, int *tz, const char *s);

/*
 * The current time and the local zone's offset at that time.  When
 * GIT_TEST_DATE_NOW is set (as git's own tests set it), its value is "now".
 */
uint64_t date_now(int *tz);

/* The local zone's offset (hhmm form) at `timestamp`. */
int date_local_tz(uint64_t timestamp);

/*
 * The mode named `name` as `--date=` takes it: "default", "relative",
 * "short", "iso" ("iso8601"), "iso-strict" ("iso8601-strict"), "rfc"
 * ("rfc2822"), "raw", "unix".  Returns 0, or UG_EINVALID with git's
 * "unknown date format <name>".
 */
int date_mode_parse(enum date_mode *out, const char *name);

/*
 * Append the date in `mode` to `out`, in the zone `tz`.  DATE_RELATIVE
 * measures from date_now(); date_format_relative() takes "now" explicitly.
 * A timestamp that cannot be shown (beyond the year 2^31) is shown as the
 * epoch in +0000, as git does.
 */
void date_format(struct strbuf *out, uint64_t timestamp, int tz,
		 enum date_mode mode);
void date_format_relative(struct strbuf *out, uint64_t timestamp,
			  uint64_t now);

#endif /* UGIT_DATE_H */
