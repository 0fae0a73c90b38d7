/* Unit tests: commits - reading git's, writing git's bytes, and the odd ones. */
#include "model_helpers.h"

#include "ugit/commit.h"
#include "ugit/ident.h"
#include "ugit/xalloc.h"

TestSuite(commit, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))
#define EMPTY_TREE "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
#define TREE_ID "3333333333333333333333333333333333333333"
#define PARENT_ID "4444444444444444444444444444444444444444"
#define ID "A U Thor <a@x> 1112911993 -0700"
#define HEAD "tree " TREE_ID "\n"

/* `git cat-file commit <rev>` as bytes, and the commit's id. */
static char *cat_commit(const char *rev, struct oid *oid, size_t *len)
{
	char args[128], *hex = git_output("rev-parse %s", rev), *body;

	assert_ok(oid_from_hex(oid, hex));
	snprintf(args, sizeof(args), "cat-file commit %s", hex);
	body = git_bytes(args, len);
	free(hex);
	return body;
}

static void expect_round_trip(const char *rev, size_t nparents)
{
	struct commit c = COMMIT_INIT;
	struct strbuf out = STRBUF_INIT;
	struct oid oid, again;
	char *hex, hexbuf[UG_OID_HEXSZ + 1];
	size_t len, i;
	char *body = cat_commit(rev, &oid, &len);

	assert_ok(commit_parse(&c, body, len));
	hex = git_output("rev-parse %s^{tree}", rev);
	cr_expect_str_eq(oid_to_hex(hexbuf, &c.tree), hex, "%s", rev);
	free(hex);
	cr_assert_eq(c.parents_nr, nparents, "%s", rev);
	for (i = 0; i < nparents; i++) {
		hex = git_output("rev-parse %s^%zu", rev, i + 1);
		cr_expect_str_eq(oid_to_hex(hexbuf, &c.parents[i]), hex);
		free(hex);
	}
	hex = git_output("log -1 --format=%%an%%x20%%x3c%%ae%%x3e%%x20%%ad --date=raw %s", rev);
	cr_expect_str_eq(c.author, hex);
	free(hex);
	commit_serialize(&out, &c);
	cr_expect(out.len == len && !memcmp(out.buf, body, len), "%s: '%s'", rev, out.buf);
	oid_hash_object(&again, "commit", out.buf, out.len);
	cr_expect(oid_eq(&oid, &again), "%s", rev);
	strbuf_release(&out);
	commit_release(&c);
	free(body);
}

static void make_history(void)
{
	git("init -q -b main .");
	git("commit -q --allow-empty -m root");
	git("checkout -q -b side");
	git("commit -q --allow-empty -m side");
	git("checkout -q main");
	git("-c i18n.commitEncoding=ISO-8859-1 commit -q --allow-empty -m 'encoded'");
	git("merge -q --no-ff -m 'merge side' side");
}

Test(commit, git_made_commits_round_trip)
{
	make_history();
	expect_round_trip("HEAD~1~1", 0);	/* root */
	expect_round_trip("HEAD~1", 1);		/* with an encoding header */
	expect_round_trip("HEAD", 2);		/* merge */
}

Test(commit, encoding_and_signature_headers_are_kept)
{
	static const char body[] =
		"tree " EMPTY_TREE "\n"
		"author " ID "\n"
		"committer " ID "\n"
		"encoding ISO-8859-1\n"
		"gpgsig -----BEGIN PGP SIGNATURE-----\n"
		" \n"
		" iQEzBAABCAAdFiEE\n"
		" -----END PGP SIGNATURE-----\n"
		"\n"
		"signed\n";
	struct commit c = COMMIT_INIT;
	struct strbuf out = STRBUF_INIT;
	struct oid oid, ours;
	const char *v;
	size_t len;
	char *hex, *stored;

	git("init -q .");
	/* written by git, which checks it first */
	cr_assert_eq(git_with_input(body, sizeof(body) - 1, &hex, NULL,
				    "hash-object -t commit -w --stdin"), 0);
	assert_ok(oid_from_hex(&oid, hex));
	stored = cat_commit(hex, &oid, &len);
	assert_ok(commit_parse(&c, stored, len));
	cr_expect_str_eq(c.extra_headers, "encoding ISO-8859-1\ngpgsig -----BEGIN PGP SIGNATURE-----\n"
			 " \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n");
	v = commit_header(&c, "encoding", &len);
	cr_assert_not_null(v);
	cr_expect(len == 10 && !memcmp(v, "ISO-8859-1", 10));
	v = commit_header(&c, "gpgsig", &len);
	cr_assert_not_null(v);
	cr_expect(len == 29 && !memcmp(v, "-----BEGIN PGP SIGNATURE-----", 29));
	cr_expect_null(commit_header(&c, "enc", &len));
	cr_expect_null(commit_header(&c, "mergetag", &len));
	cr_expect_str_eq(c.message, "signed\n");
	commit_serialize(&out, &c);
	oid_hash_object(&ours, "commit", out.buf, out.len);
	cr_expect(oid_eq(&oid, &ours));
	strbuf_release(&out);
	commit_release(&c);
	free(stored);
	free(hex);
}

