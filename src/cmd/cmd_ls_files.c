/* ls-files: list what the index holds (and how the work tree differs), as git 2.39 does. */
#include "cmd.h"

#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/ignore.h"
#include "ugit/index.h"
#include "ugit/oid.h"
#include "ugit/pathspec.h"
#include "ugit/quote.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/worktree.h"
#include "ugit/xalloc.h"

const char ls_files_usage[] =
	"usage: ugit ls-files [<options>] [<file>...]\n"
	"\n"
	"    -z                    separate paths with the NUL character\n"
	"    -t                    identify the file status with tags\n"
	"    -c, --cached          show cached files in the output (default)\n"
	"    -d, --deleted         show deleted files in the output\n"
	"    -m, --modified        show modified files in the output\n"
	"    -s, --stage           show staged contents' object name in the output\n"
	"    -u, --unmerged        show unmerged files in the output\n"
	"    --full-name           make the output relative to the project top directory\n"
	"    --error-unmatch       if any <file> is not in the index, treat this as an error\n"
	"    -o, --others          show other files in the output\n"
	"    -i, --ignored         show only ignored files in the output\n"
	"    --exclude-standard    add the standard git exclusions\n"
	"    --directory           show 'other' directories' names only\n";

/*
 * What to show.  One flag per option, so that new listings (untracked
 * and ignored files) slot in beside these.
 */
struct ls_files_opts {
	int cached, deleted, modified, stage, unmerged, tags, full_name;
	int error_unmatch;
	int others, ignored, exclude_standard, directory;	/* untracked files */
	struct ignore *ig;	/* with --exclude-standard */
	char term;		/* '\n', or '\0' with -z (then nothing is quoted) */
	unsigned quote_flags;	/* core.quotePath */
	const char *prefix;	/* cwd below the top, "a/b/"; "" at the top */
	char **args;		/* pathspecs as given, for messages */
	char **specs;		/* the same from the top of the work tree */
	int *spec_used;		/* for --error-unmatch */
	size_t nr_specs;
	struct repo *repo;
	struct strbuf line;
};

enum { OPT_FULL_NAME = 256, OPT_ERROR_UNMATCH, OPT_EXCLUDE_STANDARD, OPT_DIRECTORY };

static int parse_options(struct ls_files_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "cached", no_argument, NULL, 'c' },
		{ "deleted", no_argument, NULL, 'd' },
		{ "modified", no_argument, NULL, 'm' },
		{ "stage", no_argument, NULL, 's' },
		{ "unmerged", no_argument, NULL, 'u' },
		{ "full-name", no_argument, NULL, OPT_FULL_NAME },
		{ "error-unmatch", no_argument, NULL, OPT_ERROR_UNMATCH },
		{ "others", no_argument, NULL, 'o' },
		{ "ignored", no_argument, NULL, 'i' },
		{ "exclude-standard", no_argument, NULL, OPT_EXCLUDE_STANDARD },
		{ "directory", no_argument, NULL, OPT_DIRECTORY },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":zcdmsutoi", longopts, NULL)) != -1) {
		switch (c) {
		case 'z': o->term = '\0'; break;
		case 'c': o->cached = 1; break;
		case 'd': o->deleted = 1; break;
		case 'm': o->modified = 1; break;
		case 's': o->stage = 1; break;
		case 'u': o->unmerged = o->stage = 1; break;
		case 't': o->tags = 1; break;
		case OPT_FULL_NAME: o->full_name = 1; break;
		case OPT_ERROR_UNMATCH: o->error_unmatch = 1; break;
		case 'o': o->others = 1; break;
		case 'i': o->ignored = 1; break;
		case OPT_EXCLUDE_STANDARD: o->exclude_standard = 1; break;
		case OPT_DIRECTORY: o->directory = 1; break;
		default: return usage_bad_option(ls_files_usage, longopts, argv, c);
		}
	}
	if (o->ignored && !o->others && !o->cached)
		die("ls-files -i must be used with either -o or -c");
	if (o->ignored && !o->exclude_standard)
		die("ls-files --ignored needs some exclude pattern");
	/* listing the index is what happens when nothing else is asked for */
	if (!(o->stage || o->deleted || o->modified || o->others))
		o->cached = 1;
	return 0;
}

/* ---- paths ---- */

/*
 * `arg` (relative to the current directory) as a path from the top of
 * the work tree, without ".", ".." or doubled slashes; a trailing '/'
 * stays, since it means "only a directory".  Dies like git outside the
 * work tree.
 */
