/* branch: list, create, delete and rename branches (refs/heads/), as git 2.39 does. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/commit.h"
#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/refname.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/revwalk.h"
#include "ugit/signature.h"
#include "ugit/status.h"
#include "ugit/strbuf.h"
#include "ugit/wildmatch.h"
#include "ugit/xalloc.h"

const char branch_usage[] =
	"usage: ugit branch [<options>] [-r | -a] [--list] [-v [--abbrev=<n>]] [<pattern>...]\n"
	"   or: ugit branch [<options>] <branch-name> [<start-point>]\n"
	"   or: ugit branch [<options>] (-m | -M) [<old-branch>] <new-branch>\n"
	"   or: ugit branch [<options>] (-d | -D) [-r] <branch-name>...\n"
	"\n"
	"    -v, --verbose         show hash and subject, give twice for upstream branch\n"
	"    -r, --remotes         act on remote-tracking branches\n"
	"    -a, --all             list both remote-tracking and local branches\n"
	"    -l, --list            list branch names\n"
	"    -d, --delete          delete fully merged branch\n"
	"    -D                    delete branch (even if not merged)\n"
	"    -m, --move            move/rename a branch and its reflog\n"
	"    -M                    move/rename a branch, even if target exists\n"
	"    -f, --force           force creation, move/rename, deletion\n"
	"    --show-current        show current branch name\n"
	"    -q, --quiet           suppress informational messages\n"
	"    --create-reflog       create the branch's reflog\n"
	"    --abbrev[=<n>]        use <n> digits to display object names\n"
	"\n";

/* git's default abbreviation: 7 digits, more if that is ambiguous. */
#define DEFAULT_ABBREV 7

enum branch_mode { MODE_LIST, MODE_CREATE, MODE_DELETE, MODE_RENAME, MODE_SHOW_CURRENT };

struct branch_opts {
	struct repo *repo;
	enum branch_mode mode;
	int force, verbose, remotes, all, list, quiet, create_reflog;
	int abbrev;		/* digits of ids shown by -v; 0: all of them */
	struct strbuf head_ref;	/* "refs/heads/x" HEAD points to; "" if detached */
};

/* The shortest unique abbreviation of `oid`, at least `min` digits (0: all). */
static void add_abbrev_n(struct strbuf *out, struct repo *repo,
			 const struct oid *oid, int min)
{
	char hex[UG_OID_HEXSZ + 1];
	int len = min ? odb_unique_abbrev_len(repo->odb, oid, (size_t)min) : UG_OID_HEXSZ;

	if (len < 0) {
		ug_error_clear();
		len = min;
	}
	strbuf_add(out, oid_to_hex(hex, oid), (size_t)len);
}

static void add_abbrev(struct strbuf *out, struct repo *repo, const struct oid *oid)
{
	add_abbrev_n(out, repo, oid, DEFAULT_ABBREV);
}

/* ---- listing ---- */

struct list_item {
	char *name;		/* as shown: "master", "remotes/origin/x" */
	char *target;		/* for a symbolic ref: " -> origin/main"; else NULL */
	struct oid oid;
	int current;
};

struct list_state {
	struct branch_opts *o;
	char **patterns;
	struct list_item *items;
	size_t nr, alloc;
};

