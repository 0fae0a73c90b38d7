#ifndef UGIT_ODB_H
#define UGIT_ODB_H

/*
 * odb - the object database: loose objects under objects/xx/yyyy...
 *
 * A loose object is zlib("<type> <size>\0<body>") in a file named by the
 * SHA-1 of the uncompressed bytes.  Writes go to a temporary file in the
 * target fan-out directory and are renamed into place; an existing object
 * is never rewritten.  Reads check everything git's fsck checks: the zlib
 * stream, the header grammar, the size, no garbage after the stream, and
 * the hash, and say which check failed.  (Packs join in a later issue.)
 */

#include <stddef.h>
#include <sys/types.h>

#include "ugit/object.h"
#include "ugit/oid.h"
#include "ugit/strbuf.h"

struct odb;

struct odb_object {
	enum object_type type;		/* OBJ_BAD for a --literally type */
	char type_name[UG_OBJECT_MAX_HEADER];
	size_t size;
	struct strbuf data;		/* the body, NUL-terminated */
};

#define ODB_OBJECT_INIT { OBJ_NONE, "", 0, STRBUF_INIT }

/* Open the database in directory `objdir` (".git/objects"). Caller frees with odb_free(). */
int odb_open(struct odb **out, const char *objdir);
void odb_free(struct odb *odb);

/*
 * Read and verify an object.  Returns 0; UG_ENOTFOUND if it does not exist;
 * UG_ECORRUPT with a message naming the object and the failed check.
 * Caller owns out->data; release with odb_object_release().
 */
int odb_read(struct odb_object *out, struct odb *odb, const struct oid *oid);
void odb_object_release(struct odb_object *obj);

/*
 * Read only the type and size (inflating just the header), for
 * `cat-file -t/-s` and `--batch-check`.  Same errors as odb_read().
 */
int odb_read_header(struct object_header *out, struct odb *odb,
		    const struct oid *oid);

/* 1 if the object exists (its file is present), else 0. */
int odb_has(struct odb *odb, const struct oid *oid);

/*
 * Store an object of type `type` (any name for --literally) and body
 * `data`; set *out to its id.  An object that exists is left untouched.
 */
int odb_write(struct oid *out, struct odb *odb, const char *type,
	      const void *data, size_t len);

/*
 * Hash (and, if `odb` is not NULL, store) a blob of exactly `size` bytes
 * read from `fd`, streaming: memory use does not depend on `size`.
 * UG_ERROR if `fd` ends early or changes under us.
 */
int odb_write_stream(struct oid *out, struct odb *odb, const char *type,
		     int fd, size_t size);

/*
 * Write an object's body to `fd` as it inflates, for large blobs.
 * Verifies as odb_read() does; on corruption some bytes may already have
 * been written (as with git's "unable to stream ... to stdout").
 */
int odb_stream_to_fd(struct odb *odb, const struct oid *oid, int fd);

/*
 * Find the one object whose hex id starts with `hex` (`len` digits, 4..40).
 * Returns 0; UG_ENOTFOUND; UG_EAMBIGUOUS ("short object ID %s is
 * ambiguous").
 */
int odb_resolve_prefix(struct oid *out, struct odb *odb, const char *hex,
		       size_t len);

typedef int (*odb_each_fn)(const struct oid *oid, const char *path,
			   void *payload);
/*
 * Call `fn` for every file under objects/xx/ that is named like a loose
 * object, in sorted order; stray files are passed with a NULL oid so fsck
 * can report them.  Stops and returns fn's value if it is non-zero.
 */
int odb_for_each_loose(struct odb *odb, odb_each_fn fn, void *payload);

/* Path of the loose file for `oid`, appended to `out`. */
void odb_loose_path(struct strbuf *out, struct odb *odb, const struct oid *oid);

#endif /* UGIT_ODB_H */
