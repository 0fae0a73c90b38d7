/*
 * k: the whole history as a Graphviz DOT graph (ugit's own command; git has
 * none, gitk being its nearest relative).
 *
 * What is drawn, always in the same order so that the text can be compared:
 *   - refs, HEAD first and then every ref under refs/ in byte order, as
 *     `shape=note` nodes named by their full name.  A symbolic ref (HEAD on
 *     a branch) points at the ref it names; HEAD on an unborn branch points
 *     at that branch, drawn dashed because it does not exist yet; a
 *     detached HEAD and every other ref point at the object they hold.
 *   - annotated tags as `shape=oval` nodes labelled "tag <name>" and the
 *     tag's abbreviated id.  The ref points at the tag object and the tag
 *     at the object it tags (another tag, a commit, ...): the graph shows
 *     what is stored, and peeling is following the arrows.
 *   - trees and blobs that a ref or tag names directly, as plain ovals.
 *   - every commit reachable from all of these, sorted by id, as a box
 *     labelled "<abbreviated id> <subject>" (git log --format='%h %s'),
 *     with one edge per parent, in the commit's order of parents.
 *
 * Node names are full 40-hex ids or ref names, quoted for DOT.
 *
 * `k --output <file> [--format svg|png]` pipes the text into Graphviz's
 * `dot` and renames its result into place, so <file> is either complete
 * or untouched.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/message.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revwalk.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/xalloc.h"

extern char **environ;

const char k_usage[] =
	"usage: ugit k [--output <file> [--format (svg | png)]]\n"
	"\n"
	"    --output <file>       render the graph with Graphviz's dot into <file>\n"
	"    --format <format>     svg (the default) or png\n"
	"\n";

/* git log's %h: the shortest unique abbreviation of at least 7 digits. */
#define K_ABBREV 7

struct k_graph {
	struct repo *repo;
	struct revwalk *walk;
	struct strbuf refs;	/* DOT lines of the ref nodes, in order */
	struct strbuf objs;	/* DOT lines of tags, trees and blobs */
	struct oid *seen;	/* non-commit objects already drawn */
	size_t seen_nr, seen_alloc;
};

/*
 * Append `s` for the inside of a DOT quoted string: only '"' and '\' need
 * a backslash; other bytes (UTF-8 included) pass through.
 */
static void add_escaped(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addch(out, '\\');
		strbuf_addch(out, *s);
	}
}

static void add_quoted(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	add_escaped(out, s);
	strbuf_addch(out, '"');
}

static void add_oid(struct strbuf *out, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];

	strbuf_addf(out, "\"%s\"", oid_to_hex(hex, oid));
}

/* "1a2b3c4", unique in the repository. */
static void add_abbrev(struct strbuf *out, struct repo *repo, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];
	int len = odb_unique_abbrev_len(repo->odb, oid, K_ABBREV);

	if (len < 0)
		die("%s", ug_error_last());
	strbuf_addf(out, "%.*s", len, oid_to_hex(hex, oid));
}

static int seen_before(struct k_graph *g, const struct oid *oid)
{
	size_t i;

	for (i = 0; i < g->seen_nr; i++)
		if (!oid_cmp(&g->seen[i], oid))
			return 1;
	ALLOC_GROW(g->seen, g->seen_nr + 1, g->seen_alloc);
	g->seen[g->seen_nr++] = *oid;
	return 0;
}

/*
 * What a ref or tag points at: a commit joins the walk; a tag gets its
 * node and an edge to its own target; a tree or blob gets a node.
 */
static void add_target(struct k_graph *g, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];
	struct odb_object obj = ODB_OBJECT_INIT;
	struct tag tag;
	struct strbuf label = STRBUF_INIT;

	if (odb_read(&obj, g->repo->odb, oid) < 0)
		die("bad object %s", oid_to_hex(hex, oid));
	if (obj.type == OBJ_COMMIT) {
		odb_object_release(&obj);
		if (revwalk_push(g->walk, oid, 0) < 0)
			die("%s", ug_error_last());
		return;
	}
	if (seen_before(g, oid)) {
		odb_object_release(&obj);
		return;
	}
	if (obj.type != OBJ_TAG) {
		strbuf_addf(&label, "%s ", obj.type_name);
		add_abbrev(&label, g->repo, oid);
		add_oid(&g->objs, oid);
		strbuf_addstr(&g->objs, " [shape=oval label=");
		add_quoted(&g->objs, label.buf);
		strbuf_addstr(&g->objs, "]\n");
		odb_object_release(&obj);
		strbuf_release(&label);
		return;
	}
	if (tag_parse(&tag, obj.data.buf, obj.data.len) < 0)
		die("%s", ug_error_last());
	odb_object_release(&obj);
	add_abbrev(&label, g->repo, oid);
	/* "tag <name>" and the id on two lines: DOT's own "\n" escape */
	add_oid(&g->objs, oid);
	strbuf_addstr(&g->objs, " [shape=oval label=\"tag ");
	add_escaped(&g->objs, tag.name ? tag.name : "");
	strbuf_addf(&g->objs, "\\n%s\"]\n", label.buf);
	add_oid(&g->objs, oid);
	strbuf_addstr(&g->objs, " -> ");
	add_oid(&g->objs, &tag.object);
	strbuf_addch(&g->objs, '\n');
	add_target(g, &tag.object);
	tag_release(&tag);
	strbuf_release(&label);
}

