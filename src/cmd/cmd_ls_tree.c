/* ls-tree: list the contents of a tree object, as git 2.39 does. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/quote.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/strbuf.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

const char ls_tree_usage[] =
	"usage: ugit ls-tree [<options>] <tree-ish> [<path>...]\n"
	"\n"
	"    -d                    only show trees\n"
	"    -r                    recurse into subtrees\n"
	"    -t                    show trees when recursing\n"
	"    -z                    terminate entries with NUL byte\n"
	"    -l, --long            include object size\n"
	"    --name-only           list only filenames\n"
	"    --name-status         list only filenames\n"
	"    --object-only         list only objects\n"
	"    --full-name           use full path names\n"
	"    --full-tree           list entire tree; not just current directory (implies --full-name)\n"
	"    --abbrev[=<n>]        use <n> digits to display object names\n";

/* What each entry prints: git's --name-only etc. exclude each other. */
enum ls_format { FMT_DEFAULT, FMT_LONG, FMT_NAME, FMT_NAME_STATUS, FMT_OBJECT };

struct ls_opts {
	int recursive, show_trees, trees_only, nul, full_name, full_tree;
	enum ls_format format;
	const char *format_opt;	/* the option that chose `format`, for messages */
	int abbrev;		/* digits of ids; 0 = all 40 */
	unsigned quote_flags;	/* core.quotePath */
	const char *prefix;	/* cwd in the work tree ("a/b/"); NULL at the top */
	char **specs;		/* normalized paths from the top; "" is everything */
	size_t nr_specs;
	struct repo *repo;
	struct strbuf line;
};

/* ---- paths ---- */

/*
 * Join the current directory and `arg` and make it canonical: no ".",
 * "..", or empty components; a trailing '/' stays (it means "a directory"),
 * as does the directory meant by a final "." or "..".  Dies like git for a
 * path outside the work tree or an empty one.
 */
static char *normalize_spec(const struct ls_opts *o, const char *arg)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
	const char *p, *top = o->repo->worktree;
	int dir = 0;

	if (!*arg)
		die("empty string is not a valid pathspec. please use . instead if you meant to match all paths");
	if (*arg == '/') {
		size_t n = top ? strlen(top) : 0;

		if (!top || strncmp(arg, top, n) || (arg[n] && arg[n] != '/'))
			die("%s: '%s' is outside repository at '%s'", arg, arg,
			    top ? top : o->repo->gitdir);
		strbuf_addstr(&in, arg + n);
	} else {
		strbuf_addf(&in, "%s%s", o->prefix ? o->prefix : "", arg);
	}
	for (p = in.buf; *p; ) {
		size_t n = strcspn(p, "/");

		dir = (n == 1 && p[0] == '.') || (n == 2 && !strncmp(p, "..", 2)) ||
		      (!p[n] ? 0 : 1);
		if (n == 2 && !strncmp(p, "..", 2)) {
			char *slash;

			if (!out.len)
				die("%s: '%s' is outside repository at '%s'", arg, arg,
				    top ? top : o->repo->gitdir);
			strbuf_setlen(&out, out.len - 1);	/* drop the '/' */
			slash = strrchr(out.buf, '/');
			strbuf_setlen(&out, slash ? (size_t)(slash - out.buf) + 1 : 0);
		} else if (n && !(n == 1 && p[0] == '.')) {
			strbuf_add(&out, p, n);
			strbuf_addch(&out, '/');
		}
		p += n;
		while (*p == '/')
			p++;
	}
	/* `out` ends in '/' when not empty; keep it only for a directory */
	if (out.len && !dir)
		strbuf_setlen(&out, out.len - 1);
	strbuf_release(&in);
	return strbuf_detach(&out, NULL);
}

/* Does spec `s` select `path` (a directory if `is_dir`) or what is in it? */
static int spec_matches(const char *s, const char *path, size_t len, int is_dir)
{
	size_t n = strlen(s);
	int dir_only = n && s[n - 1] == '/';

	if (dir_only)
		n--;
	if (!n)
		return 1;
	if (len == n && !memcmp(path, s, n))
		return !dir_only || is_dir;
	return len > n && !memcmp(path, s, n) && path[n] == '/';
}

