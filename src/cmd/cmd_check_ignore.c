/* check-ignore: say which paths the ignore rules exclude, and by which line. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ugit/error.h"
#include "ugit/ignore.h"
#include "ugit/index.h"
#include "ugit/pathspec.h"
#include "ugit/quote.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

const char check_ignore_usage[] =
	"usage: ugit check-ignore [<options>] <pathname>...\n"
	"   or: ugit check-ignore [<options>] --stdin\n"
	"\n"
	"    -q, --quiet           suppress progress reporting\n"
	"    -v, --verbose         be verbose\n"
	"\n"
	"    --stdin               read file names from stdin\n"
	"    -z                    terminate input and output records by a NUL character\n"
	"    -n, --non-matching    show non-matching input paths\n"
	"    --no-index            ignore index when checking\n";

struct ci_opts {
	int quiet, verbose, non_matching, no_index, use_stdin, nul;
	unsigned quote_flags;
	struct repo *repo;
	struct ignore *ig;
	struct index idx;	/* empty with --no-index */
};

/* Does `item` select a tracked path?  Then git does not call it ignored. */
static int matches_index(const struct ci_opts *o, const struct pathspec_item *item)
{
	size_t i;

	for (i = 0; i < o->idx.nr; i++)
		if (pathspec_item_match(item, o->idx.entries[i]->name))
			return 1;
	return 0;
}

/* Append `s` as git writes a name: quoted if needed, never with -z. */
static void add_name(struct strbuf *out, const struct ci_opts *o, const char *s)
{
	if (o->nul)
		strbuf_addstr(out, s);
	else
		quote_path(out, s, strlen(s), o->quote_flags);
}

static void print_result(const struct ci_opts *o, const char *arg,
			 const struct ignore_pattern *p)
{
	struct strbuf line = STRBUF_INIT;
	char end = o->nul ? '\0' : '\n';

	if (o->verbose) {
		if (p) {
			add_name(&line, o, p->list->source);
			strbuf_addf(&line, "%c%d%c", o->nul ? '\0' : ':', p->lineno,
				    o->nul ? '\0' : ':');
			/* the pattern is shown as written, never quoted */
			strbuf_addstr(&line, p->text);
			strbuf_addch(&line, o->nul ? '\0' : '\t');
		} else if (o->nul) {
			strbuf_add(&line, "\0\0\0", 3);	/* three empty fields */
		} else {
			strbuf_addstr(&line, "::\t");
		}
	}
	add_name(&line, o, arg);
	strbuf_addch(&line, end);
	fwrite(line.buf, 1, line.len, stdout);
	strbuf_release(&line);
}

/* Check one argument; returns 1 if it counts as ignored, 0 if not. */
static int check_one(struct ci_opts *o, char *arg)
{
	const struct ignore_pattern *p = NULL;
	struct pathspec ps = PATHSPEC_INIT;
	struct strbuf abs = STRBUF_INIT;
	struct stat st;
	int is_dir;

	if (pathspec_parse(&ps, o->repo, &arg, 1) < 0)
		die("%s", ug_error_last());
	strbuf_addf(&abs, "%s/%s", o->repo->worktree, ps.items[0].match);
	is_dir = !lstat(abs.buf, &st) && S_ISDIR(st.st_mode);
	/* the top itself ("" from ".") is never ignored, nor is a tracked path */
	if (ps.items[0].len && !matches_index(o, &ps.items[0]) &&
	    ignore_match(&p, o->ig, ps.items[0].match, is_dir) < 0)
		die("%s", ug_error_last());
	/* without -v a negative match is no match */
	if (!o->verbose && p && (p->flags & IGNORE_NEGATIVE))
		p = NULL;
	if (!o->quiet && (p || o->non_matching))
		print_result(o, arg, p);
	strbuf_release(&abs);
	pathspec_release(&ps);
	return p != NULL;
}

static int check_stdin(struct ci_opts *o)
{
	struct strbuf line = STRBUF_INIT;
	int ignored = 0, c;

	for (;;) {
		strbuf_reset(&line);
		while ((c = getchar()) != EOF && c != (o->nul ? '\0' : '\n'))
			strbuf_addch(&line, (char)c);
		if (c == EOF && !line.len)
			break;
		ignored += check_one(o, line.buf);
		fflush(stdout);	/* --stdin is used as a co-process */
	}
	strbuf_release(&line);
	return ignored;
}

int cmd_check_ignore(int argc, char **argv, struct repo *repo)
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "stdin", no_argument, NULL, 'S' },
		{ "non-matching", no_argument, NULL, 'n' },
		{ "no-index", no_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 },
	};
	struct ci_opts o = { 0 };
	int c, ignored = 0, i, err;

	if (argc == 2 && !strcmp(argv[1], "-h"))
		return usage_help(check_ignore_usage);
	while ((c = getopt_long(argc, argv, ":qvnz", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': o.quiet = 1; break;
		case 'v': o.verbose = 1; break;
		case 'n': o.non_matching = 1; break;
		case 'z': o.nul = 1; break;
		case 'S': o.use_stdin = 1; break;
		case 'I': o.no_index = 1; break;
		default: return usage_bad_option(check_ignore_usage, longopts, argv, c);
		}
	}
	argc -= optind;
	argv += optind;
	if (o.use_stdin && argc)
		die("cannot specify pathnames with --stdin");
	if (o.nul && !o.use_stdin)
		die("-z only makes sense with --stdin");
	if (!o.use_stdin && !argc)
		die("no path specified");
	if (o.quiet && (o.use_stdin || argc > 1))
		die("--quiet is only valid with a single pathname");
	if (o.quiet && o.verbose)
		die("cannot have both --quiet and --verbose");
	if (o.non_matching && !o.verbose)
		die("--non-matching is only valid with --verbose");
	o.repo = repo;
	o.quote_flags = core_quotepath_flags(repo);
	o.idx = (struct index)INDEX_INIT;
	if (!o.no_index)
		load_index_or_die(&o.idx, repo);
	err = ignore_open(&o.ig, repo);
	if (err < 0)
		die("%s", ug_error_last());
	if (o.use_stdin)
		ignored = check_stdin(&o);
	for (i = 0; i < argc; i++)
		ignored += check_one(&o, argv[i]);
	ignore_free(o.ig);
	index_release(&o.idx);
	return ignored ? 0 : 1;
}
