#ifndef UGIT_TEST_MODEL_HELPERS_H
#define UGIT_TEST_MODEL_HELPERS_H

/*
 * Helpers shared by the object-model tests (tree, commit, tag, ident,
 * fsck): collecting fsck reports, building raw objects, and running the
 * real git on bytes to compare with.  Header-only (static functions), so
 * each test file that includes it gets its own copy.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "helpers.h"
#include "ugit/fsck.h"
#include "ugit/oid.h"
#include "ugit/strbuf.h"

/* Every report, as "id id id" and as "id: msg\n" lines. */
struct collected {
	struct strbuf ids;
	struct strbuf msgs;
	int strict;
	int calls;
};

static inline int collect_report(enum fsck_msg_id id, const char *msg,
				 void *payload)
{
	struct collected *c = payload;

	if (c->ids.len)
		strbuf_addch(&c->ids, ' ');
	strbuf_addstr(&c->ids, fsck_msg_name(id));
	strbuf_addf(&c->msgs, "%s: %s\n", fsck_msg_name(id), msg);
	c->calls++;
	return fsck_msg_severity(id, c->strict) >= FSCK_ERROR;
}

typedef int (*check_fn)(const void *buf, size_t len,
			const struct fsck_options *opts);

/*
 * Run a check; return the reported ids ("" if none; caller frees) and
 * put the check's return value in *ret (may be NULL).
 */
static inline char *check_ids_strict(check_fn fn, const void *buf, size_t len,
				     int strict, int *ret)
{
	struct collected c = { STRBUF_INIT, STRBUF_INIT, strict, 0 };
	struct fsck_options o = { strict, collect_report, &c };
	int r = fn(buf, len, &o);

	if (ret)
		*ret = r;
	strbuf_release(&c.msgs);
	return strbuf_detach(&c.ids, NULL);
}

static inline char *check_ids(check_fn fn, const void *buf, size_t len)
{
	return check_ids_strict(fn, buf, len, 0, NULL);
}

/* Append one raw tree entry "<mode> <name>\0<id>"; `hex` NULL means blob "hello\n". */
static inline void add_entry(struct strbuf *sb, const char *mode,
			     const char *name, const char *hex)
{
	struct oid oid;

	if (!hex)
		hex = "ce013625030ba8dba906f756967f9e9ca394464a";
	cr_assert_eq(oid_from_hex(&oid, hex), 0, "%s", hex);
	strbuf_addf(sb, "%s %s", mode, name);
	strbuf_addch(sb, '\0');
	strbuf_add(sb, oid.hash, UG_OID_RAWSZ);
}

/*
 * Run `git <args>` through sh with `len` bytes of `input` on stdin.
 * Returns its exit status; *out and *err (each may be NULL) get stdout
 * and stderr (caller frees).
 */
static inline int git_with_input(const void *input, size_t len, char **out,
				 char **err, const char *args)
{
	struct strbuf cmd = STRBUF_INIT;
	int status;

	write_file("git-in.bin", input, len);
	strbuf_addf(&cmd, "git %s <git-in.bin >git-out.txt 2>git-err.txt", args);
	status = system(cmd.buf);
	cr_assert(status != -1 && WIFEXITED(status), "%s", cmd.buf);
	strbuf_release(&cmd);
	if (out)
		*out = read_file("git-out.txt", NULL);
	if (err)
		*err = read_file("git-err.txt", NULL);
	return WEXITSTATUS(status);
}

/*
 * A copy of exactly n bytes with no terminator after them, so that the
 * sanitizers catch any read past the end (free() it).
 */
static inline char *exact_copy(const void *src, size_t n)
{
	char *p = malloc(n);

	cr_assert(p || !n);
	if (n)
		memcpy(p, src, n);
	return p;
}

/* stdout of `git <args>` as bytes (caller frees); asserts success. */
static inline char *git_bytes(const char *args, size_t *len)
{
	struct strbuf cmd = STRBUF_INIT;
	int status;

	strbuf_addf(&cmd, "git %s >git-out.bin", args);
	status = system(cmd.buf);
	cr_assert(status == 0, "%s", cmd.buf);
	strbuf_release(&cmd);
	return read_file("git-out.bin", len);
}

/* Store raw bytes as a loose object of `type` with git (no checks), return its id. */
static inline char *git_write_literally(const char *type, const void *buf,
					size_t len)
{
	struct strbuf args = STRBUF_INIT;
	char *out;
	size_t n;

	strbuf_addf(&args, "hash-object -t %s --literally -w --stdin", type);
	cr_assert_eq(git_with_input(buf, len, &out, NULL, args.buf), 0);
	strbuf_release(&args);
	n = strlen(out);
	while (n && out[n - 1] == '\n')
		out[--n] = '\0';
	return out;
}

#endif /* UGIT_TEST_MODEL_HELPERS_H */
