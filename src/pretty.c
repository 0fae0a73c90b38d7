/* pretty: a commit in git's log formats (medium, oneline, ..., %-placeholders) and its decorations. */
#include "ugit/pretty.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/commit.h"
#include "ugit/error.h"
#include "ugit/ident.h"
#include "ugit/odb.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/xalloc.h"

/* ---- choosing a format ---- */

static const struct {
	const char *name;
	enum pretty_format fmt;
} builtin_formats[] = {
	{ "medium", PRETTY_MEDIUM }, { "oneline", PRETTY_ONELINE },
	{ "short", PRETTY_SHORT }, { "full", PRETTY_FULL },
	{ "fuller", PRETTY_FULLER }, { "raw", PRETTY_RAW },
};

int pretty_parse_format(struct pretty_options *opts, const char *arg)
{
	const char *fmt;
	size_t i;

	opts->use_terminator = 0;
	if (skip_prefix(arg, "format:", &fmt) || skip_prefix(arg, "tformat:", &fmt) ||
	    strchr(arg, '%')) {
		opts->fmt = PRETTY_USER;
		opts->user_format = strchr(arg, '%') && !starts_with(arg, "format:") &&
				    !starts_with(arg, "tformat:") ? arg : fmt;
		opts->use_terminator = !starts_with(arg, "format:");
		return 0;
	}
	for (i = 0; i < sizeof(builtin_formats) / sizeof(*builtin_formats); i++) {
		if (!strcmp(arg, builtin_formats[i].name) ||
		    (!*arg && builtin_formats[i].fmt == PRETTY_MEDIUM)) {
			opts->fmt = builtin_formats[i].fmt;
			opts->use_terminator = opts->fmt == PRETTY_ONELINE;
			return 0;
		}
	}
	return ug_error(UG_EINVALID, "invalid --pretty format: %s", arg);
}

/* ---- pieces ---- */

static int add_abbrev(struct strbuf *out, struct repo *repo,
		      const struct oid *oid, int min)
{
	char hex[UG_OID_HEXSZ + 1];
	int len = odb_unique_abbrev_len(repo->odb, oid, (size_t)min);

	if (len < 0)
		return len;
	strbuf_add(out, oid_to_hex(hex, oid), (size_t)len);
	return 0;
}

static void add_hex(struct strbuf *out, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];

	strbuf_addstr(out, oid_to_hex(hex, oid));
}

/* An ident line ("Name <email> 123 +0000"); a zeroed ident if missing or bad. */
static void read_ident(struct ident *id, const char *line)
{
	memset(id, 0, sizeof(*id));
	if (!line || ident_parse(id, line, strlen(line)) < 0) {
		ug_error_clear();
		memset(id, 0, sizeof(*id));
		id->name = id->email = "";
	}
}

/* Length of the line at `s` (up to `end`), its newline included. */
static size_t line_len(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
}

/* git's is_blank_line(): trims trailing white space off *len; 1 if nothing is left. */
static int blank_line(const char *s, size_t *len)
{
	while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t' ||
			s[*len - 1] == '\n' || s[*len - 1] == '\r'))
		(*len)--;
	return !*len;
}

static const char *skip_blank_lines(const char *msg, const char *end)
{
	while (msg < end) {
		size_t n = line_len(msg, end), t = n;

		if (!blank_line(msg, &t))
			break;
		msg += n;
	}
	return msg;
}

/*
 * The subject: the first paragraph, its lines trimmed and joined by
 * spaces.  Returns where the paragraph ends.
 */
static const char *add_subject(struct strbuf *out, const char *msg,
			       const char *end)
{
	int first = 1;

	msg = skip_blank_lines(msg, end);
	while (msg < end) {
		size_t n = line_len(msg, end), t = n;

		if (blank_line(msg, &t))
			break;
		if (!first)
			strbuf_addch(out, ' ');
		strbuf_add(out, msg, t);
		first = 0;
		msg += n;
	}
	return msg;
}

