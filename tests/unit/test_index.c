/* Unit tests: index - the DIRC file read and written, with git as the oracle. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/index.h"
#include "ugit/fs.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"

TestSuite(index, .init = sandbox_init, .fini = sandbox_fini);

/* A repository with tricky names, staged by git. */
static void git_fixture(void)
{
	git("init -q . && mkdir -p a sub/deep && printf 1 >a-b && printf 2 >a/b"
	    " && printf 3 >a.b && printf 4 >a0 && printf 5 >sub/deep/f"
	    " && printf 6 >x && chmod +x x && ln -s a0 link"
	    " && git update-index --add a-b a/b a.b a0 sub/deep/f x link");
}

static void load(struct index *idx)
{
	struct repo *repo = NULL;

	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(idx, repo));
	repo_free(repo);
}

/* Serialize `idx` and compare with the file git wrote. */
static void assert_same_bytes(const struct index *idx, const char *path)
{
	struct strbuf mine = STRBUF_INIT, theirs = STRBUF_INIT;

	assert_ok(fs_read_file(&theirs, path));
	index_serialize(&mine, idx);
	cr_assert_eq(mine.len, theirs.len, "%zu bytes, git wrote %zu", mine.len,
		     theirs.len);
	cr_assert(!memcmp(mine.buf, theirs.buf, mine.len), "bytes differ from git's");
	strbuf_release(&mine);
	strbuf_release(&theirs);
}

Test(index, reads_what_git_wrote)
{
	struct index idx = INDEX_INIT;
	static const char *const order[] = { "a-b", "a.b", "a/b", "a0", "link",
					     "sub/deep/f", "x" };
	char *hex = NULL, mine[UG_OID_HEXSZ + 1];
	size_t i;

	git_fixture();
	load(&idx);
	cr_assert_eq(idx.nr, 7);
	cr_assert_eq(idx.version, 2);
	for (i = 0; i < idx.nr; i++)
		cr_assert_str_eq(idx.entries[i]->name, order[i]);
	cr_assert_eq(index_get(&idx, "x", 0)->mode, 0100755);
	cr_assert_eq(index_get(&idx, "link", 0)->mode, 0120000);
	cr_assert_eq(index_get(&idx, "a0", 0)->mode, 0100644);
	cr_assert_null(index_get(&idx, "a0", 1));
	cr_assert_null(index_get(&idx, "a", 0));
	hex = git_output("rev-parse :sub/deep/f");
	cr_assert_str_eq(oid_to_hex(mine, &index_get(&idx, "sub/deep/f", 0)->oid), hex);
	free(hex);
	index_release(&idx);
}

/* Versions 2, 3 (an intent-to-add entry) and 4 come back byte for byte. */
Test(index, round_trips_v2_v3_v4_byte_identical)
{
	static const char *const setup[] = {
		"true",
		"printf n >new && git add -N new",		/* v3: extended flags */
		"git update-index --index-version 4",
		"printf n >new && git add -N new && git update-index --index-version 4",
	};
	static const unsigned want[] = { 2, 3, 4, 4 };
	size_t i;

	for (i = 0; i < sizeof(setup) / sizeof(*setup); i++) {
		struct index idx = INDEX_INIT;

		git("version >/dev/null && rm -rf .git * .[!.]*");
		git_fixture();
		git("version >/dev/null && %s", setup[i]);
		load(&idx);
		cr_assert_eq(idx.version, want[i], "case %zu", i);
		assert_same_bytes(&idx, ".git/index");
		index_release(&idx);
	}
}

/* write-tree: same root id as git, and the same TREE extension bytes. */
Test(index, write_tree_matches_git_and_its_cache_tree)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	struct oid oid;
	char *hex, mine[UG_OID_HEXSZ + 1];

	git_fixture();
	git("version >/dev/null && mkdir -p b/c ab zz && printf 7 >b/c/y && printf 8 >ab/q && printf 9 >zz/1"
	    " && git update-index --add b/c/y ab/q zz/1");
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	cr_assert_eq(idx.tree_ext_valid, 0);
	assert_ok(index_write_tree(&oid, &idx, repo->odb, 1));
	hex = git_output("write-tree");
	cr_assert_str_eq(oid_to_hex(mine, &oid), hex);
	/* git has now stored its cache-tree in the index: ours must equal it */
	assert_same_bytes(&idx, ".git/index");
	free(hex);
	index_release(&idx);
	repo_free(repo);
}

