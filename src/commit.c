/* commit: parse, write and fsck commit objects exactly as git lays them out. */
#include "ugit/commit.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/ident.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

/* "tree " + 40 hex digits, and the same for "parent " */
#define TREE_LINE_LEN (5 + UG_OID_HEXSZ)
#define PARENT_LINE_LEN (7 + UG_OID_HEXSZ)

static int has_prefix(const char *buf, size_t len, size_t p, const char *prefix)
{
	size_t n = strlen(prefix);

	return p <= len && len - p >= n && !memcmp(buf + p, prefix, n);
}

/* Index just past the '\n' ending the line at p (or len). */
static size_t next_line(const char *buf, size_t len, size_t p)
{
	const char *nl = p < len ? memchr(buf + p, '\n', len - p) : NULL;

	return nl ? (size_t)(nl - buf) + 1 : len;
}

/*
 * git's parse_commit_date(): the author line must come first, the
 * committer line next, and the date is read after the first '>' that
 * follows, by strtoumax() (see ident_read_timestamp()), quirks included:
 * history is ordered by this number.
 */
static uint64_t commit_date(const char *buf, size_t len, size_t p)
{
	size_t date, end;

	if (len - p <= 6 || memcmp(buf + p, "author", 6))
		return 0;
	p = next_line(buf, len, p);
	if (len - p <= 9 || memcmp(buf + p, "committer", 9))
		return 0;
	while (p < len && buf[p++] != '>')
		;
	date = p;
	/* the committer line must end before the object does */
	if (p >= len || next_line(buf, len, p) >= len)
		return 0;
	return ident_read_timestamp(buf, len, date, &end);
}

/* The first "\n\n" at or after p, or NULL. */
static const char *find_blank_line(const char *buf, size_t len, size_t p)
{
	const char *nl;

	while (p < len && (nl = memchr(buf + p, '\n', len - p))) {
		p = (size_t)(nl - buf) + 1;
		if (p < len && buf[p] == '\n')
			return nl;
	}
	return NULL;
}

/* Sort the header lines after the parents into author, committer and the rest. */
static void split_headers(struct commit *c, const char *buf, size_t p,
			  size_t end)
{
	struct strbuf extra = STRBUF_INIT;

	while (p < end) {
		size_t next = next_line(buf, end, p);
		size_t linelen = next - p - (buf[next - 1] == '\n');

		if (!c->author && has_prefix(buf, end, p, "author "))
			c->author = xmemdupz(buf + p + 7, linelen - 7);
		else if (!c->committer && has_prefix(buf, end, p, "committer "))
			c->committer = xmemdupz(buf + p + 10, linelen - 10);
		else
			strbuf_add(&extra, buf + p, next - p);
		p = next;
	}
	c->extra_headers = strbuf_detach(&extra, NULL);
}

/* The tree line and the parent lines, with git's exact acceptance rules. */
static int parse_tree_and_parents(struct commit *c, const char *buf,
				  size_t len, size_t *pos)
{
	size_t p = TREE_LINE_LEN + 1;

	/* git wants something after the tree line, even for an empty commit */
	if (len <= TREE_LINE_LEN + 1 || memcmp(buf, "tree ", 5) ||
	    buf[TREE_LINE_LEN] != '\n')
		return ug_error(UG_ECORRUPT, "bogus commit object");
	if (oid_from_hex(&c->tree, buf + 5) < 0)
		return ug_error(UG_ECORRUPT, "bad tree pointer in commit");
	while (p + PARENT_LINE_LEN < len && !memcmp(buf + p, "parent ", 7)) {
		struct oid parent;

		/* as in git, a parent line must not be the last bytes either */
		if (len <= p + PARENT_LINE_LEN + 1 ||
		    oid_from_hex(&parent, buf + p + 7) < 0 ||
		    buf[p + PARENT_LINE_LEN] != '\n')
			return ug_error(UG_ECORRUPT, "bad parents in commit");
		ALLOC_GROW(c->parents, c->parents_nr + 1, c->parents_alloc);
		c->parents[c->parents_nr++] = parent;
		p += PARENT_LINE_LEN + 1;
	}
	*pos = p;
	return 0;
}

int commit_parse(struct commit *out, const void *data, size_t len)
{
	struct commit init = COMMIT_INIT;
	const char *buf = data, *blank;
	size_t p = 0, hdr_end, body;
	int err;

	*out = init;
	err = parse_tree_and_parents(out, buf, len, &p);
	if (err < 0)
		goto done;
	out->date = commit_date(buf, len, p);
	/* the header ends at the first empty line; the parents never hold one */
	blank = find_blank_line(buf, len, p - 1);
	hdr_end = blank ? (size_t)(blank - buf) + 1 : len;
	body = blank ? hdr_end + 1 : len;
	split_headers(out, buf, p, hdr_end);
	out->message_len = len - body;
	out->message = xmemdupz(buf + body, out->message_len);
done:
	if (err < 0)
		commit_release(out);
	return err;
}

