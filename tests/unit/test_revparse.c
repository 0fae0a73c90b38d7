/* Unit tests: revparse - names to ids, git's warnings and hints, peeling; git as the oracle. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/fs.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

TestSuite(revparse, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))
#define EMPTY_TREE "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

static struct repo *open_repo(void)
{
	struct repo *repo = NULL;

	assert_ok(repo_discover(&repo));
	return repo;
}

static void put(const char *path, const char *content)
{
	write_file(path, content, strlen(content));
}

/* master (two commits), topic, tags light and v1.0, a remote with HEAD. */
static void make_history(void)
{
	git("init -q .");
	git("commit -q --allow-empty -m one");
	git("tag light");
	git("tag -a -m 'annotated' v1.0");
	git("branch topic");
	git("commit -q --allow-empty -m two");
	git("update-ref refs/remotes/origin/main HEAD~1");
	git("symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main");
}

/* What `git rev-parse --verify <name>` prints: stdout in *id, stderr returned. */
static char *git_verify(char **id, const char *name)
{
	char *out = git_output("rev-parse --verify '%s' 2>/dev/null || true", name);
	char *err = git_output("rev-parse --verify '%s' 2>&1 >/dev/null | "
			       "grep -v '^fatal: ' || true", name);

	if (!*out) {
		free(out);
		out = NULL;
	}
	*id = out;
	return err;
}

/* Resolve with both, compare ids (or failures) and warnings. */
static void expect_like_git(struct repo *repo, const char *name)
{
	struct strbuf warnings = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1], *want, *want_err;
	struct oid oid;
	int err;

	want_err = git_verify(&want, name);
	err = revparse_single_ext(&oid, &warnings, repo, name, 0);
	strbuf_rtrim(&warnings);	/* git_output() trims too */
	if (want) {
		cr_expect_eq(err, 0, "'%s': %s", name, ug_error_last());
		if (!err)
			cr_expect_str_eq(oid_to_hex(hex, &oid), want, "'%s'", name);
	} else {
		cr_expect_lt(err, 0, "'%s' resolved to %s", name, oid_to_hex(hex, &oid));
	}
	cr_expect_str_eq(warnings.buf, want_err, "warnings for '%s'", name);
	free(want);
	free(want_err);
	strbuf_release(&warnings);
}

Test(revparse, names_like_git)
{
	static const char *const names[] = {
		"HEAD", "@", "master", "heads/master", "refs/heads/master", "topic",
		"light", "tags/light", "refs/tags/light", "v1.0", "tags/v1.0",
		"origin", "origin/main", "remotes/origin/main", "refs/remotes/origin/HEAD",
		"nope", "heads/nope", "refs/heads", "", "main", "HEAD/x", "../HEAD",
		"refs/heads/../../HEAD", "refs/heads/", "a..b",
		"1234567890123456789012345678901234567890",	/* full ids need not exist */
		"123456789012345678901234567890123456789",	/* 39 digits: an abbreviation */
		"12345678901234567890123456789012345678901",	/* 41: a name */
		"0000",
	};
	struct repo *repo;
	size_t i;

	make_history();
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(names); i++)
		expect_like_git(repo, names[i]);
	repo_free(repo);
}

Test(revparse, abbreviations_like_git)
{
	struct repo *repo;
	char *full, abbrev[41];
	size_t n;

	make_history();
	full = git_output("rev-parse master");
	repo = open_repo();
	for (n = 4; n <= 40; n += 3) {
		snprintf(abbrev, sizeof(abbrev), "%.*s", (int)n, full);
		expect_like_git(repo, abbrev);
		for (size_t k = 0; k < n; k++)	/* either case */
			if (abbrev[k] >= 'a')
				abbrev[k] = (char)(abbrev[k] - 'a' + 'A');
		expect_like_git(repo, abbrev);
	}
	expect_like_git(repo, "abc");	/* too short to be an abbreviation */
	free(full);
	repo_free(repo);
}