Test(index, write_tree_of_empty_index_is_the_empty_tree)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	struct oid oid;
	char hex[UG_OID_HEXSZ + 1];

	git("init -q .");
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	cr_assert_eq(idx.nr, 0);
	assert_ok(index_write_tree(&oid, &idx, repo->odb, 1));
	cr_assert_str_eq(oid_to_hex(hex, &oid), "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
	index_release(&idx);
	repo_free(repo);
}

Test(index, write_tree_refuses_missing_blob_and_unmerged)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	struct oid oid, fake;

	git("init -q .");
	assert_ok(repo_open(&repo, "."));
	assert_ok(oid_from_hex(&fake, "1111111111111111111111111111111111111111"));
	assert_ok(index_add(&idx, index_entry_new("f", 1, 0100644, &fake, 0), 0));
	cr_assert_eq(index_write_tree(&oid, &idx, repo->odb, 1), UG_ENOTFOUND);
	cr_assert_str_eq(ug_error_last(),
			 "invalid object 100644 1111111111111111111111111111111111111111 for 'f'");
	assert_ok(index_write_tree(&oid, &idx, repo->odb, 0));
	assert_ok(index_add(&idx, index_entry_new("g", 1, 0100644, &fake, 2), 0));
	cr_assert_eq(index_write_tree(&oid, &idx, repo->odb, 0), UG_ECONFLICT);
	index_release(&idx);
	repo_free(repo);
}

/* read-tree then write-tree gives the same tree; git sees the same entries. */
Test(index, read_tree_round_trip)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	struct oid tree, again;
	char *hex, *before, *after, mine[UG_OID_HEXSZ + 1];

	git_fixture();
	hex = git_output("write-tree");
	before = git_output("ls-files -s");
	cr_assert_eq(unlink(".git/index"), 0);
	assert_ok(repo_open(&repo, "."));
	assert_ok(oid_from_hex(&tree, hex));
	assert_ok(index_lock(&idx, repo));
	assert_ok(index_read_tree(&idx, repo->odb, &tree));
	assert_ok(index_write_tree(&again, &idx, repo->odb, 1));
	cr_assert_str_eq(oid_to_hex(mine, &again), hex);
	assert_ok(index_commit(&idx));
	after = git_output("ls-files -s");
	cr_assert_str_eq(after, before);
	free(hex);
	free(before);
	free(after);
	index_release(&idx);
	repo_free(repo);
}

/* Only "sub/" and below is entered, and only files whose name ends in 'f' taken. */
static int only_sub(const char *path, size_t len, void *payload)
{
	(*(int *)payload)++;	/* count the directories asked about */
	return len >= 4 && !memcmp(path, "sub/", 4);
}

static int ends_in_f(const char *path, void *payload)
{
	(void)payload;
	return path[strlen(path) - 1] == 'f';
}

Test(index, read_tree_filtered_enters_and_takes_what_it_is_told)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	int asked = 0;
	struct index_tree_filter f = { only_sub, ends_in_f, &asked, 0 };
	struct oid tree;
	char *hex;

	git_fixture();
	hex = git_output("write-tree");
	assert_ok(repo_open(&repo, "."));
	assert_ok(oid_from_hex(&tree, hex));
	/* an entry already there stays; one of the same path is replaced */
	assert_ok(index_add(&idx, index_entry_new("zz", 2, 0100644, &tree, 0), 0));
	assert_ok(index_add(&idx, index_entry_new("sub/deep/f", 10, 0100755, &tree, 0), 0));
	assert_ok(index_read_tree_filtered(&idx, repo->odb, &tree, &f));
	cr_assert_eq(idx.nr, 2);
	cr_assert_str_eq(idx.entries[0]->name, "sub/deep/f");
	cr_assert_eq(idx.entries[0]->mode, 0100644, "replaced by the tree's entry");
	cr_assert_str_eq(idx.entries[1]->name, "zz");
	cr_assert_eq(asked, 3, "asked about a/, sub/ and sub/deep/");
	free(hex);
	index_release(&idx);
	repo_free(repo);
}

/* ---- editing ---- */

static struct index_entry *entry(const char *name, int stage)
{
	struct oid oid;

	oid_clear(&oid);
	oid.hash[0] = 1;
	return index_entry_new(name, strlen(name), 0100644, &oid, stage);
}

