/* cat-file: show an object's type, size or content, one at a time or in batches. */
#include "cmd.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ugit/commit.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

const char cat_file_usage[] =
	"usage: ugit cat-file <type> <object>\n"
	"   or: ugit cat-file (-e | -p) <object>\n"
	"   or: ugit cat-file (-t | -s) [--allow-unknown-type] <object>\n"
	"   or: ugit cat-file (--batch | --batch-check)[=<format>] [--batch-all-objects]\n"
	"                     [--buffer] [-z]\n";

enum batch_mode { BATCH_NONE, BATCH_CHECK, BATCH_CONTENTS };

struct cat_opts {
	int mode;		/* 't', 's', 'e', 'p', or 0 for "<type> <object>" */
	enum batch_mode batch;
	const char *format;	/* batch output format */
	int allow_unknown, all_objects, buffer, nul_input;
};

/* git's "fatal: <msg>", a blank line and the usage, exit 129. */
static int usage_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_fatal(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n\n", stderr);
	fputs(cat_file_usage, stderr);
	return 129;
}

/* ------------------------------------------------------------------ */
/* Object names                                                        */

/*
 * NEEDSWORK: revision syntax (HEAD~2, v1^{tree}, @) arrives with the
 * revparse module; until then cat-file reads full and abbreviated ids
 * and loose or packed refs by git's lookup rules.
 */
static int is_safe_refname(const char *name)
{
	const char *p;

	if (!*name || *name == '/' || strstr(name, "..") || strstr(name, "//"))
		return 0;
	for (p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f)
			return 0;
	return 1;
}

/* "HEAD", "ORIG_HEAD": git only looks up such names outside refs/ */
static int is_pseudoref_name(const char *name)
{
	for (; *name; name++)
		if (!((*name >= 'A' && *name <= 'Z') || *name == '_'))
			return 0;
	return 1;
}

/* Name lookups of one command; in batch mode packed-refs is read only once. */
struct names {
	struct repo *repo;
	struct strbuf packed;	/* the content of packed-refs */
	int packed_loaded;
};

#define NAMES_INIT(repo) { (repo), STRBUF_INIT, 0 }

static int read_packed_ref(struct oid *out, struct names *n, const char *ref)
{
	const char *line, *end;

	if (!n->packed_loaded) {
		struct strbuf path = STRBUF_INIT;

		repo_git_path(&path, n->repo, "packed-refs");
		if (fs_read_file(&n->packed, path.buf) < 0)
			strbuf_reset(&n->packed);	/* none: no packed refs */
		strbuf_release(&path);
		n->packed_loaded = 1;
	}
	/* lines are "<hex> <refname>"; "#" headers and "^" peeled lines never match */
	for (line = n->packed.buf; *line; line = *end ? end + 1 : end) {
		size_t len;

		end = line + strcspn(line, "\n");
		len = (size_t)(end - line);
		if (len == UG_OID_HEXSZ + 1 + strlen(ref) && line[UG_OID_HEXSZ] == ' ' &&
		    !memcmp(line + UG_OID_HEXSZ + 1, ref, len - UG_OID_HEXSZ - 1))
			return oid_from_hex(out, line) ? UG_ENOTFOUND : 0;
	}
	return UG_ENOTFOUND;
}

/* Resolve the ref `ref`, following "ref: " links at most 5 deep as git does. */
static int read_ref(struct oid *out, struct names *n, const char *ref, int depth)
{
	struct strbuf path = STRBUF_INIT, sb = STRBUF_INIT;
	const char *target;
	int err = UG_ENOTFOUND;

	if (depth > 5 || !is_safe_refname(ref))
		return UG_ENOTFOUND;
	repo_git_path(&path, n->repo, ref);
	if (fs_read_file(&sb, path.buf) < 0) {
		err = read_packed_ref(out, n, ref);
		goto done;
	}
	strbuf_rtrim(&sb);
	if (skip_prefix(sb.buf, "ref: ", &target)) {
		if (starts_with(target, "refs/"))
			err = read_ref(out, n, target, depth + 1);
	} else if (sb.len == UG_OID_HEXSZ && !oid_from_hex(out, sb.buf)) {
		err = 0;
	}
done:
	strbuf_release(&path);
	strbuf_release(&sb);
	return err;
}

