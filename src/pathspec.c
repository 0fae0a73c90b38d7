/* pathspec: command-line paths made relative to the top, and matched as git does. */
#include "ugit/pathspec.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ugit/error.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/wildmatch.h"
#include "ugit/xalloc.h"

static int outside(const char *arg, const struct repo *repo)
{
	return ug_error(UG_EINVALID, "%s: '%s' is outside repository at '%s'",
			arg, arg, repo->worktree ? repo->worktree : repo->gitdir);
}

/*
 * Resolve "." and ".." and drop empty components of `in`, appending to
 * `out` with a "/" after every component.  Returns 1 if the last
 * component named a directory ("." or ".."), 0 if not, -1 if ".." climbs
 * above the top.
 */
static int normalize(struct strbuf *out, const char *in)
{
	const char *p = in;
	int dir = 0;

	while (*p) {
		size_t n = strcspn(p, "/");

		dir = 0;
		if (n == 2 && !strncmp(p, "..", 2)) {
			char *slash;

			if (!out->len)
				return -1;
			strbuf_setlen(out, out->len - 1);
			slash = strrchr(out->buf, '/');
			strbuf_setlen(out, slash ? (size_t)(slash - out->buf) + 1 : 0);
			dir = 1;
		} else if (n == 1 && *p == '.') {
			dir = 1;
		} else if (n) {
			strbuf_add(out, p, n);
			strbuf_addch(out, '/');
		}
		p += n;
		while (*p == '/')
			p++;
	}
	return dir;
}

/* `arg` as a path from the top of the work tree, into `out`. */
static int prefix_path(struct strbuf *out, const struct repo *repo,
		       const char *arg)
{
	struct strbuf in = STRBUF_INIT;
	const char *top = repo->worktree ? repo->worktree : "";
	size_t n = strlen(top);
	int dir, err = 0;

	if (*arg == '/') {
		if (!repo->worktree || strncmp(arg, top, n) || (arg[n] && arg[n] != '/'))
			return outside(arg, repo);
		strbuf_addstr(&in, arg + n);
	} else {
		strbuf_addf(&in, "%s%s", repo->prefix ? repo->prefix : "", arg);
	}
	dir = normalize(out, in.buf);
	if (dir < 0)
		err = outside(arg, repo);
	/* every component got a "/"; it stays only where the argument meant a directory */
	else if (out->len && !dir && arg[strlen(arg) - 1] != '/')
		strbuf_setlen(out, out->len - 1);
	strbuf_release(&in);
	return err;
}

int pathspec_parse(struct pathspec *ps, struct repo *repo,
		   char *const *args, size_t nr)
{
	struct strbuf path = STRBUF_INIT;
	size_t i;
	int err = 0;

	ps->items = xcalloc(nr ? nr : 1, sizeof(*ps->items));
	ps->nr = 0;
	for (i = 0; i < nr && !err; i++) {
		struct pathspec_item *item = &ps->items[ps->nr];

		if (!*args[i]) {
			err = ug_error(UG_EINVALID, "empty string is not a valid pathspec. "
				       "please use . instead if you meant to match all paths");
			break;
		}
		strbuf_reset(&path);
		err = prefix_path(&path, repo, args[i]);
		if (err < 0)
			break;
		item->original = xstrdup(args[i]);
		item->len = path.len;
		item->match = strbuf_detach(&path, NULL);
		item->nowildcard_len = strcspn(item->match, "*?[\\");
		ps->nr++;
	}
	strbuf_release(&path);
	if (err < 0)
		pathspec_release(ps);
	return err;
}

void pathspec_release(struct pathspec *ps)
{
	size_t i;

	for (i = 0; i < ps->nr; i++) {
		free(ps->items[i].match);
		free(ps->items[i].original);
	}
	free(ps->items);
	ps->items = NULL;
	ps->nr = 0;
}

int pathspec_item_match(const struct pathspec_item *item, const char *path)
{
	const char *m = item->match;
	size_t len = item->len, plen = strlen(path);

	if (!len)
		return PATHSPEC_RECURSIVE;
	if (len <= plen && !memcmp(m, path, len)) {
		if (len == plen)
			return PATHSPEC_EXACT;
		if (m[len - 1] == '/' || path[len] == '/')
			return PATHSPEC_RECURSIVE;
	}
	/* the literal head must agree before the glob is worth running */
	if (item->nowildcard_len < len &&
	    !strncmp(m, path, item->nowildcard_len) && wildmatch(m, path, 0))
		return PATHSPEC_GLOB;
	return PATHSPEC_NONE;
}

int pathspec_match(const struct pathspec *ps, const char *path, char *seen)
{
	int best = ps && ps->nr ? PATHSPEC_NONE : PATHSPEC_RECURSIVE, m;
	size_t i;

	for (i = 0; ps && i < ps->nr; i++) {
		m = pathspec_item_match(&ps->items[i], path);
		if (!m)
			continue;
		if (seen)
			seen[i] = 1;
		if (m > best)
			best = m;
	}
	return best;
}

int pathspec_reaches_dir(const struct pathspec *ps, const char *dir, size_t len)
{
	size_t i;

	if (!ps || !ps->nr)
		return 1;
	for (i = 0; i < ps->nr; i++) {
		const struct pathspec_item *item = &ps->items[i];
		size_t n = item->nowildcard_len;

		/* the item's literal head runs on inside dir */
		if (n >= len) {
			if (!memcmp(item->match, dir, len))
				return 1;
			continue;
		}
		if (memcmp(item->match, dir, n))
			continue;
		/* a glob may match anything below; a literal must end at a "/" */
		if (n < item->len || !n || item->match[n - 1] == '/' || dir[n] == '/')
			return 1;
	}
	return 0;
}

/* 1 if a leading directory of the first `len` bytes of `path` is a symlink. */
static int has_symlink_leading_path(struct strbuf *abs, const char *path,
				    size_t len)
{
	size_t base = abs->len, i;
	struct stat st;

	for (i = 0; i < len; i++) {
		if (path[i] != '/')
			continue;
		strbuf_setlen(abs, base);
		strbuf_addch(abs, '/');
		strbuf_add(abs, path, i);
		if (lstat(abs->buf, &st) < 0)
			break;	/* a missing directory cannot be a link */
		if (S_ISLNK(st.st_mode)) {
			strbuf_setlen(abs, base);
			return 1;
		}
	}
	strbuf_setlen(abs, base);
	return 0;
}

long pathspec_beyond_symlink(const struct pathspec *ps, const char *top)
{
	struct strbuf abs = STRBUF_INIT;
	long found = -1;
	size_t i;

	strbuf_addstr(&abs, top);
	for (i = 0; i < ps->nr && found < 0; i++) {
		const struct pathspec_item *item = &ps->items[i];

		if (has_symlink_leading_path(&abs, item->match, item->nowildcard_len))
			found = (long)i;
	}
	strbuf_release(&abs);
	return found;
}
