#ifndef UGIT_REFS_H
#define UGIT_REFS_H

/*
 * refs - named pointers into the object graph.
 *
 * Names are full: "HEAD", "refs/heads/main", "refs/tags/v1.0" (expand short
 * names with revparse).  A ref is a file under the git directory holding
 * 40 hex digits, or "ref: <other ref>" (a symbolic ref), or - when there
 * is no such file - a line "<hex> <name>" of .git/packed-refs.  Loose
 * files win over packed-refs, as in git.
 *
 * Only names that cannot escape the git directory are ever opened (git's
 * refname_is_safe): under refs/ no component may be empty, "." or "..";
 * outside refs/ only all-caps names such as HEAD, ORIG_HEAD, FETCH_HEAD.
 * (git 2.39 also reads any other well-formed name, "foo" or "logs/HEAD",
 * as $GIT_DIR/<name>; ugit does not.)
 *
 * Writes follow git's files backend: every ref changed is locked as
 * "<ref>.lock" (O_EXCL), its current value is read and checked under the
 * lock, the new value is written into the lock and renamed over the ref,
 * and a line is appended to its reflog (logs/<ref>) on the way.  Deleting
 * a ref also removes its line from packed-refs (rewritten under
 * "packed-refs.lock"), its reflog, and directories left empty.
 *
 * packed-refs is read once per repo and kept (struct refs_cache in the
 * repo); it is read again only when its size, mtime or inode change, or
 * after this module rewrote it.
 */

#include "ugit/oid.h"

struct repo;
struct strbuf;

/* git's SYMREF_MAXDEPTH: at most this many refs are read per lookup. */
#define REFS_MAX_DEPTH 5

enum refs_flags {
	REFS_SYMREF = (1 << 0),		/* the name given is a symbolic ref */
	REFS_PACKED = (1 << 1),		/* the final value came from packed-refs */
	/*
	 * A ref on the way holds neither an id nor "ref: <name>", or (in
	 * refs_for_each) its name is not a valid ref name; its oid is null.
	 */
	REFS_BROKEN = (1 << 2),
	REFS_BAD_NAME = (1 << 3),	/* refs_for_each: the file's name is invalid */
};

/*
 * Follow `name` through symbolic refs to an object id.
 * Returns 0; UG_ENOTFOUND if the ref, or the end of its chain, does not
 * exist (an unborn HEAD); UG_EINVALID if `name` is unsafe or malformed,
 * or the chain of symbolic refs is too deep (more than REFS_MAX_DEPTH
 * refs), loops, or names an invalid ref; UG_ECORRUPT for a broken ref
 * ("broken ref refs/heads/x") or a damaged packed-refs ("unexpected line
 * in .git/packed-refs: ..."); UG_ERROR when a file cannot be read.
 */
int refs_resolve(struct oid *out, struct repo *repo, const char *name);

/*
 * refs_resolve() that also tells how it went, whatever it returns:
 * `*flags` gets REFS_* bits (REFS_BROKEN tells a broken ref from a
 * damaged packed-refs), and `referent` (if not NULL) receives the last
 * name reached ("refs/heads/master" for HEAD, also when that branch is
 * unborn; `name` itself for a direct ref).
 */
int refs_resolve_full(struct oid *out, struct strbuf *referent,
		      unsigned *flags, struct repo *repo, const char *name);

/*
 * If `name` is a symbolic ref, append its target ("refs/heads/main") to
 * `out` and return 1; return 0 if it is a direct ref (loose or packed),
 * UG_ENOTFOUND if it does not exist, or an error as refs_resolve().
 * Only `name` itself is read, so this works on an unborn HEAD.
 */
int refs_read_symbolic(struct strbuf *out, struct repo *repo, const char *name);

/*
 * git's refname_is_safe(): 1 if opening <gitdir>/<name> stays inside the
 * refs area (see the top of this file), else 0.  Whether a name is
 * well-formed is refname_is_valid()'s question (ugit/refname.h).
 */
int refs_name_is_safe(const char *name);

/*
 * Called once per ref; `name` and `oid` are borrowed for the call.  A
 * symbolic ref comes with REFS_SYMREF and the id it resolves to.  Broken
 * refs are passed too, with a null oid and REFS_BROKEN (and
 * REFS_BAD_NAME when the name is invalid): most callers skip them with
 * git's "warning: ignoring broken ref <name>"; fsck reports them.
 * Return non-zero to stop.
 */
typedef int (*refs_each_fn)(const char *name, const struct oid *oid,
			    unsigned flags, void *payload);