/* Tabs to spaces, to the next multiple of 8 columns (a UTF-8 character is one column). */
static void add_tabexpand(struct strbuf *out, const char *s, size_t len)
{
	size_t col = 0, i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\t') {
			do
				strbuf_addch(out, ' ');
			while (++col % 8);
			continue;
		}
		strbuf_addch(out, s[i]);
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			col++;
	}
}

/*
 * The message as the built-in formats show it: leading blank lines
 * dropped, every line indented by four spaces with its trailing white
 * space trimmed and (except in raw) its tabs expanded.
 */
static void add_indented_message(struct strbuf *out, const struct commit *c,
				 enum pretty_format fmt)
{
	const char *msg = c->message, *end = msg + c->message_len;
	int first = 1;

	while (msg < end) {
		size_t n = line_len(msg, end), t = n;

		if (blank_line(msg, &t)) {
			if (first) {
				msg += n;
				continue;
			}
			if (fmt == PRETTY_SHORT)
				break;
		}
		first = 0;
		strbuf_addstr(out, "    ");
		if (fmt == PRETTY_RAW)
			strbuf_add(out, msg, t);
		else
			add_tabexpand(out, msg, t);
		strbuf_addch(out, '\n');
		msg += n;
	}
}

/* ---- the built-in formats ---- */

static void add_person(struct strbuf *out, const char *what, const char *line,
		       enum pretty_format fmt, enum date_mode mode)
{
	struct ident id;

	read_ident(&id, line);
	strbuf_addf(out, "%s: %s%.*s <%.*s>\n", what, fmt == PRETTY_FULLER ? "    " : "",
		    (int)id.name_len, id.name, (int)id.email_len, id.email);
	if (fmt == PRETTY_MEDIUM) {
		strbuf_addstr(out, "Date:   ");
	} else if (fmt == PRETTY_FULLER) {
		strbuf_addstr(out, what);
		strbuf_addstr(out, "Date: ");
	} else {
		return;
	}
	date_format(out, id.timestamp, id.tz, mode);
	strbuf_addch(out, '\n');
}

/* The id as the built-in formats show it, with " (decorations)" if asked. */
static int add_commit_id(struct strbuf *out, struct repo *repo,
			 const struct oid *oid, const struct pretty_options *opts)
{
	int err = 0;

	if (opts->abbrev_commit)
		err = add_abbrev(out, repo, oid, opts->abbrev);
	else
		add_hex(out, oid);
	if (opts->decorations && opts->show_decorations)
		pretty_add_decorations(out, opts->decorations, oid, " (", ")");
	return err;
}

static int add_header(struct strbuf *out, struct repo *repo,
		      const struct pretty_options *opts, const struct oid *oid,
		      const struct commit *c)
{
	size_t i;
	int err = 0;

	strbuf_addstr(out, "commit ");
	err = add_commit_id(out, repo, oid, opts);
	strbuf_addch(out, '\n');
	if (opts->fmt == PRETTY_RAW) {
		struct strbuf raw = STRBUF_INIT;
		struct commit head = *c;

		head.message_len = 0;	/* the header lines as stored */
		commit_serialize(&raw, &head);
		strbuf_setlen(&raw, raw.len - 1);	/* its blank line: we add our own */
		strbuf_addbuf(out, &raw);
		strbuf_release(&raw);
		return err;
	}
	if (c->parents_nr > 1) {
		strbuf_addstr(out, "Merge:");
		for (i = 0; !err && i < c->parents_nr; i++) {
			strbuf_addch(out, ' ');
			err = add_abbrev(out, repo, &c->parents[i], opts->abbrev);
		}
		strbuf_addch(out, '\n');
	}
	add_person(out, "Author", c->author, opts->fmt, opts->date_mode);
	if (opts->fmt == PRETTY_FULL || opts->fmt == PRETTY_FULLER)
		add_person(out, "Commit", c->committer, opts->fmt, opts->date_mode);
	return err;
}

