/* Unit tests: refs - loose, symbolic and packed refs and reflogs, git as the oracle. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/fs.h"
#include "ugit/oid.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"

TestSuite(refs, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

static struct repo *open_repo(void)
{
	struct repo *repo = NULL;

	assert_ok(repo_discover(&repo));
	return repo;
}

/* A repository with two commits on master, a branch, and both kinds of tag. */
static void make_history(void)
{
	git("init -q .");
	git("commit -q --allow-empty -m one");
	git("tag light");
	git("tag -a -m 'annotated' v1.0");
	git("branch topic");
	git("commit -q --allow-empty -m two");
}

static void put(const char *path, const char *content)
{
	write_file(path, content, strlen(content));
}

/* What the real git makes of a full ref name: its id, or NULL. */
static char *git_resolve(const char *name)
{
	struct strbuf cmd = STRBUF_INIT;
	char *out;

	strbuf_addf(&cmd, "rev-parse --verify -q '%s^{}' 2>/dev/null || true", name);
	out = git_output("%s", cmd.buf);
	strbuf_release(&cmd);
	if (!*out) {
		free(out);
		return NULL;
	}
	/* ^{} peels tags; ask again without it for the ref's own value */
	free(out);
	strbuf_init(&cmd, 0);
	strbuf_addf(&cmd, "rev-parse --verify -q '%s' 2>/dev/null || true", name);
	out = git_output("%s", cmd.buf);
	strbuf_release(&cmd);
	return out;
}

