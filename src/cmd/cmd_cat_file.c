/* cat-file: show an object's type, size or content, one at a time or in batches. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ugit/error.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/quote.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/strbuf.h"
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

/* Resolve `name` or die as git does ("Not a valid object name"). */
static void resolve_or_die(struct oid *out, struct repo *repo, const char *name)
{
	int err = resolve_object_name(out, repo, name, 0);

	if (err == UG_ENOTFOUND || err == UG_EAMBIGUOUS)
		die("Not a valid object name %s", name);
	if (err)
		die("%s", ug_error_last());	/* a damaged ref store */
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

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

/*
 * `cat-file -p <tree>` is git's `ls-tree <tree>`: "<mode> <type> <id>\t<name>",
 * modes as "%06o", names quoted as core.quotePath says.
 */
static void print_tree(struct repo *repo, const struct oid *oid)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct tree tree = TREE_INIT;
	struct strbuf line = STRBUF_INIT;
	unsigned quote = core_quotepath_flags(repo);
	char hex[UG_OID_HEXSZ + 1];
	size_t i;

	read_or_die(&obj, repo, oid);
	if (tree_parse(&tree, obj.data.buf, obj.data.len) < 0)
		die("%s", ug_error_last());
	for (i = 0; i < tree.nr; i++) {
		const struct tree_entry *e = &tree.entries[i];

		strbuf_reset(&line);
		strbuf_addf(&line, "%06o %s %s\t", e->mode, tree_mode_type(e->mode),
			    oid_to_hex(hex, &e->oid));
		quote_path(&line, e->name, e->namelen, quote);
		strbuf_addch(&line, '\n');
		fwrite(line.buf, 1, line.len, stdout);
	}
	strbuf_release(&line);
	tree_release(&tree);
	odb_object_release(&obj);
}

/* ------------------------------------------------------------------ */
/* One object: -t, -s, -e, -p and "<type> <object>"                   */

/*
 * Resolve `name` (or die) and read its header.  Returns 0, or <0 after
 * git's "error: <reason>" for an object that exists but is damaged; each
 * mode says in its own words what a failure means.
 */
static int lookup(struct object_header *hdr, struct oid *oid,
		  struct repo *repo, const char *name)
{
	int err;

	resolve_or_die(oid, repo, name);
	err = odb_read_header(hdr, repo->odb, oid);
	if (err && err != UG_ENOTFOUND)
		error("%s", ug_error_last());
	return err;
}

static int show_info(struct repo *repo, const struct cat_opts *o, const char *name)
{
	struct object_header hdr;
	struct oid oid;

	if (lookup(&hdr, &oid, repo, name))
		die("git cat-file: could not get object info");
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

	return lookup(&hdr, &oid, repo, name) ? 1 : 0;
}

static int show_pretty(struct repo *repo, const char *name)
{
	struct object_header hdr;
	struct oid oid;

	if (lookup(&hdr, &oid, repo, name))
		die("Not a valid object name %s", name);
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
 * `cat-file <type> <object>` peels as git's does: a tag to what it points
 * at (repeatedly), a commit to its tree when a tree is wanted.  Unlike
 * revparse_peel() (git's "^{type}") it follows a tag's "object" line
 * whatever its "type" line claims, and never parses the whole tag or
 * commit: git's read_object_with_reference() does the same, so
 * `cat-file blob <tag>` shows the blob of a tag that calls it a commit.
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
	/* git's batch mode reads no ref for a 40-hex name, to stay fast */
	err = resolve_object_name(&it.oid, b->repo, it.name, REVPARSE_HEX_NO_REFS);
	if (err == UG_EAMBIGUOUS)
		printf("%s ambiguous\n", it.name);
	else if (err == UG_ENOTFOUND)
		printf("%s missing\n", it.name);
	else if (err)
		die("%s", ug_error_last());	/* a damaged ref store */
	else
		batch_object(b, &it);
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
	struct batch b = { repo, o, 0, STRBUF_INIT };
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
		default: return usage_bad_option(cat_file_usage, longopts, argv, c);
		}
	}
	return ret;
}

/* git's checks of option combinations, with its messages; 0 if fine. */
static int check_options(const struct cat_opts *o, int nargs)
{
	const char *u = cat_file_usage;

	if (o->batch && o->mode)
		return usage_fatal(u, "'-%c' is incompatible with batch mode", o->mode);
	if (o->all_objects && !o->batch)
		return usage_fatal(u, "'--batch-all-objects' requires a batch mode");
	if (o->buffer && !o->batch)
		return usage_fatal(u, "'--buffer' requires a batch mode");
	if (o->nul_input && !o->batch)
		return usage_fatal(u, "'-z' requires a batch mode");
	if (o->batch && nargs)
		return usage_fatal(u, "batch modes take no arguments");
	if (o->allow_unknown && !o->batch && o->mode != 't' && o->mode != 's')
		die("git cat-file --allow-unknown-type: use with -s or -t");
	if (o->batch)
		return 0;
	if (o->mode && !nargs)
		return usage_fatal(u, "<object> required with '-%c'", o->mode);
	if (o->mode && nargs > 1)
		return usage_fatal(u, "too many arguments");
	if (!o->mode && !nargs) {
		fputs(u, stderr);
		return 129;
	}
	if (!o->mode && nargs != 2)
		return usage_fatal(u, "only two arguments allowed in <type> <object> mode, not %d",
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
