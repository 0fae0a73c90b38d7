#ifndef UGIT_WORKTREE_H
#define UGIT_WORKTREE_H

/*
 * worktree - the files next to .git, seen through the index.
 *
 * A path in the work tree is tracked (the index has an entry for it),
 * ignored (untracked and excluded by the ignore rules), or untracked.
 * The walk reads each directory once with readdir(), never enters ".git"
 * (in any case) or an ignored directory, and stops at a directory that
 * holds a ".git" of its own: that is another repository, which git
 * records as a whole (a gitlink) or not at all.  lstat() is needed only
 * where readdir() cannot tell a file from a directory.
 *
 * Adding a file hashes it into a blob and records its mode as git does:
 * 100755 when the owner may execute it, 100644 otherwise, 120000 for a
 * symbolic link (whose blob is the link's target).
 */

#include <stddef.h>
#include <sys/stat.h>

struct ignore;
struct index;
struct index_entry;
struct oid;
struct pathspec;
struct repo;
struct strbuf;

enum worktree_kind {
	WT_FILE,	/* a file or a symbolic link */
	WT_DIR,		/* a directory shown whole ("dir/", --directory) */
	WT_REPO,	/* a directory holding a repository of its own ("dir/") */
};

struct worktree_entry {
	char *path;		/* from the top; ends in "/" for WT_DIR and WT_REPO */
	enum worktree_kind kind;
};

struct worktree_list {
	struct worktree_entry *items;	/* sorted by path bytes, as git lists them */
	size_t nr, alloc;
};

#define WORKTREE_LIST_INIT { NULL, 0, 0 }
void worktree_list_release(struct worktree_list *list);
/* Append a copy of `path`. */
void worktree_list_add(struct worktree_list *list, const char *path,
		       enum worktree_kind kind);
/* Sort items[from..nr) by path bytes. */
void worktree_list_sort(struct worktree_list *list, size_t from);

enum worktree_walk_flags {
	/* list the ignored untracked paths instead of the others (ls-files -o -i) */
	WT_WALK_IGNORED = (1 << 0),
	/* a directory that holds nothing tracked is listed as "dir/" */
	WT_WALK_DIRECTORY = (1 << 1),
};

struct worktree_walk {
	struct repo *repo;
	const struct index *idx;
	const struct pathspec *ps;	/* which paths; NULL or empty: all */
	struct ignore *ig;		/* NULL: nothing is ignored */
	unsigned flags;			/* enum worktree_walk_flags */
	/*
	 * If not NULL, seen[i] is set for every pathspec item that matched
	 * a listed path (so a command can say which matched nothing).
	 */
	char *seen;
	/*
	 * If not NULL, ignored paths that an item names literally ("x.o",
	 * or "build" for "build/x.o") are collected here: git add refuses
	 * them with a message.
	 */
	struct worktree_list *ignored_named;
};

/*
 * Append the untracked paths under the pathspec (or, with
 * WT_WALK_IGNORED, the ignored ones) to `out`, sorted.  Returns 0, or
 * UG_ERROR if a directory or an ignore file cannot be read.
 */
int worktree_untracked(struct worktree_list *out, struct worktree_walk *w);

/* 1 if `path` (from the top) is in the index at any stage, else 0. */
int worktree_is_tracked(const struct index *idx, const char *path, size_t len);

/* 1 if the index has an entry inside directory `dir` ("a/b/", with its '/'). */
int worktree_has_tracked_inside(const struct index *idx, const char *dir, size_t len);

/*
 * 1 if the directory `abs` (a file system path) holds a ".git": another
 * repository, which the walks show whole and never enter.
 */
int worktree_holds_repository(struct strbuf *abs);

/*
 * The loop of every work-tree walk: read the directory `abs` (`rel` from
 * the top: "" or ending in '/') and call `fn` for each entry except ".",
 * ".." and ".git" in any case, with `abs` and `rel` extended by its name
 * for the call, and `is_dir` from readdir() (or lstat() where the file
 * system does not say).  Stops at the first non-zero result of `fn` and
 * returns it; an error if the directory cannot be opened.  The order is
 * readdir()'s: sort what you collect.
 */
typedef int (*worktree_dir_fn)(int is_dir, void *payload);
int worktree_read_dir(struct strbuf *abs, struct strbuf *rel, worktree_dir_fn fn,
		      void *payload);

enum worktree_status {
	WT_UNCHANGED,
	WT_MODIFIED,	/* content, mode or type differs from the entry */
	WT_DELETED,	/* gone (or a directory now, where a file was) */
};

/*
 * An open descriptor of the top of the work tree, for
 * worktree_entry_status(); the caller closes it.  <0 on error.
 */
int worktree_open_top(struct repo *repo);

/*
 * Compare the entry `ce` with its file, found relative to `topfd` (from
 * worktree_open_top()); *st receives its lstat() when the file exists.
 * Returns an enum worktree_status, or <0 if the file cannot be read.
 */
int worktree_entry_status(struct stat *st, int topfd, const struct index *idx,
			  const struct index_entry *ce);

/*
 * worktree_entry_status() for every entry the pathspec `ps` selects (all
 * for NULL), with the lstat() calls spread over a few threads.
 * status[i] (an enum worktree_status, or -1 where `ps` does not select
 * the entry) and sts[i] belong to idx->entries[i]; both arrays hold
 * idx->nr items.  seen[] as for pathspec_match().  If `meanwhile` is
 * not NULL, it runs in the calling thread while other threads lstat()
 * (add walks for untracked files then); its error is returned.  Returns 0, or <0 if a file cannot be read.
 */
int worktree_status_all(int *status, struct stat *sts, int topfd,
			const struct index *idx, const struct pathspec *ps,
			char *seen, int (*meanwhile)(void *), void *payload);

/*
 * Hash the file `path` (from the top; `st` is its lstat()) into a blob in
 * the object database and put it in the index at stage 0, replacing what
 * was there (other stages and a file/directory clash included).  A
 * directory holding a repository is added as a gitlink to its HEAD
 * commit.  Errors: UG_ERROR if the file cannot be read ("unable to index
 * file '<path>'") or an object cannot be written; UG_EINVALID for a path
 * git refuses ("invalid path '<path>'"); UG_ENOTFOUND for a repository
 * without a commit ("'<path>/' does not have a commit checked out").
 */
int worktree_add_path(struct index *idx, struct repo *repo, const char *path,
		      const struct stat *st);

/*
 * The commit HEAD names in the repository at directory `path` (from the
 * top): what a gitlink records.  UG_ENOTFOUND, git's "'<path>/' does not
 * have a commit checked out", if it has none.
 */
int worktree_repo_head(struct oid *out, struct repo *repo, const char *path);

#endif /* UGIT_WORKTREE_H */
