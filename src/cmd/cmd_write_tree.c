/* write-tree: store the index as trees and print the root tree's id, as git 2.39 does. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/index.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/xalloc.h"

const char write_tree_usage[] =
	"usage: ugit write-tree [--missing-ok] [--prefix=<prefix>/]\n"
	"\n"
	"    --missing-ok          allow missing objects\n"
	"    --prefix <prefix>/    write tree object for a subdirectory <prefix>\n";

/* git lists every unmerged entry, then gives up. */
static void die_unmerged(const struct index *idx)
{
	char hex[UG_OID_HEXSZ + 1];
	size_t i;

	fflush(stdout);
	for (i = 0; i < idx->nr; i++) {
		const struct index_entry *ce = idx->entries[i];

		if (index_entry_stage(ce))
			fprintf(stderr, "%s: unmerged (%s)\n", ce->name,
				oid_to_hex(hex, &ce->oid));
	}
	die("git-write-tree: error building trees");
}

struct find_prefix {
	const char *dir;	/* "a/b", no trailing '/' */
	struct oid oid;
	int found;
};

static void match_prefix(const struct oid *oid, const char *path, void *payload)
{
	struct find_prefix *f = payload;

	if (!strcmp(path, f->dir)) {
		f->oid = *oid;
		f->found = 1;
	}
}

/* --prefix: the subtree's id, as the cache-tree just recorded it. */
static void subtree_of(struct oid *out, const struct index *idx, const char *prefix)
{
	struct find_prefix f;
	char *dir = xstrdup(prefix);
	size_t n = strlen(dir);

	while (n && dir[n - 1] == '/')
		dir[--n] = '\0';
	memset(&f, 0, sizeof(f));
	f.dir = dir;
	index_for_each_cached_tree(idx, match_prefix, &f);
	if (!f.found)
		die("git-write-tree: prefix %s not found", prefix);
	*out = f.oid;
	free(dir);
}

int cmd_write_tree(int argc, char **argv, struct repo *repo)
{
	static const struct option longopts[] = {
		{ "missing-ok", no_argument, NULL, 'm' },
		{ "prefix", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	struct index idx = INDEX_INIT;
	char hex[UG_OID_HEXSZ + 1];
	const char *prefix = NULL;
	int c, missing_ok = 0, had_trees, err;
	struct oid oid;

	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (c == 'm')
			missing_ok = 1;
		else if (c == 'p')
			prefix = optarg;
		else
			return usage_bad_option(write_tree_usage, longopts, argv, c);
	}
	/* like git, arguments after the options are ignored */
	/* git locks the index so that it can save the trees it computes there */
	lock_index_or_die(&idx, repo);
	if (index_has_unmerged(&idx))
		die_unmerged(&idx);
	had_trees = idx.tree_ext_valid;
	err = index_write_tree(&oid, &idx, repo->odb, !missing_ok);
	if (err == UG_ENOTFOUND) {
		error("%s", ug_error_last());
		die("git-write-tree: error building trees");
	}
	if (err)
		die("%s", ug_error_last());
	/* the cache-tree makes the next write-tree and commit cheaper */
	if (!had_trees)
		commit_index_or_die(&idx);
	if (prefix && *prefix)
		subtree_of(&oid, &idx, prefix);
	printf("%s\n", oid_to_hex(hex, &oid));
	index_release(&idx);
	return 0;
}
