/* revparse: object names (full and abbreviated ids, refs, @) to object ids. */
#include "ugit/revparse.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ugit/commit.h"
#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/ident.h"
#include "ugit/odb.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/xalloc.h"

/* git's ref_rev_parse_rules, in the order git tries them. */
static const char *const dwim_rules[] = {
	"%s",
	"refs/%s",
	"refs/tags/%s",
	"refs/heads/%s",
	"refs/remotes/%s",
	"refs/remotes/%s/HEAD",
};

/* What git prints after the warning about a ref that looks like an id. */
static const char object_name_advice[] =
	"Git normally never creates a ref that ends with 40 hex characters\n"
	"because it will be ignored when you just specify 40-hex. These refs\n"
	"may be created by mistake. For example,\n"
	"\n"
	"  git switch -c $br $(git rev-parse ...)\n"
	"\n"
	"where \"$br\" is somehow empty and a 40-hex ref is created. Please\n"
	"examine these refs and maybe delete them. Turn this message off by\n"
	"running \"git config advice.objectNameWarning false\"\n";

/* A boolean setting; `def` when unset or unreadable. */
static int config_flag(struct repo *repo, const char *key, int def)
{
	int value = def;

	if (!repo->config || config_get_bool(&value, repo->config, key) < 0) {
		ug_error_clear();
		value = def;
	}
	return value;
}

static void warn(struct strbuf *warnings, const char *fmt, const char *arg)
{
	if (!warnings)
		return;
	strbuf_addstr(warnings, "warning: ");
	strbuf_addf(warnings, fmt, arg);
	strbuf_addch(warnings, '\n');
}

/*
 * A candidate ref that did not resolve: say so as git does, or pass on
 * an error that makes the whole lookup fail.
 */
static int failed_candidate(int err, unsigned flags, const char *full,
			    struct strbuf *warnings)
{
	/* unreadable files, or a packed-refs git would die on */
	if (err == UG_ERROR || (err == UG_ECORRUPT && !(flags & REFS_BROKEN)))
		return err;
	ug_error_clear();
	if ((flags & REFS_SYMREF) && strcmp(full, "HEAD"))
		warn(warnings, "ignoring dangling symref %s", full);
	else if ((flags & REFS_BROKEN) && strchr(full, '/'))
		warn(warnings, "ignoring broken ref %s", full);
	return 0;
}

int revparse_dwim_ref(struct oid *out, struct strbuf *full,
		      struct strbuf *warnings, struct repo *repo,
		      const char *name)
{
	struct strbuf ref = STRBUF_INIT;
	int count = 0, err = 0;
	size_t i;

	if (!strcmp(name, "@"))
		name = "HEAD";
	for (i = 0; !err && i < sizeof(dwim_rules) / sizeof(*dwim_rules); i++) {
		unsigned flags;
		struct oid oid;

		strbuf_reset(&ref);
		strbuf_addf(&ref, dwim_rules[i], name);
		err = refs_resolve_full(&oid, NULL, &flags, repo, ref.buf);
		if (err) {
			err = failed_candidate(err, flags, ref.buf, warnings);
			continue;
		}
		if (!count++) {
			*out = oid;
			if (full) {
				strbuf_reset(full);
				strbuf_addbuf(full, &ref);
			}
		}
	}
	strbuf_release(&ref);
	return err ? err : count;
}

static int is_abbrev(const char *name, size_t len)
{
	return len >= 4 && len < UG_OID_HEXSZ && is_hex_string(name, len);
}

/* A 40-hex name is an id; git only warns if a ref has that name too. */
static int full_hex(struct oid *out, struct strbuf *warnings, unsigned flags,
		    struct repo *repo, const char *name)
{
	struct oid ignored;
	int count;

	oid_from_hex(out, name);
	/* the refs are only read for the warning */
	if (!warnings || (flags & REVPARSE_HEX_NO_REFS) ||
	    !config_flag(repo, "core.warnambiguousrefs", 1))
		return 0;
	count = revparse_dwim_ref(&ignored, NULL, warnings, repo, name);
	if (count < 0)
		return count;
	if (count > 0) {
		warn(warnings, "refname '%s' is ambiguous.", name);
		if (config_flag(repo, "advice.objectnamewarning", 1))
			strbuf_addstr(warnings, object_name_advice);
	}
	return 0;
}

/* `count` refs matched: git warns if the name means more than one thing. */
static void warn_ambiguous_ref(struct strbuf *warnings, struct repo *repo,
			       const char *name, int count)
{
	size_t len = strlen(name);
	struct oid oid;

	if (!config_flag(repo, "core.warnambiguousrefs", 1))
		return;
	/* a ref and an abbreviated id; an ambiguous abbreviation does not count */
	if (count > 1 || (is_abbrev(name, len) &&
			  !odb_resolve_prefix(&oid, repo->odb, name, len)))
		warn(warnings, "refname '%s' is ambiguous.", name);
	ug_error_clear();
}

