/* status: show what is staged, what is not, and what git does not track. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/commit.h"
#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/index.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/pathspec.h"
#include "ugit/quote.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/status.h"
#include "ugit/strbuf.h"

const char status_usage[] =
	"usage: ugit status [<options>] [--] [<pathspec>...]\n"
	"\n"
	"    -s, --short           show status concisely\n"
	"    -b, --branch          show branch information\n"
	"    --porcelain[=<version>]\n"
	"                          machine-readable output\n"
	"    --long                show status in long format (default)\n"
	"    -z, --null            terminate entries with NUL\n"
	"    -u, --untracked-files[=<mode>]\n"
	"                          show untracked files, optional modes: all, normal, no. (Default: all)\n"
	"    --ignored[=<mode>]    show ignored files, optional modes: traditional, no. (Default: traditional)\n"
	"    --no-renames          do not detect renames\n";

enum status_format { FMT_UNSET, FMT_LONG, FMT_SHORT, FMT_PORCELAIN };

struct status_cmd {
	struct repo *repo;
	enum status_format format;
	int branch, nul, show_ignored, no_renames;
	const char *untracked_arg;	/* -u's value; NULL: config or "normal" */
	struct status_view view;
};

/* ---- shared with commit: paths and the long format ---- */

/* A boolean setting, or `dflt` when unset or not a boolean ("copies"). */
static int config_flag(struct repo *repo, const char *key, int dflt)
{
	int v = dflt;

	if (repo->config && config_get_bool(&v, repo->config, key) < 0) {
		ug_error_clear();
		v = dflt;
	}
	return v;
}


void status_add_path(struct strbuf *out, struct repo *repo, const char *path,
		     unsigned flags)
{
	/* status.relativePaths=false: from the top, wherever we are */
	int relative = (flags & STATUS_PATH_RELATIVE) &&
		       config_flag(repo, "status.relativepaths", 1);
	unsigned qflags = core_quotepath_flags(repo);
	struct strbuf rel = STRBUF_INIT;
	const char *prefix = relative && repo->prefix ? repo->prefix : "", *p;
	size_t common = 0, i;

	/* the part of the prefix the path shares, in whole directories */
	for (i = 0; prefix[i] && prefix[i] == path[i]; i++)
		if (prefix[i] == '/')
			common = i + 1;
	for (p = prefix + common; *p; p++)
		if (*p == '/')
			strbuf_addstr(&rel, "../");
	strbuf_addstr(&rel, path + common);
	if (!rel.len)
		strbuf_addstr(&rel, "./");	/* the current directory itself */
	/* the short formats put a name with a space in quotes, so fields stay apart */
	if ((flags & STATUS_PATH_QUOTE_SPACE) && !quote_path_needed(rel.buf, rel.len, qflags) &&
	    memchr(rel.buf, ' ', rel.len))
		strbuf_addf(out, "\"%s\"", rel.buf);
	else
		quote_path(out, rel.buf, rel.len, qflags);
	strbuf_release(&rel);
}

/* "Your branch is ahead of 'origin/master' by 1 commit." and its hint. */
static void tracking_lines(struct strbuf *out, const struct status_upstream *up)
{
	if (!up || !up->name)
		return;
	if (up->gone)
		strbuf_addf(out, "Your branch is based on '%s', but the upstream is gone.\n"
			    "  (use \"git branch --unset-upstream\" to fixup)\n", up->name);
	else if (!up->ahead && !up->behind)
		strbuf_addf(out, "Your branch is up to date with '%s'.\n", up->name);
	else if (!up->behind)
		strbuf_addf(out, "Your branch is ahead of '%s' by %zu commit%s.\n"
			    "  (use \"git push\" to publish your local commits)\n",
			    up->name, up->ahead, up->ahead == 1 ? "" : "s");
	else if (!up->ahead)
		strbuf_addf(out, "Your branch is behind '%s' by %zu commit%s, "
			    "and can be fast-forwarded.\n"
			    "  (use \"git pull\" to update your local branch)\n",
			    up->name, up->behind, up->behind == 1 ? "" : "s");
	else
		strbuf_addf(out, "Your branch and '%s' have diverged,\n"
			    "and have %zu and %zu different commits each, respectively.\n"
			    "  (use \"git pull\" to merge the remote branch into yours)\n",
			    up->name, up->ahead, up->behind);
	strbuf_addch(out, '\n');
}

