/* Unit tests: the loose object database (layer 2), with the real git as the oracle. */
#include "helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/odb.h"
#include "ugit/strbuf.h"

TestSuite(odb, .init = sandbox_init, .fini = sandbox_fini);

static struct odb *init_repo(void)
{
	struct odb *odb;

	git("init -q .");
	assert_ok(odb_open(&odb, ".git/objects"));
	return odb;
}

/* Run a shell command in the sandbox; assert it succeeds. */
static void sh(const char *cmd)
{
	cr_assert_eq(system(cmd), 0, "%s", cmd);
}

/*
 * A minimal zlib writer, so the tests can build damaged streams without
 * linking zlib (which STYLE.md confines to src/odb.c): a 2-byte header,
 * "stored" (uncompressed) deflate blocks, and the Adler-32 of the data.
 * Each entry of `parts` becomes its own block, so a test can damage one.
 */
static void add_stored_block(struct strbuf *out, const void *data, size_t len,
			     int final)
{
	unsigned char hdr[5];

	cr_assert_leq(len, 65535);
	hdr[0] = final ? 1 : 0;			/* BFINAL, BTYPE=00 (stored) */
	hdr[1] = len & 0xff;
	hdr[2] = (len >> 8) & 0xff;
	hdr[3] = ~len & 0xff;			/* NLEN: one's complement of LEN */
	hdr[4] = (~len >> 8) & 0xff;
	strbuf_add(out, hdr, 5);
	strbuf_add(out, data, len);
}

static unsigned long adler32_of(const unsigned char *p, size_t len)
{
	unsigned long a = 1, b = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		a = (a + p[i]) % 65521;
		b = (b + a) % 65521;
	}
	return (b << 16) | a;
}

/* zlib stream of header + body, the header in its own block. */
static void zlib_stored(struct strbuf *out, const char *hdr, size_t hdrlen,
			const void *body, size_t len)
{
	struct strbuf all = STRBUF_INIT;
	unsigned long adler;
	unsigned char tail[4];

	strbuf_add(&all, hdr, hdrlen);
	strbuf_add(&all, body, len);
	adler = adler32_of((unsigned char *)all.buf, all.len);
	strbuf_add(out, "\x78\x01", 2);		/* deflate, 32 KiB window, check bits */
	add_stored_block(out, hdr, hdrlen, 0);
	add_stored_block(out, body, len, 1);
	tail[0] = (adler >> 24) & 0xff;
	tail[1] = (adler >> 16) & 0xff;
	tail[2] = (adler >> 8) & 0xff;
	tail[3] = adler & 0xff;
	strbuf_add(out, tail, 4);
	strbuf_release(&all);
}

/* Put `bytes` at the loose path of `hex` (replacing what is there). */
static void plant(const char *hex, const void *bytes, size_t len)
{
	char dir[64], path[128];

	snprintf(dir, sizeof(dir), ".git/objects/%.2s", hex);
	snprintf(path, sizeof(path), "%s/%s", dir, hex + 2);
	mkdir(dir, 0777);
	chmod(path, 0644);
	write_file(path, bytes, len);
}

static int count_tmp_files(void)
{
	/* git_output() runs "git <args>" through sh -c */
	char *out = git_output("--version >/dev/null; find .git/objects -name 'tmp_obj_*' | wc -l");
	int n = atoi(out);

	free(out);
	return n;
}

Test(odb, reads_blob_written_by_git)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct odb *odb = init_repo();
	struct oid oid;
	char *hex;

	hex = git_output("hash-object -w --stdin <<'EOF'\nhello\nEOF");
	assert_ok(oid_from_hex(&oid, hex));
	assert_ok(odb_read(&obj, odb, &oid));
	cr_assert_eq(obj.type, OBJ_BLOB);
	cr_assert_str_eq(obj.type_name, "blob");
	cr_assert_eq(obj.size, 6);
	cr_assert_eq(obj.data.len, 6);
	cr_assert_str_eq(obj.data.buf, "hello\n");
	cr_assert(odb_has(odb, &oid));
	odb_object_release(&obj);
	odb_free(odb);
	free(hex);
}

Test(odb, reads_every_type_git_writes)
{
	struct odb *odb = init_repo();
	const char *types[] = { "blob", "tree", "commit", "tag" };
	enum object_type want[] = { OBJ_BLOB, OBJ_TREE, OBJ_COMMIT, OBJ_TAG };
	char *ids[4];
	size_t i;

	git("commit -q --allow-empty -m first && git tag -a -m v1 v1");
	ids[0] = git_output("hash-object -w --stdin </dev/null");
	ids[1] = git_output("rev-parse HEAD^{tree}");
	ids[2] = git_output("rev-parse HEAD");
	ids[3] = git_output("rev-parse v1");
	for (i = 0; i < 4; i++) {
		struct odb_object obj = ODB_OBJECT_INIT;
		struct object_header hdr;
		struct oid oid;
		char *size = git_output("cat-file -s %s", ids[i]);

		assert_ok(oid_from_hex(&oid, ids[i]));
		assert_ok(odb_read(&obj, odb, &oid));
		cr_assert_eq(obj.type, want[i], "%s", types[i]);
		cr_assert_eq(obj.size, (size_t)atol(size));
		assert_ok(odb_read_header(&hdr, odb, &oid));
		cr_assert_eq(hdr.type, want[i]);
		cr_assert_str_eq(hdr.type_name, types[i]);
		cr_assert_eq(hdr.size, obj.size);
		odb_object_release(&obj);
		free(size);
		free(ids[i]);
	}
	odb_free(odb);
}

