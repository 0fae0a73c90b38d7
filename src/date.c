/* date: git's lenient date reader and its display formats. */
#include "ugit/date.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ugit/error.h"
#include "ugit/strbuf.h"

#define UNSET (-1)
#define NO_OFFSET INT32_MIN

/*
 * What the reader has found so far.  Fields stay UNSET until a word or a
 * number fills them; like git, the reader never fails half-way, it only
 * decides at the end whether enough was found.
 */
struct date_fields {
	int year;		/* years since 1900, as in struct tm */
	int mon;		/* 0-11 */
	int mday;		/* 1-31 */
	int hour, min, sec;
	int offset;		/* minutes east of UTC, or NO_OFFSET */
	int utc;		/* filled from an epoch number: already UTC */
};

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

static const char *const weekday_names[] = {
	"Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays",
	"Fridays", "Saturdays",
};

/* Zone abbreviations git knows, with their offsets in minutes (summer time included). */
static const struct {
	const char *name;
	int minutes;
} zone_names[] = {
	{ "IDLW", -720 }, { "NT", -660 }, { "CAT", -600 }, { "HST", -600 },
	{ "HDT", -540 }, { "YST", -540 }, { "YDT", -480 }, { "PST", -480 },
	{ "PDT", -420 }, { "MST", -420 }, { "MDT", -360 }, { "CST", -360 },
	{ "CDT", -300 }, { "EST", -300 }, { "EDT", -240 }, { "AST", -180 },
	{ "ADT", -120 }, { "WAT", -60 }, { "GMT", 0 }, { "UTC", 0 },
	{ "Z", 0 }, { "UT", 0 }, { "WET", 0 }, { "BST", 60 },
	{ "CET", 60 }, { "MET", 60 }, { "MEWT", 60 }, { "MEST", 120 },
	{ "CEST", 120 }, { "MESZ", 120 }, { "FWT", 60 }, { "FST", 120 },
	{ "EET", 120 }, { "EEST", 180 }, { "WAST", 420 }, { "WADT", 480 },
	{ "CCT", 480 }, { "JST", 540 }, { "EAST", 600 }, { "EADT", 660 },
	{ "GST", 600 }, { "NZT", 720 }, { "NZST", 720 }, { "NZDT", 780 },
	{ "IDLE", 720 },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

/*
 * How many letters of the word at `s` match `name`, ignoring case; 0 if
 * the word goes on with a letter or digit that `name` does not have.  So
 * "Apr", "april" and "APRIL," all match "April", but "Aprx" does not.
 */
static size_t word_match(const char *s, const char *name)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		if (toupper((unsigned char)s[i]) == toupper((unsigned char)name[i]))
			continue;
		if (isalnum((unsigned char)s[i]))
			return 0;
		break;
	}
	return i;
}

static int zone_word(const char *s, int *minutes)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(zone_names); i++) {
		n = word_match(s, zone_names[i].name);
		if (n >= 3 || (n && n == strlen(zone_names[i].name))) {
			*minutes = zone_names[i].minutes;
			return (int)n;
		}
	}
	return 0;
}

/* A word: month, weekday, zone, AM/PM, ISO's 'T'; anything else is skipped. */
static size_t read_word(const char *s, struct date_fields *f)
{
	size_t i, n;
	int minutes;

	for (i = 0; i < ARRAY_SIZE(month_names); i++) {
		n = word_match(s, month_names[i]);
		if (n >= 3) {
			f->mon = (int)i;
			return n;
		}
	}
	for (i = 0; i < ARRAY_SIZE(weekday_names); i++) {
		n = word_match(s, weekday_names[i]);
		if (n >= 3)
			return n;	/* the weekday follows from the date */
	}
	n = (size_t)zone_word(s, &minutes);
	if (n) {
		if (f->offset == NO_OFFSET)	/* a numeric zone wins */
			f->offset = minutes;
		return n;
	}
	if (word_match(s, "PM") == 2 || word_match(s, "AM") == 2) {
		if (f->hour != UNSET)
			f->hour = f->hour % 12 + (toupper((unsigned char)s[0]) == 'P' ? 12 : 0);
		return 2;
	}
	/* "20050407T221313": the T starts a time */
	if (s[0] == 'T' && isdigit((unsigned char)s[1]) && f->hour == UNSET) {
		f->min = f->sec = 0;
		return 1;
	}
	for (n = 1; isalpha((unsigned char)s[n]); n++)
		;
	return n;
}

