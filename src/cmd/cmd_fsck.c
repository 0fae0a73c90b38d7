/*
 * fsck: check the loose objects and their connectivity, as git 2.39 does.
 *
 * Four passes, each printing what git prints at that point:
 *  1. every loose object in id order: read it (damage, hash-path
 *     mismatch, unknown type), parse it as git's object layer does, mark
 *     what it points to as used, run the model's fsck checks;
 *  2. the roots: every ref, HEAD, every reflog entry (or the objects
 *     named on the command line);
 *  3. a walk from the roots ("broken link from ... to ...");
 *  4. every object known: "missing", "dangling" or "unreachable".
 * Like git, the command keeps a table of the objects it has met, where an
 * object's type is fixed by the first thing that names it: a tree entry
 * "40000 x" makes x a tree, and if x turns out to be a blob, that is an
 * error ("object x is a tree, not a blob").
 *
 * Without arguments the index is a root as well (pass 2).
 * NEEDSWORK: packs are not read yet (a repository with packs is
 * refused); git lists missing and dangling objects in the order of its
 * hash table, ugit in id order.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/commit.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/fsck.h"
#include "ugit/index.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

const char fsck_usage[] =
	"usage: ugit fsck [--tags] [--root] [--unreachable] [--no-reflogs]\n"
	"                 [--[no-]full] [--strict] [--[no-]dangling] [--[no-]progress]\n"
	"                 [<object>...]\n"
	"\n"
	"    --unreachable         show unreachable objects\n"
	"    --dangling            show dangling objects\n"
	"    --tags                report tags\n"
	"    --root                report root nodes\n"
	"    --reflogs             make reflogs head nodes (default)\n"
	"    --full                also consider packs and alternate objects\n"
	"    --strict              enable more strict checking\n"
	"    --progress            show progress\n";

/* git's exit status is the OR of these. */
enum fsck_error_bits {
	ERROR_OBJECT = 1,	/* a damaged or invalid object */
	ERROR_REACHABLE = 2,	/* something reachable is missing */
	ERROR_REFS = 8,		/* HEAD or a branch points somewhere wrong */
};

enum fobj_flags {
	HAS_OBJ = (1 << 0),	/* present, readable and parsed */
	REACHABLE = (1 << 1),
	USED = (1 << 2),	/* named by a parsed object or a root */
};

/* An edge of the object graph, with the type the referrer expects. */
struct link {
	size_t to;
	enum object_type type;
};

struct fobj {
	struct oid oid;
	enum object_type type;	/* OBJ_NONE until something says */
	unsigned flags;
	struct link *links;	/* what it points to (parsed objects only) */
	size_t nr_links, alloc_links;
	char *parse_errors;	/* git's lines when it could not be parsed */
};

struct fsck {
	struct repo *repo;
	struct fobj *objs;
	size_t nr, alloc;
	size_t *slots;		/* open addressing: index + 1, 0 is empty */
	size_t nr_slots;
	size_t *stack;		/* objects reached but not yet walked */
	size_t nr_stack, alloc_stack;
	int strict, show_dangling, show_unreachable, show_root, show_tags;
	int use_reflogs, default_refs, errors;
	struct strbuf msg;	/* scratch for one report */
};

#define NONE SIZE_MAX

/* ---- the object table ---- */

static size_t slot_of(const struct oid *oid, size_t nr_slots)
{
	uint32_t h;

	memcpy(&h, oid->hash, sizeof(h));
	return h & (nr_slots - 1);
}

static void grow_table(struct fsck *f)
{
	size_t i;

	free(f->slots);
	f->nr_slots = f->nr_slots ? 2 * f->nr_slots : 64;
	f->slots = xcalloc(f->nr_slots, sizeof(*f->slots));
	for (i = 0; i < f->nr; i++) {
		size_t s = slot_of(&f->objs[i].oid, f->nr_slots);

		while (f->slots[s])
			s = (s + 1) & (f->nr_slots - 1);
		f->slots[s] = i + 1;
	}
}

