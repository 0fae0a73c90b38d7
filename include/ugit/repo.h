#ifndef UGIT_REPO_H
#define UGIT_REPO_H

/*
 * repo - finding and creating repositories.
 *
 * Discovery is git's: GIT_DIR if set, else walk up from the current
 * directory looking for ".git" (a directory, or a "gitdir: <path>" file)
 * or for a bare repository, stopping at GIT_CEILING_DIRECTORIES and at the
 * root.  A directory is a repository if it has HEAD (a "ref: refs/..."
 * line or an object id), objects/ and refs/.
 */

#include <stddef.h>

struct config;
struct odb;
struct strbuf;

struct repo {
	char *gitdir;		/* absolute path of the .git directory */
	char *worktree;		/* absolute top of the work tree; NULL if bare */
	char *prefix;		/* cwd relative to worktree with trailing "/", "" at top; NULL outside */
	int bare;
	struct config *config;	/* system + global + this repository's config */
	struct odb *odb;	/* objects of gitdir/objects */
};

/*
 * Find the repository that contains the current directory, as git does.
 * Returns 0; UG_ENOTFOUND if there is none (the caller prints git's
 * "not a git repository" message); UG_ERROR/UG_EINVALID for an unreadable
 * or invalid one.  Caller frees with repo_free().
 */
int repo_discover(struct repo **out);

/* Open the repository whose git directory is `gitdir`. */
int repo_open(struct repo **out, const char *gitdir);
void repo_free(struct repo *repo);

struct repo_init_opts {
	int bare;
	int quiet;
	const char *initial_branch;	/* NULL: init.defaultBranch or "master" */
};

/*
 * Create (or re-initialise) a repository in `dir`, git's layout.  Sets
 * *reinit to 1 if one was there already (its content is kept).  The
 * absolute git directory is appended to `gitdir_out` for the message.
 */
int repo_init(const char *dir, const struct repo_init_opts *opts,
	      int *reinit, struct strbuf *gitdir_out);

/* Append gitdir + "/" + `rel` to `out`. */
void repo_git_path(struct strbuf *out, const struct repo *repo, const char *rel);

#endif /* UGIT_REPO_H */
