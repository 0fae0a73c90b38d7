/* Unit tests: status - HEAD vs index vs work tree, with git building fixtures and judging. */
#include "helpers.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/fs.h"
#include "ugit/index.h"
#include "ugit/oid.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/status.h"
#include "ugit/strbuf.h"

static void status_sandbox_init(void)
{
	sandbox_init();
	setenv("HOME", sandbox_path(), 1);
	unsetenv("XDG_CONFIG_HOME");
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_INDEX_FILE");
	setenv("GIT_AUTHOR_NAME", "A", 1);
	setenv("GIT_AUTHOR_EMAIL", "a@example.com", 1);
	setenv("GIT_COMMITTER_NAME", "C", 1);
	setenv("GIT_COMMITTER_EMAIL", "c@example.com", 1);
}

TestSuite(status, .init = status_sandbox_init, .fini = sandbox_fini);

/* A shell command in the sandbox (helpers' git() runs git only); asserts success. */
static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	struct strbuf cmd = STRBUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	strbuf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	rc = system(cmd.buf);
	cr_assert_eq(rc, 0, "'%s' failed with status %d", cmd.buf, rc);
	strbuf_release(&cmd);
}

/*
 * Run status_collect() on the sandbox's repository and render the result
 * as git's --porcelain does (no quoting needed for these names).  With
 * `idx_out`, the index (as status left it) is handed back.
 */
static int no_renames;	/* set by assert_like_git() for --no-renames */

static char *collect(enum status_untracked_mode mode, int ignored, int *refreshed,
		     struct index *idx_out)
{
	struct status st = STATUS_INIT;
	struct status_options opts = { 0 };
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct oid head;
	size_t i;

	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	if (!refs_resolve(&head, repo, "HEAD"))
		opts.base = &head;
	ug_error_clear();
	opts.untracked = mode;
	opts.show_ignored = ignored;
	opts.no_renames = no_renames;
	assert_ok(status_collect(&st, repo, &idx, &opts));
	for (i = 0; i < st.nr; i++) {
		strbuf_addf(&sb, "%c%c ", st.items[i].index, st.items[i].worktree);
		if (st.items[i].orig_path)
			strbuf_addf(&sb, "%s -> ", st.items[i].orig_path);
		strbuf_addf(&sb, "%s\n", st.items[i].path);
	}
	for (i = 0; i < st.untracked.nr; i++)
		strbuf_addf(&sb, "?? %s\n", st.untracked.items[i].path);
	for (i = 0; i < st.ignored.nr; i++)
		strbuf_addf(&sb, "!! %s\n", st.ignored.items[i].path);
	if (refreshed)
		*refreshed = st.refreshed;
	status_release(&st);
	if (idx_out)
		*idx_out = idx;
	else
		index_release(&idx);
	repo_free(repo);
	/* git_output() trims the last newline: so do we */
	if (sb.len && sb.buf[sb.len - 1] == '\n')
		strbuf_setlen(&sb, sb.len - 1);
	return strbuf_detach(&sb, NULL);
}

/* ugit's view first (git's status may rewrite the index), then git's. */
static void assert_like_git(const char *git_args, enum status_untracked_mode mode,
			    int ignored)
{
	char *mine, *theirs;

	no_renames = !!strstr(git_args, "--no-renames");
	mine = collect(mode, ignored, NULL, NULL);
	theirs = git_output("status --porcelain %s", git_args);

	cr_assert_str_eq(mine, theirs, "ugit:\n%s\ngit:\n%s", mine, theirs);
	free(mine);
	free(theirs);
}

static void committed_fixture(void)
{
	git("init -q .");
	assert_ok(fs_mkdir_p("d/e", 0777));
	write_file("a", "a\n", 2);
	write_file("b", "b\n", 2);
	write_file("d/c", "c\n", 2);
	write_file("d/e/f", "f\n", 2);
	write_file("g", "g\n", 2);
	git("add . && git commit -q -m one");
}

Test(status, clean_tree_has_nothing)
{
	char *s;

	committed_fixture();
	s = collect(STATUS_UNTRACKED_NORMAL, 0, NULL, NULL);
	cr_assert_str_eq(s, "");
	free(s);
}