static void assert_names(const struct index *idx, const char *want)
{
	struct strbuf got = STRBUF_INIT;
	size_t i;

	for (i = 0; i < idx->nr; i++)
		strbuf_addf(&got, "%s%s:%d", i ? " " : "", idx->entries[i]->name,
			    index_entry_stage(idx->entries[i]));
	cr_assert_str_eq(got.buf, want);
	strbuf_release(&got);
}

Test(index, add_keeps_git_order)
{
	struct index idx = INDEX_INIT;
	static const char *const names[] = { "a0", "a/b", "a.b", "a-b", "b", "a/a" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		assert_ok(index_add(&idx, entry(names[i], 0), 0));
	assert_names(&idx, "a-b:0 a.b:0 a/a:0 a/b:0 a0:0 b:0");
	cr_assert_eq(index_find(&idx, "a/b", 3, 0), 3);
	cr_assert_eq(index_find(&idx, "a/c", 3, 0), -1 - 4);
	index_release(&idx);
}

Test(index, add_replaces_and_resolves_stages)
{
	struct index idx = INDEX_INIT;

	assert_ok(index_add(&idx, entry("f", 1), 0));
	assert_ok(index_add(&idx, entry("f", 3), 0));
	assert_ok(index_add(&idx, entry("f", 2), 0));
	assert_ok(index_add(&idx, entry("g", 0), 0));
	assert_names(&idx, "f:1 f:2 f:3 g:0");
	cr_assert(index_has_unmerged(&idx));
	assert_ok(index_add(&idx, entry("f", 0), 0));
	assert_names(&idx, "f:0 g:0");
	assert_ok(index_add(&idx, entry("f", 0), 0));
	assert_names(&idx, "f:0 g:0");
	cr_assert_not(index_has_unmerged(&idx));
	index_release(&idx);
}

Test(index, file_directory_conflicts)
{
	struct index idx = INDEX_INIT;

	assert_ok(index_add(&idx, entry("a", 0), 0));
	assert_ok(index_add(&idx, entry("a-x", 0), 0));
	cr_assert_eq(index_add(&idx, entry("a/b", 0), 0), UG_EEXISTS);
	cr_assert_str_eq(ug_error_last(), "'a/b' appears as both a file and as a directory");
	assert_ok(index_add(&idx, entry("a/b", 0), INDEX_ADD_REPLACE));
	assert_names(&idx, "a-x:0 a/b:0");
	assert_ok(index_add(&idx, entry("a/c/d", 0), 0));
	cr_assert_eq(index_add(&idx, entry("a", 0), 0), UG_EEXISTS);
	assert_ok(index_add(&idx, entry("a", 0), INDEX_ADD_REPLACE));
	assert_names(&idx, "a:0 a-x:0");
	index_release(&idx);
}

Test(index, remove_entries_and_directories)
{
	struct index idx = INDEX_INIT;
	static const char *const names[] = { "d", "d-1", "d/a", "d/b/c", "d0", "e" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		assert_ok(index_add(&idx, entry(names[i], 0), INDEX_ADD_REPLACE));
	assert_names(&idx, "d-1:0 d/a:0 d/b/c:0 d0:0 e:0");
	cr_assert_eq(index_remove_dir(&idx, "d"), 2);
	cr_assert_eq(index_remove_dir(&idx, "d"), 0);
	cr_assert_eq(index_remove(&idx, "e"), 1);
	cr_assert_eq(index_remove(&idx, "nope"), 0);
	assert_names(&idx, "d-1:0 d0:0");
	index_clear(&idx);
	cr_assert_eq(idx.nr, 0);
	index_release(&idx);
}

Test(index, path_rules)
{
	static const struct { const char *path; unsigned mode; int ok; } cases[] = {
		{ "a", 0100644, 1 }, { "a/b/c", 0100644, 1 }, { ".gitignore", 0100644, 1 },
		{ "a/.gitx", 0100644, 1 }, { "...", 0100644, 1 }, { ".gitmodules", 0100644, 1 },
		{ "", 0100644, 0 }, { "/a", 0100644, 0 }, { "a/", 0100644, 0 },
		{ "a//b", 0100644, 0 }, { ".", 0100644, 0 }, { "a/./b", 0100644, 0 },
		{ "..", 0100644, 0 }, { "a/../b", 0100644, 0 }, { ".git", 0100644, 0 },
		{ ".GIT/config", 0100644, 0 }, { "a/.Git", 0100644, 0 }, { "git~1/x", 0100644, 0 },
		{ ".git.", 0100644, 0 }, { ".gitmodules", 0120000, 0 },
		{ "a/.GITMODULES", 0120000, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		cr_assert_eq(index_path_is_valid(cases[i].path, cases[i].mode), cases[i].ok,
			     "'%s' %o", cases[i].path, cases[i].mode);
}

Test(index, add_refuses_bad_paths)
{
	struct index idx = INDEX_INIT;

	cr_assert_eq(index_add(&idx, entry(".git/config", 0), 0), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "invalid path '.git/config'");
	cr_assert_eq(idx.nr, 0);
	index_release(&idx);
}

/* ---- corruption: every damaged file is refused with git's words ---- */

/* Build an index file body from `idx`, patch it, fix the checksum. */
static void reseal(struct strbuf *buf)
{
	struct oid sum;

	hash_buffer(&sum, buf->buf, buf->len - UG_OID_RAWSZ);
	memcpy(buf->buf + buf->len - UG_OID_RAWSZ, sum.hash, UG_OID_RAWSZ);
}

static void put32(char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

enum patch { TRUNCATE, BAD_SIG, BAD_VERSION_1, BAD_VERSION_5, BAD_SUM,
	     TOO_MANY, HUGE_COUNT, SWAP_ORDER, NUL_IN_NAME, DOTGIT_NAME,
	     LONG_NAMELEN, REQUIRED_EXT, TRUNCATED_EXT, DUP_STAGE, TINY };

struct corrupt_case {
	enum patch patch;
	const char *msg;
};

static const struct corrupt_case corrupt_cases[] = {
	{ TRUNCATE, "bad index file sha1 signature" },
	{ TINY, "index file smaller than expected" },
	{ BAD_SIG, "bad signature 0x44524944" },	/* as git prints "DIRD" */
	{ BAD_VERSION_1, "bad index version 1" },
	{ BAD_VERSION_5, "bad index version 5" },
	{ BAD_SUM, "bad index file sha1 signature" },
	{ TOO_MANY, "index file smaller than expected" },
	{ HUGE_COUNT, "index file smaller than expected" },
	{ SWAP_ORDER, "unordered stage entries in index" },
	{ NUL_IN_NAME, "malformed name field in the index, near path 'aa'" },
	{ DOTGIT_NAME, "invalid path '.git'" },
	{ LONG_NAMELEN, "malformed name field in the index, near path 'aa'" },
	{ REQUIRED_EXT, "index uses link extension, which we do not understand" },
	{ TRUNCATED_EXT, "index file smaller than expected" },
	{ DUP_STAGE, "multiple stage entries for merged file 'bb'" },
};

/* A valid 3-entry index ("aa", "bb", "cc"), 72 bytes an entry. */
static void three_entries(struct strbuf *buf)
{
	struct index idx = INDEX_INIT;

	assert_ok(index_add(&idx, entry("aa", 0), 0));
	assert_ok(index_add(&idx, entry("bb", 0), 0));
	assert_ok(index_add(&idx, entry("cc", 0), 0));
	index_serialize(buf, &idx);
	index_release(&idx);
}

static void apply_patch(struct strbuf *b, enum patch p)
{
	char *e1 = b->buf + 12, *e2 = b->buf + 12 + 72;

	switch (p) {
	case TRUNCATE: strbuf_setlen(b, b->len - 30); return;
	case TINY: strbuf_setlen(b, 20); return;
	case BAD_SIG: b->buf[3] = 'D'; break;
	case BAD_VERSION_1: put32(b->buf + 4, 1); break;
	case BAD_VERSION_5: put32(b->buf + 4, 5); break;
	case BAD_SUM: b->buf[b->len - 1] ^= 1; return;
	case TOO_MANY: put32(b->buf + 8, 4); break;
	case HUGE_COUNT: put32(b->buf + 8, 0xffffffff); break;
	case SWAP_ORDER: memcpy(e1 + 62, "cc", 2); break;
	case NUL_IN_NAME: e2[63] = '\0'; break;
	case DOTGIT_NAME: memcpy(e1 + 60, "\0\4.git", 6); break;
	case LONG_NAMELEN: e2[61] = 40; break;
	case REQUIRED_EXT: {
		size_t at = b->len - UG_OID_RAWSZ;

		strbuf_setlen(b, at);
		strbuf_add(b, "link\0\0\0\0", 8);
		strbuf_add(b, "01234567890123456789", 20);
		break;
	}
	case TRUNCATED_EXT: {
		size_t at = b->len - UG_OID_RAWSZ;

		strbuf_setlen(b, at);
		strbuf_add(b, "ZZZZ\0\0\1\0", 8);
		strbuf_add(b, "01234567890123456789", 20);
		break;
	}
	case DUP_STAGE: memcpy(e1 + 62, "bb", 2); e2[60] |= 0x10; break;
	}
	reseal(b);
}

Test(index, refuses_corrupt_files)
{
	size_t i;

	for (i = 0; i < sizeof(corrupt_cases) / sizeof(*corrupt_cases); i++) {
		struct strbuf buf = STRBUF_INIT;
		struct index idx = INDEX_INIT;

		three_entries(&buf);
		apply_patch(&buf, corrupt_cases[i].patch);
		cr_assert_eq(index_parse(&idx, buf.buf, buf.len), UG_ECORRUPT,
			     "case %zu", i);
		cr_assert_str_eq(ug_error_last(), corrupt_cases[i].msg, "case %zu", i);
		index_release(&idx);
		strbuf_release(&buf);
	}
}

/* Every truncation of a valid file is refused cleanly (no crash, no read past the end). */
Test(index, every_truncation_is_refused)
{
	struct strbuf buf = STRBUF_INIT;
	size_t n;

	three_entries(&buf);
	for (n = 0; n < buf.len; n++) {
		struct index idx = INDEX_INIT;
		char *copy = malloc(n + 1);

		memcpy(copy, buf.buf, n);
		cr_assert_lt(index_parse(&idx, copy, n), 0, "length %zu", n);
		index_release(&idx);
		free(copy);
	}
	strbuf_release(&buf);
}

Test(index, keeps_optional_extension_and_skips_unknown)
{
	struct strbuf buf = STRBUF_INIT, out = STRBUF_INIT;
	struct index idx = INDEX_INIT;
	size_t at;

	three_entries(&buf);
	at = buf.len - UG_OID_RAWSZ;
	strbuf_setlen(&buf, at);
	strbuf_add(&buf, "REUC\0\0\0\4abcd", 12);
	strbuf_add(&buf, "ZZZZ\0\0\0\2xy", 10);
	strbuf_add(&buf, "01234567890123456789", 20);
	reseal(&buf);
	assert_ok(index_parse(&idx, buf.buf, buf.len));
	cr_assert_eq(idx.nr, 3);
	index_serialize(&out, &idx);
	/* REUC kept, the unknown optional one dropped */
	cr_assert_eq(out.len, buf.len - 10);
	cr_assert(!memcmp(out.buf + at, "REUC\0\0\0\4abcd", 12));
	index_release(&idx);
	strbuf_release(&buf);
	strbuf_release(&out);
}

/* A name of 4095 bytes or more does not fit the 12-bit length field. */
Test(index, long_names_round_trip)
{
	struct index idx = INDEX_INIT, back = INDEX_INIT;
	struct strbuf buf = STRBUF_INIT, name = STRBUF_INIT;
	size_t i;

	for (i = 0; i < 5000; i++)
		strbuf_addch(&name, 'a' + i % 26);
	assert_ok(index_add(&idx, entry(name.buf, 0), 0));
	strbuf_setlen(&name, 4094);
	assert_ok(index_add(&idx, entry(name.buf, 0), 0));
	idx.version = 4;
	index_serialize(&buf, &idx);
	assert_ok(index_parse(&back, buf.buf, buf.len));
	cr_assert_eq(back.nr, 2);
	cr_assert_eq(back.entries[0]->namelen, 4094);
	cr_assert_eq(back.entries[1]->namelen, 5000);
	index_release(&idx);
	index_release(&back);
	strbuf_release(&buf);
	strbuf_release(&name);
}

/* ---- locking ---- */

Test(index, lock_held_elsewhere_changes_nothing)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	char *before, *after;

	git_fixture();
	before = read_file(".git/index", NULL);
	write_file(".git/index.lock", "", 0);
	assert_ok(repo_open(&repo, "."));
	cr_assert_eq(index_lock(&idx, repo), UG_ELOCKED);
	cr_assert(strstr(ug_error_last(), "/.git/index.lock': File exists."));
	cr_assert(fs_exists(".git/index.lock"));
	after = read_file(".git/index", NULL);
	cr_assert_str_eq(before, after);
	index_release(&idx);
	cr_assert(fs_exists(".git/index.lock"), "someone else's lock is kept");
	repo_free(repo);
	free(before);
	free(after);
}

Test(index, rollback_removes_our_lock)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;

	git_fixture();
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_lock(&idx, repo));
	cr_assert(fs_exists(".git/index.lock"));
	index_rollback(&idx);
	cr_assert_not(fs_exists(".git/index.lock"));
	index_release(&idx);
	repo_free(repo);
}

/* ---- stat data and racy git ---- */

static void stage(struct index *idx, const char *path, const char *content)
{
	struct index_entry *ce;
	struct stat st;
	struct oid oid;

	oid_hash_object(&oid, "blob", content, strlen(content));
	cr_assert_eq(lstat(path, &st), 0);
	ce = index_entry_new(path, strlen(path), 0, &oid, 0);
	index_entry_fill_stat(ce, &st);
	assert_ok(index_add(idx, ce, 0));
}

static int uptodate(struct index *idx, const char *path)
{
	struct stat st;

	cr_assert_eq(lstat(path, &st), 0);
	return index_entry_uptodate(idx, index_get(idx, path, 0), &st);
}

Test(index, modes_from_stat)
{
	cr_assert_eq(index_mode_from_stat(S_IFREG | 0644), 0100644);
	cr_assert_eq(index_mode_from_stat(S_IFREG | 0664), 0100644);
	cr_assert_eq(index_mode_from_stat(S_IFREG | 0744), 0100755);
	cr_assert_eq(index_mode_from_stat(S_IFREG | 0655), 0100644);
	cr_assert_eq(index_mode_from_stat(S_IFLNK | 0777), 0120000);
	cr_assert_eq(index_mode_from_stat(S_IFDIR | 0755), 0160000);
}

Test(index, uptodate_follows_stat_and_content)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;

	git("init -q . && printf hello >f && ln -s f l");
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_lock(&idx, repo));
	stage(&idx, "f", "hello");
	stage(&idx, "l", "f");			/* a symlink hashes its target */
	cr_assert_eq(uptodate(&idx, "f"), 1);
	cr_assert_eq(uptodate(&idx, "l"), 1);
	chmod("f", 0755);
	cr_assert_eq(uptodate(&idx, "f"), 0);	/* the exec bit is part of the mode */
	chmod("f", 0644);
	write_file("f", "HELLO", 5);		/* same size, new content */
	cr_assert_eq(uptodate(&idx, "f"), 0);
	write_file("f", "hello", 5);		/* new stat data, same content */
	cr_assert_eq(uptodate(&idx, "f"), 1);
	write_file("f", "hello!", 6);
	cr_assert_eq(uptodate(&idx, "f"), 0);
	index_release(&idx);
	repo_free(repo);
}