/* Does spec `s` name something inside directory `path`? */
static int spec_inside(const char *s, const char *path, size_t len)
{
	return strlen(s) > len && !memcmp(s, path, len) && s[len] == '/';
}

/*
 * `path` relative to the directory `prefix` ("a/b/"), as git writes it:
 * "../top", "c/h", "./" for the directory itself, "../" for its parent.
 */
static void add_relative(struct strbuf *out, const char *path, const char *prefix)
{
	const char *p = path, *q = prefix;
	size_t start = out->len;

	/* skip the directories both start with */
	for (;;) {
		size_t n = strcspn(q, "/");

		if (!q[n] || strncmp(p, q, n) || (p[n] != '/' && p[n]))
			break;
		q += n + 1;
		p += n + (p[n] == '/');
		if (!*p)
			break;
	}
	for (; *q; q++)
		if (*q == '/')
			strbuf_addstr(out, "../");
	strbuf_addstr(out, p);
	if (out->len == start)
		strbuf_addstr(out, "./");
}

/* ---- printing ---- */

/* The shortest abbreviation of `oid`, at least o->abbrev digits, that is unique. */
static void add_abbrev(struct strbuf *out, const struct ls_opts *o, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];
	int len = o->abbrev ? odb_unique_abbrev_len(o->repo->odb, oid, (size_t)o->abbrev)
			    : UG_OID_HEXSZ;

	if (len < 0) {
		ug_error_clear();	/* then the digits asked for will do */
		len = o->abbrev;
	}
	strbuf_add(out, oid_to_hex(hex, oid), (size_t)len);
}

/* -l: a blob's size, "-" for trees and submodules, "BAD" if unreadable. */
static void add_size(struct strbuf *out, const struct ls_opts *o,
		     const struct tree_entry *e)
{
	struct object_header hdr;
	char size[32];

	if (strcmp(tree_mode_type(e->mode), "blob"))
		snprintf(size, sizeof(size), "-");
	else if (odb_read_header(&hdr, o->repo->odb, &e->oid) < 0)
		snprintf(size, sizeof(size), "BAD");
	else
		snprintf(size, sizeof(size), "%zu", hdr.size);
	ug_error_clear();
	strbuf_addf(out, " %7s", size);
}

static void show_entry(struct ls_opts *o, const struct tree_entry *e,
		       const char *path)
{
	struct strbuf *l = &o->line;
	struct strbuf name = STRBUF_INIT;
	/* in ls-tree, --name-status is just another spelling of --name-only */
	int name_only = o->format == FMT_NAME || o->format == FMT_NAME_STATUS;

	strbuf_reset(l);
	if (!name_only) {
		if (o->format != FMT_OBJECT)
			strbuf_addf(l, "%06o %s ", e->mode, tree_mode_type(e->mode));
		add_abbrev(l, o, &e->oid);
		if (o->format == FMT_LONG)
			add_size(l, o, e);
	}
	if (o->format != FMT_OBJECT) {
		if (!name_only)
			strbuf_addch(l, '\t');
		if (o->prefix && *o->prefix && !o->full_name)
			add_relative(&name, path, o->prefix);
		else
			strbuf_addstr(&name, path);
		if (o->nul)
			strbuf_addbuf(l, &name);
		else
			quote_path(l, name.buf, name.len, o->quote_flags);
	}
	strbuf_addch(l, o->nul ? '\0' : '\n');
	fwrite(l->buf, 1, l->len, stdout);
	strbuf_release(&name);
}

/* ---- walking ---- */

/*
 * Read the tree `oid`.  Returns 0, or 1 after git's error for a subtree
 * that is missing or not a tree (the listing stops there, exit status 1).
 * A damaged one is fatal.
 */