/* Full id, then refs in git's order, then an abbreviated id. */
static int resolve_name(struct oid *out, struct names *n, const char *name)
{
	static const char *const rules[] = {
		"%s", "refs/%s", "refs/tags/%s", "refs/heads/%s",
		"refs/remotes/%s", "refs/remotes/%s/HEAD",
	};
	struct strbuf ref = STRBUF_INIT;
	size_t len = strlen(name), i;
	int err = UG_ENOTFOUND;

	if (len == UG_OID_HEXSZ && is_hex_string(name, len))
		return oid_from_hex(out, name);
	for (i = 0; err && i < sizeof(rules) / sizeof(*rules); i++) {
		if (!i && !starts_with(name, "refs/") && !is_pseudoref_name(name))
			continue;
		strbuf_reset(&ref);
		strbuf_addf(&ref, rules[i], name);
		err = read_ref(out, n, ref.buf, 0);
	}
	strbuf_release(&ref);
	if (err && len >= 4 && len < UG_OID_HEXSZ && is_hex_string(name, len))
		err = odb_resolve_prefix(out, n->repo->odb, name, len);
	return err;
}

/* ------------------------------------------------------------------ */
/* "short object ID 1234 is ambiguous" and git's list of candidates    */

struct candidate {
	struct oid oid;
	enum object_type type;
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

/* "YYYY-MM-DD" of an ident line's date, in the ident's own time zone. */
static void add_short_date(struct strbuf *sb, const char *ident)
{
	const char *gt = ident ? strrchr(ident, '>') : NULL;
	long long epoch = 0;
	int tz = 0;
	struct tm tm;
	time_t t;

	if (gt && sscanf(gt + 1, " %lld %d", &epoch, &tz) < 1)
		epoch = 0;
	/* "-0700" is -7 hours 0 minutes */
	t = (time_t)(epoch + (tz / 100) * 3600 + (tz % 100) * 60);
	gmtime_r(&t, &tm);
	strbuf_addf(sb, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
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

	if ((c->type != OBJ_COMMIT && c->type != OBJ_TAG) ||
	    odb_read(&obj, repo->odb, &c->oid) < 0)
		goto done;
	if (c->type == OBJ_COMMIT &&
	    !commit_parse(&commit, obj.data.buf, obj.data.len)) {
		strbuf_addch(sb, ' ');
		add_short_date(sb, commit.committer);
		strbuf_addstr(sb, " - ");
		add_subject(sb, commit.message ? commit.message : "", commit.message_len);
	} else if (c->type == OBJ_TAG && !tag_parse(&tag, obj.data.buf, obj.data.len)) {
		strbuf_addch(sb, ' ');
		add_short_date(sb, tag.tagger);
		strbuf_addf(sb, " - %s", tag.name ? tag.name : "");
	}
done:
	commit_release(&commit);
	tag_release(&tag);
	odb_object_release(&obj);
}

/* Shortest unique abbreviation of c[i] among the candidates, at least 7. */
static size_t abbrev_len(const struct candidate *c, size_t nr, size_t i)
{
	char a[UG_OID_HEXSZ + 1], b[UG_OID_HEXSZ + 1];
	size_t len = 7, j, k;

	oid_to_hex(a, &c[i].oid);
	for (j = 0; j < nr; j++) {
		if (j == i)
			continue;
		oid_to_hex(b, &c[j].oid);
		for (k = 0; k < UG_OID_HEXSZ && a[k] == b[k]; k++)
			;
		if (k + 1 > len)
			len = k + 1;
	}
	return len;
}

static void report_ambiguous(struct repo *repo, const char *name)
{
	struct candidate *c = NULL;
	struct strbuf line = STRBUF_INIT, lower = STRBUF_INIT;
	struct oid *oids = NULL;
	size_t nr = 0, i;

	/* git names the prefix in lower case, whatever was typed */
	for (i = 0; name[i]; i++)
		strbuf_addch(&lower, name[i] >= 'A' && name[i] <= 'F' ? name[i] + 32 : name[i]);
	error("short object ID %s is ambiguous", lower.buf);
	strbuf_release(&lower);
	if (odb_prefix_candidates(&oids, &nr, repo->odb, name, strlen(name)) < 0)
		return;
	c = xcalloc(nr ? nr : 1, sizeof(*c));
	for (i = 0; i < nr; i++) {
		struct object_header hdr;

		c[i].oid = oids[i];
		c[i].type = odb_read_header(&hdr, repo->odb, &oids[i]) ? OBJ_BAD : hdr.type;
	}
	qsort(c, nr, sizeof(*c), cmp_candidates);
	fputs("hint: The candidates are:\n", stderr);
	for (i = 0; i < nr; i++) {
		char hex[UG_OID_HEXSZ + 1];
		const char *type = object_type_name(c[i].type);

		strbuf_reset(&line);
		strbuf_addf(&line, "%.*s %s", (int)abbrev_len(c, nr, i),
			    oid_to_hex(hex, &c[i].oid), type ? type : "unknown type");
		add_description(&line, repo, &c[i]);
		fprintf(stderr, "hint:   %s\n", line.buf);
	}
	strbuf_release(&line);
	free(c);
	free(oids);
}

/* Resolve `name` or die as git does ("Not a valid object name"). */
static void resolve_or_die(struct oid *out, struct repo *repo, const char *name)
{
	struct names n = NAMES_INIT(repo);
	int err = resolve_name(out, &n, name);

	strbuf_release(&n.packed);
	if (err == UG_EAMBIGUOUS)
		report_ambiguous(repo, name);
	if (err)
		die("Not a valid object name %s", name);
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

/*
 * Names in a tree listing are quoted as git's core.quotePath does by
 * default: in double quotes, with C escapes for control characters,
 * '"', '\\' and every byte above 0x7f (as octal), when any is present.
 */
static void print_quoted(FILE *out, const char *name)
{
	static const char esc[] = "\a\b\t\n\v\f\r";
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == '"' || *p == '\\' || *p >= 0x7f)
			break;
	if (!*p) {
		fputs(name, out);
		return;
	}
	putc('"', out);
	for (p = (const unsigned char *)name; *p; p++) {
		const char *e = *p ? strchr(esc, *p) : NULL;

		if (e)
			fprintf(out, "\\%c", "abtnvfr"[e - esc]);
		else if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(out, "\\%03o", *p);
		else
			putc(*p, out);
	}
	putc('"', out);
}

static void die_corrupt(struct repo *repo, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];

	error("%s", ug_error_last());
	oid_to_hex(hex, oid);
	die("loose object %s (stored in %s/%.2s/%s) is corrupt", hex,
	    odb_name(repo->odb), hex, hex + 2);
}

/* Read a whole object; a damaged one is fatal, as in git. */
static void read_or_die(struct odb_object *obj, struct repo *repo,
			const struct oid *oid)
{
	if (odb_read(obj, repo->odb, oid) < 0)
		die_corrupt(repo, oid);
}

/* The raw body; blobs are streamed so any size fits in little memory. */
static void write_contents(struct repo *repo, const struct oid *oid,
			   enum object_type type)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	char hex[UG_OID_HEXSZ + 1];

