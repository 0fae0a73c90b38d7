/* Unit tests: pretty - log formats, placeholders, decorations; git as the oracle. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/commit.h"
#include "ugit/error.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/pretty.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/strbuf.h"

TestSuite(pretty, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

/* A merge with a message that has a subject of two lines, tabs and trailing blanks. */
static struct repo *make_repo(void)
{
	struct repo *repo = NULL;

	git("init -q . && git commit -q --allow-empty -m root");
	git("checkout -q -b side && git commit -q --allow-empty -m side");
	git("checkout -q master && git commit -q --allow-empty -m main");
	write_file("msg", "subject one\nsubject two\n\n\tbody\twith tabs   \n\nlast\n", 50);
	git("merge -q --no-ff -F msg side && git tag -a -m t v1 && git tag light HEAD~1");
	assert_ok(repo_discover(&repo));
	return repo;
}

/* Format HEAD (or `rev`) with `opts` into a new string (caller frees). */
static char *format_rev(struct repo *repo, const struct pretty_options *opts,
			const char *rev)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct commit c = COMMIT_INIT;
	struct strbuf out = STRBUF_INIT;
	struct oid oid;

	assert_ok(revparse_single(&oid, repo, rev));
	assert_ok(odb_read(&obj, repo->odb, &oid));
	assert_ok(commit_parse(&c, obj.data.buf, obj.data.len));
	assert_ok(pretty_format_commit(&out, repo, opts, &oid, &c));
	commit_release(&c);
	odb_object_release(&obj);
	return strbuf_detach(&out, NULL);
}

Test(pretty, placeholders_like_git)
{
	static const char *const formats[] = {
		"%H", "%h", "%T", "%t", "%P", "%p", "%an <%ae>", "%ad", "%at", "%ai",
		"%aI", "%aD", "%as", "%cn %ce", "%cd|%ct|%ci|%cI|%cD|%cs", "%s", "%b",
		"%B", "a%nb", "100%%", "%x41%x00z", "%q %a %ax %xZ1 %", "%d", "%D",
		"[%s] [%b]", "",
	};
	struct repo *repo = make_repo();
	struct pretty_decorations *d = NULL;
	size_t i;

	assert_ok(pretty_decorations_load(&d, repo, 0));
	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		struct pretty_options opts = PRETTY_OPTIONS_INIT;
		char *want, *got, arg[64];

		snprintf(arg, sizeof(arg), "format:%s", formats[i]);
		assert_ok(pretty_parse_format(&opts, arg));
		cr_assert_eq(opts.use_terminator, 0);
		opts.decorations = d;
		got = format_rev(repo, &opts, "HEAD");
		/* printf: git_output() trims, so compare the bytes through a file */
		git("log -1 --decorate --format='format:%s' >want", formats[i]);
		want = read_file("want", NULL);
		cr_expect_str_eq(got, want, "format '%s'", formats[i]);
		free(want);
		free(got);
	}
	pretty_decorations_free(d);
	repo_free(repo);
}

Test(pretty, builtin_formats_like_git)
{
	static const char *const names[] = { "medium", "oneline", "short", "full", "fuller", "raw" };
	struct repo *repo = make_repo();
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		for (j = 0; j < 2; j++) {
			struct pretty_options opts = PRETTY_OPTIONS_INIT;
			char *got, *want;
			struct strbuf sb = STRBUF_INIT;

			assert_ok(pretty_parse_format(&opts, names[i]));
			opts.abbrev_commit = (int)j;
			got = format_rev(repo, &opts, "HEAD");
			strbuf_addstr(&sb, got);
			if (opts.use_terminator)
				strbuf_addch(&sb, '\n');
			git("log -1 --format=%s %s >want", names[i], j ? "--abbrev-commit" : "");
			want = read_file("want", NULL);
			cr_expect_str_eq(sb.buf, want, "--format=%s (abbrev %zu)", names[i], j);
			free(want);
			free(got);
			strbuf_release(&sb);
		}
	}
	repo_free(repo);
}

Test(pretty, format_names)
{
	static const struct {
		const char *arg;
		enum pretty_format fmt;
		int terminator;
	} good[] = {
		{ "oneline", PRETTY_ONELINE, 1 }, { "medium", PRETTY_MEDIUM, 0 },
		{ "", PRETTY_MEDIUM, 0 }, { "fuller", PRETTY_FULLER, 0 },
		{ "format:%h", PRETTY_USER, 0 }, { "tformat:%h", PRETTY_USER, 1 },
		{ "%h %s", PRETTY_USER, 1 }, { "format:", PRETTY_USER, 0 },
	};
	static const char *const bad[] = { "nope", "Oneline", "format", "h" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		struct pretty_options opts = PRETTY_OPTIONS_INIT;

		assert_ok(pretty_parse_format(&opts, good[i].arg));
		cr_expect_eq(opts.fmt, good[i].fmt, "%s", good[i].arg);
		cr_expect_eq(opts.use_terminator, good[i].terminator, "%s", good[i].arg);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct pretty_options opts = PRETTY_OPTIONS_INIT;
		char msg[64];

		cr_expect_eq(pretty_parse_format(&opts, bad[i]), UG_EINVALID, "%s", bad[i]);
		snprintf(msg, sizeof(msg), "invalid --pretty format: %s", bad[i]);
		cr_expect_str_eq(ug_error_last(), msg);
	}
}

Test(pretty, decorations_in_git_order)
{
	struct repo *repo = make_repo();
	struct pretty_decorations *d = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct oid oid;

	git("branch zz && git branch aa && git update-ref refs/remotes/origin/x HEAD");
	git("update-ref refs/notes/n HEAD && git update-ref refs/stash HEAD");
	assert_ok(pretty_decorations_load(&d, repo, 0));
	assert_ok(revparse_single(&oid, repo, "HEAD"));
	pretty_add_decorations(&sb, d, &oid, "(", ")");
	cr_expect_str_eq(sb.buf, "(HEAD -> master, tag: v1, refs/stash, origin/x, zz, aa)");
	strbuf_reset(&sb);
	assert_ok(revparse_single(&oid, repo, "HEAD~1"));
	pretty_add_decorations(&sb, d, &oid, "(", ")");
	cr_expect_str_eq(sb.buf, "(tag: light)");
	strbuf_reset(&sb);
	assert_ok(revparse_single(&oid, repo, "HEAD~2"));
	pretty_add_decorations(&sb, d, &oid, "(", ")");
	cr_expect_str_eq(sb.buf, "", "no decorations: nothing at all");
	pretty_decorations_free(d);
	assert_ok(pretty_decorations_load(&d, repo, 1));
	strbuf_reset(&sb);
	assert_ok(revparse_single(&oid, repo, "light"));
	pretty_add_decorations(&sb, d, &oid, "", "");
	cr_expect_str_eq(sb.buf, "tag: refs/tags/light");
	pretty_decorations_free(d);
	strbuf_release(&sb);
	repo_free(repo);
}
