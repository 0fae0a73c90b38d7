/* Unit tests: refs - loose, symbolic and packed refs and reflogs, git as the oracle. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* ---- writing ---- */

#define IDENT "C O Mitter <committer@example.com> 1112911993 -0700"
#define ZERO "0000000000000000000000000000000000000000"

/* Two commits on master; `c[0]`, `c[1]` get their ids. */
static struct repo *two_commits(char c[2][UG_OID_HEXSZ + 1], struct oid oid[2])
{
	char *hex;
	int i;

	git("init -q .");
	for (i = 0; i < 2; i++) {
		git("commit -q --allow-empty -m c%d", i);
		hex = git_output("rev-parse HEAD");
		strcpy(c[i], hex);
		assert_ok(oid_from_hex(&oid[i], hex));
		free(hex);
	}
	return open_repo();
}

/* The last line of a reflog ("" if there is none). */
static char *last_log_line(const char *path)
{
	char *all, *last;
	size_t len;

	if (!fs_exists(path))
		return strdup("");
	all = read_file(path, &len);
	while (len && all[len - 1] == '\n')
		all[--len] = '\0';
	last = strrchr(all, '\n');
	last = strdup(last ? last + 1 : all);
	free(all);
	return last;
}

static void expect_file(const char *path, const char *want)
{
	char *got = read_file(path, NULL);

	cr_expect_str_eq(got, want, "%s", path);
	free(got);
}

static void expect_log(const char *path, const char *old, const char *new_hex,
		       const char *msg)
{
	char want[300], *got = last_log_line(path);

	snprintf(want, sizeof(want), "%s %s %s%s%s", old, new_hex, IDENT,
		 *msg ? "\t" : "", msg);
	cr_expect_str_eq(got, want, "%s", path);
	free(got);
}

/* git's view of a ref: its id, or "" if it does not resolve. */
static char *git_ref(const char *name)
{
	return git_output("rev-parse -q --verify %s || true", name);
}

Test(refs, update_old_value_table)
{
	/* state: 0 missing, 1 loose at c0, 2 packed at c0; old: -1 NULL, 0 null, 1 c0, 2 c1 */
	static const struct {
		int state, old, must_exist, err;
	} cases[] = {
		{ 0, -1, 0, 0 }, { 0, 0, 0, 0 }, { 0, 1, 0, UG_ECONFLICT },
		{ 0, -1, 1, UG_ECONFLICT },
		{ 1, -1, 0, 0 }, { 1, 0, 0, UG_ECONFLICT }, { 1, 1, 0, 0 },
		{ 1, 2, 0, UG_ECONFLICT }, { 1, -1, 1, 0 },
		{ 2, -1, 0, 0 }, { 2, 0, 0, UG_ECONFLICT }, { 2, 1, 0, 0 },
		{ 2, 2, 0, UG_ECONFLICT },
	};
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2], null_oid;
	struct repo *repo = two_commits(c, oid);
	size_t i;

	oid_clear(&null_oid);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct oid *old = cases[i].old < 0 ? NULL :
					cases[i].old == 0 ? &null_oid : &oid[cases[i].old - 1];
		char *now;
		int err;

		git("update-ref -d refs/heads/t; rm -f .git/packed-refs");
		if (cases[i].state)
			git("update-ref refs/heads/t %s", c[0]);
		if (cases[i].state == 2)
			git("pack-refs --all --prune");
		err = refs_update(repo, "refs/heads/t", &oid[1], old,
				  cases[i].must_exist ? REFS_UPDATE_MUST_EXIST : 0, NULL);
		cr_expect_eq(err, cases[i].err, "case %zu: %d %s", i, err, ug_error_last());
		now = git_ref("refs/heads/t");
		cr_expect_str_eq(now, err ? (cases[i].state ? c[0] : "") : c[1], "case %zu", i);
		cr_expect(!fs_exists(".git/refs/heads/t.lock"), "case %zu left a lock", i);
		free(now);
	}
	repo_free(repo);
}

Test(refs, old_value_messages_are_gits)
{
	char c[2][UG_OID_HEXSZ + 1], want[300];
	struct oid oid[2], null_oid;
	struct repo *repo = two_commits(c, oid);

	oid_clear(&null_oid);
	cr_assert_eq(refs_update(repo, "refs/heads/master", &oid[0], &oid[0], 0, NULL),
		     UG_ECONFLICT);
	snprintf(want, sizeof(want), "cannot lock ref 'refs/heads/master': is at %s but expected %s",
		 c[1], c[0]);
	cr_expect_str_eq(ug_error_last(), want);
	cr_assert_eq(refs_update(repo, "HEAD", &oid[0], &null_oid, 0, NULL), UG_ECONFLICT);
	cr_expect_str_eq(ug_error_last(), "cannot lock ref 'HEAD': reference already exists");
	cr_assert_eq(refs_update(repo, "refs/heads/no", &oid[0], &oid[1], 0, NULL), UG_ECONFLICT);
	cr_expect_str_eq(ug_error_last(),
			 "cannot lock ref 'refs/heads/no': unable to resolve reference 'refs/heads/no'");
	cr_expect(!fs_exists(".git/refs/heads/no"));
	repo_free(repo);
}

