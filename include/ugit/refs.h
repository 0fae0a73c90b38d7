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
 * This module only reads for now; updates come with the refs commands.
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

#endif /* UGIT_REFS_H */