/* "On branch x", "HEAD detached at y" or "Not currently on any branch." */
static void branch_line(struct strbuf *out, const struct status_view *v)
{
	struct strbuf name = STRBUF_INIT;
	int at = 0;

	if (v->branch && !strncmp(v->branch, "refs/heads/", 11))
		strbuf_addf(out, "On branch %s\n", v->branch + 11);
	else if (v->head_exists && !status_detached_from(&name, &at, v->repo, v->head))
		strbuf_addf(out, "HEAD detached %s %s\n", at ? "at" : "from", name.buf);
	else
		strbuf_addstr(out, "Not currently on any branch.\n");
	strbuf_release(&name);
}

static const char *change_label(char letter)
{
	switch (letter) {
	case 'A': return "new file:";
	case 'D': return "deleted:";
	case 'R': return "renamed:";
	case 'T': return "typechange:";
	default: return "modified:";
	}
}

/* "\t<label padded to 12><path>[ -> <new>]\n", as git lines them up. */
static void change_line(struct strbuf *out, const struct status_view *v,
			const char *label, int width, const struct status_item *it,
			int staged)
{
	strbuf_addf(out, "\t%-*s", width, label);
	if (staged && it->orig_path) {
		status_add_path(out, v->repo, it->orig_path, STATUS_PATH_RELATIVE);
		strbuf_addstr(out, " -> ");
	}
	status_add_path(out, v->repo, it->path, STATUS_PATH_RELATIVE);
	strbuf_addch(out, '\n');
}

/* The "(use "git restore --staged ...")" line, which depends on HEAD. */
static void unstage_hint(struct strbuf *out, const struct status_view *v)
{
	if (v->merging)
		return;	/* during a merge git gives no way back per file */
	if (v->initial)
		strbuf_addstr(out, "  (use \"git rm --cached <file>...\" to unstage)\n");
	else
		strbuf_addstr(out, "  (use \"git restore --staged <file>...\" to unstage)\n");
}

static size_t print_staged(struct strbuf *out, const struct status_view *v,
			   const struct status *st)
{
	size_t i, n = 0;

	for (i = 0; i < st->nr; i++) {
		const struct status_item *it = &st->items[i];

		if (it->unmerged || it->index == ' ')
			continue;
		if (!n++) {
			strbuf_addstr(out, "Changes to be committed:\n");
			unstage_hint(out, v);
		}
		change_line(out, v, change_label(it->index), 12, it, 1);
	}
	if (n)
		strbuf_addch(out, '\n');
	return n;
}

/* git's resolution hint: "add", "rm" or "add/rm", from the kinds of conflict. */
static const char *resolution_verb(const struct status *st)
{
	int both_deleted = 0, del_mod = 0, other = 0;
	size_t i;

	for (i = 0; i < st->nr; i++) {
		unsigned m = st->items[i].unmerged;

		if (!m)
			continue;
		if (m == 1)
			both_deleted = 1;
		else if (m == 3 || m == 5)
			del_mod = 1;
		else
			other = 1;
	}
	if (!both_deleted)
		return del_mod ? "add/rm" : "add";
	return del_mod || other ? "add/rm" : "rm";
}

