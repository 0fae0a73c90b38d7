/* rm: remove files from the index and the work tree, with git's safety checks. */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/commit.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/index.h"
#include "ugit/odb.h"
#include "ugit/pathspec.h"
#include "ugit/repo.h"
#include "ugit/refs.h"
#include "ugit/strbuf.h"
#include "ugit/worktree.h"
#include "ugit/xalloc.h"

const char rm_usage[] =
	"usage: ugit rm [-f | --force] [-n] [-r] [--cached] [--ignore-unmatch]\n"
	"              [--quiet] [--] [<pathspec>...]\n"
	"\n"
	"    -n, --dry-run         dry run\n"
	"    -q, --quiet           do not list removed files\n"
	"    --cached              only remove from the index\n"
	"    -f, --force           override the up-to-date check\n"
	"    -r                    allow recursive removal\n"
	"    --ignore-unmatch      exit with a zero status even if nothing matched\n";

struct rm_opts {
	int dry_run, quiet, cached, force, recursive, ignore_unmatch;
	struct repo *repo;
	struct index idx;
	int topfd;		/* the top of the work tree, for fstatat() */
	struct pathspec ps;
	char **paths;		/* the entries to remove, in index order */
	size_t nr, alloc;
};

/* The index entries the pathspec selects; dies like git for a bad item. */
static void select_paths(struct rm_opts *o)
{
	char *seen = xcalloc(o->ps.nr + 1, 1);
	size_t i, j;

	for (i = 0; i < o->idx.nr; i++) {
		const char *name = o->idx.entries[i]->name;
		int any = 0;

		for (j = 0; j < o->ps.nr; j++) {
			int m = pathspec_item_match(&o->ps.items[j], name);

			if (m > seen[j])
				seen[j] = (char)m;
			any |= m;
		}
		/* the stages of an unmerged path are one path */
		if (any && (!o->nr || strcmp(o->paths[o->nr - 1], name))) {
			ALLOC_GROW(o->paths, o->nr + 1, o->alloc);
			o->paths[o->nr++] = xstrdup(name);
		}
	}
	for (j = 0; j < o->ps.nr; j++) {
		const struct pathspec_item *item = &o->ps.items[j];
		int kind = seen[j];

		if (!kind && o->ignore_unmatch)
			continue;
		if (kind && (o->recursive || kind != PATHSPEC_RECURSIVE))
			continue;
		free(seen);
		if (!kind)
			die("pathspec '%s' did not match any files", item->original);
		die("not removing '%s' recursively without -r",
		    *item->original ? item->original : ".");
	}
	free(seen);
}

/* HEAD's tree as an index, to see what is staged; empty on an unborn branch. */
static int load_head(struct index *head, struct repo *repo)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct commit c = COMMIT_INIT;
	struct oid oid;
	int err;

	if (refs_resolve(&oid, repo, "HEAD") < 0) {
		ug_error_clear();
		return 0;
	}
	err = odb_read(&obj, repo->odb, &oid);
	if (!err && obj.type != OBJ_COMMIT)
		err = ug_error(UG_ECORRUPT, "HEAD is not a commit");
	if (!err)
		err = commit_parse(&c, obj.data.buf, obj.data.len);
	if (!err)
		err = index_read_tree(head, repo->odb, &c.tree);
	commit_release(&c);
	odb_object_release(&obj);
	return err;
}

/* One block of git's refusal: "error: the following file(s) ...". */
static void complain(char **list, size_t nr, const char *one, const char *many,
		     const char *hint)
{
	struct strbuf msg = STRBUF_INIT;
	size_t i;

	if (!nr)
		return;
	strbuf_addstr(&msg, nr == 1 ? one : many);
	for (i = 0; i < nr; i++)
		strbuf_addf(&msg, "\n    %s", list[i]);
	strbuf_addstr(&msg, hint);
	error("%s", msg.buf);
	strbuf_release(&msg);
}

/*
 * git's check_local_mod(): refuse to lose work.  A file whose content
 * differs from the index (local) or whose index entry differs from HEAD
 * (staged) would be lost by a plain rm; with --cached only a file that
 * differs in both places would.  Returns 1 if anything was refused.
 */
