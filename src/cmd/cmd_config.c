/* config: not written yet (placeholder so the tree links). */
#include "cmd.h"

#include "ugit/error.h"

const char config_usage[] =
	"usage: ugit config [--global | --local | --file <file>] <name> [<value>]\n"
	"   or: ugit config [<file-option>] --get <name>\n"
	"   or: ugit config [<file-option>] --unset <name>\n"
	"   or: ugit config [<file-option>] (-l | --list)\n";

int cmd_config(int argc, char **argv, struct repo *repo)
{
	(void)argc;
	(void)argv;
	(void)repo;
	return error("'config' is not implemented yet"), 1;
}