static void print_unmerged(struct strbuf *out, const struct status_view *v,
			   const struct status *st)
{
	const char *verb = resolution_verb(st);
	size_t i, n = 0;

	for (i = 0; i < st->nr; i++) {
		const struct status_item *it = &st->items[i];

		if (!it->unmerged)
			continue;
		if (!n++) {
			strbuf_addstr(out, "Unmerged paths:\n");
			unstage_hint(out, v);
			if (!strcmp(verb, "add/rm"))
				strbuf_addstr(out, "  (use \"git add/rm <file>...\" as appropriate to mark resolution)\n");
			else
				strbuf_addf(out, "  (use \"git %s <file>...\" to mark resolution)\n", verb);
		}
		change_line(out, v, status_unmerged_label(it), 17, it, 0);
	}
	if (n)
		strbuf_addch(out, '\n');
}

static size_t print_unstaged(struct strbuf *out, const struct status_view *v,
			     const struct status *st)
{
	struct strbuf list = STRBUF_INIT;
	size_t i, n = 0;
	int deleted = 0;

	for (i = 0; i < st->nr; i++) {
		const struct status_item *it = &st->items[i];

		if (it->unmerged || it->worktree == ' ')
			continue;
		deleted |= it->worktree == 'D';
		change_line(&list, v, change_label(it->worktree), 12, it, 0);
		if (it->new_commits) {
			strbuf_setlen(&list, list.len - 1);
			strbuf_addstr(&list, " (new commits)\n");
		}
		n++;
	}
	if (n)
		strbuf_addf(out, "Changes not staged for commit:\n"
			    "  (use \"git %s <file>...\" to update what will be committed)\n"
			    "  (use \"git restore <file>...\" to discard changes in working directory)\n"
			    "%s\n", deleted ? "add/rm" : "add", list.buf);
	strbuf_release(&list);
	return n;
}

static void print_others(struct strbuf *out, const struct status_view *v,
			 const struct worktree_list *list, const char *title,
			 const char *verb)
{
	size_t i;

	if (!list->nr)
		return;
	strbuf_addf(out, "%s:\n  (use \"git %s <file>...\" to include in what will be committed)\n",
		    title, verb);
	for (i = 0; i < list->nr; i++) {
		strbuf_addch(out, '\t');
		status_add_path(out, v->repo, list->items[i].path, STATUS_PATH_RELATIVE);
		strbuf_addch(out, '\n');
	}
	strbuf_addch(out, '\n');
}

/* The closing line, when nothing is staged. */
static void summary_line(struct strbuf *out, const struct status_view *v,
			 const struct status *st, int unstaged)
{
	if (v->amend)
		strbuf_addstr(out, "No changes\n");
	else if (unstaged)
		strbuf_addstr(out, "no changes added to commit (use \"git add\" and/or \"git commit -a\")\n");
	else if (st->untracked.nr)
		strbuf_addstr(out, "nothing added to commit but untracked files present (use \"git add\" to track)\n");
	else if (v->initial)
		strbuf_addstr(out, "nothing to commit (create/copy files and use \"git add\" to track)\n");
	else if (v->untracked == STATUS_UNTRACKED_NO)
		strbuf_addstr(out, "nothing to commit (use -u to show untracked files)\n");
	else
		strbuf_addstr(out, "nothing to commit, working tree clean\n");
}

void status_print_long(struct strbuf *out, const struct status_view *v,
		       const struct status *st)
{
	int unmerged = 0, committable, unstaged;
	size_t i;

	for (i = 0; i < st->nr; i++)
		unmerged |= !!st->items[i].unmerged;
	branch_line(out, v);
	tracking_lines(out, v->upstream);
	if (v->merging && unmerged)
		strbuf_addstr(out, "You have unmerged paths.\n"
			      "  (fix conflicts and run \"git commit\")\n"
			      "  (use \"git merge --abort\" to abort the merge)\n\n");
	else if (v->merging)
		strbuf_addstr(out, "All conflicts fixed but you are still merging.\n"
			      "  (use \"git commit\" to conclude merge)\n\n");
	if (v->initial)
		strbuf_addf(out, "\n%s\n\n", v->from_commit ? "Initial commit" : "No commits yet");
	/* a merge can be concluded even with nothing staged, once resolved */
	committable = print_staged(out, v, st) > 0 || (v->merging && !unmerged);
	print_unmerged(out, v, st);
	unstaged = print_unstaged(out, v, st) > 0;
	if (v->untracked != STATUS_UNTRACKED_NO) {
		print_others(out, v, &st->untracked, "Untracked files", "add");
		print_others(out, v, &st->ignored, "Ignored files", "add -f");
	} else if (committable) {
		strbuf_addstr(out, "Untracked files not listed (use -u option to show untracked files)\n");
	}
	if (!committable)
		summary_line(out, v, st, unstaged);
}

