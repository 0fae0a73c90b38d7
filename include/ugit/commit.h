#ifndef UGIT_COMMIT_H
#define UGIT_COMMIT_H

/*
 * commit - "tree", "parent"*, "author", "committer" headers, other
 * headers (encoding, gpgsig, mergetag ...), a blank line, the message.
 *
 * commit_parse() is lenient like git's parse_commit_buffer(): it needs a
 * well-formed tree line and well-formed parent lines, and takes author,
 * committer and everything else as they come, so odd histories still
 * read.  commit_serialize() writes git's exact layout.  commit_check() is
 * git's fsck_commit().
 */

#include <stddef.h>
#include <stdint.h>

#include "ugit/fsck.h"
#include "ugit/oid.h"

struct strbuf;

struct commit {
	struct oid tree;
	struct oid *parents;
	size_t parents_nr, parents_alloc;
	char *author;		/* text after "author ", no newline; NULL if none */
	char *committer;	/* text after "committer ", no newline; NULL if none */
	/*
	 * Every other header line verbatim, each with its '\n', in order
	 * (continuation lines of gpgsig/mergetag included).  A second author
	 * or committer line lands here too.  Never NULL after commit_parse().
	 */
	char *extra_headers;
	/* Everything after the first blank line; "" if none.  May hold NULs. */
	char *message;
	size_t message_len;
	/*
	 * The committer date as git's parse_commit_date() reads it for
	 * ordering history: 0 unless "author" and then "committer" directly
	 * follow the parents; digits after the first '>' of the committer
	 * line, saturating like strtoumax().  Not used by commit_serialize().
	 */
	uint64_t date;
};

#define COMMIT_INIT { { { 0 } }, NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0 }

/*
 * Parse a commit body.  Returns 0, or UG_ECORRUPT with git's message, to
 * which git appends the commit's id ("bogus commit object <id>"): "bogus
 * commit object" (no "tree <hex>" first line, or nothing after it), "bad
 * tree pointer in commit", "bad parents in commit".  CRLF line ends or a
 * leading blank line are refused, as git refuses them.
 * Caller owns *out (released on failure); release with commit_release().
 */
int commit_parse(struct commit *out, const void *buf, size_t len);
void commit_release(struct commit *c);

/*
 * Append the body of `c` in git's layout to `out`: tree, parents, author
 * and committer (each skipped if NULL), extra_headers verbatim, a blank
 * line, the message.  A canonical commit parses and serializes back to
 * the same bytes.
 */
void commit_serialize(struct strbuf *out, const struct commit *c);

/*
 * The value of the first extra header called `key` ("encoding"), up to
 * its newline (continuation lines not included); NULL if there is none.
 * Returns a pointer into `c`; `*len` gets its length.
 */
const char *commit_header(const struct commit *c, const char *key,
			  size_t *len);

/*
 * fsck a raw commit body as git 2.39's fsck_commit() (see fsck.h):
 * nulInHeader/unterminatedHeader, missingTree, badTreeSha1, badParentSha1,
 * missingAuthor/multipleAuthors, missingCommitter, the ident checks of
 * ident_check() on author and committer, nulInCommit.
 */
int commit_check(const void *buf, size_t len, const struct fsck_options *opts);

#endif /* UGIT_COMMIT_H */