/*
 * A zone "+hhmm", "-hh" or "+hh:mm".  Implausible ones (hours 24 or more,
 * minutes 60 or more, other widths) are read and ignored, as git does.
 */
static size_t read_zone(const char *s, struct date_fields *f)
{
	char *end;
	unsigned long hours = strtoul(s + 1, &end, 10), mins = 0;
	size_t width = (size_t)(end - (s + 1));

	if (width == 4) {
		mins = hours % 100;
		hours /= 100;
	} else if (width != 2) {
		mins = 99;
	} else if (*end == ':') {
		mins = strtoul(end + 1, &end, 10);
		if (end - (s + 1) != 5)
			mins = 99;
	}
	if (hours < 24 && mins < 60)
		f->offset = (int)(hours * 60 + mins) * (s[0] == '-' ? -1 : 1);
	return (size_t)(end - s);
}

/* Days from 1970-01-01 to the start of each month of a common year. */
static const int days_before_month[] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334,
};

/*
 * The fields as seconds since the epoch, reading them as UTC; -1 if a
 * field is missing or the year is outside 1970-2099 (the leap-year rule
 * below, every fourth year, holds exactly in that range).
 */
static int64_t fields_to_epoch(const struct date_fields *f)
{
	int64_t years = f->year - 70, day = f->mday;

	if (f->year == UNSET || years < 0 || years > 129)
		return -1;
	if (f->mon < 0 || f->mon > 11)
		return -1;
	if (f->hour < 0 || f->min < 0 || f->sec < 0)
		return -1;
	/* leap days of earlier years are counted below; this year's from March */
	if (f->mon < 2 || (years + 2) % 4)
		day--;
	return (years * 365 + (years + 1) / 4 + days_before_month[f->mon] + day) * 86400 +
	       f->hour * 3600 + f->min * 60 + f->sec;
}

/*
 * Take year/month/day if they make a date; `year` may be UNSET (keep
 * the one found so far), or two digits.  With `refuse_after` set, a date
 * more than ten days after it is refused: nobody commits in the future,
 * so "03/04/27" rather means another order.  Returns 1 if taken.
 */
static int try_date(struct date_fields *f, int year, int month, int day,
		    int64_t refuse_after)
{
	struct date_fields c = *f;
	int64_t when;

	if (month < 1 || month > 12 || day < 1 || day > 31)
		return 0;
	c.mon = month - 1;
	c.mday = day;
	if (year == UNSET)
		;
	else if (year >= 1970 && year < 2100)
		c.year = year - 1900;
	else if (year > 70 && year < 100)
		c.year = year;
	else if (year < 38)
		c.year = year + 100;
	else
		return 0;
	if (refuse_after >= 0) {
		when = fields_to_epoch(&c);
		if (when != -1 && when > refuse_after + 10 * 86400)
			return 0;
	}
	*f = c;
	return 1;
}

static int try_time(struct date_fields *f, long h, long m, long s)
{
	if (h < 0 || h > 24 || m < 0 || m > 59 || s < 0 || s > 61)
		return 0;
	f->hour = (int)h;
	f->min = (int)m;
	f->sec = (int)s;
	return 1;
}

/*
 * "a<sep>b[<sep>c]" with sep one of ":-/.": a time (with optional
 * fraction of a second, ignored), or a date in one of the orders people
 * write.  Returns the length read, or 0 if it is neither.
 */
