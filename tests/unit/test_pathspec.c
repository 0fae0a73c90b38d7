/* Unit tests: pathspecs - made relative to the top, matched as git matches them. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/fs.h"
#include "ugit/pathspec.h"
#include "ugit/repo.h"

TestSuite(pathspec, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

/* A repository whose work tree is /top and whose current directory is `prefix`. */
static struct repo fake_repo(const char *prefix)
{
	struct repo r;

	memset(&r, 0, sizeof(r));
	r.worktree = "/top";
	r.gitdir = "/top/.git";
	r.prefix = (char *)prefix;
	return r;
}

Test(pathspec, parse_table)
{
	static const struct {
		const char *prefix, *arg;
		const char *match;	/* NULL: an error */
		const char *error;
	} cases[] = {
		{ "", "a", "a", NULL },
		{ "", ".", "", NULL },
		{ "", "./a//b/", "a/b/", NULL },
		{ "", "a/./b", "a/b", NULL },
		{ "", "a/../b", "b", NULL },
		{ "", "a/..", "", NULL },
		{ "sub/", ".", "sub/", NULL },
		{ "sub/", "x", "sub/x", NULL },
		{ "sub/", "../x", "x", NULL },
		{ "sub/", "..", "", NULL },
		{ "sub/deep/", "../../x", "x", NULL },
		{ "", "/top/a", "a", NULL },
		{ "", "/top", "", NULL },
		{ "sub/", "*.c", "sub/*.c", NULL },
		{ "", "../x", NULL, "../x: '../x' is outside repository at '/top'" },
		{ "sub/", "../../x", NULL, "../../x: '../../x' is outside repository at '/top'" },
		{ "", "/topper", NULL, "/topper: '/topper' is outside repository at '/top'" },
		{ "", "/etc", NULL, "/etc: '/etc' is outside repository at '/top'" },
		{ "", "", NULL, "empty string is not a valid pathspec. please use . instead if you meant to match all paths" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct repo r = fake_repo(cases[i].prefix);
		struct pathspec ps = PATHSPEC_INIT;
		char *arg = (char *)cases[i].arg;
		int err = pathspec_parse(&ps, &r, &arg, 1);

		if (!cases[i].match) {
			cr_expect_eq(err, UG_EINVALID, "'%s' in '%s'", cases[i].arg, cases[i].prefix);
			cr_expect_str_eq(ug_error_last(), cases[i].error);
			cr_expect_eq(ps.nr, 0);
			continue;
		}
		cr_assert_eq(err, 0, "'%s' in '%s': %s", cases[i].arg, cases[i].prefix, ug_error_last());
		cr_expect_str_eq(ps.items[0].match, cases[i].match, "'%s' in '%s'",
				 cases[i].arg, cases[i].prefix);
		cr_expect_str_eq(ps.items[0].original, cases[i].arg);
		pathspec_release(&ps);
	}
}

Test(pathspec, match_table)
{
	static const struct {
		const char *item, *path;
		int kind;
	} cases[] = {
		{ "", "anything/at/all", PATHSPEC_RECURSIVE },
		{ "a", "a", PATHSPEC_EXACT },
		{ "a", "a/b", PATHSPEC_RECURSIVE },
		{ "a", "ab", PATHSPEC_NONE },
		{ "a/", "a/b", PATHSPEC_RECURSIVE },
		{ "a/", "a", PATHSPEC_NONE },	/* "dir/" is not the file "dir" */
		{ "a/b", "a", PATHSPEC_NONE },
		{ "*.c", "x.c", PATHSPEC_GLOB },
		{ "*.c", "sub/deep/x.c", PATHSPEC_GLOB },	/* "*" crosses "/" */
		{ "*.c", "x.h", PATHSPEC_NONE },
		{ "sub/*.c", "sub/a/b.c", PATHSPEC_GLOB },
		{ "sub/*.c", "other/b.c", PATHSPEC_NONE },
		{ "s?b", "sub", PATHSPEC_GLOB },
		{ "[ab]", "b", PATHSPEC_GLOB },
		{ "a*", "a*", PATHSPEC_EXACT },	/* a literal name wins */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct pathspec_item item;

		item.match = (char *)cases[i].item;
		item.original = item.match;
		item.len = strlen(item.match);
		item.nowildcard_len = strcspn(item.match, "*?[\\");
		cr_expect_eq(pathspec_item_match(&item, cases[i].path), cases[i].kind,
			     "'%s' vs '%s'", cases[i].item, cases[i].path);
	}
}

Test(pathspec, seen_and_reaches)
{
	struct repo r = fake_repo("");
	struct pathspec ps = PATHSPEC_INIT;
	char *args[] = { "a/b", "x*", "dir" };
	char seen[3] = { 0 };

	assert_ok(pathspec_parse(&ps, &r, args, 3));
	cr_expect_eq(pathspec_match(&ps, "a/b/c", seen), PATHSPEC_RECURSIVE);
	cr_expect_eq(pathspec_match(&ps, "q", seen), PATHSPEC_NONE);
	cr_expect(seen[0] && !seen[1] && !seen[2]);
	cr_expect_eq(pathspec_match(&ps, "x/y", seen), PATHSPEC_GLOB);
	cr_expect(seen[1]);
	cr_expect_eq(pathspec_match(NULL, "any", NULL), PATHSPEC_RECURSIVE);

	cr_expect(pathspec_reaches_dir(&ps, "a/", 2));
	cr_expect(pathspec_reaches_dir(&ps, "a/b/", 4));
	cr_expect(pathspec_reaches_dir(&ps, "a/b/c/", 6));
	cr_expect(!pathspec_reaches_dir(&ps, "a/c/", 4));
	cr_expect(pathspec_reaches_dir(&ps, "xyz/", 4));	/* the glob */
	cr_expect(pathspec_reaches_dir(&ps, "dir/", 4));
	cr_expect(!pathspec_reaches_dir(&ps, "dir2/", 5));	/* not a prefix at a "/" */
	cr_expect(!pathspec_reaches_dir(&ps, "q/", 2));
	cr_expect(pathspec_reaches_dir(NULL, "q/", 2));
	pathspec_release(&ps);
}

Test(pathspec, beyond_symlink)
{
	struct repo r = fake_repo("");
	struct pathspec ps = PATHSPEC_INIT;
	char *args[] = { "real/f", "missing/f", "link/f", "link" };

	assert_ok(fs_mkdir_p("real", 0777));
	cr_assert_eq(symlink("real", "link"), 0);
	r.worktree = (char *)sandbox_path();
	assert_ok(pathspec_parse(&ps, &r, args, 2));
	cr_expect_eq(pathspec_beyond_symlink(&ps, sandbox_path()), -1);
	pathspec_release(&ps);
	assert_ok(pathspec_parse(&ps, &r, args, 4));
	cr_expect_eq(pathspec_beyond_symlink(&ps, sandbox_path()), 2);
	pathspec_release(&ps);
	assert_ok(pathspec_parse(&ps, &r, args + 3, 1));
	cr_expect_eq(pathspec_beyond_symlink(&ps, sandbox_path()), -1);	/* the link itself */
	pathspec_release(&ps);
}
