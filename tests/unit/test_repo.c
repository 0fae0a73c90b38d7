/* Unit tests: repo - discovery, validation and init, with git as the oracle. */
#include "helpers.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ugit/config.h"
#include "ugit/fs.h"
#include "ugit/odb.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

TestSuite(repo, .init = sandbox_init, .fini = sandbox_fini);

/* Run the real git with `argv` (no shell); collect stdout and stderr. */
static int run_git(struct strbuf *out, struct strbuf *err, const char *const *argv)
{
	char *dir = getcwd(NULL, 0);
	struct strbuf o = STRBUF_INIT, e = STRBUF_INIT;
	int status;
	pid_t pid;

	/* outside the directory under test, so the files do not disturb it */
	strbuf_addf(&o, "%s/.oracle.out", sandbox_path());
	strbuf_addf(&e, "%s/.oracle.err", sandbox_path());
	pid = fork();
	cr_assert_neq(pid, -1);
	if (!pid) {
		int fo = open(o.buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fe = open(e.buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fo < 0 || fe < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
			_exit(127);
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	strbuf_reset(out);
	strbuf_reset(err);
	cr_assert_eq(fs_read_file(out, o.buf), 0);
	cr_assert_eq(fs_read_file(err, e.buf), 0);
	unlink(o.buf);
	unlink(e.buf);
	strbuf_release(&o);
	strbuf_release(&e);
	free(dir);
	cr_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* "$SANDBOX/<rel>", for environment variables that want absolute paths. */
static char *in_sandbox(const char *rel)
{
	struct strbuf sb = STRBUF_INIT;

	fs_path_join(&sb, sandbox_path(), rel);
	return strbuf_detach(&sb, NULL);
}

/*
 * ---- Discovery: the same questions asked of git and of repo_discover() ----
 */

struct discover_case {
	const char *cwd;	/* relative to the sandbox */
	const char *git_dir;	/* GIT_DIR, or NULL */
	const char *work_tree;	/* GIT_WORK_TREE, or NULL */
	const char *ceiling;	/* GIT_CEILING_DIRECTORIES below the sandbox; "" = the sandbox */
};

static const struct discover_case discover_cases[] = {
	{ "w", NULL, NULL, "" },
	{ "w/a", NULL, NULL, "" },
	{ "w/a/b", NULL, NULL, "" },
	{ "w/.git", NULL, NULL, "" },
	{ "w/.git/objects", NULL, NULL, "" },
	{ "w/.git/refs/heads", NULL, NULL, "" },
	{ "bare.git", NULL, NULL, "" },
	{ "bare.git/objects/info", NULL, NULL, "" },
	{ "gf", NULL, NULL, "" },
	{ "gf/sub", NULL, NULL, "" },
	{ "cb", NULL, NULL, "" },
	{ "cb/sub", NULL, NULL, "" },
	{ "nested/inner/x", NULL, NULL, "" },
	{ "nested/x", NULL, NULL, "" },
	{ "broken/sub", NULL, NULL, "" },
	{ "plain", NULL, NULL, "" },
	{ "wt-cfg/sub", NULL, NULL, "" },
	{ "w", "../wt-cfg/.git", NULL, "" },
	{ "wt-bad", NULL, NULL, "" },
	/* ceilings: a ceiling stops the walk only above the cwd */
	{ "w/a/b", NULL, NULL, "w" },
	{ "w/a/b", NULL, NULL, "w/a" },
	{ "w/a/b", NULL, NULL, "w/a/" },
	{ "w/a/b", NULL, NULL, "w/a/b" },
	{ "w/a/b", NULL, NULL, "w/a/b/c" },
	{ "w/a", NULL, NULL, "w" },
	{ "w", NULL, NULL, "w" },
	{ "w/a/b", NULL, NULL, "wa" },
	{ "w/a/b", NULL, NULL, "missing/../w/a" },
	{ "w/a/b", NULL, NULL, "link-to-w-a" },
	/* GIT_DIR: no search; the work tree is the cwd */
	{ "w/a", "../.git", NULL, "" },
	{ "w/a", "w/.git", NULL, "" },		/* made absolute below */
	{ "w/a", "bare.git", NULL, "" },
	{ "w/a", "../.git", "..", "" },
	{ "w/a", "../.git", "b", "" },
	{ "w/a", "nowhere", NULL, "" },
	{ "w/a", "", NULL, "" },
	{ "w/a", "../../gf/.git", NULL, "" },
	{ "plain", "../w/.git/objects", NULL, "" },
	/* GIT_WORK_TREE alone works with a discovered git directory */
	{ "w/a", NULL, "b", "" },
};

/* Make the fixture tree with git itself. */
static void make_fixtures(void)
{
	git("init -q w && mkdir -p w/a/b");
	git("init -q --bare bare.git");
	git("init -q --separate-git-dir sep.git gf && mkdir gf/sub");
	git("init -q cb && git -C cb config core.bare true && mkdir cb/sub");
	git("init -q nested && git init -q nested/inner && mkdir -p nested/inner/x nested/x");
	/* a .git directory that is no repository is skipped */
	git("init -q broken && mkdir -p broken/sub/.git/objects");
	git("init -q wt-cfg && git -C wt-cfg config core.worktree ../../w && mkdir wt-cfg/sub");
	git("init -q wt-bad && git -C wt-bad config core.worktree ../nope");
	cr_assert_eq(mkdir("plain", 0777), 0);
	cr_assert_eq(symlink("w/a", "link-to-w-a"), 0);
}

static void set_env(const char *name, const char *value, int absolute)
{
	char *abs;

	if (!value) {
		unsetenv(name);
		return;
	}
	if (!absolute || !*value || strstr(value, ".."))
		abs = xstrdup(value);
	else
		abs = in_sandbox(value);
	setenv(name, abs, 1);
	free(abs);
}

/* What git says, in the shape of a struct repo. */
static void expect_like_git(const struct discover_case *c, size_t i)
{
	static const char *const facts[] = {
		"git", "rev-parse", "--absolute-git-dir", "--is-bare-repository",
		"--is-inside-work-tree", "--show-prefix", NULL
	};
	static const char *const top[] = { "git", "rev-parse", "--show-toplevel", NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT, mine = STRBUF_INIT;
	struct repo *repo = NULL;
	int gs, us;

	gs = run_git(&out, &err, facts);
	us = repo_discover(&repo);
	if (gs) {
		strbuf_rtrim(&err);
		cr_expect_neq(us, 0, "case %zu (%s): found a repository git did not", i, c->cwd);
		cr_expect_str_eq(ug_error_last(), err.buf + strlen("fatal: "),
				 "case %zu: message: %s", i, err.buf);
		if (starts_with(err.buf, "fatal: not a git repository"))
			cr_expect_eq(us, UG_ENOTFOUND, "case %zu", i);
		goto done;
	}
	cr_expect_eq(us, 0, "case %zu (%s): %s", i, c->cwd, ug_error_last());
	if (us)
		goto done;
	strbuf_addf(&mine, "%s\n%s\n%s\n%s\n", repo->gitdir,
		    repo->bare ? "true" : "false", repo->prefix ? "true" : "false",
		    repo->prefix ? repo->prefix : "");
	cr_expect_str_eq(mine.buf, out.buf, "case %zu (%s)", i, c->cwd);
	gs = run_git(&out, &err, top);
	if (gs) {
		cr_expect_null(repo->worktree, "case %zu: work tree %s", i, repo->worktree);
	} else {
		strbuf_rtrim(&out);
		cr_expect_str_eq(repo->worktree ? repo->worktree : "(none)", out.buf,
				 "case %zu: work tree", i);
	}
done:
	repo_free(repo);
	strbuf_release(&out);
	strbuf_release(&err);
	strbuf_release(&mine);
}

Test(repo, discovers_like_git)
{
	size_t i;

	make_fixtures();
	for (i = 0; i < sizeof(discover_cases) / sizeof(*discover_cases); i++) {
		const struct discover_case *c = &discover_cases[i];
		char *cwd = in_sandbox(c->cwd);

		set_env("GIT_DIR", c->git_dir, c->git_dir && !strcmp(c->git_dir, "w/.git"));
		set_env("GIT_WORK_TREE", c->work_tree, 0);
		set_env("GIT_CEILING_DIRECTORIES", *c->ceiling ? c->ceiling : sandbox_path(),
			*c->ceiling != 0);
		cr_assert_eq(chdir(cwd), 0, "chdir %s", cwd);
		expect_like_git(c, i);
		free(cwd);
	}
}

Test(repo, names_the_git_directory_as_git_does)
{
	static const struct {
		const char *cwd, *git_dir, *name;
	} cases[] = {
		{ "w", NULL, ".git" },
		{ "w/a", NULL, ".git" },
		{ "w/.git", NULL, "." },
		{ "w/.git/objects", NULL, "." },
		{ "bare.git", NULL, "." },
		{ "w/a", "../.git", "../.git" },
		{ "w/a", "../.git/", "../.git/" },
	};
	struct repo *repo;
	size_t i;

	make_fixtures();
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *cwd = in_sandbox(cases[i].cwd);

		set_env("GIT_DIR", cases[i].git_dir, 0);
		cr_assert_eq(chdir(cwd), 0);
		assert_ok(repo_discover(&repo));
		cr_expect_str_eq(repo->gitdir_name, cases[i].name, "case %zu", i);
		repo_free(repo);
		free(cwd);
	}
	/* through a .git file the name is absolute */
	cr_assert_eq(chdir(sandbox_path()), 0);
	unsetenv("GIT_DIR");
	cr_assert_eq(chdir("gf/sub"), 0);
	assert_ok(repo_discover(&repo));
	cr_assert_str_eq(repo->gitdir_name, repo->gitdir);
	cr_assert(ends_with(repo->gitdir, "/sep.git"));
	repo_free(repo);
}

Test(repo, bad_gitfiles_stop_discovery_with_gits_message)
{
	static const struct {
		const char *content;
		const char *message;	/* after "<sandbox>/t/" */
	} cases[] = {
		{ "gitdir:../w/.git\n", "invalid gitfile format: %s/t/.git" },
		{ "", "invalid gitfile format: %s/t/.git" },
		{ "nonsense\n", "invalid gitfile format: %s/t/.git" },
		{ "gitdir: \n", "invalid gitfile format: %s/t/.git" },
		{ "gitdir: ../nowhere\n", "not a git repository: %s/t/../nowhere" },
		{ "gitdir: ../w/.git  \n", "not a git repository: %s/t/../w/.git  " },
		{ "gitdir: ../w\n", "not a git repository: %s/t/../w" },
	};
	struct strbuf want = STRBUF_INIT;
	struct repo *repo;
	size_t i;

	make_fixtures();
	cr_assert_eq(mkdir("t", 0777), 0);
	cr_assert_eq(chdir("t"), 0);
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		write_file(".git", cases[i].content, strlen(cases[i].content));
		strbuf_reset(&want);
		strbuf_addf(&want, cases[i].message, sandbox_path());
		cr_expect_eq(repo_discover(&repo), UG_EINVALID, "case %zu", i);
		cr_expect_null(repo);
		cr_expect_str_eq(ug_error_last(), want.buf, "case %zu", i);
	}
	/* line ends are trimmed: CRLF and blank lines are fine */
	write_file(".git", "gitdir: ../w/.git\r\n\n", 20);
	assert_ok(repo_discover(&repo));
	cr_assert(ends_with(repo->gitdir, "/w/.git"));
	repo_free(repo);
	strbuf_release(&want);
}

/*
 * ---- What counts as a git directory (git's validate_headref) ----
 */

Test(repo, validates_head_objects_and_refs_like_git)
{
	static const char *const heads[] = {
		"ref: refs/heads/x\n", "ref:refs/heads/x\n", "ref:   refs/heads/x",
		"ref: refs/\n", "ref: refs\n", "ref: heads/x\n", "garbage\n", "",
		"1234567890123456789012345678901234567890\n",
		"1234567890123456789012345678901234567890xyz\n",
		"123456789012345678901234567890123456789\n",
		"ABCDEF7890123456789012345678901234567890",
		"ref: refs/heads/x\0junk",
	};
	static const char *const argv[] = { "git", "rev-parse", "--git-dir", NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	size_t i;

	cr_assert_eq(mkdir("d", 0777), 0);
	cr_assert_eq(mkdir("d/objects", 0777), 0);
	cr_assert_eq(mkdir("d/refs", 0777), 0);
	setenv("GIT_DIR", "d", 1);
	for (i = 0; i < sizeof(heads) / sizeof(*heads); i++) {
		size_t len = i == 12 ? 22 : strlen(heads[i]);
		int git_ok;

		write_file("d/HEAD", heads[i], len);
		git_ok = run_git(&out, &err, argv) == 0;
		cr_expect_eq(repo_is_git_dir("d"), git_ok, "HEAD %zu '%s'", i, heads[i]);
	}
	/* HEAD as a symbolic link, as very old gits wrote it */
	unlink("d/HEAD");
	cr_assert_eq(symlink("refs/heads/x", "d/HEAD"), 0);
	cr_assert(repo_is_git_dir("d"));
	unlink("d/HEAD");
	cr_assert_eq(symlink("../x", "d/HEAD"), 0);
	cr_assert_not(repo_is_git_dir("d"));
	unlink("d/HEAD");
	cr_assert_eq(mkdir("d/HEAD", 0777), 0);
	cr_assert_not(repo_is_git_dir("d"));
	rmdir("d/HEAD");
	write_file("d/HEAD", "ref: refs/heads/x\n", 18);
	cr_assert(repo_is_git_dir("d"));
	rmdir("d/objects");
	cr_assert_not(repo_is_git_dir("d"), "objects/ is required");
	write_file("d/objects", "", 0);
	cr_assert_not(repo_is_git_dir("d"), "objects must be a directory");
	strbuf_release(&out);
	strbuf_release(&err);
}

Test(repo, refuses_formats_it_does_not_understand)
{
	static const struct {
		const char *config;
		const char *message;	/* NULL: accepted */
	} cases[] = {
		{ "[core]\n\trepositoryformatversion = 0\n[extensions]\n\tfoo = bar\n", NULL },
		{ "[core]\n\trepositoryformatversion = 1\n", NULL },
		{ "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tnoop = 1\n"
		  "\tpreciousObjects = true\n\tobjectFormat = sha1\n", NULL },
		{ "[core]\n\trepositoryformatversion = 2\n",
		  "Expected git repo version <= 1, found 2" },
		{ "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tfoo = bar\n\tBar\n",
		  "unknown repository extension found:\n\tfoo\n\tbar" },
		{ "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectformat = sha256\n",
		  "unsupported object format 'sha256' (ugit knows sha1 only)" },
		{ "[core]\n\trepositoryformatversion = abc\n",
		  "bad numeric config value 'abc' for 'core.repositoryformatversion' in file .git/config: invalid unit" },
		{ "[core]\n\tbare = maybe\n",
		  "bad boolean config value 'maybe' for 'core.bare'" },
		{ "[core]\n[broken\n", "bad config line 2 in file .git/config" },
	};
	struct repo *repo;
	size_t i;

	git("init -q r");
	cr_assert_eq(chdir("r"), 0);
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int err;

		write_file(".git/config", cases[i].config, strlen(cases[i].config));
		err = repo_discover(&repo);
		if (!cases[i].message) {
			cr_expect_eq(err, 0, "case %zu: %s", i, ug_error_last());
			repo_free(repo);
			continue;
		}
		cr_expect_lt(err, 0, "case %zu accepted", i);
		cr_expect_null(repo);
		cr_expect_str_eq(ug_error_last(), cases[i].message, "case %zu", i);
	}
}

Test(repo, not_found_messages)
{
	struct repo *repo = (struct repo *)1;

	cr_assert_eq(repo_discover(&repo), UG_ENOTFOUND);
	cr_assert_null(repo);
	cr_assert_str_eq(ug_error_last(),
			 "not a git repository (or any of the parent directories): .git");
	setenv("GIT_DIR", "/nowhere", 1);
	cr_assert_eq(repo_discover(&repo), UG_ENOTFOUND);
	cr_assert_str_eq(ug_error_last(), "not a git repository: '/nowhere'");
	cr_assert_eq(repo_open(&repo, "."), UG_ENOTFOUND);
	cr_assert_str_eq(ug_error_last(), "not a git repository: '.'");
}

Test(repo, a_vanished_cwd_is_an_error_not_a_missing_repository)
{
	struct strbuf gitdir = STRBUF_INIT;
	struct repo_init_opts opts = { 0, NULL, NULL, NULL };
	struct repo *repo;
	int reinit;

	cr_assert_eq(mkdir("gone", 0777), 0);
	cr_assert_eq(chdir("gone"), 0);
	cr_assert_eq(rmdir("../gone"), 0);
	cr_assert_eq(repo_discover(&repo), UG_ERROR);
	cr_assert_str_eq(ug_error_last(),
			 "Unable to read current working directory: No such file or directory");
	cr_assert_eq(repo_open(&repo, "."), UG_ERROR);
	cr_assert_eq(repo_init("x", &opts, &reinit, &gitdir), UG_ERROR);
	cr_assert_str_eq(ug_error_last(),
			 "Unable to read current working directory: No such file or directory");
	strbuf_release(&gitdir);
}

Test(repo, a_huge_head_is_judged_by_its_start)
{
	struct strbuf big = STRBUF_INIT;
	size_t i;

	git("init -q .");
	strbuf_addstr(&big, "ref: refs/heads/x\n");
	for (i = 0; i < 100000; i++)
		strbuf_addstr(&big, "junk ");
	write_file(".git/HEAD", big.buf, big.len);
	cr_assert(repo_is_git_dir(".git"));
	strbuf_release(&big);
}

Test(repo, open_takes_a_work_tree_or_a_git_directory)
{
	struct repo *repo;

	make_fixtures();
	setenv("GIT_DIR", "/nowhere", 1);	/* repo_open ignores the environment */
	assert_ok(repo_open(&repo, "w"));
	cr_assert(ends_with(repo->gitdir, "/w/.git"));
	cr_assert(ends_with(repo->worktree, "/w"));
	cr_assert_null(repo->prefix, "the sandbox is outside w");
	cr_assert_not(repo->bare);
	cr_assert_not_null(repo->config);
	cr_assert_not_null(repo->odb);
	cr_assert(ends_with(odb_name(repo->odb), "/w/.git/objects"));
	repo_free(repo);
	assert_ok(repo_open(&repo, "w/.git"));
	cr_assert(ends_with(repo->worktree, "/w"));
	repo_free(repo);
	assert_ok(repo_open(&repo, "bare.git"));
	cr_assert_null(repo->worktree);
	cr_assert(repo->bare);
	repo_free(repo);
	assert_ok(repo_open(&repo, "gf"));
	cr_assert(ends_with(repo->gitdir, "/sep.git"));
	cr_assert(ends_with(repo->worktree, "/gf"));
	repo_free(repo);
	cr_assert_eq(chdir("w/a"), 0);
	assert_ok(repo_open(&repo, ".."));
	cr_assert_str_eq(repo->prefix, "a/");
	repo_free(repo);
	assert_ok(repo_open(&repo, "../.git"));
	cr_assert_str_eq(repo->prefix, "a/");
	repo_free(repo);
	cr_assert_eq(repo_open(&repo, "b"), UG_ENOTFOUND);
}

Test(repo, git_path_joins_under_the_git_directory)
{
	struct strbuf sb = STRBUF_INIT;
	struct repo *repo;

	git("init -q .");
	assert_ok(repo_discover(&repo));
	repo_git_path(&sb, repo, "refs/heads");
	cr_assert(ends_with(sb.buf, "/.git/refs/heads"));
	cr_assert_eq(strncmp(sb.buf, repo->gitdir, strlen(repo->gitdir)), 0);
	repo_free(repo);
	strbuf_release(&sb);
}

/*
 * ---- init ----
 */

/* Every path under `dir` with its type and content, hooks' samples left out. */
static void describe_tree(struct strbuf *out, const char *dir, const char *rel)
{
	struct strbuf path = STRBUF_INIT, sub = STRBUF_INIT;
	char **names;
	size_t nr, i;

	fs_path_join(&path, dir, rel);
	cr_assert_eq(fs_list_dir(&names, &nr, path.buf), 0, "%s", path.buf);
	for (i = 0; i < nr; i++) {
		struct stat st;

		strbuf_reset(&sub);
		fs_path_join(&sub, rel, names[i]);
		if (ends_with(sub.buf, ".sample") && starts_with(sub.buf, "hooks/"))
			continue;
		strbuf_reset(&path);
		fs_path_join(&path, dir, sub.buf);
		cr_assert_eq(lstat(path.buf, &st), 0);
		strbuf_addf(out, "%s %o\n", sub.buf, (unsigned)(st.st_mode & 0777));
		if (S_ISDIR(st.st_mode)) {
			describe_tree(out, dir, sub.buf);
		} else {
			char *content = read_file(path.buf, NULL);

			strbuf_addf(out, "%s\n", content);
			free(content);
		}
	}
	fs_free_names(names, nr);
	strbuf_release(&path);
	strbuf_release(&sub);
}

static void expect_same_tree(const char *mine, const char *gits)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	describe_tree(&a, mine, "");
	describe_tree(&b, gits, "");
	cr_expect_str_eq(a.buf, b.buf, "%s differs from %s", mine, gits);
	strbuf_release(&a);
	strbuf_release(&b);
}

static void init_ok(const char *dir, const struct repo_init_opts *opts,
		    int want_reinit)
{
	struct strbuf gitdir = STRBUF_INIT;
	int reinit = -1;

	assert_ok(repo_init(dir, opts, &reinit, &gitdir));
	cr_assert_eq(reinit, want_reinit, "%s: reinit %d", dir, reinit);
	cr_assert_eq(gitdir.buf[0], '/', "%s: absolute: %s", dir, gitdir.buf);
	strbuf_release(&gitdir);
}

Test(repo, init_writes_gits_layout)
{
	struct repo_init_opts plain = { 0, NULL, NULL, NULL };
	struct repo_init_opts bare = { 1, NULL, NULL, NULL };
	struct strbuf gitdir = STRBUF_INIT;
	int reinit;

	init_ok("mine", &plain, 0);
	git("init -q theirs");
	expect_same_tree("mine/.git", "theirs/.git");
	init_ok("mine.git", &bare, 0);
	git("init -q --bare theirs.git");
	expect_same_tree("mine.git", "theirs.git");
	/* a new directory with its parents, and the path in the message */
	assert_ok(repo_init("x/y/z", &plain, &reinit, &gitdir));
	cr_assert(ends_with(gitdir.buf, "/x/y/z/.git"), "%s", gitdir.buf);
	cr_assert_eq(chdir("mine"), 0);
	git("status --porcelain");	/* git takes it for a repository */
	strbuf_release(&gitdir);
}

Test(repo, init_names_the_initial_branch)
{
	struct repo_init_opts opts = { 0, "main", NULL, NULL };
	char *head;

	init_ok("r", &opts, 0);
	head = read_file("r/.git/HEAD", NULL);
	cr_assert_str_eq(head, "ref: refs/heads/main\n");
	free(head);
	/* re-init keeps HEAD whatever branch is asked for */
	opts.initial_branch = "other";
	init_ok("r", &opts, 1);
	head = read_file("r/.git/HEAD", NULL);
	cr_assert_str_eq(head, "ref: refs/heads/main\n");
	free(head);
}

Test(repo, init_refuses_bad_branch_names_before_creating_anything)
{
	static const char *const bad[] = {
		"", "bad..name", "a.lock", "a/.b", "a/", "/a", "a//b", "a.", "a b",
		"a~b", "a^b", "a:b", "a?b", "a*b", "a[b", "a\\b", "a@{b", "\x01", "a\x7f",
		".hidden",
	};
	struct repo_init_opts opts = { 0, NULL, NULL, NULL };
	struct strbuf gitdir = STRBUF_INIT, msg = STRBUF_INIT;
	int reinit;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		opts.initial_branch = bad[i];
		cr_expect_eq(repo_init("r", &opts, &reinit, &gitdir), UG_EINVALID,
			     "'%s' accepted", bad[i]);
		strbuf_reset(&msg);
		strbuf_addf(&msg, "invalid initial branch name: '%s'", bad[i]);
		cr_expect_str_eq(ug_error_last(), msg.buf);
		cr_expect_not(fs_exists("r"), "'%s': something was created", bad[i]);
	}
	strbuf_release(&gitdir);
	strbuf_release(&msg);
}

Test(repo, branch_names_like_check_ref_format)
{
	static const char *const names[] = {
		"main", "a/b", "-foo", "HEAD", "refs/heads/x", "foo./bar", "a@b",
		"fu\xc3\x9f", "@", "a.lock/b", "a/b.lock", "x.lockx", "a..b", "a.",
		"a/.b", ".a", "a//b", "a b", "a~", "a^", "a:", "a?", "a*", "a[",
		"a\\b", "a@{", "a\t", "", "/", "a/",
	};
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT, full = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		const char *argv[] = { "git", "check-ref-format", NULL, NULL };
		int git_ok;

		strbuf_reset(&full);
		strbuf_addf(&full, "refs/heads/%s", names[i]);
		argv[2] = full.buf;
		git_ok = run_git(&out, &err, argv) == 0;
		cr_expect_eq(repo_branch_name_is_valid(names[i]), git_ok, "'%s'", names[i]);
	}
	strbuf_release(&out);
	strbuf_release(&err);
	strbuf_release(&full);
}