/* The refs git's rules try, in order: a tag hides a branch of the same name. */
Test(revparse, dwim_order_and_ambiguity_warnings)
{
	struct strbuf full = STRBUF_INIT;
	struct repo *repo;
	char *one, *two, hex[UG_OID_HEXSZ + 1];
	struct oid oid;

	make_history();
	one = git_output("rev-parse master~1");
	two = git_output("rev-parse master");
	git("tag topic master");	/* refs/tags/topic vs refs/heads/topic */
	git("update-ref refs/heads/tags/light master");	/* heads/tags/light vs tags/light */
	git("update-ref refs/remotes/both HEAD");
	git("branch both HEAD~1");
	repo = open_repo();
	expect_like_git(repo, "topic");
	expect_like_git(repo, "tags/light");
	expect_like_git(repo, "both");
	cr_assert_eq(revparse_dwim_ref(&oid, &full, NULL, repo, "topic"), 2);
	cr_assert_str_eq(full.buf, "refs/tags/topic");
	cr_assert_str_eq(oid_to_hex(hex, &oid), two);
	cr_assert_eq(revparse_dwim_ref(&oid, &full, NULL, repo, "both"), 2);
	cr_assert_str_eq(full.buf, "refs/heads/both");
	cr_assert_str_eq(oid_to_hex(hex, &oid), one);
	cr_assert_eq(revparse_dwim_ref(&oid, &full, NULL, repo, "@"), 1);
	cr_assert_str_eq(full.buf, "HEAD");
	cr_assert_eq(revparse_dwim_ref(&oid, &full, NULL, repo, "nope"), 0);
	cr_assert_str_eq(full.buf, "HEAD", "untouched when nothing matched");
	/* git can be told to keep quiet about it */
	git("config core.warnAmbiguousRefs false");
	repo_free(repo);
	repo = open_repo();
	expect_like_git(repo, "topic");
	free(one);
	free(two);
	strbuf_release(&full);
	repo_free(repo);
}

Test(revparse, broken_and_dangling_refs_warn_like_git)
{
	struct repo *repo;

	make_history();
	put(".git/refs/heads/bad", "junk\n");
	put(".git/refs/tags/dang", "ref: refs/heads/nowhere\n");
	put(".git/refs/heads/deep", "ref: refs/heads/deep\n");
	put(".git/refs/heads/topic2", "ref: refs/heads/topic\n");
	put(".git/BAD_HEAD", "junk\n");	/* outside refs/: no warning */
	repo = open_repo();
	expect_like_git(repo, "bad");
	expect_like_git(repo, "heads/bad");
	expect_like_git(repo, "dang");
	expect_like_git(repo, "deep");
	expect_like_git(repo, "topic2");
	expect_like_git(repo, "BAD_HEAD");
	/* an unborn HEAD is not "dangling": no warning */
	git("symbolic-ref HEAD refs/heads/unborn");
	expect_like_git(repo, "HEAD");
	expect_like_git(repo, "@");
	repo_free(repo);
}

Test(revparse, ref_beats_abbreviated_id_with_a_warning)
{
	struct repo *repo;
	char *full, name[8];

	make_history();
	full = git_output("rev-parse master~1");
	snprintf(name, sizeof(name), "%.6s", full);
	git("branch %s master", name);	/* a branch named like an abbreviation */
	repo = open_repo();
	expect_like_git(repo, name);
	/* a 40-hex ref: the id wins, and git explains at length */
	git("update-ref refs/heads/%s master", full);
	expect_like_git(repo, full);
	git("config advice.objectNameWarning false");
	repo_free(repo);
	repo = open_repo();
	expect_like_git(repo, full);
	free(full);
	repo_free(repo);
}

/* The warnings `flags` leave, against what `git <cmd>` prints on stderr. */
static void expect_flags_like_git(struct repo *repo, const char *name,
				  unsigned flags, char *want)
{
	struct strbuf warnings = STRBUF_INIT;
	struct oid oid;

	revparse_single_ext(&oid, &warnings, repo, name, flags);
	strbuf_rtrim(&warnings);
	cr_expect_str_eq(warnings.buf, want, "warnings for '%s' (flags %u)", name, flags);
	strbuf_release(&warnings);
	free(want);
}

