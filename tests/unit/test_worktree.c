/* Unit tests: worktree - the walk's classification and staging, with git building the fixtures. */
#include "helpers.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/fs.h"
#include "ugit/ignore.h"
#include "ugit/index.h"
#include "ugit/oid.h"
#include "ugit/pathspec.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/worktree.h"
#include "ugit/xalloc.h"

static void worktree_sandbox_init(void)
{
	sandbox_init();
	setenv("HOME", sandbox_path(), 1);
	unsetenv("XDG_CONFIG_HOME");
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_INDEX_FILE");
}

TestSuite(worktree, .init = worktree_sandbox_init, .fini = sandbox_fini);

/*
 *   tracked     t, d/t
 *   untracked   u, d/u, new/x, new/y/z
 *   ignored     i.o, build/b (build/ ignored)
 *   skipped     .GIT/x (any case of .git), inner/ (another repository)
 */
static void make_fixture(void)
{
	git("init -q .");
	assert_ok(fs_mkdir_p("d", 0777));
	assert_ok(fs_mkdir_p("new/y", 0777));
	assert_ok(fs_mkdir_p("build", 0777));
	assert_ok(fs_mkdir_p(".GIT", 0777));
	write_file(".gitignore", "*.o\nbuild/\n", 11);
	write_file("t", "t\n", 2);
	write_file("d/t", "t\n", 2);
	git("add .gitignore t d/t");
	write_file("u", "u\n", 2);
	write_file("d/u", "u\n", 2);
	write_file("new/x", "x\n", 2);
	write_file("new/y/z", "z\n", 2);
	write_file("i.o", "i\n", 2);
	write_file("build/b", "b\n", 2);
	write_file(".GIT/x", "x\n", 2);
	git("init -q inner");
}

static char *listing(const struct worktree_list *l)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < l->nr; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", l->items[i].path);
	return strbuf_detach(&sb, NULL);
}

static char *walk(struct repo *repo, struct index *idx, int use_ignore,
		  unsigned flags, char **args, size_t nr)
{
	struct worktree_list out = WORKTREE_LIST_INIT;
	struct pathspec ps = PATHSPEC_INIT;
	struct worktree_walk w = { 0 };
	struct ignore *ig = NULL;
	char *s;

	if (use_ignore)
		assert_ok(ignore_open(&ig, repo));
	assert_ok(pathspec_parse(&ps, repo, args, nr));
	w.repo = repo;
	w.idx = idx;
	w.ps = &ps;
	w.ig = ig;
	w.flags = flags;
	assert_ok(worktree_untracked(&out, &w));
	s = listing(&out);
	worktree_list_release(&out);
	pathspec_release(&ps);
	ignore_free(ig);
	return s;
}

Test(worktree, walk_classifies)
{
	struct index idx = INDEX_INIT;
	struct repo *repo;
	char *s, *sub[] = { "new" }, *glob[] = { "*z" };

	make_fixture();
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	s = walk(repo, &idx, 1, 0, NULL, 0);
	cr_expect_str_eq(s, "d/u inner/ new/x new/y/z u");
	free(s);
	s = walk(repo, &idx, 0, 0, NULL, 0);
	cr_expect_str_eq(s, "build/b d/u i.o inner/ new/x new/y/z u");
	free(s);
	s = walk(repo, &idx, 1, WT_WALK_IGNORED, NULL, 0);
	cr_expect_str_eq(s, "build/b i.o");
	free(s);
	s = walk(repo, &idx, 1, WT_WALK_DIRECTORY, NULL, 0);
	cr_expect_str_eq(s, "d/u inner/ new/ u");
	free(s);
	s = walk(repo, &idx, 1, 0, sub, 1);
	cr_expect_str_eq(s, "new/x new/y/z");
	free(s);
	s = walk(repo, &idx, 1, 0, glob, 1);
	cr_expect_str_eq(s, "new/y/z");
	free(s);
	index_release(&idx);
	repo_free(repo);
}

