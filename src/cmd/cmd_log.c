/* log: walk history from the given revisions and show each commit in a chosen format. */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/config.h"
#include "ugit/date.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/pretty.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/revwalk.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

const char log_usage[] =
	"usage: ugit log [<options>] [<revision-range>] [[--] <path>...]\n"
	"\n"
	"    -n <n>, -<n>, --max-count=<n>, --skip=<n>, --first-parent, --reverse, --all,\n"
	"    --oneline, --pretty[=<format>], --format=<format>, --abbrev-commit,\n"
	"    --no-abbrev-commit, --abbrev=<n>, --date=<mode>, --decorate[=short|full|auto|no],\n"
	"    --no-decorate; revisions A, ^A, A..B, A...B; paths after --\n";

enum decorate { DECORATE_UNSET = -1, DECORATE_NO = 0, DECORATE_SHORT, DECORATE_FULL, DECORATE_AUTO };

struct log_state {
	struct repo *repo;
	struct revwalk_options walk;
	struct pretty_options pretty;
	int decorate;		/* enum decorate */
	int all;
	int saw_rev;
	int seen_dashdash;	/* "--" given: no guessing between revisions and paths */
	struct revwalk *w;
	struct strbuf *paths;	/* from the top of the work tree */
	size_t paths_nr, paths_alloc;
};

static const char ambiguous_fmt[] =
	"ambiguous argument '%s': %s\n"
	"Use '--' to separate paths from revisions, like this:\n"
	"'git <command> [<revision>...] -- [<file>...]'";

static void push_all(struct log_state *s);

/* ---- options ---- */

static long parse_count(const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*end || end == arg || n < 0)
		die("'%s': not a non-negative integer", arg);
	return n;
}

static int parse_decorate(const char *value)
{
	if (!strcmp(value, "short"))
		return DECORATE_SHORT;
	if (!strcmp(value, "full"))
		return DECORATE_FULL;
	if (!strcmp(value, "auto"))
		return DECORATE_AUTO;
	if (!strcmp(value, "no"))
		return DECORATE_NO;
	return -2;
}

/* Options that take no value, and -<n>.  1 if `arg` was one. */
static int flag_option(struct log_state *s, const char *arg)
{
	if (!strcmp(arg, "--first-parent"))
		s->walk.first_parent = 1;
	else if (!strcmp(arg, "--reverse"))
		s->walk.reverse = 1;
	else if (!strcmp(arg, "--all"))
		push_all(s);	/* where it stands: the order of start points breaks date ties */
	else if (!strcmp(arg, "--oneline")) {
		pretty_parse_format(&s->pretty, "oneline");
		s->pretty.abbrev_commit = 1;
	} else if (!strcmp(arg, "--abbrev-commit"))
		s->pretty.abbrev_commit = 1;
	else if (!strcmp(arg, "--no-abbrev-commit"))
		s->pretty.abbrev_commit = 0;
	else if (!strcmp(arg, "--no-decorate"))
		s->decorate = DECORATE_NO;
	else if (!strcmp(arg, "--decorate"))
		s->decorate = DECORATE_SHORT;
	else if (!strcmp(arg, "--pretty"))
		pretty_parse_format(&s->pretty, "medium");
	else if (arg[1] >= '0' && arg[1] <= '9')
		s->walk.max_count = parse_count(arg + 1);
	else
		return 0;
	return 1;
}

