#ifndef UGIT_IDENT_H
#define UGIT_IDENT_H

/*
 * ident - "Name <email> <epoch> <+hhmm>" lines (author, committer, tagger).
 *
 * ident_parse() is lenient, as git's split_ident_line(): it finds the
 * last "<...>" and reads whatever date follows, so real histories with odd
 * idents still display.  ident_check() is git's fsck_ident().
 */

#include <stddef.h>
#include <stdint.h>

#include "ugit/fsck.h"

struct strbuf;

struct ident {
	const char *name;	/* borrowed from the parsed line */
	size_t name_len;
	const char *email;	/* without the angle brackets */
	size_t email_len;
	const char *date;	/* "<epoch> <tz>" as written; NULL if none */
	size_t date_len;
	uint64_t timestamp;	/* 0 if missing or unparseable */
	int tz;			/* e.g. -700 for "-0700" */
};

/*
 * Split `line` (`len` bytes, no trailing newline needed) into `out`,
 * which borrows from `line`.  Returns 0, or UG_EINVALID if there is no
 * "<email>" at all.
 */
int ident_parse(struct ident *out, const char *line, size_t len);

/*
 * fsck an ident (the text after "author " up to and including its '\n').
 * Reports through `report`; returns its non-zero value if it asked to stop,
 * else 0.  `*consumed` is set to the bytes up to and including the '\n'.
 */
int ident_check(const char *line, size_t len, size_t *consumed,
		fsck_report_fn report, void *payload);

/* Append "Name <email> <epoch> <+hhmm>" to `out`. */
void ident_format(struct strbuf *out, const char *name, const char *email,
		  uint64_t timestamp, int tz);

#endif /* UGIT_IDENT_H */
