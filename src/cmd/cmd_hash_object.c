/* hash-object: not written yet (placeholder so the tree links). */
#include "cmd.h"

#include "ugit/error.h"

const char hash_object_usage[] =
	"usage: ugit hash-object [-t <type>] [-w] [--stdin] [--literally] <file>...\n"
	"   or: ugit hash-object [-t <type>] [-w] --stdin-paths [--literally]\n";

int cmd_hash_object(int argc, char **argv, struct repo *repo)
{
	(void)argc;
	(void)argv;
	(void)repo;
	return error("'hash-object' is not implemented yet"), 1;
}
