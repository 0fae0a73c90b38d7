/* status: HEAD vs index vs work tree, computed for `status` and `commit`. */
#include "ugit/status.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ugit/commit.h"
#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/ignore.h"
#include "ugit/index.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/pathspec.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/revwalk.h"
#include "ugit/strbuf.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

/*
 * One side of a change before the sides are merged per path: a staged
 * change knows the blob ids (for rename detection), a work-tree change
 * only its letter.
 */
struct change {
	char *path;
	char index, worktree;
	unsigned unmerged;
	struct oid old_oid, new_oid;	/* staged 'D' and 'A': for renames */
	unsigned old_mode, new_mode;
	int new_commits;
	char *orig_path;
};

struct changes {
	struct change *items;
	size_t nr, alloc;
};

static struct change *change_add(struct changes *c, const char *path, size_t len)
{
	struct change *ch;

	ALLOC_GROW(c->items, c->nr + 1, c->alloc);
	ch = &c->items[c->nr++];
	memset(ch, 0, sizeof(*ch));
	ch->path = xmemdupz(path, len);
	ch->index = ch->worktree = ' ';
	return ch;
}

/* ---- HEAD's tree against the index ---- */

/* A tree id the cache-tree vouches for, with its directory ("" or "a/b"). */
struct cached_tree {
	char *path;
	struct oid oid;
};

struct tree_diff {
	struct repo *repo;
	const struct index *idx;
	const struct pathspec *ps;
	struct changes *out;
	struct cached_tree *cache;	/* sorted by path */
	size_t ncache, cache_alloc;
	size_t pos;			/* the next index entry to look at */
	struct strbuf prefix;		/* "" or "a/b/": the directory being compared */
};

static void collect_cached(const struct oid *oid, const char *path, void *payload)
{
	struct tree_diff *d = payload;

	ALLOC_GROW(d->cache, d->ncache + 1, d->cache_alloc);
	d->cache[d->ncache].path = xstrdup(path);
	d->cache[d->ncache].oid = *oid;
	d->ncache++;
}

static int cached_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cached_tree *)a)->path,
		      ((const struct cached_tree *)b)->path);
}

/* The cache-tree's id for directory `path` (no trailing '/'), or NULL. */
static const struct oid *cached_lookup(const struct tree_diff *d, const char *path)
{
	struct cached_tree key = { (char *)path, { { 0 } } };
	const struct cached_tree *hit;

	if (!d->ncache)
		return NULL;
	hit = bsearch(&key, d->cache, d->ncache, sizeof(*d->cache), cached_cmp);
	return hit ? &hit->oid : NULL;
}

/* The index entry at the cursor if it lies inside the current directory. */
static const struct index_entry *current_entry(const struct tree_diff *d)
{
	const struct index_entry *ce;

	if (d->pos >= d->idx->nr)
		return NULL;
	ce = d->idx->entries[d->pos];
	if (strncmp(ce->name, d->prefix.buf, d->prefix.len))
		return NULL;
	return ce;
}

/*
 * Order an index path (the part below the current directory) against a
 * tree entry, in the order both are sorted in: a directory sorts as if
 * its name ended in '/'.  For a directory, 0 means "inside it".
 */
static int compare_entry(const char *rest, const struct tree_item *t)
{
	int is_dir = t->mode == TREE_MODE_DIR;
	size_t rlen = strlen(rest), n = rlen < t->namelen ? rlen : t->namelen;
	int c = memcmp(rest, t->name, n);

	if (c)
		return c;
	if (rlen == t->namelen)
		return is_dir ? -1 : 0;	/* "d" (a file) sorts before "d/" */
	if (rlen < t->namelen)
		return -1;
	if (is_dir)
		return rest[n] == '/' ? 0 : (unsigned char)rest[n] < '/' ? -1 : 1;
	return 1;
}

static int selected(const struct tree_diff *d, const char *path)
{
	return pathspec_match(d->ps, path, NULL) != PATHSPEC_NONE;
}

/*
 * The index entry at the cursor has no counterpart in the tree: added,
 * or (stages 1-3) unmerged.  Every stage of the path is consumed.
 */
static void index_only(struct tree_diff *d, const struct index_entry *ce)
{
	unsigned stages = 0;
	size_t first = d->pos;
	struct change *ch;

	while (d->pos < d->idx->nr && !strcmp(d->idx->entries[d->pos]->name, ce->name)) {
		int stage = index_entry_stage(d->idx->entries[d->pos]);

		if (stage)
			stages |= 1u << (stage - 1);
		d->pos++;
	}
	if (!selected(d, ce->name))
		return;
	if (stages) {
		ch = change_add(d->out, ce->name, ce->namelen);
		ch->unmerged = stages;
		return;
	}
	if (ce->flags & INDEX_INTENT_TO_ADD)
		return;	/* only the promise of a file: nothing is staged yet */
	ch = change_add(d->out, ce->name, ce->namelen);
	ch->index = 'A';
	ch->new_oid = d->idx->entries[first]->oid;
	ch->new_mode = d->idx->entries[first]->mode;
}

static void tree_only(struct tree_diff *d, const struct tree_item *t)
{
	struct change *ch;
	size_t len = d->prefix.len;

	strbuf_add(&d->prefix, t->name, t->namelen);
	if (selected(d, d->prefix.buf)) {
		ch = change_add(d->out, d->prefix.buf, d->prefix.len);
		ch->index = 'D';
		ch->old_oid = t->oid;
		ch->old_mode = t->mode;
	}
	strbuf_setlen(&d->prefix, len);
}

