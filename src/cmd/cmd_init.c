/* init: not written yet (placeholder so the tree links). */
#include "cmd.h"

#include "ugit/error.h"

const char init_usage[] =
	"usage: ugit init [-q | --quiet] [--bare] [-b <branch-name> | --initial-branch=<branch-name>]\n"
	"                 [<directory>]\n";

int cmd_init(int argc, char **argv, struct repo *repo)
{
	(void)argc;
	(void)argv;
	(void)repo;
	return error("'init' is not implemented yet"), 1;
}