static int collect_ref(const char *name, const struct oid *oid, unsigned flags,
		       void *payload)
{
	struct list_state *s = payload;
	struct list_item *it;
	const char *shown = name;
	struct strbuf target = STRBUF_INIT;

	if (flags & REFS_BROKEN) {
		warning("ignoring broken ref %s", name);
		return 0;
	}
	/* git matches patterns against the name it shows without "remotes/" */
	if (skip_prefix(name, "refs/heads/", &shown) && !match_any_glob(s->patterns, shown))
		return 0;
	if (skip_prefix(name, "refs/remotes/", &shown) && !match_any_glob(s->patterns, shown))
		return 0;
	ALLOC_GROW(s->items, s->nr + 1, s->alloc);
	it = &s->items[s->nr++];
	memset(it, 0, sizeof(*it));
	it->oid = *oid;
	it->current = !strcmp(name, s->o->head_ref.buf);
	if (starts_with(name, "refs/remotes/") && s->o->all)
		strbuf_addstr(&target, "remotes/");
	strbuf_addstr(&target, shown);
	it->name = strbuf_detach(&target, NULL);
	if ((flags & REFS_SYMREF) &&
	    refs_read_symbolic(&target, s->o->repo, name) == 1) {
		const char *t = target.buf;
		struct strbuf arrow = STRBUF_INIT;

		if (!skip_prefix(t, "refs/heads/", &t))
			skip_prefix(t, "refs/remotes/", &t);
		strbuf_addf(&arrow, " -> %s", t);
		it->target = strbuf_detach(&arrow, NULL);
	}
	ug_error_clear();
	strbuf_release(&target);
	return 0;
}

/* "(HEAD detached at <what>)" or "detached from", as status words it. */
static void detached_label(struct strbuf *out, struct repo *repo,
			   const struct oid *head)
{
	struct strbuf name = STRBUF_INIT;
	int at = 0;

	if (status_detached_from(&name, &at, repo, head))
		strbuf_addstr(out, "(no branch)");
	else
		strbuf_addf(out, "(HEAD detached %s %s)", at ? "at" : "from", name.buf);
	strbuf_release(&name);
}

/* The subject of commit `oid`: its message's first paragraph on one line. */
static void add_subject(struct strbuf *out, struct repo *repo, const struct oid *oid)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct commit c = COMMIT_INIT;
	const char *p, *end;
	int first = 1;

	if (odb_read(&obj, repo->odb, oid) < 0 || obj.type != OBJ_COMMIT ||
	    commit_parse(&c, obj.data.buf, obj.data.len) < 0) {
		ug_error_clear();
		goto done;
	}
	/* lines up to the first blank one, joined with spaces */
	for (p = c.message; *p; p = *end ? end + 1 : end) {
		size_t len;

		end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		len = (size_t)(end - p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (!len) {
			if (first)
				continue;
			break;
		}
		if (!first)
			strbuf_addch(out, ' ');
		strbuf_add(out, p, len);
		first = 0;
	}
	commit_release(&c);
done:
	odb_object_release(&obj);
}

static void print_item(struct branch_opts *o, const struct list_item *it, size_t width)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_addstr(&line, it->current ? "* " : "  ");
	strbuf_addstr(&line, it->name);
	if (o->verbose && !it->target) {
		while (line.len < width + 2)
			strbuf_addch(&line, ' ');
		strbuf_addch(&line, ' ');
		add_abbrev_n(&line, o->repo, &it->oid, o->abbrev);
		strbuf_addch(&line, ' ');
		add_subject(&line, o->repo, &it->oid);
	} else if (it->target) {
		strbuf_addstr(&line, it->target);
	}
	printf("%s\n", line.buf);
	strbuf_release(&line);
}

static int list_branches(struct branch_opts *o, char **patterns)
{
	struct list_state s = { o, patterns, NULL, 0, 0 };
	struct list_item head = { NULL, NULL, { { 0 } }, 1 };
	struct strbuf label = STRBUF_INIT;
	size_t i, width = 0;
	int err = 0;

	/* a detached HEAD comes first, unless patterns leave it out */
	if (!o->head_ref.len && !o->remotes && !*patterns &&
	    !refs_resolve(&head.oid, o->repo, "HEAD")) {
		detached_label(&label, o->repo, &head.oid);
		head.name = label.buf;
	}
	ug_error_clear();
	if (!o->remotes)
		err = refs_for_each(o->repo, "refs/heads/", collect_ref, &s);
	if (!err && (o->remotes || o->all))
		err = refs_for_each(o->repo, "refs/remotes/", collect_ref, &s);
	if (err < 0)
		die("%s", ug_error_last());
	if (head.name)
		width = strlen(head.name);
	for (i = 0; i < s.nr; i++)
		if (strlen(s.items[i].name) > width)
			width = strlen(s.items[i].name);
	if (head.name)
		print_item(o, &head, width);
	for (i = 0; i < s.nr; i++) {
		print_item(o, &s.items[i], width);
		free(s.items[i].name);
		free(s.items[i].target);
	}
	free(s.items);
	strbuf_release(&label);
	return 0;
}

