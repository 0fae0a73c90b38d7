/* ignore: gitignore(5) patterns and the sources git reads them from. */
#include "ugit/ignore.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/wildmatch.h"
#include "ugit/xalloc.h"

void ignore_list_init(struct ignore_list *list, const char *source,
		      const char *base)
{
	list->source = xstrdup(source);
	list->base = xstrdup(base);
	list->items = NULL;
	list->nr = list->alloc = 0;
}

void ignore_list_release(struct ignore_list *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++) {
		free(list->items[i].text);
		free(list->items[i].glob);
	}
	free(list->items);
	free(list->source);
	free(list->base);
	list->items = NULL;
	list->source = list->base = NULL;
	list->nr = list->alloc = 0;
}

/*
 * Drop trailing spaces, but not one escaped by a backslash: "a\ " keeps
 * its space (and the backslash, which the glob reads as "literal space").
 */
static void trim_trailing_spaces(struct strbuf *line)
{
	size_t i, keep = 0;	/* up to the last byte that is not a bare space */

	for (i = 0; i < line->len; i++) {
		if (line->buf[i] == ' ')
			continue;
		if (line->buf[i] == '\\' && i + 1 < line->len)
			i++;
		keep = i + 1;
	}
	strbuf_setlen(line, keep);
}

/* Turn one line (already trimmed, not blank, not a comment) into a pattern. */
static void add_pattern(struct ignore_list *list, const char *line, int lineno)
{
	struct ignore_pattern *p;
	const char *g = line;
	size_t len;

	ALLOC_GROW(list->items, list->nr + 1, list->alloc);
	p = &list->items[list->nr++];
	p->text = xstrdup(line);
	p->flags = 0;
	p->lineno = lineno;
	p->list = list;
	if (*g == '!') {
		p->flags |= IGNORE_NEGATIVE;
		g++;
	}
	len = strlen(g);
	if (len && g[len - 1] == '/') {
		p->flags |= IGNORE_DIR_ONLY;
		len--;
	}
	if (!memchr(g, '/', len))
		p->flags |= IGNORE_BASENAME;
	else if (*g == '/') {
		/* anchoring is implied by any "/"; the leading one goes */
		g++;
		len--;
	}
	p->glob = xmemdupz(g, len);
}

void ignore_list_parse(struct ignore_list *list, const char *buf, size_t len)
{
	struct strbuf line = STRBUF_INIT;
	const char *end = buf + len, *eol;
	int lineno = 0;

	/* a UTF-8 byte-order mark some editors write is not part of line 1 */
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		buf += 3;
	for (; buf < end; buf = eol + 1) {
		eol = memchr(buf, '\n', (size_t)(end - buf));
		if (!eol)
			eol = end;
		lineno++;
		strbuf_reset(&line);
		strbuf_add(&line, buf, (size_t)(eol - buf));
		if (line.len && line.buf[line.len - 1] == '\r')
			strbuf_setlen(&line, line.len - 1);
		if (!line.len || line.buf[0] == '#')
			continue;
		trim_trailing_spaces(&line);
		/* a NUL would cut the glob short; git stops at it too */
		if (!line.len || memchr(line.buf, '\0', line.len))
			continue;
		add_pattern(list, line.buf, lineno);
	}
	strbuf_release(&line);
}

int ignore_list_read(struct ignore_list *list, const char *path)
{
	struct strbuf buf = STRBUF_INIT;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		/* missing, or a symbolic link: nothing to read */
		if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP)
			return 0;
		return ug_error_errno("unable to access '%s'", path);
	}
	err = strbuf_read_fd(&buf, fd, 0);
	close(fd);
	if (err < 0)
		err = ug_error_errno("unable to read '%s'", path);
	else
		ignore_list_parse(list, buf.buf, buf.len);
	strbuf_release(&buf);
	return err;
}