	if (type == OBJ_BLOB) {
		fflush(stdout);
		if (odb_stream_to_fd(repo->odb, oid, 1) < 0) {
			error("%s", ug_error_last());
			die("unable to stream %s to stdout", oid_to_hex(hex, oid));
		}
		return;
	}
	read_or_die(&obj, repo, oid);
	fwrite(obj.data.buf, 1, obj.data.len, stdout);
	odb_object_release(&obj);
}

/* `cat-file -p <tree>`: "<mode> <type> <id>\t<name>", modes as "%06o". */
static void print_tree(struct repo *repo, const struct oid *oid)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct tree tree = TREE_INIT;
	char hex[UG_OID_HEXSZ + 1];
	size_t i;

	read_or_die(&obj, repo, oid);
	if (tree_parse(&tree, obj.data.buf, obj.data.len) < 0)
		die("%s", ug_error_last());
	for (i = 0; i < tree.nr; i++) {
		const struct tree_entry *e = &tree.entries[i];

		printf("%06o %s %s\t", e->mode, tree_mode_type(e->mode),
		       oid_to_hex(hex, &e->oid));
		print_quoted(stdout, e->name);
		putchar('\n');
	}
	tree_release(&tree);
	odb_object_release(&obj);
}

/* ------------------------------------------------------------------ */
/* One object: -t, -s, -e, -p and "<type> <object>"                   */

