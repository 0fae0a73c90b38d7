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
#include "ugit/graph.h"
#include "ugit/strbuf.h"

extern char **environ;

const char k_usage[] =
	"usage: ugit k [--output <file> [--format (svg | png)]]\n"
	"\n"
	"    --output <file>       render the graph with Graphviz's dot into <file>\n"
	"    --format <format>     svg (the default) or png\n"
	"\n";

/*
 * Append `s` for the inside of a DOT quoted string: only '"' and '\\' need
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

/* A node's attributes, e.g. [shape=box label="1a2b3c4 subject"]. */
static void add_attributes(struct strbuf *out, const struct graph_node *n)
{
	switch (n->kind) {
	case GRAPH_REF:
		strbuf_addstr(out, "[shape=note]");
		return;
	case GRAPH_UNBORN:
		strbuf_addstr(out, "[shape=note style=dashed]");
		return;
	case GRAPH_TAG:
		/* "tag <name>" over the id: "\n" is DOT's own line break */
		strbuf_addstr(out, "[shape=oval label=\"tag ");
		add_escaped(out, n->label);
		strbuf_addf(out, "\\n%s\"]", n->abbrev);
		return;
	case GRAPH_OBJECT:
		strbuf_addf(out, "[shape=oval label=\"%s %s\"]", n->label, n->abbrev);
		return;
	case GRAPH_COMMIT:
		strbuf_addf(out, "[shape=box label=\"%s ", n->abbrev);
		add_escaped(out, n->label);
		strbuf_addstr(out, "\"]");
		return;
	}
}

/* The graph as DOT text: each node, then its edges. */
static void format_dot(struct strbuf *out, const struct graph *g)
{
	size_t i, j;

	strbuf_addstr(out, "digraph commits {\n");
	for (i = 0; i < g->nr; i++) {
		add_quoted(out, g->nodes[i].name);
		strbuf_addch(out, ' ');
		add_attributes(out, &g->nodes[i]);
		strbuf_addch(out, '\n');
		for (j = 0; j < g->nodes[i].to_nr; j++) {
			add_quoted(out, g->nodes[i].name);
			strbuf_addstr(out, " -> ");
			add_quoted(out, g->nodes[i].to[j]);
			strbuf_addch(out, '\n');
		}
	}
	strbuf_addstr(out, "}\n");
}

/* The graph of `repo` as DOT text in `out`, or die as git would. */
static void build_dot(struct strbuf *out, struct repo *repo)
{
	struct graph g = GRAPH_INIT;
	struct strbuf warnings = STRBUF_INIT;
	int ret = graph_build(&g, &warnings, repo);

	fputs(warnings.buf, stderr);
	strbuf_release(&warnings);
	if (ret < 0)
		die("%s", ug_error_last());
	format_dot(out, &g);
	graph_release(&g);
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
	mode_t mask;
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
	/* mkstemp() makes 0600; the picture gets a new file's usual mode */
	mask = umask(0);
	umask(mask);
	if (fchmod(tmpfd, 0666 & ~mask) < 0)
		warning("unable to set the mode of '%s': %s", tmp.buf, strerror(errno));
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
