/* Unit tests: unpack - two-way and reset merges into the index and work tree, fixtures built by git. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/fs.h"
#include "ugit/index.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/unpack.h"

static void unpack_sandbox_init(void)
{
	sandbox_init();
	setenv("HOME", sandbox_path(), 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "A", 1);
	setenv("GIT_AUTHOR_EMAIL", "a@example.com", 1);
	setenv("GIT_COMMITTER_NAME", "C", 1);
	setenv("GIT_COMMITTER_EMAIL", "c@example.com", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_INDEX_FILE");
}

TestSuite(unpack, .init = unpack_sandbox_init, .fini = sandbox_fini);

/*
 * Branch "a":  same, mod, gone, d/x, sw (file), lnk -> ../outside
 * Branch "b":  same, mod (changed), new, e/f, sw/in (directory), lnk/f (directory)
 * HEAD is "a", checked out by git.
 */
static void make_branches(void)
{
	git("init -q -b a repo");
	assert_ok(chdir("repo"));
	assert_ok(fs_mkdir_p("d", 0777));
	assert_ok(fs_mkdir_p("../outside", 0777));
	write_file("same", "same\n", 5);
	write_file("mod", "one\n", 4);
	write_file("gone", "gone\n", 5);
	write_file("d/x", "x\n", 2);
	write_file("sw", "file\n", 5);
	cr_assert_eq(symlink("../outside", "lnk"), 0);
	git("add . && git commit -qm A && git checkout -qb b");
	git("rm -q gone d/x sw lnk");
	assert_ok(fs_mkdir_p("e", 0777));
	assert_ok(fs_mkdir_p("sw", 0777));
	assert_ok(fs_mkdir_p("lnk", 0777));
	write_file("mod", "two\n", 4);
	write_file("new", "new\n", 4);
	write_file("e/f", "f\n", 2);
	write_file("sw/in", "in\n", 3);
	write_file("lnk/f", "f\n", 2);
	git("add . && git commit -qm B && git checkout -q a");
}

static void tree_of(struct oid *out, const char *rev)
{
	char *hex = git_output("rev-parse %s^{tree}", rev);

	assert_ok(oid_from_hex(out, hex));
	free(hex);
}

/* Run unpack under the index lock; commit the index on success. */
static int run_unpack(struct unpack_result *res, enum unpack_mode mode,
		      unsigned flags, const char *old_rev, const char *new_rev)
{
	struct unpack_options opts = { mode, flags, NULL, NULL };
	struct index idx = INDEX_INIT;
	struct oid old, new;
	struct repo *repo;
	int err;

	if (old_rev) {
		tree_of(&old, old_rev);
		opts.old_tree = &old;
	}
	tree_of(&new, new_rev);
	opts.new_tree = &new;
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_lock(&idx, repo));
	err = unpack_trees(res, repo, &idx, &opts);
	if (!err)
		assert_ok(index_commit(&idx));
	index_release(&idx);
	repo_free(repo);
	return err;
}

static void assert_file(const char *path, const char *want)
{
	char *got = read_file(path, NULL);

	cr_assert_str_eq(got, want, "%s", path);
	free(got);
}

static void assert_status(const char *want)
{
	char *got = git_output("status --porcelain --untracked-files=all");

	cr_assert_str_eq(got, want);
	free(got);
}

Test(unpack, twoway_switch_updates_adds_removes_and_swaps)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	struct stat st;

	make_branches();
	assert_ok(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"));
	git("symbolic-ref HEAD refs/heads/b");
	assert_file("mod", "two\n");
	assert_file("new", "new\n");
	assert_file("e/f", "f\n");
	assert_file("sw/in", "in\n");
	cr_assert(!fs_exists("gone") && !fs_exists("d"), "gone and d/ are removed");
	cr_assert_eq(lstat("lnk", &st), 0);
	cr_assert(S_ISDIR(st.st_mode), "the link became a directory");
	cr_assert(!fs_exists("../outside/f"), "nothing written through the link");
	assert_status("");
	cr_assert_eq(res.written, 5);
	cr_assert_eq(res.removed, 4);
	unpack_result_release(&res);
}

