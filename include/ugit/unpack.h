#ifndef UGIT_UNPACK_H
#define UGIT_UNPACK_H

/*
 * unpack - moving the index (and the work tree) from one tree to another:
 * git's unpack_trees() for checkout, switch and reset.
 *
 * UNPACK_TWOWAY is git's two-way merge ("read-tree -m -u <old> <new>"):
 * for every path where the old tree (HEAD) and the new tree differ, the
 * index entry decides.  If it still holds the old version, the path is
 * updated (or removed) - provided the work-tree file holds it too; if it
 * already holds the new version it is kept; anything else is a local
 * change that would be lost, and the whole operation is refused.  Paths
 * where the trees agree keep whatever the index and work tree hold, so
 * local changes there are carried over, and subtrees with equal ids are
 * never even opened.  An untracked file in the way of a new path, or at a
 * path that leaves (while still in the old tree but no longer in the
 * index), also refuses.  Untracked files elsewhere are never touched.
 *
 * UNPACK_RESET is git's one-way merge ("read-tree --reset"): the new tree
 * wins.  Entries whose mode and id are unchanged keep their stat data;
 * with UNPACK_UPDATE the work tree is made to match (modified files
 * rewritten, untracked files in the way replaced, leaving files removed),
 * as `reset --hard` and `checkout -f` do.
 *
 * Every path the new tree brings is checked first (git's verify_path:
 * no empty, ".", ".." or .git component in any case or NTFS form, no '/'
 * inside a tree entry's name, no entry below a non-directory of the same
 * tree).  Nothing is written before all checks passed; then leaving files
 * go first (and the directories they leave empty), then new and changed
 * files are written with fresh stat data in the index, so `status` right
 * after need not hash them.  The index is changed in memory only: the
 * caller holds its lock and commits it.
 */

#include <stddef.h>

struct index;
struct oid;
struct repo;
struct strbuf;

enum unpack_mode {
	UNPACK_TWOWAY,	/* switch from old_tree to new_tree, keeping local work */
	UNPACK_RESET,	/* make the index (and work tree) new_tree */
};

enum unpack_flags {
	/* write the work tree too (else only the index: reset --mixed) */
	UNPACK_UPDATE = (1 << 0),
};

struct unpack_options {
	enum unpack_mode mode;
	unsigned flags;			/* enum unpack_flags */
	const struct oid *old_tree;	/* TWOWAY: HEAD's tree; NULL = empty (unborn) */
	const struct oid *new_tree;	/* NULL = the empty tree */
};

/* A list of paths (owned strings), in the order they were found (sorted). */
struct unpack_paths {
	char **items;
	size_t nr, alloc;
};

struct unpack_result {
	/* staged changes that would be lost (git's "would overwrite") */
	struct unpack_paths local_changes;
	/* files changed in the work tree that would be overwritten or removed */
	struct unpack_paths not_uptodate;
	/* directories where a tracked file was, holding untracked files */
	struct unpack_paths not_uptodate_dir;
	/* untracked files that would be overwritten by a new path */
	struct unpack_paths untracked_overwritten;
	/* untracked files at paths that leave */
	struct unpack_paths untracked_removed;
	/* paths of the new tree git refuses to check out */
	struct unpack_paths invalid;
	/* leaving paths where a directory stood and was left (git warns) */
	struct unpack_paths dirs_kept;
	size_t written, removed;	/* work-tree files written / removed */
};

#define UNPACK_PATHS_INIT { NULL, 0, 0 }
#define UNPACK_RESULT_INIT { UNPACK_PATHS_INIT, UNPACK_PATHS_INIT, UNPACK_PATHS_INIT, \
			     UNPACK_PATHS_INIT, UNPACK_PATHS_INIT, UNPACK_PATHS_INIT, \
			     UNPACK_PATHS_INIT, 0, 0 }

void unpack_result_release(struct unpack_result *res);

/*
 * Merge `new_tree` into `idx` (already read, normally under its lock) as
 * `opts` says, updating the work tree of `repo` with UNPACK_UPDATE.
 * Returns 0; UG_EINVALID if a path is invalid (res->invalid, message
 * "invalid path '<p>'"); UG_ECONFLICT if local changes or untracked files
 * would be lost (the lists in `res`); in both cases neither `idx` nor the
 * work tree has been changed.  Other errors (a missing or corrupt object,
 * a failed write) may leave the work tree half updated, as in git; `idx`
 * is then left as it was (the caller rolls its lock back).  Caller
 * releases `res`.
 */
int unpack_trees(struct unpack_result *res, struct repo *repo,
		 struct index *idx, const struct unpack_options *opts);

/*
 * git's refusal for `res`, appended to `out`: "error: invalid path '<p>'"
 * lines, or one "error: ..." block per non-empty list followed by
 * "Aborting", worded for `action` "checkout" (switching branches) or
 * "merge".  Every line ends in a newline.
 */
void unpack_format_errors(struct strbuf *out, const struct unpack_result *res,
			  const char *action);

#endif /* UGIT_UNPACK_H */