static size_t lookup(const struct fsck *f, const struct oid *oid)
{
	size_t s;

	if (!f->nr_slots)
		return NONE;
	for (s = slot_of(oid, f->nr_slots); f->slots[s]; s = (s + 1) & (f->nr_slots - 1))
		if (oid_eq(&f->objs[f->slots[s] - 1].oid, oid))
			return f->slots[s] - 1;
	return NONE;
}

static size_t lookup_create(struct fsck *f, const struct oid *oid)
{
	size_t i = lookup(f, oid);

	if (i != NONE)
		return i;
	ALLOC_GROW(f->objs, f->nr + 1, f->alloc);
	memset(&f->objs[f->nr], 0, sizeof(f->objs[f->nr]));
	f->objs[f->nr].oid = *oid;
	f->nr++;
	if (2 * f->nr > f->nr_slots)
		grow_table(f);	/* also places the new object */
	else {
		size_t s = slot_of(oid, f->nr_slots);

		while (f->slots[s])
			s = (s + 1) & (f->nr_slots - 1);
		f->slots[s] = f->nr;
	}
	return f->nr - 1;
}

static const char *type_name(enum object_type t)
{
	const char *name = object_type_name(t);

	return name ? name : "unknown";
}

/*
 * The object `oid` as a `type`: git's lookup_tree(), lookup_blob() ...
 * If the table already knows it as something else, say so on `errs` (or
 * stderr if NULL) and return NONE.
 */
static size_t lookup_typed(struct fsck *f, const struct oid *oid,
			   enum object_type type, struct strbuf *errs)
{
	size_t i = lookup_create(f, oid);
	char hex[UG_OID_HEXSZ + 1];

	if (f->objs[i].type == OBJ_NONE)
		f->objs[i].type = type;
	if (f->objs[i].type == type)
		return i;
	oid_to_hex(hex, oid);
	if (errs)
		strbuf_addf(errs, "error: object %s is a %s, not a %s\n", hex,
			    type_name(f->objs[i].type), type_name(type));
	else
		error("object %s is a %s, not a %s", hex,
		      type_name(f->objs[i].type), type_name(type));
	return NONE;
}

static void add_link(struct fobj *o, size_t to, enum object_type type)
{
	ALLOC_GROW(o->links, o->nr_links + 1, o->alloc_links);
	o->links[o->nr_links].to = to;
	o->links[o->nr_links].type = type;
	o->nr_links++;
}

/* A loose file's path as git shows it (".git/objects/xx/..."). */
static void add_loose_path(struct strbuf *out, struct fsck *f, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];

	oid_to_hex(hex, oid);
	strbuf_addf(out, "%s/%.2s/%s", odb_name(f->repo->odb), hex, hex + 2);
}

/* ---- pass 1: reading and parsing ---- */

/*
 * The odb names a damaged file in cat-file's words; git's fsck says it
 * its own way.  `why` is ug_error_last(); its last line says what failed.
 */
static void report_damage(struct fsck *f, const struct oid *oid, const char *why)
{
	struct strbuf path = STRBUF_INIT;
	const char *last = strrchr(why, '\n'), *p;
	char hex[UG_OID_HEXSZ + 1];

	oid_to_hex(hex, oid);
	add_loose_path(&path, f, oid);
	last = last ? last + 1 : why;
	skip_prefix(last, "error: ", &last);
	if (ends_with(last, " is empty")) {
		error("object file %s is empty", path.buf);
		error("unable to mmap %s: No such file or directory", path.buf);
	} else if ((skip_prefix(last, "unable to unpack ", &p) && ends_with(p, " header")) ||
		   starts_with(last, "header for ")) {
		if (starts_with(why, "inflate:"))
			error("%.*s", (int)strcspn(why, "\n"), why);
		error("unable to unpack header of %s", path.buf);
	} else if (starts_with(last, "unable to parse ")) {
		error("unable to parse header of %s", path.buf);
	} else if (starts_with(last, "corrupt loose object") ||
		   starts_with(last, "garbage at end") || starts_with(last, "size mismatch")) {
		error("%s", last);
		error("unable to unpack contents of %s", path.buf);
	} else {
		error("%s", why);	/* an I/O error: the odb's words */
	}
	error("%s: object corrupt or missing: %s", hex, path.buf);
	f->errors |= ERROR_OBJECT;
	strbuf_release(&path);
}