/*
 * The racy case: the file changes, keeping its size, in the same second
 * the index is written, after it was hashed.  Its stat data may match;
 * the content must still be compared.
 */
Test(index, racily_clean_entry_is_seen_as_modified)
{
	struct index idx = INDEX_INIT, again = INDEX_INIT, third = INDEX_INIT;
	struct repo *repo = NULL;
	struct index_entry *ce;
	struct stat st;
	struct timespec ts[2];

	git("init -q . && printf aaaa >f");
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_lock(&idx, repo));
	stage(&idx, "f", "aaaa");
	assert_ok(index_commit(&idx));
	/* change the content, then force the old stat data back */
	cr_assert_eq(lstat("f", &st), 0);
	write_file("f", "bbbb", 4);
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	cr_assert_eq(utimensat(AT_FDCWD, "f", ts, 0), 0);
	assert_ok(index_lock(&again, repo));
	ce = index_get(&again, "f", 0);
	/* make the file's times equal the index file's: as if in the same second */
	cr_assert_eq(lstat("f", &st), 0);
	ce->st.ctime_sec = st.st_ctim.tv_sec;
	ce->st.ctime_nsec = st.st_ctim.tv_nsec;
	ce->st.mtime_sec = again.mtime_sec;
	ce->st.mtime_nsec = st.st_mtim.tv_nsec;
	ts[1].tv_sec = again.mtime_sec;
	ts[1].tv_nsec = st.st_mtim.tv_nsec;
	cr_assert_eq(utimensat(AT_FDCWD, "f", ts, 0), 0);
	cr_assert_eq(lstat("f", &st), 0);
	ce->st.ctime_sec = st.st_ctim.tv_sec;
	ce->st.ctime_nsec = st.st_ctim.tv_nsec;
	cr_assert(index_stat_matches(ce, &st));
	cr_assert(index_entry_is_racy(&again, ce));
	cr_assert_eq(index_entry_uptodate(&again, ce, &st), 0);
	/* writing smudges it: size 0, so later readers hash it too */
	assert_ok(index_commit(&again));
	assert_ok(index_load(&third, repo));
	cr_assert_eq(index_get(&third, "f", 0)->st.size, 0);
	cr_assert_eq(uptodate(&third, "f"), 0);
	index_release(&idx);
	index_release(&again);
	index_release(&third);
	repo_free(repo);
}

