/* unpack.c - git's two-way and one-way tree merges into the index and the work tree. */
#include "ugit/unpack.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ugit/entry.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/ignore.h"
#include "ugit/index.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

enum action {
	ACT_NONE,	/* the path is in neither the index nor the result */
	ACT_KEEP,	/* the index entry stays as it is */
	ACT_WRITE,	/* the new tree's entry goes into the index (and work tree) */
	ACT_REMOVE,	/* the entry leaves the index (and the work tree) */
};

/* One path where the old tree (or, for a reset, the index) and the new tree differ. */
struct change {
	char *path;
	unsigned old_mode, new_mode;	/* 0: not in that tree */
	struct oid old_oid, new_oid;
	enum action action;
	int refused;			/* already listed as work that would be lost */
	int dir_in_way;			/* a directory stands where the new file goes */
};

struct unpack_ctx {
	struct repo *repo;
	struct index *idx;
	const struct unpack_options *opts;
	struct unpack_result *res;
	struct change *changes;		/* sorted by path */
	size_t nr, alloc;
	struct entry_state es;
	struct ignore *ig;		/* opened when first needed */
};

static void paths_add(struct unpack_paths *list, const char *path, size_t len)
{
	ALLOC_GROW(list->items, list->nr + 1, list->alloc);
	list->items[list->nr++] = xstrndup(path, len);
}

static void paths_release(struct unpack_paths *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->nr = list->alloc = 0;
}

void unpack_result_release(struct unpack_result *res)
{
	paths_release(&res->local_changes);
	paths_release(&res->not_uptodate);
	paths_release(&res->not_uptodate_dir);
	paths_release(&res->untracked_overwritten);
	paths_release(&res->untracked_removed);
	paths_release(&res->invalid);
	paths_release(&res->dirs_kept);
}

/* Record `c` in a list of refusals; it is listed once. */
static void refuse(struct unpack_paths *list, struct change *c)
{
	paths_add(list, c->path, strlen(c->path));
	c->refused = 1;
}

static int same(const struct index_entry *ce, unsigned mode, const struct oid *oid)
{
	return ce && mode && ce->mode == mode && oid_eq(&ce->oid, oid);
}

/* The change for `path`, found by binary search, or NULL. */
static struct change *find_change(struct unpack_ctx *ctx, const char *path)
{
	size_t lo = 0, hi = ctx->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(ctx->changes[mid].path, path);