Test(odb, git_reads_what_ugit_writes)
{
	static const char binary[] = "bin\0ary\0\xff\x00\x01 data";
	struct {
		const char *type;
		const void *data;
		size_t len;
		const char *hex;	/* from `git hash-object` */
	} cases[] = {
		{ "blob", "hello\n", 6, "ce013625030ba8dba906f756967f9e9ca394464a" },
		{ "blob", "", 0, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391" },
		{ "tree", "", 0, "4b825dc642cb6eb9a060e54bf8d69288fbee4904" },
		{ "blob", binary, sizeof(binary) - 1, NULL },
	};
	struct odb *odb = init_repo();
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char hex[UG_OID_HEXSZ + 1];
		struct oid oid;
		char *type, *expect;
		char *got_path;
		size_t got_len;

		assert_ok(odb_write(&oid, odb, cases[i].type, cases[i].data, cases[i].len));
		oid_to_hex(hex, &oid);
		if (cases[i].hex)
			cr_assert_str_eq(hex, cases[i].hex, "case %zu", i);
		write_file("expect", cases[i].data, cases[i].len);
		expect = git_output("hash-object -t %s expect", cases[i].type);
		cr_assert_str_eq(hex, expect);
		type = git_output("cat-file -t %s", hex);
		cr_assert_str_eq(type, cases[i].type);
		git("cat-file %s %s >got", cases[i].type, hex);
		got_path = read_file("got", &got_len);
		cr_assert_eq(got_len, cases[i].len);
		cr_assert_eq(memcmp(got_path, cases[i].data, got_len), 0);
		free(got_path);
		free(type);
		free(expect);
	}
	git("fsck --strict --no-dangling 2>/dev/null");
	odb_free(odb);
}

