/* add: stage new, modified and deleted files, as git 2.39 does. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/ignore.h"
#include "ugit/index.h"
#include "ugit/pathspec.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/worktree.h"
#include "ugit/xalloc.h"

const char add_usage[] =
	"usage: ugit add [<options>] [--] <pathspec>...\n"
	"\n"
	"    -n, --dry-run         dry run\n"
	"    -v, --verbose         be verbose\n"
	"\n"
	"    -f, --force           allow adding otherwise ignored files\n"
	"    -u, --update          update tracked files\n"
	"    -A, --all             add changes from all tracked and untracked files\n";

/* A tracked path to update: re-hash it, or remove it from the index. */
struct change {
	char *path;
	int deleted;
};

struct add_opts {
	int dry_run, verbose, force, update, all;
	struct repo *repo;
	struct index idx;
	int topfd;		/* the top of the work tree, for fstatat() */
	struct pathspec ps;
	char *seen;		/* per pathspec item: did anything match? */
	struct change *tracked;	/* in index order, as git reports them */
	size_t nr_tracked, alloc_tracked;
	struct worktree_list untracked, ignored;
	int changed;		/* the index must be written */
};

/* 1 if advice.<name> is not switched off. */
static int advice_enabled(struct repo *repo, const char *key)
{
	int on = 1;

	if (config_get_bool(&on, repo->config, key) < 0) {
		ug_error_clear();
		on = 1;
	}
	return on;
}

/* The untracked files under the pathspec (not with -u), and the ignored ones named. */
static int scan_untracked(void *payload)
{
	struct add_opts *o = payload;
	struct ignore *ig = NULL;
	struct worktree_walk w = { 0 };
	int err = 0;

	if (!o->force) {
		err = ignore_open(&ig, o->repo);
		if (err < 0)
			return err;
	}
	w.repo = o->repo;
	w.idx = &o->idx;
	w.ps = &o->ps;
	w.ig = ig;
	w.seen = o->seen;
	w.ignored_named = &o->ignored;
	err = worktree_untracked(&o->untracked, &w);
	ignore_free(ig);
	return err;
}

/*
 * Tracked entries under the pathspec: which files were deleted and which
 * changed; meanwhile (unless -u) the untracked files.  Nothing is
 * modified yet, so a pathspec error can still stop everything.  An entry whose stat data merely went stale (same content)
 * is refreshed in place.
 */
static int scan_tracked(struct add_opts *o)
{
	struct stat *sts = xcalloc(o->idx.nr + 1, sizeof(*sts));
	int *status = xcalloc(o->idx.nr + 1, sizeof(*status));
	size_t i;
	int err;

	/* the walk for new files runs while other threads lstat() the tracked ones */
	err = worktree_status_all(status, sts, o->topfd, &o->idx, &o->ps, o->seen,
				  o->update ? NULL : scan_untracked, o);
	for (i = 0; !err && i < o->idx.nr; i++) {
		struct index_entry *ce = o->idx.entries[i];
		int r = status[i];

		if (r < 0)
			continue;
		if (r == WT_DELETED || r == WT_MODIFIED || index_entry_stage(ce)) {
			ALLOC_GROW(o->tracked, o->nr_tracked + 1, o->alloc_tracked);
			o->tracked[o->nr_tracked].path = xstrdup(ce->name);
			o->tracked[o->nr_tracked++].deleted = r == WT_DELETED;
		} else if (!index_stat_matches(ce, &sts[i]) && !o->dry_run) {
			index_entry_fill_stat(ce, &sts[i]);
			o->changed = 1;
		}
		/* the stages of an unmerged path come one after another */
		while (i + 1 < o->idx.nr && !strcmp(o->idx.entries[i + 1]->name, ce->name))
			i++;
	}
	free(sts);
	free(status);
	return err;
}

/* git dies for an item that matched nothing and names no existing file. */
static void check_pathspecs(struct add_opts *o)
{
	struct strbuf abs = STRBUF_INIT;
	size_t i;

	for (i = 0; i < o->ps.nr; i++) {
		const struct pathspec_item *item = &o->ps.items[i];

		if (o->seen[i] || !item->len)
			continue;
		strbuf_reset(&abs);
		fs_path_join(&abs, o->repo->worktree, item->match);
		if (item->nowildcard_len < item->len || !fs_exists(abs.buf))
			die("pathspec '%s' did not match any files", item->original);
	}
	strbuf_release(&abs);
}

static void report(const struct add_opts *o, const char *verb, const char *path)
{
	if (o->dry_run || o->verbose)
		printf("%s '%s'\n", verb, path);
}

static void warn_embedded(const struct add_opts *o, const char *path)
{
	int len = (int)strlen(path) - 1;	/* without its "/" */

	warning("adding embedded git repository: %.*s", len, path);
	if (!advice_enabled(o->repo, "advice.addEmbeddedRepo"))
		return;
	fprintf(stderr,
		"hint: You've added another git repository inside your current repository.\n"
		"hint: Clones of the outer repository will not contain the contents of\n"
		"hint: the embedded repository and will not know how to obtain it.\n"
		"hint: If you meant to add a submodule, use:\n"
		"hint: \n"
		"hint: \tgit submodule add <url> %.*s\n"
		"hint: \n"
		"hint: If you added this path by mistake, you can remove it from the\n"
		"hint: index with:\n"
		"hint: \n"
		"hint: \tgit rm --cached %.*s\n"
		"hint: \n"
		"hint: See \"git help submodule\" for more information.\n",
		len, path, len, path);
}

