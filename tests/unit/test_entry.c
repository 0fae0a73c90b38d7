/* Unit tests: entry - writing and removing work-tree files without following symbolic links. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/entry.h"
#include "ugit/fs.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/tree.h"

static void entry_sandbox_init(void)
{
	sandbox_init();
	setenv("HOME", sandbox_path(), 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_INDEX_FILE");
}

TestSuite(entry, .init = entry_sandbox_init, .fini = sandbox_fini);

struct fixture {
	struct repo *repo;
	struct entry_state es;
	struct oid blob;	/* "hello\n" */
};

static void setup(struct fixture *f)
{
	char *hex;

	git("init -q repo");
	assert_ok(chdir("repo"));
	assert_ok(fs_mkdir_p("../outside", 0777));
	hex = git_output("hash-object -w --stdin <<EOF\nhello\nEOF");
	assert_ok(oid_from_hex(&f->blob, hex));
	free(hex);
	assert_ok(repo_open(&f->repo, "."));
	f->es = (struct entry_state)ENTRY_STATE_INIT;
	assert_ok(entry_state_open(&f->es, f->repo->worktree));
}

static void teardown(struct fixture *f)
{
	entry_state_release(&f->es);
	repo_free(f->repo);
}

static void assert_content(const char *path, const char *want)
{
	char *got = read_file(path, NULL);

	cr_assert_str_eq(got, want, "%s", path);
	free(got);
}

Test(entry, writes_files_exec_files_links_and_gitlinks)
{
	struct fixture f;
	struct stat st, now;
	char target[64];
	ssize_t n;

	setup(&f);
	assert_ok(entry_write(&st, &f.es, f.repo->odb, "a/b/file", TREE_MODE_FILE, &f.blob, 0));
	assert_content("a/b/file", "hello\n");
	cr_assert_eq(lstat("a/b/file", &now), 0);
	cr_assert_eq(st.st_ino, now.st_ino);
	cr_assert_eq(st.st_mtime, now.st_mtime);
	cr_assert_eq(now.st_mode & 0111, 0);
	assert_ok(entry_write(&st, &f.es, f.repo->odb, "a/exe", TREE_MODE_EXEC, &f.blob, 0));
	cr_assert(st.st_mode & 0100, "owner may execute");
	cr_assert_eq(st.st_mode & 0002, 0, "never world-writable");
	assert_ok(entry_write(&st, &f.es, f.repo->odb, "link", TREE_MODE_SYMLINK, &f.blob, 0));
	n = readlink("link", target, sizeof(target));
	cr_assert_eq(n, 6);
	cr_assert(S_ISLNK(st.st_mode));
	assert_ok(entry_write(&st, &f.es, f.repo->odb, "sub", TREE_MODE_GITLINK, &f.blob, 0));
	cr_assert(S_ISDIR(st.st_mode));
	teardown(&f);
}

Test(entry, replaces_a_link_planted_at_the_leaf_without_following_it)
{
	struct fixture f;
	struct stat st;

	setup(&f);
	write_file("../outside/target", "keep\n", 5);
	cr_assert_eq(symlink("../outside/target", "file"), 0);
	assert_ok(entry_write(&st, &f.es, f.repo->odb, "file", TREE_MODE_FILE, &f.blob, 0));
	assert_content("../outside/target", "keep\n");
	cr_assert(S_ISREG(st.st_mode));
	assert_content("file", "hello\n");
	teardown(&f);
}

Test(entry, never_writes_through_a_link_in_a_leading_path)
{
	struct fixture f;
	struct stat st;

	setup(&f);
	cr_assert_eq(symlink("../outside", "dir"), 0);
	cr_assert_eq(entry_write(&st, &f.es, f.repo->odb, "dir/f", TREE_MODE_FILE, &f.blob, 0),
		     UG_EEXISTS);
	cr_assert(!fs_exists("../outside/f"));
	cr_assert_eq(entry_lstat(&st, &f.es, "dir/f"), UG_EEXISTS);
	cr_assert_eq(entry_blocker(&f.es, "dir/f"), 3);
	/* forced: the link itself is replaced by a directory */
	assert_ok(entry_write(&st, &f.es, f.repo->odb, "dir/f", TREE_MODE_FILE, &f.blob, ENTRY_FORCE));
	cr_assert(!fs_exists("../outside/f"));
	cr_assert_eq(lstat("dir", &st), 0);
	cr_assert(S_ISDIR(st.st_mode));
	teardown(&f);
}

