/* cat-file: not written yet (placeholder so the tree links). */
#include "cmd.h"

#include "ugit/error.h"

const char cat_file_usage[] =
	"usage: ugit cat-file <type> <object>\n"
	"   or: ugit cat-file (-e | -p) <object>\n"
	"   or: ugit cat-file (-t | -s) [--allow-unknown-type] <object>\n"
	"   or: ugit cat-file (--batch | --batch-check)[=<format>]\n";

int cmd_cat_file(int argc, char **argv, struct repo *repo)
{
	(void)argc;
	(void)argv;
	(void)repo;
	return error("'cat-file' is not implemented yet"), 1;
}