static int check_local_mods(struct rm_opts *o, const struct index *head)
{
	char **both = xcalloc(o->nr + 1, sizeof(char *));
	char **staged = xcalloc(o->nr + 1, sizeof(char *));
	char **local = xcalloc(o->nr + 1, sizeof(char *));
	size_t nb = 0, ns = 0, nl = 0, i;
	struct stat st;

	for (i = 0; i < o->nr; i++) {
		const struct index_entry *ce = index_get(&o->idx, o->paths[i], 0);
		const struct index_entry *he = index_get(head, o->paths[i], 0);
		int r, is_local, is_staged;

		if (!ce)
			continue;	/* unmerged: nothing sure to compare with */
		r = worktree_entry_status(&st, o->topfd, &o->idx, ce);
		if (r < 0)
			die("%s", ug_error_last());
		if (r == WT_DELETED)
			continue;	/* already gone from the work tree */
		is_local = r == WT_MODIFIED;
		is_staged = !he || he->mode != ce->mode || !oid_eq(&he->oid, &ce->oid);
		if (is_local && is_staged)
			both[nb++] = o->paths[i];
		else if (!o->cached && is_staged)
			staged[ns++] = o->paths[i];
		else if (!o->cached && is_local)
			local[nl++] = o->paths[i];
	}
	complain(both, nb, "the following file has staged content different from both the\nfile and the HEAD:",
		 "the following files have staged content different from both the\nfile and the HEAD:",
		 "\n(use -f to force removal)");
	complain(staged, ns, "the following file has changes staged in the index:",
		 "the following files have changes staged in the index:",
		 "\n(use --cached to keep the file, or -f to force removal)");
	complain(local, nl, "the following file has local modifications:",
		 "the following files have local modifications:",
		 "\n(use --cached to keep the file, or -f to force removal)");
	free(both);
	free(staged);
	free(local);
	return nb || ns || nl;
}

/* Remove a file, then its directories while they are empty (never the top). */
static void remove_from_worktree(struct rm_opts *o, const char *path)
{
	struct strbuf abs = STRBUF_INIT;
	size_t top = strlen(o->repo->worktree);
	char *slash;

	fs_path_join(&abs, o->repo->worktree, path);
	if (unlink(abs.buf) < 0 && errno != ENOENT && errno != ENOTDIR)
		die_errno("git rm: '%s'", path);
	while ((slash = strrchr(abs.buf, '/')) && (size_t)(slash - abs.buf) > top) {
		strbuf_setlen(&abs, (size_t)(slash - abs.buf));
		if (rmdir(abs.buf) < 0)
			break;
	}
	strbuf_release(&abs);
}

static int run_rm(struct rm_opts *o)
{
	struct index head = INDEX_INIT;
	size_t i;

	lock_index_or_die(&o->idx, o->repo);
	select_paths(o);
	if (!o->nr)
		return 0;
	if (!o->force) {
		if (load_head(&head, o->repo) < 0)
			die("%s", ug_error_last());
		if (check_local_mods(o, &head)) {
			index_release(&head);
			return 1;
		}
		index_release(&head);
	}
	for (i = 0; i < o->nr; i++) {
		if (!o->quiet)
			printf("rm '%s'\n", o->paths[i]);
		if (!o->dry_run)
			index_remove(&o->idx, o->paths[i]);
	}
	if (o->dry_run)
		return 0;
	for (i = 0; !o->cached && i < o->nr; i++)
		remove_from_worktree(o, o->paths[i]);
	commit_index_or_die(&o->idx);
	return 0;
}

int cmd_rm(int argc, char **argv, struct repo *repo)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "cached", no_argument, NULL, 'C' },
		{ "force", no_argument, NULL, 'f' },
		{ "ignore-unmatch", no_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 },
	};
	struct rm_opts o = { 0 };
	int c, status;
	size_t i;

	if (argc == 2 && !strcmp(argv[1], "-h"))
		return usage_help(rm_usage);
	while ((c = getopt_long(argc, argv, ":nqfr", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': o.dry_run = 1; break;
		case 'q': o.quiet = 1; break;
		case 'C': o.cached = 1; break;
		case 'f': o.force = 1; break;
		case 'r': o.recursive = 1; break;
		case 'I': o.ignore_unmatch = 1; break;
		default: return usage_bad_option(rm_usage, longopts, argv, c);
		}
	}
	argc -= optind;
	argv += optind;
	if (!argc)
		die("No pathspec was given. Which files should I remove?");
	o.repo = repo;
	o.idx = (struct index)INDEX_INIT;
	if (pathspec_parse(&o.ps, repo, argv, (size_t)argc) < 0)
		die("%s", ug_error_last());
	o.topfd = worktree_open_top(repo);
	if (o.topfd < 0)
		die("%s", ug_error_last());
	status = run_rm(&o);
	close(o.topfd);
	index_release(&o.idx);
	pathspec_release(&o.ps);
	for (i = 0; i < o.nr; i++)
		free(o.paths[i]);
	free(o.paths);
	return status;
}