		if (!cmp)
			return &ctx->changes[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int cmp_change(const void *a, const void *b)
{
	return strcmp(((const struct change *)a)->path, ((const struct change *)b)->path);
}

/* ---- Reading the two trees: only where they differ ---- */

static int read_tree(struct tree *out, struct odb *odb, const struct oid *oid)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int err = odb_read(&obj, odb, oid);

	if (!err && obj.type != OBJ_TREE)
		err = ug_error(UG_EINVALID, "object %s is not a tree", oid_to_hex(hex, oid));
	if (!err)
		err = tree_parse(out, obj.data.buf, obj.data.len);
	odb_object_release(&obj);
	return err;
}

static int cmp_name_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Names of the new tree git would write but must never check out: one
 * with a '/' (it would reach into another directory), and a name given
 * twice ("a" as a link and "a/" as a directory: the link could be written
 * first and the directory's files through it).  Returns 1 and records the
 * path if the tree is bad.
 */
static int bad_names(struct unpack_ctx *ctx, const struct tree *t, const char *prefix)
{
	char **names = xmalloc(sizeof(*names) * (t->nr ? t->nr : 1));
	struct strbuf path = STRBUF_INIT;
	const char *bad = NULL;
	size_t i;

	for (i = 0; i < t->nr; i++) {
		names[i] = t->entries[i].name;
		if (!bad && strchr(names[i], '/'))
			bad = names[i];
	}
	qsort(names, t->nr, sizeof(*names), cmp_name_ptr);
	for (i = 1; !bad && i < t->nr; i++)
		if (!strcmp(names[i - 1], names[i]))
			bad = names[i];
	if (bad) {
		strbuf_addf(&path, "%s%s", prefix, bad);
		paths_add(&ctx->res->invalid, path.buf, path.len);
	}
	strbuf_release(&path);
	free(names);
	return bad != NULL;
}

static void add_change(struct unpack_ctx *ctx, const struct strbuf *path,
		       const struct tree_entry *old, const struct tree_entry *new)
{
	struct change *c;

	if (new && !index_path_is_valid(path->buf, new->mode)) {
		paths_add(&ctx->res->invalid, path->buf, path->len);
		return;
	}
	ALLOC_GROW(ctx->changes, ctx->nr + 1, ctx->alloc);
	c = &ctx->changes[ctx->nr++];
	memset(c, 0, sizeof(*c));
	c->path = xstrndup(path->buf, path->len);
	if (old) {
		c->old_mode = old->mode;
		c->old_oid = old->oid;
	}
	if (new) {
		c->new_mode = new->mode;
		c->new_oid = new->oid;
	}
}

static int diff_trees(struct unpack_ctx *ctx, struct strbuf *prefix,
		      const struct oid *old, const struct oid *new, int depth);

/* One name on one side or both (a and b have the same name and kind). */
static int diff_entry(struct unpack_ctx *ctx, struct strbuf *prefix,
		      const struct tree_entry *a, const struct tree_entry *b, int depth)
{
	const struct tree_entry *e = a ? a : b;
	size_t base = prefix->len;
	int err = 0;

	strbuf_add(prefix, e->name, e->namelen);
	if (e->mode == TREE_MODE_DIR) {
		/* Equal subtrees hold equal files: nothing below them can change. */
		if (!(a && b && oid_eq(&a->oid, &b->oid))) {
			strbuf_addch(prefix, '/');
			err = diff_trees(ctx, prefix, a ? &a->oid : NULL,
					 b ? &b->oid : NULL, depth + 1);
		}
	} else if (!(a && b && a->mode == b->mode && oid_eq(&a->oid, &b->oid))) {
		add_change(ctx, prefix, a, b);
	}
	strbuf_setlen(prefix, base);
	return err;
}

/*
 * Walk the trees `old` and `new` (either may be NULL) in git's order,
 * recording a change for every file that differs.  A file "a" and a
 * directory "a" have different names in that order ("a" < "a/"), so a
 * file/directory swap is one removal and some additions.
 */
static int diff_trees(struct unpack_ctx *ctx, struct strbuf *prefix,
		      const struct oid *old, const struct oid *new, int depth)
{
	struct tree t1 = TREE_INIT, t2 = TREE_INIT;
	size_t i = 0, j = 0;
	int err = 0;

	if (depth > 4096)
		return ug_error(UG_ECORRUPT, "tree nests too deeply at '%s'", prefix->buf);
	if (old)
		err = read_tree(&t1, ctx->repo->odb, old);
	if (!err && new)
		err = read_tree(&t2, ctx->repo->odb, new);
	if (err || bad_names(ctx, &t2, prefix->buf))
		goto done;
	while (!err && (i < t1.nr || j < t2.nr)) {
		const struct tree_entry *a = i < t1.nr ? &t1.entries[i] : NULL;
		const struct tree_entry *b = j < t2.nr ? &t2.entries[j] : NULL;
		int cmp = !a ? 1 : !b ? -1 :
			  tree_name_cmp(a->name, a->namelen, a->mode == TREE_MODE_DIR,
					b->name, b->namelen, b->mode == TREE_MODE_DIR);

		err = diff_entry(ctx, prefix, cmp <= 0 ? a : NULL, cmp >= 0 ? b : NULL, depth);
		i += cmp <= 0;
		j += cmp >= 0;
	}
done:
	tree_release(&t1);
	tree_release(&t2);
	return err;
}

/* ---- Looking at the work tree: only at paths that change ---- */

static int is_ignored(struct unpack_ctx *ctx, const char *path)
{
	if (!ctx->ig && ignore_open(&ctx->ig, ctx->repo) < 0) {
		ug_error_clear();
		return 0;
	}
	return ignore_is_ignored(ctx->ig, path, 0) == 1;
}

static int dir_is_clean(struct unpack_ctx *ctx, const char *path);

/*
 * A leading component of `path` is not a directory.  git's lstat() says
 * ENOENT through a link (nothing to lose: clean) but ENOTDIR through a
 * file, which it counts as a local change.
 */
static int blocked_by_link(struct unpack_ctx *ctx, const char *path)
{
	size_t len = entry_blocker(&ctx->es, path);
	char *prefix = xstrndup(path, len);
	struct stat st;
	int r = fstatat(ctx->es.topfd, prefix, &st, AT_SYMLINK_NOFOLLOW);

	free(prefix);
	ug_error_clear();
	return !len || r < 0 || S_ISLNK(st.st_mode);
}

/*
 * Does the work tree still hold what `ce` says?  A missing file (or one
 * behind a link or file in a leading component, which git's lstat cache
 * also counts as missing) holds nothing to lose.  1 clean, 0 not, <0 error.
 */
static int is_clean(struct unpack_ctx *ctx, const struct index_entry *ce, int removing)
{
	struct stat st;
	int r = entry_lstat(&st, &ctx->es, ce->name);

	if (r == UG_EEXISTS)
		return blocked_by_link(ctx, ce->name);
	if (r == UG_ENOTFOUND) {
		ug_error_clear();
		return 1;
	}
	if (r < 0)
		return r;
	if (ce->mode == TREE_MODE_GITLINK)
		return S_ISDIR(st.st_mode);
	/*
	 * A directory where the file was is a change - and if the file is to
	 * leave, git first asks whether the directory holds untracked files.
	 */
	if (S_ISDIR(st.st_mode))
		return removing && dir_is_clean(ctx, ce->name) == 2 ? 2 : 0;
	return index_entry_uptodate(ctx->idx, ce, &st);
}

/* A file in the work tree that the index does not know, unless ignored (git overwrites those). */
static int is_untracked(struct unpack_ctx *ctx, const char *path)
{
	if (index_find(ctx->idx, path, strlen(path), 0) >= 0)
		return 0;
	return !is_ignored(ctx, path);
}

/* List the untracked files below directory `path` (a new file's place). */
static int untracked_below(struct unpack_ctx *ctx, struct strbuf *path,
			   struct unpack_paths *list)
{
	struct strbuf full = STRBUF_INIT;
	size_t i, nr, base = path->len;
	char **names;
	struct stat st;
	int err;

	fs_path_join(&full, ctx->repo->worktree, path->buf);
	err = fs_list_dir(&names, &nr, full.buf);
	for (i = 0; !err && i < nr; i++) {
		strbuf_setlen(path, base);
		strbuf_addf(path, "/%s", names[i]);
		strbuf_setlen(&full, 0);
		fs_path_join(&full, ctx->repo->worktree, path->buf);
		if (lstat(full.buf, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			err = untracked_below(ctx, path, list);
		else if (is_untracked(ctx, path->buf))
			paths_add(list, path->buf, path->len);
	}
	if (!err)
		fs_free_names(names, nr);
	strbuf_setlen(path, base);
	strbuf_release(&full);
	return err;
}

/*
 * A directory stands where a tracked file was: it may go only if it holds
 * no untracked files (else git's "Updating the following directories
 * would lose untracked files in them").  1 clean, 0 not (recorded).
 */
static int dir_is_clean(struct unpack_ctx *ctx, const char *path)
{
	struct unpack_paths found = UNPACK_PATHS_INIT;
	struct strbuf dir = STRBUF_INIT;
	int err, clean;

	strbuf_addstr(&dir, path);
	err = untracked_below(ctx, &dir, &found);
	clean = !err && !found.nr;
	if (!clean) {
		ug_error_clear();
		paths_add(&ctx->res->not_uptodate_dir, path, strlen(path));
	}
	paths_release(&found);
	strbuf_release(&dir);
	return clean ? 1 : 2;
}

/* Is `path` below a directory already refused as holding untracked files? */
static int in_refused_dir(struct unpack_ctx *ctx, const char *path)
{
	const struct unpack_paths *dirs = &ctx->res->not_uptodate_dir;
	size_t len;

	if (!dirs->nr)
		return 0;
	len = strlen(dirs->items[dirs->nr - 1]);
	return !strncmp(path, dirs->items[dirs->nr - 1], len) && path[len] == '/';
}

/*
 * git's verify_absent(): nothing untracked may be where `c` puts (or
 * removes) a file.  Something in a leading component is listed by its own
 * name, unless it is a tracked file that leaves.
 */
static int check_absent(struct unpack_ctx *ctx, struct change *c,
			struct unpack_paths *list)
{
	struct stat st;
	int r = entry_lstat(&st, &ctx->es, c->path);

	if (r == UG_ENOTFOUND || (r >= 0 && in_refused_dir(ctx, c->path))) {
		ug_error_clear();
		return 0;
	}
	if (r == UG_EEXISTS) {
		size_t len = entry_blocker(&ctx->es, c->path);
		char *blocker = xstrndup(c->path, len);
		const struct change *b = find_change(ctx, blocker);

		ug_error_clear();
		/* listed once: as leaving if it leaves, else as in the way */
		if (len && !(b && (b->action == ACT_REMOVE || b->refused)) &&
		    is_untracked(ctx, blocker))
			paths_add(list, blocker, len);
		free(blocker);
		return 0;
	}
	if (r < 0)
		return r;
	if (S_ISDIR(st.st_mode)) {
		/*
		 * A directory where the new file goes: git names the
		 * directory if it holds untracked files - unless what it
		 * holds was refused already, which is known only once the
		 * paths below it are decided (see decide_all_twoway()).
		 */
		if (!c->new_mode)
			dir_is_clean(ctx, c->path);
		else if (c->new_mode != TREE_MODE_GITLINK)
			c->dir_in_way = 1;
		return 0;
	}
	if (is_untracked(ctx, c->path))
		refuse(list, c);
	return 0;
}

/* ---- Deciding, path by path ---- */

static int parent_becomes_file(struct unpack_ctx *ctx, const char *path);

/* The stage-0 entry of `path`, or NULL; *unmerged is set if it has stages 1-3. */
static struct index_entry *index_entry_of(struct index *idx, const char *path, int *unmerged)
{
	size_t len = strlen(path);
	int pos = index_find(idx, path, len, 0);

	*unmerged = 0;
	if (pos >= 0)
		return idx->entries[pos];
	pos = -1 - pos;
	*unmerged = (size_t)pos < idx->nr && !strcmp(idx->entries[pos]->name, path);
	return NULL;
}

/*
 * git's two-way merge for one path (read-tree's "Two Tree Merge" table).
 * H is the old tree, M the new one, I the index; H != M here.
 */
static int decide_twoway(struct unpack_ctx *ctx, struct change *c)
{
	struct unpack_result *res = ctx->res;
	int unmerged, clean;
	struct index_entry *ce = index_entry_of(ctx->idx, c->path, &unmerged);

	if (unmerged) {
		refuse(&res->local_changes, c);
		return 0;
	}
	if (!ce) {
		if (c->old_mode && c->new_mode) {
			/* the deletion was staged (git rm --cached): it would be lost */
			refuse(&res->local_changes, c);
			return 0;
		}
		c->action = c->new_mode ? ACT_WRITE : ACT_NONE;
		/* below a directory that becomes a file, that file's check speaks */
		if (!c->new_mode && parent_becomes_file(ctx, c->path))
			return 0;
		return check_absent(ctx, c, c->new_mode ? &res->untracked_overwritten
					     : &res->untracked_removed);
	}
	if (same(ce, c->new_mode, &c->new_oid)) {
		c->action = ACT_KEEP;	/* already staged as in the new tree */
		return 0;
	}
	if (!same(ce, c->old_mode, &c->old_oid)) {
		refuse(&res->local_changes, c);
		return 0;
	}
	clean = is_clean(ctx, ce, !c->new_mode && !parent_becomes_file(ctx, c->path));
	if (clean < 0)
		return clean;
	if (!clean)
		refuse(&res->not_uptodate, c);
	/* (2: a directory in the way, already recorded) */
	c->action = c->new_mode ? ACT_WRITE : ACT_REMOVE;
	return 0;
}

/*
 * Does the index entry `name` stay in the index (it is not removed by
 * this merge) without having been refused already (listed once is enough)?
 */
static int stays(struct unpack_ctx *ctx, const char *name)
{
	const struct change *c = find_change(ctx, name);

	return !c || (c->action != ACT_REMOVE && !c->refused);
}

/*
 * A new file must not collide with an index entry that stays: one below
 * it ("a" arrives while "a/x" stays) or one above it ("a/x" arrives while
 * the file "a" stays).  git reports those as local changes.
 */
static void check_file_dir(struct unpack_ctx *ctx, const struct change *c)
{
	struct index *idx = ctx->idx;
	struct strbuf dir = STRBUF_INIT;
	const char *p;
	size_t i;
	int pos;

	strbuf_addf(&dir, "%s/", c->path);
	pos = index_find(idx, dir.buf, dir.len, 0);
	for (i = pos < 0 ? (size_t)(-1 - pos) : (size_t)pos; i < idx->nr; i++) {
		const char *name = idx->entries[i]->name;

		if (strncmp(name, dir.buf, dir.len))
			break;
		if (stays(ctx, name))
			paths_add(&ctx->res->local_changes, name, strlen(name));
	}
	for (p = strchr(c->path, '/'); p; p = strchr(p + 1, '/')) {
		strbuf_setlen(&dir, 0);
		strbuf_add(&dir, c->path, (size_t)(p - c->path));
		if (index_find(idx, dir.buf, dir.len, 0) >= 0 && stays(ctx, dir.buf))
			paths_add(&ctx->res->local_changes, dir.buf, dir.len);
	}
	strbuf_release(&dir);
}

/* Was a change below directory `path` refused already? */
static int refused_below(struct unpack_ctx *ctx, const char *path)
{
	size_t len = strlen(path), lo = 0, hi = ctx->nr;

	/* the changes are sorted: those below "path/" follow its first one */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ctx->changes[mid].path, path) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ctx->nr; lo++) {
		const struct change *c = &ctx->changes[lo];

		if (strncmp(c->path, path, len) || c->path[len] > '/')
			break;
		if (c->path[len] == '/' && c->refused)
			return 1;
	}
	return 0;
}

/*
 * Does a file of the new tree stand at a leading directory of `path`?
 * (A directory of the old tree becomes a file: git then checks the
 * paths below it as plain files.)
 */
static int parent_becomes_file(struct unpack_ctx *ctx, const char *path)
{
	struct strbuf prefix = STRBUF_INIT;
	const char *p;
	int found = 0;

	for (p = strchr(path, '/'); p && !found; p = strchr(p + 1, '/')) {
		const struct change *c;

		strbuf_setlen(&prefix, 0);
		strbuf_add(&prefix, path, (size_t)(p - path));
		c = find_change(ctx, prefix.buf);
		found = c && c->new_mode;
	}
	strbuf_release(&prefix);
	return found;
}

static int decide_all_twoway(struct unpack_ctx *ctx)
{
	size_t i;
	int err = 0;

	for (i = 0; !err && i < ctx->nr; i++)
		err = decide_twoway(ctx, &ctx->changes[i]);
	for (i = 0; !err && i < ctx->nr; i++) {
		struct change *c = &ctx->changes[i];

		if (c->action != ACT_WRITE)
			continue;
		check_file_dir(ctx, c);
		if (c->dir_in_way && !refused_below(ctx, c->path))
			dir_is_clean(ctx, c->path);
	}
	return err;
}

/*
 * For a reset: is the work-tree file exactly what `ce` says (so it need
 * not be written again)?  Unlike is_clean(), a missing file is not.
 */
static int worktree_matches(struct unpack_ctx *ctx, const struct index_entry *ce)
{
	struct stat st;
	int r = entry_lstat(&st, &ctx->es, ce->name);

	if (r < 0) {
		ug_error_clear();
		return 0;
	}
	if (ce->mode == TREE_MODE_GITLINK)
		return S_ISDIR(st.st_mode);
	if (S_ISDIR(st.st_mode))
		return 0;
	return index_entry_uptodate(ctx->idx, ce, &st) == 1;
}

/*
 * git's one-way merge: every path of the index or the new tree.  An
 * entry whose mode and id are unchanged is kept (its stat data too)
 * unless the work tree must be updated and no longer matches it.
 */
static int decide_reset(struct unpack_ctx *ctx)
{
	struct index *idx = ctx->idx;
	struct change *out = NULL;
	size_t nr = 0, alloc = 0, i = 0, j = 0;

	while (i < idx->nr || j < ctx->nr) {
		struct index_entry *ce = i < idx->nr ? idx->entries[i] : NULL;
		struct change *c = j < ctx->nr ? &ctx->changes[j] : NULL;
		int cmp = !ce ? 1 : !c ? -1 : strcmp(ce->name, c->path);

		ALLOC_GROW(out, nr + 1, alloc);
		if (cmp < 0) {
			memset(&out[nr], 0, sizeof(*out));
			out[nr].path = xstrdup(ce->name);
			out[nr].old_mode = ce->mode;
			out[nr].old_oid = ce->oid;
			out[nr++].action = ACT_REMOVE;
		} else {
			c->action = ACT_WRITE;
			if (!cmp && !index_entry_stage(ce) && same(ce, c->new_mode, &c->new_oid) &&
			    (!(ctx->opts->flags & UNPACK_UPDATE) || worktree_matches(ctx, ce)))
				c->action = ACT_KEEP;
			out[nr++] = *c;
			j++;
		}
		/* every stage of that path is decided at once */
		while (cmp <= 0 && i < idx->nr && !strcmp(idx->entries[i]->name, ce->name))
			i++;
	}
	free(ctx->changes);
	ctx->changes = out;
	ctx->nr = nr;
	ctx->alloc = alloc;
	return 0;
}

/* ---- Applying: removals first, then writes ---- */

/*
 * Update the work tree (with UNPACK_UPDATE) and build the new index
 * entries: ces[i] for every ACT_WRITE change i.  Leaving files go first,
 * deepest first, so that a directory they leave empty is gone before a
 * file of the same name is written, and a file is gone before a
 * directory of its name is made.
 */
static int apply(struct unpack_ctx *ctx, struct index_entry **ces)
{
	int update = ctx->opts->flags & UNPACK_UPDATE;
	size_t i;
	int err;

	for (i = ctx->nr; update && i-- > 0;) {
		if (ctx->changes[i].action != ACT_REMOVE)
			continue;
		err = entry_remove(&ctx->es, ctx->changes[i].path);
		if (err < 0)
			return err;
		if (err == 1)
			paths_add(&ctx->res->dirs_kept, ctx->changes[i].path,
				  strlen(ctx->changes[i].path));
		else
			ctx->res->removed++;
	}
	for (i = 0; i < ctx->nr; i++) {
		const struct change *c = &ctx->changes[i];
		struct stat st;

		if (c->action != ACT_WRITE)
			continue;
		ces[i] = index_entry_new(c->path, strlen(c->path), c->new_mode, &c->new_oid, 0);
		if (!update)
			continue;	/* no stat data: the next refresh looks at the file */
		/*
		 * Forced: the checks above proved that whatever is still in
		 * the way is ours to replace (or ignored, which git replaces).
		 */
		err = entry_write(&st, &ctx->es, ctx->repo->odb, c->path, c->new_mode,
				  &c->new_oid, ENTRY_FORCE);
		if (err)
			return err;
		index_entry_fill_stat(ces[i], &st);
		ces[i]->mode = c->new_mode;	/* the tree's mode, whatever the file system says */
		ctx->res->written++;
	}
	return 0;
}

/*
 * Merge the changes into the index in one pass (both are sorted by path):
 * kept entries move over, replaced and removed ones are freed, new ones
 * come from `ces`.  The cache-tree no longer describes the entries.
 */
static void rebuild_index(struct unpack_ctx *ctx, struct index_entry **ces)
{
	struct index *idx = ctx->idx;
	size_t alloc = idx->nr + ctx->nr + 1, n = 0, i = 0, j = 0;
	struct index_entry **out = xmalloc(sizeof(*out) * alloc);

	while (i < idx->nr || j < ctx->nr) {
		struct index_entry *ce = i < idx->nr ? idx->entries[i] : NULL;
		const struct change *c = j < ctx->nr ? &ctx->changes[j] : NULL;
		int cmp = !ce ? 1 : !c ? -1 : strcmp(ce->name, c->path);

		if (cmp < 0) {
			out[n++] = idx->entries[i++];
			continue;
		}
		for (; !cmp && i < idx->nr && !strcmp(idx->entries[i]->name, c->path); i++) {
			if (c->action == ACT_KEEP)
				out[n++] = idx->entries[i];
			else
				free(idx->entries[i]);
		}
		if (c->action == ACT_WRITE) {
			out[n++] = ces[j];
			ces[j] = NULL;
		}
		j++;
	}
	free(idx->entries);
	idx->entries = out;
	idx->nr = n;
	idx->alloc = alloc;
	idx->tree_ext_valid = 0;
}

/*
 * 1 if the cache-tree's root node is valid: its name is empty and its
 * entry count is not -1 (git marks a node it invalidated so).  Then
 * index_write_tree() only reads the root id from it and writes nothing.
 */
static int cached_root_is_valid(const struct index *idx)
{
	const struct strbuf *ext = &idx->tree_ext;

	return idx->tree_ext_valid && ext->len > 2 && ext->buf[0] == '\0' && ext->buf[1] != '-';
}

/* 1 if the index's cache-tree says it holds exactly `tree` (NULL: empty). */
static int index_is_tree(struct index *idx, struct odb *odb, const struct oid *tree)
{
	struct oid root;

	if (!tree)
		return idx->nr == 0;
	if (!cached_root_is_valid(idx))
		return 0;	/* unknown; finding out would cost a write-tree */
	return !index_write_tree(&root, idx, odb, 0) && oid_eq(&root, tree);
}

static int refused(const struct unpack_result *res)
{
	return res->local_changes.nr || res->not_uptodate.nr || res->not_uptodate_dir.nr ||
	       res->untracked_overwritten.nr || res->untracked_removed.nr;
}

static int merge_and_apply(struct unpack_ctx *ctx)
{
	const struct unpack_options *opts = ctx->opts;
	struct index_entry **ces;
	int err, index_was_old = 0;
	size_t i;

	err = opts->mode == UNPACK_TWOWAY ? decide_all_twoway(ctx) : decide_reset(ctx);
	if (err)
		return err;
	if (refused(ctx->res))
		return ug_error(UG_ECONFLICT, "local changes would be overwritten");
	if (opts->mode == UNPACK_TWOWAY)
		index_was_old = index_is_tree(ctx->idx, ctx->repo->odb, opts->old_tree);
	ces = xcalloc(ctx->nr ? ctx->nr : 1, sizeof(*ces));
	err = apply(ctx, ces);
	if (!err)
		rebuild_index(ctx, ces);
	for (i = 0; i < ctx->nr; i++)
		free(ces[i]);
	free(ces);
	/*
	 * If the index held the old tree and now holds the new one, record
	 * the new tree's ids as its cache-tree (as git does), so the next
	 * status or commit need not compute them.
	 */
	if (!err && (index_was_old || opts->mode == UNPACK_RESET)) {
		struct oid root;

		if (index_write_tree(&root, ctx->idx, ctx->repo->odb, 0) < 0) {
			ctx->idx->tree_ext_valid = 0;
			ug_error_clear();
		}
	}
	return err;
}

int unpack_trees(struct unpack_result *res, struct repo *repo,
		 struct index *idx, const struct unpack_options *opts)
{
	struct unpack_ctx ctx = { repo, idx, opts, res, NULL, 0, 0, ENTRY_STATE_INIT, NULL };
	struct strbuf prefix = STRBUF_INIT;
	int needs_worktree = opts->mode == UNPACK_TWOWAY || (opts->flags & UNPACK_UPDATE);
	size_t i;
	int err = 0;

	if (needs_worktree && !repo->worktree)
		return ug_error(UG_EINVALID, "this operation must be run in a work tree");
	if (needs_worktree)
		err = entry_state_open(&ctx.es, repo->worktree);
	if (!err)
		err = diff_trees(&ctx, &prefix, opts->mode == UNPACK_TWOWAY ? opts->old_tree : NULL,
				 opts->new_tree, 0);
	if (!err && res->invalid.nr)
		err = ug_error(UG_EINVALID, "invalid path '%s'", res->invalid.items[0]);
	if (err)
		goto done;
	/* A tree git wrote is already in this order; one built by hand may not be. */
	if (ctx.nr)
		qsort(ctx.changes, ctx.nr, sizeof(*ctx.changes), cmp_change);
	err = merge_and_apply(&ctx);
done:
	for (i = 0; i < ctx.nr; i++)
		free(ctx.changes[i].path);
	free(ctx.changes);
	entry_state_release(&ctx.es);
	if (ctx.ig)
		ignore_free(ctx.ig);
	strbuf_release(&prefix);
	return err;
}

/* ---- git's words ---- */

static void add_block(struct strbuf *out, const struct unpack_paths *list,
		      const char *what, const char *action, const char *advice)
{
	size_t i;

	if (!list->nr)
		return;
	strbuf_addf(out, "error: %s %s:\n", what, action);
	for (i = 0; i < list->nr; i++)
		strbuf_addf(out, "\t%s\n", list->items[i]);
	strbuf_addf(out, "%s\n", advice);
}

void unpack_format_errors(struct strbuf *out, const struct unpack_result *res,
			  const char *action)
{
	int checkout = !strcmp(action, "checkout");
	struct strbuf commit = STRBUF_INIT, move = STRBUF_INIT;
	const char *local = "Your local changes to the following files would be overwritten by";
	size_t i;

	for (i = 0; i < res->invalid.nr; i++)
		strbuf_addf(out, "error: invalid path '%s'\n", res->invalid.items[i]);
	if (!refused(res))
		return;
	strbuf_addf(&commit, "Please commit your changes or stash them before you %s.",
		    checkout ? "switch branches" : action);
	strbuf_addf(&move, "Please move or remove them before you %s.",
		    checkout ? "switch branches" : action);
	/* git's order: would overwrite, not up to date, untracked overwritten, untracked removed */
	add_block(out, &res->local_changes, local, action, commit.buf);
	add_block(out, &res->not_uptodate, local, action, commit.buf);
	add_block(out, &res->not_uptodate_dir,
		  "Updating the following directories would lose untracked files in",
		  "them", "");
	add_block(out, &res->untracked_overwritten,
		  "The following untracked working tree files would be overwritten by",
		  action, move.buf);
	add_block(out, &res->untracked_removed,
		  "The following untracked working tree files would be removed by",
		  action, move.buf);
	strbuf_addstr(out, "Aborting\n");
	strbuf_release(&commit);
	strbuf_release(&move);
}