/* A commit as git's parse_commit_buffer() takes it; lines for failure on `errs`. */
static int parse_commit(struct fsck *f, size_t i, const struct odb_object *obj,
			struct strbuf *errs)
{
	struct commit c = COMMIT_INIT;
	char hex[UG_OID_HEXSZ + 1], tree_hex[UG_OID_HEXSZ + 1];
	size_t to, k;
	int err = -1;

	oid_to_hex(hex, &f->objs[i].oid);
	if (commit_parse(&c, obj->data.buf, obj->data.len) < 0) {
		strbuf_addf(errs, "error: %s %s\n", ug_error_last(), hex);
		goto done;
	}
	to = lookup_typed(f, &c.tree, OBJ_TREE, errs);
	if (to == NONE) {
		strbuf_addf(errs, "error: bad tree pointer %s in commit %s\n",
			    oid_to_hex(tree_hex, &c.tree), hex);
		goto done;
	}
	add_link(&f->objs[i], to, OBJ_TREE);
	for (k = 0; k < c.parents_nr; k++) {
		to = lookup_typed(f, &c.parents[k], OBJ_COMMIT, errs);
		if (to == NONE) {
			strbuf_addf(errs, "error: bad parent %s in commit %s\n",
				    oid_to_hex(tree_hex, &c.parents[k]), hex);
			goto done;
		}
		add_link(&f->objs[i], to, OBJ_COMMIT);
	}
	err = 0;
done:
	commit_release(&c);
	return err;
}

/* A tag as git's parse_tag_buffer() takes it (silent about most damage). */
static int parse_tag(struct fsck *f, size_t i, const struct odb_object *obj,
		     struct strbuf *errs, struct tag *t)
{
	char hex[UG_OID_HEXSZ + 1], target[UG_OID_HEXSZ + 1];
	size_t to;

	oid_to_hex(hex, &f->objs[i].oid);
	if (tag_parse(t, obj->data.buf, obj->data.len) < 0) {
		ug_error_clear();
		return -1;
	}
	if (t->type == OBJ_BAD) {
		strbuf_addf(errs, "error: unknown tag type '%s' in %s\n", t->type_name, hex);
		return -1;
	}
	to = lookup_typed(f, &t->object, t->type, errs);
	if (to == NONE) {
		strbuf_addf(errs, "error: bad tag pointer to %s in %s\n",
			    oid_to_hex(target, &t->object), hex);
		return -1;
	}
	add_link(&f->objs[i], to, t->type);
	return 0;
}

/*
 * A tree is only decoded when walked: git names every entry the tree
 * points to, or - if any entry is malformed - none (saying "broken links"
 * when the first entry or the tree's end is bad).  Entries whose object
 * is known as another type are links git will complain about again.
 */
static int walk_tree(struct fsck *f, size_t i, const struct odb_object *obj)
{
	struct tree_iter it;
	struct tree_item item;
	size_t n = 0, k;
	int ret, bad = 0;

	tree_iter_init(&it, obj->data.buf, obj->data.len);
	while ((ret = tree_iter_next(&item, &it)) > 0)
		n++;
	if (ret < 0) {
		error("%s", ug_error_last());
		return !n || !strcmp(ug_error_last(), "too-short tree object");
	}
	tree_iter_init(&it, obj->data.buf, obj->data.len);
	for (k = 0; k < n && tree_iter_next(&item, &it) > 0; k++) {
		enum object_type type = item.mode == TREE_MODE_DIR ? OBJ_TREE : OBJ_BLOB;
		size_t to;

		if (item.mode == TREE_MODE_GITLINK)
			continue;	/* another repository's commit */
		to = lookup_typed(f, &item.oid, type, NULL);
		if (to == NONE) {
			bad = 1;
			to = lookup(f, &item.oid);
		} else {
			f->objs[to].flags |= USED;
		}
		add_link(&f->objs[i], to, type);
	}
	return bad;
}