/*
 * Call `fn` for every ref whose name starts with `prefix` ("refs/" for
 * all, "refs/heads/" for branches), loose and packed, in byte order of
 * their names.  HEAD and other names outside refs/ are not included.
 * Files named ".*" or "*.lock" under refs/ are not refs.  Returns 0, the
 * first non-zero value `fn` returned, or an error (a damaged
 * packed-refs, an unreadable directory) before any call.
 */
int refs_for_each(struct repo *repo, const char *prefix, refs_each_fn fn,
		  void *payload);

/* One line of a reflog: "<old> <new> <ident>\t<message>". */
struct refs_reflog_entry {
	struct oid old_oid;	/* null for the ref's creation */
	struct oid new_oid;	/* null for its deletion */
	const char *ident;	/* "Name <email> <epoch> <tz>", borrowed; not NUL-terminated */
	size_t ident_len;
	const char *message;	/* after the tab, without newline; "" if none */
};

typedef int (*refs_reflog_fn)(const char *refname,
			      const struct refs_reflog_entry *entry,
			      void *payload);

/*
 * Call `fn` for every entry of every reflog (logs/HEAD as "HEAD", then
 * logs/refs/... in name order), oldest entry first.  Lines that do not
 * start with two ids are skipped, as git's readers skip them.  Stops at
 * and returns the first non-zero value of `fn`; <0 if a log cannot be
 * read.
 */
int refs_for_each_reflog(struct repo *repo, refs_reflog_fn fn, void *payload);

/*
 * Call `fn` for every entry of the reflog of `refname` ("HEAD",
 * "refs/heads/main"), oldest first, as refs_for_each_reflog().
 * UG_ENOTFOUND if the ref has no reflog.
 */
int refs_read_reflog(struct repo *repo, const char *refname, refs_reflog_fn fn,
		     void *payload);

/* ---- writing ---- */

/*
 * Who and why, for the reflog entries an update writes.  `ident` is the
 * committer, "Name <email> <epoch> <tz>" as signature_default() makes it
 * (git logs the committer even when it had to guess one); NULL writes no
 * reflog entry at all.  `message` is one line, NULL or "" for none; runs
 * of blanks in it become one space and blanks at either end go, as git
 * does.
 */
struct refs_log {
	const char *ident;
	const char *message;
};

enum refs_update_flags {
	/* change `name` itself even if it is a symbolic ref (--no-deref) */
	REFS_UPDATE_NO_DEREF = (1 << 0),
	/* create the reflog even where core.logAllRefUpdates would not */
	REFS_UPDATE_CREATE_REFLOG = (1 << 1),
	/* with `old_oid` NULL: fail unless the ref exists */
	REFS_UPDATE_MUST_EXIST = (1 << 2),
};

/*
 * Set ref `name` (following symbolic refs unless REFS_UPDATE_NO_DEREF) to
 * `new_oid`; a null `new_oid` deletes it (see refs_delete()).
 *
 * `old_oid` is the value the caller expects the ref to have now, checked
 * under the lock: NULL for "any value" (or "must exist" with
 * REFS_UPDATE_MUST_EXIST), a null oid for "must not exist yet", else that
 * id.  This is what makes a commit safe against a concurrent one:
 *
 *	refs_update(repo, "HEAD", &new_commit, &old_head_or_null, 0,
 *		    &(struct refs_log){ ident, "commit (initial): subject" });
 *
 * moves the branch HEAD points to (or a detached HEAD) and writes both
 * reflogs (logs/HEAD and logs/refs/heads/<branch>).  Updating a branch
 * by its own name also logs in HEAD's reflog when HEAD points to it, as
 * git does.  Reflogs are written for HEAD, refs/heads/, refs/remotes/ and
 * refs/notes/ when core.logAllRefUpdates is true (or unset in a non-bare
 * repository), for every ref when it is "always", and for any ref whose
 * reflog exists already.
 *
 * Errors (the message is git's text after "update_ref failed for ref
 * '<name>': "):
 *   UG_EINVALID  "refusing to update ref with bad name '<name>'"
 *   UG_ELOCKED   "cannot lock ref '<name>': Unable to create '<abs>.lock':
 *                File exists.\n\nAnother git process..." (also for HEAD.lock)
 *   UG_ECONFLICT "cannot lock ref '<name>': is at <hex> but expected <hex>",
 *                "... reference already exists",
 *                "... unable to resolve reference '<ref>'" (missing)
 *   UG_EEXISTS   "cannot lock ref '<name>': 'refs/heads/a' exists; cannot
 *                create 'refs/heads/a/b'" (and the other way round)
 *   UG_ERROR     file-system failures.
 * On any error nothing has changed.
 */
int refs_update(struct repo *repo, const char *name, const struct oid *new_oid,
		const struct oid *old_oid, unsigned flags,
		const struct refs_log *log);