Test(commit, written_from_scratch_like_commit_tree)
{
	struct commit c = COMMIT_INIT;
	struct strbuf out = STRBUF_INIT, who = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1], *theirs;

	git("init -q .");
	assert_ok(oid_from_hex(&c.tree, EMPTY_TREE));
	ident_format(&who, "A U Thor", "author@example.com", 1112911993, -700);
	c.author = strbuf_detach(&who, NULL);
	ident_format(&who, "C O Mitter", "committer@example.com", 1112911993, -700);
	c.committer = strbuf_detach(&who, NULL);
	c.message = xstrdup("first line\n\nbody\n");
	c.message_len = strlen(c.message);
	commit_serialize(&out, &c);
	oid_hash_object(&c.tree, "commit", out.buf, out.len);
	theirs = git_output("commit-tree %s -m 'first line' -m body", EMPTY_TREE);
	cr_expect_str_eq(oid_to_hex(hex, &c.tree), theirs);
	free(theirs);
	strbuf_release(&out);
	commit_release(&c);
}

Test(commit, lenient_parse_keeps_what_is_there)
{
	static const struct {
		const char *buf;
		const char *author, *committer, *extra, *message;
		size_t parents;
	} cases[] = {
		{ HEAD "author " ID "\ncommitter " ID "\n\nmsg\n", ID, ID, "", "msg\n", 0 },
		{ HEAD "parent " PARENT_ID "\nparent " PARENT_ID "\nauthor a\ncommitter c\n\n", "a", "c", "", "", 2 },
		{ HEAD "committer c\n\nno author\n", NULL, "c", "", "no author\n", 0 },
		{ HEAD "author a\nauthor b\ncommitter c\ncommitter d\n\nm", "a", "c",
		  "author b\ncommitter d\n", "m", 0 },
		{ HEAD "x-odd y\nauthor a\ncommitter c\nencoding e\n\nm", "a", "c", "x-odd y\nencoding e\n", "m", 0 },
		{ HEAD "author a\ncommitter c\n", "a", "c", "", "", 0 },		/* no body */
		{ HEAD "author a\ncommitter c", "a", "c", "", "", 0 },		/* unterminated */
		{ HEAD "\nparent " PARENT_ID "\n", NULL, NULL, "", "parent " PARENT_ID "\n", 0 },
		{ HEAD "author a\n\n\n\nm\n\n", "a", NULL, "", "\n\nm\n\n", 0 },
		{ HEAD "author \ncommitter\n\n", "", NULL, "committer\n", "", 0 },
		{ HEAD "x", NULL, NULL, "x", "", 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct commit c = COMMIT_INIT;

		assert_ok(commit_parse(&c, cases[i].buf, strlen(cases[i].buf)));
		if (cases[i].author)
			cr_expect_str_eq(c.author, cases[i].author, "case %zu", i);
		else
			cr_expect_null(c.author, "case %zu", i);
		if (cases[i].committer)
			cr_expect_str_eq(c.committer, cases[i].committer, "case %zu", i);
		else
			cr_expect_null(c.committer, "case %zu", i);
		cr_expect_str_eq(c.extra_headers, cases[i].extra, "case %zu", i);
		cr_expect_str_eq(c.message, cases[i].message, "case %zu", i);
		cr_expect_eq(c.message_len, strlen(cases[i].message), "case %zu", i);
		cr_expect_eq(c.parents_nr, cases[i].parents, "case %zu", i);
		commit_release(&c);
	}
}

Test(commit, message_may_hold_nul)
{
	static const char body[] = HEAD "author a\ncommitter c\n\nab\0cd";
	struct commit c = COMMIT_INIT;

	assert_ok(commit_parse(&c, body, sizeof(body) - 1));
	cr_expect_eq(c.message_len, 5);
	cr_expect(!memcmp(c.message, "ab\0cd", 5));
	commit_release(&c);
}

Test(commit, refusals_carry_gits_words)
{
	static const struct {
		const char *buf;
		const char *msg;
	} cases[] = {
		{ "", "bogus commit object" },
		{ HEAD, "bogus commit object" },
		{ "tree " TREE_ID, "bogus commit object" },
		{ "tree " TREE_ID "\r\nauthor a\n", "bogus commit object" },
		{ "\n" HEAD "author a\n", "bogus commit object" },
		{ "parent " PARENT_ID "\n" HEAD, "bogus commit object" },
		{ "tree 333333333333333333333333333333333333333x\n\n", "bad tree pointer in commit" },
		{ HEAD "parent 444444444444444444444444444444444444444x\n\n", "bad parents in commit" },
		{ HEAD "parent 444444444444444444444444444444444444444\n\n\n", "bad parents in commit" },
		{ HEAD "parent " PARENT_ID "\n", "bad parents in commit" },
		{ HEAD "parent " PARENT_ID " \n\n", "bad parents in commit" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct commit c = COMMIT_INIT;

		cr_expect_eq(commit_parse(&c, cases[i].buf, strlen(cases[i].buf)), UG_ECORRUPT,
			     "case %zu", i);
		cr_expect_str_eq(ug_error_last(), cases[i].msg, "case %zu", i);
		cr_expect(!c.parents && !c.message && !c.extra_headers, "case %zu: released", i);
		commit_release(&c);
	}
}

/* The date git orders history by: compared with `git rev-list --timestamp`. */
Test(commit, date_is_read_as_git_reads_it)
{
	static const char *const bodies[] = {
		HEAD "author " ID "\ncommitter A <a@x> 1234567890 +0000\n\nm\n",
		HEAD "committer A <a@x> 1234567890 +0000\nauthor " ID "\n\nm\n",
		HEAD "author " ID "\nencoding x\ncommitter A <a@x> 5 +0000\n\nm\n",
		HEAD "committer A <a@x> 77 +0000\n\nm\n",
		HEAD "author " ID "\ncommitter A <a@x> -1 +0000\n\nm\n",
		HEAD "author " ID "\ncommitter A <a@x> 99999999999999999999999 +0000\n\nm\n",
		HEAD "author " ID "\ncommitter A <a@x> 18446744073709551615 +0000\n\nm\n",
		HEAD "author " ID "\ncommitter A <a@x>   \t42 +0000\n\nm\n",
		HEAD "author " ID "\ncommitter A <a@x> +42 +0000\n\nm\n",
		HEAD "author " ID "\ncommitter A <a@x> 0042 +0000\n\nm\n",
		HEAD "author " ID "\ncommitter A <a@x> x +0000\n\nm\n",
		HEAD "author " ID "\ncommitter A <a@x> 12 +0000\n",	/* ends right after */
		HEAD "author " ID "\ncommitter A <a@x> 12 +0000\n\n",
		HEAD "author " ID "\ncommitter A <a@x\n> 13\nfoo\n\nm\n",
		HEAD "author " ID "\ncommitter A <a@x> \n 14\n\nm\n",
		HEAD "authorX\ncommitterY>15 +0000\n\nm\n",
		HEAD "author " ID "\ncommitter <no-bracket-close 16\n\nm\n",
		HEAD "parent " PARENT_ID "\nauthor " ID "\ncommitter A <a> <b> 17 +0000\n\nm\n",
	};
	struct strbuf args = STRBUF_INIT;
	char *out, *line, *save = NULL;
	char hex[ARRAY_SIZE(bodies)][UG_OID_HEXSZ + 1];
	size_t i;

	git("init -q .");
	strbuf_addstr(&args, "rev-list --no-walk=unsorted --timestamp");
	for (i = 0; i < ARRAY_SIZE(bodies); i++) {
		char *h = git_write_literally("commit", bodies[i], strlen(bodies[i]));

		memcpy(hex[i], h, sizeof(hex[i]));
		strbuf_addf(&args, " %s", h);
		free(h);
	}
	out = git_bytes(args.buf, NULL);
	line = strtok_r(out, "\n", &save);
	for (i = 0; i < ARRAY_SIZE(bodies); i++) {
		struct commit c = COMMIT_INIT;
		char want[128];

		cr_assert_not_null(line, "rev-list printed too little");
		assert_ok(commit_parse(&c, bodies[i], strlen(bodies[i])));
		snprintf(want, sizeof(want), "%llu %.40s", (unsigned long long)c.date, hex[i]);
		cr_expect_str_eq(line, want, "case %zu", i);
		commit_release(&c);
		line = strtok_r(NULL, "\n", &save);
	}
	free(out);
	strbuf_release(&args);
}

/* Every prefix of a real merge commit: no bad read, whatever the verdict. */
Test(commit, every_truncation_is_safe)
{
	struct oid oid;
	size_t len, cut, clean_from;
	char *body;

	make_history();
	body = cat_commit("HEAD", &oid, &len);
	/* fsck is happy once the committer line is complete */
	clean_from = (size_t)(strstr(body, "\n\n") - body) + 1;
	for (cut = 0; cut <= len; cut++) {
		struct commit c = COMMIT_INIT;
		char *copy = exact_copy(body, cut), *ids;
		int ret = commit_parse(&c, copy, cut), checked;
		/*
		 * git reads it unless it is at most the tree line, or it ends
		 * exactly after a parent line (46 + 48 or 46 + 2 * 48 bytes)
		 */
		int refused = cut <= 46 || cut == 46 + 48 || cut == 46 + 2 * 48;

		cr_expect_eq(ret, refused ? UG_ECORRUPT : 0, "cut %zu", cut);
		commit_release(&c);
		ids = check_ids_strict(commit_check, copy, cut, 1, &checked);
		cr_expect_eq(!!checked, cut < clean_from, "cut %zu: %s", cut, ids);
		free(ids);
		free(copy);
	}
	free(body);
}

Test(commit, many_parents)
{
	struct strbuf body = STRBUF_INIT;
	struct commit c = COMMIT_INIT;
	size_t i, n = 100000;

	strbuf_addstr(&body, HEAD);
	for (i = 0; i < n; i++)
		strbuf_addstr(&body, "parent " PARENT_ID "\n");
	strbuf_addstr(&body, "author a\ncommitter c\n\nm\n");
	assert_ok(commit_parse(&c, body.buf, body.len));
	cr_expect_eq(c.parents_nr, n);
	commit_release(&c);
	strbuf_release(&body);
}

/* ---- commit_check (git itself is the oracle in test_fsck.c) ---- */

Test(commit, check_table)
{
	static const struct {
		const char *buf;
		const char *ids;
	} cases[] = {
		{ HEAD "author " ID "\ncommitter " ID "\n\nm\n", "" },
		{ HEAD "author " ID "\ncommitter " ID "\n", "" },
		{ "tre " TREE_ID "\n\n", "missingTree" },
		{ "tree x\n\n", "badTreeSha1" },
		{ "tree 33\nauthor " ID "\ncommitter " ID "\n\n", "badTreeSha1" },
		{ HEAD "parent 4\nauthor " ID "\ncommitter " ID "\n\n", "badParentSha1" },
		{ HEAD "committer " ID "\n\n", "missingAuthor" },
		{ HEAD "author " ID "\nauthor " ID "\ncommitter " ID "\n\n", "multipleAuthors" },
		{ HEAD "author " ID "\n\n", "missingCommitter" },
		{ HEAD "author " ID "\ncommitter " ID, "unterminatedHeader" },
		{ HEAD "author <a> 1 +0000\ncommitter " ID "\n\n", "missingNameBeforeEmail" },
		{ HEAD "author " ID "\ncommitter A <a> 1 +00\n\n", "badTimezone" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int ret;
		char *ids = check_ids_strict(commit_check, cases[i].buf, strlen(cases[i].buf),
					     0, &ret);

		cr_expect_str_eq(ids, cases[i].ids, "case %zu", i);
		cr_expect_eq(ret, !!*cases[i].ids, "case %zu", i);
		free(ids);
	}
}

/* A report that demotes everything to a warning, as fsck.<id>=warn would. */
static int demote_all(enum fsck_msg_id id, const char *msg, void *payload)
{
	collect_report(id, msg, payload);
	return 0;
}

Test(commit, check_goes_on_past_demoted_problems)
{
	static const char buf[] = "tree 33\nparent 44\nparent 55\ncommitter " ID "\n\nm\0\n";
	struct collected c = { STRBUF_INIT, STRBUF_INIT, 0, 0 };
	struct fsck_options o = { 0, demote_all, &c };

	cr_expect_eq(commit_check(buf, sizeof(buf) - 1, &o), 0);
	cr_expect_str_eq(c.ids.buf, "badTreeSha1 badParentSha1 badParentSha1 missingAuthor nulInCommit");
	strbuf_release(&c.ids);
	strbuf_release(&c.msgs);
}

Test(commit, release_is_idempotent)
{
	struct commit c = COMMIT_INIT;

	assert_ok(commit_parse(&c, HEAD "x", strlen(HEAD "x")));
	commit_release(&c);
	commit_release(&c);
	cr_expect_null(c.message);
}
