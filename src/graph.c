/* graph: every ref and every object reachable from them, as nodes and edges. */
#include "ugit/graph.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/message.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revwalk.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/xalloc.h"

/* git log's %h: the shortest unique abbreviation of at least 7 digits. */
#define GRAPH_ABBREV 7

struct builder {
	struct graph *g;
	struct repo *repo;
	struct revwalk *walk;
	struct strbuf *warnings;
	struct graph objs;	/* tags, trees and blobs: after all the refs */
	struct oid *seen;	/* tags, trees and blobs already added */
	size_t seen_nr, seen_alloc;
};

static struct graph_node *add_node(struct graph *g, enum graph_node_kind kind,
				   const char *name)
{
	struct graph_node *n;

	ALLOC_GROW(g->nodes, g->nr + 1, g->alloc);
	n = &g->nodes[g->nr++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->name = xstrdup(name);
	return n;
}

static void add_edge(struct graph_node *n, const char *to)
{
	ALLOC_GROW(n->to, n->to_nr + 1, n->to_alloc);
	n->to[n->to_nr++] = xstrdup(to);
}

static struct graph_node *add_object_node(struct builder *b, struct graph *g,
					  enum graph_node_kind kind,
					  const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];
	struct graph_node *n = add_node(g, kind, oid_to_hex(hex, oid));
	int len = odb_unique_abbrev_len(b->repo->odb, oid, GRAPH_ABBREV);

	if (len < 0)
		len = UG_OID_HEXSZ;	/* cannot happen for an object just read */
	memcpy(n->abbrev, hex, (size_t)len);
	n->abbrev[len] = '\0';
	return n;
}

/* 1 if `oid` was added before (and remember it), else 0. */
static int seen_before(struct builder *b, const struct oid *oid)
{
	size_t i;

	for (i = 0; i < b->seen_nr; i++)
		if (!oid_cmp(&b->seen[i], oid))
			return 1;
	ALLOC_GROW(b->seen, b->seen_nr + 1, b->seen_alloc);
	b->seen[b->seen_nr++] = *oid;
	return 0;
}

/*
 * What a ref or tag points at: a commit joins the walk (drawn later, in
 * order of ids); a tag gets a node and an edge to its own target; a
 * tree or blob gets a node.
 */
static int add_target(struct builder *b, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];
	struct odb_object obj = ODB_OBJECT_INIT;
	struct tag tag;
	struct graph_node *n;
	int ret;

	if (odb_read(&obj, b->repo->odb, oid) < 0)
		return ug_error(UG_ECORRUPT, "bad object %s", oid_to_hex(hex, oid));
	if (obj.type == OBJ_COMMIT) {
		ret = revwalk_push(b->walk, oid, 0);
		goto done;
	}
	ret = 0;
	if (seen_before(b, oid))
		goto done;
	if (obj.type != OBJ_TAG) {
		n = add_object_node(b, &b->objs, GRAPH_OBJECT, oid);
		n->label = xstrdup(obj.type_name);
		goto done;
	}
	ret = tag_parse(&tag, obj.data.buf, obj.data.len);
	if (ret < 0)
		goto done;
	n = add_object_node(b, &b->objs, GRAPH_TAG, oid);
	n->label = xstrdup(tag.name ? tag.name : "");
	add_edge(n, oid_to_hex(hex, &tag.object));
	/* a tag's chain ends at a non-tag; ids cannot form a loop */
	ret = add_target(b, &tag.object);
	tag_release(&tag);
done:
	odb_object_release(&obj);
	return ret;
}

static int add_ref(struct builder *b, const char *name, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];

	add_edge(add_node(b->g, GRAPH_REF, name), oid_to_hex(hex, oid));
	return add_target(b, oid);
}

static int each_ref(const char *name, const struct oid *oid, unsigned flags,
		    void *payload)
{
	struct builder *b = payload;

	if (flags & REFS_BROKEN) {
		strbuf_addf(b->warnings, "warning: ignoring broken ref %s\n", name);
		return 0;
	}
	return add_ref(b, name, oid) < 0 ? -1 : 0;
}