static int show_info(struct repo *repo, const struct cat_opts *o, const char *name)
{
	struct object_header hdr;
	struct oid oid;
	int err;

	resolve_or_die(&oid, repo, name);
	err = odb_read_header(&hdr, repo->odb, &oid);
	if (err) {
		if (err != UG_ENOTFOUND)
			error("%s", ug_error_last());
		die("git cat-file: could not get object info");
	}
	if (hdr.type == OBJ_BAD && !o->allow_unknown)
		die("invalid object type");
	if (o->mode == 't')
		printf("%s\n", hdr.type_name);
	else
		printf("%zu\n", hdr.size);
	return 0;
}

/*
 * -e: exit 0 if the object exists and its header is sound, 1 if not.
 * git 2.39 only checks that the file exists; reading the header is
 * stricter and still cheap.
 */
static int show_exists(struct repo *repo, const char *name)
{
	struct object_header hdr;
	struct oid oid;
	int err;

	resolve_or_die(&oid, repo, name);
	err = odb_read_header(&hdr, repo->odb, &oid);
	if (err && err != UG_ENOTFOUND)
		error("%s", ug_error_last());
	return err ? 1 : 0;
}

static int show_pretty(struct repo *repo, const char *name)
{
	struct object_header hdr;
	struct oid oid;
	int err;

	resolve_or_die(&oid, repo, name);
	err = odb_read_header(&hdr, repo->odb, &oid);
	if (err) {
		if (err != UG_ENOTFOUND)
			error("%s", ug_error_last());
		die("Not a valid object name %s", name);
	}
	if (hdr.type == OBJ_BAD)
		die("invalid object type");
	if (hdr.type == OBJ_TREE)
		print_tree(repo, &oid);
	else
		write_contents(repo, &oid, hdr.type);
	return 0;
}

/* The id after "<prefix> " on the first line of a tag or commit body. */
static int first_line_oid(struct oid *out, const struct odb_object *obj,
			  const char *prefix)
{
	const char *p;

	if (!skip_prefix(obj->data.buf, prefix, &p) ||
	    obj->data.len < (size_t)(p - obj->data.buf) + UG_OID_HEXSZ + 1 ||
	    p[UG_OID_HEXSZ] != '\n')
		return -1;
	return oid_from_hex(out, p);
}

/*
 * `cat-file <type> <object>` peels as git does: a tag to what it points
 * at (repeatedly), a commit to its tree when a tree is wanted.
 */
