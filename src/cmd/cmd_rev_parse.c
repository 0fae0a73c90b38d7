/* rev-parse: not written yet (placeholder so the tree links). */
#include "cmd.h"

#include "ugit/error.h"

const char rev_parse_usage[] =
	"usage: ugit rev-parse [--verify] [-q | --quiet] [--git-dir] [--show-toplevel]\n"
	"                      [--is-inside-work-tree] [--is-bare-repository] <args>...\n";

int cmd_rev_parse(int argc, char **argv, struct repo *repo)
{
	(void)argc;
	(void)argv;
	(void)repo;
	return error("'rev-parse' is not implemented yet"), 1;
}