/* The same path in both: modified if the blob changed, 'T' if the kind did. */
static void both(struct tree_diff *d, const struct index_entry *ce,
		 const struct tree_item *t)
{
	struct change *ch;

	if (index_entry_stage(ce) || (ce->flags & INDEX_INTENT_TO_ADD)) {
		index_only(d, ce);	/* a conflict shows as such, whatever HEAD had */
		return;
	}
	d->pos++;
	if (ce->mode == t->mode && oid_eq(&ce->oid, &t->oid))
		return;
	if (!selected(d, ce->name))
		return;
	ch = change_add(d->out, ce->name, ce->namelen);
	ch->index = (ce->mode & S_IFMT) == (t->mode & S_IFMT) ? 'M' : 'T';
	ch->old_oid = t->oid;
	ch->new_oid = ce->oid;
}

static int diff_dir(struct tree_diff *d, const struct oid *tree);

/*
 * A directory of the tree: skipped whole when the cache-tree says the
 * index holds the same tree there, compared entry by entry otherwise.
 */
static int subdir(struct tree_diff *d, const struct tree_item *t)
{
	size_t len = d->prefix.len;
	const struct oid *cached;
	int err = 0;

	strbuf_add(&d->prefix, t->name, t->namelen);
	cached = cached_lookup(d, d->prefix.buf);
	strbuf_addch(&d->prefix, '/');
	if (cached && oid_eq(cached, &t->oid)) {
		/* the index's entries there are exactly the tree's: step over them */
		while (current_entry(d))
			d->pos++;
	} else if (pathspec_reaches_dir(d->ps, d->prefix.buf, d->prefix.len)) {
		err = diff_dir(d, &t->oid);
	} else {
		while (current_entry(d))
			d->pos++;
	}
	strbuf_setlen(&d->prefix, len);
	return err;
}

/* A tree of HEAD's: git's "unable to read tree <id>" if it cannot be had. */
static int read_tree_object(struct odb_object *obj, struct repo *repo,
			    const struct oid *oid)
{
	int err = odb_read(obj, repo->odb, oid);
	char hex[UG_OID_HEXSZ + 1];

	if (!err && obj->type != OBJ_TREE)
		err = UG_ECORRUPT;
	if (err)
		err = ug_error(err, "unable to read tree %s", oid_to_hex(hex, oid));
	return err;
}

/* Merge-join the tree `tree` with the index entries below d->prefix. */
static int diff_dir(struct tree_diff *d, const struct oid *tree)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct tree_iter it;
	struct tree_item t;
	const struct index_entry *ce;
	int have, err = read_tree_object(&obj, d->repo, tree), c;

	if (err)
		goto done;
	tree_iter_init(&it, obj.data.buf, obj.data.len);
	have = tree_iter_next(&t, &it);
	while (have >= 0 && (have || current_entry(d))) {
		ce = current_entry(d);
		c = !have ? -1 : !ce ? 1 : compare_entry(ce->name + d->prefix.len, &t);
		if (c < 0) {
			index_only(d, ce);
			continue;
		}
		if (t.mode == TREE_MODE_DIR)
			err = subdir(d, &t);
		else if (c > 0)
			tree_only(d, &t);
		else
			both(d, ce, &t);
		if (err)
			goto done;
		have = tree_iter_next(&t, &it);
	}
	if (have < 0)
		err = have;
done:
	odb_object_release(&obj);
	return err;
}

/* The tree of commit `base`, or UG_ECORRUPT/whatever reading it says. */
static int base_tree(struct oid *out, struct repo *repo, const struct oid *base)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct commit c = COMMIT_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int err = odb_read(&obj, repo->odb, base);

	if (!err && obj.type != OBJ_COMMIT)
		err = ug_error(UG_ECORRUPT, "object %s is a %s, not a commit",
			       oid_to_hex(hex, base), obj.type_name);
	if (!err)
		err = commit_parse(&c, obj.data.buf, obj.data.len);
	if (!err)
		*out = c.tree;
	commit_release(&c);
	odb_object_release(&obj);
	return err;
}

static int diff_index(struct changes *out, struct repo *repo,
		      const struct index *idx, const struct status_options *opts)
{
	struct tree_diff d = { repo, idx, opts->ps, out, NULL, 0, 0, 0, STRBUF_INIT };
	const struct oid *cached;
	struct oid tree;
	size_t i;
	int err = 0;

	index_for_each_cached_tree(idx, collect_cached, &d);
	if (d.ncache)
		qsort(d.cache, d.ncache, sizeof(*d.cache), cached_cmp);
	if (opts->base) {
		err = base_tree(&tree, repo, opts->base);
		cached = cached_lookup(&d, "");
		/* the usual clean case: not a single tree need be read */
		if (!err && cached && oid_eq(cached, &tree))
			d.pos = idx->nr;
		else if (!err)
			err = diff_dir(&d, &tree);
	}
	while (!err && d.pos < idx->nr)
		index_only(&d, idx->entries[d.pos]);
	for (i = 0; i < d.ncache; i++)
		free(d.cache[i].path);
	free(d.cache);
	strbuf_release(&d.prefix);
	return err;
}

/* ---- renames: a deletion and an addition of the same blob ---- */