Test(unpack, twoway_switch_back_swaps_directories_into_files_and_links)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	struct unpack_result back = UNPACK_RESULT_INIT;
	struct stat st;

	make_branches();
	assert_ok(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"));
	assert_ok(run_unpack(&back, UNPACK_TWOWAY, UNPACK_UPDATE, "b", "a"));
	assert_file("sw", "file\n");
	assert_file("d/x", "x\n");
	cr_assert_eq(lstat("lnk", &st), 0);
	cr_assert(S_ISLNK(st.st_mode));
	cr_assert(!fs_exists("e") && !fs_exists("new"));
	assert_status("");
	unpack_result_release(&res);
	unpack_result_release(&back);
}

Test(unpack, twoway_index_gets_fresh_stat_data_and_cache_tree)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	struct index idx = INDEX_INIT;
	struct repo *repo;
	struct stat st;
	char *ls;

	make_branches();
	assert_ok(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"));
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	cr_assert_eq(lstat("e/f", &st), 0);
	cr_assert(index_stat_matches(index_get(&idx, "e/f", 0), &st));
	cr_assert(idx.tree_ext_valid, "the index records the new tree");
	index_release(&idx);
	repo_free(repo);
	ls = git_output("diff-index --cached b");
	cr_assert_str_eq(ls, "");
	free(ls);
	unpack_result_release(&res);
}

Test(unpack, twoway_writes_no_tree_objects_for_a_staged_change)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	char *before, *after;

	make_branches();
	write_file("same", "staged\n", 7);
	git("add same");	/* git marks the cache-tree's root invalid */
	before = git_output("count-objects");
	assert_ok(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"));
	after = git_output("count-objects");
	cr_assert_str_eq(after, before);
	free(before);
	free(after);
	unpack_result_release(&res);
}

Test(unpack, twoway_carries_local_changes_over)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	char *st;

	make_branches();
	write_file("same", "edited\n", 7);
	write_file("untracked", "u\n", 2);
	assert_ok(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"));
	git("symbolic-ref HEAD refs/heads/b");
	assert_file("same", "edited\n");
	assert_file("untracked", "u\n");
	st = git_output("status --porcelain");
	cr_assert_str_eq(st, " M same\n?? untracked");
	free(st);
	unpack_result_release(&res);
}

