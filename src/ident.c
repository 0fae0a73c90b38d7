/* ident: the "Name <email> <epoch> <+hhmm>" lines of commits and tags. */
#include "ugit/ident.h"

#include <inttypes.h>
#include <limits.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/strbuf.h"

/* git's own isspace(): unlike the C library's, no \v or \f. */
static int git_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Decimal digits at s[0..n), saturating at UINT64_MAX. */
static uint64_t read_decimal(const char *s, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return UINT64_MAX;
		v = v * 10 + d;
	}
	return v;
}

static size_t digits_at(const char *s, size_t len, size_t i)
{
	size_t start = i;

	while (i < len && is_digit((unsigned char)s[i]))
		i++;
	return i - start;
}

static size_t skip_space(const char *s, size_t len, size_t i)
{
	while (i < len && git_space((unsigned char)s[i]))
		i++;
	return i;
}

/* Fill in the date part; anything unreadable just means "no date". */
static void parse_date(struct ident *out, const char *line, size_t len)
{
	size_t i = len, d, nd, t, nt;
	uint64_t tz;

	/* the date follows the last '>' (there is one: the email's) */
	while (line[i - 1] != '>')
		i--;
	d = skip_space(line, len, i);
	nd = digits_at(line, len, d);
	if (!nd)
		return;
	t = skip_space(line, len, d + nd);
	if (t >= len || (line[t] != '+' && line[t] != '-'))
		return;
	nt = digits_at(line, len, t + 1);
	if (!nt)
		return;
	out->date = line + d;
	out->date_len = t + 1 + nt - d;
	out->timestamp = read_decimal(line + d, nd);
	/* git shows a date beyond a signed 64-bit time_t as 0 +0000 */
	if (out->timestamp > INT64_MAX) {
		out->timestamp = 0;
		return;
	}
	/* like git, a zone beyond what an int holds (INT_MIN too) reads as 0 */
	tz = read_decimal(line + t + 1, nt);
	if (tz < INT_MAX)
		out->tz = line[t] == '-' ? -(int)tz : (int)tz;
	else if (tz == INT_MAX && line[t] == '-')
		out->tz = -INT_MAX;
}

int ident_parse(struct ident *out, const char *line, size_t len)
{
	const char *lt, *gt;
	size_t name_end;

	memset(out, 0, sizeof(*out));
	/* like git, a NUL ends the search for '<' */
	lt = memchr(line, '<', strnlen(line, len));
	if (!lt)
		return ug_error(UG_EINVALID, "ident has no '<': '%.*s'", (int)len, line);
	gt = memchr(lt + 1, '>', len - (size_t)(lt + 1 - line));
	if (!gt)
		return ug_error(UG_EINVALID, "ident has no '>': '%.*s'", (int)len, line);
	name_end = (size_t)(lt - line);
	while (name_end && git_space((unsigned char)line[name_end - 1]))
		name_end--;
	out->name = line;
	out->name_len = name_end;
	out->email = lt + 1;
	out->email_len = (size_t)(gt - lt - 1);
	parse_date(out, line, len);
	return 0;
}

void ident_format(struct strbuf *out, const char *name, const char *email,
		  uint64_t timestamp, int tz)
{
	int atz = tz < 0 ? -tz : tz;

	strbuf_addf(out, "%s <%s> %" PRIu64 " %c%04d", name, email, timestamp,
		    tz < 0 ? '-' : '+', atz);
}

/* ---- fsck ---- */

/* Byte i of the line, with NUL past the end: git reads a NUL-terminated buffer. */
static int at(const char *s, size_t len, size_t i)
{
	return i < len ? (unsigned char)s[i] : 0;
}

/* Like strcspn(s + i, "<>\n"), bounded. */
static size_t to_bracket(const char *s, size_t len, size_t i)
{
	int c;

	while ((c = at(s, len, i)) && c != '<' && c != '>' && c != '\n')
		i++;
	return i;
}

uint64_t ident_read_timestamp(const char *s, size_t len, size_t i,
			      size_t *end)
{
	size_t j = i, n;
	int neg = 0, c;
	uint64_t v;

	while ((c = at(s, len, j)) == ' ' || (c >= '\t' && c <= '\r'))
		j++;
	if (c == '+' || c == '-') {
		neg = c == '-';
		j++;
	}
	n = digits_at(s, len, j);
	if (!n) {
		*end = i;
		return 0;
	}
	*end = j + n;
	v = read_decimal(s + j, n);
	if (v == UINT64_MAX)
		return v;	/* out of range, whatever the sign */
	return neg ? (uint64_t)0 - v : v;
}

static int fail(const struct fsck_options *o, enum fsck_msg_id id,
		const char *what)
{
	struct strbuf msg = STRBUF_INIT;
	int ret;

	strbuf_addf(&msg, "invalid author/committer line - %s", what);
	ret = o->report(id, msg.buf, o->payload);
	strbuf_release(&msg);
	return ret;
}

static int check_date(const char *s, size_t len, size_t p,
		      const struct fsck_options *o)
{
	size_t end;
	int i;

	/* a reader would accept "007": refuse such ambiguous widths */
	if (at(s, len, p) == '0' && at(s, len, p + 1) != ' ')
		return fail(o, FSCK_MSG_ZERO_PADDED_DATE, "zero-padded date");
	if (ident_read_timestamp(s, len, p, &end) > INT64_MAX)
		return fail(o, FSCK_MSG_BAD_DATE_OVERFLOW, "date causes integer overflow");
	if (end == p || at(s, len, end) != ' ')
		return fail(o, FSCK_MSG_BAD_DATE, "bad date");
	p = end + 1;
	if (at(s, len, p) != '+' && at(s, len, p) != '-')
		return fail(o, FSCK_MSG_BAD_TIMEZONE, "bad time zone");
	for (i = 1; i <= 4; i++)
		if (!is_digit(at(s, len, p + i)))
			return fail(o, FSCK_MSG_BAD_TIMEZONE, "bad time zone");
	if (at(s, len, p + 5) != '\n')
		return fail(o, FSCK_MSG_BAD_TIMEZONE, "bad time zone");
	return 0;
}

int ident_check(const char *line, size_t len, size_t *consumed,
		const struct fsck_options *opts)
{
	const char *eol = memchr(line, '\n', len);
	size_t p = 0;

	*consumed = eol ? (size_t)(eol - line) + 1 : len;
	/* git's message for this one really does say "space" */
	if (at(line, len, 0) == '<')
		return fail(opts, FSCK_MSG_MISSING_NAME_BEFORE_EMAIL,
			    "missing space before email");
	p = to_bracket(line, len, p);
	if (at(line, len, p) == '>')
		return fail(opts, FSCK_MSG_BAD_NAME, "bad name");
	if (at(line, len, p) != '<')
		return fail(opts, FSCK_MSG_MISSING_EMAIL, "missing email");
	if (line[p - 1] != ' ')
		return fail(opts, FSCK_MSG_MISSING_SPACE_BEFORE_EMAIL,
			    "missing space before email");
	p = to_bracket(line, len, p + 1);
	if (at(line, len, p) != '>')
		return fail(opts, FSCK_MSG_BAD_EMAIL, "bad email");
	if (at(line, len, p + 1) != ' ')
		return fail(opts, FSCK_MSG_MISSING_SPACE_BEFORE_DATE,
			    "missing space before date");
	return check_date(line, len, p + 2, opts);
}