struct report_ctx {
	struct fsck *f;
	const struct oid *oid;
	const char *type;
};

static int print_report(enum fsck_msg_id id, const char *msg, void *payload)
{
	struct report_ctx *c = payload;
	struct strbuf *line = &c->f->msg;
	int ret;

	/* git prints why decoding failed just before it says badTree */
	if (id == FSCK_MSG_BAD_TREE)
		error("%s", ug_error_last());
	strbuf_reset(line);
	ret = fsck_format_report(line, id, c->f->strict, c->type, c->oid, msg);
	if (line->len) {
		fflush(stdout);
		fprintf(stderr, "%s\n", line->buf);
	}
	return ret;
}

/* --root and --tags lines, for objects that passed the checks. */
static void show_extras(struct fsck *f, size_t i, const struct tag *t)
{
	char a[UG_OID_HEXSZ + 1], b[UG_OID_HEXSZ + 1];
	const struct fobj *o = &f->objs[i];

	if (f->show_root && o->type == OBJ_COMMIT && o->nr_links == 1)
		printf("root %s\n", oid_to_hex(a, &o->oid));
	if (f->show_tags && o->type == OBJ_TAG) {
		const struct fobj *target = &f->objs[o->links[0].to];

		printf("tagged %s %s (%s) in %s\n", type_name(target->type),
		       oid_to_hex(a, &target->oid), t->name, oid_to_hex(b, &o->oid));
	}
}

/* Walk and check an object that parsed: git's fsck_obj(). */
static void check_object(struct fsck *f, size_t i, const struct odb_object *obj,
			 const struct tag *t)
{
	enum object_type type = f->objs[i].type;
	struct oid oid = f->objs[i].oid;	/* the walk may move the table */
	struct report_ctx ctx = { f, &oid, type_name(type) };
	struct fsck_options opts = { f->strict, print_report, &ctx };
	char hex[UG_OID_HEXSZ + 1];
	size_t k;
	int broken = 0;

	if (type == OBJ_TREE)
		broken = walk_tree(f, i, obj);
	else
		for (k = 0; k < f->objs[i].nr_links; k++)
			f->objs[f->objs[i].links[k].to].flags |= USED;
	if (broken) {
		fprintf(stderr, "error in %s %s: broken links\n", type_name(type),
			oid_to_hex(hex, &oid));
		f->errors |= ERROR_OBJECT;
	}
	if (fsck_buffer(type, obj->data.buf, obj->data.len, &opts)) {
		f->errors |= ERROR_OBJECT;
		return;
	}
	show_extras(f, i, t);
}

/* Parse an object read from disk; on failure keep git's words for later. */
static void parse_object(struct fsck *f, const struct oid *oid,
			 const struct odb_object *obj)
{
	struct strbuf errs = STRBUF_INIT, path = STRBUF_INIT;
	struct tag t = TAG_INIT;
	size_t i = lookup_typed(f, oid, obj->type, &errs);
	int err = i == NONE ? -1 : 0;

	if (!err && obj->type == OBJ_COMMIT)
		err = parse_commit(f, i, obj, &errs);
	else if (!err && obj->type == OBJ_TAG)
		err = parse_tag(f, i, obj, &errs, &t);
	if (err) {
		add_loose_path(&path, f, oid);
		fflush(stdout);
		fputs(errs.buf, stderr);
		error("%s: object could not be parsed: %s",
		      oid_to_hex((char[UG_OID_HEXSZ + 1]){ 0 }, oid), path.buf);
		f->errors |= ERROR_OBJECT;
		i = lookup_create(f, oid);
		if (!f->objs[i].parse_errors)
			f->objs[i].parse_errors = strbuf_detach(&errs, NULL);
	} else {
		f->objs[i].flags |= HAS_OBJ;
		check_object(f, i, obj, &t);
	}
	tag_release(&t);
	strbuf_release(&errs);
	strbuf_release(&path);
}