Test(refs, bad_names_are_refused)
{
	static const char *const bad[] = {
		"refs/heads/a..b", "refs/heads/x.lock", "refs/heads/", "refs/../x",
		"foo", "refs/heads/a b", "refs/heads/@{x}", "", "refs/heads/.hidden",
	};
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		cr_expect_eq(refs_update(repo, bad[i], &oid[0], NULL, 0, NULL), UG_EINVALID,
			     "%s", bad[i]);
		cr_expect(strstr(ug_error_last(), "refusing to update ref with bad name"));
	}
	cr_expect_eq(refs_update_symbolic(repo, "HEAD", "refs/heads/a..b", NULL), UG_EINVALID);
	cr_expect_eq(refs_delete(repo, "refs/../config", NULL, 0, NULL), UG_EINVALID);
	/* a bad but safe name can be deleted (and deleting nothing succeeds) */
	assert_ok(refs_delete(repo, "refs/heads/a..b", NULL, 0, NULL));
	repo_free(repo);
}

Test(refs, creates_directories_and_reflogs_like_git)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, "  made\tby   hand  " };
	char *out;

	assert_ok(refs_update(repo, "refs/heads/a/b/c", &oid[0], NULL, 0, &log));
	cr_expect(fs_exists(".git/refs/heads/a/b/c"));
	expect_log(".git/logs/refs/heads/a/b/c", ZERO, c[0], "made by hand");
	/* tags get no reflog by default; an update without a message has no tab */
	assert_ok(refs_update(repo, "refs/tags/t", &oid[0], NULL, 0, &log));
	cr_expect(!fs_exists(".git/logs/refs/tags/t"));
	log.message = NULL;
	assert_ok(refs_update(repo, "refs/tags/t", &oid[1], NULL, REFS_UPDATE_CREATE_REFLOG, &log));
	expect_log(".git/logs/refs/tags/t", c[0], c[1], "");
	/* no ident: no reflog entry at all */
	assert_ok(refs_update(repo, "refs/heads/a/b/c", &oid[1], NULL, 0, NULL));
	expect_log(".git/logs/refs/heads/a/b/c", ZERO, c[0], "made by hand");
	out = git_output("reflog show --format=%%gs refs/heads/a/b/c");
	cr_expect_str_eq(out, "made by hand");
	free(out);
	git("fsck --strict");
	repo_free(repo);
}

Test(refs, head_and_branch_reflogs)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2], null_oid;
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, "through HEAD" };
	char want[UG_OID_HEXSZ + 2], *head;

	oid_clear(&null_oid);
	/* through the symref: both logs, the branch moves, HEAD stays symbolic */
	assert_ok(refs_update(repo, "HEAD", &oid[0], &oid[1], 0, &log));
	expect_log(".git/logs/HEAD", c[1], c[0], "through HEAD");
	expect_log(".git/logs/refs/heads/master", c[1], c[0], "through HEAD");
	cr_expect(!fs_exists(".git/HEAD.lock"));
	/* the branch by name: HEAD's log too, because HEAD points to it */
	log.message = "direct";
	assert_ok(refs_update(repo, "refs/heads/master", &oid[1], NULL, 0, &log));
	expect_log(".git/logs/HEAD", c[0], c[1], "direct");
	expect_log(".git/logs/refs/heads/master", c[0], c[1], "direct");
	/* unchanged: the branch log stays, HEAD's gets the entry (as git) */
	log.message = "same";
	assert_ok(refs_update(repo, "refs/heads/master", &oid[1], NULL, 0, &log));
	expect_log(".git/logs/HEAD", c[1], c[1], "same");
	expect_log(".git/logs/refs/heads/master", c[0], c[1], "direct");
	/* another branch: HEAD's log is not touched */
	log.message = "other";
	assert_ok(refs_update(repo, "refs/heads/other", &oid[0], &null_oid, 0, &log));
	expect_log(".git/logs/HEAD", c[1], c[1], "same");
	/* --no-deref detaches HEAD, and logs only HEAD */
	log.message = "detach";
	assert_ok(refs_update(repo, "HEAD", &oid[0], NULL, REFS_UPDATE_NO_DEREF, &log));
	head = read_file(".git/HEAD", NULL);
	snprintf(want, sizeof(want), "%s\n", c[0]);
	cr_expect_str_eq(head, want);
	expect_log(".git/logs/HEAD", c[1], c[0], "detach");
	expect_log(".git/logs/refs/heads/master", c[0], c[1], "direct");
	free(head);
	repo_free(repo);
}