/* HEAD: at its branch (existing or unborn), or at a commit when detached. */
static int add_head(struct builder *b)
{
	struct strbuf target = STRBUF_INIT;
	struct oid oid;
	int ret = refs_read_symbolic(&target, b->repo, "HEAD");

	if (ret < 0)
		goto done;
	if (ret == 0) {
		ret = refs_resolve(&oid, b->repo, "HEAD");
		if (!ret)
			ret = add_ref(b, "HEAD", &oid);
		goto done;
	}
	add_edge(add_node(b->g, GRAPH_REF, "HEAD"), target.buf);
	ret = refs_resolve(&oid, b->repo, target.buf);
	if (ret == UG_ENOTFOUND) {
		/* unborn: the branch HEAD names has no ref yet */
		add_node(b->g, GRAPH_UNBORN, target.buf);
		ug_error_clear();
		ret = 0;
	}
	/* an existing branch gets its own node from refs_for_each() */
done:
	strbuf_release(&target);
	return ret < 0 ? ret : 0;
}

static int by_oid(const void *a, const void *b)
{
	const struct revwalk_commit *x = *(const struct revwalk_commit *const *)a;
	const struct revwalk_commit *y = *(const struct revwalk_commit *const *)b;

	return oid_cmp(&x->oid, &y->oid);
}

/* Every commit the walk reaches, sorted by id, with edges to its parents. */
static int add_commits(struct builder *b)
{
	struct revwalk_commit **list = NULL, *c;
	size_t nr = 0, alloc = 0, i, p;
	struct strbuf subject = STRBUF_INIT;
	struct graph_node *n;
	char hex[UG_OID_HEXSZ + 1];
	int ret;

	while ((ret = revwalk_next(&c, b->walk)) == 1) {
		ALLOC_GROW(list, nr + 1, alloc);
		list[nr++] = c;
	}
	if (ret < 0)
		goto done;
	if (nr)
		qsort(list, nr, sizeof(*list), by_oid);
	for (i = 0; i < nr; i++) {
		c = list[i];
		n = add_object_node(b, b->g, GRAPH_COMMIT, &c->oid);
		strbuf_setlen(&subject, 0);
		message_subject(&subject, c->commit.message, c->commit.message_len);
		n->label = xstrdup(subject.buf);
		/* the commit's own parents: the walk simplifies nothing here */
		for (p = 0; p < c->commit.parents_nr; p++)
			add_edge(n, oid_to_hex(hex, &c->commit.parents[p]));
	}
done:
	free(list);
	strbuf_release(&subject);
	return ret;
}

int graph_build(struct graph *out, struct strbuf *warnings, struct repo *repo)
{
	struct revwalk_options opts = REVWALK_OPTIONS_INIT;
	struct builder b = { out, repo, NULL, warnings, GRAPH_INIT, NULL, 0, 0 };
	int ret;

	b.walk = revwalk_new(repo, &opts);
	ret = add_head(&b);
	if (ret < 0)
		goto done;
	ret = refs_for_each(repo, "refs/", each_ref, &b);
	if (ret < 0)
		goto done;
	/* the nodes move over to `out`; their strings are not copied */
	ALLOC_GROW(out->nodes, out->nr + b.objs.nr, out->alloc);
	if (b.objs.nr)
		memcpy(out->nodes + out->nr, b.objs.nodes, b.objs.nr * sizeof(*b.objs.nodes));
	out->nr += b.objs.nr;
	b.objs.nr = 0;
	ret = add_commits(&b);
done:
	graph_release(&b.objs);
	revwalk_free(b.walk);
	free(b.seen);
	return ret < 0 ? ret : 0;
}

void graph_release(struct graph *g)
{
	size_t i, j;

	for (i = 0; i < g->nr; i++) {
		for (j = 0; j < g->nodes[i].to_nr; j++)
			free(g->nodes[i].to[j]);
		free(g->nodes[i].to);
		free(g->nodes[i].name);
		free(g->nodes[i].label);
	}
	free(g->nodes);
	g->nodes = NULL;
	g->nr = g->alloc = 0;
}
