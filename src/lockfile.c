/* lockfile: "<file>.lock" with O_EXCL, commit by rename, cleanup on exit. */
#include "ugit/lockfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

/*
 * The second global STYLE.md allows: the locks to remove if we die.
 * A lock is listed from acquire to commit/rollback.  The signal handler
 * reads `path` pointers, so `active` is set only once the string is
 * complete and cleared before it is freed.
 */
static struct lockfile **held;
static size_t held_nr, held_alloc;
static int handlers_installed;

static void remove_held_locks(void)
{
	size_t i;

	for (i = 0; i < held_nr; i++) {
		char *p = held[i]->path;

		if (p && held[i]->active)
			unlink(p);
	}
}

static void on_signal(int sig)
{
	remove_held_locks();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
	size_t i;

	if (handlers_installed)
		return;
	handlers_installed = 1;
	atexit(remove_held_locks);
	for (i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		signal(sigs[i], on_signal);
}

static void track(struct lockfile *lk)
{
	size_t i;

	install_handlers();
	for (i = 0; i < held_nr; i++)
		if (held[i] == lk)
			return;
	ALLOC_GROW(held, held_nr + 1, held_alloc);
	held[held_nr++] = lk;
}

int lockfile_acquire(struct lockfile *lk, const char *path)
{
	struct strbuf lock = STRBUF_INIT;
	int fd;

	strbuf_addf(&lock, "%s.lock", path);
	fd = open(lock.buf, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		int err;

		if (errno == EEXIST) {
			struct strbuf abs = STRBUF_INIT;

			fs_absolute_path(&abs, lock.buf);
			err = ug_error(UG_ELOCKED,
				"Unable to create '%s': File exists.\n\n"
				"Another git process seems to be running in this repository, e.g.\n"
				"an editor opened by 'git commit'. Please make sure all processes\n"
				"are terminated then try again. If it still fails, a git process\n"
				"may have crashed in this repository earlier:\n"
				"remove the file manually to continue.", abs.buf);
			strbuf_release(&abs);
		} else {
			struct strbuf abs = STRBUF_INIT;

			fs_absolute_path(&abs, lock.buf);
			err = ug_error_errno("Unable to create '%s'", abs.buf);
			strbuf_release(&abs);
			if (err == UG_ENOTFOUND)
				err = UG_ERROR;
		}
		strbuf_release(&lock);
		return err;
	}
	lk->fd = fd;
	lk->active = 0;
	lk->path = strbuf_detach(&lock, NULL);
	track(lk);
	lk->active = 1;
	return 0;
}

void tempfile_track(struct lockfile *tf, const char *path, int fd)
{
	tf->fd = fd;
	tf->active = 0;
	tf->path = xstrdup(path);
	track(tf);
	tf->active = 1;
}

int lockfile_write(struct lockfile *lk, const void *buf, size_t len)
{
	if (lk->fd < 0)
		BUG("write to a lockfile that is not held");
	return fs_write_all(lk->fd, buf, len);
}

/* Forget `lk`: it may live on a stack frame that is about to return. */
static void release(struct lockfile *lk)
{
	char *p = lk->path;
	size_t i;

	lk->active = 0;
	lk->path = NULL;
	for (i = 0; i < held_nr; i++) {
		if (held[i] == lk) {
			held[i] = held[--held_nr];
			break;
		}
	}
	free(p);
}

int lockfile_commit(struct lockfile *lk)
{
	size_t n;
	char *target;
	int err = 0;

	if (!lk->path)
		BUG("commit of a lockfile that is not held");
	if (close(lk->fd) < 0)
		err = ug_error_errno("could not close '%s'", lk->path);
	lk->fd = -1;
	n = strlen(lk->path) - strlen(".lock");
	target = xmemdupz(lk->path, n);
	if (!err && rename(lk->path, target) < 0)
		err = ug_error_errno("unable to rename '%s' to '%s'", lk->path, target);
	if (err)
		unlink(lk->path);
	free(target);
	release(lk);
	return err;
}

void lockfile_rollback(struct lockfile *lk)
{
	if (lk->fd >= 0)
		close(lk->fd);
	lk->fd = -1;
	if (lk->path)
		unlink(lk->path);
	release(lk);
}
