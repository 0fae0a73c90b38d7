/* repo: placeholder until repository discovery is written. */
#include "ugit/repo.h"

#include <stdlib.h>

#include "ugit/error.h"

int repo_discover(struct repo **out)
{
	*out = NULL;
	return ug_error(UG_ENOTFOUND, "not a git repository");
}

void repo_free(struct repo *repo)
{
	free(repo);
}