Test(odb, objects_are_read_only_and_no_temp_file_remains)
{
	struct odb *odb = init_repo();
	struct stat st;
	struct oid oid;

	assert_ok(odb_write(&oid, odb, "blob", "x", 1));
	cr_assert_eq(stat(".git/objects/c1/b0730e0133447badcfd47fd144e254807b06e1", &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0444 & ~0022 & 0777);
	cr_assert_eq(count_tmp_files(), 0);
	odb_free(odb);
}

Test(odb, existing_object_is_not_rewritten_but_freshened)
{
	const char *path = ".git/objects/ce/013625030ba8dba906f756967f9e9ca394464a";
	struct odb *odb = init_repo();
	struct stat before, after;
	struct oid oid;

	git("hash-object -w --stdin <<'EOF'\nhello\nEOF");
	sh("touch -d 2001-01-01 .git/objects/ce/013625030ba8dba906f756967f9e9ca394464a");
	cr_assert_eq(stat(path, &before), 0);
	assert_ok(odb_write(&oid, odb, "blob", "hello\n", 6));
	cr_assert_eq(stat(path, &after), 0);
	cr_assert_eq(before.st_ino, after.st_ino, "the object file was replaced");
	cr_assert_gt(after.st_mtime, before.st_mtime, "mtime not freshened");
	cr_assert_eq(count_tmp_files(), 0);
	/* the same through the streaming writer */
	write_file("hello", "hello\n", 6);
	{
		int fd = open("hello", O_RDONLY);

		sh("touch -d 2001-01-01 .git/objects/ce/013625030ba8dba906f756967f9e9ca394464a");
		assert_ok(odb_write_stream(&oid, odb, "blob", fd, 6));
		close(fd);
	}
	cr_assert_eq(stat(path, &after), 0);
	cr_assert_eq(before.st_ino, after.st_ino);
	cr_assert_gt(after.st_mtime, before.st_mtime);
	cr_assert_eq(count_tmp_files(), 0);
	odb_free(odb);
}

/*
 * Turn into an unprivileged user if we are root, so that permissions
 * apply (root ignores them); the sandbox is handed over first so the
 * suite can still clean it up.
 */
static void drop_root(void)
{
	char cmd[4200];

	if (geteuid() != 0)
		return;
	snprintf(cmd, sizeof(cmd), "chown -R 65534:65534 '%s'", sandbox_path());
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(setgid(65534), 0);
	cr_assert_eq(setuid(65534), 0);
}

Test(odb, read_only_objects_directory_is_refused_cleanly)
{
	struct odb *odb = init_repo();
	struct oid oid;
	int fd, err;

	drop_root();
	cr_assert_eq(chmod(".git/objects", 0555), 0);
	err = odb_write(&oid, odb, "blob", "hello\n", 6);
	cr_assert_eq(err, UG_ERROR);
	/* git 2.39.5, same situation: "error: insufficient permission for
	 * adding an object to repository database .git/objects" */
	cr_assert_str_eq(ug_error_last(), "insufficient permission for adding an "
			 "object to repository database .git/objects");
	write_file("five", "five\n", 5);
	fd = open("five", O_RDONLY);
	err = odb_write_stream(&oid, odb, "blob", fd, 5);
	close(fd);
	cr_assert_eq(err, UG_ERROR);
	cr_assert(strstr(ug_error_last(), "insufficient permission"));
	/* a read-only fan-out directory that exists already */
	cr_assert_eq(chmod(".git/objects", 0755), 0);
	cr_assert_eq(mkdir(".git/objects/ce", 0555), 0);
	cr_assert_eq(odb_write(&oid, odb, "blob", "hello\n", 6), UG_ERROR);
	cr_assert(strstr(ug_error_last(), "insufficient permission"));
	cr_assert_eq(count_tmp_files(), 0);
	assert_ok(oid_from_hex(&oid, "ce013625030ba8dba906f756967f9e9ca394464a"));
	cr_assert_not(odb_has(odb, &oid));
	odb_free(odb);
}

Test(odb, existing_object_in_read_only_database_is_fine)
{
	struct odb *odb = init_repo();
	struct oid oid, again, big;
	int fd;

	drop_root();
	assert_ok(odb_write(&oid, odb, "blob", "hello\n", 6));
	/* a file above the small-file limit takes the streaming path */
	sh("head -c 5242880 /dev/zero >big");
	fd = open("big", O_RDONLY);
	assert_ok(odb_write_stream(&big, odb, "blob", fd, 5242880));
	close(fd);
	sh("chmod -R a-w .git/objects");
	fd = open("big", O_RDONLY);
	assert_ok(odb_write_stream(&again, odb, "blob", fd, 5242880));
	close(fd);
	cr_assert(oid_eq(&big, &again));
	assert_ok(odb_write(&again, odb, "blob", "hello\n", 6));
	cr_assert(oid_eq(&oid, &again));
	write_file("hello", "hello\n", 6);
	fd = open("hello", O_RDONLY);
	assert_ok(odb_write_stream(&again, odb, "blob", fd, 6));
	cr_assert(oid_eq(&oid, &again));
	close(fd);
	/* a new object still fails, with the first error */
	write_file("five", "five\n", 5);
	fd = open("five", O_RDONLY);
	cr_assert_eq(odb_write_stream(&again, odb, "blob", fd, 5), UG_ERROR);
	cr_assert(strstr(ug_error_last(), "insufficient permission"), "%s", ug_error_last());
	close(fd);
	odb_free(odb);
}

Test(odb, write_error_leaves_no_file)
{
	struct odb *odb = init_repo();
	struct rlimit rl = { 4096, 4096 };
	struct strbuf big = STRBUF_INIT;
	struct oid oid;
	size_t i;
	int err, fd;

	/*
	 * A file-size limit makes write() fail with EFBIG the way a full disk
	 * fails with ENOSPC; random data does not compress below the limit.
	 */
	srand(1);
	for (i = 0; i < 200000; i++)
		strbuf_addch(&big, rand() & 0xff);
	write_file("big", big.buf, big.len);
	signal(SIGXFSZ, SIG_IGN);
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	err = odb_write(&oid, odb, "blob", big.buf, big.len);
	cr_assert_eq(err, UG_ERROR);
	cr_assert(starts_with(ug_error_last(), "unable to write loose object file"),
		  "%s", ug_error_last());
	fd = open("big", O_RDONLY);
	err = odb_write_stream(&oid, odb, "blob", fd, big.len);
	close(fd);
	cr_assert_eq(err, UG_ERROR);
	cr_assert(starts_with(ug_error_last(), "unable to write loose object file"));
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	setrlimit(RLIMIT_FSIZE, &rl);
	cr_assert_eq(count_tmp_files(), 0);
	{
		char *n = git_output("count-objects | cut -d' ' -f1");

		cr_assert_str_eq(n, "0", "an object file was left behind");
		free(n);
	}
	strbuf_release(&big);
	odb_free(odb);
}

/* ------------------------------------------------------------------ */
/* Corruption table                                                    */

enum damage {
	D_NONE,
	D_EMPTY,		/* zero-length file */
	D_NOT_ZLIB,		/* not a zlib stream at all */
	D_TRUNCATE,		/* last 6 bytes cut off */
	D_GARBAGE,		/* bytes after the end of the stream */
	D_BAD_BLOCK,		/* the body's block length is damaged */
	D_BAD_ADLER,		/* the checksum after the data is wrong */
	D_HEADER_ONLY,		/* the stream stops inside the header block */
};

struct corrupt_case {
	const char *name;
	const char *raw;	/* uncompressed bytes, header included */
	size_t rawlen;
	enum damage damage;
	int code;		/* from odb_read(); 0 = fine */
	const char *msg;	/* with %s for the hex id (or path) */
	int header_code;	/* from odb_read_header() */
};

#define RAW(s) s, sizeof(s) - 1

/*
 * What git 2.39.5 says about each case, observed with
 * `git cat-file -p <id>` and `git fsck` on files built like these
 * (e.g. python3 -c 'import zlib,sys; sys.stdout.buffer.write(
 *  zlib.compress(b"blob 05\0hello"))' >.git/objects/b6/fc4c...):
 *   empty         error: object file .git/objects/b6/fc4c... is empty
 *   not zlib      error: inflate: data stream error (incorrect header check)
 *                 error: unable to unpack b6fc4c... header
 *   truncated     fatal: unable to stream b6fc4c... to stdout;
 *                 fsck: error: corrupt loose object 'b6fc4c...'
 *   garbage       cat-file prints it, exit 0;
 *                 fsck: error: garbage at end of loose object 'b6fc4c...'
 *   "blob 05"     error: unable to parse b6fc4c... header
 *   "blob5", "blob 5hello", 40-byte type
 *                 error: header for b6fc4c... too long, exceeds 32 bytes
 *                 ("blob5" says "unable to parse"; no NUL says "too long")
 *   "blub 5"      fatal: invalid object type (the caller's verdict)
 *   size 4 or 6 for "hello"
 *                 cat-file prints it, exit 0; fsck: hash-path mismatch
 *   wrong name    cat-file -p prints a blob, exit 0; a tree:
 *                 error: hash mismatch 1111...; fsck: hash-path mismatch
 * ugit refuses all but the unknown type on every read (reliability.md 4).
 */
static const struct corrupt_case corrupt_cases[] = {
	{ "good", RAW("blob 5\0hello"), D_NONE, 0, NULL, 0 },
	{ "empty file", RAW("blob 5\0hello"), D_EMPTY, UG_ECORRUPT,
	  "object file .git/objects/%.2s/%s is empty", UG_ECORRUPT },
	{ "not zlib", RAW("blob 5\0hello"), D_NOT_ZLIB, UG_ECORRUPT,
	  "inflate: data stream error (incorrect header check)\n"
	  "error: unable to unpack %s header", UG_ECORRUPT },
	{ "stream ends inside the header", RAW("blob 5\0hello"), D_HEADER_ONLY,
	  UG_ECORRUPT, "unable to unpack %s header", UG_ECORRUPT },
	{ "truncated stream", RAW("blob 5\0hello"), D_TRUNCATE, UG_ECORRUPT,
	  "corrupt loose object '%s'", 0 },
	{ "damaged block", RAW("blob 5\0hello"), D_BAD_BLOCK, UG_ECORRUPT,
	  "inflate: data stream error (invalid stored block lengths)\n"
	  "error: corrupt loose object '%s'", 0 },
	{ "bad checksum", RAW("blob 5\0hello"), D_BAD_ADLER, UG_ECORRUPT,
	  "inflate: data stream error (incorrect data check)\n"
	  "error: corrupt loose object '%s'", 0 },
	{ "garbage after the stream", RAW("blob 5\0hello"), D_GARBAGE, UG_ECORRUPT,
	  "garbage at end of loose object '%s'", 0 },
	{ "size too small", RAW("blob 4\0hello"), D_NONE, UG_ECORRUPT,
	  "size mismatch in loose object '%s' (header says 4 bytes)", 0 },
	{ "size too large", RAW("blob 6\0hello"), D_NONE, UG_ECORRUPT,
	  "size mismatch in loose object '%s' (header says 6 bytes)", 0 },
	{ "size zero, body present", RAW("blob 0\0hello"), D_NONE, UG_ECORRUPT,
	  "size mismatch in loose object '%s' (header says 0 bytes)", 0 },
	{ "size impossible for the file", RAW("blob 99999999999\0hello"), D_NONE,
	  UG_ECORRUPT, "size mismatch in loose object '%s' (header says 99999999999 bytes)",
	  UG_ECORRUPT },
	{ "size beyond 64 bits", RAW("blob 99999999999999999999\0hello"), D_NONE,
	  UG_ECORRUPT, "unable to parse %s header", UG_ECORRUPT },
	{ "zero-padded size", RAW("blob 05\0hello"), D_NONE, UG_ECORRUPT,
	  "unable to parse %s header", UG_ECORRUPT },
	{ "no space", RAW("blob5\0hello"), D_NONE, UG_ECORRUPT,
	  "unable to parse %s header", UG_ECORRUPT },
	{ "negative size", RAW("blob -5\0hello"), D_NONE, UG_ECORRUPT,
	  "unable to parse %s header", UG_ECORRUPT },
	{ "no NUL", RAW("blob 5hello"), D_NONE, UG_ECORRUPT,
	  "header for %s too long, exceeds 32 bytes", UG_ECORRUPT },
	{ "header too long", RAW("blobblobblobblobblobblobblobblob 5\0hello"), D_NONE,
	  UG_ECORRUPT, "header for %s too long, exceeds 32 bytes", UG_ECORRUPT },
	{ "hash mismatch (valid object, wrong name)", RAW("blob 6\0hello!"), D_NONE,
	  UG_ECORRUPT, "hash mismatch %s", 0 },
};

static void build_damaged(struct strbuf *out, const struct corrupt_case *c)
{
	const char *nul = memchr(c->raw, '\0', c->rawlen);
	size_t hdrlen = nul ? (size_t)(nul - c->raw) + 1 : c->rawlen / 2;

	zlib_stored(out, c->raw, hdrlen, c->raw + hdrlen, c->rawlen - hdrlen);
	switch (c->damage) {
	case D_NONE: break;
	case D_EMPTY: strbuf_reset(out); break;
	case D_NOT_ZLIB: strbuf_reset(out); strbuf_addstr(out, "xxxxxxxxxxxx"); break;
	case D_TRUNCATE: strbuf_setlen(out, out->len - 6); break;
	case D_GARBAGE: strbuf_addstr(out, "garbage"); break;
	case D_BAD_BLOCK: out->buf[2 + 5 + hdrlen + 3] ^= 0x40; break;
	case D_BAD_ADLER: out->buf[out->len - 1] ^= 1; break;
	case D_HEADER_ONLY: strbuf_setlen(out, 2 + 5 + 3); break;
	}
}

Test(odb, corruption_table)
{
	/* every case is stored under this name: the id of "blob 5\0hello" */
	const char *hex = "b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0";
	struct odb *odb = init_repo();
	struct oid oid;
	size_t i;

	assert_ok(oid_from_hex(&oid, hex));
	for (i = 0; i < sizeof(corrupt_cases) / sizeof(*corrupt_cases); i++) {
		const struct corrupt_case *c = &corrupt_cases[i];
		struct odb_object obj = ODB_OBJECT_INIT;
		struct strbuf bytes = STRBUF_INIT;
		struct object_header hdr;
		char want[512];
		int fd, err;

		build_damaged(&bytes, c);
		plant(hex, bytes.buf, bytes.len);
		if (c->damage == D_EMPTY)
			snprintf(want, sizeof(want), c->msg, hex, hex + 2);
		else if (c->msg)
			snprintf(want, sizeof(want), c->msg, hex);

		err = odb_read(&obj, odb, &oid);
		cr_assert_eq(err, c->code, "%s: odb_read -> %d: %s", c->name, err,
			     ug_error_last());
		if (c->code)
			cr_assert_str_eq(ug_error_last(), want, "%s", c->name);
		else
			cr_assert_str_eq(obj.data.buf, "hello");
		cr_assert_eq(obj.data.len, c->code ? 0 : 5, "%s: data kept on error", c->name);
		odb_object_release(&obj);

		err = odb_read_header(&hdr, odb, &oid);
		cr_assert_eq(err, c->header_code, "%s: odb_read_header -> %d: %s",
			     c->name, err, ug_error_last());
		if (c->header_code)
			cr_assert_str_eq(ug_error_last(), want, "%s", c->name);

		fd = open("streamed", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		err = odb_stream_to_fd(odb, &oid, fd);
		close(fd);
		cr_assert_eq(err, c->code, "%s: odb_stream_to_fd -> %d", c->name, err);
		if (c->code)
			cr_assert_str_eq(ug_error_last(), want, "%s", c->name);
		strbuf_release(&bytes);
	}
	odb_free(odb);
}

Test(odb, our_zlib_helper_makes_streams_git_accepts)
{
	/* guards the corruption table: its undamaged stream is a good object */
	struct strbuf bytes = STRBUF_INIT;
	char *out;

	git("init -q .");
	zlib_stored(&bytes, "blob 5", 7, "hello", 5);
	plant("b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0", bytes.buf, bytes.len);
	out = git_output("cat-file -p b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0");
	cr_assert_str_eq(out, "hello");
	git("fsck --no-dangling 2>/dev/null");
	free(out);
	strbuf_release(&bytes);
}

Test(odb, unknown_type_is_read_as_obj_bad)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct odb *odb = init_repo();
	struct object_header hdr;
	struct oid oid;
	char *hex;

	write_file("in", "payload", 7);
	hex = git_output("hash-object -w --literally -t bogus in");
	assert_ok(oid_from_hex(&oid, hex));
	assert_ok(odb_read(&obj, odb, &oid));
	cr_assert_eq(obj.type, OBJ_BAD);
	cr_assert_str_eq(obj.type_name, "bogus");
	cr_assert_str_eq(obj.data.buf, "payload");
	assert_ok(odb_read_header(&hdr, odb, &oid));
	cr_assert_eq(hdr.type, OBJ_BAD);
	cr_assert_str_eq(hdr.type_name, "bogus");
	cr_assert_eq(hdr.size, 7);
	/* and ugit writes such a type the same way git does */
	{
		struct oid again;

		assert_ok(odb_write(&again, odb, "bogus", "payload", 7));
		cr_assert(oid_eq(&again, &oid));
	}
	odb_object_release(&obj);
	odb_free(odb);
	free(hex);
}

Test(odb, type_names_that_cannot_be_read_back_are_refused)
{
	const char *bad[] = { "", "a b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
	struct odb *odb = init_repo();
	struct oid oid;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		cr_assert_eq(odb_write(&oid, odb, bad[i], "x", 1), UG_EINVALID, "'%s'", bad[i]);
		cr_assert_eq(odb_write_stream(&oid, NULL, bad[i], 0, 0), UG_EINVALID);
	}
	odb_free(odb);
}

Test(odb, missing_object_is_not_found)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct odb *odb = init_repo();
	struct object_header hdr;
	struct oid oid;

	assert_ok(oid_from_hex(&oid, "1111111111111111111111111111111111111111"));
	cr_assert_not(odb_has(odb, &oid));
	cr_assert_eq(odb_read(&obj, odb, &oid), UG_ENOTFOUND);
	cr_assert_str_eq(ug_error_last(),
			 "object 1111111111111111111111111111111111111111 not found");
	cr_assert_eq(odb_read_header(&hdr, odb, &oid), UG_ENOTFOUND);
	cr_assert_eq(odb_stream_to_fd(odb, &oid, 1), UG_ENOTFOUND);
	odb_free(odb);
}