int revparse_single_ext(struct oid *out, struct strbuf *warnings,
			struct repo *repo, const char *name, unsigned flags)
{
	size_t len = strlen(name);
	int count;

	if (len == UG_OID_HEXSZ && is_hex_string(name, len))
		return full_hex(out, warnings, flags, repo, name);
	count = revparse_dwim_ref(out, NULL, warnings, repo, name);
	if (count < 0)
		return count;
	if (count > 0) {
		/* a ref wins over an abbreviated id */
		if (warnings && !(flags & REVPARSE_QUIET))
			warn_ambiguous_ref(warnings, repo, name, count);
		return 0;
	}
	if (is_abbrev(name, len)) {
		int err = odb_resolve_prefix(out, repo->odb, name, len);

		if (err != UG_ENOTFOUND)
			return err;	/* found, ambiguous, or unreadable */
	}
	return ug_error(UG_ENOTFOUND, "Not a valid object name %s", name);
}

int revparse_single(struct oid *out, struct repo *repo, const char *name)
{
	return revparse_single_ext(out, NULL, repo, name, 0);
}

/* ---- "hint: The candidates are:" ---- */

struct candidate {
	struct oid oid;
	enum object_type type;	/* OBJ_BAD if unreadable or of an odd type */
};

/* git lists tags first, then commits, trees and blobs, each by id. */
static int type_rank(enum object_type t)
{
	switch (t) {
	case OBJ_TAG: return 0;
	case OBJ_COMMIT: return 1;
	case OBJ_TREE: return 2;
	case OBJ_BLOB: return 3;
	default: return 4;
	}
}

static int cmp_candidates(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	int d = type_rank(x->type) - type_rank(y->type);

	return d ? d : oid_cmp(&x->oid, &y->oid);
}

/* "YYYY-MM-DD" of `epoch` seen `tz` (as -700 for "-0700") away from UTC. */
static void add_short_date(struct strbuf *sb, uint64_t epoch, int tz)
{
	long long offset = (tz / 100) * 3600LL + (tz % 100) * 60LL;
	time_t t = (time_t)((long long)epoch + offset);
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		t = 0;
		gmtime_r(&t, &tm);
	}
	strbuf_addf(sb, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday);
}

/* The date of an ident line; `local`: in its own time zone, else UTC. */
static void add_ident_date(struct strbuf *sb, const char *line, int local)
{
	struct ident id;

	if (!line || ident_parse(&id, line, strlen(line)) < 0) {
		ug_error_clear();
		id.timestamp = 0;
		id.tz = 0;
	}
	add_short_date(sb, id.timestamp, local ? id.tz : 0);
}

/* The subject: the first paragraph of a message, its lines joined by spaces. */
static void add_subject(struct strbuf *sb, const char *msg, size_t len)
{
	const char *end = msg + len;
	int first = 1;

	while (msg < end && *msg == '\n')
		msg++;
	while (msg < end && *msg != '\n') {
		const char *eol = memchr(msg, '\n', (size_t)(end - msg));

		if (!eol)
			eol = end;
		if (!first)
			strbuf_addch(sb, ' ');
		strbuf_add(sb, msg, (size_t)(eol - msg));
		first = 0;
		msg = eol < end ? eol + 1 : end;
	}
}

/* " 2005-04-07 - subject" for a commit, " 2005-04-07 - v1.0" for a tag. */
static void add_description(struct strbuf *sb, struct repo *repo,
			    const struct candidate *c)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct commit commit = COMMIT_INIT;
	struct tag tag = TAG_INIT;

	if (c->type != OBJ_COMMIT && c->type != OBJ_TAG)
		return;
	if (odb_read(&obj, repo->odb, &c->oid) < 0)
		ug_error_clear();
	if (c->type == OBJ_COMMIT) {
		/* git shows an unparsable commit with an empty date and subject */
		strbuf_addch(sb, ' ');
		if (!commit_parse(&commit, obj.data.buf, obj.data.len)) {
			add_ident_date(sb, commit.author, 1);
			strbuf_addstr(sb, " - ");
			add_subject(sb, commit.message, commit.message_len);
		} else {
			strbuf_addstr(sb, " - ");
		}
	} else if (!tag_parse(&tag, obj.data.buf, obj.data.len)) {
		strbuf_addch(sb, ' ');
		add_ident_date(sb, tag.tagger, 0);
		strbuf_addf(sb, " - %s", tag.name);
	}
	ug_error_clear();
	commit_release(&commit);
	tag_release(&tag);
	odb_object_release(&obj);
}

