/* Unit tests: gitignore rules and wildmatch, every row checked against git check-ignore. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/fs.h"
#include "ugit/ignore.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/wildmatch.h"

static void ignore_sandbox_init(void)
{
	sandbox_init();
	/* no user-wide excludes file may leak in */
	setenv("HOME", sandbox_path(), 1);
	unsetenv("XDG_CONFIG_HOME");
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_CONFIG_GLOBAL");
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
}

TestSuite(ignore, .init = ignore_sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

struct wm_case {
	const char *pattern, *text;
	int pathname;	/* WM_PATHNAME result */
	int plain;	/* result without WM_PATHNAME */
};

/* Rows from git's own wildmatch semantics (t3070 style). */
static const struct wm_case wm_cases[] = {
	{ "foo", "foo", 1, 1 },
	{ "foo", "bar", 0, 0 },
	{ "", "", 1, 1 },
	{ "???", "foo", 1, 1 },
	{ "??", "foo", 0, 0 },
	{ "*", "foo", 1, 1 },
	{ "f*", "foo", 1, 1 },
	{ "*f", "foo", 0, 0 },
	{ "*foo*", "foo", 1, 1 },
	{ "*ob*a*r*", "foobar", 1, 1 },
	{ "\\*", "*", 1, 1 },
	{ "\\*", "x", 0, 0 },
	{ "foo\\", "foo\\", 0, 0 },	/* a lone trailing backslash */
	{ "[abc]", "b", 1, 1 },
	{ "[!abc]", "b", 0, 0 },
	{ "[^abc]", "d", 1, 1 },
	{ "[a-c]x", "bx", 1, 1 },
	{ "[]]", "]", 1, 1 },
	{ "[!]]", "a", 1, 1 },
	{ "[a-]", "-", 1, 1 },
	{ "[[:digit:]]", "5", 1, 1 },
	{ "[[:digit:][:upper:]]", "Q", 1, 1 },
	{ "[[:nope:]]", "a", 0, 0 },
	{ "[\\]]", "]", 1, 1 },
	{ "[", "[", 0, 0 },
	{ "a/*", "a/b", 1, 1 },
	{ "a/*", "a/b/c", 0, 1 },
	{ "a*c", "a/c", 0, 1 },
	{ "a?c", "a/c", 0, 1 },
	{ "a[/]c", "a/c", 0, 1 },
	{ "**/foo", "foo", 1, 0 },	/* without WM_PATHNAME "**" is "*" */
	{ "**/foo", "a/b/foo", 1, 1 },
	{ "**/foo", "afoo", 0, 0 },
	{ "a/**", "a/b/c", 1, 1 },
	{ "a/**", "a", 0, 0 },
	{ "a/**/b", "a/b", 1, 0 },
	{ "a/**/b", "a/x/y/b", 1, 1 },
	{ "a/**/b", "a/xb", 0, 0 },
	{ "a**b", "a/x/b", 0, 1 },	/* not a whole component: a plain "*" */
	{ "a**b", "axxb", 1, 1 },
	{ "*/*/*", "a/b/c", 1, 1 },
	{ "*/*/*", "a/b", 0, 0 },
	{ "-*-*-*-*-*-*-12-*-*-*-m-*-*-*",
	  "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1", 1, 1 },
	{ "XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*",
	  "XXX/adobe/courier/bold/o/normal//12/120/75/75/X/70/iso8859/1", 0, 0 },
	{ "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0 },
};

Test(ignore, wildmatch_table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wm_cases); i++) {
		const struct wm_case *c = &wm_cases[i];

		cr_expect_eq(wildmatch(c->pattern, c->text, WM_PATHNAME), c->pathname,
			     "wildmatch('%s', '%s', WM_PATHNAME)", c->pattern, c->text);
		cr_expect_eq(wildmatch(c->pattern, c->text, 0), c->plain,
			     "wildmatch('%s', '%s', 0)", c->pattern, c->text);
	}
}

Test(ignore, parse_lines)
{
	static const char file[] =
		"\xef\xbb\xbf# comment\n"
		"\n"
		"   \n"
		"a.o  \n"
		"b\\ \n"
		"\\#c\n"
		"!d/\n"
		"/e/f\r\n"
		"\\!g";
	struct ignore_list list;

	ignore_list_init(&list, ".gitignore", "");
	ignore_list_parse(&list, file, sizeof(file) - 1);
	cr_assert_eq(list.nr, 6);
	cr_expect_str_eq(list.items[0].text, "a.o");
	cr_expect_eq(list.items[0].lineno, 4);
	cr_expect_eq(list.items[0].flags, IGNORE_BASENAME);
	cr_expect_str_eq(list.items[1].glob, "b\\ ");
	cr_expect_str_eq(list.items[2].glob, "\\#c");
	cr_expect_str_eq(list.items[3].text, "!d/");
	cr_expect_str_eq(list.items[3].glob, "d");
	cr_expect_eq(list.items[3].flags, IGNORE_NEGATIVE | IGNORE_DIR_ONLY | IGNORE_BASENAME);
	cr_expect_str_eq(list.items[4].text, "/e/f");
	cr_expect_str_eq(list.items[4].glob, "e/f");
	cr_expect_eq(list.items[4].flags, 0);
	cr_expect_eq(list.items[5].lineno, 9);
	cr_expect_str_eq(list.items[5].glob, "\\!g");
	ignore_list_release(&list);
}

struct ig_case {
	const char *gitignore;	/* the top-level .gitignore */
	const char *path;
	int is_dir;
	int ignored;		/* what git check-ignore said */
};