/* ---- creating ---- */

/* "refs/heads/<name>" into `out`, or git's death for a bad branch name. */
static void branch_ref_or_die(struct strbuf *out, const char *name)
{
	strbuf_reset(out);
	strbuf_addf(out, "refs/heads/%s", name);
	if (*name == '-' || !strcmp(name, "HEAD") || !refname_is_valid(out->buf, 0))
		die("'%s' is not a valid branch name", name);
}

static int branch_exists(struct repo *repo, const char *ref)
{
	struct oid oid;
	int err = refs_resolve(&oid, repo, ref);

	ug_error_clear();
	return err == 0;
}

/* The worktree path git names in "checked out at '<path>'". */
static const char *checkout_path(struct repo *repo)
{
	return repo->worktree ? repo->worktree : repo->gitdir;
}

/* The commit `start` names, or git's death. */
static void start_point(struct oid *out, struct branch_opts *o, const char *start)
{
	struct oid oid, ignored;
	int refs_nr;

	if (resolve_object_name(&oid, o->repo, start, 0) < 0)
		die("not a valid object name: '%s'", start);
	/* a name that several refs answer to is refused, not guessed at */
	refs_nr = revparse_dwim_ref(&ignored, NULL, NULL, o->repo, start);
	ug_error_clear();
	if (refs_nr > 1)
		die("ambiguous object name: '%s'", start);
	if (revparse_peel(out, o->repo, &oid, OBJ_COMMIT) < 0) {
		error("%s", ug_error_last());
		die("not a valid branch point: '%s'", start);
	}
}

static int create_branch(struct branch_opts *o, const char *name, const char *start)
{
	struct strbuf ref = STRBUF_INIT, ident = STRBUF_INIT, msg = STRBUF_INIT;
	struct oid oid;
	int exists;

	branch_ref_or_die(&ref, name);
	exists = branch_exists(o->repo, ref.buf);
	if (exists && !o->force)
		die("a branch named '%s' already exists", name);
	if (exists && !strcmp(ref.buf, o->head_ref.buf))
		die("cannot force update the branch '%s' checked out at '%s'",
		    name, checkout_path(o->repo));
	start_point(&oid, o, start);
	strbuf_addf(&msg, "branch: %s %s", exists ? "Reset to" : "Created from", start);
	reflog_ident(&ident, o->repo);
	if (refs_update(o->repo, ref.buf, &oid, NULL, REFS_UPDATE_NO_DEREF |
			(o->create_reflog ? REFS_UPDATE_CREATE_REFLOG : 0),
			&(struct refs_log){ ident.buf, msg.buf }) < 0)
		die("%s", ug_error_last());
	strbuf_release(&ref);
	strbuf_release(&ident);
	strbuf_release(&msg);
	return 0;
}

/*
 * With no start point git starts from HEAD and names it after its branch
 * ("branch: Created from master"), or "HEAD" when detached.
 */
static const char *default_start(struct branch_opts *o)
{
	const char *name;

	if (skip_prefix(o->head_ref.buf, "refs/heads/", &name))
		return name;
	return "HEAD";
}

/* ---- deleting ---- */