/* ---- staging from the work tree ---- */

static void count_tree(const struct oid *oid, const char *path, void *payload)
{
	struct strbuf *sb = payload;
	char hex[UG_OID_HEXSZ + 1];

	strbuf_addf(sb, "[%s] %.7s\n", path, oid_to_hex(hex, oid));
}

Test(index, add_from_worktree_hashes_only_what_changed)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	struct strbuf trees = STRBUF_INIT;
	struct stat st;
	struct oid root;
	char *want, hex[UG_OID_HEXSZ + 1];

	git("init -q . && mkdir -p d/e && printf one >d/e/f && printf two >g && ln -s g l");
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_lock(&idx, repo));
	cr_assert_eq(lstat("d/e/f", &st), 0);
	cr_assert_eq(index_add_from_worktree(&idx, repo->odb, "d/e/f", &st, 0), 1);
	cr_assert_eq(lstat("g", &st), 0);
	cr_assert_eq(index_add_from_worktree(&idx, repo->odb, "g", &st, 0), 1);
	cr_assert_eq(lstat("l", &st), 0);
	cr_assert_eq(index_add_from_worktree(&idx, repo->odb, "l", &st, 0), 1);
	cr_assert_eq(index_get(&idx, "l", 0)->mode, 0120000);
	cr_assert_eq(lstat("d", &st), 0);
	cr_assert_eq(index_add_from_worktree(&idx, repo->odb, "d", &st, 0), UG_EINVALID);
	assert_ok(index_write_tree(&root, &idx, repo->odb, 1));
	assert_ok(index_commit(&idx));
	/* git reads the blobs ugit stored and computes the same tree */
	want = git_output("write-tree");
	cr_assert_str_eq(oid_to_hex(hex, &root), want);
	free(want);
	/* the cache-tree has the root and both directories */
	index_release(&idx);
	assert_ok(index_load(&idx, repo));
	index_for_each_cached_tree(&idx, count_tree, &trees);
	cr_assert_eq(strlen(trees.buf) > 0, 1);
	cr_assert(strstr(trees.buf, "[] ") && strstr(trees.buf, "[d] ") &&
		  strstr(trees.buf, "[d/e] "), "%s", trees.buf);
	/* an old, unchanged file is not touched again: nothing to write */
	git("update-index --refresh");
	index_release(&idx);
	sleep(1);
	assert_ok(index_load(&idx, repo));
	cr_assert_eq(lstat("g", &st), 0);
	cr_assert_eq(index_add_from_worktree(&idx, repo->odb, "g", &st, 0), 0);
	cr_assert(idx.tree_ext_valid, "an unchanged file keeps the cache-tree");
	write_file("g", "three", 5);
	cr_assert_eq(lstat("g", &st), 0);
	cr_assert_eq(index_add_from_worktree(&idx, repo->odb, "g", &st, 0), 1);
	cr_assert_not(idx.tree_ext_valid, "a new blob makes the cache-tree stale");
	index_release(&idx);
	strbuf_release(&trees);
	repo_free(repo);
}

