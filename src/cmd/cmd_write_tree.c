/* write-tree: store the index as trees and print the root tree's id, as git 2.39 does. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>

#include "ugit/error.h"
#include "ugit/index.h"
#include "ugit/oid.h"
#include "ugit/repo.h"

const char write_tree_usage[] =
	"usage: ugit write-tree [--missing-ok]\n"
	"\n"
	"    --missing-ok          allow missing objects\n";

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

int cmd_write_tree(int argc, char **argv, struct repo *repo)
{
	static const struct option longopts[] = {
		{ "missing-ok", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	struct index idx = INDEX_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int c, missing_ok = 0, had_trees, err;
	struct oid oid;

	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (c != 'm')
			return usage_bad_option(write_tree_usage, longopts, argv, c);
		missing_ok = 1;
	}
	if (optind < argc)
		return usage_help(write_tree_usage);
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
	printf("%s\n", oid_to_hex(hex, &oid));
	index_release(&idx);
	return 0;
}
