/* Unit tests: tree entries, git's tree order, and trees written by git. */
#include "model_helpers.h"

#include "ugit/tree.h"
#include "ugit/xalloc.h"

TestSuite(tree, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))
#define BLOB_ID "ce013625030ba8dba906f756967f9e9ca394464a"

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

Test(tree, git_order_table)
{
	static const struct {
		const char *a;
		int a_dir;
		const char *b;
		int b_dir;
		int want;
	} cases[] = {
		{ "a", 0, "a", 0, 0 },
		{ "a", 1, "a", 1, 0 },
		{ "a", 0, "a", 1, -1 },		/* the file sorts before the directory */
		{ "a.c", 0, "a", 1, -1 },	/* '.' < '/' */
		{ "a", 1, "a0", 0, -1 },	/* '/' < '0' */
		{ "a", 0, "a.c", 0, -1 },	/* as a file, "a" is a prefix: first */
		{ "a-", 0, "a", 1, -1 },
		{ "ab", 0, "a", 1, 1 },
		{ "a", 1, "a.c", 0, 1 },
		{ "", 0, "a", 0, -1 },
		{ "b", 0, "a", 1, 1 },
		{ "\xff", 0, "a", 0, 1 },	/* bytes compare unsigned */
		{ "A", 0, "a", 0, -1 },
		{ "foo", 1, "foo.txt", 0, 1 },
		{ "foo", 1, "foo-bar", 1, 1 },
		{ "foo", 1, "foo0", 1, -1 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int got = tree_name_cmp(cases[i].a, strlen(cases[i].a), cases[i].a_dir,
					cases[i].b, strlen(cases[i].b), cases[i].b_dir);
		int back = tree_name_cmp(cases[i].b, strlen(cases[i].b), cases[i].b_dir,
					 cases[i].a, strlen(cases[i].a), cases[i].a_dir);

		cr_expect_eq(sign(got), cases[i].want, "'%s'%s vs '%s'%s", cases[i].a,
			     cases[i].a_dir ? "/" : "", cases[i].b, cases[i].b_dir ? "/" : "");
		cr_expect_eq(sign(back), -cases[i].want, "reversed case %zu", i);
	}
}

Test(tree, canonical_modes)
{
	static const struct {
		unsigned mode, canon;
		const char *type;
	} cases[] = {
		{ 0100644, TREE_MODE_FILE, "blob" },
		{ 0100755, TREE_MODE_EXEC, "blob" },
		{ 0100664, TREE_MODE_FILE, "blob" },
		{ 0100700, TREE_MODE_EXEC, "blob" },
		{ 0100000, TREE_MODE_FILE, "blob" },
		{ 0120000, TREE_MODE_SYMLINK, "blob" },
		{ 0120777, TREE_MODE_SYMLINK, "blob" },
		{ 0040000, TREE_MODE_DIR, "tree" },
		{ 0040755, TREE_MODE_DIR, "tree" },
		{ 0160000, TREE_MODE_GITLINK, "commit" },
		{ 0, TREE_MODE_GITLINK, "commit" },
		{ 1, TREE_MODE_GITLINK, "commit" },
		{ 0170000, TREE_MODE_GITLINK, "commit" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		cr_expect_eq(tree_canon_mode(cases[i].mode), cases[i].canon, "%o", cases[i].mode);
		cr_expect_str_eq(tree_mode_type(cases[i].mode), cases[i].type, "%o", cases[i].mode);
	}
}

/* A tree with every kind of entry and names that test the order, made by git. */
static char *git_made_tree(struct oid *oid, size_t *len)
{
	char *hex, *args, *body;

	git("init -q .");
	write_file("a.c", "c\n", 2);
	write_file("a0", "0\n", 2);
	write_file("exec", "#!/bin/sh\n", 10);
	cr_assert_eq(system("mkdir -p a-dir a/b && echo x >a-dir/f && echo y >a/b/f "
			    "&& chmod +x exec && ln -s a link"), 0);
	git("add .");
	git("update-index --add --cacheinfo 160000,%s,sub", BLOB_ID);
	hex = git_output("write-tree");
	assert_ok(oid_from_hex(oid, hex));
	args = xmalloc(64);
	snprintf(args, 64, "cat-file tree %s", hex);
	body = git_bytes(args, len);
	free(args);
	free(hex);
	return body;
}

Test(tree, git_made_tree_round_trips)
{
	static const struct {
		unsigned mode;
		const char *name;
	} want[] = {
		{ TREE_MODE_DIR, "a-dir" },
		{ TREE_MODE_FILE, "a.c" },
		{ TREE_MODE_DIR, "a" },
		{ TREE_MODE_FILE, "a0" },
		{ TREE_MODE_EXEC, "exec" },
		{ TREE_MODE_SYMLINK, "link" },
		{ TREE_MODE_GITLINK, "sub" },
	};
	struct tree tree = TREE_INIT;
	struct strbuf out = STRBUF_INIT;
	struct oid oid, again;
	size_t len, i;
	char *body = git_made_tree(&oid, &len);

	assert_ok(tree_parse(&tree, body, len));
	cr_assert_eq(tree.nr, ARRAY_SIZE(want));
	for (i = 0; i < tree.nr; i++) {
		cr_expect_eq(tree.entries[i].mode, want[i].mode, "%s", want[i].name);
		cr_expect_str_eq(tree.entries[i].name, want[i].name);
		cr_expect_eq(tree.entries[i].namelen, strlen(want[i].name));
	}
	tree_serialize(&out, &tree);
	cr_assert_eq(out.len, len);
	cr_assert(!memcmp(out.buf, body, len));
	oid_hash_object(&again, "tree", out.buf, out.len);
	cr_assert(oid_eq(&oid, &again));
	/* scrambled and sorted again, it is still git's tree */
	for (i = 0; i + 1 < tree.nr; i += 2) {
		struct tree_entry tmp = tree.entries[i];

		tree.entries[i] = tree.entries[tree.nr - 1 - i];
		tree.entries[tree.nr - 1 - i] = tmp;
	}
	tree_sort(&tree);
	strbuf_reset(&out);
	tree_serialize(&out, &tree);
	cr_assert(out.len == len && !memcmp(out.buf, body, len));
	strbuf_release(&out);
	tree_release(&tree);
	free(body);
}

Test(tree, sort_agrees_with_git_mktree)
{
	static const char *const names[] = {
		"foo", "foo.txt", "foo-bar", "foo0", "fo", "foo/", "Foo", "a b", "\xc3\xa9t\xc3\xa9",
		"x", "x.1", "x-", "y", "z.c", "z",
	};
	struct strbuf listing = STRBUF_INIT, body = STRBUF_INIT;
	struct tree tree = TREE_INIT;
	struct oid blob, ours;
	char hex[UG_OID_HEXSZ + 1], *theirs;
	size_t i;

	git("init -q .");
	assert_ok(oid_from_hex(&blob, BLOB_ID));
	/* even positions directories, odd positions files, added in reverse */
	for (i = ARRAY_SIZE(names); i-- > 0;) {
		char *name = xstrdup(names[i]);
		int dir = i % 2 == 0;

		if (ends_with(name, "/"))
			name[strlen(name) - 1] = '\0';
		tree_add(&tree, dir ? TREE_MODE_DIR : TREE_MODE_FILE, name, &blob);
		strbuf_addf(&listing, "%s %s %s\t%s\n", dir ? "040000" : "100644",
			    dir ? "tree" : "blob", BLOB_ID, name);
		free(name);
	}
	tree_sort(&tree);
	tree_serialize(&body, &tree);
	oid_hash_object(&ours, "tree", body.buf, body.len);
	cr_assert_eq(git_with_input(listing.buf, listing.len, &theirs, NULL, "mktree --missing"), 0);
	cr_expect_str_eq(oid_to_hex(hex, &ours), strtok(theirs, "\n"));
	free(theirs);
	strbuf_release(&listing);
	strbuf_release(&body);
	tree_release(&tree);
}

Test(tree, sort_is_stable_and_keeps_duplicates)
{
	struct tree tree = TREE_INIT;
	struct oid a, b;

	assert_ok(oid_from_hex(&a, "1111111111111111111111111111111111111111"));
	assert_ok(oid_from_hex(&b, "2222222222222222222222222222222222222222"));
	tree_add(&tree, TREE_MODE_FILE, "z", &a);
	tree_add(&tree, TREE_MODE_FILE, "x", &a);
	tree_add(&tree, TREE_MODE_FILE, "x", &b);
	tree_add(&tree, TREE_MODE_FILE, "y", &a);
	tree_sort(&tree);
	cr_assert_eq(tree.nr, 4);
	cr_expect_str_eq(tree.entries[0].name, "x");
	cr_expect(oid_eq(&tree.entries[0].oid, &a));
	cr_expect(oid_eq(&tree.entries[1].oid, &b));
	cr_expect_str_eq(tree.entries[2].name, "y");
	cr_expect_str_eq(tree.entries[3].name, "z");
	tree_release(&tree);
	cr_expect_eq(tree.nr, 0);
	tree_release(&tree);	/* releasing twice is harmless */
}

Test(tree, zero_padded_and_odd_modes_read_canonical)
{
	struct strbuf raw = STRBUF_INIT, out = STRBUF_INIT, want = STRBUF_INIT;
	struct tree tree = TREE_INIT;

	add_entry(&raw, "0100644", "a", NULL);
	add_entry(&raw, "100664", "b", NULL);
	add_entry(&raw, "040000", "d", NULL);
	add_entry(&raw, "00000000000000000000120000", "l", NULL);
	assert_ok(tree_parse(&tree, raw.buf, raw.len));
	cr_assert_eq(tree.nr, 4);
	cr_expect_eq(tree.entries[0].mode, TREE_MODE_FILE);
	cr_expect_eq(tree.entries[1].mode, TREE_MODE_FILE);
	cr_expect_eq(tree.entries[2].mode, TREE_MODE_DIR);
	cr_expect_eq(tree.entries[3].mode, TREE_MODE_SYMLINK);
	tree_serialize(&out, &tree);
	add_entry(&want, "100644", "a", NULL);
	add_entry(&want, "100644", "b", NULL);
	add_entry(&want, "40000", "d", NULL);
	add_entry(&want, "120000", "l", NULL);
	cr_expect(out.len == want.len && !memcmp(out.buf, want.buf, out.len));
	strbuf_release(&raw);
	strbuf_release(&out);
	strbuf_release(&want);
	tree_release(&tree);
}

Test(tree, huge_modes_wrap_like_git_without_overflow)
{
	struct strbuf raw = STRBUF_INIT;
	struct tree_iter it;
	struct tree_item item;

	/* twenty 7s: every bit set, then shifted out, modulo 2^32 */
	add_entry(&raw, "77777777777777777777", "a", NULL);
	tree_iter_init(&it, raw.buf, raw.len);
	cr_assert_eq(tree_iter_next(&item, &it), 1);
	cr_expect_eq(item.raw_mode, 0xffffffffu);
	cr_expect_eq(item.mode, TREE_MODE_GITLINK);
	cr_expect_eq(tree_iter_next(&item, &it), 0);
	strbuf_release(&raw);
}

Test(tree, malformed_entries_are_refused_with_gits_message)
{
	static const struct {
		const char *mode, *name;
		size_t cut;	/* bytes dropped from the end */
		const char *msg;
	} cases[] = {
		{ "100644", "a", 1, "too-short tree object" },
		{ "100644", "a", 20, "too-short tree object" },
		{ "100644", "a", 23, "too-short tree object" },
		{ "10064x", "a", 0, "malformed mode in tree entry" },
		{ "", "a", 0, "malformed mode in tree entry" },
		{ "-1", "a", 0, "malformed mode in tree entry" },
		{ "100644", "", 0, "empty filename in tree entry" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf raw = STRBUF_INIT;
		struct tree tree = TREE_INIT;

		add_entry(&raw, "100644", "ok", NULL);
		add_entry(&raw, cases[i].mode, cases[i].name, NULL);
		strbuf_setlen(&raw, raw.len - cases[i].cut);
		cr_expect_eq(tree_parse(&tree, raw.buf, raw.len), UG_ECORRUPT, "case %zu", i);
		cr_expect_str_eq(ug_error_last(), cases[i].msg, "case %zu", i);
		cr_expect(tree.nr == 0 && !tree.entries, "case %zu: released", i);
		strbuf_release(&raw);
	}
}

Test(tree, a_name_may_swallow_bytes_up_to_a_later_nul)
{
	struct strbuf raw = STRBUF_INIT;
	struct tree tree = TREE_INIT;

	/* no NUL after "a": git's name runs on to the next entry's NUL */
	strbuf_addstr(&raw, "100644 a");
	add_entry(&raw, "100644", "b", NULL);
	assert_ok(tree_parse(&tree, raw.buf, raw.len));
	cr_assert_eq(tree.nr, 1);
	cr_expect_str_eq(tree.entries[0].name, "a100644 b");
	tree_release(&tree);
	strbuf_release(&raw);
}

Test(tree, iterator_borrows_and_errors_stick)
{
	struct strbuf raw = STRBUF_INIT;
	struct tree_iter it;
	struct tree_item item;

	add_entry(&raw, "040000", "dir", NULL);
	add_entry(&raw, "1x", "bad", NULL);
	tree_iter_init(&it, raw.buf, raw.len);
	cr_assert_eq(tree_iter_next(&item, &it), 1);
	cr_expect_eq(item.mode, TREE_MODE_DIR);
	cr_expect_eq(item.raw_mode, 040000u);
	cr_expect(item.zero_padded);
	cr_expect(item.name == raw.buf + 7, "the name points into the buffer");
	cr_expect_eq(item.namelen, 3);
	cr_expect_eq(tree_iter_next(&item, &it), UG_ECORRUPT);
	ug_error_clear();
	cr_expect_eq(tree_iter_next(&item, &it), UG_ECORRUPT);
	cr_expect_str_eq(ug_error_last(), "malformed mode in tree entry");
	strbuf_release(&raw);
}

/* Every prefix of a real tree: an error or the entries before the cut, never a bad read. */
Test(tree, every_truncation_is_safe)
{
	struct tree tree = TREE_INIT;
	struct oid oid;
	size_t len, cut, boundary = 0, whole = 0;
	char *body = git_made_tree(&oid, &len);

	for (cut = 0; cut <= len; cut++) {
		char *copy = exact_copy(body, cut);
		int ret = tree_parse(&tree, copy, cut);

		if (ret == 0) {
			struct strbuf again = STRBUF_INIT;

			boundary++;
			tree_serialize(&again, &tree);
			cr_expect(again.len == cut && !memcmp(again.buf, body, cut));
			whole += cut == len;
			strbuf_release(&again);
		} else {
			cr_expect_eq(ret, UG_ECORRUPT);
		}
		tree_release(&tree);
		free(copy);
	}
	/* the empty prefix and one per entry */
	cr_expect_eq(boundary, 1 + 7);
	cr_expect_eq(whole, 1);
	free(body);
}

Test(tree, big_tree_parses)
{
	struct strbuf raw = STRBUF_INIT, out = STRBUF_INIT;
	struct tree tree = TREE_INIT;
	char name[16];
	size_t i, n = 100000;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "f%07zu", i);
		add_entry(&raw, "100644", name, NULL);
	}
	assert_ok(tree_parse(&tree, raw.buf, raw.len));
	cr_assert_eq(tree.nr, n);
	tree_serialize(&out, &tree);
	cr_expect(out.len == raw.len && !memcmp(out.buf, raw.buf, raw.len));
	strbuf_release(&raw);
	strbuf_release(&out);
	tree_release(&tree);
}

/* ---- tree_check (git itself is the oracle in test_fsck.c) ---- */

Test(tree, check_table)
{
	static const struct {
		const char *entries;	/* "mode name|..." */
		int strict;
		const char *ids;
	} cases[] = {
		{ "100644 a|100755 b|120000 c|40000 d|160000 e", 0, "" },
		{ "100664 a", 0, "" },
		{ "100664 a", 1, "badFilemode" },
		{ "100000 a", 0, "badFilemode" },
		{ "0100644 a", 0, "zeroPaddedFilemode" },
		{ "040000 a|0 b", 0, "zeroPaddedFilemode badFilemode" },
		{ "100644 a|100644 a", 0, "duplicateEntries" },
		{ "100644 x|100644 x.1|40000 x", 0, "duplicateEntries" },
		{ "100644 x|40000 x.1|40000 x", 0, "duplicateEntries" },
		{ "100644 x.1|40000 x", 0, "" },
		{ "100644 b|100644 a", 0, "treeNotSorted" },
		{ "40000 a|100644 a.c", 0, "treeNotSorted" },
		{ "100644 a/b", 0, "fullPathname" },
		{ "100644 .|100644 ..", 0, "hasDot hasDotdot" },
		{ "100644 .GIT", 0, "hasDotgit" },
		{ "100644 x\\.git", 0, "hasDotgit" },
		{ "120000 .gitmodules", 0, "gitmodulesSymlink" },
		{ "120000 x\\gitmod~1", 0, "gitmodulesSymlink" },
		{ "120000 .gitmodules\\gitmod~1", 0, "gitmodulesSymlink" },
		{ "120000 .gitignore|120000 .mailmap", 0, "gitignoreSymlink mailmapSymlink" },
		{ "120000 .gitattributes", 0, "gitattributesSymlink" },
		{ "100644 .gitattributes|100644 .gitignore|100644 .gitmodules", 0, "" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf raw = STRBUF_INIT;
		char *copy = xstrdup(cases[i].entries), *save = NULL, *e, *ids;

		for (e = strtok_r(copy, "|", &save); e; e = strtok_r(NULL, "|", &save)) {
			char *sp = strchr(e, ' ');

			*sp = '\0';
			add_entry(&raw, e, sp + 1, NULL);
		}
		ids = check_ids_strict(tree_check, raw.buf, raw.len, cases[i].strict, NULL);
		cr_expect_str_eq(ids, cases[i].ids, "'%s' strict=%d: %s", cases[i].entries,
				 cases[i].strict, ids);
		free(ids);
		free(copy);
		strbuf_release(&raw);
	}
}

Test(tree, check_reports_bad_tree_with_the_decoding_message)
{
	struct strbuf raw = STRBUF_INIT;
	char *ids;
	int ret;

	add_entry(&raw, "100644", "a", "0000000000000000000000000000000000000000");
	add_entry(&raw, "100644", "", NULL);
	ids = check_ids_strict(tree_check, raw.buf, raw.len, 0, &ret);
	/* the null id was seen before the break, and is still reported */
	cr_expect_str_eq(ids, "badTree nullSha1");
	cr_expect_eq(ret, 1);
	free(ids);
	ids = check_ids_strict(tree_check, raw.buf, 10, 0, &ret);
	cr_expect_str_eq(ids, "badTree");
	cr_expect_str_eq(ug_error_last(), "too-short tree object");
	free(ids);
	ids = check_ids_strict(tree_check, "", 0, 0, &ret);
	cr_expect_str_eq(ids, "");
	cr_expect_eq(ret, 0);
	free(ids);
	strbuf_release(&raw);
}
