/* quote: git's C-style quoting of paths (core.quotePath). */
#include "ugit/quote.h"

#include "ugit/strbuf.h"

/*
 * The letter of the short C escape for `c` ('t' for a tab), '"' and '\\'
 * for themselves, 0 if `c` needs an octal escape, -1 if it needs none.
 */
static int escape_of(unsigned char c, unsigned flags)
{
	switch (c) {
	case '\a': return 'a';
	case '\b': return 'b';
	case '\t': return 't';
	case '\n': return 'n';
	case '\v': return 'v';
	case '\f': return 'f';
	case '\r': return 'r';
	case '"': return '"';
	case '\\': return '\\';
	}
	if (c < 0x20 || c == 0x7f)
		return 0;
	/* high bytes are UTF-8 (or worse); a terminal might misread them */
	if (c >= 0x80 && !(flags & QUOTE_KEEP_HIGH_BYTES))
		return 0;
	return -1;
}

int quote_path_needed(const char *name, size_t len, unsigned flags)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (escape_of((unsigned char)name[i], flags) >= 0)
			return 1;
	return 0;
}

void quote_path(struct strbuf *out, const char *name, size_t len,
		unsigned flags)
{
	size_t i;

	if (!quote_path_needed(name, len, flags)) {
		strbuf_add(out, name, len);
		return;
	}
	strbuf_addch(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		int e = escape_of(c, flags);

		if (e < 0) {
			strbuf_addch(out, (char)c);
		} else if (e > 0) {
			strbuf_addch(out, '\\');
			strbuf_addch(out, (char)e);
		} else {
			/* always three digits, so a following digit cannot join in */
			strbuf_addf(out, "\\%03o", c);
		}
	}
	strbuf_addch(out, '"');
}