static char *normalize_spec(const struct ls_files_opts *o, const char *arg)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
	const char *p, *top = o->repo->worktree;
	int trailing = 0;

	if (!*arg)
		die("empty string is not a valid pathspec. please use . instead if you meant to match all paths");
	strbuf_addf(&in, "%s%s", o->prefix, arg);
	for (p = in.buf; *p; ) {
		size_t n = strcspn(p, "/");

		trailing = p[n] == '/';
		if (n == 2 && !strncmp(p, "..", 2)) {
			char *slash;

			if (!out.len)
				die("%s: '%s' is outside repository at '%s'", arg, arg, top);
			strbuf_setlen(&out, out.len - 1);
			slash = strrchr(out.buf, '/');
			strbuf_setlen(&out, slash ? (size_t)(slash - out.buf) + 1 : 0);
		} else if (n && !(n == 1 && *p == '.')) {
			strbuf_add(&out, p, n);
			strbuf_addch(&out, '/');
		}
		p += n;
		while (*p == '/')
			p++;
	}
	/* "dir/" keeps its slash; "file", "." and ".." do not need one */
	if (out.len && !trailing)
		strbuf_setlen(&out, out.len - 1);
	strbuf_release(&in);
	return strbuf_detach(&out, NULL);
}

static int has_glob(const char *s)
{
	return strpbrk(s, "*?[\\") != NULL;
}

/* Does spec `s` select `path`: itself, a directory above it, or a glob? */
static int spec_matches(const char *s, const char *path)
{
	size_t n = strlen(s);

	if (!n)
		return 1;
	if (s[n - 1] == '/')	/* a directory only */
		return !strncmp(path, s, n);
	if (!strncmp(path, s, n) && (!path[n] || path[n] == '/'))
		return 1;
	/* git's default pathspec magic: '*' may match across '/' */
	return has_glob(s) && !fnmatch(s, path, 0);
}

static int selected(struct ls_files_opts *o, const char *path)
{
	size_t i;
	int any = 0;

	if (!o->nr_specs)	/* the current directory, as git's default */
		return starts_with(path, o->prefix);
	for (i = 0; i < o->nr_specs; i++) {
		if (spec_matches(o->specs[i], path)) {
			o->spec_used[i] = 1;
			any = 1;
		}
	}
	return any;
}

/* `path` as seen from the directory `prefix`: "c", "../a". */
static void add_relative(struct strbuf *out, const char *path, const char *prefix)
{
	const char *p = path, *q = prefix;

	for (;;) {	/* skip the directories both start with */
		size_t n = strcspn(q, "/");

		if (!q[n] || strncmp(p, q, n + 1))
			break;
		p += n + 1;
		q += n + 1;
	}
	for (; *q; q++)
		if (*q == '/')
			strbuf_addstr(out, "../");
	strbuf_addstr(out, p);
}

/* ---- listing ---- */

/* Print o->line, then `name` relative to the current directory, then the terminator. */
static void show_name(struct ls_files_opts *o, const char *name)
{
	struct strbuf *l = &o->line;

	if (o->term) {
		struct strbuf rel = STRBUF_INIT;

		add_relative(&rel, name, o->full_name ? "" : o->prefix);
		quote_path(l, rel.buf, rel.len, o->quote_flags);
		strbuf_release(&rel);
	} else {
		add_relative(l, name, o->full_name ? "" : o->prefix);
	}
	strbuf_addch(l, o->term);
	fwrite(l->buf, 1, l->len, stdout);
}

static void show(struct ls_files_opts *o, const struct index_entry *ce,
		 const char *tag)
{
	struct strbuf *l = &o->line;
	char hex[UG_OID_HEXSZ + 1];

	strbuf_reset(l);
	if (o->tags)
		strbuf_addstr(l, tag);
	if (o->stage)
		strbuf_addf(l, "%06o %s %d\t", ce->mode, oid_to_hex(hex, &ce->oid),
			    index_entry_stage(ce));
	show_name(o, ce->name);
}

/*
 * -o: the untracked files (with -i the ignored ones), found by the
 * work-tree walk, under the pathspecs or else the current directory.
 */
