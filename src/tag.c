/* tag: parse, write and fsck annotated tag objects. */
#include "ugit/tag.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/ident.h"
#include "ugit/refname.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

/* git's shortest possible tag: "object <40 hex>\n" plus 24 more bytes */
#define TAG_MIN_LEN (UG_OID_HEXSZ + 24)
/* git reads the type name into a 20-byte buffer, NUL included */
#define TAG_TYPE_MAX 20

static int has_prefix(const char *buf, size_t len, size_t p, const char *prefix)
{
	size_t n = strlen(prefix);

	return p <= len && len - p >= n && !memcmp(buf + p, prefix, n);
}

static const char *find_nl(const char *buf, size_t len, size_t p)
{
	return p < len ? memchr(buf + p, '\n', len - p) : NULL;
}

static int corrupt(const char *why)
{
	return ug_error(UG_ECORRUPT, "corrupt tag: %s", why);
}

/* "type <name>\n" and "tag <name>\n", from p. */
static int parse_type_and_name(struct tag *t, const char *buf, size_t len,
			       size_t *pos)
{
	size_t p = *pos;
	const char *nl;

	if (!has_prefix(buf, len, p, "type "))
		return corrupt("expected 'type' line");
	p += 5;
	nl = find_nl(buf, len, p);
	if (!nl || (size_t)(nl - buf) - p >= TAG_TYPE_MAX)
		return corrupt("bad 'type' line");
	t->type_name = xmemdupz(buf + p, (size_t)(nl - buf) - p);
	/* git compares the name as a C string: it would stop at a NUL */
	t->type = object_type_from_name(t->type_name, strlen(t->type_name));
	p = (size_t)(nl - buf) + 1;
	if (!(p + 4 < len && has_prefix(buf, len, p, "tag ")))
		return corrupt("expected 'tag' line");
	p += 4;
	nl = find_nl(buf, len, p);
	if (!nl)
		return corrupt("unterminated 'tag' line");
	t->name = xmemdupz(buf + p, (size_t)(nl - buf) - p);
	*pos = (size_t)(nl - buf) + 1;
	return 0;
}

/* The tagger line if it comes next, then the message after the first blank line. */
static void parse_tagger_and_message(struct tag *t, const char *buf,
				     size_t len, size_t p)
{
	const char *nl;
	size_t body = len;

	if (p + 7 < len && has_prefix(buf, len, p, "tagger ")) {
		nl = find_nl(buf, len, p);
		t->tagger = xmemdupz(buf + p + 7, (nl ? (size_t)(nl - buf) : len) - p - 7);
	}
	/* p - 1 is the '\n' ending the tag line */
	for (nl = find_nl(buf, len, p - 1); nl; nl = find_nl(buf, len, (size_t)(nl - buf) + 1)) {
		if ((size_t)(nl - buf) + 1 < len && nl[1] == '\n') {
			body = (size_t)(nl - buf) + 2;
			break;
		}
	}
	t->message_len = len - body;
	t->message = xmemdupz(buf + body, t->message_len);
}

int tag_parse(struct tag *out, const void *data, size_t len)
{
	struct tag init = TAG_INIT;
	const char *buf = data;
	size_t p = 7 + UG_OID_HEXSZ + 1;
	int err;

	*out = init;
	if (len < TAG_MIN_LEN) {
		err = corrupt("too short");
		goto done;
	}
	if (memcmp(buf, "object ", 7) || oid_from_hex(&out->object, buf + 7) < 0 ||
	    buf[7 + UG_OID_HEXSZ] != '\n') {
		err = corrupt("expected 'object <id>' line");
		goto done;
	}
	err = parse_type_and_name(out, buf, len, &p);
	if (err < 0)
		goto done;
	parse_tagger_and_message(out, buf, len, p);
done:
	if (err < 0)
		tag_release(out);
	return err;
}

void tag_release(struct tag *t)
{
	struct tag init = TAG_INIT;

	free(t->type_name);
	free(t->name);
	free(t->tagger);
	free(t->message);
	*t = init;
}

void tag_serialize(struct strbuf *out, const struct tag *t)
{
	char hex[UG_OID_HEXSZ + 1];
	const char *type = t->type_name ? t->type_name : object_type_name(t->type);

	if (!type)
		BUG("tag_serialize: no type");
	strbuf_addf(out, "object %s\ntype %s\ntag %s\n",
		    oid_to_hex(hex, &t->object), type, t->name ? t->name : "");
	if (t->tagger)
		strbuf_addf(out, "tagger %s\n", t->tagger);
	strbuf_addch(out, '\n');
	if (t->message)
		strbuf_add(out, t->message, t->message_len);
}