Test(refs, name_safety_table)
{
	static const struct {
		const char *name;
		int safe;
	} cases[] = {
		{ "HEAD", 1 },
		{ "ORIG_HEAD", 1 },
		{ "FETCH_HEAD", 1 },
		{ "refs/heads/main", 1 },
		{ "refs/heads/a..b", 1 },	/* odd, but stays inside */
		{ "refs/x", 1 },
		{ "refs/", 0 },
		{ "refs", 0 },
		{ "refs/../config", 0 },
		{ "refs/heads/../../config", 0 },
		{ "refs/heads/./x", 0 },
		{ "refs//x", 0 },
		{ "refs/x/", 0 },
		{ "refs/heads/..", 0 },
		{ "head", 0 },
		{ "master", 0 },
		{ "config", 0 },
		{ "logs/HEAD", 0 },
		{ "../HEAD", 0 },
		{ "/etc/passwd", 0 },
		{ "HEAD/x", 0 },
		{ "", 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_eq(refs_name_is_safe(cases[i].name), cases[i].safe,
			     "'%s'", cases[i].name);
}

/* ---- resolving ---- */

Test(refs, resolves_like_git_loose_and_packed)
{
	static const char *const names[] = {
		"HEAD", "refs/heads/master", "refs/heads/topic", "refs/tags/light",
		"refs/tags/v1.0", "refs/heads/nope", "refs/tags/nope",
	};
	struct repo *repo;
	int round;
	size_t i;

	make_history();
	repo = open_repo();
	for (round = 0; round < 2; round++) {
		if (round)
			git("pack-refs --all --prune");	/* now every ref is packed */
		for (i = 0; i < ARRAY_SIZE(names); i++) {
			char *want = git_resolve(names[i]);
			char hex[UG_OID_HEXSZ + 1];
			unsigned flags;
			struct oid oid;
			int err = refs_resolve_full(&oid, NULL, &flags, repo, names[i]);

			if (!want) {
				cr_expect_eq(err, UG_ENOTFOUND, "%s: %d %s", names[i], err,
					     ug_error_last());
				continue;
			}
			cr_expect_eq(err, 0, "%s (round %d): %s", names[i], round, ug_error_last());
			cr_expect_str_eq(oid_to_hex(hex, &oid), want, "%s", names[i]);
			cr_expect_eq(!!(flags & REFS_PACKED),
				     round && strcmp(names[i], "HEAD") != 0 ? 1 : round,
				     "%s packed flag", names[i]);
			free(want);
		}
	}
	cr_assert(!fs_exists(".git/refs/heads/master"), "pack-refs --prune kept it");
	repo_free(repo);
}

Test(refs, loose_wins_over_packed)
{
	struct repo *repo;
	char *one, *two, hex[UG_OID_HEXSZ + 1];
	struct oid oid;

	make_history();
	one = git_output("rev-parse topic");
	two = git_output("rev-parse master");
	git("pack-refs --all");	/* without --prune: loose files stay */
	git("update-ref refs/heads/topic %s", two);	/* the loose file changes */
	repo = open_repo();
	assert_ok(refs_resolve(&oid, repo, "refs/heads/topic"));
	cr_assert_str_eq(oid_to_hex(hex, &oid), two);
	cr_assert_str_neq(one, two);
	free(one);
	free(two);
	repo_free(repo);
}

Test(refs, symbolic_refs_and_unborn_head)
{
	struct strbuf sb = STRBUF_INIT;
	struct repo *repo;
	unsigned flags;
	struct oid oid;

	git("init -q .");
	repo = open_repo();
	/* unborn: HEAD names a branch that does not exist yet */
	cr_assert_eq(refs_resolve_full(&oid, &sb, &flags, repo, "HEAD"), UG_ENOTFOUND);
	cr_assert_str_eq(sb.buf, "refs/heads/master");
	cr_assert_eq(flags, REFS_SYMREF);
	strbuf_reset(&sb);
	cr_assert_eq(refs_read_symbolic(&sb, repo, "HEAD"), 1);
	cr_assert_str_eq(sb.buf, "refs/heads/master");

	git("commit -q --allow-empty -m one");
	git("symbolic-ref refs/heads/alias refs/heads/master");
	assert_ok(refs_resolve_full(&oid, &sb, &flags, repo, "refs/heads/alias"));
	cr_assert_str_eq(sb.buf, "refs/heads/master");
	cr_assert_eq(flags, REFS_SYMREF);
	assert_ok(refs_resolve_full(&oid, &sb, &flags, repo, "refs/heads/master"));
	cr_assert_str_eq(sb.buf, "refs/heads/master");
	cr_assert_eq(flags, 0);
	strbuf_reset(&sb);
	cr_assert_eq(refs_read_symbolic(&sb, repo, "refs/heads/master"), 0);
	cr_assert_eq(sb.len, 0);
	cr_assert_eq(refs_read_symbolic(&sb, repo, "refs/heads/none"), UG_ENOTFOUND);
	/* a detached HEAD is a direct ref */
	git("checkout -q --detach");
	cr_assert_eq(refs_read_symbolic(&sb, repo, "HEAD"), 0);
	strbuf_release(&sb);
	repo_free(repo);
}

/* Odd but readable contents: git resolves them all. */
Test(refs, loose_content_table)
{
	static const char *const fmts[] = {
		"%s\n",
		"%s",			/* no trailing newline */
		"%s\n\n\n",
		"%s  \n",
		"%s\tbranch 'x' of somewhere\n",	/* FETCH_HEAD style */
		"%s not-for-merge\n",
		"%s\r\n",
		"ref: refs/heads/master\n",
		"ref:refs/heads/master",
		"ref: \t refs/heads/master  \n",
	};
	struct repo *repo;
	char *head, hex[UG_OID_HEXSZ + 1];
	struct oid oid;
	size_t i;

	make_history();
	head = git_output("rev-parse master");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(fmts); i++) {
		struct strbuf content = STRBUF_INIT;
		char *want;

		strbuf_addf(&content, fmts[i], head);
		put(".git/refs/heads/odd", content.buf);
		want = git_resolve("refs/heads/odd");
		cr_expect_not_null(want, "git refuses case %zu", i);
		cr_expect_eq(refs_resolve(&oid, repo, "refs/heads/odd"), 0,
			     "case %zu: %s", i, ug_error_last());
		cr_expect_str_eq(oid_to_hex(hex, &oid), head, "case %zu", i);
		free(want);
		strbuf_release(&content);
	}
	free(head);
	repo_free(repo);
}

/* Broken contents: git cannot resolve them, and neither do we. */
Test(refs, broken_content_table)
{
	static const struct {
		const char *content;
		int err;
		unsigned flags;
	} cases[] = {
		{ "", UG_ECORRUPT, REFS_BROKEN },
		{ "\n", UG_ECORRUPT, REFS_BROKEN },
		{ "junk\n", UG_ECORRUPT, REFS_BROKEN },
		{ "0123456789012345678901234567890123456789x\n", UG_ECORRUPT, REFS_BROKEN },
		{ "012345678901234567890123456789012345678\n", UG_ECORRUPT, REFS_BROKEN },
		{ "ref: refs/heads/nowhere\n", UG_ENOTFOUND, REFS_SYMREF },
		{ "ref: refs/heads/../../config\n", UG_EINVALID, REFS_SYMREF },
		{ "ref: refs/heads/a..b\n", UG_EINVALID, REFS_SYMREF },
		{ "ref: ../config\n", UG_EINVALID, REFS_SYMREF },
		{ "ref: config\n", UG_EINVALID, REFS_SYMREF },
		{ "ref:\n", UG_EINVALID, REFS_SYMREF },
		{ "ref: refs/heads/odd\n", UG_EINVALID, REFS_SYMREF },	/* itself */
	};
	struct repo *repo;
	struct oid oid;
	size_t i;

	make_history();
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned flags;
		char *want;
		int err;

		put(".git/refs/heads/odd", cases[i].content);
		want = git_resolve("refs/heads/odd");
		cr_expect_null(want, "git resolves case %zu: %s", i, want);
		free(want);
		err = refs_resolve_full(&oid, NULL, &flags, repo, "refs/heads/odd");
		cr_expect_eq(err, cases[i].err, "case %zu: %d %s", i, err, ug_error_last());
		cr_expect_eq(flags, cases[i].flags, "case %zu flags %u", i, flags);
	}
	repo_free(repo);
}