/* Each step changes the tree; each time git's --porcelain is the judge. */
Test(status, every_kind_of_change_as_git_sees_it)
{
	static const char *const steps[] = {
		"echo more >>a",				/* unstaged M */
		"echo more >>b && git add b",			/* staged M */
		"rm g",						/* unstaged D */
		"git rm -q --cached d/c",			/* staged D, untracked again */
		"echo n >n && git add n && echo x >>n",		/* AM */
		"git mv d/e/f d/e/f2",				/* exact rename */
		"rm a && ln -s b a",				/* type change, unstaged */
		"mkdir -p u/v && echo u >u/v/w && echo i >i.o && echo '*.o' >.git/info/exclude",
		"chmod +x b",					/* mode change */
	};
	size_t i;

	committed_fixture();
	for (i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		sh("%s", steps[i]);
		assert_like_git("", STATUS_UNTRACKED_NORMAL, 0);
		assert_like_git("-uall --ignored", STATUS_UNTRACKED_ALL, 1);
		assert_like_git("-uno", STATUS_UNTRACKED_NO, 0);
		assert_like_git("--ignored", STATUS_UNTRACKED_NORMAL, 1);
	}
}

Test(status, no_commits_yet_everything_is_added)
{
	git("init -q .");
	write_file("a", "a\n", 2);
	assert_ok(fs_mkdir_p("d", 0777));
	write_file("d/b", "b\n", 2);
	sh("git add a d/b && echo c >c");
	assert_like_git("", STATUS_UNTRACKED_NORMAL, 0);
}

Test(status, untracked_directories_collapse_like_git)
{
	git("init -q .");
	write_file("t", "t\n", 2);
	git("add t");
	sh("mkdir -p empty only-ignored/sub mixed deep/er/est tracked-in");
	sh("echo i >only-ignored/sub/x.o && echo i >mixed/y.o && echo m >mixed/m");
	sh("echo d >deep/er/est/f && echo t >tracked-in/t && git add tracked-in/t");
	sh("echo u >tracked-in/u && echo '*.o' >.gitignore");
	sh("git init -q nested && echo n >nested/n");
	assert_like_git("", STATUS_UNTRACKED_NORMAL, 0);
	assert_like_git("--ignored", STATUS_UNTRACKED_NORMAL, 1);
	assert_like_git("-uall", STATUS_UNTRACKED_ALL, 0);
	assert_like_git("-uall --ignored", STATUS_UNTRACKED_ALL, 1);
}

/* The deletion whose file name matches wins; others stay deleted. */
Test(status, exact_renames_prefer_the_same_name)
{
	git("init -q .");
	sh("mkdir x y && echo same >x/f && echo same >y/g && echo same >h && git add . && git commit -q -m 1");
	sh("git mv x/f z && git mv y/g g2 && mkdir w && git mv h w/h && git mv g2 w/g");
	assert_like_git("", STATUS_UNTRACKED_NORMAL, 0);
}

/* Stat data changed, content did not: no change, the entry is refreshed. */
Test(status, refresh_gives_fresh_stat_data_without_a_change)
{
	struct index idx = INDEX_INIT;
	struct stat st;
	int refreshed = -1;
	char *s;

	committed_fixture();
	sh("touch -d '2001-01-01 00:00:00' b d/c");
	s = collect(STATUS_UNTRACKED_NORMAL, 0, &refreshed, &idx);
	cr_assert_str_eq(s, "");
	cr_assert_eq(refreshed, 1);
	cr_assert_eq(lstat("b", &st), 0);
	cr_assert(index_stat_matches(index_get(&idx, "b", 0), &st));
	index_release(&idx);
	free(s);
	/* a real change is a change, not a refresh */
	sh("touch -d '2001-01-01 00:00:00' b d/c && git update-index --refresh >/dev/null");
	write_file("a", "A\n", 2);
	s = collect(STATUS_UNTRACKED_NORMAL, 0, &refreshed, NULL);
	cr_assert_str_eq(s, " M a");
	cr_assert_eq(refreshed, 0);
	free(s);
}

/* .git/objects/xx/yyyy... for the id `hex`; caller frees. */
static char *object_path(const char *hex)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, ".git/objects/%.2s/%s", hex, hex + 2);
	return strbuf_detach(&sb, NULL);
}

static size_t count_objects(void)
{
	char *n = git_output("count-objects | cut -d' ' -f1");
	size_t count = strtoul(n, NULL, 10);

	free(n);
	return count;
}

Test(status, writes_no_object)
{
	size_t before;
	char *s;

	committed_fixture();
	sh("echo new >new && echo x >>a && echo y >>b && git add b && echo z >>b");
	before = count_objects();
	s = collect(STATUS_UNTRACKED_ALL, 1, NULL, NULL);
	cr_assert_eq(count_objects(), before);
	free(s);
}

/*
 * The cache-tree vouches for d/: its tree object is never read, so status
 * works even when that object is gone (git's status would not notice
 * either).  The root differs, so the root tree is read.
 */