Test(refs, reflog_settings_table)
{
	/* core.logAllRefUpdates, bare?, ref -> is a reflog created? */
	static const struct {
		const char *setting;
		int bare;
		const char *ref;
		int logged;
	} cases[] = {
		{ NULL, 0, "refs/heads/b", 1 }, { NULL, 0, "refs/tags/t", 0 },
		{ NULL, 0, "refs/remotes/o/b", 1 }, { NULL, 0, "refs/notes/n", 1 },
		{ NULL, 0, "refs/other/x", 0 }, { NULL, 1, "refs/heads/b", 0 },
		{ "true", 1, "refs/heads/b", 1 }, { "false", 0, "refs/heads/b", 0 },
		{ "always", 0, "refs/tags/t", 1 }, { "always", 1, "refs/other/x", 1 },
	};
	char c[2][UG_OID_HEXSZ + 1], path[200];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, "m" };
	size_t i;

	repo_free(repo);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		git("config --unset core.logallrefupdates || true");
		git("config core.bare %s", cases[i].bare ? "true" : "false");
		if (cases[i].setting)
			git("config core.logallrefupdates %s", cases[i].setting);
		git("update-ref -d %s; rm -rf .git/logs/refs/tags .git/logs/refs/other", cases[i].ref);
		repo = NULL;
		assert_ok(repo_open(&repo, ".git"));
		assert_ok(refs_update(repo, cases[i].ref, &oid[0], NULL, 0, &log));
		snprintf(path, sizeof(path), ".git/logs/%s", cases[i].ref);
		cr_expect_eq(fs_exists(path), cases[i].logged, "case %zu", i);
		repo_free(repo);
	}
	/* an existing reflog is appended to whatever the setting */
	git("config core.logallrefupdates false");
	assert_ok(repo_open(&repo, ".git"));
	assert_ok(refs_update(repo, "refs/heads/master", &oid[0], NULL, 0, &log));
	expect_log(".git/logs/refs/heads/master", c[1], c[0], "m");
	repo_free(repo);
	/* and a bad value is fatal, as in git */
	git("config core.logallrefupdates maybe");
	cr_expect_eq(repo_open(&repo, ".git"), UG_EINVALID);
}

Test(refs, delete_table)
{
	/* where the ref lives: 1 loose, 2 packed, 3 both (loose c1 over packed c0) */
	static const int where[] = { 1, 2, 3 };
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, "bye" };
	size_t i;

	git("tag -a -m ann v1 HEAD~1");
	git("tag light HEAD");
	for (i = 0; i < ARRAY_SIZE(where); i++) {
		char *packed, *now, *tags;

		git("update-ref refs/heads/d/e/f %s", c[0]);
		if (where[i] >= 2)
			git("pack-refs --all %s", where[i] == 2 ? "--prune" : "");
		if (where[i] == 3)
			git("update-ref refs/heads/d/e/f %s", c[1]);
		tags = git_output("show-ref -d --tags");
		assert_ok(refs_delete(repo, "refs/heads/d/e/f", NULL, 0, &log));
		now = git_ref("refs/heads/d/e/f");
		cr_expect_str_eq(now, "", "case %zu", i);
		free(now);
		cr_expect(!fs_exists(".git/refs/heads/d"), "case %zu: empty dirs stay", i);
		cr_expect(!fs_exists(".git/logs/refs/heads/d"), "case %zu: reflog stays", i);
		cr_expect(fs_exists(".git/refs/heads"));
		cr_expect(!fs_exists(".git/packed-refs.lock"));
		if (where[i] >= 2) {
			packed = read_file(".git/packed-refs", NULL);
			cr_expect(starts_with(packed, "# pack-refs with: peeled fully-peeled sorted \n"));
			cr_expect(!strstr(packed, "refs/heads/d/e/f"));
			free(packed);
		}
		now = git_output("show-ref -d --tags");	/* peeled lines intact */
		cr_expect_str_eq(now, tags);
		free(now);
		free(tags);
		git("fsck --strict");
	}
	repo_free(repo);
}