static int check_loose(const struct oid *oid, const char *path, void *payload)
{
	struct fsck *f = payload;
	struct odb_object obj = ODB_OBJECT_INIT;
	struct strbuf shown = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1];
	struct oid actual;

	if (!oid) {
		/* "<objects>/xx/name" as git shows it */
		const char *name = path + strlen(path);
		int slashes = 0;

		while (name > path && (name[-1] != '/' || ++slashes < 2))
			name--;
		fflush(stdout);
		fprintf(stderr, "bad sha1 file: %s/%s\n", odb_name(f->repo->odb), name);
		return 0;
	}
	if (odb_read_fsck(&obj, &actual, f->repo->odb, oid) < 0) {
		report_damage(f, oid, ug_error_last());
	} else if (!oid_eq(&actual, oid)) {
		add_loose_path(&shown, f, oid);
		error("%s: hash-path mismatch, found at: %s", oid_to_hex(hex, &actual), shown.buf);
		f->errors |= ERROR_OBJECT;
	} else if (obj.type == OBJ_BAD) {
		add_loose_path(&shown, f, oid);
		error("%s: object is of unknown type '%s': %s", oid_to_hex(hex, oid),
		      obj.type_name, shown.buf);
		f->errors |= ERROR_OBJECT;
	} else {
		parse_object(f, oid, &obj);
	}
	ug_error_clear();
	odb_object_release(&obj);
	strbuf_release(&shown);
	return 0;
}

/* ---- pass 2: the roots ---- */

/* Mark `i` reachable; git walks what it points to later, last root first. */
static void mark_reachable(struct fsck *f, size_t i)
{
	if (f->objs[i].flags & REACHABLE)
		return;
	f->objs[i].flags |= REACHABLE;
	ALLOC_GROW(f->stack, f->nr_stack + 1, f->alloc_stack);
	f->stack[f->nr_stack++] = i;
}

/*
 * git re-reads an object a ref names if the first pass could not use it,
 * and says again why: the parse errors, or the odb's complaint.
 */
static void explain_unusable(struct fsck *f, const struct oid *oid, size_t i)
{
	struct odb_object obj = ODB_OBJECT_INIT;

	fflush(stdout);
	if (i != NONE && f->objs[i].parse_errors)
		fputs(f->objs[i].parse_errors, stderr);
	else if (odb_read(&obj, f->repo->odb, oid) < 0 && odb_has(f->repo->odb, oid))
		error("%s", ug_error_last());
	ug_error_clear();
	odb_object_release(&obj);
}

static int is_branch(const char *name)
{
	return !strcmp(name, "HEAD") || starts_with(name, "refs/heads/");
}

/* A ref (or HEAD) as a root: git's fsck_handle_ref(). */
static void handle_ref(struct fsck *f, const char *name, const struct oid *oid)
{
	size_t i = lookup(f, oid);
	char hex[UG_OID_HEXSZ + 1];

	if (i == NONE || !(f->objs[i].flags & HAS_OBJ)) {
		explain_unusable(f, oid, i);
		error("%s: invalid sha1 pointer %s", name, oid_to_hex(hex, oid));
		f->errors |= ERROR_REACHABLE;
		return;
	}
	if (f->objs[i].type != OBJ_COMMIT && is_branch(name)) {
		error("%s: not a commit", name);
		f->errors |= ERROR_REFS;
	}
	f->default_refs++;
	f->objs[i].flags |= USED;
	mark_reachable(f, i);
}

static int each_ref(const char *name, const struct oid *oid, unsigned flags,
		    void *payload)
{
	(void)flags;	/* a broken ref has a null id, which is invalid anyway */
	handle_ref(payload, name, oid);
	return 0;
}

