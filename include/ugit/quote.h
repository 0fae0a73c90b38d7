#ifndef UGIT_QUOTE_H
#define UGIT_QUOTE_H

/*
 * quote - how git writes a path that may hold awkward bytes.
 *
 * git prints a path as it is unless it contains a byte that would break a
 * line-oriented listing or a terminal; then the whole path goes in double
 * quotes with C escapes: \a \b \t \n \v \f \r, \" and \\, and a three-digit
 * octal escape (\001, \177, \303) for every other control byte, for DEL and
 * - with core.quotePath at its default, true - for every byte >= 0x80, so
 * "ünï" prints as "\303\274n\303\257".  Output with -z is never quoted.
 */

#include <stddef.h>

struct strbuf;

enum quote_flags {
	/*
	 * core.quotePath=false: bytes >= 0x80 are written as they are
	 * (UTF-8 names stay readable); control bytes and DEL still quote.
	 */
	QUOTE_KEEP_HIGH_BYTES = (1 << 0),
};

/* 1 if git would quote the `len` bytes at `name` (which may hold NULs), else 0. */
int quote_path_needed(const char *name, size_t len, unsigned flags);

/*
 * Append `name` (`len` bytes) to `out`: unchanged if no quoting is
 * needed, else in double quotes with the escapes above.
 */
void quote_path(struct strbuf *out, const char *name, size_t len,
		unsigned flags);

#endif /* UGIT_QUOTE_H */
