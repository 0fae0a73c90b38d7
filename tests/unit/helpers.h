#ifndef UGIT_TEST_HELPERS_H
#define UGIT_TEST_HELPERS_H

/*
 * Helpers shared by the Criterion unit tests.  Each test runs in its own
 * forked process, so a test may chdir into its sandbox freely.
 */

#include <criterion/criterion.h>
#include <stddef.h>

#include "ugit/error.h"

/* Like libgit2's cl_git_pass(): on failure, show the recorded message. */
#define assert_ok(expr) \
	do { \
		int assert_ok_rc_ = (expr); \
		cr_assert_eq(assert_ok_rc_, 0, "%s -> %d: %s", #expr, \
			     assert_ok_rc_, ug_error_last()); \
	} while (0)

/* Make a fresh temporary directory and chdir into it (a suite's .init). */
void sandbox_init(void);
/* Remove the sandbox (a suite's .fini). */
void sandbox_fini(void);
/* The sandbox's absolute path. */
const char *sandbox_path(void);

/* Run the real git through `sh -c` in the current directory; assert it succeeds. */
void git(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same, returning stdout with trailing newlines removed; caller frees. */
char *git_output(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write `len` bytes to `path` (created or truncated). */
void write_file(const char *path, const void *data, size_t len);
/* Whole content of `path` (NUL-terminated); *len_out may be NULL; caller frees. */
char *read_file(const char *path, size_t *len_out);

#endif /* UGIT_TEST_HELPERS_H */