static int show_typed(struct repo *repo, const char *type_name, const char *name)
{
	enum object_type want = object_type_from_name(type_name, strlen(type_name));
	struct object_header hdr;
	struct oid oid;
	int depth, err;

	if (want == OBJ_BAD)
		die("invalid object type \"%s\"", type_name);
	resolve_or_die(&oid, repo, name);
	for (depth = 0; depth < 100; depth++) {
		struct odb_object obj = ODB_OBJECT_INIT;

		err = odb_read_header(&hdr, repo->odb, &oid);
		if (err && err != UG_ENOTFOUND)
			die_corrupt(repo, &oid);
		if (!err && hdr.type == OBJ_BAD)
			die("invalid object type");
		if (err || hdr.type == want)
			break;
		if (hdr.type != OBJ_TAG && !(hdr.type == OBJ_COMMIT && want == OBJ_TREE))
			break;
		read_or_die(&obj, repo, &oid);
		err = first_line_oid(&oid, &obj, hdr.type == OBJ_TAG ? "object " : "tree ");
		odb_object_release(&obj);
		if (err)
			break;
	}
	if (err || hdr.type != want)
		die("git cat-file %s: bad file", name);
	write_contents(repo, &oid, want);
	return 0;
}

/* ------------------------------------------------------------------ */
/* --batch and --batch-check                                           */

struct batch_item {
	const char *name;	/* as given on the input line */
	const char *rest;	/* after the name, for %(rest) */
	struct oid oid;
	struct object_header hdr;
};

static const char *const batch_atoms[] = {
	"objectname", "objecttype", "objectsize", "objectsize:disk",
	"deltabase", "rest",
};

/* Check every %(atom) now, so a bad format fails before any output. */
static void check_format(const char *fmt, int *want_rest)
{
	const char *p = fmt;

	*want_rest = 0;
	while ((p = strchr(p, '%'))) {
		const char *end;
		size_t i, n;

		if (p[1] != '(') {
			p += p[1] ? 2 : 1;
			continue;
		}
		end = strchr(p, ')');
		if (!end)
			die("format element '%s' does not end in ')'", p + 1);
		n = (size_t)(end - p - 2);
		for (i = 0; i < sizeof(batch_atoms) / sizeof(*batch_atoms); i++)
			if (strlen(batch_atoms[i]) == n && !strncmp(p + 2, batch_atoms[i], n))
				break;
		if (i == sizeof(batch_atoms) / sizeof(*batch_atoms))
			die("unknown format element: %.*s", (int)n, p + 2);
		if (!strcmp(batch_atoms[i], "rest"))
			*want_rest = 1;
		p = end + 1;
	}
}

static void add_atom(struct strbuf *out, struct repo *repo, const char *atom,
		     size_t n, const struct batch_item *it)
{
	char hex[UG_OID_HEXSZ + 1];

	if (n == 10 && !strncmp(atom, "objectname", n)) {
		strbuf_addstr(out, oid_to_hex(hex, &it->oid));
	} else if (n == 10 && !strncmp(atom, "objecttype", n)) {
		strbuf_addstr(out, it->hdr.type_name);
	} else if (n == 10 && !strncmp(atom, "objectsize", n)) {
		strbuf_addf(out, "%zu", it->hdr.size);
	} else if (n == 15 && !strncmp(atom, "objectsize:disk", n)) {
		struct strbuf path = STRBUF_INIT;
		struct stat st;

		odb_loose_path(&path, repo->odb, &it->oid);
		strbuf_addf(out, "%lld", stat(path.buf, &st) ? 0LL : (long long)st.st_size);
		strbuf_release(&path);
	} else if (n == 9 && !strncmp(atom, "deltabase", n)) {
		/* loose objects are never deltas */
		strbuf_addstr(out, "0000000000000000000000000000000000000000");
	} else {
		strbuf_addstr(out, it->rest);
	}
}

/* Expand the (already checked) format: %(atom), "%%" -> "%", other text as is. */
static void expand_format(struct strbuf *out, struct repo *repo, const char *fmt,
			  const struct batch_item *it)
{
	const char *p;

	for (p = fmt; *p; p++) {
		const char *end;

		if (*p != '%') {
			strbuf_addch(out, *p);
		} else if (p[1] == '%') {
			strbuf_addch(out, '%');
			p++;
		} else if (p[1] == '(' && (end = strchr(p, ')'))) {
			add_atom(out, repo, p + 2, (size_t)(end - p - 2), it);
			p = end;
		} else {
			strbuf_addch(out, '%');
		}
	}
}

