/* ls-tree: not written yet (placeholder so the tree links). */
#include "cmd.h"

#include "ugit/error.h"

const char ls_tree_usage[] =
	"usage: ugit ls-tree [-d] [-r] [-t] [--name-only] <tree-ish> [<path>...]\n";

int cmd_ls_tree(int argc, char **argv, struct repo *repo)
{
	(void)argc;
	(void)argv;
	(void)repo;
	return error("'ls-tree' is not implemented yet"), 1;
}