/*
 * Stage one path found in the work tree.  Like git, the first failure
 * stops everything (the lock is removed at exit, the index untouched).
 */
static void add_one(struct add_opts *o, const char *path, const char *failed)
{
	struct strbuf abs = STRBUF_INIT;
	struct oid oid;
	struct stat st;
	int err = 0, embedded = ends_with(path, "/");

	fs_path_join(&abs, o->repo->worktree, path);
	if (lstat(abs.buf, &st) < 0)
		err = ug_error_errno("unable to stat '%s'", path);
	else if (!o->dry_run)
		err = worktree_add_path(&o->idx, o->repo, path, &st);
	else if (embedded)	/* a dry run still checks there is a commit */
		err = worktree_repo_head(&oid, o->repo, path);
	strbuf_release(&abs);
	if (err < 0) {
		error("%s", ug_error_last());
		die("%s", failed);
	}
	if (embedded && !o->dry_run)
		warn_embedded(o, path);
	report(o, "add", path);
	o->changed = 1;
}

static void apply_changes(struct add_opts *o)
{
	size_t i;

	for (i = 0; i < o->nr_tracked; i++) {
		const char *path = o->tracked[i].path;

		if (!o->tracked[i].deleted) {
			add_one(o, path, "updating files failed");
			continue;
		}
		report(o, "remove", path);
		if (!o->dry_run)
			index_remove(&o->idx, path);
		o->changed = 1;
	}
	for (i = 0; i < o->untracked.nr; i++)
		add_one(o, o->untracked.items[i].path, "adding files failed");
}

static int report_ignored(struct add_opts *o)
{
	size_t i;

	if (!o->ignored.nr)
		return 0;
	fflush(stdout);
	fputs("The following paths are ignored by one of your .gitignore files:\n", stderr);
	for (i = 0; i < o->ignored.nr; i++)
		fprintf(stderr, "%s\n", o->ignored.items[i].path);
	if (advice_enabled(o->repo, "advice.addIgnoredFile"))
		fputs("hint: Use -f if you really want to add them.\n"
		      "hint: Turn this message off by running\n"
		      "hint: \"git config advice.addIgnoredFile false\"\n", stderr);
	return 1;
}

/* Check the arguments and turn them into a pathspec; dies like git. */
static void prepare_pathspec(struct add_opts *o, int argc, char **argv)
{
	long bad;

	if (pathspec_parse(&o->ps, o->repo, argv, (size_t)argc) < 0)
		die("%s", ug_error_last());
	bad = pathspec_beyond_symlink(&o->ps, o->repo->worktree);
	if (bad >= 0)
		die("pathspec '%s' is beyond a symbolic link", o->ps.items[bad].original);
	o->seen = xcalloc(o->ps.nr + 1, 1);
}

static int run_add(struct add_opts *o)
{
	int status = 0;

	lock_index_or_die(&o->idx, o->repo);
	if (scan_tracked(o) < 0)
		die("%s", ug_error_last());
	check_pathspecs(o);
	apply_changes(o);
	status = report_ignored(o);
	/* git writes the index only when something changed */
	if (o->changed && !o->dry_run) {
		commit_index_or_die(&o->idx);
	} else {
		index_rollback(&o->idx);
	}
	return status;
}

int cmd_add(int argc, char **argv, struct repo *repo)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "force", no_argument, NULL, 'f' },
		{ "update", no_argument, NULL, 'u' },
		{ "all", no_argument, NULL, 'A' },
		{ "no-ignore-removal", no_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	struct add_opts o = { 0 };
	int c, status;

	if (argc == 2 && !strcmp(argv[1], "-h"))
		return usage_help(add_usage);
	while ((c = getopt_long(argc, argv, ":nvfuA", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': o.dry_run = 1; break;
		case 'v': o.verbose = 1; break;
		case 'f': o.force = 1; break;
		case 'u': o.update = 1; break;
		case 'A': o.all = 1; break;
		default: return usage_bad_option(add_usage, longopts, argv, c);
		}
	}
	argc -= optind;
	argv += optind;
	if (o.all && o.update)
		die("options '-A' and '-u' cannot be used together");
	if (!argc && !o.all && !o.update) {
		fputs("Nothing specified, nothing added.\n", stderr);
		if (advice_enabled(repo, "advice.addEmptyPathspec"))
			fputs("hint: Maybe you wanted to say 'git add .'?\n"
			      "hint: Turn this message off by running\n"
			      "hint: \"git config advice.addEmptyPathspec false\"\n", stderr);
		return 0;
	}
	o.repo = repo;
	o.idx = (struct index)INDEX_INIT;
	prepare_pathspec(&o, argc, argv);
	o.topfd = worktree_open_top(repo);
	if (o.topfd < 0)
		die("%s", ug_error_last());
	status = run_add(&o);
	close(o.topfd);
	index_release(&o.idx);
	pathspec_release(&o.ps);
	free(o.seen);
	for (c = 0; (size_t)c < o.nr_tracked; c++)
		free(o.tracked[c].path);
	free(o.tracked);
	worktree_list_release(&o.untracked);
	worktree_list_release(&o.ignored);
	return status;
}