/* ---- fsck ---- */

/*
 * git check-ref-format for "refs/tags/<name>" (no options).  The name
 * holds no NUL: fsck_check_headers() refused the object before.
 */
static int tag_refname_ok(const char *name, size_t len)
{
	struct strbuf full = STRBUF_INIT;
	int ok;

	strbuf_addstr(&full, "refs/tags/");
	strbuf_add(&full, name, len);
	ok = refname_is_valid(full.buf, 0);
	strbuf_release(&full);
	return ok;
}

static int report(const struct fsck_options *o, enum fsck_msg_id id,
		  const char *msg)
{
	return o->report(id, msg, o->payload);
}

static int check_tag_name(const char *name, size_t n,
			  const struct fsck_options *o)
{
	struct strbuf msg = STRBUF_INIT;
	int ret = 0;

	if (tag_refname_ok(name, n))
		return 0;
	strbuf_addstr(&msg, "invalid 'tag' name: ");
	strbuf_add(&msg, name, n);
	ret = report(o, FSCK_MSG_BAD_TAG_NAME, msg.buf);
	strbuf_release(&msg);
	return ret;
}

/* "object <hex>" and "type <name>"; *pos ends after the type line. */
static int check_object_and_type(const char *buf, size_t len, size_t *pos,
				 const struct fsck_options *o)
{
	size_t p = 7;
	const char *eol;
	struct oid oid;
	int ret;

	if (!(len - p > UG_OID_HEXSZ && buf[p + UG_OID_HEXSZ] == '\n' &&
	      oid_from_hex(&oid, buf + p) == 0) &&
	    (ret = report(o, FSCK_MSG_BAD_OBJECT_SHA1,
			  "invalid 'object' line format - bad sha1")))
		return ret;
	eol = find_nl(buf, len, p);
	p = eol ? (size_t)(eol - buf) + 1 : len;
	if (!has_prefix(buf, len, p, "type "))
		return report(o, FSCK_MSG_MISSING_TYPE_ENTRY,
			      "invalid format - expected 'type' line");
	p += 5;
	eol = find_nl(buf, len, p);
	if (!eol)
		return report(o, FSCK_MSG_MISSING_TYPE,
			      "invalid format - unexpected end after 'type' line");
	if (object_type_from_name(buf + p, (size_t)(eol - buf) - p) == OBJ_BAD &&
	    (ret = report(o, FSCK_MSG_BAD_TYPE, "invalid 'type' value")))
		return ret;
	*pos = (size_t)(eol - buf) + 1;
	return 0;
}

/*
 * The tagger line (optional: early tags had none, so git only notes it),
 * then nothing but the blank line.  Like git, the verdict on extra headers
 * replaces the tagger's.
 */
static int check_tagger(const char *buf, size_t len, size_t p,
			const struct fsck_options *o)
{
	size_t used;
	int ret;

	if (!has_prefix(buf, len, p, "tagger ")) {
		ret = report(o, FSCK_MSG_MISSING_TAGGER_ENTRY,
			     "invalid format - expected 'tagger' line");
		if (ret)
			return ret;
	} else {
		ret = ident_check(buf + p + 7, len - p - 7, &used, o);
		p += 7 + used;
	}
	if (p < len && buf[p] != '\n')
		ret = report(o, FSCK_MSG_EXTRA_HEADER_ENTRY,
			     "invalid format - extra header(s) after 'tagger'");
	return ret;
}

int tag_check(const void *data, size_t len, const struct fsck_options *opts)
{
	const char *buf = data, *eol;
	size_t p = 0;
	int ret;

	if (fsck_check_headers(buf, len, opts))
		return 1;
	if (!has_prefix(buf, len, 0, "object "))
		return report(opts, FSCK_MSG_MISSING_OBJECT,
			      "invalid format - expected 'object' line");
	ret = check_object_and_type(buf, len, &p, opts);
	if (ret)
		return ret;
	if (!has_prefix(buf, len, p, "tag "))
		return report(opts, FSCK_MSG_MISSING_TAG_ENTRY,
			      "invalid format - expected 'tag' line");
	p += 4;
	eol = find_nl(buf, len, p);
	if (!eol)	/* git's wording, 'type' and all */
		return report(opts, FSCK_MSG_MISSING_TAG,
			      "invalid format - unexpected end after 'type' line");
	ret = check_tag_name(buf + p, (size_t)(eol - buf) - p, opts);
	if (ret)
		return ret;
	return check_tagger(buf, len, (size_t)(eol - buf) + 1, opts);
}