/*
 * -q hides only "refname is ambiguous" about a short name; --batch only
 * reads no ref for a 40-hex name (so the short names still warn).
 */
Test(revparse, flags_leave_out_what_git_leaves_out)
{
	char *full, *names[6];
	struct repo *repo;
	size_t i;

	make_history();
	full = git_output("rev-parse master");
	git("tag topic master");			/* a tag and a branch */
	put(".git/refs/heads/bad", "junk\n");
	put(".git/refs/tags/dang", "ref: refs/heads/nowhere\n");
	git("update-ref refs/heads/%s master", full);	/* a 40-hex ref */
	names[0] = xstrdup("topic");
	names[1] = xstrdup("bad");
	names[2] = xstrdup("dang");
	names[3] = xstrdup(full);
	names[4] = xstrndup(full, 6);
	git("branch %s master~1", names[4]);		/* a ref and an abbreviation */
	names[5] = xstrdup("master");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		expect_flags_like_git(repo, names[i], REVPARSE_QUIET,
				      git_output("rev-parse -q --verify %s 2>&1 >/dev/null || true",
						 names[i]));
		expect_flags_like_git(repo, names[i], REVPARSE_HEX_NO_REFS,
				      git_output("cat-file --batch-check 2>&1 >/dev/null <<EOF\n%s\nEOF",
						 names[i]));
		free(names[i]);
	}
	free(full);
	repo_free(repo);
}

/* Objects whose ids share prefixes with each other (found by brute force, as in t1006). */
static void make_ambiguous(void)
{
	static const int blobs[] = { 5734, 5674, 93001, 477, 727, 11448, 43325 };
	char *id;
	size_t i;

	git("init -q .");
	git("mktree </dev/null >/dev/null");
	id = git_output("commit-tree " EMPTY_TREE " -m 'ambiguous subject'");
	cr_assert_str_eq(id, "22b995b5f3077bd06af622b2695a804d967ff659");
	free(id);
	put("tag.txt", "object 22b995b5f3077bd06af622b2695a804d967ff659\ntype commit\n"
	    "tag amb-tag\ntagger C O Mitter <committer@example.com> 1112911993 -0700\n\n"
	    "tag message\n");
	id = git_output("mktag <tag.txt");
	cr_assert_str_eq(id, "bf655dcf0c83543d66df77a3e005f296ee84417c");
	free(id);
	for (i = 0; i < ARRAY_SIZE(blobs); i++)
		git("hash-object -w --stdin >/dev/null <<EOF\namb %d\nEOF", blobs[i]);
}

Test(revparse, ambiguous_abbreviations_like_git)
{
	static const char *const prefixes[] = { "22b9", "bf65", "4b82", "eec1", "EEC1", "ea32d" };
	struct repo *repo;
	size_t i;

	make_ambiguous();
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(prefixes); i++) {
		struct strbuf got = STRBUF_INIT, lower = STRBUF_INIT;
		struct oid oid;
		char *want;
		size_t k;

		for (k = 0; prefixes[i][k]; k++)
			strbuf_addch(&lower, (char)(prefixes[i][k] | 0x20));
		cr_expect_eq(revparse_single(&oid, repo, prefixes[i]), UG_EAMBIGUOUS,
			     "%s", prefixes[i]);
		strbuf_addf(&got, "error: %s\n", ug_error_last());
		assert_ok(revparse_format_ambiguous(&got, repo, prefixes[i]));
		strbuf_rtrim(&got);
		want = git_output("cat-file -t %s 2>&1 | grep -v '^fatal' || true", prefixes[i]);
		cr_expect_str_eq(got.buf, want, "%s", prefixes[i]);
		cr_expect(strstr(got.buf, lower.buf), "names the prefix in lower case");
		free(want);
		strbuf_release(&got);
		strbuf_release(&lower);
	}
	expect_like_git(repo, "22b99");	/* unique once longer */
	repo_free(repo);
}