Test(odb, read_fsck_reports_the_actual_id)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct odb *odb = init_repo();
	struct strbuf bytes = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1];
	struct oid oid, actual;

	zlib_stored(&bytes, "blob 5", 7, "hello", 5);
	plant("1111111111111111111111111111111111111111", bytes.buf, bytes.len);
	assert_ok(oid_from_hex(&oid, "1111111111111111111111111111111111111111"));
	assert_ok(odb_read_fsck(&obj, &actual, odb, &oid));
	cr_assert_str_eq(oid_to_hex(hex, &actual), "b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0");
	cr_assert_str_eq(obj.data.buf, "hello");
	cr_assert_eq(odb_read(&obj, odb, &oid), UG_ECORRUPT);
	odb_object_release(&obj);
	strbuf_release(&bytes);
	odb_free(odb);
}

/* ------------------------------------------------------------------ */
/* Streaming                                                           */

/* A deterministic, poorly compressible file of `size` bytes. */
static void make_file(const char *path, size_t size)
{
	FILE *f = fopen(path, "wb");
	unsigned long x = 12345;
	size_t i;

	cr_assert_not_null(f);
	for (i = 0; i < size; i++) {
		x = x * 1103515245 + 12345;
		putc((int)((x >> 16) & 0xff) % 7 ? (int)(x >> 16) & 0xff : '\n', f);
	}
	cr_assert_eq(fclose(f), 0);
}

