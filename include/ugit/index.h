#ifndef UGIT_INDEX_H
#define UGIT_INDEX_H

/*
 * index - the staging area, .git/index, in git's DIRC format.
 *
 * The file is a 12-byte header ("DIRC", version, entry count), the entries
 * sorted by path bytes then stage, optional extensions, and the SHA-1 of
 * everything before it.  Each entry keeps the file's stat data (times,
 * dev, ino, mode, uid, gid, size) next to the blob id, so a file whose
 * stat data did not change need not be hashed again.  Versions 2, 3
 * (extended flags) and 4 (path prefixes shared with the previous entry)
 * are read; the version read is the version written.
 *
 * Entries live in one sorted array of pointers, `entries[0..nr)`: iterate
 * it directly.  Paths are stored without a leading or trailing '/'.
 * Change an entry's blob, mode or stage only through index_add() and the
 * removal functions: they keep the cache-tree (below) honest.  Stat data
 * and flags may be changed in place.
 *
 * A read-modify-write holds .git/index.lock from before the read to the
 * commit (index_lock() ... index_commit()), so two writers cannot lose
 * each other's changes.
 */

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "ugit/lockfile.h"
#include "ugit/oid.h"
#include "ugit/strbuf.h"

struct odb;
struct repo;

/* Flags of an entry (the 16-bit field plus the v3 extended flags). */
#define INDEX_STAGE_MASK 0x3000u
#define INDEX_STAGE_SHIFT 12
#define INDEX_ASSUME_VALID 0x8000u
#define INDEX_SKIP_WORKTREE (1u << 16)	/* v3+: extended flag 0x4000 */
#define INDEX_INTENT_TO_ADD (1u << 17)	/* v3+: extended flag 0x2000 */

/* What `lstat` said about the file when it was last hashed (32-bit, as git). */
struct index_stat {
	uint32_t ctime_sec, ctime_nsec;
	uint32_t mtime_sec, mtime_nsec;
	uint32_t dev, ino, uid, gid;
	uint32_t size;
};

struct index_entry {
	struct index_stat st;
	unsigned mode;		/* 100644, 100755, 120000 or 160000 */
	struct oid oid;
	unsigned flags;		/* stage, INDEX_ASSUME_VALID, INDEX_SKIP_WORKTREE, ... */
	size_t namelen;
	char name[];		/* NUL-terminated path from the top of the work tree */
};

#define index_entry_stage(ce) ((int)(((ce)->flags & INDEX_STAGE_MASK) >> INDEX_STAGE_SHIFT))

struct index {
	struct index_entry **entries;	/* sorted by name, then stage */
	size_t nr, alloc;
	unsigned version;		/* 2, 3 or 4; 2 for a new index */
	struct strbuf extensions;	/* optional extensions kept as read (raw) */
	struct strbuf tree_ext;		/* the cache-tree (TREE) data, if valid */
	int tree_ext_valid;		/* dropped when an entry's blob changes */
	uint32_t mtime_sec, mtime_nsec;	/* the file's mtime when read (racy-git) */
	int loaded_from_file;		/* there was a file to read */
	char *path;			/* the index file */
	char *worktree;			/* for racy checks; NULL in a bare repository */
	struct lockfile lock;
};

#define INDEX_INIT { NULL, 0, 0, 2, STRBUF_INIT, STRBUF_INIT, 0, 0, 0, 0, NULL, NULL, \
		     LOCKFILE_INIT }

/*
 * Read the repository's index ($GIT_INDEX_FILE or <gitdir>/index); a
 * missing file is an empty index.  The checksum is verified.  Errors
 * (UG_ECORRUPT) carry git's words: "bad signature 0x%08x", "bad index
 * version %u", "bad index file sha1 signature", "index file smaller than
 * expected", "index uses %.4s extension, which we do not understand",
 * "malformed name field in the index, near path '%s'", "unordered stage
 * entries in index", "multiple stage entries for merged file '%s'",
 * "invalid path '%s'" (the caller adds git's "index file corrupt").
 * Caller owns *idx; release with index_release().
 */
int index_load(struct index *idx, struct repo *repo);

/* As index_load(), from the file `path`; `worktree` may be NULL. */
int index_read_file(struct index *idx, const char *path, const char *worktree);

/*
 * Parse an index held in memory (for tests and index_read_file()).
 * The entries are appended to an empty `idx`.
 */
