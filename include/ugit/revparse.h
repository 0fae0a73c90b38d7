#ifndef UGIT_REVPARSE_H
#define UGIT_REVPARSE_H

/*
 * revparse - turning what a user types into an object id (gitrevisions).
 *
 * Understood: a full 40-hex id (taken as it is, like git, even if no
 * such object exists), "@" for HEAD, a ref name expanded in git's order -
 * <name> itself (only HEAD-like names and refs/...), then refs/<name>,
 * refs/tags/<name>, refs/heads/<name>, refs/remotes/<name>,
 * refs/remotes/<name>/HEAD - and an abbreviated id of 4 to 39 hex digits.
 * A ref wins over an abbreviated id.  Then any chain of suffixes, applied
 * left to right: "^" / "^N" (N-th parent, "^0" the commit itself), "~" /
 * "~N" (N first parents back), "^{commit}", "^{tree}", "^{blob}",
 * "^{tag}", "^{object}" (must exist), "^{}" (peel tags); a tag is peeled
 * to a commit before ^ and ~.  Finally "<rev>:<path>" names an entry of
 * rev's tree ("<rev>:" the tree itself; "./" and "../" start from the
 * current directory).  ":<path>" and ":<n>:<path>" name the blob the
 * index holds for path at stage n (0 by default).  Reflogs:
 * "<ref>@{<n>}" is the value the ref had n changes ago (its reflog's n-th
 * newest entry); "@{<n>}" reads the current branch's reflog (HEAD's when
 * detached); "@{-<n>}" is the n-th branch or commit checked out before
 * this one (from HEAD's "checkout: moving from X to Y" entries).  Asking
 * beyond a reflog's start fails with UG_ERANGE, "log for '<ref>' only has
 * <n> entries", on which git dies even under --quiet.  Not understood:
 * "@{<date>}", "@{upstream}", ":/text", "^{/regex}", "<rev>^-N"; ranges
 * (A..B, ^A) are the caller's business.
 */

#include "ugit/object.h"
#include "ugit/oid.h"

struct repo;
struct strbuf;

/*
 * Resolve `name`.  Returns 0; UG_ENOTFOUND ("Not a valid object name
 * <name>"); UG_EAMBIGUOUS ("short object ID <hex> is ambiguous", the hex
 * in lower case: print it as "error: <msg>" followed by the lines of
 * revparse_format_ambiguous()); or the error of a damaged ref store
 * (UG_ECORRUPT for packed-refs, UG_ERROR for I/O).
 */
int revparse_single(struct oid *out, struct repo *repo, const char *name);

enum revparse_flags {
	/*
	 * git's -q (GET_OID_QUIETLY): no "refname '<name>' is ambiguous."
	 * about a short name.  Broken and dangling refs still warn, and so
	 * does a 40-hex name that is also a ref, as in git.
	 */
	REVPARSE_QUIET = (1 << 0),
	/*
	 * Take a 40-hex name without reading any ref, so without the warning
	 * about a ref of that name (git's cat-file --batch skips it to stay
	 * fast).  Implied when `warnings` is NULL.
	 */
	REVPARSE_HEX_NO_REFS = (1 << 1),
	/*
	 * When "<rev>:<path>" fails, return UG_EINVALID with git's reason
	 * instead of UG_ENOTFOUND: "invalid object name '<rev>'.", "path
	 * '<path>' does not exist in '<rev>'", "path '<path>' exists on disk,
	 * but not in '<rev>'" (git's messages when it is about to die).
	 */
	REVPARSE_EXPLAIN = (1 << 2),
};

/*
 * revparse_single() that also appends to `warnings` (unless NULL) what
 * git prints on stderr while it resolves `name`, as complete lines to
 * print as they are, whether or not the call succeeds:
 *   "warning: refname '<name>' is ambiguous.\n" when several refs match,
 *     or a ref and an abbreviated id do (core.warnAmbiguousRefs), and
 *     for a 40-hex name that is also a ref, with git's advice after it
 *     (advice.objectNameWarning);
 *   "warning: ignoring dangling symref <ref>\n",
 *   "warning: ignoring broken ref <ref>\n" for refs met on the way;
 *   "error: object <id> is a tree, not a commit\n" (^ or ~ on a non-commit),
 *   "error: <name>^{blob}: expected blob type, but the object dereferences
 *     to tree type\n" (a ^{type} that cannot be reached); these are
 *     failures, the call returns UG_ENOTFOUND.
 * `flags` (REVPARSE_*) leave some of them out.  With `warnings` NULL a
 * 40-hex name is taken without reading any ref, so that is cheap.
 */
int revparse_single_ext(struct oid *out, struct strbuf *warnings,
			struct repo *repo, const char *name, unsigned flags);

/*
 * Expand a short ref name ("main", "v1.0", "origin") to the first full
 * ref that exists, in the order above; "@" is "HEAD".  Returns how many
 * of the candidate refs exist (0 if none: *out and `full` untouched), or
 * an error as revparse_single().  `full` (may be NULL) receives the name
 * of the first ("refs/heads/main").  Warnings as revparse_single_ext()
 * about broken and dangling refs, not about ambiguity (the count says).
 */
int revparse_dwim_ref(struct oid *out, struct strbuf *full,
		      struct strbuf *warnings, struct repo *repo,
		      const char *name);

/*
 * The `n`-th (1: the last) branch or commit checked out before the
 * current one, as HEAD's reflog records it ("main", or a full hex id for
 * a detached HEAD), appended to `out`: what "@{-<n>}" and "checkout -"
 * name.  UG_ENOTFOUND if there were fewer checkouts (or no reflog).
 */
int revparse_previous_checkout(struct strbuf *out, struct repo *repo,
			       unsigned long n);

/*
 * Append git's list of the objects an ambiguous abbreviation `hex` could
 * mean, each line starting "hint: ":
 *
 *	hint: The candidates are:
 *	hint:   1a2b3c4 tag 2005-04-07 - v1.0
 *	hint:   1a2b3c5 commit 2005-04-07 - subject of the commit
 *	hint:   1a2b3c6 tree
 *	hint:   1a2b3c7 blob
 *
 * Tags first, then commits, trees, blobs and unreadable objects, each
 * group by id; ids shortened to at least 7 digits and as many as make
 * them unique; a commit shows its author date in the author's time
 * zone, a tag its tagger date in UTC.  Returns 0 or the odb's error.
 */
int revparse_format_ambiguous(struct strbuf *out, struct repo *repo,
			      const char *hex);

/*
 * Peel `oid` until it is an object of type `want`: a tag to the object
 * it names (again and again), a commit to its tree when a tree is
 * wanted.  `want` OBJ_NONE peels tags only (git's "^{}").
 * Returns 0 with *out the object found; otherwise *out is the object
 * where peeling stopped and the result is:
 *   UG_EINVALID  it cannot become a `want` ("object <id> is a blob, not
 *                a tree"): what `ls-tree <blob>` calls "not a tree object";
 *   UG_ENOTFOUND it does not exist;
 *   UG_ECORRUPT  it cannot be read, or is a tag or commit that cannot be
 *                parsed ("bogus commit object <id>", "unknown tag type
 *                'x' in <id>"), or a tag's target is not of the type the
 *                tag says ("object <id> is a blob, not a tree").
 */
int revparse_peel(struct oid *out, struct repo *repo, const struct oid *oid,
		  enum object_type want);

#endif /* UGIT_REVPARSE_H */