static size_t read_triple(const char *s, char sep, struct date_fields *f)
{
	char *end;
	long a = strtol(s, &end, 10), b, c = UNSET;
	int64_t now = (int64_t)time(NULL);

	b = strtol(end + 1, &end, 10);
	if (*end == sep && isdigit((unsigned char)end[1]))
		c = strtol(end + 1, &end, 10);
	if (sep == ':') {
		if (c == UNSET)
			c = 0;
		if (a >= 25 || b >= 60 || c > 60 || !try_time(f, a, b, c))
			return 0;
		if (*end == '.' && isdigit((unsigned char)end[1]))
			strtoul(end + 1, &end, 10);
		return (size_t)(end - s);
	}
	/* a year first: yyyy-mm-dd, else yyyy-dd-mm */
	if (a > 70 && (try_date(f, (int)a, (int)b, (int)c, -1) ||
		       try_date(f, (int)a, (int)c, (int)b, -1)))
		return (size_t)(end - s);
	/* mm/dd/yy first, except with dots: the Europeans' dd.mm.yy */
	if (sep != '.' && try_date(f, (int)c, (int)a, (int)b, now))
		return (size_t)(end - s);
	if (try_date(f, (int)c, (int)b, (int)a, now))
		return (size_t)(end - s);
	if (sep == '.' && try_date(f, (int)c, (int)a, (int)b, now))
		return (size_t)(end - s);
	return 0;
}

static int no_date_yet(const struct date_fields *f)
{
	return f->year == UNSET && f->mon == UNSET && f->mday == UNSET &&
	       !(f->hour != UNSET && f->min != UNSET && f->sec != UNSET);
}

/* A number of 9 digits or more, before any date: seconds since the epoch. */
static int read_epoch(uint64_t n, struct date_fields *f)
{
	time_t t = (time_t)n;
	struct tm tm;

	if (n > INT64_MAX || !gmtime_r(&t, &tm))
		return 0;
	f->year = tm.tm_year;
	f->mon = tm.tm_mon;
	f->mday = tm.tm_mday;
	f->hour = tm.tm_hour;
	f->min = tm.tm_min;
	f->sec = tm.tm_sec;
	f->utc = 1;
	return 1;
}

/*
 * A number alone: what it is depends on its width and on what is still
 * missing.  Returns how much was read (a 6-digit time takes its fraction).
 */
static size_t place_number(uint64_t n, size_t width, const char *end,
			   struct date_fields *f)
{
	char *rest = (char *)end;

	if (width == 8) {	/* compact ISO date yyyymmdd */
		try_date(f, (int)(n / 10000), (int)(n / 100 % 100), (int)(n % 100), -1);
	} else if (width == 6) {	/* compact ISO time hhmmss[.frac] */
		if (try_time(f, (long)(n / 10000), (long)(n / 100 % 100), (long)(n % 100)) &&
		    *end == '.' && isdigit((unsigned char)end[1]))
			strtoul(end + 1, &rest, 10);
		return width + (size_t)(rest - end);
	} else if (width == 4) {	/* a year, or a zone written without sign */
		if (n <= 1400 && f->offset == NO_OFFSET)
			f->offset = (int)(n / 100 * 60 + n % 100);
		else if (n > 1900 && n < 2100)
			f->year = (int)n - 1900;
	} else if (width <= 2) {
		/* a day first, so "01 Apr 05" is the 1st of April 2005 */
		if (n > 0 && n < 32 && f->mday == UNSET)
			f->mday = (int)n;
		else if (width == 2 && f->year == UNSET && n < 10 && f->mday != UNSET)
			f->year = (int)n + 100;
		else if (width == 2 && f->year == UNSET && n >= 70)
			f->year = (int)n;
		else if (n > 0 && n < 13 && f->mon == UNSET)
			f->mon = (int)n - 1;
	}
	return width;
}

static size_t read_number(const char *s, struct date_fields *f)
{
	char *end;
	uint64_t n = strtoumax(s, &end, 10);
	size_t len;

	/* nine digits or more, before any date: seconds since the epoch */
	if (n >= 100000000 && no_date_yet(f) && read_epoch(n, f))
		return (size_t)(end - s);
	if ((*end == ':' || *end == '-' || *end == '/' || *end == '.') &&
	    isdigit((unsigned char)end[1])) {
		len = read_triple(s, *end, f);
		if (len)
			return len;
	}
	return place_number(n, (size_t)(end - s), end, f);
}

/*
 * "@<epoch> <+|-><hhmm>", git's raw form marked with '@': taken at face
 * value, with no limits on the epoch.  Returns 1 if `s` is exactly that.
 */