/* A ref node and its edge to `oid`. */
static void add_ref(struct k_graph *g, const char *name, const struct oid *oid)
{
	add_quoted(&g->refs, name);
	strbuf_addstr(&g->refs, " [shape=note]\n");
	add_quoted(&g->refs, name);
	strbuf_addstr(&g->refs, " -> ");
	add_oid(&g->refs, oid);
	strbuf_addch(&g->refs, '\n');
	add_target(g, oid);
}

static int each_ref(const char *name, const struct oid *oid, unsigned flags,
		    void *payload)
{
	if (flags & REFS_BROKEN) {
		fprintf(stderr, "warning: ignoring broken ref %s\n", name);
		return 0;
	}
	add_ref(payload, name, oid);
	return 0;
}

/* HEAD: at its branch (existing or unborn), or at a commit when detached. */
static void add_head(struct k_graph *g)
{
	struct strbuf target = STRBUF_INIT;
	struct oid oid;
	int r = refs_read_symbolic(&target, g->repo, "HEAD");

	if (r < 0)
		die("%s", ug_error_last());
	if (r == 0) {
		if (refs_resolve(&oid, g->repo, "HEAD") < 0)
			die("%s", ug_error_last());
		add_ref(g, "HEAD", &oid);
	} else {
		strbuf_addstr(&g->refs, "\"HEAD\" [shape=note]\n\"HEAD\" -> ");
		add_quoted(&g->refs, target.buf);
		strbuf_addch(&g->refs, '\n');
		if (refs_resolve(&oid, g->repo, target.buf) == UG_ENOTFOUND) {
			/* unborn: the branch HEAD names has no ref yet */
			add_quoted(&g->refs, target.buf);
			strbuf_addstr(&g->refs, " [shape=note style=dashed]\n");
		}
		ug_error_clear();
	}
	strbuf_release(&target);
}

static int by_oid(const void *a, const void *b)
{
	const struct revwalk_commit *x = *(const struct revwalk_commit *const *)a;
	const struct revwalk_commit *y = *(const struct revwalk_commit *const *)b;

	return oid_cmp(&x->oid, &y->oid);
}

/* Every commit the walk reaches, sorted by id: a box and its parent edges. */
static void add_commits(struct strbuf *out, struct k_graph *g)
{
	struct revwalk_commit **list = NULL, *c;
	size_t nr = 0, alloc = 0, i, p;
	struct strbuf label = STRBUF_INIT;
	int r;

	while ((r = revwalk_next(&c, g->walk)) == 1) {
		ALLOC_GROW(list, nr + 1, alloc);
		list[nr++] = c;
	}
	if (r < 0)
		die("%s", ug_error_last());
	if (nr)
		qsort(list, nr, sizeof(*list), by_oid);
	for (i = 0; i < nr; i++) {
		c = list[i];
		strbuf_setlen(&label, 0);
		add_abbrev(&label, g->repo, &c->oid);
		strbuf_addch(&label, ' ');
		message_subject(&label, c->commit.message, c->commit.message_len);
		add_oid(out, &c->oid);
		strbuf_addstr(out, " [shape=box label=");
		add_quoted(out, label.buf);
		strbuf_addstr(out, "]\n");
		for (p = 0; p < c->commit.parents_nr; p++) {
			add_oid(out, &c->oid);
			strbuf_addstr(out, " -> ");
			add_oid(out, &c->commit.parents[p]);
			strbuf_addch(out, '\n');
		}
	}
	free(list);
	strbuf_release(&label);
}

