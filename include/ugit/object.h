#ifndef UGIT_OBJECT_H
#define UGIT_OBJECT_H

/*
 * object - the four object types and the "<type> <size>\0" header.
 *
 * Every Git object is stored and hashed as a header naming its type and
 * body size in decimal, a NUL, then the body.  The header grammar is git's:
 * a type name, one space, a decimal size without leading zeros (unless it
 * is "0"), a NUL, all within 32 bytes.
 */

#include <stddef.h>

enum object_type {
	OBJ_BAD = -1,		/* unknown type name */
	OBJ_NONE = 0,
	OBJ_COMMIT = 1,		/* numbers as in git's pack format */
	OBJ_TREE = 2,
	OBJ_BLOB = 3,
	OBJ_TAG = 4,
};

/* git's MAX_HEADER_LEN: a longer header is corrupt. */
#define UG_OBJECT_MAX_HEADER 32

/* "commit", "tree", "blob", "tag"; NULL for anything else. */
const char *object_type_name(enum object_type type);

/* The type called `name` (`len` bytes), or OBJ_BAD. */
enum object_type object_type_from_name(const char *name, size_t len);

struct object_header {
	enum object_type type;			/* OBJ_BAD if the name is unknown */
	char type_name[UG_OBJECT_MAX_HEADER];	/* as written, NUL-terminated */
	size_t size;				/* declared body size */
	size_t hdrlen;				/* bytes up to and including the NUL */
};

/*
 * Parse the header at the start of `buf` (which holds `len` bytes, maybe
 * more than the header).  Returns 0; UG_ECORRUPT if it does not follow
 * the grammar above (no space, empty type, non-decimal or zero-padded or
 * overflowing size, no NUL within 32 bytes).  An unknown type name is not
 * an error here: out->type is OBJ_BAD and the caller decides.
 */
int object_header_parse(struct object_header *out, const char *buf, size_t len);

/*
 * Write "<type> <size>" and a NUL into `buf` (at least 32 + 21 bytes).
 * Returns the length including the NUL.
 */
size_t object_header_format(char *buf, size_t bufsz, const char *type,
			    size_t size);

#endif /* UGIT_OBJECT_H */
