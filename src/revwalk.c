/* revwalk: history in git's `log` order - date queue, uninteresting commits, path simplification. */
#include "ugit/revwalk.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/odb.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/strbuf.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

/* git's SLOP: rounds of "nothing interesting left" before a limited walk stops. */
#define SLOP 5

/* A list of commits; also the priority queue (a binary heap) of the walk. */
struct commit_array {
	struct revwalk_commit **items;
	size_t nr, alloc;
};

struct revwalk {
	struct repo *repo;
	struct revwalk_options opts;
	/* every commit met, by id: open addressing, size a power of two */
	struct revwalk_commit **table;
	size_t table_nr, table_size;
	struct commit_array queue;
	uint64_t next_seq;
	int prepared;
	int limited;			/* some start point is uninteresting */
	struct commit_array output;	/* limited or reversed walks: what to show */
	size_t output_pos;
	long max_count, skip;		/* what is left of the options' counts */
};

/* ---- the table of commits ---- */

static size_t oid_hash(const struct oid *oid)
{
	uint32_t h;

	memcpy(&h, oid->hash, sizeof(h));	/* SHA-1 bytes are already well mixed */
	return h;
}

static void table_grow(struct revwalk *w)
{
	struct revwalk_commit **old = w->table;
	size_t old_size = w->table_size, i;

	w->table_size = old_size ? old_size * 2 : 1024;
	w->table = xcalloc(w->table_size, sizeof(*w->table));
	for (i = 0; i < old_size; i++) {
		size_t j;

		if (!old[i])
			continue;
		j = oid_hash(&old[i]->oid) & (w->table_size - 1);
		while (w->table[j])
			j = (j + 1) & (w->table_size - 1);
		w->table[j] = old[i];
	}
	free(old);
}

/* The entry for `oid`, created (unparsed, no flags) if it is new. */
static struct revwalk_commit *lookup(struct revwalk *w, const struct oid *oid)
{
	struct commit init = COMMIT_INIT;
	struct revwalk_commit *c;
	size_t j;

	if (2 * (w->table_nr + 1) > w->table_size)
		table_grow(w);
	j = oid_hash(oid) & (w->table_size - 1);
	for (; w->table[j]; j = (j + 1) & (w->table_size - 1))
		if (oid_eq(&w->table[j]->oid, oid))
			return w->table[j];
	c = xcalloc(1, sizeof(*c));
	c->oid = *oid;
	c->commit = init;
	w->table[j] = c;
	w->table_nr++;
	return c;
}

/* Read and parse `c` once; its parents become (unparsed) entries. */
static int parse(struct revwalk *w, struct revwalk_commit *c)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	char hex[UG_OID_HEXSZ + 1];
	size_t i;
	int err;

	if (c->flags & REVWALK_PARSED)
		return 0;
	err = odb_read(&obj, w->repo->odb, &c->oid);
	if (!err && obj.type != OBJ_COMMIT)
		err = ug_error(UG_EINVALID, "object %s is a %s, not a commit",
			       oid_to_hex(hex, &c->oid), obj.type_name);
	if (!err && commit_parse(&c->commit, obj.data.buf, obj.data.len) < 0)
		err = ug_error(UG_ECORRUPT, "bogus commit object %s",
			       oid_to_hex(hex, &c->oid));
	odb_object_release(&obj);
	if (err)
		return err;
	c->parents_nr = c->commit.parents_nr;
	c->parents = xcalloc(c->parents_nr ? c->parents_nr : 1, sizeof(*c->parents));
	for (i = 0; i < c->parents_nr; i++)
		c->parents[i] = lookup(w, &c->commit.parents[i]);
	c->flags |= REVWALK_PARSED;
	return 0;
}

/* ---- the date queue ---- */

/*
 * Newest committer date first; among equal dates, first queued first -
 * the order git's commit_list_insert_by_date() keeps its list in.
 */
static int comes_before(const struct revwalk_commit *a,
			const struct revwalk_commit *b)
{
	if (a->commit.date != b->commit.date)
		return a->commit.date > b->commit.date;
	return a->seq < b->seq;
}