Test(status, cache_tree_skips_unchanged_directories)
{
	char *tree, *path, *s;

	committed_fixture();
	tree = git_output("rev-parse HEAD:d");
	sh("echo more >>a && git add a && git write-tree >/dev/null");
	path = object_path(tree);
	cr_assert_eq(unlink(path), 0);
	s = collect(STATUS_UNTRACKED_NORMAL, 0, NULL, NULL);
	cr_assert_str_eq(s, "M  a");
	free(s);
	free(path);
	free(tree);
}

/* Without a cache-tree the missing tree must be read: a clear error, no crash. */
Test(status, missing_tree_is_an_error)
{
	struct status st = STATUS_INIT;
	struct status_options opts = { 0 };
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	struct oid head;
	char *tree, *path;

	committed_fixture();
	tree = git_output("rev-parse HEAD:d");
	sh("echo more >>d/c && git add d/c");	/* drops the cache-tree of d/ */
	path = object_path(tree);
	cr_assert_eq(unlink(path), 0);
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	assert_ok(refs_resolve(&head, repo, "HEAD"));
	opts.base = &head;
	cr_assert_lt(status_collect(&st, repo, &idx, &opts), 0);
	cr_assert(strstr(ug_error_last(), tree), "%s", ug_error_last());
	status_release(&st);
	index_release(&idx);
	repo_free(repo);
	free(path);
	free(tree);
}

/* Stages present -> git's two letters and its words. */
Test(status, unmerged_codes_for_every_combination)
{
	static const struct {
		const char *stages, *code, *label;
	} cases[] = {
		{ "1", "DD", "both deleted:" },
		{ "2", "AU", "added by us:" },
		{ "12", "UD", "deleted by them:" },
		{ "3", "UA", "added by them:" },
		{ "13", "DU", "deleted by us:" },
		{ "23", "AA", "both added:" },
		{ "123", "UU", "both modified:" },
	};
	struct status st = STATUS_INIT;
	struct status_options opts = { 0 };
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	char *blob;
	size_t i;
	const char *p;

	git("init -q .");
	write_file("a", "x\n", 2);
	blob = git_output("hash-object -w a");
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		for (p = cases[i].stages; *p; p++)
			sh("printf '100644 %s %c\\tp%zu\\n' | git update-index --index-info",
			    blob, *p, i);
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	opts.untracked = STATUS_UNTRACKED_NO;
	assert_ok(status_collect(&st, repo, &idx, &opts));
	cr_assert_eq(st.nr, sizeof(cases) / sizeof(*cases));
	for (i = 0; i < st.nr; i++) {
		char code[3] = { st.items[i].index, st.items[i].worktree, 0 };

		cr_assert_str_eq(code, cases[i].code, "stages %s", cases[i].stages);
		cr_assert_str_eq(status_unmerged_label(&st.items[i]), cases[i].label);
	}
	cr_assert_eq(status_count_staged(&st), st.nr);
	cr_assert_eq(status_has_unstaged(&st), 0);
	status_release(&st);
	index_release(&idx);
	repo_free(repo);
	free(blob);
}

Test(status, detached_head_named_after_the_last_checkout)
{
	struct strbuf name = STRBUF_INIT;
	struct repo *repo = NULL;
	struct oid head;
	int at = -1;

	committed_fixture();
	assert_ok(repo_open(&repo, "."));
	assert_ok(refs_resolve(&head, repo, "HEAD"));
	/* no checkout in the reflog yet */
	cr_assert_eq(status_detached_from(&name, &at, repo, &head), 1);
	repo_free(repo);

	git("tag v1");
	git("checkout -q v1");
	assert_ok(repo_open(&repo, "."));
	assert_ok(refs_resolve(&head, repo, "HEAD"));
	cr_assert_eq(status_detached_from(&name, &at, repo, &head), 0);
	cr_assert_str_eq(name.buf, "v1");
	cr_assert_eq(at, 1);
	repo_free(repo);

	git("commit -q --allow-empty -m moved");
	strbuf_reset(&name);
	assert_ok(repo_open(&repo, "."));
	assert_ok(refs_resolve(&head, repo, "HEAD"));
	cr_assert_eq(status_detached_from(&name, &at, repo, &head), 0);
	cr_assert_str_eq(name.buf, "v1");
	cr_assert_eq(at, 0);
	repo_free(repo);

	/* the tag moved away: the id it had then is shown */
	git("tag -f v1 HEAD >/dev/null 2>&1");
	strbuf_reset(&name);
	assert_ok(repo_open(&repo, "."));
	assert_ok(refs_resolve(&head, repo, "HEAD"));
	cr_assert_eq(status_detached_from(&name, &at, repo, &head), 0);
	cr_assert_eq(name.len, 7, "%s", name.buf);
	repo_free(repo);
	strbuf_release(&name);
}