/* Brute-force a blob "amb N\n" whose id starts like `hex`. */
static void collide_with(const char *hex)
{
	struct strbuf sb = STRBUF_INIT;
	int n;

	for (n = 0;; n++) {
		struct oid oid;
		char h[UG_OID_HEXSZ + 1];

		strbuf_reset(&sb);
		strbuf_addf(&sb, "amb %d\n", n);
		oid_hash_object(&oid, "blob", sb.buf, sb.len);
		if (!strncmp(oid_to_hex(h, &oid), hex, 4))
			break;
	}
	write_file("collide.txt", sb.buf, sb.len);
	git("hash-object -w collide.txt >/dev/null");
	strbuf_release(&sb);
}

/* Dates: a commit's author date in its own zone; a tag's tagger date in UTC. */
Test(revparse, ambiguous_hint_dates_and_odd_objects)
{
	char *ids[4];
	struct repo *repo;
	size_t i;

	git("init -q .");
	put("commit.txt", "tree " EMPTY_TREE "\nauthor A <a> 1000000000 -0200\n"
	    "committer C <c> 1500000000 +0500\n\ntz subject\nwraps\n\nbody\n");
	ids[0] = git_output("hash-object -t commit -w commit.txt");
	put("tag.txt", "object 22b995b5f3077bd06af622b2695a804d967ff659\ntype commit\n"
	    "tag tztag\ntagger X <x> 1000000000 -0200\n\nmsg\n");
	ids[1] = git_output("hash-object -t tag -w tag.txt");
	put("notagger.txt", "object 22b995b5f3077bd06af622b2695a804d967ff659\ntype commit\n"
	    "tag notagger\n\nmsg\n");
	ids[2] = git_output("hash-object -t tag -w notagger.txt");
	put("bogus.txt", "tree zz\n");
	ids[3] = git_output("hash-object -t commit --literally -w bogus.txt");
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		collide_with(ids[i]);
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		struct strbuf got = STRBUF_INIT;
		char prefix[5], *want;

		snprintf(prefix, sizeof(prefix), "%.4s", ids[i]);
		assert_ok(revparse_format_ambiguous(&got, repo, prefix));
		strbuf_rtrim(&got);
		want = git_output("cat-file -t %s 2>&1 | grep '^hint' || true", prefix);
		cr_expect_str_eq(got.buf, want, "%s", ids[i]);
		free(want);
		strbuf_release(&got);
		free(ids[i]);
	}
	repo_free(repo);
}

Test(revparse, damaged_ref_store_is_an_error)
{
	struct strbuf warnings = STRBUF_INIT;
	struct repo *repo;
	struct oid oid;

	make_history();
	put(".git/packed-refs", "garbage\n");
	repo = open_repo();
	cr_expect_eq(revparse_single(&oid, repo, "topic"), UG_ECORRUPT);
	cr_expect(strstr(ug_error_last(), "packed-refs"), "%s", ug_error_last());
	/* even a full id: git checks for a ref of that name first */
	cr_expect_eq(revparse_single_ext(&oid, &warnings, repo,
					 "1234567890123456789012345678901234567890", 0),
		     UG_ECORRUPT);
	/* unless nobody wants the warning: then no ref is read */
	assert_ok(revparse_single(&oid, repo, "1234567890123456789012345678901234567890"));
	/* nor when the caller says so (cat-file --batch) */
	assert_ok(revparse_single_ext(&oid, &warnings, repo,
				      "1234567890123456789012345678901234567890",
				      REVPARSE_HEX_NO_REFS));
	cr_expect_str_eq(warnings.buf, "");
	strbuf_release(&warnings);
	repo_free(repo);
}

/* ---- peeling ---- */

static int peel(struct oid *out, struct repo *repo, const char *hex,
		enum object_type want)
{
	struct oid oid;

	assert_ok(oid_from_hex(&oid, hex));
	return revparse_peel(out, repo, &oid, want);
}

