/* worktree: walk the files beside .git and bring them into the index. */
#include "ugit/worktree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/ignore.h"
#include "ugit/index.h"
#include "ugit/odb.h"
#include "ugit/pathspec.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

void worktree_list_release(struct worktree_list *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++)
		free(list->items[i].path);
	free(list->items);
	list->items = NULL;
	list->nr = list->alloc = 0;
}

void worktree_list_add(struct worktree_list *list, const char *path,
		       enum worktree_kind kind)
{
	ALLOC_GROW(list->items, list->nr + 1, list->alloc);
	list->items[list->nr].path = xstrdup(path);
	list->items[list->nr].kind = kind;
	list->nr++;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct worktree_entry *)a)->path,
		      ((const struct worktree_entry *)b)->path);
}

void worktree_list_sort(struct worktree_list *list, size_t from)
{
	/* qsort() wants a real array even for no items (UBSan) */
	if (list->nr > from)
		qsort(list->items + from, list->nr - from, sizeof(*list->items), entry_cmp);
}

int worktree_is_tracked(const struct index *idx, const char *path, size_t len)
{
	int pos = index_find(idx, path, len, 0);

	if (pos >= 0)
		return 1;
	/* an unmerged path has stages 1-3 only, right where stage 0 would go */
	pos = -1 - pos;
	return (size_t)pos < idx->nr && idx->entries[pos]->namelen == len &&
	       !memcmp(idx->entries[pos]->name, path, len);
}

int worktree_has_tracked_inside(const struct index *idx, const char *dir, size_t len)
{
	int pos = index_find(idx, dir, len, 0);

	if (pos < 0)
		pos = -1 - pos;
	return (size_t)pos < idx->nr && !strncmp(idx->entries[pos]->name, dir, len);
}

/* Does an item name `path` itself, or something inside it, literally? */
static int names_literally(const struct pathspec *ps, const char *path, size_t len)
{
	size_t i;

	for (i = 0; ps && i < ps->nr; i++) {
		const struct pathspec_item *item = &ps->items[i];
		size_t n = item->nowildcard_len;

		if (n < len || strncmp(item->match, path, len))
			continue;
		if (n == len || item->match[len] == '/')
			return 1;
	}
	return 0;
}

int worktree_holds_repository(struct strbuf *abs)
{
	size_t len = abs->len;
	int found;

	strbuf_addstr(abs, "/.git");
	found = fs_exists(abs->buf);
	strbuf_setlen(abs, len);
	return found;
}

struct walk_state {
	struct worktree_walk *w;
	struct worktree_list *out;
	struct strbuf abs;	/* <top>/<rel>, the directory being read */
	struct strbuf rel;	/* "" or "a/b/" */
};

static int match_ps(struct walk_state *s, const char *path)
{
	return pathspec_match(s->w->ps, path, s->w->seen) != PATHSPEC_NONE;
}

static int walk_dir(struct walk_state *s, int inside_ignored);

/* A file (or link, or anything not a directory) at s->rel. */
static int visit_file(struct walk_state *s, int inside_ignored)
{
	struct worktree_walk *w = s->w;
	const char *path = s->rel.buf;
	int ignored = inside_ignored;

	if (worktree_is_tracked(w->idx, path, s->rel.len))
		return 0;
	if (!ignored && w->ig) {
		ignored = ignore_is_ignored(w->ig, path, 0);
		if (ignored < 0)
			return ignored;
	}
	if (ignored && !(w->flags & WT_WALK_IGNORED)) {
		if (w->ignored_named && names_literally(w->ps, path, s->rel.len))
			worktree_list_add(w->ignored_named, path, WT_FILE);
		return 0;
	}
	if (ignored == !!(w->flags & WT_WALK_IGNORED) && match_ps(s, path))
		worktree_list_add(s->out, path, WT_FILE);
	return 0;
}

/* A directory at s->rel (without its "/"); s->abs names it too. */
static int visit_dir(struct walk_state *s, int inside_ignored)
{
	struct worktree_walk *w = s->w;
	int ignored = inside_ignored, err = 0, tracked_inside;
	int want_ignored = !!(w->flags & WT_WALK_IGNORED);

	/* with its "/", so that "dir" does not reach into "dir2/" */
	strbuf_addch(&s->rel, '/');
	if (!pathspec_reaches_dir(w->ps, s->rel.buf, s->rel.len))
		goto done;
	strbuf_setlen(&s->rel, s->rel.len - 1);
	if (!ignored && w->ig) {
		ignored = ignore_is_ignored(w->ig, s->rel.buf, 1);
		if (ignored < 0)
			return ignored;
	}
	if (ignored && !want_ignored) {
		if (w->ignored_named && names_literally(w->ps, s->rel.buf, s->rel.len))
			worktree_list_add(w->ignored_named, s->rel.buf, WT_DIR);
		return 0;
	}
	strbuf_addch(&s->rel, '/');
	tracked_inside = worktree_has_tracked_inside(w->idx, s->rel.buf, s->rel.len);
	/* a directory with tracked files is ours; only others can be repositories */
	if (!tracked_inside && worktree_holds_repository(&s->abs)) {
		/* another repository: listed whole unless the index has it as a gitlink */
		if (!worktree_is_tracked(w->idx, s->rel.buf, s->rel.len - 1) &&
		    ignored == want_ignored && match_ps(s, s->rel.buf))
			worktree_list_add(s->out, s->rel.buf, WT_REPO);
		goto done;
	}
	if ((w->flags & WT_WALK_DIRECTORY) && ignored == want_ignored &&
	    !tracked_inside && match_ps(s, s->rel.buf)) {
		worktree_list_add(s->out, s->rel.buf, WT_DIR);
		goto done;
	}
	err = walk_dir(s, ignored);
done:
	strbuf_setlen(&s->rel, s->rel.len - 1);
	return err;
}