static void queue_put(struct revwalk *w, struct revwalk_commit *c)
{
	struct commit_array *q = &w->queue;
	size_t i = q->nr++;

	c->seq = w->next_seq++;
	ALLOC_GROW(q->items, q->nr, q->alloc);
	while (i && comes_before(c, q->items[(i - 1) / 2])) {
		q->items[i] = q->items[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	q->items[i] = c;
}

static struct revwalk_commit *queue_get(struct revwalk *w)
{
	struct commit_array *q = &w->queue;
	struct revwalk_commit *top, *last;
	size_t i = 0;

	if (!q->nr)
		return NULL;
	top = q->items[0];
	last = q->items[--q->nr];
	for (;;) {
		size_t child = 2 * i + 1;

		if (child >= q->nr)
			break;
		if (child + 1 < q->nr && comes_before(q->items[child + 1], q->items[child]))
			child++;
		if (!comes_before(q->items[child], last))
			break;
		q->items[i] = q->items[child];
		i = child;
	}
	if (q->nr)
		q->items[i] = last;
	return top;
}

static void array_add(struct commit_array *a, struct revwalk_commit *c)
{
	ALLOC_GROW(a->items, a->nr + 1, a->alloc);
	a->items[a->nr++] = c;
}

/* ---- uninteresting commits ---- */

/*
 * Mark every known ancestor of `c` uninteresting.  Like git, this only
 * follows commits already parsed: the rest learn it when they are
 * queued from an uninteresting child.
 */
static void mark_parents_uninteresting(struct revwalk_commit *c)
{
	struct commit_array stack = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < c->parents_nr; i++)
		array_add(&stack, c->parents[i]);
	while (stack.nr) {
		struct revwalk_commit *p = stack.items[--stack.nr];

		if (p->flags & REVWALK_UNINTERESTING)
			continue;
		p->flags |= REVWALK_UNINTERESTING;
		for (i = 0; i < p->parents_nr; i++)
			array_add(&stack, p->parents[i]);
	}
	free(stack.items);
}

/* git's relevant_commit(): interesting, or a bottom the user named. */
static int relevant(const struct revwalk_commit *c)
{
	return (c->flags & (REVWALK_UNINTERESTING | REVWALK_BOTTOM)) !=
	       REVWALK_UNINTERESTING;
}

/* ---- comparing trees under the paths ---- */

/* `path` is one of the paths, or inside one. */
static int path_matches(const struct revwalk *w, const char *path, size_t len)
{
	size_t i;

	for (i = 0; i < w->opts.paths_nr; i++) {
		const char *p = w->opts.paths[i];
		size_t n = strlen(p);

		if (!n || (len >= n && !memcmp(path, p, n) && (len == n || path[n] == '/')))
			return 1;
	}
	return 0;
}

/* A directory `path` holds one of the paths further down. */
static int path_leads_to(const struct revwalk *w, const char *path, size_t len)
{
	size_t i;

	for (i = 0; i < w->opts.paths_nr; i++) {
		const char *p = w->opts.paths[i];

		if (strlen(p) > len && !memcmp(p, path, len) && p[len] == '/')
			return 1;
	}
	return 0;
}

static int read_tree(struct odb_object *obj, struct revwalk *w,
		     const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];
	int err;

	if (!oid)
		return 0;	/* a missing side reads as an empty tree */
	err = odb_read(obj, w->repo->odb, oid);
	if (!err && obj->type != OBJ_TREE)
		err = ug_error(UG_ECORRUPT, "object %s is a %s, not a tree",
			       oid_to_hex(hex, oid), obj->type_name);
	return err;
}

static int trees_differ(struct revwalk *w, const struct oid *a,
			const struct oid *b, struct strbuf *base);

/*
 * One name present in tree a (`x`, may be NULL) and/or tree b (`y`):
 * 1 if it changes a path we watch, 0 if not, <0 on error.
 */
static int entry_differs(struct revwalk *w, const struct tree_item *x,
			 const struct tree_item *y, struct strbuf *base)
{
	const struct tree_item *e = x ? x : y;
	size_t len = base->len;
	int dir_x = x && x->mode == TREE_MODE_DIR, dir_y = y && y->mode == TREE_MODE_DIR;
	int res = 0;

	if (x && y && x->mode == y->mode && oid_eq(&x->oid, &y->oid))
		return 0;
	strbuf_add(base, e->name, e->namelen);
	if (path_matches(w, base->buf, base->len))
		res = 1;
	else if ((dir_x || dir_y) && path_leads_to(w, base->buf, base->len)) {
		strbuf_addch(base, '/');
		res = trees_differ(w, dir_x ? &x->oid : NULL, dir_y ? &y->oid : NULL, base);
	}
	strbuf_setlen(base, len);
	return res;
}