/* Renames with edits: git's 50% line, and equal scores resolved as git does. */
Test(status, similar_renames_as_git_pairs_them)
{
	static const char *const steps[] = {
		"seq 1 40 >s && seq 1 40 >t && printf 'x\\n' >u && seq 1 9 >v && git add . && git commit -q -m s",
		"git mv s s2 && echo 41 >>s2 && git add s2",			/* well above 50% */
		"git mv u u2 && echo y >>u2 && git add u2",			/* exactly 50% */
		"git mv v v2 && seq 5 20 >v2 && git add v2",			/* below */
		"git mv t t2 && echo 42 >>t2 && git add t2",			/* a tie with s */
		"ln -s s2 l && git add l && git commit -q -m l && git mv l l2",	/* links rename exactly */
		/* a file that keeps its name in another directory wins from 75% up */
		"git commit -q -m all && mkdir a b && (seq 1 16; printf 'f1\\nf2\\nf3\\nf4\\n') >a/f && "
		"seq 1 19 >a/x && git add a && git commit -q -m a && git rm -q a/f a/x && "
		"(seq 1 19; echo 99) >b/f && git add b",
	};
	size_t i;

	git("init -q .");
	for (i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		sh("%s", steps[i]);
		assert_like_git("", STATUS_UNTRACKED_NORMAL, 0);
		assert_like_git("--no-renames", STATUS_UNTRACKED_NORMAL, 0);
	}
}

/* branch.<name>.remote/merge through the fetch refspec: which ref, and how far. */
Test(status, upstream_through_the_fetch_refspec)
{
	static const struct {
		const char *fetch, *name;	/* name NULL: no upstream */
		int gone;
	} cases[] = {
		{ "+refs/heads/*:refs/remotes/origin/*", "origin/master", 0 },
		{ "refs/heads/*:refs/remotes/o/x/*", "o/x/master", 1 },
		{ "refs/heads/master:refs/remotes/origin/m", "origin/m", 1 },
		{ "refs/heads/other:refs/remotes/origin/other", NULL, 0 },
		{ "refs/tags/*:refs/remotes/origin/*", NULL, 0 },
		{ "no-colon", NULL, 0 },
	};
	struct repo *repo = NULL;
	struct oid head;
	size_t i;

	committed_fixture();
	git("commit -q --allow-empty -m two");
	git("update-ref refs/remotes/origin/master HEAD~1");
	git("config branch.master.remote origin");
	git("config branch.master.merge refs/heads/master");
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct status_upstream up = STATUS_UPSTREAM_INIT;

		git("config remote.origin.fetch '%s'", cases[i].fetch);
		assert_ok(repo_open(&repo, "."));
		assert_ok(refs_resolve(&head, repo, "HEAD"));
		assert_ok(status_upstream(&up, repo, "refs/heads/master", &head));
		if (!cases[i].name) {
			cr_assert_null(up.name, "%s", cases[i].fetch);
		} else {
			cr_assert_str_eq(up.name, cases[i].name);
			cr_assert_eq(up.gone, cases[i].gone, "%s", cases[i].fetch);
			cr_assert_eq(up.ahead, cases[i].gone ? 0u : 1u);
			cr_assert_eq(up.behind, 0u);
		}
		status_upstream_release(&up);
		repo_free(repo);
	}
}

/* A base that is not a commit, or not there: an error naming it, no crash. */
Test(status, bad_base_commit_is_an_error)
{
	struct status st = STATUS_INIT;
	struct status_options opts = { 0 };
	struct index idx = INDEX_INIT;
	struct repo *repo = NULL;
	struct oid blob, missing;
	char *hex;

	committed_fixture();
	hex = git_output("rev-parse HEAD:a");
	assert_ok(oid_from_hex(&blob, hex));
	assert_ok(oid_from_hex(&missing, "0123456789012345678901234567890123456789"));
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	opts.untracked = STATUS_UNTRACKED_NO;
	opts.base = &blob;
	cr_assert_lt(status_collect(&st, repo, &idx, &opts), 0);
	cr_assert(strstr(ug_error_last(), "not a commit"), "%s", ug_error_last());
	status_release(&st);
	opts.base = &missing;
	cr_assert_lt(status_collect(&st, repo, &idx, &opts), 0);
	status_release(&st);
	index_release(&idx);
	repo_free(repo);
	free(hex);
}