Test(worktree, add_and_status)
{
	struct index idx = INDEX_INIT;
	struct repo *repo;
	struct stat st;
	struct index_entry *ce;
	char *hex, buf[UG_OID_HEXSZ + 1];
	int topfd;

	make_fixture();
	write_file("run", "#!/bin/sh\n", 10);
	cr_assert_eq(chmod("run", 0755), 0);
	cr_assert_eq(symlink("t", "link"), 0);
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	topfd = worktree_open_top(repo);
	cr_assert(topfd >= 0);

	cr_assert_eq(lstat("run", &st), 0);
	assert_ok(worktree_add_path(&idx, repo, "run", &st));
	cr_assert_eq(lstat("link", &st), 0);
	assert_ok(worktree_add_path(&idx, repo, "link", &st));
	ce = index_get(&idx, "run", 0);
	cr_assert_not_null(ce);
	cr_expect_eq(ce->mode, 0100755);
	ce = index_get(&idx, "link", 0);
	cr_assert_not_null(ce);
	cr_expect_eq(ce->mode, 0120000);
	/* a link's blob is its target's name, "t", as git stores it */
	write_file(".target", "t", 1);
	hex = git_output("hash-object .target");
	cr_expect_str_eq(oid_to_hex(buf, &ce->oid), hex);
	free(hex);

	/* an inner repository without a commit cannot become a gitlink */
	cr_assert_eq(lstat("inner", &st), 0);
	cr_expect_eq(worktree_add_path(&idx, repo, "inner/", &st), UG_ENOTFOUND);
	cr_expect_str_eq(ug_error_last(), "'inner/' does not have a commit checked out");

	ce = index_get(&idx, "t", 0);
	cr_assert_not_null(ce);
	cr_expect_eq(worktree_entry_status(&st, topfd, &idx, ce), WT_UNCHANGED);
	write_file("t", "changed\n", 8);
	cr_expect_eq(worktree_entry_status(&st, topfd, &idx, ce), WT_MODIFIED);
	cr_assert_eq(unlink("t"), 0);
	cr_expect_eq(worktree_entry_status(&st, topfd, &idx, ce), WT_DELETED);
	assert_ok(fs_mkdir_p("t", 0777));	/* a directory where the file was */
	cr_expect_eq(worktree_entry_status(&st, topfd, &idx, ce), WT_DELETED);
	close(topfd);
	index_release(&idx);
	repo_free(repo);
}

/*
 * worktree_status_all() on an index big enough for several threads,
 * with and without work for the calling thread meanwhile: every entry
 * gets its own status, whichever thread took its chunk.
 */
static int meanwhile_ran(void *payload)
{
	*(int *)payload = 1;
	return 0;
}

Test(worktree, status_all_on_many_entries_with_threads)
{
	enum { N = 3000 };
	struct repo *repo = NULL;
	struct index idx = INDEX_INIT;
	struct stat *sts = xcalloc(N, sizeof(*sts));
	int *status = xcalloc(N, sizeof(*status));
	char name[32];
	int round, i, ran, topfd;

	git("init -q .");
	assert_ok(fs_mkdir_p("d", 0777));
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "d/f%04d", i);
		write_file(name, name, strlen(name));
	}
	git("add d && git update-index --refresh -q");
	/* every 7th modified (a longer content), every 11th deleted */
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "d/f%04d", i);
		if (i % 11 == 0)
			cr_assert_eq(unlink(name), 0);
		else if (i % 7 == 0)
			write_file(name, "changed content", 15);
	}
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	cr_assert_eq(idx.nr, N);
	topfd = worktree_open_top(repo);
	cr_assert_geq(topfd, 0);
	for (round = 0; round < 2; round++) {
		ran = 0;
		memset(status, 0xff, N * sizeof(*status));
		assert_ok(worktree_status_all(status, sts, topfd, &idx, NULL, NULL,
					      round ? meanwhile_ran : NULL, &ran));
		cr_assert_eq(ran, round, "meanwhile runs when given");
		for (i = 0; i < N; i++) {
			int want = i % 11 == 0 ? WT_DELETED : i % 7 == 0 ? WT_MODIFIED : WT_UNCHANGED;

			cr_assert_eq(status[i], want, "round %d, %s: %d", round,
				     idx.entries[i]->name, status[i]);
			if (want == WT_UNCHANGED)
				cr_assert_eq((uint32_t)sts[i].st_size, idx.entries[i]->st.size);
		}
	}
	close(topfd);
	free(sts);
	free(status);
	index_release(&idx);
	repo_free(repo);
}