static int add_builtin(struct strbuf *out, struct repo *repo,
		       const struct pretty_options *opts, const struct oid *oid,
		       const struct commit *c)
{
	size_t start = out->len;
	int err;

	if (opts->fmt == PRETTY_ONELINE) {
		err = add_commit_id(out, repo, oid, opts);
		strbuf_addch(out, ' ');
		add_subject(out, c->message, c->message + c->message_len);
		return err;
	}
	err = add_header(out, repo, opts, oid, c);
	strbuf_addch(out, '\n');
	add_indented_message(out, c, opts->fmt);
	/* git trims the trailing white space of the whole entry, header included */
	while (out->len > start && strchr(" \t\n", out->buf[out->len - 1]))
		strbuf_setlen(out, out->len - 1);
	strbuf_addch(out, '\n');
	return err;
}

/* ---- %-placeholders ---- */

struct expand_ctx {
	struct repo *repo;
	const struct pretty_options *opts;
	const struct oid *oid;
	const struct commit *c;
	int err;
};

/* %an %ae %ad %at %ai %aI %ar %aD %as (and %c...): `what` is the letter after 'a'. */
static size_t expand_person(struct strbuf *out, const char *line, char what,
			    enum date_mode mode)
{
	struct ident id;

	read_ident(&id, line);
	switch (what) {
	case 'n': strbuf_add(out, id.name, id.name_len); return 1;
	case 'e': strbuf_add(out, id.email, id.email_len); return 1;
	case 'd': break;
	case 't': strbuf_addf(out, "%llu", (unsigned long long)id.timestamp); return 1;
	case 'i': mode = DATE_ISO8601; break;
	case 'I': mode = DATE_ISO8601_STRICT; break;
	case 'r': mode = DATE_RELATIVE; break;
	case 'D': mode = DATE_RFC2822; break;
	case 's': mode = DATE_SHORT; break;
	default: return 0;
	}
	if (id.date || mode != DATE_RELATIVE)
		date_format(out, id.timestamp, id.tz, mode);
	return 1;
}

static void expand_parents(struct strbuf *out, struct expand_ctx *x, int abbrev)
{
	size_t i;

	for (i = 0; i < x->c->parents_nr; i++) {
		if (i)
			strbuf_addch(out, ' ');
		if (!abbrev)
			add_hex(out, &x->c->parents[i]);
		else if (!x->err)
			x->err = add_abbrev(out, x->repo, &x->c->parents[i], x->opts->abbrev);
	}
}

/* The message from the end of the subject paragraph on, blank lines skipped. */
static const char *body_start(const struct commit *c)
{
	struct strbuf ignored = STRBUF_INIT;
	const char *end = c->message + c->message_len;
	const char *p = add_subject(&ignored, c->message, end);

	strbuf_release(&ignored);
	return skip_blank_lines(p, end);
}

/* "%xNN": a byte in hex. */
static size_t expand_hex_byte(struct strbuf *out, const char *p)
{
	int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);

	if (p[0] != 'x' || hi < 0 || lo < 0)
		return 0;
	strbuf_addch(out, hi * 16 + lo);
	return 3;
}

/* Expand the placeholder at `p` (after the '%'); how many bytes it took, 0 if none. */
static size_t expand_one(struct strbuf *out, const char *p, struct expand_ctx *x)
{
	const struct commit *c = x->c;
	const char *end = c->message + c->message_len;

	switch (*p) {
	case 'H': add_hex(out, x->oid); return 1;
	case 'h': if (!x->err) x->err = add_abbrev(out, x->repo, x->oid, x->opts->abbrev); return 1;
	case 'T': add_hex(out, &c->tree); return 1;
	case 't': if (!x->err) x->err = add_abbrev(out, x->repo, &c->tree, x->opts->abbrev); return 1;
	case 'P': expand_parents(out, x, 0); return 1;
	case 'p': expand_parents(out, x, 1); return 1;
	case 'n': strbuf_addch(out, '\n'); return 1;
	case '%': strbuf_addch(out, '%'); return 1;
	case 's': add_subject(out, c->message, end); return 1;
	case 'b': strbuf_add(out, body_start(c), (size_t)(end - body_start(c))); return 1;
	case 'B': strbuf_add(out, c->message, c->message_len); return 1;
	case 'd':
	case 'D':
		if (x->opts->decorations)
			pretty_add_decorations(out, x->opts->decorations, x->oid,
					       *p == 'd' ? " (" : "", *p == 'd' ? ")" : "");
		return 1;
	case 'a':
		return p[1] && expand_person(out, c->author, p[1], x->opts->date_mode) ? 2 : 0;
	case 'c':
		return p[1] && expand_person(out, c->committer, p[1], x->opts->date_mode) ? 2 : 0;
	case 'x': return expand_hex_byte(out, p);
	default: return 0;
	}
}