/* The config of a re-initialised repository, compared with git's. */
Test(repo, reinit_sets_core_like_git)
{
	static const char *const configs[] = {
		"[core]\n\tfilemode = false\n\tlogallrefupdates = false\n\tbare = true\n[core]\n\tx = 1\n",
		"[user]\n  name = X\n",
		"[core]\n  repositoryformatversion = 1\n",
		"",
	};
	static const char *const git_init[] = { "git", "init", "-q", "theirs", NULL };
	struct repo_init_opts opts = { 0, NULL, NULL, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	size_t i;

	git("init -q theirs");
	init_ok("mine", &opts, 0);
	for (i = 0; i < sizeof(configs) / sizeof(*configs); i++) {
		char *a, *b;

		write_file("mine/.git/config", configs[i], strlen(configs[i]));
		write_file("theirs/.git/config", configs[i], strlen(configs[i]));
		cr_assert_eq(run_git(&out, &err, git_init), 0);
		init_ok("mine", &opts, 1);
		a = read_file("mine/.git/config", NULL);
		b = read_file("theirs/.git/config", NULL);
		cr_expect_str_eq(a, b, "config %zu", i);
		free(a);
		free(b);
	}
	/* whatever was removed comes back; what is there is kept */
	write_file("mine/.git/description", "mine\n", 5);
	cr_assert_eq(system("rm -rf mine/.git/refs/tags mine/.git/info"), 0);
	init_ok("mine", &opts, 1);
	cr_assert(fs_is_dir("mine/.git/refs/tags"));
	cr_assert(fs_exists("mine/.git/info/exclude"));
	expect_same_tree("mine/.git/info", "theirs/.git/info");
	{
		char *d = read_file("mine/.git/description", NULL);

		cr_assert_str_eq(d, "mine\n");
		free(d);
	}
	strbuf_release(&out);
	strbuf_release(&err);
}

Test(repo, reinit_refuses_a_newer_format_and_changes_nothing)
{
	struct repo_init_opts opts = { 0, NULL, NULL, NULL };
	struct strbuf gitdir = STRBUF_INIT;
	static const char v2[] = "[core]\n\trepositoryformatversion = 2\n";
	int reinit;
	char *s;

	init_ok("r", &opts, 0);
	write_file("r/.git/config", v2, strlen(v2));
	cr_assert_eq(system("rm -rf r/.git/refs/tags"), 0);
	cr_assert_eq(repo_init("r", &opts, &reinit, &gitdir), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "Expected git repo version <= 1, found 2");
	s = read_file("r/.git/config", NULL);
	cr_assert_str_eq(s, v2);
	free(s);
	cr_assert_not(fs_exists("r/.git/refs/tags"), "nothing was created");
	strbuf_release(&gitdir);
}

Test(repo, init_fails_cleanly_where_it_cannot_create)
{
	struct repo_init_opts opts = { 0, NULL, NULL, NULL };
	struct strbuf gitdir = STRBUF_INIT, want = STRBUF_INIT;
	int reinit;

	write_file("file", "x", 1);
	cr_assert_eq(repo_init("file", &opts, &reinit, &gitdir), UG_ERROR);
	cr_assert_str_eq(ug_error_last(), "cannot mkdir file: File exists");
	cr_assert_eq(repo_init("file/sub", &opts, &reinit, &gitdir), UG_ERROR);
	cr_assert_str_eq(ug_error_last(), "cannot mkdir file/sub: File exists");
	/* a .git file pointing nowhere */
	cr_assert_eq(mkdir("gf", 0777), 0);
	write_file("gf/.git", "gitdir: ../nowhere\n", 19);
	cr_assert_eq(repo_init("gf", &opts, &reinit, &gitdir), UG_EINVALID);
	strbuf_addf(&want, "not a git repository: %s/gf/../nowhere", sandbox_path());
	cr_assert_str_eq(ug_error_last(), want.buf);
	strbuf_release(&want);
	strbuf_release(&gitdir);
}

Test(repo, init_through_a_gitfile_and_with_git_dir)
{
	struct repo_init_opts opts = { 0, NULL, NULL, NULL };
	struct strbuf gitdir = STRBUF_INIT;
	int reinit;
	char *s;

	git("init -q --separate-git-dir sep.git gf");
	assert_ok(repo_init("gf", &opts, &reinit, &gitdir));
	cr_assert_eq(reinit, 1);
	cr_assert(ends_with(gitdir.buf, "/sep.git"), "%s", gitdir.buf);
	/* a named git directory, relative to the new directory */
	opts.git_dir = "meta";
	opts.bare = 1;		/* what cmd_init guesses for a name other than .git */
	strbuf_reset(&gitdir);
	init_ok("d", &opts, 0);
	cr_assert(repo_is_git_dir("d/meta"), "GIT_DIR is relative to the new directory");
	{
		char *cfg = read_file("d/meta/config", NULL);

		cr_assert(strstr(cfg, "\tbare = true\n"), "%s", cfg);
		free(cfg);
	}
	opts.bare = 0;
	opts.work_tree = "wt";
	init_ok("e", &opts, 0);
	cr_assert(repo_is_git_dir("e/meta"));
	s = read_file("e/meta/config", NULL);
	cr_assert(strstr(s, "\tbare = false\n\tlogallrefupdates = true\n\tworktree = /"),
		  "%s", s);
	free(s);
	strbuf_release(&gitdir);
}

Test(repo, init_keeps_a_global_logallrefupdates)
{
	struct repo_init_opts opts = { 0, NULL, NULL, NULL };
	char *s;

	write_file("global", "[core]\n\tlogallrefupdates = false\n", 32);
	setenv("GIT_CONFIG_GLOBAL", "global", 1);
	init_ok("r", &opts, 0);
	s = read_file("r/.git/config", NULL);
	cr_assert_str_eq(s, "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n"
			 "\tbare = false\n");
	free(s);
}
