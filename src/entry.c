/* entry.c - write and remove work-tree files for checkout, never through a symbolic link. */
#include "ugit/entry.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/odb.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

int entry_state_open(struct entry_state *es, const char *worktree)
{
	es->topfd = open(worktree, DIR_FLAGS & ~O_NOFOLLOW);
	if (es->topfd < 0)
		return ug_error_errno("cannot open work tree '%s'", worktree);
	es->dirfd = -1;
	strbuf_setlen(&es->dir, 0);
	return 0;
}

static void drop_cache(struct entry_state *es)
{
	if (es->dirfd >= 0)
		close(es->dirfd);
	es->dirfd = -1;
	strbuf_setlen(&es->dir, 0);
}

void entry_state_release(struct entry_state *es)
{
	drop_cache(es);
	if (es->topfd >= 0)
		close(es->topfd);
	es->topfd = -1;
	strbuf_release(&es->dir);
}

/* Length of the directory part of `path`, with its '/' ("a/b/" of "a/b/c"). */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path + 1) : 0;
}

/*
 * Enter one component `name` below `fd`.  A symbolic link or a file there
 * fails with ELOOP or ENOTDIR (O_NOFOLLOW | O_DIRECTORY): it is replaced
 * by a directory only with `force`; a missing one is made if `create`.
 */
static int enter(int fd, const char *name, int create, int force)
{
	int sub = openat(fd, name, DIR_FLAGS);

	if (sub >= 0 || !create)
		return sub;
	if ((errno == ELOOP || errno == ENOTDIR) && force) {
		if (unlinkat(fd, name, 0) < 0)
			return -1;
	} else if (errno != ENOENT) {
		return -1;
	}
	if (mkdirat(fd, name, 0777) < 0 && errno != EEXIST)
		return -1;
	return openat(fd, name, DIR_FLAGS);
}

/*
 * A descriptor of the directory `path[0..len)` ("" or "a/b/"), walked
 * from the top (or from the cached directory when it is a prefix) one
 * component at a time.  The result is cached and owned by `es`.
 */
static int open_dir(struct entry_state *es, const char *path, size_t len,
		    int create, int force)
{
	struct strbuf comp = STRBUF_INIT;
	size_t pos = 0;
	int fd = es->topfd, sub;

	if (!len)
		return es->topfd;
	if (es->dirfd >= 0 && es->dir.len == len && !memcmp(es->dir.buf, path, len))
		return es->dirfd;
	if (es->dirfd >= 0 && es->dir.len < len && !memcmp(es->dir.buf, path, es->dir.len)) {
		fd = es->dirfd;		/* go on from the cached prefix */
		pos = es->dir.len;
		es->dirfd = -1;
	}
	drop_cache(es);
	while (pos < len) {
		const char *slash = memchr(path + pos, '/', len - pos);

		strbuf_setlen(&comp, 0);
		strbuf_add(&comp, path + pos, (size_t)(slash - path) - pos);
		sub = enter(fd, comp.buf, create, force);
		if (fd != es->topfd)
			close(fd);
		if (sub < 0) {
			int err = (errno == ENOENT) ? UG_ENOTFOUND :
				  (errno == ELOOP || errno == ENOTDIR) ? UG_EEXISTS : UG_ERROR;

			strbuf_release(&comp);
			return ug_error(err, "cannot create directory at '%.*s': %s",
					(int)(slash - path), path, strerror(errno));
		}
		fd = sub;
		pos = (size_t)(slash - path) + 1;
	}
	strbuf_release(&comp);
	es->dirfd = fd;
	strbuf_add(&es->dir, path, len);
	return fd;
}

