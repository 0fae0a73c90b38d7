#ifndef UGIT_ENTRY_H
#define UGIT_ENTRY_H

/*
 * entry - writing index entries out to the work tree, and removing them,
 * without ever writing through a symbolic link.
 *
 * Every path is walked from an open descriptor of the top of the work
 * tree one component at a time with openat(O_NOFOLLOW | O_DIRECTORY), so
 * a leading component that is a symbolic link (or a file) is never
 * entered: a tree that plants "a -> /elsewhere" and then "a/f" cannot make
 * us write into /elsewhere.  Files are created with O_EXCL | O_NOFOLLOW
 * after the old name is unlinked, so a link planted at the leaf is
 * replaced, not followed.  The descriptor of the last directory used is
 * cached: checkout writes paths in sorted order, so neighbours share it.
 *
 * Paths are from the top of the work tree ("a/b/c") and must already have
 * passed index_path_is_valid(); they are not checked again here.
 */

#include <sys/stat.h>

#include "ugit/strbuf.h"

struct odb;
struct oid;

struct entry_state {
	int topfd;		/* the top of the work tree (owned) */
	int dirfd;		/* the cached directory, or -1 */
	struct strbuf dir;	/* its path: "" for the top, else "a/b/" */
};

#define ENTRY_STATE_INIT { -1, -1, STRBUF_INIT }

/*
 * Open the top of the work tree at `worktree` (an absolute path).
 * UG_ERROR if it cannot be opened.  Release with entry_state_release().
 */
int entry_state_open(struct entry_state *es, const char *worktree);
void entry_state_release(struct entry_state *es);

enum entry_flags {
	/*
	 * Whatever is in the way - a file or link where a directory must
	 * be, a directory where the file goes - is removed (never
	 * followed).  Without it such a thing is an error (UG_EEXISTS):
	 * a two-way checkout has already removed what the merge said
	 * leaves, so anything left in the way is not ours to delete.
	 */
	ENTRY_FORCE = (1 << 0),
};

/*
 * Write the blob `oid` at `path` as `mode` says: a regular file (0666 or,
 * for 100755, 0777, less the umask), a symbolic link whose target is the
 * blob, or for a gitlink (160000) an empty directory.  Missing leading
 * directories are created.  *st receives the new file's lstat() for the
 * index.  Errors: UG_EEXISTS when something is in the way (see
 * ENTRY_FORCE), "cannot create directory at '<dir>'"; UG_ERROR for a
 * failed write ("unable to create file <path>: <reason>"); those of
 * odb_read() for the blob.
 */
int entry_write(struct stat *st, struct entry_state *es, struct odb *odb,
		const char *path, unsigned mode, const struct oid *oid,
		unsigned flags);

/*
 * Remove the file or link at `path`, then every directory it leaves empty
 * up to (not including) the top.  Nothing happens if it is already gone,
 * or if a leading component is not a real directory (then the path is not
 * ours: removing would reach through a link).  Returns 0; 1 if a
 * directory stands at `path` (it is left alone: it may hold untracked
 * files); UG_ERROR if unlink fails.
 */
int entry_remove(struct entry_state *es, const char *path);

/*
 * lstat() `path` without following a link in a leading component.
 * Returns 0 with *st filled; UG_ENOTFOUND if it does not exist;
 * UG_EEXISTS if a leading component exists but is not a directory (then
 * the path cannot exist as such; entry_blocker() says which component).
 */
int entry_lstat(struct stat *st, struct entry_state *es, const char *path);

/*
 * The length of the first leading component of `path` ("a" of "a/b/c")
 * that exists but is not a directory, or 0 if there is none.
 */
size_t entry_blocker(struct entry_state *es, const char *path);

#endif /* UGIT_ENTRY_H */