/* Walk two trees side by side, in git's entry order. */
static int merge_entries(struct revwalk *w, struct tree_iter *ia,
			 struct tree_iter *ib, struct strbuf *base)
{
	struct tree_item x, y;
	int more_x = tree_iter_next(&x, ia), more_y = tree_iter_next(&y, ib);
	int res = 0;

	while (!res && more_x > 0 && more_y > 0) {
		int cmp = tree_name_cmp(x.name, x.namelen, x.mode == TREE_MODE_DIR,
					y.name, y.namelen, y.mode == TREE_MODE_DIR);

		res = entry_differs(w, cmp <= 0 ? &x : NULL, cmp >= 0 ? &y : NULL, base);
		if (cmp <= 0)
			more_x = tree_iter_next(&x, ia);
		if (cmp >= 0)
			more_y = tree_iter_next(&y, ib);
	}
	for (; !res && more_x > 0; more_x = tree_iter_next(&x, ia))
		res = entry_differs(w, &x, NULL, base);
	for (; !res && more_y > 0; more_y = tree_iter_next(&y, ib))
		res = entry_differs(w, NULL, &y, base);
	if (!res && (more_x < 0 || more_y < 0))
		res = more_x < 0 ? more_x : more_y;
	return res;
}

/* 1 if trees `a` and `b` (NULL: empty) differ under the paths; <0 on error. */
static int trees_differ(struct revwalk *w, const struct oid *a,
			const struct oid *b, struct strbuf *base)
{
	struct odb_object ta = ODB_OBJECT_INIT, tb = ODB_OBJECT_INIT;
	struct tree_iter ia, ib;
	int res;

	if (a && b && oid_eq(a, b))
		return 0;	/* the same tree: nothing below can differ */
	res = read_tree(&ta, w, a);
	if (!res)
		res = read_tree(&tb, w, b);
	if (!res) {
		tree_iter_init(&ia, ta.data.buf, ta.data.len);
		tree_iter_init(&ib, tb.data.buf, tb.data.len);
		res = merge_entries(w, &ia, &ib, base);
	}
	odb_object_release(&ta);
	odb_object_release(&tb);
	return res;
}

static int commits_differ(struct revwalk *w, const struct oid *a,
			  const struct oid *b)
{
	struct strbuf base = STRBUF_INIT;
	int res = trees_differ(w, a, b, &base);

	strbuf_release(&base);
	return res;
}

/*
 * git's try_to_simplify_commit() with its default history simplification:
 * a commit that changes none of the paths is TREESAME; a merge TREESAME
 * to an interesting parent keeps only that parent.
 */
static int simplify(struct revwalk *w, struct revwalk_commit *c)
{
	int relevant_parents = 0, relevant_change = 0, irrelevant_change = 0;
	size_t i;

	if (!w->opts.paths)
		return 0;
	if (!c->parents_nr) {
		int d = commits_differ(w, NULL, &c->commit.tree);

		if (d < 0)
			return d;
		if (!d)
			c->flags |= REVWALK_TREESAME;
		return 0;
	}
	for (i = 0; i < c->parents_nr; i++) {
		struct revwalk_commit *p = c->parents[i];
		int err, d;

		if (relevant(p))
			relevant_parents++;
		if (i == 1 && w->opts.first_parent)
			break;
		err = parse(w, p);
		d = err ? err : commits_differ(w, &p->commit.tree, &c->commit.tree);
		if (d < 0)
			return d;
		if (!d && relevant(p)) {
			/* follow only this parent: the others brought nothing here */
			c->parents[0] = p;
			c->parents_nr = 1;
			c->flags |= REVWALK_TREESAME;
			return 0;
		}
		if (d && relevant(p))
			relevant_change = 1;
		else if (d)
			irrelevant_change = 1;
	}
	if (relevant_parents ? !relevant_change : !irrelevant_change)
		c->flags |= REVWALK_TREESAME;
	return 0;
}

/* ---- walking ---- */

/* Queue the parents of an uninteresting commit, passing the mark on. */
static void add_uninteresting_parents(struct revwalk *w, struct revwalk_commit *c)
{
	size_t i;

	for (i = 0; i < c->parents_nr; i++) {
		struct revwalk_commit *p = c->parents[i];

		p->flags |= REVWALK_UNINTERESTING;
		if (parse(w, p) < 0) {
			ug_error_clear();	/* git reads these gently: a missing one ends the side */
			continue;
		}
		if (p->parents_nr)
			mark_parents_uninteresting(p);
		if (p->flags & REVWALK_SEEN)
			continue;
		p->flags |= REVWALK_SEEN;
		queue_put(w, p);
	}
}