Test(odb, stream_write_of_64_mib_matches_git)
{
	const size_t size = 64u << 20;
	char hex[UG_OID_HEXSZ + 1];
	struct odb *odb = init_repo();
	struct oid oid, hashed;
	char *expect, *out;
	int fd;

	make_file("big", size);
	expect = git_output("hash-object big");
	fd = open("big", O_RDONLY);
	assert_ok(odb_write_stream(&hashed, NULL, "blob", fd, size));
	cr_assert_str_eq(oid_to_hex(hex, &hashed), expect, "hash only");
	cr_assert_not(odb_has(odb, &hashed), "hashing alone wrote the object");
	cr_assert_eq(lseek(fd, 0, SEEK_SET), 0);
	assert_ok(odb_write_stream(&oid, odb, "blob", fd, size));
	close(fd);
	cr_assert_str_eq(oid_to_hex(hex, &oid), expect);
	out = git_output("cat-file -s %s", hex);
	cr_assert_str_eq(out, "67108864");
	free(out);
	git("cat-file blob %s | cmp - big", hex);
	/* and back out through the streaming reader */
	fd = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_ok(odb_stream_to_fd(odb, &oid, fd));
	close(fd);
	git("diff --no-index --quiet big out");
	cr_assert_eq(count_tmp_files(), 0);
	free(expect);
	odb_free(odb);
}