/* Chains: a ref and at most four links after it, as git (SYMREF_MAXDEPTH 5). */
Test(refs, symref_depth_and_loops)
{
	struct repo *repo;
	struct oid oid;
	unsigned flags;
	int i;

	make_history();
	put(".git/refs/heads/c0", "ref: refs/heads/master\n");
	for (i = 1; i <= 6; i++) {
		char path[64], content[64];

		snprintf(path, sizeof(path), ".git/refs/heads/c%d", i);
		snprintf(content, sizeof(content), "ref: refs/heads/c%d\n", i - 1);
		put(path, content);
	}
	repo = open_repo();
	for (i = 0; i <= 6; i++) {
		char name[64], *want;
		int err;

		snprintf(name, sizeof(name), "refs/heads/c%d", i);
		want = git_resolve(name);
		err = refs_resolve_full(&oid, NULL, &flags, repo, name);
		/* c3 -> c2 -> c1 -> c0 -> master is five refs: the most git reads */
		cr_expect_eq(!err, i <= 3, "%s: %s", name, ug_error_last());
		cr_expect_eq(!err, want != NULL, "git disagrees on %s", name);
		if (err)
			cr_expect_eq(err, UG_EINVALID);
		free(want);
	}
	put(".git/refs/heads/l1", "ref: refs/heads/l2\n");
	put(".git/refs/heads/l2", "ref: refs/heads/l1\n");
	cr_assert_eq(refs_resolve_full(&oid, NULL, &flags, repo, "refs/heads/l1"), UG_EINVALID);
	cr_assert(strstr(ug_error_last(), "loop"), "%s", ug_error_last());
	cr_assert_eq(flags, REFS_SYMREF);
	repo_free(repo);
}

Test(refs, unsafe_names_are_never_opened)
{
	static const char *const names[] = {
		"config", "refs/../config", "refs/heads/../../config", "../HEAD",
		"/etc/passwd", "refs/heads/", "description", "",
	};
	struct repo *repo;
	struct oid oid;
	size_t i;

	make_history();
	/* a file that would parse as a ref if it were ever read */
	put(".git/config-ref", "ref: refs/heads/master\n");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(names); i++)
		cr_expect_eq(refs_resolve(&oid, repo, names[i]), UG_EINVALID, "'%s'", names[i]);
	/* git 2.39 would read $GIT_DIR/foo; ugit keeps to HEAD-like names */
	put(".git/foo", "ref: refs/heads/master\n");
	cr_expect_eq(refs_resolve(&oid, repo, "foo"), UG_EINVALID);
	put(".git/FOO_HEAD", "ref: refs/heads/master\n");
	assert_ok(refs_resolve(&oid, repo, "FOO_HEAD"));
	repo_free(repo);
}