/* git's process_parents(): queue what comes after `c`, once. */
static int process_parents(struct revwalk *w, struct revwalk_commit *c)
{
	size_t i;
	int err;

	if (c->flags & REVWALK_ADDED)
		return 0;
	c->flags |= REVWALK_ADDED;
	if (c->flags & REVWALK_UNINTERESTING) {
		add_uninteresting_parents(w, c);
		return 0;
	}
	err = simplify(w, c);
	for (i = 0; !err && i < c->parents_nr; i++) {
		struct revwalk_commit *p = c->parents[i];

		err = parse(w, p);
		if (!err && !(p->flags & REVWALK_SEEN)) {
			p->flags |= REVWALK_SEEN;
			queue_put(w, p);
		}
		if (w->opts.first_parent)
			break;
	}
	return err;
}

/* Nothing in the queue is interesting any more (git's everybody_uninteresting). */
static int all_uninteresting(struct revwalk *w, struct revwalk_commit **cache)
{
	size_t i;

	if (*cache && !((*cache)->flags & REVWALK_UNINTERESTING))
		return 0;
	for (i = 0; i < w->queue.nr; i++) {
		if (!(w->queue.items[i]->flags & REVWALK_UNINTERESTING)) {
			*cache = w->queue.items[i];
			return 0;
		}
	}
	return 1;
}

/* git's still_interesting(): how many more rounds the limited walk needs. */
static int still_interesting(struct revwalk *w, uint64_t date, int slop,
			     struct revwalk_commit **cache)
{
	if (!w->queue.nr)
		return 0;
	/* something older than what we kept is still to come */
	if (date <= w->queue.items[0]->commit.date)
		return SLOP;
	if (!all_uninteresting(w, cache))
		return SLOP;
	return slop - 1;
}

/*
 * git's limit_list(): walk until only uninteresting commits remain,
 * collecting the interesting ones in the order met.
 */
static int limit(struct revwalk *w)
{
	struct revwalk_commit *c, *cache = NULL;
	uint64_t date = UINT64_MAX;
	int slop = SLOP;

	while ((c = queue_get(w))) {
		int err;

		if (c == cache)
			cache = NULL;
		err = process_parents(w, c);
		if (err)
			return err;
		if (c->flags & REVWALK_UNINTERESTING) {
			mark_parents_uninteresting(c);
			slop = still_interesting(w, date, slop, &cache);
			if (slop)
				continue;
			break;
		}
		date = c->commit.date;
		array_add(&w->output, c);
	}
	return 0;
}

/* The next commit worth showing, before counts and --reverse (get_revision_1). */
static int next_commit(struct revwalk_commit **out, struct revwalk *w)
{
	for (;;) {
		struct revwalk_commit *c;

		if (w->limited)
			c = w->output_pos < w->output.nr ? w->output.items[w->output_pos++] : NULL;
		else
			c = queue_get(w);
		if (!c)
			return 0;
		if (!w->limited) {
			int err = process_parents(w, c);

			if (err)
				return err;
		}
		if (c->flags & (REVWALK_SHOWN | REVWALK_UNINTERESTING))
			continue;
		if (w->opts.paths && (c->flags & REVWALK_TREESAME))
			continue;
		*out = c;
		return 1;
	}
}

/* --skip and -n on top (git's get_revision_internal). */
static int next_counted(struct revwalk_commit **out, struct revwalk *w)
{
	int res = 0;

	if (!w->max_count)
		return 0;
	res = next_commit(out, w);
	while (res > 0 && w->skip > 0) {
		w->skip--;
		res = next_commit(out, w);
	}
	if (w->max_count > 0)
		w->max_count--;
	if (res > 0)
		(*out)->flags |= REVWALK_SHOWN;
	return res;
}

static int prepare(struct revwalk *w)
{
	struct revwalk_commit *c;
	int res;

	w->prepared = 1;
	if (w->limited) {
		res = limit(w);
		if (res)
			return res;
	}
	if (!w->opts.reverse)
		return 0;
	/* --reverse: everything first, then hand it out backwards */
	{
		struct commit_array all = { NULL, 0, 0 };

		while ((res = next_counted(&c, w)) > 0)
			array_add(&all, c);
		free(w->output.items);
		w->output = all;
		w->output_pos = all.nr;
		return res;
	}
}

