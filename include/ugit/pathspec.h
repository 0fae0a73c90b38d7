#ifndef UGIT_PATHSPEC_H
#define UGIT_PATHSPEC_H

/*
 * pathspec - the paths a command line names, git's way.
 *
 * Each argument is relative to the current directory and becomes a path
 * from the top of the work tree: "." in "sub/" is "sub/", "../a" there is
 * "a", an absolute path must lie inside the work tree.  An item selects
 * the path it names and, when that is a directory, everything below it.
 * An item with glob characters also matches as wildmatch() without
 * WM_PATHNAME, where "*" crosses "/": "*.c" finds "a.c" and "sub/b.c".
 * No arguments at all select everything.
 */

#include <stddef.h>

struct repo;

struct pathspec_item {
	char *match;		/* from the top; "" is the whole tree; "dir/" keeps its "/" */
	char *original;		/* the argument as given, for messages */
	size_t len;		/* strlen(match) */
	size_t nowildcard_len;	/* bytes of `match` before the first glob character */
};

struct pathspec {
	struct pathspec_item *items;
	size_t nr;
};

#define PATHSPEC_INIT { NULL, 0 }

/*
 * Parse `nr` arguments given in the current directory of `repo`.
 * Errors (UG_EINVALID), git's words: "empty string is not a valid
 * pathspec. please use . instead if you meant to match all paths" and
 * "<arg>: '<arg>' is outside repository at '<top>'".  Caller owns `ps`;
 * release with pathspec_release().
 */
int pathspec_parse(struct pathspec *ps, struct repo *repo,
		   char *const *args, size_t nr);
void pathspec_release(struct pathspec *ps);

/* Kinds of match, weakest first (git's order), as pathspec_match() returns them. */
enum pathspec_match_kind {
	PATHSPEC_NONE = 0,
	PATHSPEC_RECURSIVE,	/* the path lies inside the item's directory */
	PATHSPEC_GLOB,		/* by wildmatch() */
	PATHSPEC_EXACT,		/* the path is the item */
};

/*
 * How item `i` selects `path` (from the top, no trailing "/").
 * An item "dir/" selects what is inside dir, not a file named "dir".
 */
int pathspec_item_match(const struct pathspec_item *item, const char *path);

/*
 * The best match of any item for `path`; 0 if none.  If `seen` is not
 * NULL, seen[i] is set to 1 for every item i that matches.  An empty
 * (or NULL) pathspec matches everything (PATHSPEC_RECURSIVE).
 */
int pathspec_match(const struct pathspec *ps, const char *path, char *seen);

/*
 * 1 if something inside directory `dir` ("a/b/", with its "/") could
 * match: lets a work-tree walk skip directories no item can reach.
 */
int pathspec_reaches_dir(const struct pathspec *ps, const char *dir, size_t len);

/*
 * The first item whose literal part passes through a symbolic link in the
 * work tree at `top` ("l/x" where l is a link); -1 if none.  git refuses
 * such paths: "pathspec 'l/x' is beyond a symbolic link".
 */
long pathspec_beyond_symlink(const struct pathspec *ps, const char *top);

#endif /* UGIT_PATHSPEC_H */
