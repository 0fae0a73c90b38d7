#ifndef UGIT_STATUS_H
#define UGIT_STATUS_H

/*
 * status - what differs between HEAD, the index and the work tree.
 *
 * Three comparisons make git's status: HEAD's tree against the index
 * (the "staged" changes a commit would record), the index against the
 * work tree (the "unstaged" changes), and the work tree against both
 * (untracked and ignored files).  This module computes them and prints
 * nothing; the status and commit commands format the result.
 *
 * The index's stat data makes the second comparison cheap: a file whose
 * lstat() matches its entry is not read at all.  A file whose stat data
 * changed but whose content did not is not a change; its entry gets the
 * new stat data (status_collect() says so, and the caller may write the
 * index).  The first comparison uses the index's cache-tree: a directory
 * whose cached tree id equals HEAD's is skipped without reading it.
 * Nothing is ever written to the object database.
 */

#include <stddef.h>

#include "ugit/oid.h"
#include "ugit/worktree.h"

struct index;
struct pathspec;
struct repo;
struct strbuf;

/*
 * One changed path.  `index` and `worktree` are git's short-format
 * letters: ' ' (unchanged), 'A' added, 'M' modified, 'D' deleted, 'T'
 * type changed, 'R' renamed (index side only).  An unmerged path has
 * `unmerged` set to its stages as bits (1 << (stage - 1)) and both
 * letters describe the conflict as git does ("UU", "AA", "DU", ...).
 */
struct status_item {
	char *path;		/* from the top; a rename's new path */
	char *orig_path;	/* a rename's old path, else NULL */
	char index;
	char worktree;
	unsigned unmerged;	/* 0, or stage bits 1 (base), 2 (ours), 4 (theirs) */
	int new_commits;	/* a submodule whose HEAD moved from the recorded commit */
};

enum status_untracked_mode {
	STATUS_UNTRACKED_NO,
	STATUS_UNTRACKED_NORMAL,	/* a directory holding nothing tracked is "dir/" */
	STATUS_UNTRACKED_ALL,		/* every file */
};

struct status_options {
	/* the commit the index is compared with; NULL: there is none yet */
	const struct oid *base;
	enum status_untracked_mode untracked;
	int show_ignored;		/* list ignored paths too (--ignored) */
	const struct pathspec *ps;	/* NULL: everything */
	int no_renames;			/* do not pair deletions with additions */
};

struct status {
	struct status_item *items;	/* sorted by path */
	size_t nr, alloc;
	struct worktree_list untracked;	/* paths from the top, sorted */
	struct worktree_list ignored;
	int refreshed;			/* entries of the index got new stat data */
};

#define STATUS_INIT { NULL, 0, 0, WORKTREE_LIST_INIT, WORKTREE_LIST_INIT, 0 }

/*
 * Compare `opts->base`'s tree, `idx` and the work tree of `repo`.
 * Entries whose content is unchanged but whose stat data is not are
 * refreshed in `idx` (out->refreshed says so).  Returns 0, or <0: a
 * tree or the base commit cannot be read, a file cannot be read, an
 * ignore file cannot be read.  Caller releases `out` with status_release().
 */
int status_collect(struct status *out, struct repo *repo, struct index *idx,
		   const struct status_options *opts);
void status_release(struct status *st);

/* How many items have a staged change (index letter not ' ', or unmerged). */
size_t status_count_staged(const struct status *st);

/* 1 if some tracked file differs from its entry (worktree letter not ' '). */
int status_has_unstaged(const struct status *st);

/* git's words for an unmerged item: "both modified", "added by us", ... */
const char *status_unmerged_label(const struct status_item *it);

/*
 * Where a detached HEAD came from, as git names it after the newest
 * "checkout: moving from X to Y" in HEAD's reflog: Y when that ref still
 * points at the commit it pointed at then (tags and remote-tracking refs
 * shortened), else that commit's abbreviated id.  *at is 1 while HEAD
 * (`head`) is still that commit ("detached at"), 0 when it has moved
 * ("detached from").  Returns 0 with the name appended to `name`, or 1
 * if the reflog has no checkout (git then says "Not currently on any
 * branch").  Reflog read errors count as no checkout.
 */
int status_detached_from(struct strbuf *name, int *at, struct repo *repo,
			 const struct oid *head);

/*
 * The branch's upstream, as branch.<name>.remote and branch.<name>.merge
 * configure it: for remote "." the local branch named, else the
 * remote-tracking ref remote.<remote>.fetch maps it to.
 */
struct status_upstream {
	char *name;		/* as shown: "origin/master"; NULL if none */
	int gone;		/* configured, but the ref does not exist */
	size_t ahead, behind;	/* commits only the branch / only the upstream has */
};

#define STATUS_UPSTREAM_INIT { NULL, 0, 0, 0 }

/*
 * Fill `out` for `branch` ("refs/heads/x") at commit `head`.  Returns 0
 * (out->name NULL when nothing is configured), or <0 if a commit cannot
 * be read.  Release with status_upstream_release().
 */
int status_upstream(struct status_upstream *out, struct repo *repo,
		    const char *branch, const struct oid *head);
void status_upstream_release(struct status_upstream *up);

#endif /* UGIT_STATUS_H */