Test(odb, stream_write_of_empty_file)
{
	struct odb *odb = init_repo();
	char hex[UG_OID_HEXSZ + 1];
	struct oid oid;
	int fd;

	write_file("empty", "", 0);
	fd = open("empty", O_RDONLY);
	assert_ok(odb_write_stream(&oid, odb, "blob", fd, 0));
	close(fd);
	cr_assert_str_eq(oid_to_hex(hex, &oid), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
	git("cat-file -e e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
	git("fsck --strict --no-dangling 2>/dev/null");
	odb_free(odb);
}

Test(odb, stream_write_of_a_file_that_is_shorter_or_longer)
{
	struct odb *odb = init_repo();
	struct oid oid;
	int fd;

	write_file("f", "hello\n", 6);
	fd = open("f", O_RDONLY);
	cr_assert_eq(odb_write_stream(&oid, odb, "blob", fd, 10), UG_ERROR);
	cr_assert_str_eq(ug_error_last(), "short read: expected 10 bytes, got 6");
	cr_assert_eq(lseek(fd, 0, SEEK_SET), 0);
	cr_assert_eq(odb_write_stream(&oid, NULL, "blob", fd, 10), UG_ERROR);
	cr_assert_eq(lseek(fd, 0, SEEK_SET), 0);
	cr_assert_eq(odb_write_stream(&oid, odb, "blob", fd, 3), UG_ERROR);
	cr_assert_str_eq(ug_error_last(), "file changed while being read");
	close(fd);
	cr_assert_eq(count_tmp_files(), 0);
	{
		char *n = git_output("count-objects | cut -d' ' -f1");

		cr_assert_str_eq(n, "0");
		free(n);
	}
	odb_free(odb);
}

Test(odb, many_small_writes_reuse_one_stream)
{
	struct odb *odb = init_repo();
	char buf[32], hex[UG_OID_HEXSZ + 1];
	struct oid oid;
	char *list;
	int i;

	for (i = 0; i < 300; i++) {
		snprintf(buf, sizeof(buf), "object %d\n", i);
		assert_ok(odb_write(&oid, odb, "blob", buf, strlen(buf)));
	}
	list = git_output("count-objects | cut -d' ' -f1");
	cr_assert_str_eq(list, "300");
	free(list);
	git("fsck --strict 2>/dev/null");
	list = git_output("cat-file -p %s", oid_to_hex(hex, &oid));
	cr_assert_str_eq(list, "object 299");
	free(list);
	odb_free(odb);
}

/* ------------------------------------------------------------------ */
/* Abbreviated names and listing                                       */

/* Write blobs "0\n", "1\n", ... until two ids share their first 4 digits. */
static void make_ambiguous(struct odb *odb, struct oid *a, struct oid *b)
{
	static struct oid seen[70000];
	char buf[32];
	int i, j;

	for (i = 0; i < 70000; i++) {
		snprintf(buf, sizeof(buf), "%d\n", i);
		assert_ok(odb_write(&seen[i], odb, "blob", buf, strlen(buf)));
		for (j = 0; j < i; j++) {
			if (!memcmp(seen[i].hash, seen[j].hash, 2)) {
				*a = seen[j];
				*b = seen[i];
				return;
			}
		}
	}
	cr_assert_fail("no 4-digit collision");
}

Test(odb, abbreviated_ids_resolve_like_git)
{
	struct odb *odb = init_repo();
	char ha[UG_OID_HEXSZ + 1], hb[UG_OID_HEXSZ + 1], upper[UG_OID_HEXSZ + 1];
	struct oid a, b, got, *cands;
	size_t nr, i, common;
	char *gits;

	make_ambiguous(odb, &a, &b);
	if (oid_cmp(&a, &b) > 0) {
		struct oid t = a;

		a = b;
		b = t;
	}
	oid_to_hex(ha, &a);
	oid_to_hex(hb, &b);
	for (common = 0; ha[common] == hb[common]; common++)
		;
	cr_assert_geq(common, 4);
	/* git agrees that the shared prefix is ambiguous */
	gits = git_output("rev-parse --disambiguate=%.4s", ha);
	cr_assert(strstr(gits, ha) && strstr(gits, hb), "%s", gits);
	free(gits);
	cr_assert_eq(odb_resolve_prefix(&got, odb, ha, 4), UG_EAMBIGUOUS);
	{
		char want[64];

		snprintf(want, sizeof(want), "short object ID %.4s is ambiguous", ha);
		cr_assert_str_eq(ug_error_last(), want);
	}
	assert_ok(odb_prefix_candidates(&cands, &nr, odb, ha, common));
	cr_assert_eq(nr, 2);
	cr_assert(oid_eq(&cands[0], &a) && oid_eq(&cands[1], &b), "not sorted");
	free(cands);
	/* one more digit decides; upper case works as in git */
	assert_ok(odb_resolve_prefix(&got, odb, hb, common + 1));
	cr_assert(oid_eq(&got, &b));
	for (i = 0; i <= common; i++)
		upper[i] = (char)(ha[i] >= 'a' ? ha[i] - 32 : ha[i]);
	assert_ok(odb_resolve_prefix(&got, odb, upper, common + 1));
	cr_assert(oid_eq(&got, &a));
	assert_ok(odb_resolve_prefix(&got, odb, ha, 40));
	cr_assert(oid_eq(&got, &a));
	odb_free(odb);
}

/* Unique abbreviations, against git rev-parse --short=<min>. */
Test(odb, unique_abbreviations_like_git)
{
	/* "amb 11448" and "amb 43325" share 7 digits (ea32de5), 477 and 727 four */
	static const int blobs[] = { 11448, 43325, 477, 727, 1 };
	static const size_t mins[] = { 4, 7, 8, 12, 40 };
	struct odb *odb = init_repo();
	struct oid oids[6];
	size_t i, m;

	for (i = 0; i < 5; i++) {
		char buf[32];

		snprintf(buf, sizeof(buf), "amb %d\n", blobs[i]);
		assert_ok(odb_write(&oids[i], odb, "blob", buf, strlen(buf)));
	}
	/* a missing object next to two that exist */
	assert_ok(oid_from_hex(&oids[5], "ea32de5000000000000000000000000000000000"));
	for (i = 0; i < 6; i++) {
		char hex[UG_OID_HEXSZ + 1];

		oid_to_hex(hex, &oids[i]);
		for (m = 0; m < sizeof(mins) / sizeof(*mins); m++) {
			char *want = git_output("rev-parse --short=%zu %s", mins[m], hex);

			cr_expect_eq(odb_unique_abbrev_len(odb, &oids[i], mins[m]),
				     (int)strlen(want), "%s, at least %zu", hex, mins[m]);
			free(want);
		}
	}
	odb_free(odb);
}

Test(odb, bad_and_missing_prefixes)
{
	static const struct {
		const char *hex;
		size_t len;
		int code;
	} cases[] = {
		{ "ce0", 3, UG_EINVALID },		/* git needs 4 digits */
		{ "ce0g", 4, UG_EINVALID },
		{ "ce01-", 5, UG_EINVALID },
		{ "ce013625030ba8dba906f756967f9e9ca394464a0", 41, UG_EINVALID },
		{ "dead", 4, UG_ENOTFOUND },
		{ "ce013625030ba8dba906f756967f9e9ca394464b", 40, UG_ENOTFOUND },
		{ "ce01", 4, 0 },
		{ "CE013", 5, 0 },
		{ "ce013625030ba8dba906f756967f9e9ca394464a", 40, 0 },
	};
	struct odb *odb = init_repo();
	struct oid oid;
	size_t i;

	git("hash-object -w --stdin <<'EOF'\nhello\nEOF");
	/* a stray file and a temp file in the same directory do not count */
	write_file(".git/objects/ce/tmp_obj_abcdef", "", 0);
	write_file(".git/objects/ce/0136junk", "", 0);
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		cr_assert_eq(odb_resolve_prefix(&oid, odb, cases[i].hex, cases[i].len),
			     cases[i].code, "%s: %s", cases[i].hex, ug_error_last());
	odb_free(odb);
}

Test(odb, prefix_lookups_see_objects_written_after_the_first)
{
	struct odb *odb = init_repo();
	struct oid a, b, got;
	char hex[UG_OID_HEXSZ + 1];

	/* the first lookup lists objects/ce/ (and caches it) ... */
	assert_ok(odb_write(&a, odb, "blob", "hello\n", 6));
	assert_ok(odb_resolve_prefix(&got, odb, "ce01", 4));
	cr_assert(oid_eq(&got, &a));
	cr_assert_eq(odb_resolve_prefix(&got, odb, "e69d", 4), UG_ENOTFOUND);
	/* ... and objects this process writes later are found too */
	assert_ok(odb_write(&b, odb, "blob", "", 0));	/* e69de29b... */
	assert_ok(odb_resolve_prefix(&got, odb, "e69de", 5));
	cr_assert(oid_eq(&got, &b));
	/* the same object written again is still one candidate */
	assert_ok(odb_write(&b, odb, "blob", "", 0));
	assert_ok(odb_resolve_prefix(&got, odb, oid_to_hex(hex, &b), 8));
	odb_free(odb);
}

struct listing {
	struct strbuf oids, strays;
};

static int collect(const struct oid *oid, const char *path, void *payload)
{
	struct listing *l = payload;
	char hex[UG_OID_HEXSZ + 1];

	if (oid)
		strbuf_addf(&l->oids, "%s\n", oid_to_hex(hex, oid));
	else
		strbuf_addf(&l->strays, "%s\n", path);
	return 0;
}

static int stop_at_third(const struct oid *oid, const char *path, void *payload)
{
	int *n = payload;

	(void)oid;
	(void)path;
	return ++*n == 3 ? 42 : 0;
}

Test(odb, for_each_loose_lists_objects_in_order)
{
	struct listing l = { STRBUF_INIT, STRBUF_INIT };
	struct odb *odb = init_repo();
	struct oid oid;
	char *expect;
	int i, n = 0;

	for (i = 0; i < 40; i++) {
		char buf[16];

		snprintf(buf, sizeof(buf), "%d", i);
		assert_ok(odb_write(&oid, odb, "blob", buf, strlen(buf)));
	}
	mkdir(".git/objects/ab", 0777);
	write_file(".git/objects/ab/tmp_obj_123456", "", 0);
	write_file(".git/objects/ab/not-an-object", "", 0);
	mkdir(".git/objects/AB", 0777);		/* git only reads lower-case fan-outs */
	write_file(".git/objects/AB/cdef", "", 0);
	assert_ok(odb_for_each_loose(odb, collect, &l));
	expect = git_output("cat-file --batch-all-objects --batch-check='%%(objectname)'");
	strbuf_addch(&l.oids, '\0');
	cr_assert_eq(l.oids.len - 1, strlen(expect) + 1);
	cr_assert_eq(strncmp(l.oids.buf, expect, strlen(expect)), 0);
	cr_assert_str_eq(l.strays.buf, ".git/objects/ab/not-an-object\n");
	cr_assert_eq(odb_for_each_loose(odb, stop_at_third, &n), 42);
	cr_assert_eq(n, 3);
	free(expect);
	strbuf_release(&l.oids);
	strbuf_release(&l.strays);
	odb_free(odb);
}

Test(odb, loose_path_path_and_name)
{
	struct odb *odb = init_repo();
	struct strbuf sb = STRBUF_INIT;
	struct oid oid;

	assert_ok(oid_from_hex(&oid, "ce013625030ba8dba906f756967f9e9ca394464a"));
	odb_loose_path(&sb, odb, &oid);
	cr_assert_str_eq(sb.buf, ".git/objects/ce/013625030ba8dba906f756967f9e9ca394464a");
	cr_assert_str_eq(odb_path(odb), ".git/objects");
	cr_assert_str_eq(odb_name(odb), ".git/objects");
	/* messages use the name, I/O the path */
	odb_set_name(odb, "shown/objects");
	mkdir(".git/objects/ce", 0777);
	write_file(".git/objects/ce/013625030ba8dba906f756967f9e9ca394464a", "", 0);
	cr_assert_eq(odb_read_header(&(struct object_header){ 0 }, odb, &oid), UG_ECORRUPT);
	cr_assert_str_eq(ug_error_last(),
			 "object file shown/objects/ce/013625030ba8dba906f756967f9e9ca394464a is empty");
	strbuf_release(&sb);
	odb_free(odb);
	odb_free(NULL);
}