Test(revparse, peel_table)
{
	struct {
		const char *name;	/* rev-parse argument naming the start */
		enum object_type want;
		const char *expect;	/* rev-parse argument naming the result, or NULL */
		int err;
	} cases[] = {
		{ "master", OBJ_TREE, "master^{tree}", 0 },
		{ "master", OBJ_COMMIT, "master", 0 },
		{ "master", OBJ_NONE, "master", 0 },
		{ "v1.0", OBJ_TREE, "v1.0^{tree}", 0 },
		{ "v1.0", OBJ_COMMIT, "v1.0^{commit}", 0 },
		{ "v1.0", OBJ_TAG, "v1.0", 0 },
		{ "v1.0", OBJ_NONE, "v1.0^{}", 0 },
		{ "nested", OBJ_TREE, "v1.0^{tree}", 0 },
		{ "nested", OBJ_NONE, "v1.0^{}", 0 },
		{ "master^{tree}", OBJ_TREE, "master^{tree}", 0 },
		{ "master^{tree}", OBJ_COMMIT, "master^{tree}", UG_EINVALID },
		{ "blob", OBJ_TREE, "blob", UG_EINVALID },
		{ "blobtag", OBJ_TREE, "blob", UG_EINVALID },
		{ "blobtag", OBJ_BLOB, "blob", 0 },
		{ "master", OBJ_BLOB, "master", UG_EINVALID },	/* stops at the commit */
	};
	struct repo *repo;
	size_t i;

	make_history();
	git("-c advice.nestedTag=false tag -a -m nested nested v1.0");
	put("blob.txt", "blob content\n");
	git("tag blob $(git hash-object -w blob.txt)");
	git("tag -a -m 'tag of a blob' blobtag blob");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *start = git_output("rev-parse '%s'", cases[i].name);
		char *want = git_output("rev-parse '%s'", cases[i].expect);
		char hex[UG_OID_HEXSZ + 1];
		struct oid out;
		int err = peel(&out, repo, start, cases[i].want);

		cr_expect_eq(err, cases[i].err, "case %zu: %d %s", i, err, ug_error_last());
		cr_expect_str_eq(oid_to_hex(hex, &out), want, "case %zu", i);
		free(start);
		free(want);
	}
	repo_free(repo);
}

Test(revparse, peel_refuses_damaged_objects)
{
	struct repo *repo;
	char *bogus, *badtype, *liar, *lost, hex[UG_OID_HEXSZ + 1];
	struct oid out;

	git("init -q .");
	git("mktree </dev/null >/dev/null");
	put("bogus.txt", "tree zz\n");
	bogus = git_output("hash-object -t commit --literally -w bogus.txt");
	put("badtype.txt", "object " EMPTY_TREE "\ntype bogus\ntag x\ntagger A <a> 1 +0000\n\n");
	badtype = git_output("hash-object -t tag --literally -w badtype.txt");
	put("liar.txt", "object " EMPTY_TREE "\ntype blob\ntag x\ntagger A <a> 1 +0000\n\n");
	liar = git_output("hash-object -t tag -w liar.txt");
	put("lost.txt", "object 1111111111111111111111111111111111111111\ntype commit\n"
	    "tag x\ntagger A <a> 1 +0000\n\n");
	lost = git_output("hash-object -t tag -w lost.txt");
	repo = open_repo();

	cr_expect_eq(peel(&out, repo, bogus, OBJ_TREE), UG_ECORRUPT);
	cr_expect(starts_with(ug_error_last(), "bogus commit object "), "%s", ug_error_last());
	cr_expect(ends_with(ug_error_last(), bogus), "%s", ug_error_last());
	cr_expect_eq(peel(&out, repo, badtype, OBJ_TREE), UG_ECORRUPT);
	cr_expect(strstr(ug_error_last(), "unknown tag type 'bogus' in "), "%s", ug_error_last());
	cr_expect_eq(peel(&out, repo, liar, OBJ_TREE), UG_ECORRUPT);
	cr_expect_str_eq(ug_error_last(), "object " EMPTY_TREE " is a blob, not a tree");
	cr_expect_str_eq(oid_to_hex(hex, &out), EMPTY_TREE, "stops where it failed");
	cr_expect_eq(peel(&out, repo, lost, OBJ_TREE), UG_ENOTFOUND);
	cr_expect_str_eq(oid_to_hex(hex, &out), "1111111111111111111111111111111111111111");
	cr_expect_eq(peel(&out, repo, "2222222222222222222222222222222222222222", OBJ_TREE),
		     UG_ENOTFOUND);
	/* a damaged file: the odb says why */
	cr_assert_eq(fs_mkdir_p(".git/objects/33", 0777), 0);
	put(".git/objects/33/33333333333333333333333333333333333333", "");
	cr_expect_eq(peel(&out, repo, "3333333333333333333333333333333333333333", OBJ_TREE),
		     UG_ECORRUPT);
	cr_expect(strstr(ug_error_last(), "is empty"), "%s", ug_error_last());
	free(bogus);
	free(badtype);
	free(liar);
	free(lost);
	repo_free(repo);
}

