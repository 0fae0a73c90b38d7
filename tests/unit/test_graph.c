/* Unit tests: graph - the nodes and edges `k` draws; git as the oracle. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/graph.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"

TestSuite(graph, .init = sandbox_init, .fini = sandbox_fini);

static struct repo *open_repo(void)
{
	struct repo *repo = NULL;

	assert_ok(repo_discover(&repo));
	return repo;
}

/* One line per node: "<kind> <name> [<label>] -> <to>,<to>". */
static char *describe(const struct graph *g)
{
	static const char *const kinds[] = { "ref", "unborn", "tag", "object", "commit" };
	struct strbuf out = STRBUF_INIT;
	size_t i, j;

	for (i = 0; i < g->nr; i++) {
		const struct graph_node *n = &g->nodes[i];

		strbuf_addf(&out, "%s%s %s", i ? "\n" : "", kinds[n->kind], n->name);
		if (n->label)
			strbuf_addf(&out, " [%s] %s", n->label, n->abbrev);
		for (j = 0; j < n->to_nr; j++)
			strbuf_addf(&out, "%s%s", j ? "," : " -> ", n->to[j]);
	}
	return strbuf_detach(&out, NULL);
}

/* The same description, made by the real git alone ("git " comes first). */
static const char expect_script[] =
	"--version >/dev/null && { if h=$(git symbolic-ref -q HEAD); then echo \"ref HEAD -> $h\"; "
	"  else echo \"ref HEAD -> $(git rev-parse HEAD)\"; fi; "
	"  git for-each-ref --format='ref %(refname) -> %(objectname)'; "
	"  git for-each-ref --format='%(objectname)' refs/tags/t2 refs/tags/t1 | while read t; do "
	"    echo \"tag $t [$(git cat-file tag $t | sed -n 's/^tag //p')] "
	"$(git rev-parse --short $t) -> $(git cat-file tag $t | sed -n 's/^object //p')\"; done; "
	"  git rev-list --all --parents | sort | while read c p; do "
	"    printf 'commit %s [%s' $c \"$(git log -1 --format='%s] %h' $c)\"; "
	"    [ -n \"$p\" ] && printf ' -> %s' $(echo $p | tr ' ' ,); echo; done; }";

Test(graph, refs_tags_and_commits_like_git)
{
	struct graph g = GRAPH_INIT;
	struct strbuf warnings = STRBUF_INIT;
	struct repo *repo;
	char *want, *got;

	git("init -q . && git commit -q --allow-empty -m root && git tag -a -m a t1");
	git("checkout -q -b side && git commit -q --allow-empty -m 'a \"side\"'");
	git("checkout -q master && git merge -q --no-ff -m merge side");
	git("-c advice.nestedTag=false tag -a -m b t2 t1 && git update-ref refs/remotes/o/x HEAD~1");
	want = git_output("%s", expect_script);
	/* after asking git: its rev-list --all refuses a broken ref */
	git("--version >/dev/null && echo junk >.git/refs/heads/zz");
	repo = open_repo();
	assert_ok(graph_build(&g, &warnings, repo));
	cr_expect_str_eq(warnings.buf, "warning: ignoring broken ref refs/heads/zz\n");
	got = describe(&g);
	cr_expect_str_eq(got, want);
	free(got);
	free(want);
	graph_release(&g);
	strbuf_release(&warnings);
	repo_free(repo);
}

Test(graph, unborn_and_detached_head)
{
	struct graph g = GRAPH_INIT;
	struct strbuf warnings = STRBUF_INIT;
	struct repo *repo;
	char *got;

	git("init -q . && git symbolic-ref HEAD refs/heads/new");
	repo = open_repo();
	assert_ok(graph_build(&g, &warnings, repo));
	got = describe(&g);
	cr_expect_str_eq(got, "ref HEAD -> refs/heads/new\nunborn refs/heads/new");
	free(got);
	graph_release(&g);
	repo_free(repo);

	git("commit -q --allow-empty -m one && git checkout -q --detach && git branch -D -q new");
	repo = open_repo();
	assert_ok(graph_build(&g, &warnings, repo));
	cr_assert_eq(g.nr, 2);
	cr_expect_str_eq(g.nodes[0].to[0], g.nodes[1].name);
	cr_expect_eq(g.nodes[1].kind, GRAPH_COMMIT);
	cr_expect_str_eq(g.nodes[1].label, "one");
	cr_expect_str_eq(warnings.buf, "");
	graph_release(&g);
	strbuf_release(&warnings);
	repo_free(repo);
}

Test(graph, missing_objects_are_errors)
{
	static const char *const setups[] = {
		/* a ref naming nothing */
		"--version >/dev/null && echo 1234567890123456789012345678901234567890 >.git/refs/heads/gone",
		/* a commit whose parent is gone */
		"commit -q --allow-empty -m two && rm .git/objects/$(git rev-parse HEAD~1 | sed 's|^..|&/|')",
	};
	struct graph g = GRAPH_INIT;
	struct strbuf warnings = STRBUF_INIT;
	struct repo *repo;
	size_t i;

	for (i = 0; i < sizeof(setups) / sizeof(*setups); i++) {
		git("--version >/dev/null && rm -rf .git && git init -q . && git commit -q --allow-empty -m one");
		git("%s", setups[i]);
		repo = open_repo();
		cr_expect_lt(graph_build(&g, &warnings, repo), 0, "%s", setups[i]);
		graph_release(&g);
		repo_free(repo);
	}
	cr_expect(strstr(ug_error_last(), "commit") || strstr(ug_error_last(), "object"),
		  "%s", ug_error_last());
	strbuf_release(&warnings);
}