Test(refs, directories_symlinks_and_missing)
{
	struct repo *repo;
	char *head, hex[UG_OID_HEXSZ + 1];
	struct oid oid;
	unsigned flags;

	make_history();
	head = git_output("rev-parse master");
	repo = open_repo();
	/* refs/heads/dir is a directory: no such ref (but packed can have it) */
	cr_assert_eq(fs_mkdir_p(".git/refs/heads/dir", 0777), 0);
	cr_expect_eq(refs_resolve(&oid, repo, "refs/heads/dir"), UG_ENOTFOUND);
	/* refs/heads/master/x: a file in the way is no error */
	cr_expect_eq(refs_resolve(&oid, repo, "refs/heads/master/x"), UG_ENOTFOUND);
	/* an old-style symbolic ref: a symbolic link naming refs/... */
	cr_assert_eq(symlink("refs/heads/master", ".git/refs/heads/link"), 0);
	assert_ok(refs_resolve_full(&oid, NULL, &flags, repo, "refs/heads/link"));
	cr_expect_str_eq(oid_to_hex(hex, &oid), head);
	cr_expect_eq(flags, REFS_SYMREF);
	/* any other link is read through */
	cr_assert_eq(symlink("master", ".git/refs/heads/plainlink"), 0);
	assert_ok(refs_resolve_full(&oid, NULL, &flags, repo, "refs/heads/plainlink"));
	cr_expect_eq(flags, 0);
	cr_assert_eq(symlink("nowhere", ".git/refs/heads/dangling"), 0);
	cr_expect_eq(refs_resolve(&oid, repo, "refs/heads/dangling"), UG_ENOTFOUND);
	free(head);
	repo_free(repo);
}

Test(refs, unreadable_ref_is_an_error)
{
	struct strbuf longname = STRBUF_INIT;
	struct repo *repo;
	struct oid oid;

	make_history();
	repo = open_repo();
	/* a symbolic-link loop on the way cannot be read, even by root */
	cr_assert_eq(symlink("loop", ".git/refs/heads/loop"), 0);
	cr_expect_eq(refs_resolve(&oid, repo, "refs/heads/loop/x"), UG_ERROR);
	cr_expect(strstr(ug_error_last(), "unable to read ref refs/heads/loop/x"),
		  "%s", ug_error_last());
	cr_expect_eq(refs_resolve(&oid, repo, "refs/heads/loop"), UG_ERROR);
	if (geteuid() != 0) {
		cr_assert_eq(chmod(".git/refs/heads/topic", 0), 0);
		cr_expect_eq(refs_resolve(&oid, repo, "refs/heads/topic"), UG_ERROR);
	}
	/* a name too long for the file system cannot exist */
	strbuf_addstr(&longname, "refs/heads/");
	while (longname.len < 400)
		strbuf_addch(&longname, 'x');
	cr_expect_eq(refs_resolve(&oid, repo, longname.buf), UG_ENOTFOUND);
	strbuf_release(&longname);
	repo_free(repo);
}

/* ---- packed-refs ---- */

