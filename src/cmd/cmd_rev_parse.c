/* rev-parse: repository facts (--git-dir, --show-prefix, ...) and object names. */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/revwalk.h"
#include "ugit/strbuf.h"

const char rev_parse_usage[] =
	"usage: ugit rev-parse [<options>] <args>...\n"
	"\n"
	"    --git-dir, --absolute-git-dir, --show-toplevel, --show-prefix, --show-cdup,\n"
	"    --is-inside-work-tree, --is-inside-git-dir, --is-bare-repository,\n"
	"    --verify, -q | --quiet, and revisions: <id> (full or abbreviated), HEAD, @,\n"
	"    <ref name>\n";

/* git rev-parse options that ugit does not implement: refuse, never ignore. */
static const char *const unsupported[] = {
	"--abbrev-ref", "--short", "--symbolic", "--symbolic-full-name", "--all",
	"--branches", "--tags", "--remotes", "--glob", "--exclude", "--disambiguate",
	"--default", "--prefix", "--parseopt", "--sq-quote", "--sq", "--local-env-vars",
	"--resolve-git-dir", "--git-common-dir", "--git-path", "--shared-index-path",
	"--show-superproject-working-tree", "--show-object-format", "--show-ref-format",
	"--since", "--after", "--until", "--before", "--not", "--revs-only",
	"--no-revs", "--flags", "--no-flags", "--keep-dashdash",
	"--stop-at-non-option", "--stuck-long", "--path-format", "--abbrev",
	"--is-shallow-repository", "--bisect", "--show-toplevel=", "--verify=",
};

static int is_unsupported(const char *arg)
{
	size_t i, n = strcspn(arg, "=");

	for (i = 0; i < sizeof(unsupported) / sizeof(*unsupported); i++)
		if (strlen(unsupported[i]) == n && !strncmp(arg, unsupported[i], n))
			return 1;
	return 0;
}

/*
 * ---- Repository facts ----
 */

/*
 * git prints the git directory by the name it holds when that name is
 * right from here (".git" at the top, "." inside it, $GIT_DIR as given),
 * else the absolute path.
 */
static void show_git_dir(struct repo *repo)
{
	struct strbuf here = STRBUF_INIT;
	const char *name = repo->gitdir_name;
	int use_name = *name == '/';

	if (!use_name && (!repo->prefix || !*repo->prefix)) {
		use_name = !fs_real_path(&here, name) && !strcmp(here.buf, repo->gitdir);
		ug_error_clear();
	}
	puts(use_name ? name : repo->gitdir);
	strbuf_release(&here);
}

static int inside_git_dir(struct repo *repo)
{
	struct strbuf cwd = STRBUF_INIT;
	size_t n = strlen(repo->gitdir);
	int inside;

	if (fs_real_path(&cwd, ".") < 0) {
		ug_error_clear();
		return 0;
	}
	inside = !strncmp(cwd.buf, repo->gitdir, n) &&
		 (cwd.buf[n] == '\0' || cwd.buf[n] == '/');
	strbuf_release(&cwd);
	return inside;
}

static void show_cdup(struct repo *repo)
{
	const char *p;

	if (!repo->prefix) {
		/* outside the work tree, where it is if there is one */
		if (repo->worktree)
			puts(repo->worktree);
		return;
	}
	for (p = repo->prefix; *p; p++)
		if (*p == '/')
			fputs("../", stdout);
	putchar('\n');
}

/* Returns 1 if `arg` was one of our options. */
static int show_fact(struct repo *repo, const char *arg)
{
	if (!strcmp(arg, "--git-dir")) {
		show_git_dir(repo);
	} else if (!strcmp(arg, "--absolute-git-dir")) {
		puts(repo->gitdir);
	} else if (!strcmp(arg, "--show-toplevel")) {
		if (!repo->worktree)
			die("this operation must be run in a work tree");
		puts(repo->worktree);
	} else if (!strcmp(arg, "--show-prefix")) {
		puts(repo->prefix ? repo->prefix : "");
	} else if (!strcmp(arg, "--show-cdup")) {
		show_cdup(repo);
	} else if (!strcmp(arg, "--is-inside-work-tree")) {
		puts(repo->prefix ? "true" : "false");
	} else if (!strcmp(arg, "--is-inside-git-dir")) {
		puts(inside_git_dir(repo) ? "true" : "false");
	} else if (!strcmp(arg, "--is-bare-repository")) {
		puts(repo->bare ? "true" : "false");
	} else {
		return 0;
	}
	return 1;
}

/*
 * ---- Arguments ----
 */

struct rev_parse_state {
	int verify, quiet;
	int has_dashdash;	/* a "--" somewhere: what precedes it must be revisions */
	int after_dashdash;	/* everything now is printed as given */
	int as_files;		/* a file name was seen: the rest must be files */
	int nr_verified;
	struct oid verified;
	int verified_negated;	/* --verify was given "^A" */
};

static void no_single_rev(const struct rev_parse_state *s)
{
	if (s->quiet)
		exit(1);
	die("Needed a single revision");
}

/* After the first file name, git insists the rest are files too. */
static void file_arg(const char *arg)
{
	puts(arg);
	if (*arg == '-')
		die("option '%s' must come before non-option arguments", arg);
	if (!fs_exists(arg))
		die("%s: no such path in the working tree.\n"
		    "Use 'git <command> -- <path>...' to specify paths that do not exist locally.",
		    arg);
}