/* Is `oid` reachable from HEAD?  git 2.39 asks that (without upstreams). */
static int merged_into_head(struct repo *repo, const struct oid *oid)
{
	struct oid head, *bases = NULL;
	size_t nr = 0, i;
	struct revwalk *w;
	int merged = 0;

	if (refs_resolve(&head, repo, "HEAD") < 0) {
		ug_error_clear();
		return 0;
	}
	w = revwalk_new(repo, &(struct revwalk_options)REVWALK_OPTIONS_INIT);
	if (revwalk_merge_bases(&bases, &nr, w, oid, &head) < 0)
		ug_error_clear();
	for (i = 0; i < nr; i++)
		if (!oid_cmp(&bases[i], oid))
			merged = 1;
	free(bases);
	revwalk_free(w);
	return merged;
}

/*
 * A branch's settings live in the [branch "<name>"] section of the
 * repository's config: they follow a rename and go with a deletion
 * (`new_name` NULL).  Having no section is fine.
 */
static int move_branch_config(struct repo *repo, const char *old,
			      const char *new_name)
{
	struct strbuf path = STRBUF_INIT, shown = STRBUF_INIT;
	struct strbuf from = STRBUF_INIT, to = STRBUF_INIT;
	int err;

	repo_git_path(&path, repo, "config");
	/* git names the file from the top of the work tree */
	if (repo->worktree && !strcmp(path.buf + strlen(repo->worktree), "/.git/config"))
		strbuf_addstr(&shown, ".git/config");
	else
		strbuf_addbuf(&shown, &path);
	strbuf_addf(&from, "branch.%s", old);
	if (new_name)
		strbuf_addf(&to, "branch.%s", new_name);
	err = config_rename_section(path.buf, shown.buf, from.buf, new_name ? to.buf : NULL);
	if (err == UG_ENOTFOUND) {
		ug_error_clear();
		err = 0;
	} else if (err < 0) {
		error("%s", ug_error_last());
	}
	strbuf_release(&path);
	strbuf_release(&shown);
	strbuf_release(&from);
	strbuf_release(&to);
	return err;
}

static int delete_one(struct branch_opts *o, const char *name)
{
	const char *kind = o->remotes ? "remote-tracking branch" : "branch";
	struct strbuf ref = STRBUF_INIT, ident = STRBUF_INIT, shown = STRBUF_INIT;
	struct oid oid;
	int ret = 1;

	strbuf_addf(&ref, "refs/%s/%s", o->remotes ? "remotes" : "heads", name);
	if (!o->remotes && !strcmp(ref.buf, o->head_ref.buf) && !o->repo->bare) {
		error("Cannot delete branch '%s' checked out at '%s'", name,
		      checkout_path(o->repo));
		goto done;
	}
	if (!refname_is_valid(ref.buf, 0) || refs_resolve(&oid, o->repo, ref.buf) < 0) {
		ug_error_clear();
		error("%s '%s' not found.", kind, name);
		goto done;
	}
	if (!o->force && !o->remotes && !merged_into_head(o->repo, &oid)) {
		error("The branch '%s' is not fully merged.\n"
		      "If you are sure you want to delete it, run 'git branch -D %s'.",
		      name, name);
		goto done;
	}
	reflog_ident(&ident, o->repo);
	if (refs_delete(o->repo, ref.buf, &oid, REFS_UPDATE_NO_DEREF,
			&(struct refs_log){ ident.buf, NULL }) < 0) {
		error("%s", ug_error_last());
		goto done;
	}
	add_abbrev(&shown, o->repo, &oid);
	if (!o->remotes && move_branch_config(o->repo, name, NULL) < 0)
		warning("Update of config-file failed");
	if (!o->quiet)
		printf("Deleted %s %s (was %s).\n", kind, name, shown.buf);
	ret = 0;
done:
	strbuf_release(&ref);
	strbuf_release(&ident);
	strbuf_release(&shown);
	return ret;
}

static int delete_branches(struct branch_opts *o, int argc, char **argv)
{
	int i, ret = 0;

	if (!argc)
		die("branch name required");
	for (i = 0; i < argc; i++)
		ret |= delete_one(o, argv[i]);
	return ret;
}

