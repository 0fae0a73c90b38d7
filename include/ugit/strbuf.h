#ifndef UGIT_STRBUF_H
#define UGIT_STRBUF_H

/*
 * strbuf - a growable byte buffer (git's strbuf contract).
 *
 * `buf` is never NULL and always NUL-terminated, though it may hold NULs
 * of its own; `len` counts the bytes before the terminator.  A released
 * strbuf is a valid empty one, so one `done:` label can release everything.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void strbuf_init(struct strbuf *sb, size_t hint);
/* Free the bytes and reset `sb` to STRBUF_INIT. */
void strbuf_release(struct strbuf *sb);
/* Hand the bytes to the caller (who frees them) and reset `sb`. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Make room for `extra` more bytes. */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addbuf(struct strbuf *sb, const struct strbuf *other);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Remove trailing / leading ASCII whitespace. */
void strbuf_rtrim(struct strbuf *sb);
void strbuf_ltrim(struct strbuf *sb);
void strbuf_trim(struct strbuf *sb);

/*
 * Append everything readable from `fd` until EOF.
 * Returns 0, or UG_ERROR (with errno's message) on a read error.
 */
int strbuf_read_fd(struct strbuf *sb, int fd, size_t hint);

/*
 * Replace `sb` with the next line of `fp`, without its "\n".
 * Returns 0, or EOF (-1) when no more lines could be read.
 */
int strbuf_getline(struct strbuf *sb, FILE *fp);

int strbuf_starts_with(const struct strbuf *sb, const char *prefix);

/* Convenience used everywhere: does `s` start with `prefix`? */
int starts_with(const char *s, const char *prefix);
/* If `s` starts with `prefix`, point *out past it and return 1. */
int skip_prefix(const char *s, const char *prefix, const char **out);
int ends_with(const char *s, const char *suffix);

#endif /* UGIT_STRBUF_H */
