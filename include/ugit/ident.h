#ifndef UGIT_IDENT_H
#define UGIT_IDENT_H

/*
 * ident - "Name <email> <epoch> <+hhmm>" lines (author, committer, tagger).
 *
 * ident_parse() is lenient, as git's split_ident_line(): the email runs
 * from the FIRST '<' to the first '>' after it, and the date is whatever
 * digits follow the LAST '>', so real histories with odd idents still
 * display.  ident_check() is git's strict fsck_ident().
 */

#include <stddef.h>
#include <stdint.h>

#include "ugit/fsck.h"

struct strbuf;

struct ident {
	const char *name;	/* borrowed from the parsed line; trailing blanks cut */
	size_t name_len;
	const char *email;	/* without the angle brackets */
	size_t email_len;
	const char *date;	/* "<epoch> <tz>" as written; NULL if none */
	size_t date_len;
	/*
	 * What git displays: 0 if there is no date or it does not fit in a
	 * signed 64-bit time_t; tz is then 0 too.
	 */
	uint64_t timestamp;
	int tz;			/* e.g. -700 for "-0700" */
};

/*
 * Split `line` (`len` bytes; a trailing newline is allowed) into `out`,
 * which borrows from `line`.  A line with "<email>" but no readable date
 * ("Name <email>", "Name <email> junk") is fine: out->date is NULL.
 * Returns 0, or UG_EINVALID if there is no '<', or no '>' after it.
 */
int ident_parse(struct ident *out, const char *line, size_t len);

/*
 * fsck an ident as git 2.39's fsck_ident(): `line` is the text after
 * "author " (or "committer ", "tagger "), `len` the bytes left in the
 * object, newline and what follows included - like git, the date reader
 * may skip blank space across the newline.  Reports the first of
 * missingNameBeforeEmail, badName, missingEmail, missingSpaceBeforeEmail,
 * badEmail, missingSpaceBeforeDate, zeroPaddedDate, badDateOverflow,
 * badDate, badTimezone.  `*consumed` is set to the bytes up to and
 * including the first '\n' (all of `len` if none).  Returns what the
 * report returned, or 0 (see fsck.h).
 */
int ident_check(const char *line, size_t len, size_t *consumed,
		const struct fsck_options *opts);

/*
 * Read a timestamp as git does, with strtoumax() on a NUL-terminated
 * buffer: from s[i], skip white space (newlines included), take a sign
 * and decimal digits; saturate at UINT64_MAX; "-1" wraps to 2^64 - 1.
 * Never reads s[len] or beyond.  *end is where reading stopped (i itself
 * if there were no digits).
 */
uint64_t ident_read_timestamp(const char *s, size_t len, size_t i,
			      size_t *end);

/* Append "Name <email> <epoch> <+hhmm>" to `out` (tz -700 is "-0700"). */
void ident_format(struct strbuf *out, const char *name, const char *email,
		  uint64_t timestamp, int tz);

#endif /* UGIT_IDENT_H */