/* Every row was run through git 2.39 check-ignore; the test asks it again. */
static const struct ig_case ig_cases[] = {
	{ "*.o", "a.o", 0, 1 },
	{ "*.o", "sub/a.o", 0, 1 },
	{ "*.o", "a.oo", 0, 0 },
	{ "*.o", "dir.o", 1, 1 },
	{ "foo", "foo", 0, 1 },
	{ "foo", "a/foo", 0, 1 },
	{ "foo", "foo", 1, 1 },
	{ "foo/", "foo", 1, 1 },
	{ "foo/", "foo", 0, 0 },
	{ "foo/", "a/foo", 1, 1 },
	{ "foo/", "foo/x", 0, 1 },	/* inside an ignored directory */
	{ "/foo", "foo", 0, 1 },
	{ "/foo", "a/foo", 0, 0 },
	{ "a/foo", "a/foo", 0, 1 },
	{ "a/foo", "b/a/foo", 0, 0 },
	{ "a/*.c", "a/x.c", 0, 1 },
	{ "a/*.c", "a/b/x.c", 0, 0 },
	{ "**/foo", "foo", 0, 1 },
	{ "**/foo", "a/b/foo", 0, 1 },
	{ "**/foo/bar", "x/foo/bar", 0, 1 },
	{ "a/**", "a/b", 0, 1 },
	{ "a/**", "a/b/c", 0, 1 },
	{ "a/**", "a", 1, 0 },
	{ "a/**/b", "a/b", 0, 1 },
	{ "a/**/b", "a/x/y/b", 0, 1 },
	{ "a/**/b", "a/xb", 0, 0 },
	{ "x/a**b", "x/axyb", 0, 1 },
	{ "x/a**b", "x/ax/yb", 0, 0 },
	{ "x*", "x/y", 0, 1 },		/* the directory x matches */
	{ "?", "a", 0, 1 },
	{ "?", "ab", 0, 0 },
	{ "x/a?c", "x/a/c", 0, 0 },
	{ "[abc]", "b", 0, 1 },
	{ "[abc]", "d", 0, 0 },
	{ "[!abc]", "d", 0, 1 },
	{ "[^abc]", "a", 0, 0 },
	{ "[a-c]x", "bx", 0, 1 },
	{ "[[:digit:]]", "7", 0, 1 },
	{ "[[:digit:]]", "x", 0, 0 },
	{ "[]]", "]", 0, 1 },
	{ "#a", "#a", 0, 0 },
	{ "\\#a", "#a", 0, 1 },
	{ "!a", "a", 0, 0 },
	{ "\\!a", "!a", 0, 1 },
	{ "a\\ ", "a ", 0, 1 },
	{ "a  ", "a", 0, 1 },
	{ "a  ", "a ", 0, 0 },
	{ "\\*", "*", 0, 1 },
	{ "\\*", "x", 0, 0 },
	{ "*", "anything", 0, 1 },
	{ "a/b/", "a/b", 1, 1 },
	{ "a/b/", "a/b", 0, 0 },
	{ "doc/*.txt", "doc/a.txt", 0, 1 },
	{ "doc/*.txt", "doc/x/a.txt", 0, 0 },
	{ "doc/**/*.txt", "doc/x/a.txt", 0, 1 },
	{ "*.o\n!keep.o", "keep.o", 0, 0 },
	{ "*.o\n!keep.o", "a.o", 0, 1 },
	{ "!keep.o\n*.o", "keep.o", 0, 1 },
	{ "build/\n!build/keep", "build/keep", 0, 1 },	/* cannot re-include */
	{ "build/*\n!build/keep", "build/keep", 0, 0 },
	{ "build\n!build/keep", "build/keep", 0, 1 },
	{ "*\n!*/\n!*.c", "src/a.c", 0, 0 },
	{ "*\n!*/\n!*.c", "src/a.h", 0, 1 },
	{ "foo\r", "foo", 0, 1 },
	{ "/", "x", 0, 0 },
	{ "sub/", "sub", 0, 0 },
	{ "*.O", "a.o", 0, 0 },		/* case matters (core.ignoreCase off) */
};

/* Empty the sandbox's work tree, keeping .git. */
static void clear_worktree(void)
{
	cr_assert_eq(system("find . -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +"), 0);
}

static void make_path(const char *path, int is_dir)
{
	struct strbuf dir = STRBUF_INIT;
	const char *slash = strrchr(path, '/');

	if (slash) {
		strbuf_add(&dir, path, (size_t)(slash - path));
		assert_ok(fs_mkdir_p(dir.buf, 0777));
	}
	if (is_dir)
		assert_ok(fs_mkdir_p(path, 0777));
	else
		write_file(path, "x", 1);
	strbuf_release(&dir);
}

Test(ignore, table_against_git)
{
	struct repo *repo;
	size_t i;

	git("init -q .");
	assert_ok(repo_open(&repo, "."));
	for (i = 0; i < ARRAY_SIZE(ig_cases); i++) {
		const struct ig_case *c = &ig_cases[i];
		struct strbuf content = STRBUF_INIT;
		struct ignore *ig;
		char *oracle;
		int ours;

		clear_worktree();
		strbuf_addf(&content, "%s\n", c->gitignore);
		write_file(".gitignore", content.buf, content.len);
		make_path(c->path, c->is_dir);
		assert_ok(ignore_open(&ig, repo));
		ours = ignore_is_ignored(ig, c->path, c->is_dir);
		ignore_free(ig);
		oracle = git_output("check-ignore -q --no-index -- '%s'; echo $?", c->path);
		cr_expect_str_eq(oracle, c->ignored ? "0" : "1",
				 "git: pattern '%s' path '%s'", c->gitignore, c->path);
		cr_expect_eq(ours, c->ignored, "ugit: pattern '%s' path '%s' -> %d",
			     c->gitignore, c->path, ours);
		free(oracle);
		strbuf_release(&content);
	}
	repo_free(repo);
}
