/* Unit tests: revwalk - git's log order, ranges, simplification, merge bases; git as the oracle. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/revwalk.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

TestSuite(revwalk, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

/*
 * Walk as `git log <spec>` would: words "^A", "A", "-n<N>", "--skip=<N>",
 * "--first-parent", "--reverse", and after "--" paths.  Returns the ids,
 * one per line (caller frees).
 */
static char *walk(struct repo *repo, const char *spec)
{
	struct revwalk_options opts = REVWALK_OPTIONS_INIT;
	struct strbuf out = STRBUF_INIT;
	const char *paths[8];
	char *copy = xstrdup(spec), *word, *save = NULL;
	struct revwalk_commit *c;
	struct revwalk *w = revwalk_new(repo, &opts);
	int in_paths = 0, res;

	for (word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		struct oid oid;

		if (in_paths) {
			cr_assert_lt(opts.paths_nr, ARRAY_SIZE(paths));
			/* the walk takes paths from the top: "" is all of it */
			paths[opts.paths_nr++] = strcmp(word, ".") ? word : "";
			opts.paths = paths;
		} else if (!strcmp(word, "--")) {
			in_paths = 1;
		} else if (!strncmp(word, "-n", 2)) {
			opts.max_count = atol(word + 2);
		} else if (!strncmp(word, "--skip=", 7)) {
			opts.skip = atol(word + 7);
		} else if (!strcmp(word, "--first-parent")) {
			opts.first_parent = 1;
		} else if (!strcmp(word, "--reverse")) {
			opts.reverse = 1;
		} else {
			int neg = *word == '^';

			assert_ok(revparse_single(&oid, repo, word + neg));
			assert_ok(revwalk_push(w, &oid, neg));
		}
	}
	revwalk_set_options(w, &opts);
	while ((res = revwalk_next(&c, w)) > 0) {
		char hex[UG_OID_HEXSZ + 1];

		if (out.len)
			strbuf_addch(&out, '\n');
		strbuf_addstr(&out, oid_to_hex(hex, &c->oid));
	}
	cr_assert_eq(res, 0, "%s", ug_error_last());
	revwalk_free(w);
	free(copy);
	return strbuf_detach(&out, NULL);
}

static void expect_like_git(struct repo *repo, const char *spec)
{
	char *want = git_output("log --format=%%H %s", spec);
	char *got = walk(repo, spec);

	cr_expect_str_eq(got, want, "git log %s", spec);
	free(want);
	free(got);
}

static struct repo *open_repo(void)
{
	struct repo *repo = NULL;

	assert_ok(repo_discover(&repo));
	return repo;
}

static void dated_commit(int t, const char *msg)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "GIT_COMMITTER_DATE='%d +0000' git commit -q "
		 "--allow-empty -m %s", 1112900000 + t, msg);
	cr_assert_eq(system(cmd), 0, "%s", cmd);
}

/* Every commit has the same date: only the order of queueing decides. */
Test(revwalk, equal_dates_follow_queue_order)
{
	static const char *const specs[] = {
		"master", "side", "master side", "side master", "master ^side",
		"side ^master", "master -n3", "master --skip=2 -n2", "--reverse master",
		"--first-parent master", "master ^side~1 side", "--reverse -n2 master",
	};
	struct repo *repo;
	size_t i;

	git("init -q . && git commit -q --allow-empty -m root");
	git("checkout -q -b side && git commit -q --allow-empty -m s1 && git commit -q --allow-empty -m s2");
	git("checkout -q master && git commit -q --allow-empty -m m1");
	git("merge -q --no-ff -m merge side && git commit -q --allow-empty -m m2");
	git("checkout -q side && git commit -q --allow-empty -m s3 && git checkout -q master");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(specs); i++)
		expect_like_git(repo, specs[i]);
	repo_free(repo);
}

/* Clocks that run backwards: git's slop decides how far the walk goes. */
Test(revwalk, clock_skew_like_git)
{
	static const char *const specs[] = {
		"master", "side", "side ^master", "master ^side", "master side",
		"old ^master", "master ^old", "master ^old~4", "--first-parent master",
		"side master ^old~2",
	};
	struct repo *repo;
	size_t i;

	git("init -q .");
	dated_commit(1000, "c1");
	dated_commit(2000, "c2");
	git("branch side && git branch old");
	dated_commit(500, "c3-behind");
	dated_commit(3000, "c4");
	git("checkout -q side");
	dated_commit(4000, "s1");
	dated_commit(100, "s2-behind");
	git("checkout -q old");
	for (i = 1; i <= 8; i++)
		dated_commit(9000 + (int)i, "old");
	git("checkout -q master && GIT_COMMITTER_DATE='1112907000 +0000' git merge -q --no-ff -m m old");
	dated_commit(6500, "after-merge");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(specs); i++)
		expect_like_git(repo, specs[i]);
	repo_free(repo);
}