/* A merge (master^2 is side), a tree with a subdirectory, tags on both. */
static void make_merge_history(void)
{
	git("init -q .");
	git("commit -q --allow-empty -m root");
	git("checkout -q -b side");
	put("f", "side\n");
	git("add f && git commit -q -m side1 && git commit -q --allow-empty -m side2");
	git("checkout -q master");
	cr_assert_eq(system("mkdir -p d/e && echo x >d/e/x && echo y >d/y"), 0);
	git("add d");
	git("commit -q -m main1");
	git("merge -q --no-ff -m merge side");
	git("tag -a -m ann v1 && git tag -a -m tree vt HEAD^{tree}");
	git("-c advice.nestedTag=false tag -a -m nested v2 v1 && git tag light master~1");
}

Test(revparse, suffixes_like_git)
{
	static const char *const names[] = {
		"HEAD^", "HEAD^1", "HEAD^2", "HEAD^3", "HEAD^0", "HEAD~", "HEAD~0",
		"HEAD~1", "HEAD~2", "HEAD~3", "HEAD^2~1", "HEAD^2^", "HEAD~1^2",
		"HEAD^^", "HEAD^^^", "HEAD^^^^", "@^2", "master^2~1^0", "v1^2",
		"v2~1", "v2^0", "light~1", "HEAD~-1", "HEAD^x", "HEAD~1x",
		"HEAD^{commit}", "HEAD^{tree}", "HEAD^{blob}", "HEAD^{tag}",
		"HEAD^{object}", "HEAD^{}", "HEAD^{foo}", "HEAD^{", "v1^{}",
		"v2^{}", "v2^{tag}", "v2^{commit}", "v2^{tree}", "vt^{}", "vt^{tree}",
		"vt^{commit}", "vt~1", "HEAD^{tree}~1", "HEAD^{tree}^{commit}",
		"HEAD^{tree}^{tree}", "HEAD^{commit}^{tree}", "nope^", "^", "~1",
		"HEAD^2^{tree}", "HEAD^99999999999999999999",
	};
	struct repo *repo;
	size_t i;

	make_merge_history();
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(names); i++)
		expect_like_git(repo, names[i]);
	repo_free(repo);
}

Test(revparse, tree_paths_like_git)
{
	static const char *const names[] = {
		"HEAD:", "HEAD:d", "HEAD:d/", "HEAD:d/e", "HEAD:d/e/x", "HEAD:d/y",
		"HEAD:f", "HEAD^2:f", "HEAD^:f", "HEAD:nope", "HEAD:d/nope",
		"HEAD:d//y", "HEAD:d/y/z", "HEAD:/d", "HEAD^{tree}:d", "v1:d/y",
		"vt:d", "HEAD:d/y^{blob}", "nope:d", "HEAD:d:y", "HEAD~1:d/e/",
		"HEAD^{tree}^{tree}:d/e", "HEAD:./d", "HEAD:../d",
	};
	struct repo *repo;
	size_t i;

	make_merge_history();
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(names); i++)
		expect_like_git(repo, names[i]);
	repo_free(repo);
}