static int add_user_format(struct strbuf *out, struct repo *repo,
			   const struct pretty_options *opts,
			   const struct oid *oid, const struct commit *c)
{
	struct expand_ctx x = { repo, opts, oid, c, 0 };
	const char *f = opts->user_format;

	while (*f) {
		const char *pct = strchr(f, '%');
		size_t used;

		if (!pct) {
			strbuf_addstr(out, f);
			break;
		}
		strbuf_add(out, f, (size_t)(pct - f));
		used = expand_one(out, pct + 1, &x);
		if (!used)	/* not a placeholder: git keeps the '%' as it is */
			strbuf_addch(out, '%');
		f = pct + 1 + used;
	}
	return x.err;
}

int pretty_format_commit(struct strbuf *out, struct repo *repo,
			 const struct pretty_options *opts,
			 const struct oid *oid, const struct commit *c)
{
	if (opts->fmt == PRETTY_USER)
		return add_user_format(out, repo, opts, oid, c);
	return add_builtin(out, repo, opts, oid, c);
}

/* ---- decorations ---- */

enum deco_type { DECO_BRANCH, DECO_REMOTE, DECO_TAG, DECO_STASH, DECO_HEAD };

struct deco_name {
	enum deco_type type;
	char *name;			/* the full ref name, or "HEAD" */
	struct deco_name *next;		/* the one added before it */
};

struct deco_slot {
	struct oid oid;
	struct deco_name *names;	/* newest first, as git lists them */
};

struct pretty_decorations {
	struct deco_slot *slots;
	size_t nr, size;		/* size: a power of two */
	int full;
	char *head_branch;		/* the branch HEAD names, or NULL */
};

static struct deco_slot *deco_slot(struct pretty_decorations *d,
				   const struct oid *oid, int create)
{
	size_t j;
	uint32_t h;

	if (!d->size)
		return NULL;
	memcpy(&h, oid->hash, sizeof(h));
	for (j = h & (d->size - 1); d->slots[j].names; j = (j + 1) & (d->size - 1))
		if (oid_eq(&d->slots[j].oid, oid))
			return &d->slots[j];
	if (!create)
		return NULL;
	d->slots[j].oid = *oid;
	d->nr++;
	return &d->slots[j];
}

static void deco_grow(struct pretty_decorations *d)
{
	struct deco_slot *old = d->slots;
	size_t old_size = d->size, i;

	d->size = old_size ? 2 * old_size : 64;
	d->slots = xcalloc(d->size, sizeof(*d->slots));
	d->nr = 0;
	for (i = 0; i < old_size; i++) {
		if (old[i].names)
			deco_slot(d, &old[i].oid, 1)->names = old[i].names;
	}
	free(old);
}

static void deco_add(struct pretty_decorations *d, const struct oid *oid,
		     enum deco_type type, const char *name)
{
	struct deco_name *n = xcalloc(1, sizeof(*n));
	struct deco_slot *slot;

	if (2 * (d->nr + 1) > d->size)
		deco_grow(d);
	slot = deco_slot(d, oid, 1);
	n->type = type;
	n->name = xstrdup(name);
	n->next = slot->names;
	slot->names = n;
}

