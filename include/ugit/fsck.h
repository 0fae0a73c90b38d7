#ifndef UGIT_FSCK_H
#define UGIT_FSCK_H

/*
 * fsck - git's object-check message ids, their severities and wording.
 *
 * Reading an object is lenient (tree_parse, commit_parse, ... accept what
 * git reads); checking it is strict: tree_check, commit_check, tag_check
 * and ident_check report every problem git 2.39's fsck reports, with git's
 * camelCase message id ("treeNotSorted"), its default severity and its
 * explanation ("not properly sorted").  `--strict` turns warnings into
 * errors, as in git.
 *
 * The checks never print.  They call a report function once per problem;
 * the fsck command turns each report into git's line with
 * fsck_format_report():
 *
 *	error in tree <oid>: duplicateEntries: contains duplicate file entries
 *
 * This module also holds the ".git" look-alike tests (NTFS and HFS+
 * spellings of .git, .gitmodules, ...) that fsck and path validation share.
 */

#include <stddef.h>

#include "ugit/object.h"

struct oid;
struct strbuf;

enum fsck_severity {
	FSCK_IGNORE = 0,
	FSCK_INFO,		/* printed as "warning", even with --strict */
	FSCK_WARN,		/* printed as "warning"; an error with --strict */
	FSCK_ERROR,
	FSCK_FATAL,		/* printed as "error"; the object cannot be checked further */
};

/*
 * Message ids of git 2.39 (its fsck.h), grouped by default severity.  The
 * blob-level checks of .gitmodules and .gitattributes contents have ids
 * here so that names and severities are complete, but no check in this
 * module reports them.
 */
enum fsck_msg_id {
	/* FATAL */
	FSCK_MSG_NUL_IN_HEADER,
	FSCK_MSG_UNTERMINATED_HEADER,
	/* ERROR */
	FSCK_MSG_BAD_DATE,
	FSCK_MSG_BAD_DATE_OVERFLOW,
	FSCK_MSG_BAD_EMAIL,
	FSCK_MSG_BAD_NAME,
	FSCK_MSG_BAD_OBJECT_SHA1,
	FSCK_MSG_BAD_PARENT_SHA1,
	FSCK_MSG_BAD_TIMEZONE,
	FSCK_MSG_BAD_TREE,
	FSCK_MSG_BAD_TREE_SHA1,
	FSCK_MSG_BAD_TYPE,
	FSCK_MSG_DUPLICATE_ENTRIES,
	FSCK_MSG_MISSING_AUTHOR,
	FSCK_MSG_MISSING_COMMITTER,
	FSCK_MSG_MISSING_EMAIL,
	FSCK_MSG_MISSING_NAME_BEFORE_EMAIL,
	FSCK_MSG_MISSING_OBJECT,
	FSCK_MSG_MISSING_SPACE_BEFORE_DATE,
	FSCK_MSG_MISSING_SPACE_BEFORE_EMAIL,
	FSCK_MSG_MISSING_TAG,
	FSCK_MSG_MISSING_TAG_ENTRY,
	FSCK_MSG_MISSING_TREE,
	FSCK_MSG_MISSING_TYPE,
	FSCK_MSG_MISSING_TYPE_ENTRY,
	FSCK_MSG_MULTIPLE_AUTHORS,
	FSCK_MSG_TREE_NOT_SORTED,
	FSCK_MSG_UNKNOWN_TYPE,
	FSCK_MSG_ZERO_PADDED_DATE,
	FSCK_MSG_GITMODULES_MISSING,
	FSCK_MSG_GITMODULES_BLOB,
	FSCK_MSG_GITMODULES_LARGE,
	FSCK_MSG_GITMODULES_NAME,
	FSCK_MSG_GITMODULES_SYMLINK,
	FSCK_MSG_GITMODULES_URL,
	FSCK_MSG_GITMODULES_PATH,
	FSCK_MSG_GITMODULES_UPDATE,
	FSCK_MSG_GITATTRIBUTES_MISSING,
	FSCK_MSG_GITATTRIBUTES_LARGE,
	FSCK_MSG_GITATTRIBUTES_LINE_LENGTH,
	FSCK_MSG_GITATTRIBUTES_BLOB,
	/* WARN */
	FSCK_MSG_EMPTY_NAME,
	FSCK_MSG_FULL_PATHNAME,
	FSCK_MSG_HAS_DOT,
	FSCK_MSG_HAS_DOTDOT,
	FSCK_MSG_HAS_DOTGIT,
	FSCK_MSG_NULL_SHA1,
	FSCK_MSG_ZERO_PADDED_FILEMODE,
	FSCK_MSG_NUL_IN_COMMIT,
	/* INFO */
	FSCK_MSG_BAD_FILEMODE,
	FSCK_MSG_GITMODULES_PARSE,
	FSCK_MSG_GITIGNORE_SYMLINK,
	FSCK_MSG_GITATTRIBUTES_SYMLINK,
	FSCK_MSG_MAILMAP_SYMLINK,
	FSCK_MSG_BAD_TAG_NAME,
	FSCK_MSG_MISSING_TAGGER_ENTRY,
	/* IGNORE */
	FSCK_MSG_EXTRA_HEADER_ENTRY,
	FSCK_MSG_COUNT
};

