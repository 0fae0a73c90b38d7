#ifndef UGIT_PRETTY_H
#define UGIT_PRETTY_H

/*
 * pretty - showing a commit as `git log` shows it.
 *
 * The built-in formats (medium, the default; oneline, short, full,
 * fuller, raw) and user formats with %-placeholders ("format:" separates
 * entries with a newline, "tformat:" ends each with one).  Ids are
 * abbreviated as git abbreviates them: at least `abbrev` digits and as
 * many more as make them unique among the objects.  Decorations (the
 * ref names next to a commit) come from pretty_decorations_load().
 */

#include "ugit/commit.h"
#include "ugit/date.h"
#include "ugit/oid.h"

struct repo;
struct strbuf;

enum pretty_format {
	PRETTY_MEDIUM,
	PRETTY_ONELINE,
	PRETTY_SHORT,
	PRETTY_FULL,
	PRETTY_FULLER,
	PRETTY_RAW,
	PRETTY_USER,		/* `user_format` with placeholders */
};

struct pretty_decorations;

struct pretty_options {
	enum pretty_format fmt;
	const char *user_format;	/* PRETTY_USER: borrowed */
	/*
	 * Each entry ends with a newline (oneline, tformat:) rather than a
	 * newline going between entries (the other built-ins, format:).
	 */
	int use_terminator;
	int abbrev_commit;		/* --abbrev-commit: short ids in headers */
	int abbrev;			/* minimum digits of a short id (core.abbrev) */
	enum date_mode date_mode;	/* --date= */
	/* for %d and %D, and for the commit lines if show_decorations; may be NULL */
	const struct pretty_decorations *decorations;
	int show_decorations;		/* --decorate: "commit <id> (HEAD -> main)" */
};

#define PRETTY_OPTIONS_INIT { PRETTY_MEDIUM, NULL, 0, 0, 7, DATE_NORMAL, NULL, 0 }

/*
 * Set opts->fmt, user_format and use_terminator from the value of
 * --pretty= / --format=: a format's name ("oneline", "medium", ...),
 * "format:<fmt>", "tformat:<fmt>", or anything with a '%' in it (taken as
 * "tformat:").  `arg` is borrowed.  Returns 0, or UG_EINVALID with git's
 * "invalid --pretty format: <arg>".
 */
int pretty_parse_format(struct pretty_options *opts, const char *arg);

/*
 * Append commit `oid` (parsed as `c`) in opts' format to `out`, without
 * what goes between entries (see use_terminator).  The built-in formats
 * other than oneline end with a newline.  Returns 0 or <0 if the object
 * database cannot be read for an abbreviation.
 */
int pretty_format_commit(struct strbuf *out, struct repo *repo,
			 const struct pretty_options *opts,
			 const struct oid *oid, const struct commit *c);

/*
 * The ref names that decorate commits, as git 2.39's log loads them:
 * refs/heads/, refs/remotes/, refs/tags/ (on the tag and on what it
 * points to), refs/stash and HEAD.  `full`: show "refs/heads/main"
 * rather than "main".  Returns 0 or <0 if the refs cannot be read.
 * Caller frees *out with pretty_decorations_free().
 */
int pretty_decorations_load(struct pretty_decorations **out,
			    struct repo *repo, int full);
void pretty_decorations_free(struct pretty_decorations *d);

/*
 * Append the decorations of `oid` in git's order ("HEAD -> main, tag:
 * v1, origin/main, topic"), between `prefix` and `suffix`; nothing at all
 * if it has none.
 */
void pretty_add_decorations(struct strbuf *out,
			    const struct pretty_decorations *d,
			    const struct oid *oid, const char *prefix,
			    const char *suffix);

#endif /* UGIT_PRETTY_H */