/* Is the entry a directory?  readdir() usually says; lstat() when it cannot. */
static int entry_is_dir(const char *abs, const struct dirent *de)
{
	struct stat st;

	if (de->d_type != DT_UNKNOWN)
		return de->d_type == DT_DIR;
	return !lstat(abs, &st) && S_ISDIR(st.st_mode);
}

int worktree_read_dir(struct strbuf *abs, struct strbuf *rel, worktree_dir_fn fn,
		      void *payload)
{
	size_t abs_len = abs->len, rel_len = rel->len;
	struct dirent *de;
	DIR *dir;
	int err = 0;

	dir = opendir(abs->buf);
	if (!dir)
		return ug_error_errno("cannot open directory '%s'", abs->buf);
	while (!err && (de = readdir(dir))) {
		const char *name = de->d_name;

		if (!strcmp(name, ".") || !strcmp(name, "..") ||
		    !strcasecmp(name, ".git"))
			continue;
		strbuf_addch(abs, '/');
		strbuf_addstr(abs, name);
		strbuf_addstr(rel, name);
		err = fn(entry_is_dir(abs->buf, de), payload);
		strbuf_setlen(abs, abs_len);
		strbuf_setlen(rel, rel_len);
	}
	closedir(dir);
	return err;
}

struct walk_step {
	struct walk_state *s;
	int inside_ignored;
};

static int visit(int is_dir, void *payload)
{
	struct walk_step *step = payload;

	return is_dir ? visit_dir(step->s, step->inside_ignored) :
		visit_file(step->s, step->inside_ignored);
}

static int walk_dir(struct walk_state *s, int inside_ignored)
{
	struct walk_step step = { s, inside_ignored };

	return worktree_read_dir(&s->abs, &s->rel, visit, &step);
}

int worktree_untracked(struct worktree_list *out, struct worktree_walk *w)
{
	struct walk_state s = { w, out, STRBUF_INIT, STRBUF_INIT };
	size_t first = out->nr;
	int err;

	strbuf_addstr(&s.abs, w->repo->worktree);
	err = walk_dir(&s, 0);
	worktree_list_sort(out, first);
	if (w->ignored_named)
		worktree_list_sort(w->ignored_named, 0);
	strbuf_release(&s.abs);
	strbuf_release(&s.rel);
	return err;
}

/* Classify an entry from its file's lstat() result (`err`: 0 or errno). */
static int classify(const struct stat *st, int err, const struct index *idx,
		    const struct index_entry *ce)
{
	int r;

	if (err)
		return err == ENOENT || err == ENOTDIR ? WT_DELETED :
			(errno = err, ug_error_errno("cannot stat '%s'", ce->name));
	/* a file that became a directory is gone; its new contents are untracked */
	if (S_ISDIR(st->st_mode) && index_mode_from_stat(st->st_mode) != ce->mode)
		return WT_DELETED;
	r = index_entry_uptodate(idx, ce, st);
	if (r < 0)
		return r;
	return r ? WT_UNCHANGED : WT_MODIFIED;
}

int worktree_entry_status(struct stat *st, int topfd, const struct index *idx,
			  const struct index_entry *ce)
{
	/*
	 * Relative to the top's descriptor: the kernel walks only the path
	 * inside the work tree.
	 */
	int err = fstatat(topfd, ce->name, st, AT_SYMLINK_NOFOLLOW) < 0 ? errno : 0;

	return classify(st, err, idx, ce);
}

/*
 * The lstat() work of worktree_status_all(), shared by a few threads.
 * Each takes the next chunk of entries from `next` (atomically) until
 * none is left, so a thread that started late or was slowed down simply
 * does fewer chunks.  Nothing else shared is written: each entry's slot
 * in sts[] and errs[] belongs to the one thread that took its chunk.
 */
struct preload {
	const struct index *idx;
	const char *selected;
	struct stat *sts;
	int *errs;
	size_t next;		/* the first entry no thread has taken yet */
	int topfd;
};

#define PRELOAD_CHUNK 256

