#ifndef UGIT_TREE_H
#define UGIT_TREE_H

/*
 * tree - a directory listing: entries "<octal mode> <name>\0<20-byte id>".
 *
 * Git sorts entries by name bytes, comparing a directory's name as if it
 * ended in "/" (so "a.c" < "a/" < "a0").  tree_parse() and tree_iter_next()
 * read what git reads (zero-padded or odd modes are canonicalised as git
 * does); tree_check() reports what `git fsck` would; tree_serialize()
 * always writes git's canonical form.
 */

#include <stddef.h>
#include <stdint.h>

#include "ugit/fsck.h"
#include "ugit/oid.h"

struct strbuf;

#define TREE_MODE_FILE 0100644u
#define TREE_MODE_EXEC 0100755u
#define TREE_MODE_SYMLINK 0120000u
#define TREE_MODE_DIR 0040000u
#define TREE_MODE_GITLINK 0160000u

struct tree_entry {
	unsigned mode;		/* canonical: one of TREE_MODE_* */
	char *name;		/* NUL-terminated (a name cannot hold NUL) */
	size_t namelen;
	struct oid oid;
};

struct tree {
	struct tree_entry *entries;
	size_t nr, alloc;
};

#define TREE_INIT { NULL, 0, 0 }

/*
 * Parse a tree body.  Returns 0, or UG_ECORRUPT with git's message ("too-
 * short tree object", "malformed mode in tree entry", "empty filename in
 * tree entry"), which is also what `git ls-tree` dies with.  Duplicate or
 * unsorted entries are read as they are (see tree_check()).  Caller owns
 * *out, which is released on failure; release with tree_release().
 */
int tree_parse(struct tree *out, const void *buf, size_t len);
void tree_release(struct tree *tree);

/*
 * Walking a tree body without copying it.  The buffer must outlive the
 * iterator and the items it returns.
 */
struct tree_iter {
	const char *buf;
	size_t len;
	size_t pos;		/* start of the next entry */
	const char *err;	/* sticky: once an entry is bad, every call fails */
};

struct tree_item {
	unsigned mode;		/* canonical, as git's canon_mode() */
	uint32_t raw_mode;	/* the octal digits as written (wrapping as git's) */
	int zero_padded;	/* the mode was written with a leading '0' */
	const char *name;	/* borrowed; NUL-terminated inside the buffer */
	size_t namelen;
	struct oid oid;
};

void tree_iter_init(struct tree_iter *it, const void *buf, size_t len);
/*
 * Decode the next entry into *out.  Returns 1, 0 at the end of the tree,
 * or UG_ECORRUPT (git's message, as tree_parse) for a malformed entry;
 * after an error every later call fails the same way.
 */
int tree_iter_next(struct tree_item *out, struct tree_iter *it);

/* Append an entry (name copied); sort with tree_sort() before serializing. */
void tree_add(struct tree *tree, unsigned mode, const char *name,
	      const struct oid *oid);
/* Sort the entries in git's order (stable; duplicates are kept). */
void tree_sort(struct tree *tree);

/*
 * Append the canonical tree body to `out`: modes as git writes them
 * ("40000", not "040000"), entries in their current order (sort first).
 */
void tree_serialize(struct strbuf *out, const struct tree *tree);

/*
 * git's tree order of two names; `*_is_dir` compare as if followed by '/'.
 * Returns <0, 0 or >0 like memcmp.
 */
int tree_name_cmp(const char *a, size_t alen, int a_is_dir,
		  const char *b, size_t blen, int b_is_dir);

/*
 * Canonical mode as git's canon_mode(): any regular file becomes 100755
 * if its owner-execute bit is set, else 100644; symlinks 120000;
 * directories 40000; everything else (including 0) the gitlink 160000.
 */
unsigned tree_canon_mode(unsigned mode);
/* The object type a canonical mode points to ("tree", "blob", "commit"). */
const char *tree_mode_type(unsigned mode);

/*
 * fsck a raw tree body as git 2.39's fsck_tree(): reports badTree (then
 * ug_error_last() holds the decoding message git prints just before, e.g.
 * "too-short tree object"), the .gitmodules/.gitattributes/.gitignore/
 * .mailmap symlink checks as it meets them, then at most one of each of
 * nullSha1, fullPathname, emptyName, hasDot, hasDotdot, hasDotgit,
 * zeroPaddedFilemode, badFilemode, duplicateEntries, treeNotSorted, in
 * that order.  See fsck.h for the return value.
 */
int tree_check(const void *buf, size_t len, const struct fsck_options *opts);

#endif /* UGIT_TREE_H */
