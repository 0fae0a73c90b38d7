#ifndef UGIT_FSCK_H
#define UGIT_FSCK_H

/*
 * fsck - git's object-check message ids and their severities.
 *
 * Reading an object is lenient (tree_parse, commit_parse, ... accept what
 * git reads); checking it is strict: tree_check, commit_check, tag_check
 * and ident_check report every problem git's fsck reports, with git's
 * camelCase message id ("treeNotSorted") and default severity.  `--strict`
 * turns warnings into errors, as in git.
 */

#include <stddef.h>

struct oid;

enum fsck_severity {
	FSCK_IGNORE = 0,
	FSCK_INFO,
	FSCK_WARN,
	FSCK_ERROR,
	FSCK_FATAL,		/* the object cannot be parsed further */
};

/* Message ids; names and default severities in fsck.c, as in git's fsck.h. */
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
	FSCK_MSG_GITMODULES_SYMLINK,
	/* WARN */
	FSCK_MSG_EMPTY_NAME,
	FSCK_MSG_FULL_PATHNAME,
	FSCK_MSG_HAS_DOT,
	FSCK_MSG_HAS_DOTDOT,
	FSCK_MSG_HAS_DOTGIT,
	FSCK_MSG_NULL_SHA1,
	FSCK_MSG_ZERO_PADDED_FILEMODE,
	FSCK_MSG_NUL_IN_COMMIT,
	FSCK_MSG_LARGE_PATHNAME,
	/* INFO */
	FSCK_MSG_BAD_FILEMODE,
	FSCK_MSG_BAD_TAG_NAME,
	FSCK_MSG_MISSING_TAGGER_ENTRY,
	FSCK_MSG_GITATTRIBUTES_SYMLINK,
	FSCK_MSG_GITIGNORE_SYMLINK,
	FSCK_MSG_MAILMAP_SYMLINK,
	/* IGNORE */
	FSCK_MSG_EXTRA_HEADER_ENTRY,
	FSCK_MSG_COUNT
};

/* git's camelCase id, e.g. "treeNotSorted". */
const char *fsck_msg_name(enum fsck_msg_id id);
/* Default severity of `id`; with `strict`, WARN becomes ERROR. */
enum fsck_severity fsck_msg_severity(enum fsck_msg_id id, int strict);

/*
 * Called once per problem found.  `msg` is git's explanation ("not
 * properly sorted").  Return 0 to go on, non-zero to stop checking.
 */
typedef int (*fsck_report_fn)(enum fsck_msg_id id, const char *msg,
			      void *payload);

#endif /* UGIT_FSCK_H */
