#ifndef UGIT_GRAPH_H
#define UGIT_GRAPH_H

/*
 * graph - every ref and every object reachable from them, as nodes and
 * edges, for `ugit k` to draw.  Nothing is printed here; the caller
 * decides on the format (DOT in src/cmd/cmd_k.c).
 *
 * The nodes come in a fixed order, so that the same repository always
 * gives the same graph:
 *   1. HEAD, then every ref under refs/ in byte order of its name
 *      (GRAPH_REF).  A symbolic HEAD leads to the ref it names; when that
 *      branch is unborn, a GRAPH_UNBORN node for it follows HEAD.  Every
 *      other ref (a symbolic one under refs/ included) leads to the
 *      object it resolves to.
 *   2. the tags, trees and blobs that refs or tags name, in the order
 *      they are first met (GRAPH_TAG, GRAPH_OBJECT).  A tag leads to the
 *      object it tags, which may be another tag: the graph shows what is
 *      stored, and peeling a tag is following its edges.
 *   3. every commit reachable from all of these, sorted by id
 *      (GRAPH_COMMIT), leading to its parents in the commit's order.
 */

#include <stddef.h>

#include "ugit/oid.h"

struct repo;
struct strbuf;

enum graph_node_kind {
	GRAPH_REF,	/* name: "HEAD", "refs/heads/main" */
	GRAPH_UNBORN,	/* name: the branch an unborn HEAD names */
	GRAPH_TAG,	/* name: the tag's id; label: its "tag" header */
	GRAPH_OBJECT,	/* name: a tree's or blob's id; label: "tree" or "blob" */
	GRAPH_COMMIT,	/* name: the commit's id; label: its subject (log's %s) */
};

struct graph_node {
	enum graph_node_kind kind;
	char *name;		/* a full ref name or a 40-hex id */
	char *label;		/* see the kinds above; NULL for refs */
	/* objects: the shortest unique abbreviation, 7 digits at least (%h) */
	char abbrev[UG_OID_HEXSZ + 1];
	char **to;		/* names of the nodes its edges lead to, in order */
	size_t to_nr, to_alloc;
};

struct graph {
	struct graph_node *nodes;
	size_t nr, alloc;
};

#define GRAPH_INIT { NULL, 0, 0 }

/*
 * Fill `out` (GRAPH_INIT) with the graph of `repo`.  A broken ref is
 * left out, with a line "warning: ignoring broken ref <name>" appended to
 * `warnings`.  Returns 0; <0 with the message recorded when a ref or an
 * object cannot be read ("bad object <id>" for a ref or tag naming a
 * missing object).  Release `out` with graph_release() in either case.
 */
int graph_build(struct graph *out, struct strbuf *warnings, struct repo *repo);
void graph_release(struct graph *g);

#endif /* UGIT_GRAPH_H */