Test(index, write_tree_reuses_a_valid_cache_tree_only)
{
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	struct oid first, again, changed;
	struct oid blob;

	git("init -q .");
	assert_ok(repo_open(&repo, "."));
	oid_hash_object(&blob, "blob", "x", 1);
	assert_ok(index_add(&idx, index_entry_new("d/f", 3, 0100644, &blob, 0), 0));
	assert_ok(index_write_tree(&first, &idx, repo->odb, 0));
	cr_assert(idx.tree_ext_valid);
	/* the cached answer needs no object: not even the missing blob is checked */
	assert_ok(index_write_tree(&again, &idx, repo->odb, 1));
	cr_assert(oid_eq(&first, &again));
	/* a new blob at the same path: recomputed (and now the check applies) */
	blob.hash[0] ^= 1;
	assert_ok(index_add(&idx, index_entry_new("d/f", 3, 0100644, &blob, 0), 0));
	cr_assert_not(idx.tree_ext_valid);
	cr_assert_eq(index_write_tree(&changed, &idx, repo->odb, 1), UG_ENOTFOUND);
	assert_ok(index_write_tree(&changed, &idx, repo->odb, 0));
	cr_assert_not(oid_eq(&first, &changed));
	/* a removal too */
	cr_assert_eq(index_remove(&idx, "d/f"), 1);
	cr_assert_not(idx.tree_ext_valid);
	assert_ok(index_write_tree(&changed, &idx, repo->odb, 0));
	index_release(&idx);
	repo_free(repo);
}