/* ---- short and porcelain formats ---- */

static void short_path(struct strbuf *out, struct status_cmd *o, const char *path)
{
	if (o->nul)
		strbuf_addstr(out, path);
	else
		status_add_path(out, o->repo, path, STATUS_PATH_QUOTE_SPACE |
				(o->format == FMT_SHORT ? STATUS_PATH_RELATIVE : 0));
}

static void short_branch(struct strbuf *out, struct status_cmd *o)
{
	const char *b = o->view.branch;
	const struct status_upstream *up = o->view.upstream;

	if (!b || strncmp(b, "refs/heads/", 11))
		strbuf_addstr(out, "## HEAD (no branch)");
	else if (!o->view.head_exists)
		strbuf_addf(out, "## No commits yet on %s", b + 11);
	else
		strbuf_addf(out, "## %s", b + 11);
	if (up && up->name) {
		strbuf_addf(out, "...%s", up->name);
		if (up->gone)
			strbuf_addstr(out, " [gone]");
		else if (up->ahead && up->behind)
			strbuf_addf(out, " [ahead %zu, behind %zu]", up->ahead, up->behind);
		else if (up->ahead || up->behind)
			strbuf_addf(out, " [%s %zu]", up->ahead ? "ahead" : "behind",
				    up->ahead ? up->ahead : up->behind);
	}
	strbuf_addch(out, o->nul ? '\0' : '\n');
}

static void print_short(struct strbuf *out, struct status_cmd *o, const struct status *st)
{
	char eol = o->nul ? '\0' : '\n';
	size_t i;

	if (o->branch)
		short_branch(out, o);
	for (i = 0; i < st->nr; i++) {
		const struct status_item *it = &st->items[i];

		strbuf_addf(out, "%c%c ", it->index, it->worktree);
		if (it->orig_path && !o->nul) {
			short_path(out, o, it->orig_path);
			strbuf_addstr(out, " -> ");
		}
		short_path(out, o, it->path);
		strbuf_addch(out, eol);
		/* with -z the old name follows the new one */
		if (it->orig_path && o->nul) {
			strbuf_addstr(out, it->orig_path);
			strbuf_addch(out, eol);
		}
	}
	for (i = 0; i < st->untracked.nr; i++) {
		strbuf_addstr(out, "?? ");
		short_path(out, o, st->untracked.items[i].path);
		strbuf_addch(out, eol);
	}
	for (i = 0; i < st->ignored.nr; i++) {
		strbuf_addstr(out, "!! ");
		short_path(out, o, st->ignored.items[i].path);
		strbuf_addch(out, eol);
	}
}

/* ---- options ---- */

enum { OPT_PORCELAIN = 256, OPT_LONG, OPT_IGNORED, OPT_NO_RENAMES, OPT_RENAMES, OPT_NO_BRANCH };

static int parse_untracked(int *out, const char *arg)
{
	if (!arg || !strcmp(arg, "all"))
		*out = STATUS_UNTRACKED_ALL;
	else if (!strcmp(arg, "normal"))
		*out = STATUS_UNTRACKED_NORMAL;
	else if (!strcmp(arg, "no"))
		*out = STATUS_UNTRACKED_NO;
	else
		return -1;
	return 0;
}