/* Options with a value ("--x=v"), and -n <n>.  Returns how many args it used. */
static int value_option(struct log_state *s, const char *arg, const char *next)
{
	const char *v;

	if (!strcmp(arg, "-n")) {
		if (!next)
			die("switch `n' requires a value");
		s->walk.max_count = parse_count(next);
		return 2;
	}
	if (skip_prefix(arg, "-n", &v) || skip_prefix(arg, "--max-count=", &v))
		s->walk.max_count = parse_count(v);
	else if (skip_prefix(arg, "--skip=", &v))
		s->walk.skip = parse_count(v);
	else if (skip_prefix(arg, "--abbrev=", &v)) {
		s->pretty.abbrev = (int)parse_count(v);
		if (s->pretty.abbrev < 4)
			s->pretty.abbrev = 4;	/* git's minimum */
		if (s->pretty.abbrev > UG_OID_HEXSZ)
			s->pretty.abbrev = UG_OID_HEXSZ;
	} else if (skip_prefix(arg, "--pretty=", &v) || skip_prefix(arg, "--format=", &v)) {
		if (pretty_parse_format(&s->pretty, v) < 0)
			die("%s", ug_error_last());
	} else if (skip_prefix(arg, "--date=", &v)) {
		if (date_mode_parse(&s->pretty.date_mode, v) < 0)
			die("%s", ug_error_last());
	} else if (skip_prefix(arg, "--decorate=", &v)) {
		s->decorate = parse_decorate(v);
		if (s->decorate == -2)
			die("invalid --decorate option: %s", v);
	} else
		return 0;
	return 1;
}

/* ---- revisions and paths ---- */

/* A path as given, from the top of the work tree (git's pathspec prefixing). */
static void add_path(struct log_state *s, const char *arg)
{
	struct strbuf *sb;
	const char *p = arg;

	ALLOC_GROW(s->paths, s->paths_nr + 1, s->paths_alloc);
	sb = &s->paths[s->paths_nr++];
	strbuf_init(sb, 0);
	strbuf_addstr(sb, s->repo->prefix ? s->repo->prefix : "");
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && !strncmp(p, "..", 2)) {
			if (!sb->len)
				die("%s: '%s' is outside repository at '%s'", arg, arg,
				    s->repo->worktree ? s->repo->worktree : "");
			strbuf_setlen(sb, sb->len - 1);
			while (sb->len && sb->buf[sb->len - 1] != '/')
				strbuf_setlen(sb, sb->len - 1);
		} else if (n && !(n == 1 && *p == '.')) {
			strbuf_add(sb, p, n);
			strbuf_addch(sb, '/');
		}
		p += n;
		while (*p == '/')
			p++;
	}
	if (sb->len)
		strbuf_setlen(sb, sb->len - 1);	/* no trailing '/' */
}

static void push(struct log_state *s, const struct oid *oid, int uninteresting)
{
	int err = revwalk_push(s->w, oid, uninteresting);

	/* git's log skips trees and blobs it is given */
	if (err == UG_EINVALID)
		ug_error_clear();
	else if (err)
		die("%s", ug_error_last());
}

/* Resolve one name; 0 if it is a revision, dies on a damaged repository. */
static int resolve(struct oid *out, struct log_state *s, const char *name)
{
	int err = resolve_object_name(out, s->repo, name, REVPARSE_QUIET);

	if (err && err != UG_ENOTFOUND && err != UG_EAMBIGUOUS)
		die("%s", ug_error_last());
	if (err)
		ug_error_clear();
	return err ? -1 : 0;
}

/* "A...B": both sides, without what they have in common (their merge bases). */
static void push_symmetric(struct log_state *s, const struct oid *a,
			   const struct oid *b)
{
	struct oid *bases = NULL;
	size_t nr = 0, i;

	if (revwalk_merge_bases(&bases, &nr, s->w, a, b) < 0)
		die("%s", ug_error_last());
	/* git queues the bases first, then A, then B: it matters for equal dates */
	for (i = 0; i < nr; i++)
		push(s, &bases[i], 1);
	push(s, a, 0);
	push(s, b, 0);
	free(bases);
}