static int read_tree(struct tree *out, struct repo *repo, const struct oid *oid)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int err = odb_read(&obj, repo->odb, oid);

	if (err == UG_ENOTFOUND)
		return error("Could not read %s", oid_to_hex(hex, oid)), 1;
	if (err)
		die_corrupt(repo, oid);
	if (obj.type != OBJ_TREE) {
		odb_object_release(&obj);
		return error("Object %s not a tree", oid_to_hex(hex, oid)), 1;
	}
	if (tree_parse(out, obj.data.buf, obj.data.len) < 0)
		die("%s", ug_error_last());
	odb_object_release(&obj);
	return 0;
}

/* What to do with a directory entry: 0 skip, 1 show it, 2 go inside. */
static int dir_action(const struct ls_opts *o, const char *path, size_t len)
{
	int matched = !o->nr_specs, inside = 0;
	size_t i;

	for (i = 0; i < o->nr_specs; i++) {
		matched |= spec_matches(o->specs[i], path, len, 1);
		inside |= spec_inside(o->specs[i], path, len);
	}
	if (inside || (matched && o->recursive))
		return 2;
	return matched;
}

/*
 * A blob or a submodule: shown if a path selects it.  A submodule counts
 * as a directory for "module/", but there is nothing inside to list.
 */
static int leaf_selected(const struct ls_opts *o, const char *path, size_t len,
			 int is_gitlink)
{
	size_t i;

	if (!o->nr_specs)
		return 1;
	for (i = 0; i < o->nr_specs; i++)
		if (spec_matches(o->specs[i], path, len, is_gitlink))
			return 1;
	return 0;
}

static int walk(struct ls_opts *o, const struct oid *oid, struct strbuf *path)
{
	struct tree tree = TREE_INIT;
	size_t i, base = path->len;
	int ret = read_tree(&tree, o->repo, oid);

	for (i = 0; !ret && i < tree.nr; i++) {
		const struct tree_entry *e = &tree.entries[i];
		int action;

		strbuf_setlen(path, base);
		strbuf_add(path, e->name, e->namelen);
		if (e->mode != TREE_MODE_DIR) {
			int gitlink = e->mode == TREE_MODE_GITLINK;

			/* -d hides blobs only: git shows submodules with it */
			if ((!o->trees_only || gitlink) &&
			    leaf_selected(o, path->buf, path->len, gitlink))
				show_entry(o, e, path->buf);
			continue;
		}
		action = dir_action(o, path->buf, path->len);
		if (action == 1 || (action == 2 && o->show_trees))
			show_entry(o, e, path->buf);
		if (action == 2) {
			strbuf_addch(path, '/');
			ret = walk(o, &e->oid, path);
		}
	}
	strbuf_setlen(path, base);
	tree_release(&tree);
	return ret;
}

/* ---- the command ---- */

/* The <tree-ish>: resolved (or git's fatal error) and peeled to a tree. */
static void resolve_tree(struct oid *out, struct repo *repo, const char *name)
{
	struct oid oid;
	int err = resolve_object_name(&oid, repo, name, 0);

	if (err == UG_ENOTFOUND || err == UG_EAMBIGUOUS)
		die("Not a valid object name %s", name);
	if (err)
		die("%s", ug_error_last());
	err = revparse_peel(out, repo, &oid, OBJ_TREE);
	if (err == UG_ECORRUPT) {
		struct object_header hdr;
		char *why = xstrdup(ug_error_last());

		/* a file that cannot even be read is git's "loose object ... is corrupt" */
		if (odb_read_header(&hdr, repo->odb, out) < 0)
			die_corrupt(repo, out);
		error("%s", why);
		free(why);
	}
	if (err)
		die("not a tree object");
}

enum { OPT_NAME_ONLY = 256, OPT_NAME_STATUS, OPT_OBJECT_ONLY, OPT_FULL_NAME,
       OPT_FULL_TREE, OPT_ABBREV, OPT_FORMAT };