static int oid_order(const void *a, const void *b)
{
	const struct change *x = *(struct change *const *)a, *y = *(struct change *const *)b;
	int c = oid_cmp(&x->old_oid, &y->old_oid);

	return c ? c : strcmp(x->path, y->path);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Make `add` the rename of `del`; `del` is dropped (index 0) later. */
static void pair(struct change *add, struct change *del)
{
	add->index = 'R';
	add->orig_path = del->path;
	del->path = NULL;
	del->index = 0;
}

/* The first of the sorted `dels` whose blob is `oid` or after it. */
static size_t first_with_oid(struct change **dels, size_t n, const struct oid *oid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (oid_cmp(&dels[mid]->old_oid, oid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Pair each added path with a deleted path of identical content (git's
 * exact renames), preferring one with the same file name.  The pair
 * becomes one 'R' item at the new path; the deletion is dropped.
 */
static void find_renames(struct changes *c)
{
	struct change **dels = xcalloc(c->nr + 1, sizeof(*dels));
	size_t i, j, ndel = 0, lo;

	for (i = 0; i < c->nr; i++)
		if (c->items[i].index == 'D')
			dels[ndel++] = &c->items[i];
	if (ndel)
		qsort(dels, ndel, sizeof(*dels), oid_order);
	for (i = 0; i < c->nr && ndel; i++) {
		struct change *add = &c->items[i], *pick = NULL;

		if (add->index != 'A')
			continue;
		lo = first_with_oid(dels, ndel, &add->new_oid);
		for (j = lo; j < ndel && oid_eq(&dels[j]->old_oid, &add->new_oid); j++) {
			if (dels[j]->index != 'D')
				continue;	/* already taken */
			if (!pick || !strcmp(base_name(dels[j]->path), base_name(add->path)))
				pick = dels[j];
		}
		if (pick)
			pair(add, pick);
	}
	for (i = j = 0; i < c->nr; i++) {
		if (c->items[i].index)
			c->items[j++] = c->items[i];
	}
	c->nr = j;
	free(dels);
}

/*
 * ---- renames with edits: git's similarity estimate ----
 *
 * Each blob is cut into chunks that end at a newline or after 64 bytes,
 * and each chunk's bytes are counted under a hash of the chunk.  What
 * two blobs share is, hash by hash, the smaller of the two counts; the
 * score is that over the larger blob's size.  Git calls a deletion and
 * an addition a rename from 50% up, the best scores first.
 */
#define SIM_MAX_SCORE 60000
#define SIM_MIN_SCORE 30000	/* 50% */
#define SIM_RENAME_LIMIT 1000	/* git's diff.renameLimit: sources x targets <= limit^2 */

struct chunk_count {
	uint32_t hash;
	size_t bytes;
};

struct signature {
	struct chunk_count *items;	/* sorted by hash, one per hash */
	size_t nr;
	size_t size;			/* of the blob */
	int ok;				/* a regular file's blob that could be read */
};

static int chunk_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct chunk_count *)a)->hash, y = ((const struct chunk_count *)b)->hash;

	return x < y ? -1 : x > y;
}

static void add_chunk(struct signature *sig, size_t *alloc, uint32_t hash, size_t bytes)
{
	ALLOC_GROW(sig->items, sig->nr + 1, *alloc);
	sig->items[sig->nr].hash = hash;
	sig->items[sig->nr++].bytes = bytes;
}

/*
 * As git counts: a CR before LF is skipped in text (a blob with no NUL
 * in its first 8000 bytes), and a last chunk that neither ends in a
 * newline nor fills 64 bytes is not counted at all.
 */
static void signature_build(struct signature *sig, const unsigned char *buf, size_t len)
{
	int text = !memchr(buf, 0, len < 8000 ? len : 8000);
	size_t i, n = 0, alloc = 0, out = 0;
	uint32_t h = 2166136261u;	/* FNV-1a over the chunk */

	sig->items = NULL;
	sig->nr = 0;
	sig->size = len;
	for (i = 0; i < len; i++) {
		unsigned char c = buf[i];

		if (text && c == '\r' && i + 1 < len && buf[i + 1] == '\n')
			continue;
		h = (h ^ c) * 16777619u;
		if (++n < 64 && c != '\n')
			continue;
		add_chunk(sig, &alloc, h, n);
		n = 0;
		h = 2166136261u;
	}
	if (sig->nr)
		qsort(sig->items, sig->nr, sizeof(*sig->items), chunk_cmp);
	/* fold equal hashes together */
	for (i = 0; i < sig->nr; i++) {
		if (out && sig->items[out - 1].hash == sig->items[i].hash)
			sig->items[out - 1].bytes += sig->items[i].bytes;
		else
			sig->items[out++] = sig->items[i];
	}
	sig->nr = out;
}

static void signature_load(struct signature *sig, struct repo *repo,
			   const struct oid *oid, unsigned mode)
{
	struct odb_object obj = ODB_OBJECT_INIT;

	memset(sig, 0, sizeof(*sig));
	/* git estimates only regular files; a link or gitlink renames only exactly */
	if ((mode & S_IFMT) != S_IFREG || odb_read(&obj, repo->odb, oid) < 0) {
		ug_error_clear();
		odb_object_release(&obj);
		return;
	}
	signature_build(sig, (const unsigned char *)obj.data.buf, obj.data.len);
	sig->ok = 1;
	odb_object_release(&obj);
}

static int similarity(const struct signature *a, const struct signature *b)
{
	size_t i = 0, j = 0, common = 0;
	size_t big = a->size > b->size ? a->size : b->size;
	size_t small = a->size > b->size ? b->size : a->size;

	if (!a->ok || !b->ok || !big)
		return 0;
	/* too different in size to reach the minimum: not worth counting */
	if ((double)small * SIM_MAX_SCORE < (double)big * SIM_MIN_SCORE)
		return 0;
	while (i < a->nr && j < b->nr) {
		if (a->items[i].hash < b->items[j].hash) {
			i++;
		} else if (a->items[i].hash > b->items[j].hash) {
			j++;
		} else {
			common += a->items[i].bytes < b->items[j].bytes ?
				  a->items[i].bytes : b->items[j].bytes;
			i++, j++;
		}
	}
	return (int)((double)common * SIM_MAX_SCORE / (double)big);
}

/*
 * A candidate source for one target.  Like git, each target keeps its
 * best few candidates, and then all candidates are sorted together and
 * taken best first.  The sort is the C library's qsort() over the same
 * array git builds, with the same comparison, so that candidates of
 * equal score come out in git's order too.
 */
#define SIM_CANDIDATES 4

struct rename_score {
	long add, del;		/* positions in the change list; add < 0: unused slot */
	int score;
	int name_score;		/* 1 if the file names (last components) are equal */
};

static int score_cmp(const void *a_, const void *b_)
{
	const struct rename_score *a = a_, *b = b_;

	if (a->add < 0)
		return b->add >= 0;	/* unused slots sink to the bottom */
	if (b->add < 0)
		return -1;
	if (a->score == b->score)
		return b->name_score - a->name_score;
	return b->score - a->score;
}

/* Keep `o` among a target's candidates if it beats the worst kept one. */
static void keep_if_better(struct rename_score *m, const struct rename_score *o)
{
	int i, worst = 0;

	for (i = 1; i < SIM_CANDIDATES; i++)
		if (score_cmp(&m[i], &m[worst]) > 0)
			worst = i;
	if (score_cmp(&m[worst], o) > 0)
		m[worst] = *o;
}

/* Indices of the changes with letter `letter`. */
static size_t pick(size_t **out, const struct changes *c, char letter)
{
	size_t i, n = 0;

	*out = xcalloc(c->nr + 1, sizeof(**out));
	for (i = 0; i < c->nr; i++)
		if (c->items[i].index == letter)
			(*out)[n++] = i;
	return n;
}

/* The candidate matrix: SIM_CANDIDATES slots per target, in target order. */
static struct rename_score *score_matrix(struct repo *repo, struct changes *c,
					 const size_t *adds, size_t nadd,
					 const size_t *dels, size_t ndel)
{
	struct rename_score *mx = xcalloc(nadd * SIM_CANDIDATES, sizeof(*mx));
	struct signature *dsig = xcalloc(ndel + 1, sizeof(*dsig)), asig;
	size_t i, j;

	for (j = 0; j < ndel; j++)
		signature_load(&dsig[j], repo, &c->items[dels[j]].old_oid, c->items[dels[j]].old_mode);
	for (i = 0; i < nadd; i++) {
		struct rename_score *m = mx + i * SIM_CANDIDATES;
		const struct change *add = &c->items[adds[i]];

		for (j = 0; j < SIM_CANDIDATES; j++)
			m[j].add = -1;
		signature_load(&asig, repo, &add->new_oid, add->new_mode);
		for (j = 0; j < ndel; j++) {
			struct rename_score o;

			o.add = (long)adds[i];
			o.del = (long)dels[j];
			o.score = similarity(&dsig[j], &asig);
			o.name_score = !strcmp(base_name(add->path), base_name(c->items[dels[j]].path));
			keep_if_better(m, &o);
		}
		free(asig.items);
	}
	for (j = 0; j < ndel; j++)
		free(dsig[j].items);
	free(dsig);
	return mx;
}

/*
 * Before the general search git pairs files that moved to another
 * directory keeping their name: when a name occurs once among the
 * deleted paths and once among the added ones, a score of 75% (halfway
 * from 50% to 100%) makes them a rename, whatever else scores higher.
 */
#define SIM_BASENAME_SCORE (SIM_MIN_SCORE + (SIM_MAX_SCORE - SIM_MIN_SCORE) / 2)

struct named {
	const char *base;
	size_t pos;	/* in the change list */
};

static int named_cmp(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->base, ((const struct named *)b)->base);
}