/* An annotated tag decorates what it points to as well (again for a tag of a tag). */
static void deco_add_peeled(struct pretty_decorations *d, struct repo *repo,
			    const struct oid *oid, const char *name)
{
	struct oid cur = *oid;
	int steps;

	for (steps = 0; steps < 100; steps++) {
		struct odb_object obj = ODB_OBJECT_INIT;
		struct tag tag = TAG_INIT;
		int ok = !odb_read(&obj, repo->odb, &cur) && obj.type == OBJ_TAG &&
			 !tag_parse(&tag, obj.data.buf, obj.data.len);

		if (ok) {
			cur = tag.object;
			deco_add(d, &cur, DECO_TAG, name);
		}
		ug_error_clear();
		tag_release(&tag);
		odb_object_release(&obj);
		if (!ok)
			break;
	}
}

static int deco_ref(const char *name, const struct oid *oid, unsigned flags,
		    void *payload)
{
	void **args = payload;
	struct pretty_decorations *d = args[0];
	enum deco_type type;

	if (flags & REFS_BROKEN)
		return 0;
	if (starts_with(name, "refs/heads/"))
		type = DECO_BRANCH;
	else if (starts_with(name, "refs/remotes/"))
		type = DECO_REMOTE;
	else if (starts_with(name, "refs/tags/"))
		type = DECO_TAG;
	else if (!strcmp(name, "refs/stash"))
		type = DECO_STASH;
	else
		return 0;	/* git 2.39 shows only these by default */
	deco_add(d, oid, type, name);
	if (type == DECO_TAG)
		deco_add_peeled(d, args[1], oid, name);
	return 0;
}

int pretty_decorations_load(struct pretty_decorations **out,
			    struct repo *repo, int full)
{
	struct pretty_decorations *d = xcalloc(1, sizeof(*d));
	struct strbuf target = STRBUF_INIT;
	void *args[2] = { d, repo };
	unsigned flags = 0;
	struct oid head;
	int err;

	d->full = full;
	err = refs_for_each(repo, "refs/", deco_ref, args);
	/* HEAD last: it comes first in the list */
	if (!err && !refs_resolve_full(&head, &target, &flags, repo, "HEAD")) {
		deco_add(d, &head, DECO_HEAD, "HEAD");
		if ((flags & REFS_SYMREF) && starts_with(target.buf, "refs/"))
			d->head_branch = strbuf_detach(&target, NULL);
	}
	ug_error_clear();
	strbuf_release(&target);
	if (err < 0) {
		pretty_decorations_free(d);
		return err;
	}
	*out = d;
	return 0;
}

void pretty_decorations_free(struct pretty_decorations *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->size; i++) {
		struct deco_name *n = d->slots[i].names;

		while (n) {
			struct deco_name *next = n->next;

			free(n->name);
			free(n);
			n = next;
		}
	}
	free(d->slots);
	free(d->head_branch);
	free(d);
}

static void add_deco_name(struct strbuf *out, const struct pretty_decorations *d,
			  const struct deco_name *n)
{
	const char *name = n->name;

	if (!d->full && !skip_prefix(name, "refs/heads/", &name) &&
	    !skip_prefix(name, "refs/tags/", &name))
		skip_prefix(name, "refs/remotes/", &name);
	strbuf_addstr(out, name);
}

void pretty_add_decorations(struct strbuf *out,
			    const struct pretty_decorations *d,
			    const struct oid *oid, const char *prefix,
			    const char *suffix)
{
	struct deco_slot *slot = deco_slot((struct pretty_decorations *)d, oid, 0);
	const struct deco_name *n, *head = NULL, *current = NULL;

	if (!slot)
		return;
	for (n = slot->names; n; n = n->next)
		if (n->type == DECO_HEAD)
			head = n;
	/* "HEAD -> main" when HEAD's branch decorates the same commit */
	for (n = slot->names; head && d->head_branch && n; n = n->next)
		if (n->type == DECO_BRANCH && !strcmp(n->name, d->head_branch))
			current = n;
	for (n = slot->names; n; n = n->next) {
		if (n == current)
			continue;
		strbuf_addstr(out, prefix);
		prefix = ", ";
		if (n->type == DECO_TAG)
			strbuf_addstr(out, "tag: ");
		add_deco_name(out, d, n);
		if (n == head && current) {
			strbuf_addstr(out, " -> ");
			add_deco_name(out, d, current);
		}
	}
	strbuf_addstr(out, suffix);
}