/* With REVPARSE_EXPLAIN a failed <rev>:<path> says why, as git dies. */
Test(revparse, path_failures_explained)
{
	static const struct {
		const char *name, *msg;
	} cases[] = {
		{ "HEAD:nope", "path 'nope' does not exist in 'HEAD'" },
		{ "HEAD~1:d/nope", "path 'd/nope' does not exist in 'HEAD~1'" },
		{ "HEAD~1:f", "path 'f' exists on disk, but not in 'HEAD~1'" },
		{ "nope:d", "invalid object name 'nope'." },
		{ "HEAD~9:d", "invalid object name 'HEAD~9'." },
	};
	struct repo *repo;
	struct oid oid;
	size_t i;

	make_merge_history();
	put("f", "on disk only\n");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		cr_expect_eq(revparse_single_ext(&oid, NULL, repo, cases[i].name,
						 REVPARSE_EXPLAIN), UG_EINVALID, "%s", cases[i].name);
		cr_expect_str_eq(ug_error_last(), cases[i].msg);
		/* without the flag it is an ordinary "no such name" */
		cr_expect_eq(revparse_single(&oid, repo, cases[i].name), UG_ENOTFOUND);
	}
	repo_free(repo);
}

/* ---- reflogs ---- */

/* Checkouts back and forth, a detached HEAD among them, made by git. */
static void make_checkouts(void)
{
	make_history();
	git("checkout -q topic");
	git("checkout -q master");
	git("checkout -q HEAD~1");
	git("checkout -q -b late");
	git("commit -q --allow-empty -m three");
	git("checkout -q master");
}

Test(revparse, reflog_entries_like_git)
{
	static const char *const names[] = {
		"HEAD@{0}", "HEAD@{1}", "HEAD@{2}", "HEAD@{6}", "master@{0}", "master@{1}",
		"late@{1}", "refs/heads/late@{0}", "@{0}", "@{1}", "@{-1}", "@{-2}",
		"@{-3}", "@{-4}", "@{-1}@{0}", "@{-1}~1", "nope@{1}", "light@{0}",
		"HEAD@{x}", "HEAD@{-1}", "@{-9}", "@{}", "@{-3}@{0}",
	};
	struct repo *repo;
	size_t i;

	make_checkouts();
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(names); i++)
		expect_like_git(repo, names[i]);
	repo_free(repo);
}

Test(revparse, beyond_a_reflog_start_is_a_range_error)
{
	struct repo *repo;
	struct oid oid;

	make_checkouts();
	repo = open_repo();
	cr_assert_eq(revparse_single(&oid, repo, "master@{9}"), UG_ERANGE);
	cr_assert_str_eq(ug_error_last(), "log for 'master' only has 2 entries");
	cr_assert_eq(revparse_single(&oid, repo, "@{-1}@{5}"), UG_ERANGE);
	cr_assert_str_eq(ug_error_last(), "log for '@{-1}' only has 2 entries");
	cr_assert_eq(revparse_single(&oid, repo, "HEAD@{99}~1"), UG_ERANGE);
	repo_free(repo);
}

Test(revparse, previous_checkouts_newest_first)
{
	static const char *const want[] = {
		"late", "", "master", "topic", "master",
	};
	struct strbuf sb = STRBUF_INIT;
	struct repo *repo;
	char *detached;
	size_t i;

	make_checkouts();
	repo = open_repo();
	detached = git_output("rev-parse master~1");
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		strbuf_reset(&sb);
		assert_ok(revparse_previous_checkout(&sb, repo, i + 1));
		cr_expect_str_eq(sb.buf, *want[i] ? want[i] : detached, "@{-%zu}", i + 1);
	}
	strbuf_reset(&sb);
	cr_expect_eq(revparse_previous_checkout(&sb, repo, ARRAY_SIZE(want) + 1), UG_ENOTFOUND);
	cr_expect_eq(revparse_previous_checkout(&sb, repo, 0), UG_ENOTFOUND);
	cr_expect_eq(sb.len, 0);
	free(detached);
	strbuf_release(&sb);
	repo_free(repo);
}