struct batch {
	struct repo *repo;
	const struct cat_opts *opts;
	int want_rest;
	struct strbuf line;
	struct names names;
};

/* Print one object's line (and content); `it` has oid set, name may be the hex. */
static void batch_object(struct batch *b, struct batch_item *it)
{
	int err = odb_read_header(&it->hdr, b->repo->odb, &it->oid);

	if (err) {
		if (err != UG_ENOTFOUND)
			error("%s", ug_error_last());
		printf("%s missing\n", it->name);
		return;
	}
	if (it->hdr.type == OBJ_BAD)
		die("invalid object type");
	strbuf_reset(&b->line);
	expand_format(&b->line, b->repo, b->opts->format, it);
	strbuf_addch(&b->line, '\n');
	fwrite(b->line.buf, 1, b->line.len, stdout);
	if (b->opts->batch == BATCH_CONTENTS) {
		write_contents(b->repo, &it->oid, it->hdr.type);
		putchar('\n');
	}
}

/* One input line: "<name>" or, when the format uses %(rest), "<name> <rest>". */
static void batch_line(struct batch *b, char *line)
{
	struct batch_item it;
	int err;

	memset(&it, 0, sizeof(it));
	it.name = line;
	it.rest = "";
	if (b->want_rest) {
		char *sp = line + strcspn(line, " \t");

		if (*sp) {
			*sp++ = '\0';
			it.rest = sp + strspn(sp, " \t");
		}
	}
	err = resolve_name(&it.oid, &b->names, it.name);
	if (err == UG_EAMBIGUOUS) {
		report_ambiguous(b->repo, it.name);
		printf("%s ambiguous\n", it.name);
	} else if (err) {
		printf("%s missing\n", it.name);
	} else {
		batch_object(b, &it);
	}
}

struct oid_list {
	struct oid *oids;
	size_t nr, alloc;
};

static int collect_oid(const struct oid *oid, const char *path, void *payload)
{
	struct oid_list *list = payload;

	(void)path;
	if (oid) {	/* stray files are fsck's business, not ours */
		ALLOC_GROW(list->oids, list->nr + 1, list->alloc);
		list->oids[list->nr++] = *oid;
	}
	return 0;
}

/* --batch-all-objects: every loose object, in id order. */
static int batch_all(struct batch *b)
{
	struct oid_list all = { NULL, 0, 0 };
	char hex[UG_OID_HEXSZ + 1];
	size_t i;

	if (odb_for_each_loose(b->repo->odb, collect_oid, &all) < 0)
		die("%s", ug_error_last());
	for (i = 0; i < all.nr; i++) {
		struct batch_item it;

		memset(&it, 0, sizeof(it));
		it.oid = all.oids[i];
		it.name = oid_to_hex(hex, &it.oid);
		it.rest = "";
		batch_object(b, &it);
	}
	free(all.oids);
	return 0;
}

static int run_batch(struct repo *repo, const struct cat_opts *o)
{
	struct batch b = { repo, o, 0, STRBUF_INIT, NAMES_INIT(repo) };
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	check_format(o->format, &b.want_rest);
	if (o->all_objects) {
		batch_all(&b);
		strbuf_release(&b.line);
		return 0;
	}
	while ((n = getdelim(&line, &cap, o->nul_input ? '\0' : '\n', stdin)) >= 0) {
		if (n > 0 && line[n - 1] == (o->nul_input ? '\0' : '\n'))
			line[n - 1] = '\0';
		batch_line(&b, line);
		/* without --buffer, answer each request at once (git's interactive use) */
		if (!o->buffer)
			fflush(stdout);
	}
	free(line);
	strbuf_release(&b.line);
	strbuf_release(&b.names.packed);
	return 0;
}

/* ------------------------------------------------------------------ */