/* "A..B" and "A...B" (an empty side is HEAD); 1 if `arg` was such a range. */
static int range_arg(struct log_state *s, const char *arg)
{
	const char *dots = strstr(arg, "..");
	int symmetric = dots && dots[2] == '.';
	const char *right = dots ? dots + 2 + symmetric : NULL;
	struct oid from, to;
	char *left;
	int bad;

	if (!dots || !strcmp(arg, "..") || !strcmp(arg, "..."))
		return 0;
	left = dots == arg ? xstrdup("HEAD") : xstrndup(arg, (size_t)(dots - arg));
	bad = resolve(&from, s, left) || resolve(&to, s, *right ? right : "HEAD");
	free(left);
	if (bad)
		return 0;
	if (symmetric) {
		push_symmetric(s, &from, &to);
		return 1;
	}
	push(s, &from, 1);
	push(s, &to, 0);
	return 1;
}

/* A revision argument; 0 if it is none (then it may be a path). */
static int rev_arg(struct log_state *s, const char *arg)
{
	int negative = *arg == '^' && arg[1];
	struct oid oid;

	if (range_arg(s, arg)) {
		s->saw_rev = 1;
		return 1;
	}
	if (resolve(&oid, s, arg + negative))
		return 0;
	if (!s->seen_dashdash && fs_exists(arg))
		die(ambiguous_fmt, arg, "both revision and filename");
	push(s, &oid, negative);
	s->saw_rev = 1;
	return 1;
}

/* Without "--", a name that is no revision must be a file in the work tree. */
static void guessed_path(struct log_state *s, const char *arg)
{
	if (!fs_exists(arg))
		die(ambiguous_fmt, arg, "unknown revision or path not in the working tree.");
	add_path(s, arg);
}

static int each_ref(const char *name, const struct oid *oid, unsigned flags,
		    void *payload)
{
	struct log_state *s = payload;

	if ((flags & REFS_SYMREF) && oid_is_null(oid))
		return 0;	/* a symbolic ref to nothing yet: git skips it */
	/* git stops at a ref it cannot use, rather than log less than --all */
	if ((flags & REFS_BROKEN) || !odb_has(s->repo->odb, oid))
		die("bad object %s", name);
	push(s, oid, 0);
	return 0;
}

/* No revisions: HEAD, and git's words for a branch without commits. */
static void push_head(struct log_state *s)
{
	struct strbuf target = STRBUF_INIT;
	const char *branch;
	unsigned flags = 0;
	struct oid oid;
	int err = refs_resolve_full(&oid, &target, &flags, s->repo, "HEAD");

	if (err == UG_ENOTFOUND) {
		if (!skip_prefix(target.buf, "refs/heads/", &branch))
			branch = target.buf;
		die("your current branch '%s' does not have any commits yet", branch);
	}
	if (err)
		die("%s", ug_error_last());
	push(s, &oid, 0);
	strbuf_release(&target);
}

static void push_all(struct log_state *s)
{
	struct oid oid;

	s->all = 1;
	if (refs_for_each(s->repo, "refs/", each_ref, s) < 0)
		die("%s", ug_error_last());
	if (!refs_resolve(&oid, s->repo, "HEAD"))
		push(s, &oid, 0);
	ug_error_clear();
}

/* ---- configuration and output ---- */

static void read_config(struct log_state *s)
{
	const char *v = NULL;
	long long n;
	int b;

	if (!s->repo->config)
		return;
	if (!config_get_int(&n, s->repo->config, "core.abbrev") && n >= 4 && n <= UG_OID_HEXSZ)
		s->pretty.abbrev = (int)n;
	ug_error_clear();
	if (config_get_string(&v, s->repo->config, "log.decorate") < 0) {
		ug_error_clear();
		return;
	}
	s->decorate = v ? parse_decorate(v) : -2;
	if (s->decorate == -2) {
		/* a boolean: true means short */
		if (config_get_bool(&b, s->repo->config, "log.decorate") < 0)
			die("%s", ug_error_last());
		s->decorate = b ? DECORATE_SHORT : DECORATE_NO;
	}
}

