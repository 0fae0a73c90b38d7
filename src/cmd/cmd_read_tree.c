/* read-tree: replace the index with the content of a tree, as git 2.39 does. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/index.h"
#include "ugit/object.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"

const char read_tree_usage[] =
	"usage: ugit read-tree [(-m | --reset)] [-n] [-q] (--empty | <tree-ish>)\n"
	"\n"
	"    --empty               only empty the index\n"
	"    -m                    perform a merge in addition to a read\n"
	"    --reset               same as -m, but discard unmerged entries\n"
	"    -n, --dry-run         don't update the index or the work tree\n"
	"    -q, --quiet           suppress feedback messages\n";

struct read_tree_opts {
	int empty, merge, reset, dry_run;
};

static int parse_options(struct read_tree_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "empty", no_argument, NULL, 'E' },
		{ "reset", no_argument, NULL, 'R' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":mnq", longopts, NULL)) != -1) {
		switch (c) {
		case 'E': o->empty = 1; break;
		case 'm': o->merge = 1; break;
		case 'R': o->reset = 1; break;
		case 'n': o->dry_run = 1; break;
		case 'q': break;
		default: return usage_bad_option(read_tree_usage, longopts, argv, c);
		}
	}
	return 0;
}

/* The tree a tree-ish names: a commit's tree, a tag's target peeled. */
static void resolve_tree(struct oid *out, struct repo *repo, const char *name)
{
	char hex[UG_OID_HEXSZ + 1];
	struct oid oid;
	int err;

	if (resolve_object_name(&oid, repo, name, 0) < 0)
		die("Not a valid object name %s", name);
	err = revparse_peel(out, repo, &oid, OBJ_TREE);
	if (err == UG_EINVALID || err == UG_ENOTFOUND)
		die("failed to unpack tree object %s", oid_to_hex(hex, &oid));
	if (err)
		die("%s", ug_error_last());
}

/*
 * With -m, an entry whose path, mode and blob do not change keeps its
 * stat data, so the files need not be hashed again (git's one-way merge).
 */
static void keep_stat_data(struct index *idx, const struct index *old)
{
	size_t i;

	for (i = 0; i < idx->nr; i++) {
		struct index_entry *ce = idx->entries[i];
		const struct index_entry *was = index_get(old, ce->name, 0);

		if (was && was->mode == ce->mode && oid_eq(&was->oid, &ce->oid)) {
			ce->st = was->st;
			ce->flags = was->flags;
		}
	}
}

int cmd_read_tree(int argc, char **argv, struct repo *repo)
{
	struct read_tree_opts o = { 0, 0, 0, 0 };
	struct index idx = INDEX_INIT, old = INDEX_INIT;
	struct oid tree;
	int ret, err;

	ret = parse_options(&o, argc, argv);
	if (ret)
		return ret;
	if (o.merge && o.reset)
		die("Which one? -m, --reset, or --prefix?");
	if (o.empty && optind < argc)
		die("passing trees as arguments contradicts --empty");
	if (optind + 1 < argc)
		return usage_error(read_tree_usage, "ugit reads one tree at a time");
	if (optind == argc && !o.empty) {
		fflush(stdout);
		fputs("warning: read-tree: emptying the index with no arguments is deprecated; use --empty\n",
		      stderr);
		o.empty = 1;
	}
	if (!o.empty)
		resolve_tree(&tree, repo, argv[optind]);
	lock_index_or_die(&idx, repo);
	if (o.merge && index_has_unmerged(&idx))
		die("You need to resolve your current index first");
	if (o.empty) {
		index_clear(&idx);
	} else {
		/* the old entries move to `old` (for -m); the tree fills `idx` */
		old.entries = idx.entries;
		old.nr = idx.nr;
		old.alloc = idx.alloc;
		idx.entries = NULL;
		idx.nr = idx.alloc = 0;
		err = index_read_tree(&idx, repo->odb, &tree);
		if (err == UG_EINVALID) {
			error("%s", ug_error_last());
			exit(128);
		}
		if (err)
			die("%s", ug_error_last());
		if (o.merge || o.reset)
			keep_stat_data(&idx, &old);
		/*
		 * As git, record the cache-tree now: every tree is in the
		 * database already, so this only hashes, and the next
		 * write-tree or commit need not.
		 */
		if (index_write_tree(&tree, &idx, repo->odb, 0))
			die("%s", ug_error_last());
	}
	if (o.dry_run)
		index_rollback(&idx);
	else
		commit_index_or_die(&idx);
	index_release(&old);
	index_release(&idx);
	return 0;
}