static int parse_options(struct status_cmd *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "short", no_argument, NULL, 's' },
		{ "branch", no_argument, NULL, 'b' },
		{ "no-branch", no_argument, NULL, OPT_NO_BRANCH },
		{ "porcelain", optional_argument, NULL, OPT_PORCELAIN },
		{ "long", no_argument, NULL, OPT_LONG },
		{ "null", no_argument, NULL, 'z' },
		{ "untracked-files", optional_argument, NULL, 'u' },
		{ "ignored", optional_argument, NULL, OPT_IGNORED },
		{ "no-renames", no_argument, NULL, OPT_NO_RENAMES },
		{ "renames", no_argument, NULL, OPT_RENAMES },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":sbzu::", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o->format = FMT_SHORT; break;
		case 'b': o->branch = 1; break;
		case OPT_NO_BRANCH: o->branch = 0; break;
		case 'z': o->nul = 1; break;
		case OPT_LONG: o->format = FMT_LONG; break;
		case OPT_PORCELAIN:
			if (optarg && strcmp(optarg, "v1"))
				die("unsupported porcelain version '%s'", optarg);
			o->format = FMT_PORCELAIN;
			break;
		case 'u': o->untracked_arg = optarg ? optarg : "all"; break;
		case OPT_IGNORED:
			if (optarg && strcmp(optarg, "traditional") && strcmp(optarg, "no"))
				die("Invalid ignored mode '%s'", optarg);
			o->show_ignored = !optarg || strcmp(optarg, "no");
			break;
		case OPT_NO_RENAMES: o->no_renames = 1; break;
		case OPT_RENAMES: o->no_renames = 0; break;
		default:
			return usage_bad_option(status_usage, longopts, argv, c);
		}
	}
	if (o->nul && o->format == FMT_UNSET)
		o->format = FMT_PORCELAIN;	/* -z alone means --porcelain */
	if (o->nul && o->format == FMT_LONG)
		die("options '--long' and '-z' cannot be used together");
	return 0;
}

int status_untracked_setting(struct repo *repo, const char *arg)
{
	int mode = STATUS_UNTRACKED_NORMAL;
	const char *v = arg;

	if (!v && repo->config &&
	    config_get_string(&v, repo->config, "status.showuntrackedfiles") < 0) {
		ug_error_clear();
		v = NULL;
	}
	if (v && parse_untracked(&mode, v) < 0) {
		const char *file = "";
		int line = 0;

		if (arg)
			die("Invalid untracked files mode '%s'", v);
		config_get_origin(&file, &line, repo->config, "status.showuntrackedfiles");
		error("Invalid untracked files mode '%s'", v);
		die("bad config variable 'status.showuntrackedfiles' in file '%s' at line %d",
		    file, line);
	}
	return mode;
}

/* status.short, status.branch, status.renames (else diff.renames) as defaults. */
static void read_config(struct status_cmd *o, int renames_given)
{
	if (o->format == FMT_UNSET && config_flag(o->repo, "status.short", 0))
		o->format = FMT_SHORT;
	if (o->branch < 0)
		o->branch = config_flag(o->repo, "status.branch", 0);
	if (!renames_given)
		o->no_renames = !config_flag(o->repo, "status.renames",
					    config_flag(o->repo, "diff.renames", 1));
}

/* HEAD's branch ("refs/heads/x", or "" when detached) and commit, and MERGE_HEAD. */
static void read_head(struct status_cmd *o, struct strbuf *branch, struct oid *head)
{
	struct strbuf path = STRBUF_INIT;
	unsigned flags = 0;
	int err = refs_resolve_full(head, branch, &flags, o->repo, "HEAD");

	if (err == UG_ENOTFOUND)
		ug_error_clear();
	else if (err < 0)
		die("%s", ug_error_last());
	else
		o->view.head_exists = 1;
	if (!(flags & REFS_SYMREF))
		strbuf_reset(branch);
	o->view.branch = branch->buf;
	o->view.head = head;
	repo_git_path(&path, o->repo, "MERGE_HEAD");
	o->view.merging = fs_exists(path.buf);
	strbuf_release(&path);
}