Test(refs, delete_through_head_and_of_heads_branch)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, NULL };
	struct strbuf sb = STRBUF_INIT;

	/* deleting through HEAD removes the branch; HEAD's log records it */
	assert_ok(refs_delete(repo, "HEAD", &oid[1], 0, &log));
	cr_expect(!fs_exists(".git/refs/heads/master"));
	cr_expect(!fs_exists(".git/logs/refs/heads/master"));
	expect_log(".git/logs/HEAD", c[1], ZERO, "");
	cr_assert_eq(refs_read_symbolic(&sb, repo, "HEAD"), 1);
	cr_expect_str_eq(sb.buf, "refs/heads/master");
	/* recreating it: both logs again */
	log.message = "again";
	assert_ok(refs_update(repo, "refs/heads/master", &oid[0], NULL, 0, &log));
	expect_log(".git/logs/HEAD", ZERO, c[0], "again");
	/* a mismatching old value deletes nothing */
	cr_expect_eq(refs_delete(repo, "refs/heads/master", &oid[1], 0, &log), UG_ECONFLICT);
	cr_expect(fs_exists(".git/refs/heads/master"));
	/* --no-deref on a symbolic ref deletes the symbolic ref itself */
	git("symbolic-ref refs/heads/alias refs/heads/master");
	assert_ok(refs_delete(repo, "refs/heads/alias", NULL, REFS_UPDATE_NO_DEREF, &log));
	cr_expect(!fs_exists(".git/refs/heads/alias"));
	cr_expect(fs_exists(".git/refs/heads/master"));
	strbuf_release(&sb);
	repo_free(repo);
}

Test(refs, held_locks_change_nothing)
{
	static const struct {
		const char *lock, *ref;
		int delete;
	} cases[] = {
		{ ".git/refs/heads/master.lock", "refs/heads/master", 0 },
		{ ".git/refs/heads/master.lock", "HEAD", 0 },
		{ ".git/HEAD.lock", "HEAD", 0 },
		{ ".git/HEAD.lock", "refs/heads/master", 0 },	/* HEAD's log is locked too */
		{ ".git/refs/heads/master.lock", "refs/heads/master", 1 },
		{ ".git/packed-refs.lock", "refs/heads/master", 1 },
	};
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, "x" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *before = read_file(".git/logs/HEAD", NULL), *after, *now;
		int err;

		put(cases[i].lock, "");
		err = cases[i].delete ? refs_delete(repo, cases[i].ref, NULL, 0, &log) :
			refs_update(repo, cases[i].ref, &oid[0], NULL, 0, &log);
		cr_expect_eq(err, UG_ELOCKED, "case %zu: %d", i, err);
		cr_expect(strstr(ug_error_last(), "': File exists.\n\nAnother git process"),
			  "%s", ug_error_last());
		cr_expect(fs_exists(cases[i].lock), "case %zu: the lock was removed", i);
		now = git_ref("refs/heads/master");
		cr_expect_str_eq(now, c[1], "case %zu", i);
		after = read_file(".git/logs/HEAD", NULL);
		cr_expect_str_eq(after, before, "case %zu: the reflog changed", i);
		unlink(cases[i].lock);
		free(before);
		free(after);
		free(now);
	}
	/* git's words: the ref named is the one asked for */
	put(".git/refs/heads/master.lock", "");
	cr_assert_eq(refs_update(repo, "HEAD", &oid[0], NULL, 0, NULL), UG_ELOCKED);
	cr_expect(starts_with(ug_error_last(), "cannot lock ref 'HEAD': Unable to create '"));
	cr_expect(strstr(ug_error_last(), "/.git/refs/heads/master.lock': File exists."));
	repo_free(repo);
}

Test(refs, directory_file_conflicts_table)
{
	static const struct {
		const char *existing, *create, *message;
		int packed;
	} cases[] = {
		{ "refs/heads/a", "refs/heads/a/b",
		  "cannot lock ref 'refs/heads/a/b': 'refs/heads/a' exists; cannot create 'refs/heads/a/b'", 0 },
		{ "refs/heads/a/b", "refs/heads/a",
		  "cannot lock ref 'refs/heads/a': 'refs/heads/a/b' exists; cannot create 'refs/heads/a'", 0 },
		{ "refs/heads/a", "refs/heads/a/b/c",
		  "cannot lock ref 'refs/heads/a/b/c': 'refs/heads/a' exists; cannot create 'refs/heads/a/b/c'", 1 },
		{ "refs/heads/a/b/c", "refs/heads/a",
		  "cannot lock ref 'refs/heads/a': 'refs/heads/a/b/c' exists; cannot create 'refs/heads/a'", 1 },
	};
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *list_before, *list_after;

		git("update-ref %s %s", cases[i].existing, c[0]);
		if (cases[i].packed)
			git("pack-refs --all --prune");
		list_before = git_output("for-each-ref");
		cr_expect_eq(refs_update(repo, cases[i].create, &oid[1], NULL, 0, NULL),
			     UG_EEXISTS, "case %zu", i);
		cr_expect_str_eq(ug_error_last(), cases[i].message);
		list_after = git_output("for-each-ref");
		cr_expect_str_eq(list_after, list_before, "case %zu", i);
		git("update-ref -d %s", cases[i].existing);
		free(list_before);
		free(list_after);
	}
	/* a directory left empty by deleted refs is no conflict */
	assert_ok(fs_mkdir_p(".git/refs/heads/empty/sub", 0777));
	assert_ok(refs_update(repo, "refs/heads/empty", &oid[0], NULL, 0, NULL));
	git("fsck --strict");
	repo_free(repo);
}

