#ifndef UGIT_ODB_H
#define UGIT_ODB_H

/*
 * odb - the object database: loose objects under objects/xx/yyyy...
 *
 * A loose object is zlib("<type> <size>\0<body>") in a file named by the
 * SHA-1 of the uncompressed bytes.  Writes go to a temporary file
 * ("tmp_obj_XXXXXX", mode 0444) and are linked into place; an existing
 * object is never rewritten (only its mtime is freshened).  Reads check
 * more than git's cat-file does: the zlib stream, the header grammar, the
 * exact size, no garbage after the stream, and the hash, and say which
 * check failed in git's words.  (Packs join in a later issue.)
 *
 * Error messages may span several lines; every line after the first
 * starts with "error: ", so a command that prints "error: <msg>" shows
 * exactly what git shows (git reports a zlib failure in two lines:
 * "inflate: data stream error (...)" then "unable to unpack <oid> header").
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

/*
 * Open the database in directory `objdir` (".git/objects"); nothing is
 * read yet, so this cannot fail on a missing directory.  Messages name
 * the directory as given.  Caller frees with odb_free().
 */
int odb_open(struct odb **out, const char *objdir);
void odb_free(struct odb *odb);

/* The directory given to odb_open(); borrowed. */
const char *odb_path(const struct odb *odb);

/*
 * How messages name the directory (default: as given to odb_open()).
 * git says ".git/objects" at the top of the work tree while ugit reads
 * through an absolute path, so the repository sets the name it shows.
 */
void odb_set_name(struct odb *odb, const char *name);
/* That name; borrowed. */
const char *odb_name(const struct odb *odb);

/*
 * Read and verify an object.  Returns 0; UG_ENOTFOUND if it does not exist
 * ("object <oid> not found"); UG_ECORRUPT with git's message for the
 * failed check (<path> as odb_name() names the directory):
 *   "object file <path> is empty"
 *   "inflate: data stream error (<zlib's words>)\nerror: unable to unpack <oid> header"
 *   "unable to unpack <oid> header"          (stream ends inside the header)
 *   "header for <oid> too long, exceeds 32 bytes"
 *   "unable to parse <oid> header"           (bad grammar: "blob 06", "blob5")
 *   "corrupt loose object '<oid>'"           (truncated or bad zlib in the body)
 *   "size mismatch in loose object '<oid>' (header says <n> bytes)"
 *   "garbage at end of loose object '<oid>'"
 *   "hash mismatch <oid>"
 * An unknown type name is not an error: out->type is OBJ_BAD and
 * out->type_name says what it was.  Memory for the body is allocated as
 * data inflates, never from the declared size alone.
 * Caller owns out->data; release with odb_object_release().
 */
int odb_read(struct odb_object *out, struct odb *odb, const struct oid *oid);
void odb_object_release(struct odb_object *obj);

/*
 * For fsck: as odb_read(), but content that hashes to another id is not an
 * error; *actual receives the id of what the file holds (compare it with
 * `oid` to report git's "hash-path mismatch").
 */
int odb_read_fsck(struct odb_object *out, struct oid *actual,
		  struct odb *odb, const struct oid *oid);

/*
 * Read only the type and size (inflating just the header), for
 * `cat-file -t/-s` and `--batch-check`.  The body is not verified.
 * Errors as odb_read() up to "unable to parse <oid> header".
 */
int odb_read_header(struct object_header *out, struct odb *odb,
		    const struct oid *oid);

/* 1 if the object exists (its file is present), else 0. */
int odb_has(struct odb *odb, const struct oid *oid);

/*
 * Store an object of type `type` (any name for --literally) and body
 * `data`; set *out to its id.  An object that exists is left untouched
 * apart from its mtime.  Errors (UG_ERROR), in git's words:
 * "insufficient permission for adding an object to repository database
 * <odb_name()>", "unable to create temporary file: <strerror>", "unable to
 * write loose object file: <strerror>"; no file is left behind.
 */
int odb_write(struct oid *out, struct odb *odb, const char *type,
	      const void *data, size_t len);

/*
 * Hash (and, if `odb` is not NULL, store) an object of exactly `size`
 * bytes read from `fd`, streaming: memory use does not depend on `size`.
 * The hash is computed in the same pass as the compression, into a
 * temporary file in objects/ that is named when the id is known.
 * UG_ERROR if `fd` ends early ("short read ...") or, for a regular file,
 * holds more than `size` bytes ("... changed while being read").
 */
int odb_write_stream(struct oid *out, struct odb *odb, const char *type,
		     int fd, size_t size);

/*
 * Write an object's body to `fd` as it inflates, for large blobs.
 * Verifies as odb_read() does; on corruption some bytes may already have
 * been written (as with git's "unable to stream <oid> to stdout").
 * A write error is UG_ERROR with errno's message.
 */
int odb_stream_to_fd(struct odb *odb, const struct oid *oid, int fd);

/*
 * Find the one object whose hex id starts with `hex` (`len` digits, 4..40,
 * either case), reading only the one fan-out directory.  Returns 0;
 * UG_EINVALID if `hex` is not 4..40 hex digits; UG_ENOTFOUND; UG_EAMBIGUOUS
 * ("short object ID <hex> is ambiguous").
 */
int odb_resolve_prefix(struct oid *out, struct odb *odb, const char *hex,
		       size_t len);

/*
 * Every object whose id starts with `hex` (as above), sorted, for git's
 * "hint: The candidates are:" list.  Caller frees *out with free().
 */
int odb_prefix_candidates(struct oid **out, size_t *nr_out, struct odb *odb,
			  const char *hex, size_t len);

/*
 * How many hex digits of `oid`, at least `min` (4..40), name it and no
 * other object (git's find_unique_abbrev): one more than the longest
 * prefix it shares with another object.  `oid` need not exist.  Returns
 * that length, or <0 if the objects cannot be listed.
 */
int odb_unique_abbrev_len(struct odb *odb, const struct oid *oid, size_t min);

typedef int (*odb_each_fn)(const struct oid *oid, const char *path,
			   void *payload);
/*
 * Call `fn` for every file in objects/xx/ (xx two lower-case hex digits)
 * in oid order; a file not named like a loose object (38 lower-case hex
 * digits) is passed with a NULL oid so fsck can report it, except git's
 * temporary files "tmp_obj_*", which are skipped.  Stops and returns fn's
 * value if it is non-zero.
 */
int odb_for_each_loose(struct odb *odb, odb_each_fn fn, void *payload);

/* Path of the loose file for `oid`, appended to `out`. */
void odb_loose_path(struct strbuf *out, struct odb *odb, const struct oid *oid);

#endif /* UGIT_ODB_H */