Test(refs, packed_refs_table)
{
	static const struct {
		const char *content;	/* %1$s is an id */
		int err;		/* looking up refs/heads/b */
		const char *msg;	/* start of the message, if an error */
	} cases[] = {
		{ "%1$s refs/heads/b\n", 0, NULL },
		{ "# pack-refs with: peeled fully-peeled sorted \n%1$s refs/heads/b\n", 0, NULL },
		{ "# pack-refs with: peeled \n%1$s refs/heads/a\n^%1$s\n%1$s refs/heads/b\n", 0, NULL },
		{ "%1$s refs/heads/z\n%1$s refs/heads/b\n", 0, NULL },	/* unsorted */
		{ "%1$s refs/heads/b\n%1$s refs/heads/b\n", 0, NULL },	/* twice */
		{ "", UG_ENOTFOUND, NULL },
		{ "%1$s refs/heads/c\n", UG_ENOTFOUND, NULL },
		{ "%1$s refs/heads/b\r\n", UG_ENOTFOUND, NULL },	/* name "refs/heads/b\r" */
		{ "# junk header\n%1$s refs/heads/b\n", UG_ECORRUPT,
		  "unexpected line in .git/packed-refs: # junk header" },
		{ "%1$s refs/heads/b\ngarbage\n", UG_ECORRUPT,
		  "unexpected line in .git/packed-refs: garbage" },
		{ "^%1$s\n%1$s refs/heads/b\n", UG_ECORRUPT, "unexpected line" },
		{ "%1$s refs/heads/b\n^%1$s\n^%1$s\n", UG_ECORRUPT, "unexpected line" },
		{ "%1$sx refs/heads/b\n", UG_ECORRUPT, "unexpected line" },
		{ "%1$s \n", UG_ECORRUPT, "unexpected line" },
		{ "%1$s refs/heads/b", UG_ECORRUPT,
		  "unterminated line in .git/packed-refs: " },
	};
	struct repo *repo;
	char *head;
	size_t i;

	make_history();
	head = git_output("rev-parse master");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf content = STRBUF_INIT;
		struct oid oid;
		int err;

		strbuf_addf(&content, cases[i].content, head);
		put(".git/packed-refs", content.buf);
		err = refs_resolve(&oid, repo, "refs/heads/b");
		cr_expect_eq(err, cases[i].err, "case %zu: %d %s", i, err, ug_error_last());
		if (cases[i].msg)
			cr_expect(starts_with(ug_error_last(), cases[i].msg),
				  "case %zu: %s", i, ug_error_last());
		/* loose refs still resolve, whatever packed-refs holds */
		assert_ok(refs_resolve(&oid, repo, "refs/heads/topic"));
		strbuf_release(&content);
	}
	free(head);
	repo_free(repo);
}

/* ---- iterating ---- */

struct seen {
	struct strbuf lines;
};

static int collect(const char *name, const struct oid *oid, unsigned flags,
		   void *payload)
{
	struct seen *s = payload;
	char hex[UG_OID_HEXSZ + 1];

	strbuf_addf(&s->lines, "%s %s%s%s%s\n", oid_to_hex(hex, oid), name,
		    flags & REFS_SYMREF ? " symref" : "",
		    flags & REFS_BROKEN ? " broken" : "",
		    flags & REFS_BAD_NAME ? " badname" : "");
	return 0;
}

static char *list_refs(struct repo *repo, const char *prefix)
{
	struct seen s = { STRBUF_INIT };

	assert_ok(refs_for_each(repo, prefix, collect, &s));
	return strbuf_detach(&s.lines, NULL);
}

Test(refs, for_each_matches_git)
{
	struct repo *repo;
	char *want, *got;
	int round;

	make_history();
	git("branch zz/deep/er");
	git("branch a");
	git("update-ref refs/remotes/origin/main HEAD");
	repo = open_repo();
	for (round = 0; round < 3; round++) {
		if (round == 1)
			git("pack-refs --all --prune");
		if (round == 2)
			git("branch after-pack");	/* some loose, some packed */
		want = git_output("for-each-ref --format='%%(objectname) %%(refname)'");
		got = list_refs(repo, "refs/");
		cr_expect_eq(strncmp(got, want, strlen(want)), 0, "round %d:\n%s\nvs\n%s",
			     round, got, want);
		cr_expect_eq(strlen(got), strlen(want) + 1, "round %d", round);
		free(want);
		free(got);
	}
	want = git_output("for-each-ref --format='%%(objectname) %%(refname)' refs/heads/");
	got = list_refs(repo, "refs/heads/");
	cr_expect_eq(strncmp(got, want, strlen(want)), 0);
	free(want);
	free(got);
	repo_free(repo);
}

Test(refs, for_each_reports_broken_and_skips_locks)
{
	struct repo *repo;
	char *head, *topic, *got;
	struct strbuf want = STRBUF_INIT;

	make_history();
	git("pack-refs --all --prune");
	head = git_output("rev-parse master");
	topic = git_output("rev-parse topic");
	git("branch loose");
	put(".git/refs/heads/broken", "junk\n");
	put(".git/refs/heads/master.lock", "junk\n");	/* an update in progress */
	put(".git/refs/heads/.hidden", "junk\n");
	put(".git/refs/heads/a..b", "junk\n");
	put(".git/refs/heads/sym", "ref: refs/heads/master\n");
	put(".git/refs/heads/dangling", "ref: refs/heads/nowhere\n");
	put(".git/refs/tags/light", "junk\n");		/* hides the packed one */
	repo = open_repo();
	got = list_refs(repo, "refs/heads/");
	strbuf_addf(&want, "0000000000000000000000000000000000000000 refs/heads/a..b broken badname\n"
		    "0000000000000000000000000000000000000000 refs/heads/broken broken\n"
		    "0000000000000000000000000000000000000000 refs/heads/dangling symref broken\n"
		    "%s refs/heads/loose\n"
		    "%s refs/heads/master\n"
		    "%s refs/heads/sym symref\n"
		    "%s refs/heads/topic\n",
		    head, head, head, topic);
	cr_expect_str_eq(got, want.buf);
	free(got);
	got = list_refs(repo, "refs/tags/light");
	cr_expect_str_eq(got, "0000000000000000000000000000000000000000 refs/tags/light broken\n");
	free(got);
	free(head);
	free(topic);
	strbuf_release(&want);
	repo_free(repo);
}