const struct ignore_pattern *ignore_list_match(const struct ignore_list *list,
					       const char *path, int is_dir)
{
	size_t baselen = strlen(list->base), i;
	const char *rel, *slash, *basename;

	if (strncmp(path, list->base, baselen))
		return NULL;
	rel = path + baselen;
	slash = strrchr(rel, '/');
	basename = slash ? slash + 1 : rel;
	/* the last matching line wins, so search from the end */
	for (i = list->nr; i-- > 0;) {
		const struct ignore_pattern *p = &list->items[i];

		if ((p->flags & IGNORE_DIR_ONLY) && !is_dir)
			continue;
		if (wildmatch(p->glob, (p->flags & IGNORE_BASENAME) ? basename : rel,
			      WM_PATHNAME))
			return p;
	}
	return NULL;
}

/*
 * The .gitignore files of one chain of directories, "" then "a/" then
 * "a/b/", like git's exclude stack: asking about paths in directory order
 * (as a walk does) only ever pushes or pops one level.
 */
struct ignore {
	char *worktree;			/* absolute top of the work tree */
	struct ignore_list *files[2];	/* info/exclude, then core.excludesFile */
	struct ignore_list **levels;	/* levels[i]->base has i components */
	size_t nr, alloc;
	/*
	 * The pattern that excluded a directory of the chain, and the level
	 * it applies from: everything inside is ignored, and the
	 * .gitignore files down there are never read.
	 */
	const struct ignore_pattern *dir_pattern;
	size_t dir_level;
};

/* Expand a leading "~/" as git's core.excludesFile does. */
static void expand_home(struct strbuf *out, const char *path)
{
	const char *home = getenv("HOME");

	if (starts_with(path, "~/") && home) {
		strbuf_addstr(out, home);
		strbuf_addstr(out, path + 1);
	} else {
		strbuf_addstr(out, path);
	}
}

/* core.excludesFile, or git's default in the XDG config directory. */
static void excludes_file_path(struct strbuf *out, struct repo *repo)
{
	const char *value = NULL, *xdg = getenv("XDG_CONFIG_HOME"), *home;

	if (!config_get_string(&value, repo->config, "core.excludesfile") && value) {
		expand_home(out, value);
		return;
	}
	ug_error_clear();
	home = getenv("HOME");
	if (xdg && *xdg)
		strbuf_addf(out, "%s/git/ignore", xdg);
	else if (home)
		strbuf_addf(out, "%s/.config/git/ignore", home);
}

static int open_file_list(struct ignore_list **out, const char *path,
			  const char *name)
{
	*out = xmalloc(sizeof(**out));
	ignore_list_init(*out, name, "");
	return ignore_list_read(*out, path);
}

/* Push the level for directory `base` ("" or "a/b/"), reading its .gitignore. */
static int push_level(struct ignore *ig, const char *base, size_t len)
{
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, name = STRBUF_INIT;
	struct ignore_list *list = xmalloc(sizeof(*list));
	int err = 0;

	strbuf_add(&dir, base, len);
	strbuf_addf(&name, "%s.gitignore", dir.buf);
	ignore_list_init(list, name.buf, dir.buf);
	ALLOC_GROW(ig->levels, ig->nr + 1, ig->alloc);
	ig->levels[ig->nr++] = list;
	if (!ig->dir_pattern) {
		strbuf_addf(&path, "%s/%s", ig->worktree, name.buf);
		err = ignore_list_read(list, path.buf);
	}
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&name);
	return err;
}

