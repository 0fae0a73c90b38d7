#ifndef UGIT_TREE_H
#define UGIT_TREE_H

/*
 * tree - a directory listing: entries "<octal mode> <name>\0<20-byte id>".
 *
 * Git sorts entries by name bytes, comparing a directory's name as if it
 * ended in "/" (so "a.c" < "a/" < "a0").  tree_parse() reads what git reads
 * (zero-padded or odd modes are canonicalised as git does); tree_check()
 * reports what `git fsck` would; tree_serialize() always writes git's
 * canonical form, sorted.
 */

#include <stddef.h>

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
 * Parse a tree body.  Returns 0 or UG_ECORRUPT with git's message
 * ("too-short tree object", "malformed mode in tree entry", "empty
 * filename in tree entry").  Caller owns *out; release with tree_release().
 */
int tree_parse(struct tree *out, const void *buf, size_t len);
void tree_release(struct tree *tree);

/* Append an entry (name copied); sort with tree_sort() before serializing. */
void tree_add(struct tree *tree, unsigned mode, const char *name,
	      const struct oid *oid);
void tree_sort(struct tree *tree);

/* Append the canonical tree body (entries must be sorted) to `out`. */
void tree_serialize(struct strbuf *out, const struct tree *tree);

/* git's tree order of two names; `*_is_dir` compare as if followed by '/'. */
int tree_name_cmp(const char *a, size_t alen, int a_is_dir,
		  const char *b, size_t blen, int b_is_dir);

/* Canonical mode as git's canon_mode(): 100644/100755/120000/40000/160000. */
unsigned tree_canon_mode(unsigned mode);
/* The object type a mode points to ("tree", "blob", "commit"). */
const char *tree_mode_type(unsigned mode);

/*
 * fsck a raw tree body: report each problem through `report`.  Returns 0
 * if `report` never asked to stop, else its non-zero value.
 */
int tree_check(const void *buf, size_t len, fsck_report_fn report,
	       void *payload);

#endif /* UGIT_TREE_H */