/* v4: a prefix to drop longer than the previous name (go-git CVE-2026-33762) */
Test(index, v4_strip_longer_than_previous_name_is_refused)
{
	struct strbuf buf = STRBUF_INIT;
	struct index idx = INDEX_INIT, back = INDEX_INIT;
	size_t entry2 = 12 + 62 + 1 + 3;	/* fixed part, varint, "aa\0" */

	assert_ok(index_add(&idx, entry("aa", 0), 0));
	assert_ok(index_add(&idx, entry("ab", 0), 0));
	idx.version = 4;
	index_serialize(&buf, &idx);
	cr_assert_eq(buf.buf[entry2 + 62], 1, "the second name drops one byte");
	assert_ok(index_parse(&back, buf.buf, buf.len));
	cr_assert_str_eq(back.entries[1]->name, "ab");
	index_release(&back);
	buf.buf[entry2 + 62] = 3;
	reseal(&buf);
	cr_assert_eq(index_parse(&back, buf.buf, buf.len), UG_ECORRUPT);
	cr_assert_str_eq(ug_error_last(), "malformed name field in the index, near path 'aa'");
	/* a varint that never ends */
	buf.buf[entry2 + 62] = (char)0x80;
	memset(buf.buf + entry2 + 63, 0xff, buf.len - UG_OID_RAWSZ - entry2 - 63);
	reseal(&buf);
	cr_assert_eq(index_parse(&back, buf.buf, buf.len), UG_ECORRUPT);
	index_release(&idx);
	index_release(&back);
	strbuf_release(&buf);
}