/*
 * HEAD's commit and root tree must be readable; git's words if not
 * ("fatal: bad object HEAD"; "error: bad tree object HEAD", exit 128).
 */
static void check_head(struct repo *repo, const struct oid *head)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct commit c = COMMIT_INIT;

	if (odb_read(&obj, repo->odb, head) < 0 || obj.type != OBJ_COMMIT ||
	    commit_parse(&c, obj.data.buf, obj.data.len) < 0)
		die("bad object HEAD");
	if (!odb_has(repo->odb, &c.tree)) {
		fputs("error: bad tree object HEAD\n", stderr);
		exit(128);
	}
	commit_release(&c);
	odb_object_release(&obj);
}

/*
 * Take index.lock if we can (to write refreshed stat data back, as git
 * does), else just read: status never fails because of a lock.
 */
static int load_index(struct index *idx, struct repo *repo)
{
	int err = index_lock(idx, repo);

	if (err == UG_ELOCKED) {
		ug_error_clear();
		load_index_or_die(idx, repo);
		return 0;
	}
	if (err < 0) {
		index_rollback(idx);
		index_release(idx);
		*idx = (struct index)INDEX_INIT;
		load_index_or_die(idx, repo);	/* dies with git's words if corrupt */
		return 0;
	}
	return 1;
}

int cmd_status(int argc, char **argv, struct repo *repo)
{
	struct status_cmd o = { 0 };
	struct status_options opts = { 0 };
	struct status st = STATUS_INIT;
	struct status_upstream up = STATUS_UPSTREAM_INIT;
	struct pathspec ps = PATHSPEC_INIT;
	struct index idx = INDEX_INIT;
	struct strbuf out = STRBUF_INIT, branch = STRBUF_INIT;
	struct oid head;
	int ret, locked;

	o.repo = repo;
	o.view.repo = repo;
	o.branch = -1;		/* not given: status.branch decides */
	o.no_renames = -1;	/* not given: status.renames decides */
	ret = parse_options(&o, argc, argv);
	if (ret)
		return ret;
	o.view.untracked = status_untracked_setting(repo, o.untracked_arg);
	read_config(&o, o.no_renames >= 0);
	if (pathspec_parse(&ps, repo, argv + optind, (size_t)(argc - optind)) < 0)
		die("%s", ug_error_last());
	read_head(&o, &branch, &head);
	if (o.view.head_exists)
		check_head(repo, &head);
	locked = load_index(&idx, repo);
	opts.base = o.view.head_exists ? &head : NULL;
	o.view.initial = !o.view.head_exists;
	opts.untracked = o.view.untracked;
	opts.show_ignored = o.show_ignored;
	opts.ps = &ps;
	opts.no_renames = o.no_renames > 0;
	if (status_collect(&st, repo, &idx, &opts) < 0)
		die("%s", ug_error_last());
	/* the upstream shows in the long format and with -b */
	if (o.view.head_exists && *branch.buf && (o.branch > 0 || o.format == FMT_LONG ||
						  o.format == FMT_UNSET)) {
		if (status_upstream(&up, repo, branch.buf, &head) < 0)
			die("%s", ug_error_last());
		o.view.upstream = &up;
	}
	/* fresh stat data saves the next status from hashing; losing it costs nothing */
	if (locked && st.refreshed && index_commit(&idx) < 0)
		ug_error_clear();
	if (o.format == FMT_SHORT || o.format == FMT_PORCELAIN)
		print_short(&out, &o, &st);
	else
		status_print_long(&out, &o.view, &st);
	fwrite(out.buf, 1, out.len, stdout);
	index_rollback(&idx);
	index_release(&idx);
	status_release(&st);
	status_upstream_release(&up);
	pathspec_release(&ps);
	strbuf_release(&out);
	strbuf_release(&branch);
	return 0;
}