/* The changes with letter `letter`, sorted by file name. */
static size_t by_name(struct named **out, const struct changes *c, char letter)
{
	size_t i, n = 0;

	*out = xcalloc(c->nr + 1, sizeof(**out));
	for (i = 0; i < c->nr; i++)
		if (c->items[i].index == letter)
			(*out)[n++] = (struct named){ base_name(c->items[i].path), i };
	if (n)
		qsort(*out, n, sizeof(**out), named_cmp);
	return n;
}

/* The position of the only entry named `base` in `list`, or -1. */
static long only_one(const struct named *list, size_t n, const char *base)
{
	struct named key = { base, 0 };
	const struct named *hit = n ? bsearch(&key, list, n, sizeof(*list), named_cmp) : NULL;

	if (!hit)
		return -1;
	if ((hit > list && !strcmp(hit[-1].base, base)) ||
	    (hit + 1 < list + n && !strcmp(hit[1].base, base)))
		return -1;	/* not unique: left to the general search */
	return (long)hit->pos;
}

static void find_basename_renames(struct changes *c, struct repo *repo)
{
	struct named *adds, *dels;
	size_t nadd = by_name(&adds, c, 'A'), ndel = by_name(&dels, c, 'D'), i;

	for (i = 0; nadd && i < ndel; i++) {
		long a = only_one(adds, nadd, dels[i].base), d = only_one(dels, ndel, dels[i].base);
		struct signature sa, sd;
		int score;

		if (a < 0 || d < 0)
			continue;
		signature_load(&sd, repo, &c->items[d].old_oid, c->items[d].old_mode);
		signature_load(&sa, repo, &c->items[a].new_oid, c->items[a].new_mode);
		score = similarity(&sd, &sa);
		if (score >= SIM_BASENAME_SCORE)
			pair(&c->items[a], &c->items[d]);
		free(sa.items);
		free(sd.items);
	}
	free(adds);
	free(dels);
}

