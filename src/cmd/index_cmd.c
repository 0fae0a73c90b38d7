/* index_cmd: how commands read and lock the index, with git's messages. */
#include "cmd.h"

#include "ugit/error.h"
#include "ugit/index.h"

/*
 * A damaged index: git prints the reason ("error: bad signature ...")
 * and then "fatal: index file corrupt".  Other failures (unreadable
 * file, a lock held elsewhere) are one fatal line, as in git.
 */
static void die_index(int err)
{
	if (err == UG_ECORRUPT) {
		error("%s", ug_error_last());
		die("index file corrupt");
	}
	die("%s", ug_error_last());
}

void load_index_or_die(struct index *idx, struct repo *repo)
{
	int err = index_load(idx, repo);

	if (err)
		die_index(err);
}

void lock_index_or_die(struct index *idx, struct repo *repo)
{
	int err = index_lock(idx, repo);

	if (err)
		die_index(err);
}

void commit_index_or_die(struct index *idx)
{
	if (index_commit(idx))
		die("%s", ug_error_last());
}