/* ---- renaming ---- */

/*
 * "branch -m x x" changes nothing but still logs the rename in x's
 * reflog (and, through it, in HEAD's when x is checked out), as git does.
 */
static int rename_to_itself(struct repo *repo, const char *ref,
			    const struct refs_log *log)
{
	struct oid oid;

	if (refs_resolve(&oid, repo, ref) < 0)
		return -1;
	return refs_update(repo, ref, &oid, &oid, REFS_UPDATE_NO_DEREF, log);
}

static int rename_branch(struct branch_opts *o, const char *old, const char *new)
{
	struct strbuf oldref = STRBUF_INIT, newref = STRBUF_INIT;
	struct strbuf ident = STRBUF_INIT, msg = STRBUF_INIT;
	int is_current, unborn;

	if (!old) {
		if (!o->head_ref.len)
			die("cannot rename the current branch while not on any.");
		strbuf_addbuf(&oldref, &o->head_ref);
	} else {
		strbuf_addf(&oldref, "refs/heads/%s", old);
	}
	is_current = !strcmp(oldref.buf, o->head_ref.buf);
	unborn = !branch_exists(o->repo, oldref.buf);
	if (unborn && !is_current)
		die("No branch named '%s'.", old);
	branch_ref_or_die(&newref, new);
	if (strcmp(oldref.buf, newref.buf) && branch_exists(o->repo, newref.buf)) {
		if (!o->force)
			die("a branch named '%s' already exists", new);
		if (!strcmp(newref.buf, o->head_ref.buf))
			die("cannot force update the branch '%s' checked out at '%s'",
			    new, checkout_path(o->repo));
	}
	strbuf_addf(&msg, "Branch: renamed %s to %s", oldref.buf, newref.buf);
	reflog_ident(&ident, o->repo);
	if (!unborn && strcmp(oldref.buf, newref.buf)) {
		/* -M over an existing branch: that one goes first */
		if (branch_exists(o->repo, newref.buf) &&
		    refs_delete(o->repo, newref.buf, NULL, REFS_UPDATE_NO_DEREF, NULL) < 0)
			die("%s", ug_error_last());
		if (refs_rename(o->repo, oldref.buf, newref.buf,
				&(struct refs_log){ ident.buf, msg.buf }) < 0)
			die("%s", ug_error_last());
	}
	if (!unborn && !strcmp(oldref.buf, newref.buf) &&
	    rename_to_itself(o->repo, oldref.buf, &(struct refs_log){ ident.buf, msg.buf }) < 0)
		die("%s", ug_error_last());
	if (is_current && strcmp(oldref.buf, newref.buf) &&
	    refs_update_symbolic(o->repo, "HEAD", newref.buf,
				 &(struct refs_log){ ident.buf, msg.buf }) < 0)
		die("branch renamed to %s, but HEAD is not updated!", new);
	if (move_branch_config(o->repo, oldref.buf + strlen("refs/heads/"), new) < 0)
		die("Branch is renamed, but update of config-file failed");
	strbuf_release(&oldref);
	strbuf_release(&newref);
	strbuf_release(&ident);
	strbuf_release(&msg);
	return 0;
}

/* ---- the command ---- */

enum { OPT_SHOW_CURRENT = 256, OPT_CREATE_REFLOG, OPT_ABBREV, OPT_NO_ABBREV };

