#ifndef UGIT_FS_H
#define UGIT_FS_H

/*
 * fs - small file-system helpers shared by the storage modules.
 *
 * Every function returns 0 or a negative UG_E* code with a message that
 * names the path (UG_ENOTFOUND when the path does not exist).
 */

#include <stddef.h>
#include <sys/types.h>

struct strbuf;

/* Append `a` + "/" + `b` to `out` (no "/" doubled, none when `a` is empty). */
void fs_path_join(struct strbuf *out, const char *a, const char *b);

/* Append the whole content of `path` to `out`. */
int fs_read_file(struct strbuf *out, const char *path);

/* Write all of `len` bytes to `fd`, retrying short writes and EINTR. */
int fs_write_all(int fd, const void *buf, size_t len);
/* Read exactly `len` bytes unless EOF comes first; returns bytes read or <0. */
ssize_t fs_read_all(int fd, void *buf, size_t len);

/*
 * mkdir -p: create `path` and missing parents with `mode`.  Fails with
 * git's "cannot mkdir <path>: <reason>" (UG_ERROR), the reason "File
 * exists" also when a leading component is a file.
 */
int fs_mkdir_p(const char *path, mode_t mode);

/* 1 if `path` exists (lstat) / is a directory (stat), else 0; never fails. */
int fs_exists(const char *path);
int fs_is_dir(const char *path);

/*
 * Make `path` absolute (relative to the current directory) and
 * lexically normal (no ".", "..", or "//"); symbolic links are not
 * resolved.  Appends to `out`.
 */
int fs_absolute_path(struct strbuf *out, const char *path);

/* Append realpath(path) to `out`. */
int fs_real_path(struct strbuf *out, const char *path);

/*
 * Sorted list of the names in directory `path` (without "." and "..").
 * Caller owns *names_out (each string and the array); free with
 * fs_free_names().
 */
int fs_list_dir(char ***names_out, size_t *nr_out, const char *path);
void fs_free_names(char **names, size_t nr);

#endif /* UGIT_FS_H */