enum { OPT_BATCH = 256, OPT_BATCH_CHECK, OPT_ALLOW_UNKNOWN, OPT_ALL, OPT_BUFFER };

static int set_batch(struct cat_opts *o, enum batch_mode mode, const char *fmt)
{
	if (o->batch) {
		fputs("error: only one batch option may be specified\n", stderr);
		return 129;
	}
	o->batch = mode;
	o->format = fmt ? fmt : "%(objectname) %(objecttype) %(objectsize)";
	return 0;
}

static int parse_options(struct cat_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "batch", optional_argument, NULL, OPT_BATCH },
		{ "batch-check", optional_argument, NULL, OPT_BATCH_CHECK },
		{ "allow-unknown-type", no_argument, NULL, OPT_ALLOW_UNKNOWN },
		{ "batch-all-objects", no_argument, NULL, OPT_ALL },
		{ "buffer", no_argument, NULL, OPT_BUFFER },
		{ NULL, 0, NULL, 0 },
	};
	int c, ret = 0;

	while (!ret && (c = getopt_long(argc, argv, ":tsepz", longopts, NULL)) != -1) {
		switch (c) {
		case 't': case 's': case 'e': case 'p':
			if (o->mode && o->mode != c) {
				fprintf(stderr, "error: switch `%c' is incompatible with -%c\n",
					c, o->mode);
				return 129;
			}
			o->mode = c;
			break;
		case 'z': o->nul_input = 1; break;
		case OPT_BATCH: ret = set_batch(o, BATCH_CONTENTS, optarg); break;
		case OPT_BATCH_CHECK: ret = set_batch(o, BATCH_CHECK, optarg); break;
		case OPT_ALLOW_UNKNOWN: o->allow_unknown = 1; break;
		case OPT_ALL: o->all_objects = 1; break;
		case OPT_BUFFER: o->buffer = 1; break;
		default: return usage_bad_option(cat_file_usage, argv);
		}
	}
	return ret;
}

/* git's checks of option combinations, with its messages; 0 if fine. */
static int check_options(const struct cat_opts *o, int nargs)
{
	if (o->batch && o->mode)
		return usage_fatal("'-%c' is incompatible with batch mode", o->mode);
	if (o->all_objects && !o->batch)
		return usage_fatal("'--batch-all-objects' requires a batch mode");
	if (o->buffer && !o->batch)
		return usage_fatal("'--buffer' requires a batch mode");
	if (o->nul_input && !o->batch)
		return usage_fatal("'-z' requires a batch mode");
	if (o->batch && nargs)
		return usage_fatal("batch modes take no arguments");
	if (o->allow_unknown && !o->batch && o->mode != 't' && o->mode != 's')
		die("git cat-file --allow-unknown-type: use with -s or -t");
	if (o->batch)
		return 0;
	if (o->mode && !nargs)
		return usage_fatal("<object> required with '-%c'", o->mode);
	if (o->mode && nargs > 1)
		return usage_fatal("too many arguments");
	if (!o->mode && !nargs) {
		fputs(cat_file_usage, stderr);
		return 129;
	}
	if (!o->mode && nargs != 2)
		return usage_fatal("only two arguments allowed in <type> <object> mode, not %d",
				   nargs);
	return 0;
}

int cmd_cat_file(int argc, char **argv, struct repo *repo)
{
	struct cat_opts o = { 0, BATCH_NONE, NULL, 0, 0, 0, 0 };
	char **args;
	int nargs, ret;

	ret = parse_options(&o, argc, argv);
	if (ret)
		return ret;
	args = argv + optind;
	nargs = argc - optind;
	ret = check_options(&o, nargs);
	if (ret)
		return ret;
	if (o.batch)
		return run_batch(repo, &o);
	switch (o.mode) {
	case 't': case 's': return show_info(repo, &o, args[0]);
	case 'e': return show_exists(repo, args[0]);
	case 'p': return show_pretty(repo, args[0]);
	default: return show_typed(repo, args[0], args[1]);
	}
}
