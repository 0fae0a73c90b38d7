/* Unit tests: layer 0 (strbuf, fs, lockfile, error, xalloc). */
#include "helpers.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ugit/fs.h"
#include "ugit/lockfile.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

TestSuite(lockfile, .init = sandbox_init, .fini = sandbox_fini);
TestSuite(fs, .init = sandbox_init, .fini = sandbox_fini);

Test(strbuf, empty_is_valid_string)
{
	struct strbuf sb = STRBUF_INIT;

	cr_assert_not_null(sb.buf);
	cr_assert_str_eq(sb.buf, "");
	strbuf_release(&sb);
	cr_assert_str_eq(sb.buf, "");
}

Test(strbuf, add_and_format_grow)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	for (i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i);
	cr_assert(starts_with(sb.buf, "0,1,2,"));
	cr_assert(ends_with(sb.buf, "998,999,"));
	cr_assert_eq(strlen(sb.buf), sb.len);
	strbuf_release(&sb);
}

Test(strbuf, holds_nul_bytes)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, "a\0b", 3);
	strbuf_addch(&sb, 0);
	cr_assert_eq(sb.len, 4);
	cr_assert_eq(memcmp(sb.buf, "a\0b\0", 5), 0);
	strbuf_release(&sb);
}

Test(strbuf, trim_and_detach)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	char *s;

	strbuf_addstr(&sb, "  \t hi there \n");
	strbuf_trim(&sb);
	cr_assert_str_eq(sb.buf, "hi there");
	s = strbuf_detach(&sb, &len);
	cr_assert_eq(len, 8);
	cr_assert_str_eq(s, "hi there");
	cr_assert_str_eq(sb.buf, "");
	free(s);
}

Test(strbuf, prefix_helpers)
{
	const char *rest;

	cr_assert(skip_prefix("--git-dir=x", "--git-dir=", &rest));
	cr_assert_str_eq(rest, "x");
	cr_assert_not(skip_prefix("--git", "--git-dir=", &rest));
	cr_assert(ends_with("a.lock", ".lock"));
	cr_assert_not(ends_with("lock", ".lock"));
}

Test(xalloc, size_overflow_dies, .exit_code = 128)
{
	st_mult((size_t)-1, 2);
}

Test(error, die_exits_128, .exit_code = 128)
{
	die("boom");
}

Test(error, last_message_and_codes)
{
	cr_assert_eq(ug_error(UG_EINVALID, "bad %s", "thing"), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "bad thing");
	ug_error_clear();
	cr_assert_str_eq(ug_error_last(), "unknown error");
}

Test(fs, absolute_path_is_lexically_normal)
{
	struct strbuf sb = STRBUF_INIT;

	assert_ok(fs_absolute_path(&sb, "/a/./b//c/../d/"));
	cr_assert_str_eq(sb.buf, "/a/b/d");
	strbuf_reset(&sb);
	assert_ok(fs_absolute_path(&sb, "/.."));
	cr_assert_str_eq(sb.buf, "/");
	strbuf_release(&sb);
}

Test(fs, mkdir_p_read_write_list)
{
	struct strbuf sb = STRBUF_INIT;
	char **names;
	size_t nr;

	assert_ok(fs_mkdir_p("x/y/z", 0777));
	cr_assert(fs_is_dir("x/y/z"));
	assert_ok(fs_mkdir_p("x/y/z", 0777));	/* twice is fine */
	write_file("x/b", "bee", 3);
	write_file("x/a", "ay", 2);
	assert_ok(fs_read_file(&sb, "x/b"));
	cr_assert_str_eq(sb.buf, "bee");
	assert_ok(fs_list_dir(&names, &nr, "x"));
	cr_assert_eq(nr, 3);
	cr_assert_str_eq(names[0], "a");
	cr_assert_str_eq(names[1], "b");
	cr_assert_str_eq(names[2], "y");
	fs_free_names(names, nr);
	cr_assert_eq(fs_read_file(&sb, "missing"), UG_ENOTFOUND);
	cr_assert_eq(fs_mkdir_p("x/b/c", 0777), UG_ERROR);	/* b is a file */
	cr_assert_str_eq(ug_error_last(), "cannot mkdir x/b/c: File exists");
	cr_assert_eq(fs_mkdir_p("x/b", 0777), UG_ERROR);
	cr_assert_str_eq(ug_error_last(), "cannot mkdir x/b: File exists");
	strbuf_release(&sb);
}

Test(lockfile, commit_replaces_atomically)
{
	struct lockfile lk = LOCKFILE_INIT;
	char *s;

	write_file("f", "old", 3);
	assert_ok(lockfile_acquire(&lk, "f"));
	cr_assert(fs_exists("f.lock"));
	assert_ok(lockfile_write(&lk, "new", 3));
	s = read_file("f", NULL);
	cr_assert_str_eq(s, "old");	/* readers see the old content meanwhile */
	free(s);
	assert_ok(lockfile_commit(&lk));
	cr_assert_not(fs_exists("f.lock"));
	s = read_file("f", NULL);
	cr_assert_str_eq(s, "new");
	free(s);
}

Test(lockfile, existing_lock_is_refused_and_kept)
{
	struct lockfile lk = LOCKFILE_INIT;

	write_file("f.lock", "someone", 7);
	cr_assert_eq(lockfile_acquire(&lk, "f"), UG_ELOCKED);
	cr_assert(strstr(ug_error_last(), "f.lock': File exists."));
	cr_assert(fs_exists("f.lock"));
	cr_assert_not(fs_exists("f"));
}

Test(lockfile, rollback_removes_lock)
{
	struct lockfile lk = LOCKFILE_INIT;

	write_file("f", "old", 3);
	assert_ok(lockfile_acquire(&lk, "f"));
	lockfile_rollback(&lk);
	lockfile_rollback(&lk);		/* twice is harmless */
	cr_assert_not(fs_exists("f.lock"));
	free(read_file("f", NULL));
}

Test(lockfile, removed_at_exit_and_on_signal)
{
	int sig;

	for (sig = 0; sig < 2; sig++) {
		pid_t pid = fork();
		int status;

		cr_assert_geq(pid, 0);
		if (!pid) {
			static struct lockfile lk = LOCKFILE_INIT;

			if (lockfile_acquire(&lk, "f") < 0)
				_exit(3);
			if (sig)
				raise(SIGTERM);
			exit(0);	/* atexit handler must remove it */
		}
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		if (sig)
			cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
		else
			cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		cr_assert_not(fs_exists("f.lock"), "lock left behind (sig=%d)", sig);
	}
}