/* Which decorations to load; `headers` says whether commit lines show them. */
static int decoration_style(struct log_state *s, int *headers)
{
	int style = s->decorate;
	const char *f = s->pretty.user_format;
	int in_format = s->pretty.fmt == PRETTY_USER && f &&
			(strstr(f, "%d") || strstr(f, "%D"));

	if (style == DECORATE_UNSET || style == DECORATE_AUTO)
		style = isatty(1) ? DECORATE_SHORT : DECORATE_NO;
	*headers = style != DECORATE_NO;
	if (!*headers && in_format)
		style = DECORATE_SHORT;
	return style;
}

static int show_all(struct log_state *s)
{
	struct strbuf entry = STRBUF_INIT;
	struct revwalk_commit *c;
	int shown = 0, res;

	while ((res = revwalk_next(&c, s->w)) > 0) {
		strbuf_reset(&entry);
		if (shown++ && !s->pretty.use_terminator)
			strbuf_addch(&entry, '\n');
		if (pretty_format_commit(&entry, s->repo, &s->pretty, &c->oid, &c->commit) < 0)
			die("%s", ug_error_last());
		if (s->pretty.use_terminator)
			strbuf_addch(&entry, '\n');
		fwrite(entry.buf, 1, entry.len, stdout);
	}
	strbuf_release(&entry);
	if (res < 0)
		die("%s", ug_error_last());
	return 0;
}

static void parse_args(struct log_state *s, int argc, char **argv)
{
	int i, used, as_paths = 0;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--"))
			s->seen_dashdash = 1;
	for (i = 1; i < argc; i += used) {
		const char *arg = argv[i];

		used = 1;
		if (as_paths) {
			if (s->seen_dashdash)
				add_path(s, arg);
			else
				guessed_path(s, arg);
		} else if (!strcmp(arg, "--")) {
			as_paths = 1;
		} else if (*arg == '-' && arg[1]) {
			if (!flag_option(s, arg) &&
			    !(used = value_option(s, arg, i + 1 < argc ? argv[i + 1] : NULL)))
				die("unrecognized argument: %s", arg);
		} else if (!rev_arg(s, arg)) {
			if (s->seen_dashdash)
				die("bad revision '%s'", arg);
			as_paths = 1;
			guessed_path(s, arg);
		}
	}
}

int cmd_log(int argc, char **argv, struct repo *repo)
{
	struct pretty_options pretty = PRETTY_OPTIONS_INIT;
	struct revwalk_options walk = REVWALK_OPTIONS_INIT;
	struct pretty_decorations *decorations = NULL;
	const char **paths = NULL;
	struct log_state s;
	int style, headers;
	size_t i;

	if (argc == 2 && !strcmp(argv[1], "-h"))
		return usage_help(log_usage);
	memset(&s, 0, sizeof(s));
	s.repo = repo;
	s.pretty = pretty;
	s.walk = walk;
	s.decorate = DECORATE_UNSET;
	read_config(&s);
	/* the walk is made first: arguments push into it as they are read */
	s.w = revwalk_new(repo, &s.walk);
	parse_args(&s, argc, argv);
	if (!s.saw_rev && !s.all)
		push_head(&s);
	/* the options are complete only now: start over with them */
	if (s.paths_nr) {
		paths = xcalloc(s.paths_nr, sizeof(*paths));
		for (i = 0; i < s.paths_nr; i++)
			paths[i] = s.paths[i].buf;
		s.walk.paths = paths;
		s.walk.paths_nr = s.paths_nr;
	}
	revwalk_set_options(s.w, &s.walk);
	style = decoration_style(&s, &headers);
	if (style != DECORATE_NO &&
	    pretty_decorations_load(&decorations, repo, style == DECORATE_FULL) < 0)
		die("%s", ug_error_last());
	s.pretty.decorations = decorations;
	s.pretty.show_decorations = headers;
	show_all(&s);
	revwalk_free(s.w);
	pretty_decorations_free(decorations);
	for (i = 0; i < s.paths_nr; i++)
		strbuf_release(&s.paths[i]);
	free(s.paths);
	free(paths);
	return 0;
}