/* HEAD: attached to a branch (maybe unborn), or detached; git's fsck_head_link(). */
static void check_head(struct fsck *f)
{
	struct strbuf target = STRBUF_INIT;
	unsigned flags;
	struct oid oid;
	int err = refs_resolve_full(&oid, &target, &flags, f->repo, "HEAD");

	ug_error_clear();
	if (err && !(err == UG_ENOTFOUND && (flags & REFS_SYMREF))) {
		error("invalid HEAD");
		f->errors |= ERROR_REFS;
		goto done;
	}
	if ((flags & REFS_SYMREF) && !starts_with(target.buf, "refs/heads/")) {
		/* git complains, and still takes what HEAD points to as a root */
		error("HEAD points to something strange (%s)", target.buf);
		f->errors |= ERROR_REFS;
	} else if (err) {
		fflush(stdout);
		fprintf(stderr, "notice: HEAD points to an unborn branch (%s)\n",
			target.buf + strlen("refs/heads/"));
	} else if (oid_is_null(&oid)) {
		error("HEAD: detached HEAD points at nothing");
		f->errors |= ERROR_REFS;
	}
	if (!err && !oid_is_null(&oid))
		handle_ref(f, "HEAD", &oid);
done:
	strbuf_release(&target);
}

static void reflog_oid(struct fsck *f, const char *refname, const struct oid *oid)
{
	size_t i;
	char hex[UG_OID_HEXSZ + 1];

	if (oid_is_null(oid))
		return;
	i = lookup(f, oid);
	if (i != NONE && (f->objs[i].flags & HAS_OBJ)) {
		f->objs[i].flags |= USED;
		mark_reachable(f, i);
		return;
	}
	error("%s: invalid reflog entry %s", refname, oid_to_hex(hex, oid));
	f->errors |= ERROR_REACHABLE;
}

static int each_reflog_entry(const char *refname, const struct refs_reflog_entry *e,
			     void *payload)
{
	reflog_oid(payload, refname, &e->old_oid);
	reflog_oid(payload, refname, &e->new_oid);
	return 0;
}

/* Refs, HEAD and reflogs; git's get_default_heads(). */
static int default_roots(struct fsck *f)
{
	int err = refs_for_each(f->repo, "refs/", each_ref, f);

	if (err < 0)
		return err;
	check_head(f);
	if (f->use_reflogs) {
		err = refs_for_each_reflog(f->repo, each_reflog_entry, f);
		if (err < 0)
			return err;
	}
	if (!f->default_refs) {
		/* with nothing to start from, everything would be unreachable */
		fflush(stdout);
		fputs("notice: No default references\n", stderr);
		f->show_unreachable = 0;
	}
	return 0;
}

static void cached_tree_root(const struct oid *oid, const char *path, void *payload)
{
	struct fsck *f = payload;
	size_t i = lookup(f, oid);
	char hex[UG_OID_HEXSZ + 1];

	(void)path;
	if (i == NONE || !(f->objs[i].flags & HAS_OBJ)) {
		error("%s: invalid sha1 pointer in cache-tree", oid_to_hex(hex, oid));
		f->errors |= ERROR_REFS;
		return;
	}
	f->objs[i].flags |= USED;
	mark_reachable(f, i);
}

/*
 * The index is a root too (git's --cache, implied without arguments):
 * a staged blob is not dangling, and a missing one is "missing blob".
 */
static void index_roots(struct fsck *f)
{
	struct index idx = INDEX_INIT;
	size_t k;

	load_index_or_die(&idx, f->repo);
	for (k = 0; k < idx.nr; k++) {
		const struct index_entry *ce = idx.entries[k];
		size_t i;

		if (ce->mode == TREE_MODE_GITLINK)
			continue;
		i = lookup_create(f, &ce->oid);
		if (f->objs[i].type == OBJ_NONE)
			f->objs[i].type = OBJ_BLOB;
		f->objs[i].flags |= USED;
		mark_reachable(f, i);
	}
	index_for_each_cached_tree(&idx, cached_tree_root, f);
	index_release(&idx);
}