Test(refs, symrefs_chains_and_loops)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, "chain" };
	char *now;
	int i;

	/* HEAD -> refs/heads/s1 -> refs/heads/master: the end of the chain moves */
	git("symbolic-ref refs/heads/s1 refs/heads/master");
	git("symbolic-ref HEAD refs/heads/s1");
	assert_ok(refs_update(repo, "HEAD", &oid[0], &oid[1], 0, &log));
	now = git_ref("refs/heads/master");
	cr_expect_str_eq(now, c[0]);
	free(now);
	expect_log(".git/logs/HEAD", c[1], c[0], "chain");
	expect_log(".git/logs/refs/heads/master", c[1], c[0], "chain");
	expect_file(".git/refs/heads/s1", "ref: refs/heads/master\n");
	/* a loop is refused and changes nothing */
	git("symbolic-ref refs/heads/l1 refs/heads/l2");
	git("symbolic-ref refs/heads/l2 refs/heads/l1");
	cr_expect_eq(refs_update(repo, "refs/heads/l1", &oid[0], NULL, 0, &log), UG_EINVALID);
	cr_expect(!fs_exists(".git/refs/heads/l1.lock"));
	expect_file(".git/refs/heads/l1", "ref: refs/heads/l2\n");
	/* six deep is too deep */
	for (i = 1; i <= 5; i++)
		git("symbolic-ref refs/heads/d%d refs/heads/d%d", i, i + 1);
	cr_expect_eq(refs_update(repo, "refs/heads/d1", &oid[0], NULL, 0, &log), UG_EINVALID);
	cr_expect(!fs_exists(".git/refs/heads/d6"));
	repo_free(repo);
}

Test(refs, update_symbolic)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, "checkout: moving from master to side" };
	char *before;

	git("branch side HEAD~1");
	assert_ok(refs_update_symbolic(repo, "HEAD", "refs/heads/side", &log));
	expect_file(".git/HEAD", "ref: refs/heads/side\n");
	expect_log(".git/logs/HEAD", c[1], c[0], "checkout: moving from master to side");
	/* to an unborn branch: no entry (git's create_symref needs a value) */
	before = read_file(".git/logs/HEAD", NULL);
	assert_ok(refs_update_symbolic(repo, "HEAD", "refs/heads/unborn", &log));
	expect_file(".git/logs/HEAD", before);
	/* no message: an entry without one (old: the unborn branch) */
	log.message = NULL;
	assert_ok(refs_update_symbolic(repo, "HEAD", "refs/heads/master", &log));
	expect_log(".git/logs/HEAD", ZERO, c[1], "");
	/* no ident: no entry */
	free(before);
	before = read_file(".git/logs/HEAD", NULL);
	assert_ok(refs_update_symbolic(repo, "HEAD", "refs/heads/side", NULL));
	expect_file(".git/logs/HEAD", before);
	assert_ok(refs_update_symbolic(repo, "HEAD", "refs/heads/master", NULL));
	/* a new symbolic ref elsewhere, checked for conflicts like any ref */
	assert_ok(refs_update_symbolic(repo, "refs/remotes/o/HEAD", "refs/remotes/o/main", NULL));
	cr_expect_eq(refs_update_symbolic(repo, "refs/heads/master/x", "refs/heads/side", NULL),
		     UG_EEXISTS);
	put(".git/HEAD.lock", "");
	cr_expect_eq(refs_update_symbolic(repo, "HEAD", "refs/heads/side", NULL), UG_ELOCKED);
	expect_file(".git/HEAD", "ref: refs/heads/master\n");
	free(before);
	repo_free(repo);
}