int ignore_open(struct ignore **out, struct repo *repo)
{
	struct ignore *ig = xcalloc(1, sizeof(*ig));
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	int err;

	ig->worktree = xstrdup(repo->worktree ? repo->worktree : ".");
	/* messages name info/exclude as git does from the top: ".git/..." */
	repo_git_path(&path, repo, "info/exclude");
	strbuf_addf(&name, "%s/.git", ig->worktree);
	if (!strcmp(name.buf, repo->gitdir)) {
		strbuf_reset(&name);
		strbuf_addstr(&name, ".git/info/exclude");
	} else {
		strbuf_reset(&name);
		strbuf_addbuf(&name, &path);
	}
	err = open_file_list(&ig->files[0], path.buf, name.buf);
	if (err < 0)
		goto done;
	strbuf_reset(&path);
	excludes_file_path(&path, repo);
	err = open_file_list(&ig->files[1], path.buf, path.buf);
	if (err < 0)
		goto done;
	err = push_level(ig, "", 0);
done:
	strbuf_release(&path);
	strbuf_release(&name);
	if (err < 0) {
		ignore_free(ig);
		ig = NULL;
	}
	*out = ig;
	return err;
}

static void pop_level(struct ignore *ig)
{
	struct ignore_list *list = ig->levels[--ig->nr];

	if (ig->dir_pattern && ig->dir_level >= ig->nr)
		ig->dir_pattern = NULL;
	ignore_list_release(list);
	free(list);
}

void ignore_free(struct ignore *ig)
{
	size_t i;

	if (!ig)
		return;
	while (ig->nr)
		pop_level(ig);
	free(ig->levels);
	for (i = 0; i < 2; i++) {
		if (ig->files[i])
			ignore_list_release(ig->files[i]);
		free(ig->files[i]);
	}
	free(ig->worktree);
	free(ig);
}

/* The strongest match for `path` among the sources, without the parent rule. */
static const struct ignore_pattern *match_sources(struct ignore *ig,
						  const char *path, int is_dir)
{
	const struct ignore_pattern *p;
	size_t i;

	for (i = ig->nr; i-- > 0;)
		if ((p = ignore_list_match(ig->levels[i], path, is_dir)))
			return p;
	for (i = 0; i < 2; i++)
		if ((p = ignore_list_match(ig->files[i], path, is_dir)))
			return p;
	return NULL;
}

/*
 * Make the chain end at directory `dir` ("" or "a/b/", `len` bytes): pop
 * the levels that are not its parents, then push its missing components,
 * checking each new directory against the levels above it first.
 */
static int prepare_dir(struct ignore *ig, const char *dir, size_t len)
{
	const struct ignore_pattern *p;
	struct strbuf sub = STRBUF_INIT;
	size_t have;
	int err = 0;

	while (ig->nr > 1) {
		const char *base = ig->levels[ig->nr - 1]->base;
		size_t blen = strlen(base);

		if (blen <= len && !memcmp(base, dir, blen))
			break;
		pop_level(ig);
	}
	have = strlen(ig->levels[ig->nr - 1]->base);
	while (have < len && err == 0) {
		const char *slash = memchr(dir + have, '/', len - have);
		size_t next = slash ? (size_t)(slash - dir) + 1 : len;

		if (!ig->dir_pattern) {
			strbuf_reset(&sub);
			strbuf_add(&sub, dir, next - 1);	/* without its "/" */
			p = match_sources(ig, sub.buf, 1);
			if (p && !(p->flags & IGNORE_NEGATIVE)) {
				ig->dir_pattern = p;
				ig->dir_level = ig->nr;
			}
		}
		err = push_level(ig, dir, next);
		have = next;
	}
	strbuf_release(&sub);
	return err;
}

int ignore_match(const struct ignore_pattern **out, struct ignore *ig,
		 const char *path, int is_dir)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	int err;

	*out = NULL;
	err = prepare_dir(ig, path, dirlen);
	if (err < 0)
		return err;
	*out = ig->dir_pattern ? ig->dir_pattern : match_sources(ig, path, is_dir);
	return 0;
}

int ignore_is_ignored(struct ignore *ig, const char *path, int is_dir)
{
	const struct ignore_pattern *p;
	int err = ignore_match(&p, ig, path, is_dir);

	if (err < 0)
		return err;
	return p && !(p->flags & IGNORE_NEGATIVE);
}