/*
 * Delete ref `name` (or, following a symbolic ref, the ref it points to;
 * with REFS_UPDATE_NO_DEREF the symbolic ref itself): its loose file, its
 * line in packed-refs, its reflog, and parent directories left empty.
 * `old_oid` as in refs_update() (NULL: any value).  Deleting a ref that
 * does not exist succeeds.  A deletion through HEAD, or of the branch
 * HEAD points to, leaves an "<old> 0000..." entry in HEAD's reflog.
 * Errors as refs_update(), and UG_ELOCKED with just the lockfile message
 * when packed-refs.lock is held.
 */
int refs_delete(struct repo *repo, const char *name, const struct oid *old_oid,
		unsigned flags, const struct refs_log *log);

/*
 * Make `name` ("HEAD") a symbolic ref to `target` ("refs/heads/main",
 * which need not exist).  If `log` has an ident and `target` resolves,
 * `name`'s reflog gets "<old value> <target's value>", with or without a
 * message, as git's checkout and symbolic-ref write it.  Errors: UG_EINVALID for a bad `name` or `target`;
 * otherwise as refs_update().
 */
int refs_update_symbolic(struct repo *repo, const char *name,
			 const char *target, const struct refs_log *log);

/*
 * Rename ref `old_name` (a direct ref, loose or packed) to `new_name`,
 * which must not exist: its value and its reflog move, and the reflog
 * gets "<id> <id> <ident>\t<message>" (git's branch -m message is
 * "Branch: renamed refs/heads/a to refs/heads/b").  Deleting the old
 * name leaves "<id> 0000..." in HEAD's reflog if HEAD points to it; the
 * caller then points HEAD at the new name with refs_update_symbolic()
 * and the same log, as git's branch -m does.  Errors: UG_ENOTFOUND
 * "refname <old> not found", UG_EINVALID for a symbolic ref or a bad
 * name, UG_EEXISTS "cannot lock ref '<new>': reference already exists",
 * and those of refs_update().
 */
int refs_rename(struct repo *repo, const char *old_name, const char *new_name,
		const struct refs_log *log);

/*
 * A transaction: several updates that happen all or not at all (as far
 * as the file system allows: every lock is taken and every old value
 * checked before anything is written).
 */
struct refs_transaction;

/* Caller frees with refs_transaction_free(). */
struct refs_transaction *refs_transaction_begin(struct repo *repo);

/*
 * Queue an update: `new_oid` as refs_update() (null: delete; NULL: only
 * check `old_oid`, git's "verify"), `old_oid` and `flags` as there.  The
 * strings are copied.  Returns UG_EINVALID for a bad name or a second
 * update of the same ref ("multiple updates for ref '<name>' not
 * allowed"); nothing is locked yet.
 */
int refs_transaction_update(struct refs_transaction *tx, const char *name,
			    const struct oid *new_oid, const struct oid *old_oid,
			    unsigned flags, const struct refs_log *log);

/*
 * git refuses to point a ref at an object that does not exist, and HEAD
 * or a branch (refs/heads/) at anything but a commit.  refs cannot read
 * objects (storage modules do not know each other), so a caller writing
 * ids that come from users sets a check: `fn` is called, once everything
 * is locked, with each new value and the ref that would get it (the end
 * of a symref chain); a negative return, with a message such as "trying
 * to write non-commit object <id> to branch '<ref>'", fails the
 * transaction with "cannot update ref '<ref>': <message>".
 */
typedef int (*refs_check_fn)(const struct oid *oid, const char *refname,
			     void *payload);
void refs_transaction_set_check(struct refs_transaction *tx, refs_check_fn fn,
				void *payload);

/*
 * Lock everything, check the old values, then write.  Returns 0 or the
 * first error (as refs_update()), having changed nothing.  A transaction
 * is committed at most once.
 */
int refs_transaction_commit(struct refs_transaction *tx);

/* Release the locks still held and free `tx` (NULL is fine). */
void refs_transaction_free(struct refs_transaction *tx);

/*
 * Append git's shortest unambiguous name for full ref `name`
 * ("refs/heads/main" -> "main", unless "main" or "refs/tags/main" also
 * exists; "refs/remotes/o/HEAD" -> "o"), as symbolic-ref --short and
 * rev-parse --abbrev-ref print it; `name` itself if nothing shorter works.
 */
void refs_shorten(struct strbuf *out, struct repo *repo, const char *name);

/* The per-repo packed-refs snapshot (repo_free() frees it); NULL is fine. */
struct refs_cache;
void refs_cache_free(struct refs_cache *cache);

#endif /* UGIT_REFS_H */