static int read_raw_marked(const char *s, uint64_t *timestamp, int *tz)
{
	char *end;
	uint64_t n;
	int z;

	if (!isdigit((unsigned char)*s))
		return 0;
	n = strtoumax(s, &end, 10);
	if (*end != ' ' || n == UINTMAX_MAX || (end[1] != '+' && end[1] != '-'))
		return 0;
	s = end + 2;
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]) || !isdigit((unsigned char)s[3]) ||
	    (s[4] && s[4] != '\n'))
		return 0;
	z = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	/* git keeps "+0199" as 1h99m: say it back as the same minutes */
	z = z / 100 * 60 + z % 100;
	*timestamp = n;
	*tz = (z / 60 * 100 + z % 60) * (s[-1] == '-' ? -1 : 1);
	return 1;
}

/* Minutes east of UTC of the local zone, for fields read as local time. */
static int local_offset(const struct date_fields *f, int64_t as_utc)
{
	struct tm tm = { 0 };
	time_t local;

	tm.tm_year = f->year;
	tm.tm_mon = f->mon;
	tm.tm_mday = f->mday;
	tm.tm_hour = f->hour;
	tm.tm_min = f->min;
	tm.tm_sec = f->sec;
	tm.tm_isdst = -1;
	local = mktime(&tm);
	return (int)((as_utc - (int64_t)local) / 60);
}

static void scan(const char *s, struct date_fields *f)
{
	size_t n;

	while (*s && *s != '\n') {
		unsigned char c = (unsigned char)*s;

		if (isalpha(c))
			n = read_word(s, f);
		else if (isdigit(c))
			n = read_number(s, f);
		else if ((c == '-' || c == '+') && isdigit((unsigned char)s[1]))
			n = read_zone(s, f);
		else
			n = 0;
		s += n ? n : 1;	/* whatever git cannot read is skipped */
	}
}

int date_parse(uint64_t *timestamp, int *tz, const char *s)
{
	struct date_fields f = { UNSET, UNSET, UNSET, UNSET, UNSET, UNSET, NO_OFFSET, 0 };
	int64_t t;
	int off;

	if (*s == '@' && read_raw_marked(s + 1, timestamp, tz))
		return 0;
	scan(s, &f);
	t = fields_to_epoch(&f);
	if (t == -1)
		return ug_error(UG_EINVALID, "invalid date format: %s", s);
	off = f.offset == NO_OFFSET ? local_offset(&f, t) : f.offset;
	/* fields read as wall-clock time in zone `off`: move them to UTC */
	if (!f.utc)
		t -= (int64_t)off * 60;
	/* as in git, a date before the epoch wraps around */
	*timestamp = (uint64_t)t;
	*tz = (off < 0 ? -1 : 1) * (abs(off) / 60 * 100 + abs(off) % 60);
	return 0;
}

int date_local_tz(uint64_t timestamp)
{
	time_t t = (time_t)timestamp;
	struct tm local;
	int64_t diff;
	int minutes;

	if (!localtime_r(&t, &local))
		return 0;
	/* read the local wall clock as if it were UTC: the difference is the offset */
	diff = (int64_t)timegm(&local) - (int64_t)t;
	minutes = (int)(diff / 60);
	return (minutes < 0 ? -1 : 1) * (abs(minutes) / 60 * 100 + abs(minutes) % 60);
}

uint64_t date_now(int *tz)
{
	const char *fake = getenv("GIT_TEST_DATE_NOW");
	uint64_t now = fake ? strtoumax(fake, NULL, 10) : (uint64_t)time(NULL);

	if (tz)
		*tz = date_local_tz(now);
	return now;
}

/* ---- display ---- */

static const struct {
	const char *name;
	enum date_mode mode;
} mode_names[] = {
	{ "default", DATE_NORMAL }, { "relative", DATE_RELATIVE },
	{ "short", DATE_SHORT }, { "iso", DATE_ISO8601 },
	{ "iso8601", DATE_ISO8601 }, { "iso-strict", DATE_ISO8601_STRICT },
	{ "iso8601-strict", DATE_ISO8601_STRICT }, { "rfc", DATE_RFC2822 },
	{ "rfc2822", DATE_RFC2822 }, { "raw", DATE_RAW }, { "unix", DATE_UNIX },
};

int date_mode_parse(enum date_mode *out, const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mode_names); i++) {
		if (!strcmp(name, mode_names[i].name)) {
			*out = mode_names[i].mode;
			return 0;
		}
	}
	return ug_error(UG_EINVALID, "unknown date format %s", name);
}