/* Pair what exact matching left over, best score first, each path once. */
static void find_similar_renames(struct changes *c, struct repo *repo)
{
	struct rename_score *mx = NULL;
	size_t *adds, *dels, nadd, ndel, i, j, n;

	find_basename_renames(c, repo);
	nadd = pick(&adds, c, 'A');
	ndel = pick(&dels, c, 'D');
	n = nadd * SIM_CANDIDATES;

	if (nadd && ndel && (double)nadd * ndel <= (double)SIM_RENAME_LIMIT * SIM_RENAME_LIMIT) {
		mx = score_matrix(repo, c, adds, nadd, dels, ndel);
		qsort(mx, n, sizeof(*mx), score_cmp);
	}
	for (i = 0; mx && i < n && mx[i].add >= 0 && mx[i].score >= SIM_MIN_SCORE; i++) {
		struct change *add = &c->items[mx[i].add], *del = &c->items[mx[i].del];

		if (add->index != 'A' || del->index != 'D')
			continue;	/* one of them is already paired */
		pair(add, del);
	}
	for (i = j = 0; i < c->nr; i++)
		if (c->items[i].index)
			c->items[j++] = c->items[i];
	c->nr = j;
	free(mx);
	free(adds);
	free(dels);
}

/* ---- untracked and ignored files ---- */

struct walk {
	struct repo *repo;
	const struct index *idx;
	const struct pathspec *ps;
	struct ignore *ig;
	enum status_untracked_mode mode;
	int show_ignored;
	struct strbuf abs;	/* <top>/<rel> */
	struct strbuf rel;	/* "" or "a/b/" while reading a directory */
	struct worktree_list *untracked, *ignored;
};

static int walk_dir(struct walk *w, int all_ignored, int check_only);

/*
 * A file: tracked ones are not ours; the others are ignored or
 * untracked.  Returns 1 when `check_only` and an untracked file is found
 * (the caller only wanted to know whether there is one).
 */
static int visit_file(struct walk *w, int all_ignored, int check_only)
{
	const char *path = w->rel.buf;
	int ignored = all_ignored;

	if (worktree_is_tracked(w->idx, path, w->rel.len))
		return 0;
	if (!ignored && w->ig) {
		ignored = ignore_is_ignored(w->ig, path, 0);
		if (ignored < 0)
			return ignored;
	}
	if (pathspec_match(w->ps, path, NULL) == PATHSPEC_NONE)
		return 0;
	if (!ignored) {
		worktree_list_add(w->untracked, path, WT_FILE);
		return check_only;
	}
	if (w->show_ignored)
		worktree_list_add(w->ignored, path, WT_FILE);
	return 0;
}

static void move_items(struct worktree_list *to, struct worktree_list *from)
{
	size_t i;

	for (i = 0; i < from->nr; i++) {
		ALLOC_GROW(to->items, to->nr + 1, to->alloc);
		to->items[to->nr++] = from->items[i];
	}
	from->nr = 0;
}

/*
 * Normal mode, a directory that holds nothing tracked: git shows it as
 * one "dir/" - untracked if anything in it is, ignored if all it holds
 * is ignored, not at all if it holds no file.  w->rel ends in '/'.
 */
static int collapse_dir(struct walk *w, int check_only)
{
	struct worktree_list u = WORKTREE_LIST_INIT, g = WORKTREE_LIST_INIT;
	struct worktree_list *save_u = w->untracked, *save_g = w->ignored;
	int err, whole = pathspec_match(w->ps, w->rel.buf, NULL) != PATHSPEC_NONE;

	w->untracked = &u;
	w->ignored = &g;
	/* without --ignored, one untracked file is enough to know */
	err = walk_dir(w, 0, !w->show_ignored);
	w->untracked = save_u;
	w->ignored = save_g;
	if (err >= 0 && u.nr) {
		if (whole)
			worktree_list_add(w->untracked, w->rel.buf, WT_DIR);
		else
			move_items(w->untracked, &u);
		move_items(w->ignored, &g);
		err = check_only;
	} else if (err >= 0 && g.nr) {
		if (whole)
			worktree_list_add(w->ignored, w->rel.buf, WT_DIR);
		else
			move_items(w->ignored, &g);
	}
	worktree_list_release(&u);
	worktree_list_release(&g);
	return err;
}

/* 1 if the index records `path` (`len` bytes) as a gitlink (a submodule). */
static int is_gitlink(const struct index *idx, const char *path, size_t len)
{
	int pos = index_find(idx, path, len, 0);

	return pos >= 0 && idx->entries[pos]->mode == TREE_MODE_GITLINK;
}