int index_parse(struct index *idx, const void *buf, size_t len);

/*
 * Take <index>.lock, then read the index: the start of every
 * read-modify-write.  UG_ELOCKED with git's "Unable to create
 * '<abs>/index.lock': File exists." and its explanation if another
 * process holds it; nothing is changed then.
 */
int index_lock(struct index *idx, struct repo *repo);

/*
 * Write the index into the lock taken by index_lock() and rename it into
 * place.  Racily clean entries (changed in the second the old index was
 * written, same stat data) are smudged: their size is written as 0 so
 * that the next reader hashes them.  The lock is released either way.
 */
int index_commit(struct index *idx);

/* Give the lock up without writing (safe when not held). */
void index_rollback(struct index *idx);

/* Lock, write and commit in one step (the index was read beforehand). */
int index_write(struct index *idx, struct repo *repo);

/*
 * The whole file as index_commit() would write it (header, entries,
 * extensions, checksum), appended to `out`.  No smudging.
 */
void index_serialize(struct strbuf *out, const struct index *idx);

/* Free the entries and extensions; rolls back a held lock. */
void index_release(struct index *idx);

/*
 * Binary search for (`name`, `stage`).  Returns its position (>= 0), or
 * -1 - (where it would be inserted).
 */
int index_find(const struct index *idx, const char *name, size_t len, int stage);

/* The entry for `name` at `stage`, or NULL; borrowed from `idx`. */
struct index_entry *index_get(const struct index *idx, const char *name, int stage);

/*
 * A new entry (stat data zero) for path `name` (`len` bytes), not yet in
 * any index.  Caller owns it (free() it, or hand it to index_add()).
 */
struct index_entry *index_entry_new(const char *name, size_t len,
				    unsigned mode, const struct oid *oid,
				    int stage);

/*
 * Fill the stat data from `st` and set `ce->mode` to git's canonical
 * mode: 100755 if the owner may execute a regular file, else 100644;
 * 120000 for a symlink; 160000 for a directory (a gitlink).
 */
void index_entry_fill_stat(struct index_entry *ce, const struct stat *st);
/* That canonical mode for an `st_mode`. */
unsigned index_mode_from_stat(mode_t st_mode);

enum index_add_flags {
	/* remove entries that conflict as file/directory ("a" vs "a/b") */
	INDEX_ADD_REPLACE = (1 << 0),
	/* skip the path check (the caller made sure) */
	INDEX_ADD_NO_CHECK = (1 << 1),
	/* index_add_from_worktree(): hash only, do not store the blob */
	INDEX_ADD_INFO_ONLY = (1 << 2),
};

/*
 * Insert `ce` (ownership passes to `idx`, even on failure), replacing an
 * entry with the same name and stage.  Adding at stage 0 removes the
 * unmerged stages 1-3 of that path.  Errors: UG_EINVALID "invalid path
 * '%s'" (git's verify_path: no empty, ".", ".." or .git component, no
 * leading or trailing '/'); UG_EEXISTS "'%s' appears as both a file and as
 * a directory" unless INDEX_ADD_REPLACE.  Appending in sorted order costs
 * no memmove.
 */
int index_add(struct index *idx, struct index_entry *ce, unsigned flags);

/* Remove the entry at `pos`. */
void index_remove_at(struct index *idx, size_t pos);

/* Remove every stage of `name`; returns how many entries went. */
size_t index_remove(struct index *idx, const char *name);

/* Remove every entry under the directory `dir` (no trailing '/'); returns how many. */
size_t index_remove_dir(struct index *idx, const char *dir);

/* Remove all entries (read-tree --empty). */
void index_clear(struct index *idx);

/* 1 if `path` is a path git would accept in the index for `mode`, else 0. */
int index_path_is_valid(const char *path, unsigned mode);

/*
 * Is the file `ce` names unchanged?  `st` is its lstat() (in the work
 * tree).  Compares the stat data; when that matches but the entry is
 * racy (the file changed in or after the second the index was read from
 * disk) or smudged (size 0), hashes the content - a symlink's target, not
 * what it points to - and compares ids.  An INDEX_ASSUME_VALID entry is
 * taken as unchanged without looking (git's "assume unchanged").  Returns 1 if unchanged, 0 if
 * modified, <0 on error (the file could not be read).
 */