/* `fsck <object>...`: only these are roots. */
static void named_roots(struct fsck *f, char **names, int nr)
{
	char hex[UG_OID_HEXSZ + 1];
	int k;

	for (k = 0; k < nr; k++) {
		struct oid oid;
		size_t i;

		if (resolve_object_name(&oid, f->repo, names[k], 0) < 0) {
			ug_error_clear();
			error("invalid parameter: expected sha1, got '%s'", names[k]);
			f->errors |= ERROR_OBJECT;
			continue;
		}
		i = lookup(f, &oid);
		if (i == NONE || !(f->objs[i].flags & HAS_OBJ)) {
			error("%s: object missing", oid_to_hex(hex, &oid));
			f->errors |= ERROR_OBJECT;
			continue;
		}
		f->objs[i].flags |= USED;
		mark_reachable(f, i);
	}
}

/* ---- pass 3: the walk ---- */

static void broken_link(struct fsck *f, const struct fobj *from, const struct fobj *to)
{
	char a[UG_OID_HEXSZ + 1], b[UG_OID_HEXSZ + 1];

	printf("broken link from %7s %s\n              to %7s %s\n",
	       type_name(from->type), oid_to_hex(a, &from->oid),
	       type_name(to->type), oid_to_hex(b, &to->oid));
	f->errors |= ERROR_REACHABLE;
}

/* One link of a reached object (git's mark_object()). */
static void follow(struct fsck *f, size_t from, const struct link *l)
{
	struct fobj *t = &f->objs[l->to];
	char a[UG_OID_HEXSZ + 1];

	if (t->type != l->type) {
		/* a tree entry whose object is something else */
		error("object %s is a %s, not a %s", oid_to_hex(a, &t->oid),
		      type_name(t->type), type_name(l->type));
		printf("broken link from %7s %s\nbroken link from %7s unknown\n",
		       type_name(f->objs[from].type), oid_to_hex(a, &f->objs[from].oid),
		       type_name(l->type));
		f->errors |= ERROR_REACHABLE;
		return;
	}
	if (t->flags & REACHABLE)
		return;
	if (!(t->flags & HAS_OBJ)) {
		t->flags |= REACHABLE;
		/* a file that is there but damaged is only "missing" below */
		if (!odb_has(f->repo->odb, &t->oid))
			broken_link(f, &f->objs[from], t);
		return;
	}
	mark_reachable(f, l->to);
}

static void walk_reachable(struct fsck *f)
{
	while (f->nr_stack) {
		size_t i = f->stack[--f->nr_stack], k;

		for (k = 0; k < f->objs[i].nr_links; k++)
			follow(f, i, &f->objs[i].links[k]);
	}
}

/* ---- pass 4: what is missing, dangling or unreachable ---- */

static int cmp_objs(const void *a, const void *b)
{
	const struct fobj *const *x = a, *const *y = b;

	return oid_cmp(&(*x)->oid, &(*y)->oid);
}

static void list_objects(struct fsck *f)
{
	const struct fobj **order = xcalloc(f->nr ? f->nr : 1, sizeof(*order));
	char hex[UG_OID_HEXSZ + 1];
	size_t i;

	for (i = 0; i < f->nr; i++)
		order[i] = &f->objs[i];
	qsort(order, f->nr, sizeof(*order), cmp_objs);
	for (i = 0; i < f->nr; i++) {
		const struct fobj *o = order[i];

		oid_to_hex(hex, &o->oid);
		if (o->flags & REACHABLE) {
			if (!(o->flags & HAS_OBJ)) {
				printf("missing %s %s\n", type_name(o->type), hex);
				f->errors |= ERROR_REACHABLE;
			}
		} else if (o->flags & HAS_OBJ) {
			/* dangling: nothing points to it, the tip of something lost */
			if (f->show_unreachable)
				printf("unreachable %s %s\n", type_name(o->type), hex);
			else if (!(o->flags & USED) && f->show_dangling)
				printf("dangling %s %s\n", type_name(o->type), hex);
		}
	}
	free(order);
}