/* Paths: TREESAME commits are hidden, a merge TREESAME to a parent follows it alone. */
Test(revwalk, path_simplification_like_git)
{
	static const char *const specs[] = {
		"master -- a", "master -- b", "master -- d", "master -- d/x",
		"master -- a b", "master -- nope", "master -- .", "side -- a",
		"master ^side -- a", "--first-parent master -- b", "master -n1 -- b",
	};
	struct repo *repo;
	size_t i;

	git("init -q . && echo 1 >a && git add a && git commit -q -m a1");
	git("checkout -q -b side && echo 1 >b && git add b && git commit -q -m b1");
	cr_assert_eq(system("mkdir d && echo x >d/x"), 0);
	git("add d && git commit -q -m d1");
	git("checkout -q master && echo 2 >a && git commit -q -am a2");
	git("merge -q --no-ff -m merge side && git commit -q --allow-empty -m empty");
	cr_assert_eq(system("echo 3 >a"), 0);
	git("commit -q -am a3 && git checkout -q side");
	cr_assert_eq(system("echo 2 >b"), 0);
	git("commit -q -am b2 && git checkout -q master && git merge -q --no-ff -m merge2 side");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(specs); i++)
		expect_like_git(repo, specs[i]);
	repo_free(repo);
}

Test(revwalk, merge_bases_like_git)
{
	static const char *const pairs[][2] = {
		{ "master", "side" }, { "side", "master" }, { "master", "master" },
		{ "master", "master~1" }, { "side~1", "master~2" }, { "cross1", "cross2" },
	};
	struct repo *repo;
	size_t i, j;

	git("init -q . && git commit -q --allow-empty -m root");
	git("checkout -q -b side && git commit -q --allow-empty -m s1");
	git("checkout -q master && git commit -q --allow-empty -m m1");
	git("merge -q --no-ff -m merge side && git checkout -q side && "
	    "git commit -q --allow-empty -m s2 && git checkout -q master");
	/* criss-cross: two best bases */
	git("checkout -q -b cross1 master~1 && git checkout -q -b cross2 side~0");
	git("checkout -q cross1 && git merge -q --no-ff -m x1 side && "
	    "git checkout -q cross2 && git merge -q --no-ff -m x2 master~1 && git checkout -q master");
	repo = open_repo();
	for (i = 0; i < ARRAY_SIZE(pairs); i++) {
		struct revwalk_options opts = REVWALK_OPTIONS_INIT;
		struct revwalk *w = revwalk_new(repo, &opts);
		struct strbuf got = STRBUF_INIT;
		struct oid a, b, *bases = NULL;
		size_t nr = 0;
		char *want = git_output("merge-base --all %s %s | sort", pairs[i][0], pairs[i][1]);
		char *sorted;

		assert_ok(revparse_single(&a, repo, pairs[i][0]));
		assert_ok(revparse_single(&b, repo, pairs[i][1]));
		assert_ok(revwalk_merge_bases(&bases, &nr, w, &a, &b));
		for (j = 0; j < nr; j++) {
			char hex[UG_OID_HEXSZ + 1];

			strbuf_addf(&got, "%s\n", oid_to_hex(hex, &bases[j]));
		}
		write_file("got", got.buf, got.len);
		sorted = git_output("version >/dev/null && sort got");
		cr_expect_str_eq(sorted, want, "merge-base %s %s", pairs[i][0], pairs[i][1]);
		free(sorted);
		free(want);
		free(bases);
		strbuf_release(&got);
		revwalk_free(w);
	}
	repo_free(repo);
}

/* Errors: a tree is no start point; a missing commit stops the walk. */
Test(revwalk, bad_start_points)
{
	struct revwalk_options opts = REVWALK_OPTIONS_INIT;
	struct repo *repo;
	struct revwalk *w;
	struct oid oid;

	git("init -q . && git commit -q --allow-empty -m one");
	repo = open_repo();
	w = revwalk_new(repo, &opts);
	assert_ok(revparse_single(&oid, repo, "HEAD^{tree}"));
	cr_expect_eq(revwalk_push(w, &oid, 0), UG_EINVALID);
	cr_expect(strstr(ug_error_last(), "is a tree, not a commit") != NULL, "%s", ug_error_last());
	oid_from_hex(&oid, "1234567890123456789012345678901234567890");
	cr_expect_eq(revwalk_push(w, &oid, 0), UG_ENOTFOUND);
	revwalk_free(w);
	repo_free(repo);
}

/* A parent that is missing: revwalk_next() fails rather than stopping quietly. */
Test(revwalk, missing_parent_is_an_error)
{
	struct revwalk_options opts = REVWALK_OPTIONS_INIT;
	struct revwalk_commit *c;
	struct repo *repo;
	struct revwalk *w;
	struct oid oid;
	char *parent, path[128];

	git("init -q . && git commit -q --allow-empty -m one && git commit -q --allow-empty -m two");
	parent = git_output("rev-parse HEAD~1");
	snprintf(path, sizeof(path), ".git/objects/%.2s/%s", parent, parent + 2);
	cr_assert_eq(unlink(path), 0);
	repo = open_repo();
	w = revwalk_new(repo, &opts);
	assert_ok(revparse_single(&oid, repo, "HEAD"));
	assert_ok(revwalk_push(w, &oid, 0));
	cr_expect_eq(revwalk_next(&c, w), UG_ENOTFOUND);
	revwalk_free(w);
	repo_free(repo);
	free(parent);
}