static int stop_at_second(const char *name, const struct oid *oid,
			  unsigned flags, void *payload)
{
	int *n = payload;

	(void)name;
	(void)oid;
	(void)flags;
	return ++*n == 2 ? 42 : 0;
}

Test(refs, for_each_stops_and_reports_damage)
{
	struct repo *repo;
	int n = 0;

	make_history();
	repo = open_repo();
	cr_expect_eq(refs_for_each(repo, "refs/", stop_at_second, &n), 42);
	cr_expect_eq(n, 2);
	put(".git/packed-refs", "garbage\n");
	n = 0;
	cr_expect_eq(refs_for_each(repo, "refs/", stop_at_second, &n), UG_ECORRUPT);
	cr_expect_eq(n, 0, "no call before the error");
	cr_assert_eq(unlink(".git/packed-refs"), 0);
	cr_assert_eq(symlink("loop", ".git/refs/heads/loop"), 0);
	n = 0;
	cr_expect_eq(refs_for_each(repo, "refs/heads/", stop_at_second, &n), UG_ERROR);
	repo_free(repo);
}

/* ---- reflogs ---- */

static int collect_log(const char *refname, const struct refs_reflog_entry *e,
		       void *payload)
{
	struct strbuf *sb = payload;
	char a[UG_OID_HEXSZ + 1], b[UG_OID_HEXSZ + 1];

	strbuf_addf(sb, "%s %.7s %.7s %.*s|%s\n", refname, oid_to_hex(a, &e->old_oid),
		    oid_to_hex(b, &e->new_oid), (int)e->ident_len, e->ident, e->message);
	return 0;
}

Test(refs, reflogs_in_order)
{
	struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;
	struct repo *repo;
	char *one, *two;

	make_history();
	one = git_output("rev-parse --short=7 master~1");
	two = git_output("rev-parse --short=7 master");
	put(".git/logs/refs/heads/junk", "not a reflog line\n\n");
	repo = open_repo();
	assert_ok(refs_for_each_reflog(repo, collect_log, &got));
	strbuf_addf(&want,
		    "HEAD 0000000 %1$s C O Mitter <committer@example.com> 1112911993 -0700|commit (initial): one\n"
		    "HEAD %1$s %2$s C O Mitter <committer@example.com> 1112911993 -0700|commit: two\n"
		    "refs/heads/master 0000000 %1$s C O Mitter <committer@example.com> 1112911993 -0700|commit (initial): one\n"
		    "refs/heads/master %1$s %2$s C O Mitter <committer@example.com> 1112911993 -0700|commit: two\n"
		    "refs/heads/topic 0000000 %1$s C O Mitter <committer@example.com> 1112911993 -0700|branch: Created from master\n",
		    one, two);
	cr_expect_str_eq(got.buf, want.buf);
	free(one);
	free(two);
	strbuf_release(&got);
	strbuf_release(&want);
	repo_free(repo);
}

Test(refs, no_reflogs_at_all)
{
	struct strbuf got = STRBUF_INIT;
	struct repo *repo;

	git("init -q .");
	repo = open_repo();
	assert_ok(refs_for_each_reflog(repo, collect_log, &got));
	cr_expect_eq(got.len, 0);
	/* a reflog that cannot be read is an error, not an empty log */
	cr_assert_eq(fs_mkdir_p(".git/logs/HEAD", 0777), 0);
	cr_expect_lt(refs_for_each_reflog(repo, collect_log, &got), 0);
	repo_free(repo);
}