Test(unpack, twoway_keeps_a_change_staged_as_in_the_new_tree)
{
	struct unpack_result res = UNPACK_RESULT_INIT;

	make_branches();
	write_file("mod", "two\n", 4);
	git("add mod");
	assert_ok(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"));
	git("symbolic-ref HEAD refs/heads/b");
	assert_status("");
	unpack_result_release(&res);
}

/* Nothing may change when a checkout is refused: compare git's view before and after. */
static char *snapshot(void)
{
	return git_output("ls-files -s --debug; git status --porcelain --untracked-files=all; "
			  "ls -laR --time-style=+%%s -I .git . ../outside");
}

Test(unpack, twoway_refuses_to_overwrite_a_local_change)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	char *before, *after;

	make_branches();
	write_file("mod", "mine\n", 5);
	write_file("gone", "mine too\n", 9);
	before = snapshot();
	cr_assert_eq(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"), UG_ECONFLICT);
	after = snapshot();
	cr_assert_str_eq(after, before);
	cr_assert_eq(res.not_uptodate.nr, 2);
	cr_assert_str_eq(res.not_uptodate.items[0], "gone");
	cr_assert_str_eq(res.not_uptodate.items[1], "mod");
	free(before);
	free(after);
	unpack_result_release(&res);
}

Test(unpack, twoway_refuses_a_staged_change_and_a_staged_deletion)
{
	struct unpack_result res = UNPACK_RESULT_INIT;

	make_branches();
	write_file("mod", "staged\n", 7);
	git("add mod && git rm -q --cached gone");
	cr_assert_eq(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"), UG_ECONFLICT);
	cr_assert_eq(res.local_changes.nr, 1);
	cr_assert_str_eq(res.local_changes.items[0], "mod");
	/* gone is untracked now and would be removed */
	cr_assert_eq(res.untracked_removed.nr, 1);
	cr_assert_str_eq(res.untracked_removed.items[0], "gone");
	unpack_result_release(&res);
}

Test(unpack, twoway_refuses_untracked_files_in_the_way)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	char *before, *after;

	make_branches();
	write_file("new", "mine\n", 5);
	assert_ok(fs_mkdir_p("e", 0777));
	write_file("e/f", "mine\n", 5);
	write_file("e/other", "kept\n", 5);
	before = snapshot();
	cr_assert_eq(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"), UG_ECONFLICT);
	after = snapshot();
	cr_assert_str_eq(after, before);
	cr_assert_eq(res.untracked_overwritten.nr, 2);
	cr_assert_str_eq(res.untracked_overwritten.items[0], "e/f");
	cr_assert_str_eq(res.untracked_overwritten.items[1], "new");
	cr_assert_eq(res.not_uptodate_dir.nr, 0);
	free(before);
	free(after);
	unpack_result_release(&res);
}

Test(unpack, twoway_refuses_a_directory_of_untracked_files_where_a_file_goes)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	struct strbuf out = STRBUF_INIT;

	make_branches();
	assert_ok(fs_mkdir_p("new/deep", 0777));
	write_file("new/deep/mine", "mine\n", 5);
	cr_assert_eq(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"), UG_ECONFLICT);
	cr_assert_eq(res.not_uptodate_dir.nr, 1);
	cr_assert_str_eq(res.not_uptodate_dir.items[0], "new");
	assert_file("new/deep/mine", "mine\n");
	unpack_format_errors(&out, &res, "checkout");
	cr_assert_str_eq(out.buf,
		"error: Updating the following directories would lose untracked files in them:\n"
		"\tnew\n\nAborting\n");
	strbuf_release(&out);
	unpack_result_release(&res);
}

Test(unpack, twoway_refuses_an_untracked_link_in_a_leading_path)
{
	struct unpack_result res = UNPACK_RESULT_INIT;

	make_branches();
	assert_ok(fs_mkdir_p("../outside2", 0777));
	cr_assert_eq(symlink("../outside2", "e"), 0);
	cr_assert_eq(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"), UG_ECONFLICT);
	cr_assert_eq(res.untracked_overwritten.nr, 1);
	cr_assert_str_eq(res.untracked_overwritten.items[0], "e");
	cr_assert(!fs_exists("../outside2/f"));
	unpack_result_release(&res);
}

Test(unpack, twoway_overwrites_ignored_files)
{
	struct unpack_result res = UNPACK_RESULT_INIT;

	make_branches();
	write_file(".git/info/exclude", "new\n", 4);
	write_file("new", "ignored\n", 8);
	assert_ok(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"));
	assert_file("new", "new\n");
	unpack_result_release(&res);
}

/* A commit of a tree built by hand: `raw_entries_cmd` prints the raw tree body. */
static char *evil_commit(const char *raw_entries_cmd)
{
	return git_output("commit-tree -m evil $( (%s) | git hash-object -t tree --literally -w --stdin)",
			  raw_entries_cmd);
}

static void check_refused(const char *entries_cmd, const char *bad_path)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	char *commit, *before, *after;

	make_branches();
	commit = evil_commit(entries_cmd);
	before = snapshot();
	cr_assert_eq(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", commit), UG_EINVALID);
	after = snapshot();
	cr_assert_str_eq(after, before);
	cr_assert_eq(res.invalid.nr, 1);
	cr_assert_str_eq(res.invalid.items[0], bad_path);
	cr_assert(!fs_exists("../outside/f"));
	free(before);
	free(after);
	free(commit);
	unpack_result_release(&res);
}

/* Shell pipelines writing a raw blob id, and a raw id of a tree holding the file "f". */
#define BLOB "echo x | git hash-object -w --stdin | xxd -r -p"
#define SUBTREE "(printf '100644 f\\0'; " BLOB ") | " \
		"git hash-object -t tree --literally -w --stdin | xxd -r -p"

Test(unpack, refuses_a_dotgit_tree)
{
	check_refused("printf '40000 .git\\0'; " SUBTREE, ".git/f");
}

Test(unpack, refuses_dotgit_in_any_case_and_ntfs_forms)
{
	check_refused("printf '100644 .GIT\\0'; " BLOB, ".GIT");
}

Test(unpack, refuses_git_tilde_one)
{
	check_refused("printf '100644 git~1\\0'; " BLOB, "git~1");
}

Test(unpack, refuses_dotdot)
{
	check_refused("printf '40000 ..\\0'; " SUBTREE, "../f");
}

Test(unpack, refuses_a_slash_in_a_name)
{
	check_refused("printf '100644 lnk/f\\0'; " BLOB, "lnk/f");
}

Test(unpack, refuses_a_link_and_a_directory_of_one_name)
{
	check_refused("printf '120000 a\\0'; " BLOB "; printf '40000 a\\0'; " SUBTREE, "a");
}

Test(unpack, reset_index_only_keeps_stat_data_of_unchanged_entries)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	struct index idx = INDEX_INIT;
	struct repo *repo;

	make_branches();
	write_file("mod", "local\n", 6);
	assert_ok(run_unpack(&res, UNPACK_RESET, 0, NULL, "b"));
	assert_file("mod", "local\n");
	assert_file("gone", "gone\n");
	assert_ok(repo_open(&repo, "."));
	assert_ok(index_load(&idx, repo));
	cr_assert_neq(index_get(&idx, "same", 0)->st.mtime_sec, 0);
	cr_assert_eq(index_get(&idx, "mod", 0)->st.mtime_sec, 0);
	cr_assert_eq(index_get(&idx, "gone", 0), NULL);
	cr_assert_neq(index_get(&idx, "new", 0), NULL);
	index_release(&idx);
	repo_free(repo);
	unpack_result_release(&res);
}

Test(unpack, reset_update_wins_over_local_changes_and_untracked_files)
{
	struct unpack_result res = UNPACK_RESULT_INIT;

	make_branches();
	write_file("mod", "local\n", 6);
	write_file("new", "untracked\n", 10);
	write_file("keep", "untracked\n", 10);
	assert_ok(run_unpack(&res, UNPACK_RESET, UNPACK_UPDATE, NULL, "b"));
	git("symbolic-ref HEAD refs/heads/b");
	assert_file("mod", "two\n");
	assert_file("new", "new\n");
	assert_file("keep", "untracked\n");
	cr_assert(!fs_exists("gone"));
	assert_status("?? keep");
	unpack_result_release(&res);
}

Test(unpack, format_errors_uses_gits_words)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	struct strbuf out = STRBUF_INIT;

	make_branches();
	write_file("mod", "mine\n", 5);
	write_file("new", "mine\n", 5);
	cr_assert_eq(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, "a", "b"), UG_ECONFLICT);
	unpack_format_errors(&out, &res, "checkout");
	cr_assert_str_eq(out.buf,
		"error: Your local changes to the following files would be overwritten by checkout:\n"
		"\tmod\n"
		"Please commit your changes or stash them before you switch branches.\n"
		"error: The following untracked working tree files would be overwritten by checkout:\n"
		"\tnew\n"
		"Please move or remove them before you switch branches.\n"
		"Aborting\n");
	strbuf_release(&out);
	unpack_result_release(&res);
}

Test(unpack, from_an_unborn_branch_writes_everything)
{
	struct unpack_result res = UNPACK_RESULT_INIT;

	make_branches();
	git("rm -rq --cached . && git clean -qfdx");
	assert_ok(run_unpack(&res, UNPACK_TWOWAY, UNPACK_UPDATE, NULL, "a"));
	assert_status("");
	assert_file("d/x", "x\n");
	unpack_result_release(&res);
}
