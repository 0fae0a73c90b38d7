#ifndef UGIT_LOCKFILE_H
#define UGIT_LOCKFILE_H

/*
 * lockfile - git's protocol for replacing a file atomically.
 *
 * To change <file>, create "<file>.lock" with O_CREAT|O_EXCL (so only one
 * writer can hold it), write the new content into it, then rename it over
 * <file> (commit) or unlink it (rollback).  Readers never block and see the
 * old content or the new one, never a mix.  Locks still held when the
 * process exits, or is killed by SIGINT/SIGTERM/SIGHUP/SIGQUIT/SIGPIPE, are
 * removed; only SIGKILL can leave a stale lock behind.
 */

#include <stddef.h>

struct lockfile {
	char *path;		/* "<file>.lock"; NULL when not held */
	int fd;			/* open for writing while held, else -1 */
	int active;		/* registered for removal at exit */
};

#define LOCKFILE_INIT { NULL, -1, 0 }

/*
 * Create "<path>.lock".  Returns 0; UG_ELOCKED if it exists, with git's
 * message "Unable to create '<abs>.lock': File exists.\n\nAnother git
 * process seems to be running..." (see lockfile_message()); UG_ERROR for
 * other failures.  The lockfile struct must stay alive (not on a stack
 * frame that returns) until it is committed or rolled back.
 */
int lockfile_acquire(struct lockfile *lk, const char *path);

/* Write to the lock. */
int lockfile_write(struct lockfile *lk, const void *buf, size_t len);

/* Close and rename "<path>.lock" to <path>.  The lock is released either way. */
int lockfile_commit(struct lockfile *lk);

/* Remove the lock if still held; safe to call on a released lock. */
void lockfile_rollback(struct lockfile *lk);

/*
 * Track a temporary file that is not a lock (odb's tmp_obj_*): `path`
 * (copied) was just created and is open as `fd`.  Until lockfile_rollback()
 * it is removed at exit and on the signals above, like a lock.  Nothing
 * renames it: the caller links it into place, then rolls back.
 */
void tempfile_track(struct lockfile *tf, const char *path, int fd);

#endif /* UGIT_LOCKFILE_H */
