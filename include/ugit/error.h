#ifndef UGIT_ERROR_H
#define UGIT_ERROR_H

/*
 * error - how ugit reports failure.
 *
 * Library code (layers 0-3) returns 0 or a negative UG_E* code and records a
 * one-line message with ug_error(), which returns its code so error paths
 * stay one line long.  Only commands (src/cmd/) print: they fetch the message
 * with ug_error_last() and turn it into git's behaviour with die() (exit 128),
 * error() (print, return -1) or a usage message (exit 129).
 */

#include <stdarg.h>

enum ug_error_code {
	UG_OK = 0,
	UG_ERROR = -1,		/* generic: I/O, corrupt data */
	UG_EINVALID = -2,	/* malformed input: bad hex, bad name, bad object */
	UG_ENOTFOUND = -3,	/* object, ref, path or config key missing */
	UG_EEXISTS = -4,	/* would overwrite something */
	UG_EAMBIGUOUS = -5,	/* short id matches several objects */
	UG_ELOCKED = -6,	/* "<file>.lock" already exists */
	UG_ECONFLICT = -7,	/* checkout/merge would lose local changes */
	UG_ECORRUPT = -8,	/* an object or file on disk is damaged */
	UG_ERANGE = -9,		/* a count beyond what there is ("log for 'x' only has 3 entries") */
};

/* Record a one-line message (printf-style) and return `code`. */
int ug_error(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Like ug_error() with ": strerror(errno)" appended; the code is
 * UG_ENOTFOUND for ENOENT and ENOTDIR, UG_ERROR otherwise.
 */
int ug_error_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The last recorded message; never NULL; borrowed until the next ug_error(). */
const char *ug_error_last(void);
void ug_error_clear(void);

/* "fatal: <msg>" on stderr, then exit(128), as git's die(). */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Like die() with ": strerror(errno)" appended. */
void die_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* "error: <msg>" on stderr; returns -1. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "warning: <msg>" on stderr. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A "cannot happen" condition: print file and line, then abort(). */
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
void bug_fl(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

#endif /* UGIT_ERROR_H */
