/* fsck: not written yet (placeholder so the tree links). */
#include "cmd.h"

#include "ugit/error.h"

const char fsck_usage[] =
	"usage: ugit fsck [--strict] [--no-dangling]\n";

int cmd_fsck(int argc, char **argv, struct repo *repo)
{
	(void)argc;
	(void)argv;
	(void)repo;
	return error("'fsck' is not implemented yet"), 1;
}
