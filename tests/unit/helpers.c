/* Shared helpers for the unit tests: sandboxes and the real git as an oracle. */
#include "helpers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/fs.h"
#include "ugit/strbuf.h"

static char sandbox[4096];

static void pin_environment(void)
{
	/* the same pins as tests/interop/lib.sh: no user config, fixed identity */
	setenv("LC_ALL", "C", 1);
	setenv("TZ", "UTC", 1);
	setenv("HOME", "/nonexistent", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	setenv("GIT_AUTHOR_NAME", "A U Thor", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.com", 1);
	setenv("GIT_AUTHOR_DATE", "1112911993 -0700", 1);
	setenv("GIT_COMMITTER_NAME", "C O Mitter", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.com", 1);
	setenv("GIT_COMMITTER_DATE", "1112911993 -0700", 1);
}

void sandbox_init(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(sandbox, sizeof(sandbox), "%s/ugit-unit.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(sandbox), "mkdtemp failed");
	cr_assert_eq(chdir(sandbox), 0);
	pin_environment();
	/* never let discovery walk out of the sandbox into another repository */
	setenv("GIT_CEILING_DIRECTORIES", sandbox, 1);
}

void sandbox_fini(void)
{
	struct strbuf cmd = STRBUF_INIT;

	if (!sandbox[0])
		return;
	if (chdir("/") != 0)
		return;
	strbuf_addf(&cmd, "chmod -R u+w '%s' 2>/dev/null; rm -rf '%s'",
		    sandbox, sandbox);
	if (system(cmd.buf) != 0)
		fprintf(stderr, "could not remove %s\n", sandbox);
	strbuf_release(&cmd);
}

const char *sandbox_path(void)
{
	return sandbox;
}

static char *run(int want_output, const char *fmt, va_list ap)
{
	struct strbuf cmd = STRBUF_INIT, out = STRBUF_INIT;
	FILE *p;
	int status;

	strbuf_addstr(&cmd, "git ");
	strbuf_vaddf(&cmd, fmt, ap);
	p = popen(cmd.buf, "r");
	cr_assert_not_null(p, "popen(%s)", cmd.buf);
	if (strbuf_read_fd(&out, fileno(p), 0) < 0)
		cr_assert_fail("reading from %s", cmd.buf);
	status = pclose(p);
	cr_assert_eq(status, 0, "'%s' failed with status %d", cmd.buf, status);
	strbuf_release(&cmd);
	while (out.len && out.buf[out.len - 1] == '\n')
		strbuf_setlen(&out, out.len - 1);
	if (!want_output) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out, NULL);
}

void git(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	run(0, fmt, ap);
	va_end(ap);
}

char *git_output(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = run(1, fmt, ap);
	va_end(ap);
	return s;
}

void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f, "fopen(%s)", path);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

char *read_file(const char *path, size_t *len_out)
{
	struct strbuf sb = STRBUF_INIT;

	if (fs_read_file(&sb, path) < 0)
		cr_assert_fail("%s", ug_error_last());
	return strbuf_detach(&sb, len_out);
}