/* git's "option `x' is incompatible with --y" for the listing formats. */
static int set_format(struct ls_opts *o, enum ls_format f, const char *name)
{
	if (o->format != FMT_DEFAULT && o->format != f) {
		fprintf(stderr, "error: option `%s' is incompatible with --%s\n",
			name, o->format_opt);
		return 129;
	}
	o->format = f;
	o->format_opt = name;
	return 0;
}

static int set_abbrev(struct ls_opts *o, const char *arg)
{
	char *end;
	long n;

	if (!arg) {
		o->abbrev = 7;	/* git's default for a repository this size */
		return 0;
	}
	n = strtol(arg, &end, 10);
	if (!*arg || *end) {
		fputs("error: option `abbrev' expects a numerical value\n", stderr);
		return 129;
	}
	o->abbrev = n == 0 ? 0 : n < 4 ? 4 : n > UG_OID_HEXSZ ? UG_OID_HEXSZ : (int)n;
	return 0;
}

static int parse_options(struct ls_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "long", no_argument, NULL, 'l' },
		{ "name-only", no_argument, NULL, OPT_NAME_ONLY },
		{ "name-status", no_argument, NULL, OPT_NAME_STATUS },
		{ "object-only", no_argument, NULL, OPT_OBJECT_ONLY },
		{ "full-name", no_argument, NULL, OPT_FULL_NAME },
		{ "full-tree", no_argument, NULL, OPT_FULL_TREE },
		{ "abbrev", optional_argument, NULL, OPT_ABBREV },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ NULL, 0, NULL, 0 },
	};
	int c, ret = 0;

	while (!ret && (c = getopt_long(argc, argv, ":drtzl", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->trees_only = 1; break;
		case 'r': o->recursive = 1; break;
		case 't': o->show_trees = 1; break;
		case 'z': o->nul = 1; break;
		case 'l': ret = set_format(o, FMT_LONG, "long"); break;
		case OPT_NAME_ONLY: ret = set_format(o, FMT_NAME, "name-only"); break;
		case OPT_NAME_STATUS: ret = set_format(o, FMT_NAME_STATUS, "name-status"); break;
		case OPT_OBJECT_ONLY: ret = set_format(o, FMT_OBJECT, "object-only"); break;
		case OPT_FULL_NAME: o->full_name = 1; break;
		case OPT_FULL_TREE: o->full_tree = o->full_name = 1; break;
		case OPT_ABBREV: ret = set_abbrev(o, optarg); break;
		case OPT_FORMAT:
			return usage_error(ls_tree_usage, "option '--format' is not supported by ugit");
		default:
			return usage_bad_option(ls_tree_usage, longopts, argv, c);
		}
	}
	/* git: -d with -r shows the trees it goes through */
	if (o->trees_only && o->recursive)
		o->show_trees = 1;
	return ret;
}

int cmd_ls_tree(int argc, char **argv, struct repo *repo)
{
	struct ls_opts o;
	struct strbuf path = STRBUF_INIT;
	struct oid tree;
	int ret, i;

	memset(&o, 0, sizeof(o));
	o.repo = repo;
	strbuf_init(&o.line, 0);
	ret = parse_options(&o, argc, argv);
	if (ret)
		return ret;
	if (optind >= argc) {
		fputs(ls_tree_usage, stderr);
		return 129;
	}
	o.prefix = o.full_tree ? NULL : repo->prefix;
	o.quote_flags = core_quotepath_flags(repo);
	resolve_tree(&tree, repo, argv[optind]);
	o.specs = xcalloc((size_t)(argc - optind) + 1, sizeof(*o.specs));
	for (i = optind + 1; i < argc; i++)
		o.specs[o.nr_specs++] = normalize_spec(&o, argv[i]);
	/* in a subdirectory, no path means that directory */
	if (!o.nr_specs && o.prefix && *o.prefix)
		o.specs[o.nr_specs++] = xstrdup(o.prefix);
	ret = walk(&o, &tree, &path);
	for (i = 0; (size_t)i < o.nr_specs; i++)
		free(o.specs[i]);
	free(o.specs);
	strbuf_release(&path);
	strbuf_release(&o.line);
	return ret;
}
