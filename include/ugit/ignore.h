#ifndef UGIT_IGNORE_H
#define UGIT_IGNORE_H

/*
 * ignore - which untracked paths git leaves alone (gitignore(5)).
 *
 * A pattern file holds one pattern a line.  Blank lines and lines starting
 * with "#" match nothing; "\#" and "\!" start a pattern with a literal "#"
 * or "!"; trailing spaces are dropped unless escaped ("a\ ").  A leading
 * "!" negates: a later "!x" re-includes what an earlier line excluded -
 * except below a directory that is itself excluded, because git never
 * looks inside such a directory.  A trailing "/" matches directories
 * only.  A pattern with no other "/" matches the last component at any
 * depth ("*.o"); one with a "/" at the start or in the middle is relative
 * to the directory of its file ("/a", "doc/a.txt").  The glob is
 * wildmatch() with WM_PATHNAME: "*" stays inside one component, "**"
 * crosses them.
 *
 * Sources, strongest first (the first source with a match decides; within
 * a file the last matching line wins): the ".gitignore" of the path's own
 * directory, then those of its parents up to the top of the work tree,
 * then $GIT_DIR/info/exclude, then core.excludesFile (default
 * $XDG_CONFIG_HOME/git/ignore or ~/.config/git/ignore; "~/" expanded).
 *
 * Paths are relative to the top of the work tree, "/"-separated, without a
 * trailing "/".
 */

#include <stddef.h>

struct repo;

enum ignore_flags {
	IGNORE_NEGATIVE = (1 << 0),	/* "!pattern" */
	IGNORE_DIR_ONLY = (1 << 1),	/* "pattern/" */
	IGNORE_BASENAME = (1 << 2),	/* no "/": match the last component */
};

struct ignore_list;

struct ignore_pattern {
	char *text;		/* the line as written, trailing spaces trimmed */
	char *glob;		/* without "!", a leading "/" or a trailing "/" */
	unsigned flags;		/* enum ignore_flags */
	int lineno;		/* 1-based line in its source */
	const struct ignore_list *list;	/* where it came from */
};

struct ignore_list {
	char *source;		/* as check-ignore -v names it: "sub/.gitignore" */
	char *base;		/* its directory: "" or "sub/"; patterns apply below */
	struct ignore_pattern *items;
	size_t nr, alloc;
};

/* An empty list named `source` for paths under `base` ("" or "dir/"). */
void ignore_list_init(struct ignore_list *list, const char *source,
		      const char *base);
void ignore_list_release(struct ignore_list *list);

/* Append the patterns of the `len` bytes at `buf` (a whole file). */
void ignore_list_parse(struct ignore_list *list, const char *buf, size_t len);

/*
 * Append the patterns of the file at `path`.  A missing file, or a
 * symbolic link (git refuses to follow those for in-tree .gitignore
 * files) adds nothing.  UG_ERROR if it exists but cannot be read.
 */
int ignore_list_read(struct ignore_list *list, const char *path);

/*
 * The last pattern of `list` that matches `path` (under list->base), or
 * NULL.  `is_dir` says whether `path` is a directory (for "dir/").
 * Borrowed from `list`.
 */
const struct ignore_pattern *ignore_list_match(const struct ignore_list *list,
					       const char *path, int is_dir);

struct ignore;

/*
 * The standard sources for `repo`'s work tree (git's --exclude-standard).
 * .gitignore files are read as directories are first asked about.
 * Returns 0, or UG_ERROR if info/exclude or the excludes file cannot be
 * read.  Caller frees with ignore_free().
 */
int ignore_open(struct ignore **out, struct repo *repo);
void ignore_free(struct ignore *ig);

/*
 * The pattern that decides `path`: the directory-excluding pattern if a
 * parent directory is ignored, else the strongest match (possibly a
 * negative one), else NULL.  Borrowed from `ig`, valid until the next call.
 * Returns 0, or UG_ERROR if a .gitignore file cannot be read.
 */
int ignore_match(const struct ignore_pattern **out, struct ignore *ig,
		 const char *path, int is_dir);

/* 1 if `path` is ignored, 0 if not, <0 on error (as ignore_match()). */
int ignore_is_ignored(struct ignore *ig, const char *path, int is_dir);

#endif /* UGIT_IGNORE_H */