int index_entry_uptodate(const struct index *idx, const struct index_entry *ce,
			 const struct stat *st);

/* 1 if the stat data of `ce` matches `st` (no hashing), else 0. */
int index_stat_matches(const struct index_entry *ce, const struct stat *st);

/*
 * Refresh: if the file (`st` is its lstat()) still holds what the entry
 * at `pos` names, copy its new stat data into the entry (which does not
 * make cached trees stale) and return 1; return 0 if it changed, <0 on
 * error.
 */
int index_refresh_entry(struct index *idx, size_t pos, const struct stat *st);

/*
 * The blob id of the file at `path` (a file system path; `st` its
 * lstat()): a regular file's content, a symbolic link's target.  With
 * `odb`, the blob is also stored; with NULL it is only hashed.  Shared by
 * update-index, add and commit -a (git's index_path()).  Errors:
 * UG_ERROR if the file cannot be read or changed while being read; those
 * of odb_write_stream().
 */
int index_hash_path(struct oid *out, struct odb *odb, const char *path,
		    const struct stat *st);

/*
 * Stage the work-tree file `path` (from the top of the work tree; `st`
 * is its lstat()), as `git add` / `update-index --add` do.  An entry
 * that is up to date is only refreshed, never re-hashed, so staging an
 * unchanged tree costs one lstat() per file.  Otherwise the content (a
 * symlink's target) is hashed and stored in `odb` as a blob (unless
 * INDEX_ADD_INFO_ONLY) and the entry replaced, mode and stat data from
 * `st`.  `flags` as index_add().  Returns 1 if the index changed (so
 * it must be written), 0 if the entry was already up to date.  Errors:
 * UG_EINVALID for a directory ("'%s' is a directory") or a bad path;
 * UG_EEXISTS as index_add(); those of odb_write_stream().
 */
int index_add_from_worktree(struct index *idx, struct odb *odb, const char *path,
			    const struct stat *st, unsigned flags);

/* 1 if `ce` changed in or after the second `idx` was written, else 0. */
int index_entry_is_racy(const struct index *idx, const struct index_entry *ce);

/* 1 if any entry is at a stage other than 0 (a merge left conflicts). */
int index_has_unmerged(const struct index *idx);

/*
 * write-tree: store the trees the index describes (git's order, ids
 * identical to git's) in `odb`, set *out to the root tree's id, and
 * record them as the cache-tree.  With a valid cache-tree nothing is
 * recomputed (as in git, the objects are then not checked).  With
 * `check_missing`, every blob must exist: UG_ENOTFOUND with git's
 * "invalid object 100644 <oid> for '<path>'".  UG_ECONFLICT if there are
 * unmerged entries ("<path>: unmerged (<oid>)" for the first, as git).
 */
int index_write_tree(struct oid *out, struct index *idx, struct odb *odb,
		     int check_missing);

typedef void (*index_tree_fn)(const struct oid *oid, const char *path,
			      void *payload);
/*
 * Call `fn` for every tree the cache-tree (TREE extension) records as
 * valid, with its directory path ("" for the root, "a/b" below it), for
 * fsck.  Nothing happens if there is no valid cache-tree.
 */
void index_for_each_cached_tree(const struct index *idx, index_tree_fn fn,
				void *payload);

/*
 * read-tree: replace all entries with the tree `tree` read recursively
 * from `odb` (stat data zero, so the next refresh re-hashes them).
 */
int index_read_tree(struct index *idx, struct odb *odb, const struct oid *tree);

/*
 * Which paths of a tree index_read_tree_filtered() takes: `want_dir`
 * says whether to enter a directory (its path ends in '/'), `want_file`
 * whether to take a file; both get `payload`.  The entries are added
 * with INDEX_ADD_REPLACE and `add_flags`.
 */
struct index_tree_filter {
	int (*want_dir)(const char *path, size_t len, void *payload);
	int (*want_file)(const char *path, void *payload);
	void *payload;
	unsigned add_flags;
};

/*
 * Add the entries of `tree` the filter selects (all for NULL) to `idx`,
 * replacing entries of the same path, without clearing it first; trees
 * the filter does not enter are never read (reset -- <paths>).
 */
int index_read_tree_filtered(struct index *idx, struct odb *odb,
			     const struct oid *tree, const struct index_tree_filter *f);

#endif /* UGIT_INDEX_H */
