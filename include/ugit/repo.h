#ifndef UGIT_REPO_H
#define UGIT_REPO_H

/*
 * repo - finding and creating repositories.
 *
 * Discovery is git's: GIT_DIR if set (no search), else walk up from the
 * current directory looking for ".git" (a directory, or a "gitdir: <path>"
 * file) or for a bare repository, never entering a GIT_CEILING_DIRECTORIES
 * entry above the current directory, and stopping at the root.  A
 * directory is a repository if it has HEAD (a "ref: refs/..." line or an
 * object id), objects/ and refs/.
 *
 * The work tree is the directory holding ".git", or GIT_WORK_TREE, or
 * core.worktree; with GIT_DIR alone it is the current directory, unless
 * core.bare is true.  ugit never changes the current directory: paths in
 * `struct repo` are absolute, and `prefix` says where we are.
 */

#include <stddef.h>

struct config;
struct odb;
struct refs_cache;
struct strbuf;

struct repo {
	char *gitdir;		/* absolute path of the .git directory */
	/*
	 * The git directory as git names it in messages and in
	 * `rev-parse --git-dir`: ".git" (found in the top of the work tree),
	 * "." (found by walking up from inside it), $GIT_DIR as given, or
	 * an absolute path (through a .git file).
	 */
	char *gitdir_name;
	char *worktree;		/* absolute top of the work tree; NULL if bare or none */
	char *prefix;		/* cwd relative to worktree with trailing "/", "" at top; NULL outside */
	int bare;		/* core.bare, or "no work tree" when that is unset */
	struct config *config;	/* system + global + this repository's config */
	struct odb *odb;	/* objects of gitdir/objects */
	/* core.logAllRefUpdates: -1 unset, 0 false, 1 true, 2 "always" (refs) */
	int log_all_ref_updates;
	struct refs_cache *refs_cache;	/* refs' packed-refs snapshot; NULL until read */
};

/*
 * Find the repository that contains the current directory, as git does,
 * load its config and check its format (core.repositoryformatversion at
 * most 1; in version 1 only the extensions ugit understands).
 * Returns 0; UG_ENOTFOUND if there is none, with git's message ("not a
 * git repository (or any of the parent directories): .git", or "not a git
 * repository: '<GIT_DIR>'"); UG_ECORRUPT for a bad config file;
 * UG_EINVALID for an unusable repository (a bad .git file, an unsupported
 * format).  Caller frees with repo_free().
 */
int repo_discover(struct repo **out);

/*
 * Open the repository at `path`: a work tree holding ".git" (a directory
 * or a .git file), or a git directory itself (whose work tree is its
 * parent if it is named ".git", else none).  Environment variables are not
 * consulted.  Same errors as repo_discover().
 */
int repo_open(struct repo **out, const char *path);
void repo_free(struct repo *repo);

/*
 * Is `dir` a git directory?  HEAD must be a symbolic ref into refs/ or an
 * object id (a symbolic link to "refs/..." also counts), and objects/ and
 * refs/ must be directories.  Returns 1 or 0; never fails.
 */
int repo_is_git_dir(const char *dir);

/*
 * Read the ".git" file `path` ("gitdir: <path>") and append the git
 * directory it names to `out`, made absolute relative to the file's
 * directory.  UG_EINVALID with git's "invalid gitfile format: %s" or
 * "not a git repository: %s" when it does not name a repository.
 */
int repo_read_gitfile(struct strbuf *out, const char *path);

struct repo_init_opts {
	int bare;
	const char *initial_branch;	/* NULL: "master" (the caller reads init.defaultBranch) */
	const char *git_dir;		/* relative to <dir>; NULL: <dir>/.git, or <dir> if bare */
	const char *work_tree;		/* recorded as core.worktree; NULL: none */
};

/*
 * Create (or re-initialise) a repository in `dir` (created with its
 * parents if missing), git's layout.  Sets *reinit to 1 if one was there
 * already (its content is kept; missing directories and files are added
 * and core.* set as git does).  Appends the absolute git directory (no
 * trailing "/") to `gitdir_out` for the message.  HEAD is written last,
 * through a lockfile, so an interrupted init never leaves a directory that
 * git would take for a repository.
 * Errors: UG_EINVALID "invalid initial branch name: '%s'" (checked before
 * anything is created), "Expected git repo version <= 1, found %d";
 * UG_ERROR for file-system failures ("cannot mkdir %s: %s").
 */
int repo_init(const char *dir, const struct repo_init_opts *opts,
	      int *reinit, struct strbuf *gitdir_out);

/*
 * 1 if refs/heads/<name> is a valid branch ref name (git's
 * check-ref-format rules), else 0.
 */
int repo_branch_name_is_valid(const char *name);

/* Append gitdir + "/" + `rel` to `out`. */
void repo_git_path(struct strbuf *out, const struct repo *repo, const char *rel);

#endif /* UGIT_REPO_H */