/* rm -rf `name` below `fd`, never following a link. */
static int remove_tree(int fd, const char *name)
{
	int sub = openat(fd, name, DIR_FLAGS), err = 0;
	struct dirent *de;
	struct stat st;
	DIR *dir;

	if (sub < 0)
		return -1;
	dir = fdopendir(sub);
	if (!dir) {
		close(sub);
		return -1;
	}
	while (!err && (de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(sub, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			err = -1;
		else if (S_ISDIR(st.st_mode))
			err = remove_tree(sub, de->d_name);
		else
			err = unlinkat(sub, de->d_name, 0);
	}
	closedir(dir);
	return err ? err : unlinkat(fd, name, AT_REMOVEDIR);
}

/*
 * Make room for a new file at `name`: unlink what is there (the old
 * version, or a link planted there - unlinking a link never touches its
 * target).  A directory goes only with ENTRY_FORCE.
 */
static int clear_leaf(int fd, const char *name, const char *path, unsigned flags)
{
	struct stat st;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 :
			ug_error_errno("unable to stat '%s'", path);
	if (!S_ISDIR(st.st_mode)) {
		if (unlinkat(fd, name, 0) < 0)
			return ug_error_errno("unable to unlink '%s'", path);
		return 0;
	}
	if (!(flags & ENTRY_FORCE))
		return ug_error(UG_EEXISTS, "cannot create file '%s': a directory is in the way",
				path);
	if (remove_tree(fd, name) < 0)
		return ug_error_errno("cannot remove directory '%s'", path);
	return 0;
}

static int write_blob(int fd, const char *name, const char *path,
		      unsigned mode, const struct odb_object *blob, struct stat *st)
{
	int out;

	if (mode == TREE_MODE_SYMLINK) {
		if (symlinkat(blob->data.buf, fd, name) < 0)
			return ug_error_errno("unable to create symlink '%s'", path);
		if (fstatat(fd, name, st, AT_SYMLINK_NOFOLLOW) < 0)
			return ug_error_errno("unable to stat '%s'", path);
		return 0;
	}
	/* O_EXCL: if anything appeared at the name since, fail rather than follow it. */
	out = openat(fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		     mode == TREE_MODE_EXEC ? 0777 : 0666);
	if (out < 0)
		return ug_error_errno("unable to create file %s", path);
	if (fs_write_all(out, blob->data.buf, blob->data.len) < 0 || fstat(out, st) < 0) {
		int err = ug_error_errno("unable to write file %s", path);

		close(out);
		return err;
	}
	if (close(out) < 0)
		return ug_error_errno("unable to write file %s", path);
	return 0;
}

static int write_gitlink(int fd, const char *name, const char *path,
			 struct stat *st, unsigned flags)
{
	if (fstatat(fd, name, st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st->st_mode))
		return 0;
	if (clear_leaf(fd, name, path, flags) < 0)
		return UG_ERROR;
	if (mkdirat(fd, name, 0777) < 0 || fstatat(fd, name, st, AT_SYMLINK_NOFOLLOW) < 0)
		return ug_error_errno("cannot create directory at '%s'", path);
	return 0;
}

int entry_write(struct stat *st, struct entry_state *es, struct odb *odb,
		const char *path, unsigned mode, const struct oid *oid,
		unsigned flags)
{
	struct odb_object blob = ODB_OBJECT_INIT;
	size_t dlen = dir_len(path);
	const char *name = path + dlen;
	char hex[UG_OID_HEXSZ + 1];
	int fd, err;

	fd = open_dir(es, path, dlen, 1, flags & ENTRY_FORCE);
	if (fd < 0)
		return fd;
	if (mode == TREE_MODE_GITLINK)
		return write_gitlink(fd, name, path, st, flags);
	/* Read the blob before touching the old file: a missing blob changes nothing. */
	err = odb_read(&blob, odb, oid);
	if (!err && blob.type != OBJ_BLOB)
		err = ug_error(UG_EINVALID, "object %s is not a blob", oid_to_hex(hex, oid));
	if (!err)
		err = clear_leaf(fd, name, path, flags);
	if (!err)
		err = write_blob(fd, name, path, mode, &blob, st);
	odb_object_release(&blob);
	return err;
}

/*
 * Remove the directories of `path` (its first `dlen` bytes, "a/b/") that
 * are empty, deepest first, stopping at the first that is not.
 */
static void remove_empty_dirs(struct entry_state *es, const char *path, size_t dlen)
{
	struct strbuf name = STRBUF_INIT;
	size_t plen;
	int fd;

	while (dlen > 0) {
		for (plen = dlen - 1; plen > 0 && path[plen - 1] != '/'; plen--)
			;
		fd = open_dir(es, path, plen, 0, 0);
		if (fd < 0)
			break;
		strbuf_setlen(&name, 0);
		strbuf_add(&name, path + plen, dlen - 1 - plen);
		if (unlinkat(fd, name.buf, AT_REMOVEDIR) < 0)
			break;
		/*
		 * The cache may hold the directory just removed (the top's
		 * descriptor is not cached): never reuse a stale "is a
		 * directory" answer after a removal.
		 */
		if (es->dir.len >= dlen && !memcmp(es->dir.buf, path, dlen))
			drop_cache(es);
		dlen = plen;
	}
	strbuf_release(&name);
}

int entry_remove(struct entry_state *es, const char *path)
{
	size_t dlen = dir_len(path);
	struct stat st;
	int fd;

	fd = open_dir(es, path, dlen, 0, 0);
	if (fd < 0) {
		ug_error_clear();	/* gone already, or not ours to reach */
		return 0;
	}
	if (fstatat(fd, path + dlen, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
		return 1;	/* it may hold untracked files: not ours */
	if (unlinkat(fd, path + dlen, 0) < 0 && errno != ENOENT)
		return ug_error_errno("unable to unlink '%s'", path);
	remove_empty_dirs(es, path, dlen);
	ug_error_clear();
	return 0;
}

int entry_lstat(struct stat *st, struct entry_state *es, const char *path)
{
	size_t dlen = dir_len(path);
	int fd = open_dir(es, path, dlen, 0, 0);

	if (fd < 0)
		return fd;
	if (fstatat(fd, path + dlen, st, AT_SYMLINK_NOFOLLOW) < 0)
		return ug_error_errno("unable to stat '%s'", path);
	return 0;
}

size_t entry_blocker(struct entry_state *es, const char *path)
{
	struct stat st;
	const char *p;
	size_t len;

	/* Shortest prefix first: we stop at the first non-directory, so nothing is followed. */
	for (p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
		char *prefix = xstrndup(path, (size_t)(p - path));
		int r = fstatat(es->topfd, prefix, &st, AT_SYMLINK_NOFOLLOW);

		free(prefix);
		if (r < 0)
			return 0;
		len = (size_t)(p - path);
		if (!S_ISDIR(st.st_mode))
			return len;
	}
	return 0;
}
