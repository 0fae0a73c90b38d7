#ifndef UGIT_WILDMATCH_H
#define UGIT_WILDMATCH_H

/*
 * wildmatch - git's glob matching, shared by ignore rules and pathspecs.
 *
 *   ?        any one byte
 *   *        any run of bytes
 *   [...]    a class: ranges "a-z", "[:alpha:]" and friends, negated by a
 *            leading "!" or "^"; "\" escapes inside it
 *   \x       the byte x itself
 *
 * With WM_PATHNAME (ignore rules) "?", "*" and "[...]" never match a "/",
 * and "**" as a whole component spans directories: a leading "**" and
 * slash find what follows at any depth, a slash and a trailing "**" is
 * everything inside, and "a", slash, "**", slash, "b" matches "a/b",
 * "a/x/b" and "a/x/y/b".  Any other "**" is a plain "*".  Without
 * WM_PATHNAME (pathspecs), "*" crosses "/" too.
 */

enum wildmatch_flags {
	WM_PATHNAME = (1 << 0),
};

/* 1 if the NUL-terminated `text` matches `pattern`, else 0; never fails. */
int wildmatch(const char *pattern, const char *text, unsigned flags);

/* 1 if `s` holds a glob special character ("*?[\"), else 0. */
int wildmatch_has_wildcard(const char *s);

#endif /* UGIT_WILDMATCH_H */
