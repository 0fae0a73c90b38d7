#ifndef UGIT_REVWALK_H
#define UGIT_REVWALK_H

/*
 * revwalk - walking history the way `git log` does.
 *
 * Start points are pushed as interesting ("B") or uninteresting ("^A",
 * the left side of "A..B").  The walk keeps a queue ordered by committer
 * date, newest first; among equal dates the commit queued first comes
 * first (git's commit_list_insert_by_date).  Popping a commit queues its
 * parents.  Uninteresting commits pass their mark on to every ancestor
 * already known, and when there are any, the walk runs to completion
 * first (git's limit_list) and stops once the queue holds nothing
 * interesting for five rounds in a row, so a commit with a skewed clock
 * is treated as git treats it.
 *
 * With paths (`-- <path>...`) a commit is shown only if it changes one of
 * them against its parents (git's default history simplification: a
 * merge that is TREESAME to one parent follows only that parent, and is
 * itself hidden).  Trees are compared by id, so unchanged subtrees are
 * never read.
 *
 * Every commit is read and parsed once and kept in a hash table keyed by
 * its id, until revwalk_free().
 */

#include <stddef.h>
#include <stdint.h>

#include "ugit/commit.h"
#include "ugit/oid.h"

struct repo;

/* Flags of a commit during the walk (git's object flags of the same names). */
enum revwalk_commit_flags {
	REVWALK_SEEN = (1 << 0),	/* queued once; never again */
	REVWALK_ADDED = (1 << 1),	/* its parents have been queued */
	REVWALK_UNINTERESTING = (1 << 2),	/* reachable from a ^A */
	REVWALK_BOTTOM = (1 << 3),	/* a ^A given by the user */
	REVWALK_TREESAME = (1 << 4),	/* changes none of the paths */
	REVWALK_SHOWN = (1 << 5),	/* returned by revwalk_next() */
	REVWALK_PARSED = (1 << 6),	/* `commit` and `parents` are filled in */
};

struct revwalk_commit {
	struct oid oid;
	unsigned flags;			/* REVWALK_* */
	uint64_t seq;			/* when it was queued: breaks date ties */
	unsigned mb_flags;		/* revwalk_merge_bases()'s own marks */
	/* the parsed commit; its parents list is the original one */
	struct commit commit;
	/*
	 * Parents as walked: after history simplification a merge may keep
	 * only the parent it is TREESAME to.
	 */
	struct revwalk_commit **parents;
	size_t parents_nr;
};

struct revwalk_options {
	int first_parent;	/* --first-parent */
	int reverse;		/* --reverse (applied after max_count and skip) */
	long max_count;		/* -n; -1 for no limit */
	long skip;		/* --skip */
	const char **paths;	/* paths from the top of the work tree, or NULL */
	size_t paths_nr;
};

#define REVWALK_OPTIONS_INIT { 0, 0, -1, 0, NULL, 0 }

struct revwalk;

/*
 * A new walk over `repo` (borrowed; must outlive the walk).  `opts` is
 * copied (the paths array is borrowed).  Caller frees with revwalk_free().
 */
struct revwalk *revwalk_new(struct repo *repo, const struct revwalk_options *opts);
void revwalk_free(struct revwalk *w);

/*
 * Replace the options (copied as in revwalk_new()); only before the
 * first revwalk_next(), so start points can be pushed while a command
 * line is still being read.
 */
void revwalk_set_options(struct revwalk *w, const struct revwalk_options *opts);

/*
 * Add a start point.  `oid` may name a tag, which is peeled to its
 * commit.  `uninteresting`: a "^A".  Returns 0; UG_EINVALID if it is
 * not a commit ("object <id> is a tree, not a commit"); UG_ENOTFOUND or
 * UG_ECORRUPT if it cannot be read ("bogus commit object <id>").
 */
int revwalk_push(struct revwalk *w, const struct oid *oid, int uninteresting);

/*
 * The next commit to show.  Returns 1 with *out set (borrowed from the
 * walk, valid until revwalk_free()), 0 at the end, or <0 if a commit
 * cannot be read (the walk cannot go on).
 */
int revwalk_next(struct revwalk_commit **out, struct revwalk *w);

/*
 * The best common ancestors of `a` and `b` (tags peeled), as git's
 * get_merge_bases(): the commits both reach that no other such commit
 * reaches, newest first.  Uses the walk's table of commits, so it must
 * come before revwalk_next() (as "A...B" is read with the command line).
 * Caller frees *out with free().  Errors as revwalk_push().
 */
int revwalk_merge_bases(struct oid **out, size_t *nr, struct revwalk *w,
			const struct oid *a, const struct oid *b);

#endif /* UGIT_REVWALK_H */
