/* wildmatch: git's glob dialect ("*", "?", "[...]", "**" across directories). */
#include "ugit/wildmatch.h"

#include <ctype.h>
#include <string.h>

/*
 * Three outcomes instead of two keep the search linear in practice: when a
 * "*" cannot reach a match even by eating the rest of the text, no earlier
 * "*" can either (ABORT_ALL), and a single "*" that hits a "/" it may not
 * cross hands the decision back to the nearest "**" (ABORT_TO_STARSTAR).
 */
enum { MATCH, NOMATCH, ABORT_ALL, ABORT_TO_STARSTAR };

/* Does `c` belong to the POSIX class named by the `len` bytes at `name`? */
static int in_class(const char *name, size_t len, unsigned char c)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} classes[] = {
		{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
		{ "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
		{ "lower", islower }, { "print", isprint }, { "punct", ispunct },
		{ "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
	};
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(*classes); i++)
		if (strlen(classes[i].name) == len && !memcmp(classes[i].name, name, len))
			return !!classes[i].fn(c);
	return -1;	/* unknown class: the whole pattern is malformed */
}

/*
 * Match the class that starts at *pp (just after "[") against `c`.
 * Advances *pp past the closing "]".  Returns 1 if `c` is in the class
 * (negation already applied), 0 if not, -1 if the class is malformed.
 */
static int match_class(const char **pp, unsigned char c)
{
	const char *p = *pp;
	int negated = 0, matched = 0;
	unsigned char prev = 0, lo;

	if (*p == '!' || *p == '^') {
		negated = 1;
		p++;
	}
	/* a "]" right after "[" or "[!" is a member, not the end */
	do {
		unsigned char pc = *p;

		if (!pc)
			return -1;
		if (pc == '\\') {
			if (!*++p)
				return -1;
			pc = *p;
			if (pc == c)
				matched = 1;
		} else if (pc == '-' && prev && p[1] && p[1] != ']') {
			lo = prev;
			pc = *++p;
			if (pc == '\\' && !(pc = *++p))
				return -1;
			if (lo <= c && c <= pc)
				matched = 1;
			pc = 0;	/* "a-c-e": the "c" cannot start a new range */
		} else if (pc == '[' && p[1] == ':') {
			const char *end = strstr(p + 2, ":]");
			int r;

			if (!end)
				return -1;
			r = in_class(p + 2, (size_t)(end - p - 2), c);
			if (r < 0)
				return -1;
			matched |= r;
			p = end + 1;
			pc = 0;
		} else if (pc == c) {
			matched = 1;
		}
		prev = pc;
	} while (*++p != ']');
	*pp = p + 1;
	return matched != negated;
}

static int dowild(const char *p, const char *t, const char *pattern,
		  unsigned flags);

/*
 * The pattern is at a "*" (p points just past it; `pattern` is the whole
 * pattern, to see what precedes a "**"); see the header.
 */
static int match_star(const char *p, const char *t, const char *pattern,
		      unsigned flags)
{
	int cross = !(flags & WM_PATHNAME), r;

	if (*p == '*') {
		/* "**" counts only as a whole path component */
		int at_start = p - 1 == pattern || p[-2] == '/';

		while (*p == '*')
			p++;
		if (!(flags & WM_PATHNAME)) {
			cross = 1;
		} else if (at_start && (!*p || *p == '/')) {
			/* "**\/" may also match no directory at all */
			if (*p == '/' && dowild(p + 1, t, pattern, flags) == MATCH)
				return MATCH;
			cross = 1;
		}
	}
	if (!*p)
		return cross || !strchr(t, '/') ? MATCH : NOMATCH;
	for (;; t++) {
		r = dowild(p, t, pattern, flags);
		if (r != NOMATCH && (!cross || r != ABORT_TO_STARSTAR))
			return r;
		if (!*t)
			return ABORT_ALL;
		if (!cross && *t == '/')
			return ABORT_TO_STARSTAR;
	}
}

static int dowild(const char *p, const char *t, const char *pattern,
		  unsigned flags)
{
	int r;

	for (; *p; p++, t++) {
		switch (*p) {
		case '*':
			return match_star(p + 1, t, pattern, flags);
		case '?':
			if (!*t || (*t == '/' && (flags & WM_PATHNAME)))
				return *t ? NOMATCH : ABORT_ALL;
			break;
		case '[':
			if (!*t)
				return ABORT_ALL;
			p++;
			r = match_class(&p, (unsigned char)*t);
			if (r < 0)
				return ABORT_ALL;
			if (!r || (*t == '/' && (flags & WM_PATHNAME)))
				return NOMATCH;
			p--;	/* the loop steps past the class's "]" */
			break;
		case '\\':
			/* a pattern ending in a lone backslash matches nothing */
			if (!*++p)
				return ABORT_ALL;
			if (*p != *t)
				return *t ? NOMATCH : ABORT_ALL;
			break;
		default:
			if (!*t)
				return ABORT_ALL;
			if (*p != *t)
				return NOMATCH;
		}
	}
	return *t ? NOMATCH : MATCH;
}

int wildmatch(const char *pattern, const char *text, unsigned flags)
{
	return dowild(pattern, text, pattern, flags) == MATCH;
}

int wildmatch_has_wildcard(const char *s)
{
	return strpbrk(s, "*?[\\") != NULL;
}