static int parse_options(struct branch_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "remotes", no_argument, NULL, 'r' },
		{ "all", no_argument, NULL, 'a' },
		{ "list", no_argument, NULL, 'l' },
		{ "delete", no_argument, NULL, 'd' },
		{ "move", no_argument, NULL, 'm' },
		{ "force", no_argument, NULL, 'f' },
		{ "show-current", no_argument, NULL, OPT_SHOW_CURRENT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "create-reflog", no_argument, NULL, OPT_CREATE_REFLOG },
		{ "abbrev", optional_argument, NULL, OPT_ABBREV },
		{ "no-abbrev", no_argument, NULL, OPT_NO_ABBREV },
		{ NULL, 0, NULL, 0 },
	};
	int c, modes = 0;

	while ((c = getopt_long(argc, argv, ":vraldDmMfq", longopts, NULL)) != -1) {
		switch (c) {
		case 'v': o->verbose++; break;
		case 'r': o->remotes = 1; break;
		case 'a': o->all = 1; break;
		case 'l': o->list = 1; break;
		case 'f': o->force = 1; break;
		case 'q': o->quiet = 1; break;
		case OPT_CREATE_REFLOG: o->create_reflog = 1; break;
		case OPT_NO_ABBREV: o->abbrev = 0; break;
		case OPT_ABBREV:
			o->abbrev = parse_abbrev(optarg);
			if (o->abbrev < 0) {
				error("option `abbrev' expects a numerical value");
				return 129;
			}
			break;
		case 'D': o->force = 1; /* fall through */
		case 'd': o->mode = MODE_DELETE; modes |= 1; break;
		case 'M': o->force = 1; /* fall through */
		case 'm': o->mode = MODE_RENAME; modes |= 2; break;
		case OPT_SHOW_CURRENT: o->mode = MODE_SHOW_CURRENT; modes |= 8; break;
		default:
			return usage_bad_option(branch_usage, longopts, argv, c);
		}
	}
	if (o->list)
		modes |= 4;
	/* two actions at once: git answers with the bare usage text */
	if (modes & (modes - 1)) {
		fputs(branch_usage, stderr);
		return 129;
	}
	return 0;
}

int cmd_branch(int argc, char **argv, struct repo *repo)
{
	struct branch_opts o = { repo, MODE_LIST, 0, 0, 0, 0, 0, 0, 0, DEFAULT_ABBREV,
				 STRBUF_INIT };
	int ret;

	if (argc == 2 && !strcmp(argv[1], "-h"))
		return usage_help(branch_usage);
	ret = parse_options(&o, argc, argv);
	if (ret)
		goto done;
	argc -= optind;
	argv += optind;
	/* HEAD's branch, even when unborn; "" when detached */
	if (refs_read_symbolic(&o.head_ref, repo, "HEAD") != 1)
		strbuf_reset(&o.head_ref);
	ug_error_clear();
	/* names without --list create a branch, even with -v */
	if (o.mode == MODE_LIST && !o.list && argc) {
		if (o.all || o.remotes)
			die("The -a, and -r, options to 'git branch' do not take a branch name.\n"
			    "Did you mean to use: -a|-r --list <pattern>?");
		o.mode = MODE_CREATE;
	}
	if (o.mode == MODE_DELETE && o.all)
		die("cannot use -a with -d");
	switch (o.mode) {
	case MODE_LIST:
		ret = list_branches(&o, argv);
		break;
	case MODE_CREATE:
		if (argc > 2) {
			fputs(branch_usage, stderr);
			ret = 129;
			break;
		}
		ret = create_branch(&o, argv[0], argc > 1 ? argv[1] : default_start(&o));
		break;
	case MODE_DELETE:
		ret = delete_branches(&o, argc, argv);
		break;
	case MODE_SHOW_CURRENT: {
		const char *name;

		/* nothing at all for a detached HEAD, the name even if unborn */
		if (skip_prefix(o.head_ref.buf, "refs/heads/", &name))
			printf("%s\n", name);
		break;
	}
	case MODE_RENAME:
		if (!argc)
			die("branch name required");
		if (argc > 2)
			die("too many arguments for a rename operation");
		ret = rename_branch(&o, argc == 2 ? argv[0] : NULL, argv[argc - 1]);
		break;
	}
done:
	strbuf_release(&o.head_ref);
	return ret;
}