Test(refs, transaction_is_all_or_nothing)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2], null_oid;
	struct repo *repo = two_commits(c, oid);
	struct refs_transaction *tx;
	char *list = git_output("for-each-ref"), *now;

	oid_clear(&null_oid);
	tx = refs_transaction_begin(repo);
	assert_ok(refs_transaction_update(tx, "refs/heads/new", &oid[0], &null_oid, 0, NULL));
	assert_ok(refs_transaction_update(tx, "refs/heads/master", &null_oid, NULL, 0, NULL));
	/* the third one's old value is wrong: nothing happens */
	assert_ok(refs_transaction_update(tx, "refs/tags/t", &oid[0], &oid[1], 0, NULL));
	cr_expect_eq(refs_transaction_update(tx, "refs/heads/new", &oid[1], NULL, 0, NULL),
		     UG_EINVALID);
	cr_expect_eq(refs_transaction_commit(tx), UG_ECONFLICT);
	refs_transaction_free(tx);
	now = git_output("for-each-ref");
	cr_expect_str_eq(now, list);
	cr_expect(!fs_exists(".git/refs/heads/new.lock") && !fs_exists(".git/packed-refs.lock"));
	free(now);
	/* a verify (no new value) with the right old value, and two changes */
	tx = refs_transaction_begin(repo);
	assert_ok(refs_transaction_update(tx, "refs/heads/master", NULL, &oid[1], 0, NULL));
	assert_ok(refs_transaction_update(tx, "refs/heads/new", &oid[0], &null_oid, 0, NULL));
	assert_ok(refs_transaction_update(tx, "refs/tags/t", &oid[1], NULL, 0, NULL));
	assert_ok(refs_transaction_commit(tx));
	refs_transaction_free(tx);
	now = git_output("for-each-ref --format='%%(objectname) %%(refname)'");
	cr_expect(strstr(now, "refs/heads/new") && strstr(now, "refs/tags/t"));
	free(now);
	/* HEAD and its branch in one transaction: one ref, twice */
	tx = refs_transaction_begin(repo);
	assert_ok(refs_transaction_update(tx, "HEAD", &oid[0], NULL, 0, NULL));
	assert_ok(refs_transaction_update(tx, "refs/heads/master", &oid[0], NULL, 0, NULL));
	cr_expect_eq(refs_transaction_commit(tx), UG_EINVALID);
	refs_transaction_free(tx);
	free(list);
	repo_free(repo);
}

Test(refs, packed_refs_snapshot_is_refreshed)
{
	char c[2][UG_OID_HEXSZ + 1], hex[UG_OID_HEXSZ + 1], buf[200];
	struct oid oid[2], got;
	struct repo *repo = two_commits(c, oid);

	git("branch p HEAD~1");
	git("pack-refs --all --prune");
	assert_ok(refs_resolve(&got, repo, "refs/heads/p"));
	cr_expect_str_eq(oid_to_hex(hex, &got), c[0]);
	/* another process rewrites packed-refs (by rename, as git does) */
	snprintf(buf, sizeof(buf), "# pack-refs with: peeled fully-peeled sorted \n"
		 "%s refs/heads/master\n%s refs/heads/p\n", c[1], c[1]);
	put(".git/packed-refs.new", buf);
	cr_assert_eq(rename(".git/packed-refs.new", ".git/packed-refs"), 0);
	assert_ok(refs_resolve(&got, repo, "refs/heads/p"));
	cr_expect_str_eq(oid_to_hex(hex, &got), c[1]);
	/* removed: no packed refs any more */
	unlink(".git/packed-refs");
	cr_expect_eq(refs_resolve(&got, repo, "refs/heads/p"), UG_ENOTFOUND);
	/* back, then deleted by us: the snapshot follows */
	put(".git/packed-refs", buf);
	assert_ok(refs_resolve(&got, repo, "refs/heads/p"));
	assert_ok(refs_delete(repo, "refs/heads/p", NULL, 0, NULL));
	cr_expect_eq(refs_resolve(&got, repo, "refs/heads/p"), UG_ENOTFOUND);
	assert_ok(refs_resolve(&got, repo, "refs/heads/master"));
	repo_free(repo);
}

Test(refs, write_failures_change_nothing)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, "m" };
	char *now;

	/* the reflog cannot be created: the update fails, the ref stays */
	put(".git/logs/refs/heads/blocked", "");
	cr_assert_eq(mkdir(".git/refs/heads/blocked", 0777), 0);
	cr_expect_eq(refs_update(repo, "refs/heads/blocked/x", &oid[0], NULL, 0, &log), UG_ERROR);
	cr_expect(strstr(ug_error_last(), "logs/refs/heads/blocked"), "%s", ug_error_last());
	now = git_ref("refs/heads/blocked/x");
	cr_expect_str_eq(now, "");
	free(now);
	cr_expect(!fs_exists(".git/refs/heads/blocked/x.lock"));
	/* a directory in the way that holds only a lock is not empty */
	cr_assert_eq(mkdir(".git/refs/heads/held", 0777), 0);
	put(".git/refs/heads/held/x.lock", "");
	cr_expect_eq(refs_update(repo, "refs/heads/held", &oid[0], NULL, 0, NULL), UG_EEXISTS);
	cr_expect(strstr(ug_error_last(), "there is a non-empty directory"), "%s", ug_error_last());
	cr_expect(fs_exists(".git/refs/heads/held/x.lock"));
	repo_free(repo);
}