/* A directory: w->rel names it without its '/', w->abs too. */
static int visit_dir(struct walk *w, int all_ignored, int check_only)
{
	size_t len = w->rel.len;
	int ignored = all_ignored, tracked_inside, err = 0;

	strbuf_addch(&w->rel, '/');
	if (!pathspec_reaches_dir(w->ps, w->rel.buf, w->rel.len))
		goto done;
	tracked_inside = worktree_has_tracked_inside(w->idx, w->rel.buf, w->rel.len);
	if (!ignored && w->ig) {
		strbuf_setlen(&w->rel, len);
		ignored = ignore_is_ignored(w->ig, w->rel.buf, 1);
		strbuf_addch(&w->rel, '/');
		if (ignored < 0) {
			err = ignored;
			goto done;
		}
	}
	if (ignored && !w->show_ignored && !tracked_inside)
		goto done;
	if (!tracked_inside && !worktree_is_tracked(w->idx, w->rel.buf, len)) {
		if (worktree_holds_repository(&w->abs)) {
			/* another repository: git shows it as one untracked "dir/" */
			if (pathspec_match(w->ps, w->rel.buf, NULL) != PATHSPEC_NONE)
				worktree_list_add(ignored ? w->ignored : w->untracked, w->rel.buf, WT_REPO);
			err = ignored ? 0 : check_only;
			goto done;
		}
	} else if (!tracked_inside && (is_gitlink(w->idx, w->rel.buf, len) ||
				       w->mode != STATUS_UNTRACKED_ALL)) {
		/*
		 * A submodule's repository is not ours to walk.  A directory
		 * where the index has a file: git's normal mode shows neither
		 * it nor its files (-uall lists the files).
		 */
		goto done;
	}
	if (ignored && w->mode != STATUS_UNTRACKED_ALL && !tracked_inside) {
		if (pathspec_match(w->ps, w->rel.buf, NULL) != PATHSPEC_NONE)
			worktree_list_add(w->ignored, w->rel.buf, WT_DIR);
	} else if (!ignored && w->mode != STATUS_UNTRACKED_ALL && !tracked_inside) {
		err = collapse_dir(w, check_only);
	} else {
		err = walk_dir(w, ignored, check_only);
	}
done:
	strbuf_setlen(&w->rel, len);
	return err;
}

struct walk_step {
	struct walk *w;
	int all_ignored, check_only;
};

static int visit(int is_dir, void *payload)
{
	struct walk_step *step = payload;

	return is_dir ? visit_dir(step->w, step->all_ignored, step->check_only) :
		visit_file(step->w, step->all_ignored, step->check_only);
}

/*
 * Read the directory w->abs (w->rel from the top).  Returns 0, 1 when
 * `check_only` found an untracked file, <0 on error.
 */
static int walk_dir(struct walk *w, int all_ignored, int check_only)
{
	struct walk_step step = { w, all_ignored, check_only };

	return worktree_read_dir(&w->abs, &w->rel, visit, &step);
}

/* The untracked walk; runs while other threads lstat() the tracked files. */
static int run_walk(void *payload)
{
	struct walk *w = payload;
	int err;

	strbuf_addstr(&w->abs, w->repo->worktree);
	err = ignore_open(&w->ig, w->repo);
	if (!err)
		err = walk_dir(w, 0, 0);
	if (err > 0)
		err = 0;
	worktree_list_sort(w->untracked, 0);
	worktree_list_sort(w->ignored, 0);
	return err;
}

/* ---- the index against the work tree ---- */

/* What changed in the file of `ce`; ' ' if nothing. */
static char worktree_letter(const struct index_entry *ce, int status, const struct stat *st)
{
	if (status == WT_DELETED)
		return 'D';
	if (ce->flags & INDEX_INTENT_TO_ADD)
		return 'A';
	if (status != WT_MODIFIED)
		return ' ';
	/* a file that became a link (or the reverse) changed its type */
	if ((index_mode_from_stat(st->st_mode) & S_IFMT) != (ce->mode & S_IFMT))
		return 'T';
	return 'M';
}

/*
 * A submodule is unchanged for the index when its directory is there;
 * git also looks at the commit checked out in it.  One that cannot be
 * read (not checked out) is not reported.
 */
static int submodule_moved(struct repo *repo, const struct index_entry *ce)
{
	struct oid head;

	if (worktree_repo_head(&head, repo, ce->name) < 0) {
		ug_error_clear();
		return 0;
	}
	return !oid_eq(&head, &ce->oid);
}

static int diff_worktree(struct changes *out, int *refreshed, struct repo *repo,
			 struct index *idx, const struct status_options *opts,
			 struct walk *w)
{
	int *status = xcalloc(idx->nr + 1, sizeof(*status));
	struct stat *sts = xcalloc(idx->nr + 1, sizeof(*sts));
	int topfd = worktree_open_top(repo), err;
	size_t i;

