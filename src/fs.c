/* fs: path joining, whole-file I/O, mkdir -p and directory listing. */
#include "ugit/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

void fs_path_join(struct strbuf *out, const char *a, const char *b)
{
	size_t la = strlen(a);

	strbuf_addstr(out, a);
	if (la && a[la - 1] != '/' && *b)
		strbuf_addch(out, '/');
	strbuf_addstr(out, b);
}

int fs_read_file(struct strbuf *out, const char *path)
{
	struct stat st;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ug_error_errno("could not open '%s' for reading", path);
	if (fstat(fd, &st) < 0) {
		err = ug_error_errno("could not stat '%s'", path);
		close(fd);
		return err;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return ug_error(UG_ERROR, "could not read '%s': Is a directory", path);
	}
	err = strbuf_read_fd(out, fd, (size_t)st.st_size);
	close(fd);
	if (err < 0)
		return ug_error(err, "could not read '%s': %s", path, ug_error_last());
	return 0;
}

int fs_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return ug_error_errno("write error");
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

ssize_t fs_read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, p + got, len - got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return ug_error_errno("read error");
		}
		if (!n)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

int fs_mkdir_p(const char *path, mode_t mode)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int err = 0;

	strbuf_addstr(&sb, path);
	for (i = 1; i <= sb.len && !err; i++) {
		if (i < sb.len && sb.buf[i] != '/')
			continue;
		sb.buf[i] = '\0';
		/* a file on the way gives ENOTDIR below it: git says "File exists" */
		if (mkdir(sb.buf, mode) < 0 && !(errno == EEXIST && fs_is_dir(sb.buf)))
			err = ug_error(UG_ERROR, "cannot mkdir %s: %s", path,
				       strerror(errno == ENOTDIR ? EEXIST : errno));
		if (i < sb.len)
			sb.buf[i] = '/';
	}
	strbuf_release(&sb);
	return err;
}

int fs_exists(const char *path)
{
	struct stat st;

	return !lstat(path, &st);
}

int fs_is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* Append `path` to `out` (which holds an absolute path), folding . and .. */
static void append_normal(struct strbuf *out, const char *path)
{
	while (*path) {
		size_t n = strcspn(path, "/");
		const char *end = path + n;

		if (!n || (n == 1 && path[0] == '.')) {
			/* empty or "." component: nothing to add */
		} else if (n == 2 && path[0] == '.' && path[1] == '.') {
			char *slash = strrchr(out->buf, '/');

			strbuf_setlen(out, slash && slash != out->buf ?
				      (size_t)(slash - out->buf) : 1);
		} else {
			if (out->buf[out->len - 1] != '/')
				strbuf_addch(out, '/');
			strbuf_add(out, path, n);
		}
		path = *end ? end + 1 : end;
	}
}

int fs_absolute_path(struct strbuf *out, const char *path)
{
	struct strbuf tmp = STRBUF_INIT;

	if (*path == '/') {
		strbuf_addch(&tmp, '/');
	} else {
		char *cwd = getcwd(NULL, 0);

		if (!cwd)
			return ug_error_errno("unable to get current working directory");
		strbuf_addstr(&tmp, cwd);
		free(cwd);
	}
	append_normal(&tmp, path);
	strbuf_addbuf(out, &tmp);
	strbuf_release(&tmp);
	return 0;
}

int fs_real_path(struct strbuf *out, const char *path)
{
	char *r = realpath(path, NULL);

	if (!r)
		return ug_error_errno("invalid path '%s'", path);
	strbuf_addstr(out, r);
	free(r);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int fs_list_dir(char ***names_out, size_t *nr_out, const char *path)
{
	char **names = NULL;
	size_t nr = 0, alloc = 0;
	struct dirent *de;
	DIR *dir = opendir(path);

	*names_out = NULL;
	*nr_out = 0;
	if (!dir)
		return ug_error_errno("cannot open directory '%s'", path);
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		ALLOC_GROW(names, nr + 1, alloc);
		names[nr++] = xstrdup(de->d_name);
	}
	closedir(dir);
	if (nr)
		qsort(names, nr, sizeof(*names), cmp_names);
	*names_out = names;
	*nr_out = nr;
	return 0;
}

void fs_free_names(char **names, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
}