static int refuse_all(const struct oid *oid, const char *refname, void *payload)
{
	(void)oid;
	(*(int *)payload)++;
	return ug_error(UG_EINVALID, "no thanks for '%s'", refname);
}

Test(refs, check_hook_sees_the_end_of_the_chain)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_transaction *tx = refs_transaction_begin(repo);
	char *now;
	int calls = 0;

	refs_transaction_set_check(tx, refuse_all, &calls);
	assert_ok(refs_transaction_update(tx, "HEAD", &oid[0], NULL, 0, NULL));
	cr_expect_eq(refs_transaction_commit(tx), UG_EINVALID);
	cr_expect_str_eq(ug_error_last(),
			 "cannot update ref 'refs/heads/master': no thanks for 'refs/heads/master'");
	cr_expect_eq(calls, 1);
	refs_transaction_free(tx);
	now = git_ref("HEAD");
	cr_expect_str_eq(now, c[1]);
	cr_expect(!fs_exists(".git/refs/heads/master.lock") && !fs_exists(".git/HEAD.lock"));
	free(now);
	repo_free(repo);
}

Test(refs, shorten_table)
{
	static const struct {
		const char *full, *short_name;
	} cases[] = {
		{ "refs/heads/master", "master" },
		{ "refs/heads/both", "heads/both" },	/* a tag "both" wins over the branch */
		{ "refs/tags/both", "both" },
		{ "refs/remotes/o/HEAD", "o" },
		{ "refs/remotes/o/main", "o/main" },
		{ "refs/notes/n", "notes/n" },
		{ "HEAD", "HEAD" },
		{ "refs/heads/missing", "missing" },
	};
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	git("branch both");
	git("tag both");
	git("update-ref refs/remotes/o/main HEAD");
	git("symbolic-ref refs/remotes/o/HEAD refs/remotes/o/main");
	git("update-ref refs/notes/n HEAD");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		strbuf_reset(&sb);
		refs_shorten(&sb, repo, cases[i].full);
		cr_expect_str_eq(sb.buf, cases[i].short_name, "%s", cases[i].full);
	}
	strbuf_release(&sb);
	repo_free(repo);
}

Test(refs, packed_refs_edited_in_place_is_reread)
{
	char c[2][UG_OID_HEXSZ + 1], hex[UG_OID_HEXSZ + 1], buf[200];
	struct oid oid[2], got;
	struct repo *repo = two_commits(c, oid);
	FILE *f;

	snprintf(buf, sizeof(buf), "%s refs/heads/p\n", c[0]);
	put(".git/packed-refs", buf);
	assert_ok(refs_resolve(&got, repo, "refs/heads/p"));
	/* same inode, new size */
	f = fopen(".git/packed-refs", "a");
	cr_assert_not_null(f);
	fprintf(f, "%s refs/heads/q\n", c[1]);
	fclose(f);
	assert_ok(refs_resolve(&got, repo, "refs/heads/q"));
	cr_expect_str_eq(oid_to_hex(hex, &got), c[1]);
	/* unsorted and with a duplicate: the first line of a name counts */
	snprintf(buf, sizeof(buf), "%s refs/heads/z\n%s refs/heads/p\n%s refs/heads/p\n",
		 c[0], c[1], c[0]);
	put(".git/packed-refs.new", buf);
	cr_assert_eq(rename(".git/packed-refs.new", ".git/packed-refs"), 0);
	assert_ok(refs_resolve(&got, repo, "refs/heads/p"));
	cr_expect_str_eq(oid_to_hex(hex, &got), c[1]);
	assert_ok(refs_resolve(&got, repo, "refs/heads/z"));
	repo_free(repo);
}

/* Two commits and a branch in directory `dir`. */
static void rename_fixture(const char *dir)
{
	git("init -q %s", dir);
	git("-C %s commit -q --allow-empty -m one", dir);
	git("-C %s commit -q --allow-empty -m two", dir);
	git("-C %s branch side HEAD~1", dir);
}