	err = topfd;
	if (topfd >= 0)
		err = worktree_status_all(status, sts, topfd, idx, opts->ps, NULL,
					  w ? run_walk : NULL, w);
	for (i = 0; err >= 0 && i < idx->nr; i++) {
		struct index_entry *ce = idx->entries[i];
		char letter;

		if (status[i] < 0 || index_entry_stage(ce) || (ce->flags & INDEX_SKIP_WORKTREE))
			continue;
		letter = worktree_letter(ce, status[i], &sts[i]);
		if (letter == ' ' && ce->mode == TREE_MODE_GITLINK && submodule_moved(repo, ce)) {
			struct change *ch = change_add(out, ce->name, ce->namelen);

			ch->worktree = 'M';
			ch->new_commits = 1;
		} else if (letter != ' ') {
			change_add(out, ce->name, ce->namelen)->worktree = letter;
		} else if (!(ce->flags & INDEX_ASSUME_VALID) && !index_stat_matches(ce, &sts[i])) {
			/* same content, new stat data: remember it, so next time costs no hashing */
			index_entry_fill_stat(ce, &sts[i]);
			*refreshed = 1;
		}
	}
	if (topfd >= 0)
		close(topfd);
	free(status);
	free(sts);
	return err < 0 ? err : 0;
}

/* ---- putting it together ---- */

/* git's two letters for a conflict, from the stages present. */
static void unmerged_letters(struct status_item *it)
{
	static const char codes[8][3] = {
		"  ", "DD", "AU", "UD", "UA", "DU", "AA", "UU",
	};

	it->index = codes[it->unmerged & 7][0];
	it->worktree = codes[it->unmerged & 7][1];
}

const char *status_unmerged_label(const struct status_item *it)
{
	static const char *const labels[8] = {
		"", "both deleted:", "added by us:", "deleted by them:",
		"added by them:", "deleted by us:", "both added:", "both modified:",
	};

	return labels[it->unmerged & 7];
}

static void add_item(struct status *st, struct change *ch)
{
	struct status_item *it;

	ALLOC_GROW(st->items, st->nr + 1, st->alloc);
	it = &st->items[st->nr++];
	it->path = ch->path;
	it->orig_path = ch->orig_path;
	it->index = ch->index;
	it->worktree = ch->worktree;
	it->unmerged = ch->unmerged;
	it->new_commits = ch->new_commits;
	if (it->unmerged)
		unmerged_letters(it);
	ch->path = ch->orig_path = NULL;
}

/* Both lists are sorted by path: merge them, one item per path. */
static void merge_changes(struct status *st, struct changes *staged, struct changes *wt)
{
	size_t i = 0, j = 0;

	while (i < staged->nr || j < wt->nr) {
		int c = i == staged->nr ? 1 : j == wt->nr ? -1 :
			strcmp(staged->items[i].path, wt->items[j].path);

		if (c > 0) {
			add_item(st, &wt->items[j++]);
			continue;
		}
		if (!c && !staged->items[i].unmerged) {
			staged->items[i].worktree = wt->items[j].worktree;
			staged->items[i].new_commits = wt->items[j].new_commits;
		}
		if (!c)
			j++;
		add_item(st, &staged->items[i++]);
	}
}

static void changes_release(struct changes *c)
{
	size_t i;

	for (i = 0; i < c->nr; i++) {
		free(c->items[i].path);
		free(c->items[i].orig_path);
	}
	free(c->items);
}

int status_collect(struct status *out, struct repo *repo, struct index *idx,
		   const struct status_options *opts)
{
	struct changes staged = { NULL, 0, 0 }, wt = { NULL, 0, 0 };
	struct walk w = { repo, idx, opts->ps, NULL, opts->untracked, opts->show_ignored,
			  STRBUF_INIT, STRBUF_INIT, &out->untracked, &out->ignored };
	int err = diff_index(&staged, repo, idx, opts);

	if (!err && !opts->no_renames) {
		find_renames(&staged);
		find_similar_renames(&staged, repo);
	}
	if (!err)
		err = diff_worktree(&wt, &out->refreshed, repo, idx, opts,
				    opts->untracked == STATUS_UNTRACKED_NO ? NULL : &w);
	if (!err)
		merge_changes(out, &staged, &wt);
	changes_release(&staged);
	changes_release(&wt);
	ignore_free(w.ig);
	strbuf_release(&w.abs);
	strbuf_release(&w.rel);
	return err;
}

void status_release(struct status *st)
{
	size_t i;

	for (i = 0; i < st->nr; i++) {
		free(st->items[i].path);
		free(st->items[i].orig_path);
	}
	free(st->items);
	st->items = NULL;
	st->nr = st->alloc = 0;
	worktree_list_release(&st->untracked);
	worktree_list_release(&st->ignored);
}

size_t status_count_staged(const struct status *st)
{
	size_t i, n = 0;

	for (i = 0; i < st->nr; i++)
		n += st->items[i].index != ' ' || st->items[i].unmerged;
	return n;
}

int status_has_unstaged(const struct status *st)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (!st->items[i].unmerged && st->items[i].worktree != ' ')
			return 1;
	return 0;
}

/* ---- a detached HEAD's origin ---- */

struct last_checkout {
	char *to;		/* NULL: name it by its id */
	struct oid oid;
	int found;
};

static int find_checkout(const char *refname, const struct refs_reflog_entry *e,
			 void *payload)
{
	struct last_checkout *c = payload;
	const char *rest, *to;

	if (strcmp(refname, "HEAD"))
		return 1;	/* HEAD's log comes first: the rest is not ours */
	if (strncmp(e->message, "checkout: moving from ", 22))
		return 0;
	rest = e->message + 22;
	to = strstr(rest, " to ");
	if (!to)
		return 0;
	free(c->to);
	/* "HEAD" meant wherever HEAD was then: only the id says where */
	c->to = strcmp(to + 4, "HEAD") ? xstrdup(to + 4) : NULL;
	c->oid = e->new_oid;
	c->found = 1;	/* oldest first: the last one seen is the newest */
	return 0;
}