/* git's camelCase id, e.g. "treeNotSorted". */
const char *fsck_msg_name(enum fsck_msg_id id);
/* Default severity of `id`; with `strict`, WARN becomes ERROR (only WARN). */
enum fsck_severity fsck_msg_severity(enum fsck_msg_id id, int strict);

/*
 * Called once per problem found.  `msg` is git's explanation, already
 * formatted ("not properly sorted", "unterminated header: NUL at offset
 * 84", "invalid 'tag' name: v1..2").  IGNORE-level ids are reported too;
 * the function decides (fsck_format_report() drops them).
 *
 * Return non-zero if the problem makes the object bad (git: errors), 0 if
 * not (warnings, infos, ignored).  As in git, a commit or tag check stops
 * at the first problem whose report returned non-zero, while a tree check
 * always reports everything it finds.
 */
typedef int (*fsck_report_fn)(enum fsck_msg_id id, const char *msg,
			      void *payload);

struct fsck_options {
	int strict;		/* --strict: also affects what trees report (100664) */
	fsck_report_fn report;
	void *payload;
};

/*
 * The checks (tree_check, commit_check, tag_check, ident_check) return 0
 * if no report returned non-zero, else a positive value: "this object has
 * errors".  fsck_buffer() dispatches on the type (a blob has nothing to
 * check; OBJ_BAD/OBJ_NONE report nothing and return 0).
 */
int fsck_buffer(enum object_type type, const void *buf, size_t len,
		const struct fsck_options *opts);

/*
 * git's verify_headers(), run first by commit and tag checks: the header
 * must hold no NUL (nulInHeader, "unterminated header: NUL at offset
 * <n>") and must end with a newline - before an empty line, or as the
 * last byte of an object without a body (unterminatedHeader).  Returns 0
 * if it is sound, 1 if it reported a problem: these are FATAL, and
 * reading further header lines relies on that newline, so the caller
 * must stop whatever the report returned.
 */
int fsck_check_headers(const void *buf, size_t len,
		       const struct fsck_options *opts);

/*
 * Append the line git's fsck prints for a problem, without a newline:
 * "error in tree <oid>: duplicateEntries: contains duplicate file entries".
 * FATAL and ERROR print as "error", WARN and INFO as "warning", IGNORE
 * appends nothing.  `type` is "tree", "commit", "tag" or "blob".
 * Returns 1 if the problem counts as an error, 0 if not: exactly what a
 * report function mirroring git should return.
 */
int fsck_format_report(struct strbuf *out, enum fsck_msg_id id, int strict,
		       const char *type, const struct oid *oid,
		       const char *msg);

/*
 * The format check `git hash-object -t <type>` (git 2.39) runs before it
 * hashes, unless --literally: it parses the body as a reader would and
 * dies if that fails.  (fsck-only problems such as duplicate tree entries
 * or a missing author do not count.)  Returns 0 if git accepts the body.
 * Otherwise returns UG_ECORRUPT, appends to `errors` the lines git prints
 * with "error: " before dying (each ending in '\n'; often none), and
 * records the fatal message with ug_error(), so the command reads:
 *
 *	if (fsck_hash_object_check(&errors, type, buf, len) < 0) {
 *		fputs(errors.buf, stderr);
 *		die("%s", ug_error_last());	// "corrupt commit"
 *	}
 *
 * Blobs (and anything that is not a tree, commit or tag) are accepted.
 */
int fsck_hash_object_check(struct strbuf *errors, enum object_type type,
			   const void *buf, size_t len);

/*
 * Files git treats specially, and so also protects against look-alikes.
 */
enum fsck_dotfile {
	FSCK_DOTGIT,
	FSCK_DOTGITMODULES,
	FSCK_DOTGITIGNORE,
	FSCK_DOTGITATTRIBUTES,
	FSCK_DOTMAILMAP,
};

/*
 * Would NTFS (or Windows' 8.3 short names) open `which` for the path
 * component `name` (NUL-terminated)?  Case-insensitive; trailing dots and
 * spaces are ignored and an alternate data stream (":...") counts, so
 * ".git", ".GIT", ".git.", ".git . ", ".git::$INDEX_ALLOCATION", "git~1"
 * all match FSCK_DOTGIT, and "gitmod~1" or "gi7eba~3" match
 * FSCK_DOTGITMODULES.  For FSCK_DOTGIT, '/' and '\' also end the name.
 * git runs this on every platform (core.protectNTFS defaults to true).
 */
int fsck_is_ntfs_dotfile(const char *name, enum fsck_dotfile which);

/*
 * Would HFS+ open `which` for `name` (NUL-terminated UTF-8)?  HFS+ folds
 * case and ignores some zero-width code points (U+200C-U+200F,
 * U+202A-U+202E, U+206A-U+206F, U+FEFF), so ".g\u200cit" is ".git".  The
 * name may go on after a '/'; malformed UTF-8 reads as the end of the
 * name, as in git.  git's fsck always applies this test; its checkout
 * only with core.protectHFS (off by default outside macOS).
 */
int fsck_is_hfs_dotfile(const char *name, enum fsck_dotfile which);

#endif /* UGIT_FSCK_H */
