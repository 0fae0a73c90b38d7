#ifndef UGIT_XALLOC_H
#define UGIT_XALLOC_H

/*
 * xalloc - allocation that cannot fail.
 *
 * A command-line tool has nothing useful to do after running out of memory,
 * so, like git and git9, these die() with "fatal: out of memory" instead of
 * returning NULL.  Size arithmetic that could overflow goes through
 * st_add()/st_mult(), which die rather than wrap.
 */

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Copy `len` bytes and add a NUL; caller frees. */
void *xmemdupz(const void *data, size_t len);

size_t st_add(size_t a, size_t b);
size_t st_mult(size_t a, size_t b);

/* Amortised growth of an array `x` holding `nr` items in `alloc` slots. */
#define alloc_nr(x) (((x) + 16) * 3 / 2)
#define ALLOC_GROW(x, nr, alloc) \
	do { \
		if ((nr) > (alloc)) { \
			if (alloc_nr(alloc) < (nr)) \
				(alloc) = (nr); \
			else \
				(alloc) = alloc_nr(alloc); \
			(x) = xrealloc((x), st_mult(sizeof(*(x)), (alloc))); \
		} \
	} while (0)

#endif /* UGIT_XALLOC_H */