/* git's abbreviation in the list: unique in the repository, at least 7 digits. */
static int abbrev_len(struct repo *repo, const struct oid *oid)
{
	int len = odb_unique_abbrev_len(repo->odb, oid, 7);

	if (len < 0) {
		ug_error_clear();	/* it listed the candidates a moment ago */
		len = 7;
	}
	return len;
}

int revparse_format_ambiguous(struct strbuf *out, struct repo *repo,
			      const char *hex)
{
	struct candidate *c;
	struct oid *oids = NULL;
	size_t nr = 0, i;
	int err;

	err = odb_prefix_candidates(&oids, &nr, repo->odb, hex, strlen(hex));
	if (err)
		return err;
	c = xcalloc(nr ? nr : 1, sizeof(*c));
	for (i = 0; i < nr; i++) {
		struct object_header hdr;

		c[i].oid = oids[i];
		c[i].type = odb_read_header(&hdr, repo->odb, &oids[i]) ? OBJ_BAD : hdr.type;
		ug_error_clear();
	}
	qsort(c, nr, sizeof(*c), cmp_candidates);
	strbuf_addstr(out, "hint: The candidates are:\n");
	for (i = 0; i < nr; i++) {
		char h[UG_OID_HEXSZ + 1];
		const char *type = object_type_name(c[i].type);

		strbuf_addf(out, "hint:   %.*s %s", abbrev_len(repo, &c[i].oid),
			    oid_to_hex(h, &c[i].oid), type ? type : "unknown type");
		add_description(out, repo, &c[i]);
		strbuf_addch(out, '\n');
	}
	free(c);
	free(oids);
	return 0;
}

/* ---- peeling ---- */

/* The object a tag points to, and the type the tag says it has. */
static int peel_tag(struct oid *next, enum object_type *said,
		    const struct odb_object *obj, const struct oid *oid)
{
	struct tag tag = TAG_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int err = tag_parse(&tag, obj->data.buf, obj->data.len);

	if (!err && tag.type == OBJ_BAD)
		err = ug_error(UG_ECORRUPT, "unknown tag type '%s' in %s",
			       tag.type_name, oid_to_hex(hex, oid));
	if (!err) {
		*next = tag.object;
		*said = tag.type;
	}
	tag_release(&tag);
	return err;
}

static int peel_commit(struct oid *next, const struct odb_object *obj,
		       const struct oid *oid)
{
	struct commit commit = COMMIT_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int err = commit_parse(&commit, obj->data.buf, obj->data.len);

	if (err) {
		/* git names the commit after its message ("bogus commit object <id>") */
		char *why = xstrdup(ug_error_last());

		err = ug_error(UG_ECORRUPT, "%s %s", why, oid_to_hex(hex, oid));
		free(why);
	} else
		*next = commit.tree;
	commit_release(&commit);
	return err;
}

/* One step: read `cur` (of type `type`) and move to what it points to. */
static int peel_step(struct oid *cur, enum object_type *said, struct repo *repo,
		     enum object_type type)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct oid next;
	int err = odb_read(&obj, repo->odb, cur);

	if (!err && type == OBJ_TAG)
		err = peel_tag(&next, said, &obj, cur);
	else if (!err) {
		err = peel_commit(&next, &obj, cur);
		*said = OBJ_TREE;
	}
	if (!err)
		*cur = next;
	odb_object_release(&obj);
	return err;
}

static int wrong_type(const struct oid *oid, enum object_type is,
		      enum object_type wanted, int code)
{
	char hex[UG_OID_HEXSZ + 1];

	return ug_error(code, "object %s is a %s, not a %s", oid_to_hex(hex, oid),
			object_type_name(is), object_type_name(wanted));
}

int revparse_peel(struct oid *out, struct repo *repo, const struct oid *oid,
		  enum object_type want)
{
	enum object_type said = OBJ_NONE;	/* what the last tag claimed */
	struct object_header hdr;
	int err, steps;

	*out = *oid;
	/* tags may point at tags; a chain this long is surely made up */
	for (steps = 0; steps < 1000; steps++) {
		err = odb_read_header(&hdr, repo->odb, out);
		if (err)
			return err;
		if (hdr.type == OBJ_BAD)
			return ug_error(UG_ECORRUPT, "invalid object type");
		if (said != OBJ_NONE && hdr.type != said)
			return wrong_type(out, said, hdr.type, UG_ECORRUPT);
		if (hdr.type == want || (want == OBJ_NONE && hdr.type != OBJ_TAG))
			return 0;
		if (hdr.type != OBJ_TAG && !(hdr.type == OBJ_COMMIT && want == OBJ_TREE))
			return wrong_type(out, hdr.type, want, UG_EINVALID);
		err = peel_step(out, &said, repo, hdr.type);
		if (err)
			return err;
	}
	return ug_error(UG_ECORRUPT, "too many tags in a row to peel");
}