/* hhmm form to minutes: -1430 is -(14 * 60 + 30). */
static int64_t tz_minutes(int tz)
{
	int64_t a = tz < 0 ? -(int64_t)tz : tz;

	a = a / 100 * 60 + a % 100;
	return tz < 0 ? -a : a;
}

/*
 * The wall clock in zone `tz` at `timestamp`.  Returns 0 if it cannot be
 * shown (git then shows the epoch in +0000).
 */
static int wall_clock(struct tm *out, uint64_t timestamp, int tz)
{
	int64_t shift = tz_minutes(tz) * 60;
	time_t t;

	if (timestamp > INT64_MAX / 2)
		return 0;
	if (shift < 0 && (uint64_t)-shift > timestamp)
		return 0;
	t = (time_t)((int64_t)timestamp + shift);
	return gmtime_r(&t, out) != NULL && out->tm_year + 1900 <= 99999;
}

static const char *const short_days[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char *const short_months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

void date_format(struct strbuf *out, uint64_t timestamp, int tz,
		 enum date_mode mode)
{
	struct tm tm;
	int atz;

	if (mode == DATE_RAW || mode == DATE_UNIX) {
		strbuf_addf(out, "%" PRIu64, timestamp);
		if (mode == DATE_RAW)
			strbuf_addf(out, " %+05d", tz);
		return;
	}
	if (mode == DATE_RELATIVE) {
		date_format_relative(out, timestamp, date_now(NULL));
		return;
	}
	if (!wall_clock(&tm, timestamp, tz)) {
		tz = 0;
		wall_clock(&tm, 0, 0);
	}
	atz = tz < 0 ? -tz : tz;
	switch (mode) {
	case DATE_SHORT:
		strbuf_addf(out, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		break;
	case DATE_ISO8601:
		strbuf_addf(out, "%04d-%02d-%02d %02d:%02d:%02d %+05d",
			    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			    tm.tm_hour, tm.tm_min, tm.tm_sec, tz);
		break;
	case DATE_ISO8601_STRICT:
		strbuf_addf(out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
			    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			    tm.tm_hour, tm.tm_min, tm.tm_sec,
			    tz < 0 ? '-' : '+', atz / 100, atz % 100);
		break;
	case DATE_RFC2822:
		strbuf_addf(out, "%s, %d %s %d %02d:%02d:%02d %+05d",
			    short_days[tm.tm_wday], tm.tm_mday, short_months[tm.tm_mon],
			    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, tz);
		break;
	default:
		strbuf_addf(out, "%s %s %d %02d:%02d:%02d %d %+05d",
			    short_days[tm.tm_wday], short_months[tm.tm_mon], tm.tm_mday,
			    tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900, tz);
		break;
	}
}

/* "<n> <unit>s ago", singular for 1. */
static void ago(struct strbuf *out, uint64_t n, const char *unit)
{
	strbuf_addf(out, "%" PRIu64 " %s%s ago", n, unit, n == 1 ? "" : "s");
}

void date_format_relative(struct strbuf *out, uint64_t timestamp, uint64_t now)
{
	uint64_t diff, months, years;

	if (now < timestamp) {
		strbuf_addstr(out, "in the future");
		return;
	}
	/* each unit serves until about 1.5 of the next, rounded to nearest */
	diff = now - timestamp;
	if (diff < 90) {
		ago(out, diff, "second");
		return;
	}
	diff = (diff + 30) / 60;
	if (diff < 90) {
		ago(out, diff, "minute");
		return;
	}
	diff = (diff + 30) / 60;
	if (diff < 36) {
		ago(out, diff, "hour");
		return;
	}
	diff = (diff + 12) / 24;	/* now in days */
	if (diff < 14)
		ago(out, diff, "day");
	else if (diff < 70)
		ago(out, (diff + 3) / 7, "week");
	else if (diff < 365)
		ago(out, (diff + 15) / 30, "month");
	else if (diff < 1825) {
		months = (diff * 12 * 2 + 365) / (365 * 2);
		years = months / 12;
		months %= 12;
		if (months)
			strbuf_addf(out, "%" PRIu64 " year%s, ", years, years == 1 ? "" : "s");
		ago(out, months ? months : years, months ? "month" : "year");
	} else {
		ago(out, (diff + 183) / 365, "year");
	}
}