static int option_arg(struct rev_parse_state *s, struct repo *repo,
		      const char *arg)
{
	if (!strcmp(arg, "--verify"))
		s->verify = 1;
	else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet"))
		s->quiet = 1;
	else if (show_fact(repo, arg))
		;
	else if (is_unsupported(arg))
		return usage_error(rev_parse_usage, "option '%s' is not supported by ugit", arg);
	else if (s->verify)
		no_single_rev(s);
	else
		puts(arg);	/* git passes other flags through */
	return 0;
}

/* One side of a range: "" means HEAD.  Returns 0 if it names an object. */
static int range_side(struct oid *out, struct repo *repo, const char *name,
		      size_t len)
{
	char *copy = len ? strndup(name, len) : strdup("HEAD");
	int err;

	if (!copy)
		die("out of memory");
	err = resolve_object_name(out, repo, copy, REVPARSE_QUIET);
	free(copy);
	return err;
}

/* "A...B" goes on with ^<base> for each merge base of A and B. */
static void show_merge_bases(struct repo *repo, const struct oid *a,
			     const struct oid *b)
{
	struct revwalk_options opts = REVWALK_OPTIONS_INIT;
	struct revwalk *w = revwalk_new(repo, &opts);
	char hex[UG_OID_HEXSZ + 1];
	struct oid *bases = NULL;
	size_t nr = 0, i;

	if (revwalk_merge_bases(&bases, &nr, w, a, b) < 0)
		die("%s", ug_error_last());
	for (i = 0; i < nr; i++)
		printf("^%s\n", oid_to_hex(hex, &bases[i]));
	free(bases);
	revwalk_free(w);
}

/*
 * "A..B" prints B, then ^A (an empty side is HEAD), as git's
 * try_difference(); "A...B" prints B, A and ^ each merge base.  1 if
 * `arg` was such a range.  A side that does not resolve makes it no
 * range at all: then it is an ordinary name.
 */
static int range_arg(struct repo *repo, const char *arg)
{
	const char *dots = strstr(arg, "..");
	int symmetric = dots && dots[2] == '.';
	char hex[UG_OID_HEXSZ + 1];
	struct oid from, to;
	int err;

	if (!dots || !strcmp(arg, "..") || !strcmp(arg, "..."))
		return 0;
	err = range_side(&from, repo, arg, (size_t)(dots - arg));
	if (!err)
		err = range_side(&to, repo, dots + 2 + symmetric,
				 strlen(dots + 2 + symmetric));
	if (err == UG_ENOTFOUND || err == UG_EAMBIGUOUS) {
		ug_error_clear();
		return 0;
	}
	if (err)
		die("%s", ug_error_last());
	printf("%s\n", oid_to_hex(hex, &to));
	printf("%s%s\n", symmetric ? "" : "^", oid_to_hex(hex, &from));
	if (symmetric)
		show_merge_bases(repo, &from, &to);
	return 1;
}

/* Why a name failed, if git has more to say than "ambiguous argument". */
static void die_explained(struct repo *repo, const char *arg)
{
	struct oid oid;

	/* git looks the name up again, and repeats the warnings */
	if (resolve_object_name(&oid, repo, arg, REVPARSE_QUIET | REVPARSE_EXPLAIN) ==
	    UG_EINVALID)
		die("%s", ug_error_last());
}

static void rev_arg(struct rev_parse_state *s, struct repo *repo, const char *arg)
{
	char hex[UG_OID_HEXSZ + 1];
	const char *name = arg;
	struct oid oid;
	int err;

	if (range_arg(repo, arg))
		return;
	if (*arg == '^' && arg[1])
		name = arg + 1;	/* "^A": everything not reachable from A */
	err = resolve_object_name(&oid, repo, name,
				  s->quiet ? REVPARSE_QUIET | RESOLVE_DIE_QUIETLY : 0);
	if (!err) {
		if (s->verify) {
			/* --verify takes one name, "^A" included (printed "^<id>") */
			s->verified = oid;
			s->verified_negated = name != arg;
			s->nr_verified++;
		} else {
			printf("%s%s\n", name != arg ? "^" : "", oid_to_hex(hex, &oid));
		}
		return;
	}
	if (err != UG_ENOTFOUND && err != UG_EAMBIGUOUS)
		die("%s", ug_error_last());	/* a damaged ref store, even with -q */
	if (s->verify)
		no_single_rev(s);
	if (s->has_dashdash)
		die("bad revision '%s'", arg);	/* no second look-up, no explanation */
	/* not a revision: then it must be a file */
	puts(arg);
	if (fs_exists(arg)) {
		s->as_files = 1;
		return;
	}
	die_explained(repo, arg);
	die("ambiguous argument '%s': unknown revision or path not in the working tree.\n"
	    "Use '--' to separate paths from revisions, like this:\n"
	    "'git <command> [<revision>...] -- [<file>...]'", arg);
}

int cmd_rev_parse(int argc, char **argv, struct repo *repo)
{
	struct rev_parse_state s;
	char hex[UG_OID_HEXSZ + 1];
	int i, status;

	memset(&s, 0, sizeof(s));
	if (!repo)
		die("%s", ug_error_last());	/* git's "not a git repository" */
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--"))
			s.has_dashdash = 1;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (s.after_dashdash) {
			puts(arg);
		} else if (s.as_files) {
			file_arg(arg);
		} else if (!strcmp(arg, "--")) {
			puts(arg);
			s.after_dashdash = 1;
		} else if (*arg == '-' && arg[1]) {
			status = option_arg(&s, repo, arg);
			if (status)
				return status;
		} else {
			rev_arg(&s, repo, arg);
		}
	}
	if (s.verify && s.nr_verified != 1)
		no_single_rev(&s);
	if (s.verify)
		printf("%s%s\n", s.verified_negated ? "^" : "", oid_to_hex(hex, &s.verified));
	return 0;
}
