#ifndef UGIT_COMMIT_H
#define UGIT_COMMIT_H

/*
 * commit - "tree", "parent"*, "author", "committer" headers, other
 * headers (encoding, gpgsig, mergetag ...), a blank line, the message.
 *
 * commit_parse() is lenient like git's parse_commit_buffer(): it needs a
 * tree line and reads parents, author and committer if present.
 * commit_serialize() writes git's exact layout.  commit_check() is git's
 * fsck_commit().
 */

#include <stddef.h>

#include "ugit/fsck.h"
#include "ugit/oid.h"

struct strbuf;

struct commit {
	struct oid tree;
	struct oid *parents;
	size_t parents_nr, parents_alloc;
	char *author;		/* text after "author ", no newline; NULL if none */
	char *committer;	/* text after "committer ", no newline; NULL if none */
	char *extra_headers;	/* other header lines verbatim, each with '\n' */
	char *message;		/* everything after the blank line */
	size_t message_len;
};

#define COMMIT_INIT { { { 0 } }, NULL, 0, 0, NULL, NULL, NULL, NULL, 0 }

/*
 * Parse a commit body.  Returns 0 or UG_ECORRUPT ("bogus commit object").
 * Caller owns *out; release with commit_release().
 */
int commit_parse(struct commit *out, const void *buf, size_t len);
void commit_release(struct commit *c);

/* Append the body of `c` in git's layout to `out`. */
void commit_serialize(struct strbuf *out, const struct commit *c);

/* fsck a raw commit body (see fsck.h for the contract). */
int commit_check(const void *buf, size_t len, fsck_report_fn report,
		 void *payload);

#endif /* UGIT_COMMIT_H */