static void list_others(struct ls_files_opts *o, const struct index *idx)
{
	struct worktree_list list = WORKTREE_LIST_INIT;
	struct worktree_walk w = { 0 };
	struct pathspec ps = PATHSPEC_INIT;
	char *here = ".";
	size_t i;

	if (pathspec_parse(&ps, o->repo, o->nr_specs ? o->args : &here,
			   o->nr_specs ? o->nr_specs : 1) < 0)
		die("%s", ug_error_last());
	w.repo = o->repo;
	w.idx = idx;
	w.ps = &ps;
	w.ig = o->ig;
	w.flags = (o->ignored ? WT_WALK_IGNORED : 0) |
		  (o->directory ? WT_WALK_DIRECTORY : 0);
	if (worktree_untracked(&list, &w) < 0)
		die("%s", ug_error_last());
	for (i = 0; i < list.nr; i++) {
		strbuf_reset(&o->line);
		if (o->tags)
			strbuf_addstr(&o->line, "? ");
		show_name(o, list.items[i].path);
	}
	worktree_list_release(&list);
	pathspec_release(&ps);
}

/* -d and -m: compare with the work tree (git compares, it does not refresh). */
static void show_worktree_state(struct ls_files_opts *o, const struct index *idx,
				const struct index_entry *ce, struct strbuf *path)
{
	struct stat st;
	int missing;

	if (ce->flags & INDEX_SKIP_WORKTREE)
		return;
	strbuf_reset(path);
	fs_path_join(path, o->repo->worktree, ce->name);
	missing = lstat(path->buf, &st) != 0;
	if (missing && errno != ENOENT && errno != ENOTDIR)
		error("cannot lstat '%s': %s", path->buf, strerror(errno));
	if (missing && o->deleted)
		show(o, ce, "R ");
	if (o->modified && (missing || index_entry_uptodate(idx, ce, &st) != 1)) {
		ug_error_clear();
		show(o, ce, "C ");
	}
}

static void list_entries(struct ls_files_opts *o, const struct index *idx)
{
	struct strbuf path = STRBUF_INIT;
	size_t i;

	for (i = 0; i < idx->nr; i++) {
		const struct index_entry *ce = idx->entries[i];

		if (!selected(o, ce->name))
			continue;
		/* -c -i: only the tracked files the ignore rules would exclude */
		if (o->ignored && ignore_is_ignored(o->ig, ce->name, 0) != 1)
			continue;
		if ((o->cached || o->stage) && (!o->unmerged || index_entry_stage(ce)))
			show(o, ce, index_entry_stage(ce) ? "M " :
			     (ce->flags & INDEX_SKIP_WORKTREE) ? "S " : "H ");
		if ((o->deleted || o->modified) && o->repo->worktree)
			show_worktree_state(o, idx, ce, &path);
	}
	strbuf_release(&path);
}

/* --error-unmatch: every pathspec must have matched something. */
static int report_unmatched(const struct ls_files_opts *o)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < o->nr_specs; i++) {
		if (o->spec_used[i])
			continue;
		error("pathspec '%s' did not match any file(s) known to git",
		      o->args[i]);
		bad = 1;
	}
	if (bad)
		fputs("Did you forget to 'git add'?\n", stderr);
	return bad;
}

int cmd_ls_files(int argc, char **argv, struct repo *repo)
{
	struct ls_files_opts o;
	struct index idx = INDEX_INIT;
	size_t i;
	int ret;

	memset(&o, 0, sizeof(o));
	o.term = '\n';
	o.repo = repo;
	strbuf_init(&o.line, 0);
	ret = parse_options(&o, argc, argv);
	if (ret)
		return ret;
	o.prefix = repo->prefix ? repo->prefix : "";
	o.quote_flags = core_quotepath_flags(repo);
	o.nr_specs = argc - optind;
	o.args = argv + optind;
	o.specs = xcalloc(o.nr_specs + 1, sizeof(*o.specs));
	o.spec_used = xcalloc(o.nr_specs + 1, sizeof(*o.spec_used));
	for (i = 0; i < o.nr_specs; i++)
		o.specs[i] = normalize_spec(&o, argv[optind + i]);
	load_index_or_die(&idx, repo);
	if (o.exclude_standard && ignore_open(&o.ig, repo) < 0)
		die("%s", ug_error_last());
	if (o.others && repo->worktree)
		list_others(&o, &idx);
	if (o.cached || o.stage || o.deleted || o.modified)
		list_entries(&o, &idx);
	ignore_free(o.ig);
	if (o.error_unmatch && report_unmatched(&o))
		ret = 1;
	for (i = 0; i < o.nr_specs; i++)
		free(o.specs[i]);
	free(o.specs);
	free(o.spec_used);
	strbuf_release(&o.line);
	index_release(&idx);
	return ret;
}