/*
 * index_hash_path(): a file's content or a link's target, the same id as
 * git hash-object gives; stored only when an object database is given.
 */
Test(index, hash_path_matches_git_and_stores_only_with_odb)
{
	static const char *const names[] = { "file", "empty", "link", "long" };
	struct repo *repo = NULL;
	size_t i;

	git("init -q . && printf 'hello\\n' >file && : >empty"
	    " && ln -s some/target link"
	    " && ln -s $(printf 'x%%.0s' $(seq 300)) long");
	assert_ok(repo_open(&repo, "."));
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		struct oid hashed, stored;
		struct stat st;
		char *want, hex[UG_OID_HEXSZ + 1], target[512];
		ssize_t n;

		cr_assert_eq(lstat(names[i], &st), 0);
		if (S_ISLNK(st.st_mode)) {
			/* git hashes a link's target; hand it the same bytes */
			n = readlink(names[i], target, sizeof(target));
			cr_assert(n > 0);
			write_file("target.tmp", target, (size_t)n);
			want = git_output("hash-object --stdin <target.tmp");
		} else {
			want = git_output("hash-object %s", names[i]);
		}
		assert_ok(index_hash_path(&hashed, NULL, names[i], &st));
		oid_to_hex(hex, &hashed);
		cr_assert_str_eq(hex, want, "%s", names[i]);
		cr_assert(!odb_has(repo->odb, &hashed), "%s stored without an odb", names[i]);
		assert_ok(index_hash_path(&stored, repo->odb, names[i], &st));
		cr_assert(oid_eq(&stored, &hashed), "%s", names[i]);
		cr_assert(odb_has(repo->odb, &stored), "%s not stored", names[i]);
		free(want);
	}
	repo_free(repo);
}