int revwalk_next(struct revwalk_commit **out, struct revwalk *w)
{
	int err;

	if (!w->prepared && (err = prepare(w)) < 0)
		return err;
	if (!w->opts.reverse)
		return next_counted(out, w);
	if (!w->output_pos)
		return 0;
	*out = w->output.items[--w->output_pos];
	return 1;
}

/* ---- merge bases (git's paint_down_to_common) ---- */

enum mb_flags { MB_PARENT1 = 1, MB_PARENT2 = 2, MB_STALE = 4, MB_RESULT = 8, MB_VISITED = 16 };

/* The merge-base queue: a commit may be queued again, each time with a new seq. */
struct mb_entry {
	struct revwalk_commit *c;
	uint64_t seq;
};

struct mb_queue {
	struct mb_entry *items;
	size_t nr, alloc;
	uint64_t seq;
};

static int mb_before(const struct mb_entry *a, const struct mb_entry *b)
{
	if (a->c->commit.date != b->c->commit.date)
		return a->c->commit.date > b->c->commit.date;
	return a->seq < b->seq;
}

static void mb_put(struct mb_queue *q, struct revwalk_commit *c)
{
	struct mb_entry e = { c, q->seq++ };
	size_t i = q->nr++;

	ALLOC_GROW(q->items, q->nr, q->alloc);
	while (i && mb_before(&e, &q->items[(i - 1) / 2])) {
		q->items[i] = q->items[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	q->items[i] = e;
}

static struct revwalk_commit *mb_get(struct mb_queue *q)
{
	struct revwalk_commit *top = q->items[0].c;
	struct mb_entry last = q->items[--q->nr];
	size_t i = 0;

	for (;;) {
		size_t child = 2 * i + 1;

		if (child >= q->nr)
			break;
		if (child + 1 < q->nr && mb_before(&q->items[child + 1], &q->items[child]))
			child++;
		if (!mb_before(&q->items[child], &last))
			break;
		q->items[i] = q->items[child];
		i = child;
	}
	if (q->nr)
		q->items[i] = last;
	return top;
}

static int mb_has_nonstale(const struct mb_queue *q)
{
	size_t i;

	for (i = 0; i < q->nr; i++)
		if (!(q->items[i].c->mb_flags & MB_STALE))
			return 1;
	return 0;
}

/* Insert `c` into `list` after every commit at least as new (commit_list_insert_by_date). */
static void insert_by_date(struct commit_array *list, struct revwalk_commit *c)
{
	size_t i = 0;

	while (i < list->nr && list->items[i]->commit.date >= c->commit.date)
		i++;
	array_add(list, c);
	memmove(list->items + i + 1, list->items + i,
		(list->nr - 1 - i) * sizeof(*list->items));
	list->items[i] = c;
}

/* Walk down from both, marking which side reaches what; common ones found. */
static int paint_down(struct commit_array *result, struct revwalk *w,
		      struct revwalk_commit *one, struct revwalk_commit *two)
{
	struct mb_queue q = { NULL, 0, 0, 0 };
	int err = 0;

	one->mb_flags |= MB_PARENT1;
	two->mb_flags |= MB_PARENT2;
	mb_put(&q, one);
	mb_put(&q, two);
	while (!err && mb_has_nonstale(&q)) {
		struct revwalk_commit *c = mb_get(&q);
		unsigned flags = c->mb_flags & (MB_PARENT1 | MB_PARENT2 | MB_STALE);
		size_t i;

		if (flags == (MB_PARENT1 | MB_PARENT2)) {
			if (!(c->mb_flags & MB_RESULT)) {
				c->mb_flags |= MB_RESULT;
				insert_by_date(result, c);
			}
			flags |= MB_STALE;	/* its ancestors are no better bases */
		}
		for (i = 0; !err && i < c->commit.parents_nr; i++) {
			struct revwalk_commit *p = lookup(w, &c->commit.parents[i]);

			if ((p->mb_flags & flags) == flags)
				continue;
			err = parse(w, p);
			p->mb_flags |= flags;
			mb_put(&q, p);
		}
	}
	free(q.items);
	return err;
}

/* 1 if `anc` is reachable from `c` (through the parents as read). */
static int reaches(struct revwalk *w, struct revwalk_commit *c,
		   struct revwalk_commit *anc)
{
	struct commit_array stack = { NULL, 0, 0 }, seen = { NULL, 0, 0 };
	int found = 0;
	size_t i;

	array_add(&stack, c);
	while (!found && stack.nr) {
		struct revwalk_commit *x = stack.items[--stack.nr];

		if (x->mb_flags & MB_VISITED)
			continue;
		x->mb_flags |= MB_VISITED;
		array_add(&seen, x);
		if (parse(w, x) < 0) {
			ug_error_clear();
			continue;
		}
		for (i = 0; i < x->commit.parents_nr; i++) {
			struct revwalk_commit *p = lookup(w, &x->commit.parents[i]);

			found |= p == anc;
			array_add(&stack, p);
		}
	}
	for (i = 0; i < seen.nr; i++)
		seen.items[i]->mb_flags &= ~(unsigned)MB_VISITED;
	free(stack.items);
	free(seen.items);
	return found;
}

int revwalk_merge_bases(struct oid **out, size_t *nr, struct revwalk *w,
			const struct oid *a, const struct oid *b)
{
	struct commit_array painted = { NULL, 0, 0 }, bases = { NULL, 0, 0 };
	struct revwalk_commit *one, *two;
	struct oid ca, cb;
	size_t i, j;
	int err = revparse_peel(&ca, w->repo, a, OBJ_COMMIT);

	if (!err)
		err = revparse_peel(&cb, w->repo, b, OBJ_COMMIT);
	if (err)
		return err;
	one = lookup(w, &ca);
	two = lookup(w, &cb);
	err = parse(w, one);
	if (!err)
		err = parse(w, two);
	if (!err && one == two)
		array_add(&bases, one);
	else if (!err)
		err = paint_down(&painted, w, one, two);
	for (i = 0; i < painted.nr; i++)
		if (!(painted.items[i]->mb_flags & MB_STALE))
			insert_by_date(&bases, painted.items[i]);
	for (i = 0; i < w->table_size; i++)
		if (w->table[i])
			w->table[i]->mb_flags = 0;
	/* a base that is an ancestor of another is no best base */
	for (i = 0; bases.nr > 1 && i < bases.nr; i++) {
		for (j = 0; j < bases.nr; j++) {
			if (i != j && reaches(w, bases.items[j], bases.items[i])) {
				memmove(bases.items + i, bases.items + i + 1,
					(bases.nr - i - 1) * sizeof(*bases.items));
				bases.nr--;
				i--;
				break;
			}
		}
	}
	*out = xcalloc(bases.nr ? bases.nr : 1, sizeof(**out));
	for (i = 0; i < bases.nr; i++)
		(*out)[i] = bases.items[i]->oid;
	*nr = bases.nr;
	free(painted.items);
	free(bases.items);
	return err;
}

int revwalk_push(struct revwalk *w, const struct oid *oid, int uninteresting)
{
	struct revwalk_commit *c;
	struct oid commit_oid;
	int err = revparse_peel(&commit_oid, w->repo, oid, OBJ_COMMIT);

	if (err)
		return err;
	c = lookup(w, &commit_oid);
	err = parse(w, c);
	if (err)
		return err;
	if (uninteresting) {
		c->flags |= REVWALK_UNINTERESTING | REVWALK_BOTTOM;
		mark_parents_uninteresting(c);
		w->limited = 1;
	}
	if (!(c->flags & REVWALK_SEEN)) {
		c->flags |= REVWALK_SEEN;
		queue_put(w, c);
	}
	return 0;
}

void revwalk_set_options(struct revwalk *w, const struct revwalk_options *opts)
{
	w->opts = *opts;
	w->max_count = opts->max_count;
	w->skip = opts->skip;
}

struct revwalk *revwalk_new(struct repo *repo, const struct revwalk_options *opts)
{
	struct revwalk *w = xcalloc(1, sizeof(*w));

	w->repo = repo;
	revwalk_set_options(w, opts);
	return w;
}

void revwalk_free(struct revwalk *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->table_size; i++) {
		if (!w->table[i])
			continue;
		commit_release(&w->table[i]->commit);
		free(w->table[i]->parents);
		free(w->table[i]);
	}
	free(w->table);
	free(w->queue.items);
	free(w->output.items);
	free(w);
}