int status_detached_from(struct strbuf *name, int *at, struct repo *repo,
			 const struct oid *head)
{
	struct last_checkout c = { NULL, { { 0 } }, 0 };
	struct strbuf full = STRBUF_INIT;
	struct oid oid, peeled;
	char hex[UG_OID_HEXSZ + 1];
	const char *shortname;
	int ret = 1;

	if (refs_for_each_reflog(repo, find_checkout, &c) < 0 || !c.found)
		goto done;
	ret = 0;
	*at = oid_eq(head, &c.oid);
	/* a name that still leads to that commit (a tag through its object) is shown */
	if (c.to && revparse_dwim_ref(&oid, &full, NULL, repo, c.to) == 1 &&
	    (oid_eq(&oid, &c.oid) ||
	     (!revparse_peel(&peeled, repo, &oid, OBJ_COMMIT) && oid_eq(&peeled, &c.oid)))) {
		shortname = full.buf;
		if (strncmp(shortname, "refs/tags/", 10) == 0)
			shortname += 10;
		else if (strncmp(shortname, "refs/remotes/", 13) == 0)
			shortname += 13;
		strbuf_addstr(name, shortname);
	} else {
		strbuf_addf(name, "%.*s", odb_unique_abbrev_len(repo->odb, &c.oid, 7),
			    oid_to_hex(hex, &c.oid));
	}
done:
	ug_error_clear();
	free(c.to);
	strbuf_release(&full);
	return ret;
}

/* ---- the upstream branch ---- */

static const char *config_value(struct repo *repo, const char *fmt, const char *name)
{
	struct strbuf key = STRBUF_INIT;
	const char *v = NULL;

	strbuf_addf(&key, fmt, name);
	if (!repo->config || config_get_string(&v, repo->config, key.buf) < 0)
		v = NULL;
	ug_error_clear();
	strbuf_release(&key);
	return v;
}

/*
 * Map `merge` ("refs/heads/master") through the remote's fetch refspec
 * (usually "+refs/heads/STAR:refs/remotes/origin/STAR", STAR being "*",
 * which a C comment cannot hold after "/") to the ref that tracks it.
 * Returns 0, or -1 if the refspec does not cover it.
 */
static int map_refspec(struct strbuf *out, const char *spec, const char *merge)
{
	const char *colon, *star_src, *star_dst;
	size_t plen;

	if (*spec == '+')
		spec++;
	colon = strchr(spec, ':');
	if (!colon)
		return -1;
	star_src = memchr(spec, '*', (size_t)(colon - spec));
	star_dst = strchr(colon + 1, '*');
	if (!star_src || !star_dst) {
		/* a plain "src:dst" maps one ref */
		if (strlen(merge) != (size_t)(colon - spec) || strncmp(spec, merge, (size_t)(colon - spec)))
			return -1;
		strbuf_addstr(out, colon + 1);
		return 0;
	}
	plen = (size_t)(star_src - spec);
	if (strncmp(merge, spec, plen))
		return -1;
	strbuf_add(out, colon + 1, (size_t)(star_dst - colon - 1));
	strbuf_addstr(out, merge + plen);
	strbuf_addstr(out, star_dst + 1);
	return 0;
}

/* Commits reachable from `from` but not from `not`. */
static int count_only(size_t *out, struct repo *repo, const struct oid *from,
		      const struct oid *not)
{
	struct revwalk_options opts = REVWALK_OPTIONS_INIT;
	struct revwalk *w = revwalk_new(repo, &opts);
	struct revwalk_commit *c;
	int err = revwalk_push(w, from, 0);

	if (!err)
		err = revwalk_push(w, not, 1);
	*out = 0;
	while (!err) {
		err = revwalk_next(&c, w);
		if (err <= 0)
			break;
		(*out)++;
		err = 0;
	}
	revwalk_free(w);
	return err < 0 ? err : 0;
}

int status_upstream(struct status_upstream *out, struct repo *repo,
		    const char *branch, const struct oid *head)
{
	struct strbuf ref = STRBUF_INIT;
	const char *name = branch + 11, *remote, *merge, *spec, *shown;
	struct oid up;
	int err = 0;

	remote = config_value(repo, "branch.%s.remote", name);
	merge = config_value(repo, "branch.%s.merge", name);
	if (strncmp(branch, "refs/heads/", 11) || !remote || !merge)
		goto done;
	if (!strcmp(remote, "."))
		strbuf_addstr(&ref, merge);	/* a local branch */
	else if (!(spec = config_value(repo, "remote.%s.fetch", remote)) ||
		 map_refspec(&ref, spec, merge) < 0)
		goto done;
	shown = ref.buf;
	if (!strncmp(shown, "refs/heads/", 11))
		shown += 11;
	else if (!strncmp(shown, "refs/remotes/", 13))
		shown += 13;
	out->name = xstrdup(shown);
	if (refs_resolve(&up, repo, ref.buf) < 0) {
		ug_error_clear();
		out->gone = 1;
		goto done;
	}
	err = count_only(&out->ahead, repo, head, &up);
	if (!err)
		err = count_only(&out->behind, repo, &up, head);
done:
	strbuf_release(&ref);
	return err;
}

void status_upstream_release(struct status_upstream *up)
{
	free(up->name);
	up->name = NULL;
}