/* The whole graph as DOT text, appended to `out`; dies on a damaged repository. */
static void build_dot(struct strbuf *out, struct repo *repo)
{
	struct k_graph g = { repo, NULL, STRBUF_INIT, STRBUF_INIT, NULL, 0, 0 };
	struct revwalk_options opts = REVWALK_OPTIONS_INIT;
	int r;

	g.walk = revwalk_new(repo, &opts);
	add_head(&g);
	r = refs_for_each(repo, "refs/", each_ref, &g);
	if (r < 0)
		die("%s", ug_error_last());
	strbuf_addstr(out, "digraph commits {\n");
	strbuf_addbuf(out, &g.refs);
	strbuf_addbuf(out, &g.objs);
	add_commits(out, &g);
	strbuf_addstr(out, "}\n");
	revwalk_free(g.walk);
	strbuf_release(&g.refs);
	strbuf_release(&g.objs);
	free(g.seen);
}

/* 1 if an executable `prog` is in one of PATH's directories. */
static int in_path(const char *prog)
{
	const char *path = getenv("PATH"), *end;
	struct strbuf sb = STRBUF_INIT;
	int found = 0;

	for (; path && !found; path = *end ? end + 1 : NULL) {
		end = strchr(path, ':');
		if (!end)
			end = path + strlen(path);
		strbuf_setlen(&sb, 0);
		if (end == path)
			strbuf_addch(&sb, '.');	/* an empty entry is "." */
		else
			strbuf_add(&sb, path, (size_t)(end - path));
		strbuf_addf(&sb, "/%s", prog);
		found = !access(sb.buf, X_OK);
	}
	strbuf_release(&sb);
	return found;
}

/* Write all of `dot` into fd, then close it; 0 or -1 (dot went away). */
static int feed(int fd, const struct strbuf *dot)
{
	size_t off = 0;
	ssize_t n;

	while (off < dot->len) {
		n = write(fd, dot->buf + off, dot->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		off += (size_t)n;
	}
	return close(fd) || off < dot->len ? -1 : 0;
}

/*
 * `dot -T<format> -o <output>.tmp-XXXXXX` with the text on a pipe, then a
 * rename over <output>: a reader never sees half an image.
 */
static int render(const struct strbuf *dot, const char *output, const char *format)
{
	struct strbuf tmp = STRBUF_INIT, tflag = STRBUF_INIT;
	posix_spawn_file_actions_t fa;
	int fds[2], tmpfd, status = -1, ok = 0;
	pid_t pid;
	char *args[6];

	if (!in_path("dot")) {
		/* exit 1, not die()'s 128: nothing is wrong with the repository */
		fprintf(stderr, "fatal: k --output needs Graphviz's 'dot' program, "
			"which was not found in PATH\n");
		return 1;
	}
	strbuf_addf(&tmp, "%s.tmp-XXXXXX", output);
	tmpfd = mkstemp(tmp.buf);
	if (tmpfd < 0)
		die_errno("unable to create '%s'", tmp.buf);
	close(tmpfd);
	if (pipe(fds) < 0)
		die_errno("pipe");
	strbuf_addf(&tflag, "-T%s", format);
	args[0] = "dot"; args[1] = tflag.buf; args[2] = "-o";
	args[3] = tmp.buf; args[4] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	errno = posix_spawnp(&pid, "dot", &fa, NULL, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[0]);
	if (errno) {
		error("cannot run dot: %s", strerror(errno));
		close(fds[1]);
		goto done;
	}
	/* if dot dies early, a write fails with EPIPE instead of killing us */
	signal(SIGPIPE, SIG_IGN);
	ok = !feed(fds[1], dot);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (!ok)
		error("dot failed to render the graph");
	else if (rename(tmp.buf, output) < 0) {
		error("unable to rename '%s' to '%s': %s", tmp.buf, output, strerror(errno));
		ok = 0;
	}
done:
	if (!ok)
		unlink(tmp.buf);
	strbuf_release(&tmp);
	strbuf_release(&tflag);
	return ok ? 0 : 1;
}

int cmd_k(int argc, char **argv, struct repo *repo)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *format = NULL;
	struct strbuf dot = STRBUF_INIT;
	int c, ret = 0;

	if (argc == 2 && !strcmp(argv[1], "-h"))
		return usage_help(k_usage);
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (c == 'o')
			output = optarg;
		else if (c == 'f')
			format = optarg;
		else
			return usage_bad_option(k_usage, longopts, argv, c);
	}
	if (optind < argc)
		return usage_error(k_usage, "unexpected argument '%s'", argv[optind]);
	if (format && strcmp(format, "svg") && strcmp(format, "png"))
		return usage_error(k_usage, "unknown format '%s' (svg or png)", format);
	if (format && !output)
		return usage_error(k_usage, "--format needs --output");
	if (output && !*output)
		return usage_error(k_usage, "--output needs a file name");
	build_dot(&dot, repo);
	if (output)
		ret = render(&dot, output, format ? format : "svg");
	else
		fwrite(dot.buf, 1, dot.len, stdout);
	strbuf_release(&dot);
	return ret;
}