static void expect_same_file(const char *a, const char *b)
{
	char *x = fs_exists(a) ? read_file(a, NULL) : strdup("(none)");
	char *y = fs_exists(b) ? read_file(b, NULL) : strdup("(none)");

	cr_expect_str_eq(y, x, "%s vs %s", a, b);
	free(x);
	free(y);
}

Test(refs, rename_like_git_branch_m)
{
	static const char *const files[] = {
		"HEAD", "logs/HEAD", "refs/heads/b", "logs/refs/heads/b", "refs/heads/master",
		"logs/refs/heads/master", "refs/heads/side/x", "logs/refs/heads/side/x",
		"packed-refs",
	};
	struct refs_log log = { IDENT, "Branch: renamed refs/heads/master to refs/heads/b" };
	struct repo *repo = NULL;
	char a[100], b[100];
	size_t i;

	rename_fixture("g");
	rename_fixture("u");
	git("-C g branch -m master b");
	git("-C g pack-refs --all --prune");
	git("-C g branch -m side side/x");
	assert_ok(repo_open(&repo, "u"));
	/* the branch HEAD is on: HEAD's log sees it leave, then come back */
	assert_ok(refs_rename(repo, "refs/heads/master", "refs/heads/b", &log));
	assert_ok(refs_update_symbolic(repo, "HEAD", "refs/heads/b", &log));
	git("-C u pack-refs --all --prune");
	/* a packed ref, into a directory named like itself */
	log.message = "Branch: renamed refs/heads/side to refs/heads/side/x";
	assert_ok(refs_rename(repo, "refs/heads/side", "refs/heads/side/x", &log));
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(a, sizeof(a), "g/.git/%s", files[i]);
		snprintf(b, sizeof(b), "u/.git/%s", files[i]);
		expect_same_file(a, b);
	}
	/* refusals change nothing */
	cr_expect_eq(refs_rename(repo, "refs/heads/nope", "refs/heads/c", &log), UG_ENOTFOUND);
	cr_expect_str_eq(ug_error_last(), "refname refs/heads/nope not found");
	cr_expect_eq(refs_rename(repo, "refs/heads/b", "refs/heads/side/x", &log), UG_EEXISTS);
	cr_expect_eq(refs_rename(repo, "HEAD", "refs/heads/c", &log), UG_EINVALID);
	cr_expect_eq(refs_rename(repo, "refs/heads/b", "refs/heads/a..b", &log), UG_EINVALID);
	git("-C u symbolic-ref refs/heads/sym refs/heads/b");
	cr_expect_eq(refs_rename(repo, "refs/heads/sym", "refs/heads/c", &log), UG_EINVALID);
	cr_expect(fs_exists("u/.git/logs/refs/heads/b") && !fs_exists("u/.git/refs/heads/c"));
	cr_expect(!fs_exists("u/.git/logs/refs/.tmp-renamed-log"));
	git("-C u fsck --strict");
	repo_free(repo);
}

Test(refs, a_lock_released_meanwhile_is_waited_for)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	pid_t pid;
	char *now;

	put(".git/refs/heads/master.lock", "");
	pid = fork();
	cr_assert(pid >= 0);
	if (!pid) {	/* the other writer finishes after 20 ms */
		usleep(20000);
		unlink(".git/refs/heads/master.lock");
		_exit(0);
	}
	assert_ok(refs_update(repo, "refs/heads/master", &oid[0], &oid[1], 0, NULL));
	now = git_ref("refs/heads/master");
	cr_expect_str_eq(now, c[0]);
	free(now);
	waitpid(pid, NULL, 0);
	repo_free(repo);
}

Test(refs, empty_directories_in_the_way_are_removed)
{
	char c[2][UG_OID_HEXSZ + 1];
	struct oid oid[2];
	struct repo *repo = two_commits(c, oid);
	struct refs_log log = { IDENT, "over dirs" };

	assert_ok(fs_mkdir_p(".git/refs/heads/d/e", 0777));
	assert_ok(fs_mkdir_p(".git/logs/refs/heads/d/f", 0777));
	assert_ok(refs_update(repo, "refs/heads/d", &oid[0], NULL, 0, &log));
	expect_log(".git/logs/refs/heads/d", ZERO, c[0], "over dirs");
	/* a file among them: refused, nothing changed */
	assert_ok(fs_mkdir_p(".git/logs/refs/heads/g/h", 0777));
	put(".git/logs/refs/heads/g/h/keep", "");
	cr_expect_eq(refs_update(repo, "refs/heads/g", &oid[0], NULL, 0, &log), UG_ERROR);
	cr_expect(!fs_exists(".git/refs/heads/g") && fs_exists(".git/logs/refs/heads/g/h/keep"));
	git("fsck --strict");
	repo_free(repo);
}