/* ---- the command ---- */

enum { OPT_STRICT = 256, OPT_DANGLING, OPT_NO_DANGLING, OPT_UNREACHABLE, OPT_ROOT,
       OPT_TAGS, OPT_REFLOGS, OPT_NO_REFLOGS, OPT_IGNORED };

static int parse_options(struct fsck *f, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "dangling", no_argument, NULL, OPT_DANGLING },
		{ "no-dangling", no_argument, NULL, OPT_NO_DANGLING },
		{ "unreachable", no_argument, NULL, OPT_UNREACHABLE },
		{ "root", no_argument, NULL, OPT_ROOT },
		{ "tags", no_argument, NULL, OPT_TAGS },
		{ "reflogs", no_argument, NULL, OPT_REFLOGS },
		{ "no-reflogs", no_argument, NULL, OPT_NO_REFLOGS },
		/* loose objects are all there is yet; progress is only for terminals */
		{ "full", no_argument, NULL, OPT_IGNORED },
		{ "no-full", no_argument, NULL, OPT_IGNORED },
		{ "progress", no_argument, NULL, OPT_IGNORED },
		{ "no-progress", no_argument, NULL, OPT_IGNORED },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_STRICT: f->strict = 1; break;
		case OPT_DANGLING: f->show_dangling = 1; break;
		case OPT_NO_DANGLING: f->show_dangling = 0; break;
		case OPT_UNREACHABLE: f->show_unreachable = 1; break;
		case OPT_ROOT: f->show_root = 1; break;
		case OPT_TAGS: f->show_tags = 1; break;
		case OPT_REFLOGS: f->use_reflogs = 1; break;
		case OPT_NO_REFLOGS: f->use_reflogs = 0; break;
		case OPT_IGNORED: break;
		default: return usage_bad_option(fsck_usage, longopts, argv, c);
		}
	}
	return 0;
}

static void fsck_release(struct fsck *f)
{
	size_t i;

	for (i = 0; i < f->nr; i++) {
		free(f->objs[i].links);
		free(f->objs[i].parse_errors);
	}
	free(f->objs);
	free(f->slots);
	free(f->stack);
	strbuf_release(&f->msg);
}

/*
 * Packed objects are not read yet: checking only the loose ones would
 * call every packed object missing, so refuse instead of misleading.
 */
static void refuse_packs(struct repo *repo)
{
	struct strbuf dir = STRBUF_INIT;
	char **names = NULL;
	size_t nr = 0, i;

	repo_git_path(&dir, repo, "objects/pack");
	if (fs_list_dir(&names, &nr, dir.buf) < 0)
		ug_error_clear();	/* no pack directory: nothing packed */
	for (i = 0; i < nr; i++)
		if (ends_with(names[i], ".pack"))
			die("cannot check packed objects yet (%s/pack/%s); use git fsck",
			    odb_name(repo->odb), names[i]);
	fs_free_names(names, nr);
	strbuf_release(&dir);
}

int cmd_fsck(int argc, char **argv, struct repo *repo)
{
	struct fsck f;
	int ret;

	memset(&f, 0, sizeof(f));
	f.repo = repo;
	f.show_dangling = f.use_reflogs = 1;
	strbuf_init(&f.msg, 0);
	ret = parse_options(&f, argc, argv);
	if (ret)
		return ret;
	refuse_packs(repo);
	if (odb_for_each_loose(repo->odb, check_loose, &f) < 0)
		die("%s", ug_error_last());
	if (optind < argc)
		named_roots(&f, argv + optind, argc - optind);
	else if (default_roots(&f) < 0)
		die("%s", ug_error_last());
	else
		index_roots(&f);
	walk_reachable(&f);
	list_objects(&f);
	ret = f.errors;
	fsck_release(&f);
	return ret;
}