void commit_release(struct commit *c)
{
	struct commit init = COMMIT_INIT;

	free(c->parents);
	free(c->author);
	free(c->committer);
	free(c->extra_headers);
	free(c->message);
	*c = init;
}

void commit_serialize(struct strbuf *out, const struct commit *c)
{
	char hex[UG_OID_HEXSZ + 1];
	size_t i;

	strbuf_addf(out, "tree %s\n", oid_to_hex(hex, &c->tree));
	for (i = 0; i < c->parents_nr; i++)
		strbuf_addf(out, "parent %s\n", oid_to_hex(hex, &c->parents[i]));
	if (c->author)
		strbuf_addf(out, "author %s\n", c->author);
	if (c->committer)
		strbuf_addf(out, "committer %s\n", c->committer);
	if (c->extra_headers)
		strbuf_addstr(out, c->extra_headers);
	strbuf_addch(out, '\n');
	if (c->message)
		strbuf_add(out, c->message, c->message_len);
}

const char *commit_header(const struct commit *c, const char *key,
			  size_t *len)
{
	const char *p = c->extra_headers;
	size_t klen = strlen(key);

	while (p && *p) {
		const char *nl = p + strcspn(p, "\n");

		if ((size_t)(nl - p) > klen && !memcmp(p, key, klen) &&
		    p[klen] == ' ') {
			*len = (size_t)(nl - p) - klen - 1;
			return p + klen + 1;
		}
		p = *nl ? nl + 1 : nl;
	}
	return NULL;
}

/* ---- fsck ---- */

static int report(const struct fsck_options *o, enum fsck_msg_id id,
		  const char *msg)
{
	return o->report(id, msg, o->payload);
}

/* Is there "<40 hex>\n" at p? */
static int hex_line(const char *buf, size_t len, size_t p)
{
	struct oid oid;

	return len - p > UG_OID_HEXSZ && buf[p + UG_OID_HEXSZ] == '\n' &&
	       oid_from_hex(&oid, buf + p) == 0;
}

/*
 * "tree <hex>", then "parent <hex>" lines.  After a bad id git gives up
 * (its report says "error"); if the report says go on, resume at the
 * next line.
 */
static int check_ids(const char *buf, size_t len, size_t *pos,
		     const struct fsck_options *o)
{
	size_t p = 5;
	int err;

	if (!hex_line(buf, len, p) &&
	    (err = report(o, FSCK_MSG_BAD_TREE_SHA1,
			  "invalid 'tree' line format - bad sha1")))
		return err;
	p = next_line(buf, len, p);
	while (has_prefix(buf, len, p, "parent ")) {
		if (!hex_line(buf, len, p + 7) &&
		    (err = report(o, FSCK_MSG_BAD_PARENT_SHA1,
				  "invalid 'parent' line format - bad sha1")))
			return err;
		p = next_line(buf, len, p);
	}
	*pos = p;
	return 0;
}

static int check_idents(const char *buf, size_t len, size_t p,
			const struct fsck_options *o)
{
	unsigned authors = 0;
	size_t used;
	int err = 0;

	while (has_prefix(buf, len, p, "author ")) {
		authors++;
		err = ident_check(buf + p + 7, len - p - 7, &used, o);
		if (err)
			return err;
		p += 7 + used;
	}
	if (authors < 1)
		err = report(o, FSCK_MSG_MISSING_AUTHOR,
			     "invalid format - expected 'author' line");
	else if (authors > 1)
		err = report(o, FSCK_MSG_MULTIPLE_AUTHORS,
			     "invalid format - multiple 'author' lines");
	if (err)
		return err;
	if (!has_prefix(buf, len, p, "committer "))
		return report(o, FSCK_MSG_MISSING_COMMITTER,
			      "invalid format - expected 'committer' line");
	return ident_check(buf + p + 10, len - p - 10, &used, o);
}

int commit_check(const void *data, size_t len, const struct fsck_options *opts)
{
	const char *buf = data;
	size_t p = 0;
	int err;

	/* nothing below may run unless the header is NUL-free and ends in '\n' */
	if (fsck_check_headers(buf, len, opts))
		return 1;
	if (!has_prefix(buf, len, 0, "tree "))
		return report(opts, FSCK_MSG_MISSING_TREE,
			      "invalid format - expected 'tree' line");
	err = check_ids(buf, len, &p, opts);
	if (!err)
		err = check_idents(buf, len, p, opts);
	if (!err && memchr(buf, '\0', len))
		err = report(opts, FSCK_MSG_NUL_IN_COMMIT,
			     "NUL byte in the commit object body");
	return err;
}