Test(entry, a_directory_at_the_leaf_goes_only_when_forced)
{
	struct fixture f;
	struct stat st;

	setup(&f);
	assert_ok(fs_mkdir_p("d/e", 0777));
	write_file("d/e/x", "x\n", 2);
	cr_assert_eq(entry_write(&st, &f.es, f.repo->odb, "d", TREE_MODE_FILE, &f.blob, 0),
		     UG_EEXISTS);
	assert_content("d/e/x", "x\n");
	assert_ok(entry_write(&st, &f.es, f.repo->odb, "d", TREE_MODE_FILE, &f.blob, ENTRY_FORCE));
	assert_content("d", "hello\n");
	teardown(&f);
}

Test(entry, a_missing_blob_changes_nothing)
{
	struct fixture f;
	struct stat st;
	struct oid missing;

	setup(&f);
	write_file("f", "old\n", 4);
	assert_ok(oid_from_hex(&missing, "1111111111111111111111111111111111111111"));
	cr_assert_eq(entry_write(&st, &f.es, f.repo->odb, "f", TREE_MODE_FILE, &missing, 0),
		     UG_ENOTFOUND);
	assert_content("f", "old\n");
	teardown(&f);
}

Test(entry, remove_deletes_emptied_directories_up_to_the_top)
{
	struct fixture f;

	setup(&f);
	assert_ok(fs_mkdir_p("a/b/c", 0777));
	assert_ok(fs_mkdir_p("a/other", 0777));
	write_file("a/b/c/f", "f\n", 2);
	assert_ok(entry_remove(&f.es, "a/b/c/f"));
	cr_assert(!fs_exists("a/b"));
	cr_assert(fs_exists("a/other"), "a directory that is not empty stays");
	assert_ok(entry_remove(&f.es, "a/b/c/f"));	/* already gone: fine */
	teardown(&f);
}

Test(entry, writes_into_a_directory_made_again_after_removal)
{
	struct fixture f;
	struct stat st;

	setup(&f);
	assert_ok(fs_mkdir_p("d/e", 0777));
	write_file("d/e/f", "f\n", 2);
	assert_ok(entry_remove(&f.es, "d/e/f"));
	cr_assert(!fs_exists("d"));
	assert_ok(entry_write(&st, &f.es, f.repo->odb, "d/a", TREE_MODE_SYMLINK, &f.blob, 0));
	cr_assert_eq(lstat("d/a", &st), 0);
	cr_assert(S_ISLNK(st.st_mode));
	teardown(&f);
}

Test(entry, remove_leaves_a_directory_alone)
{
	struct fixture f;

	setup(&f);
	assert_ok(fs_mkdir_p("d/sub", 0777));
	write_file("d/sub/mine", "mine\n", 5);
	cr_assert_eq(entry_remove(&f.es, "d/sub"), 1);
	assert_content("d/sub/mine", "mine\n");
	teardown(&f);
}

Test(entry, remove_does_not_reach_through_a_link)
{
	struct fixture f;

	setup(&f);
	write_file("../outside/f", "keep\n", 5);
	cr_assert_eq(symlink("../outside", "lnk"), 0);
	assert_ok(entry_remove(&f.es, "lnk/f"));
	assert_content("../outside/f", "keep\n");
	assert_ok(entry_remove(&f.es, "lnk"));
	cr_assert(!fs_exists("lnk"));
	assert_content("../outside/f", "keep\n");
	teardown(&f);
}