static void *preload_chunks(void *arg)
{
	struct preload *p = arg;
	size_t from, to, i;

	for (;;) {
		from = __atomic_fetch_add(&p->next, PRELOAD_CHUNK, __ATOMIC_RELAXED);
		if (from >= p->idx->nr)
			return NULL;
		to = from + PRELOAD_CHUNK < p->idx->nr ? from + PRELOAD_CHUNK : p->idx->nr;
		for (i = from; i < to; i++)
			if (p->selected[i])
				p->errs[i] = fstatat(p->topfd, p->idx->entries[i]->name,
						     &p->sts[i], AT_SYMLINK_NOFOLLOW) < 0 ? errno : 0;
	}
}

/*
 * lstat() the selected entries on up to one thread per CPU (one per 500
 * entries at most), as git's core.preloadIndex does: most of a no-op
 * "add -A" or "status" is waiting for the kernel, which several CPUs do
 * faster.  If `meanwhile` is given, this thread runs it (the
 * untracked-file walk) first and then joins the lstat() work; its result
 * is returned.
 */
static int preload_stats(struct stat *sts, int *errs, int topfd,
			 const struct index *idx, const char *selected,
			 int (*meanwhile)(void *), void *payload)
{
	struct preload p = { idx, selected, sts, errs, 0, topfd };
	pthread_t tid[8];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = idx->nr / 500, i, started = 0;
	int err = 0;

	if (n > (size_t)(cpus > 0 ? cpus : 1))
		n = (size_t)(cpus > 0 ? cpus : 1);
	if (n > 8)
		n = 8;
	/* this thread works too, unless it has its own work to do first */
	if (!meanwhile && n > 0)
		n--;
	for (i = 0; i < n; i++)
		if (!pthread_create(&tid[started], NULL, preload_chunks, &p))
			started++;
	if (meanwhile)
		err = meanwhile(payload);
	preload_chunks(&p);	/* whatever the threads have not taken yet */
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	return err;
}

int worktree_status_all(int *status, struct stat *sts, int topfd,
			const struct index *idx, const struct pathspec *ps,
			char *seen, int (*meanwhile)(void *), void *payload)
{
	char *selected = xcalloc(idx->nr + 1, 1);
	int *errs = xcalloc(idx->nr + 1, sizeof(int));
	size_t i;
	int err;

	for (i = 0; i < idx->nr; i++)
		selected[i] = pathspec_match(ps, idx->entries[i]->name, seen) != PATHSPEC_NONE;
	err = preload_stats(sts, errs, topfd, idx, selected, meanwhile, payload);
	for (i = 0; i < idx->nr && !err; i++) {
		status[i] = -1;
		if (!selected[i])
			continue;
		status[i] = classify(&sts[i], errs[i], idx, idx->entries[i]);
		if (status[i] < 0)
			err = status[i];
	}
	free(selected);
	free(errs);
	return err;
}

int worktree_open_top(struct repo *repo)
{
	int fd = open(repo->worktree, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return ug_error_errno("cannot open directory '%s'", repo->worktree);
	return fd;
}

/* The blob of a symbolic link is its target, as readlink() gives it. */
int worktree_repo_head(struct oid *out, struct repo *repo, const char *path)
{
	struct strbuf abs = STRBUF_INIT;
	struct repo *sub = NULL;
	size_t len = strlen(path);
	int err;

	if (len && path[len - 1] == '/')
		len--;
	strbuf_addf(&abs, "%s/%.*s", repo->worktree, (int)len, path);
	err = repo_open(&sub, abs.buf);
	if (!err)
		err = refs_resolve(out, sub, "HEAD");
	repo_free(sub);
	strbuf_release(&abs);
	if (err < 0)
		err = ug_error(UG_ENOTFOUND, "'%.*s/' does not have a commit checked out",
			       (int)len, path);
	return err;
}

int worktree_add_path(struct index *idx, struct repo *repo, const char *path,
		      const struct stat *st)
{
	struct strbuf abs = STRBUF_INIT;
	struct index_entry *ce;
	struct oid oid;
	size_t len = strlen(path);
	int err;

	while (len && path[len - 1] == '/')
		len--;	/* "sub/" as the walk lists a nested repository */
	fs_path_join(&abs, repo->worktree, path);
	if (S_ISLNK(st->st_mode) || S_ISREG(st->st_mode))
		err = index_hash_path(&oid, repo->odb, abs.buf, st);
	else if (S_ISDIR(st->st_mode))
		err = worktree_repo_head(&oid, repo, path);
	else
		err = ug_error(UG_EINVALID, "%s: can only add regular files, "
			       "symbolic links or git-directories", path);
	if (err == UG_ERROR) {
		/* git's two lines: why, then which file */
		char *why = xstrdup(ug_error_last());

		err = ug_error(UG_ERROR, "%s\nerror: unable to index file '%.*s'",
			       why, (int)len, path);
		free(why);
	}
	if (err < 0)
		goto done;
	ce = index_entry_new(path, len, index_mode_from_stat(st->st_mode), &oid, 0);
	index_entry_fill_stat(ce, st);
	err = index_add(idx, ce, INDEX_ADD_REPLACE);
done:
	strbuf_release(&abs);
	return err;
}
