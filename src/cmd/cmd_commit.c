/* commit: record the index as a new commit and move the current branch to it. */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/commit.h"
#include "ugit/date.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/ident.h"
#include "ugit/ignore.h"
#include "ugit/index.h"
#include "ugit/message.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/quote.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/signature.h"
#include "ugit/status.h"
#include "ugit/strbuf.h"
#include "ugit/worktree.h"
#include "ugit/xalloc.h"

const char commit_usage[] =
	"usage: ugit commit [<options>]\n"
	"\n"
	"    -q, --quiet           suppress summary after successful commit\n"
	"    -F, --file <file>     read message from file\n"
	"    --author <author>     override author for commit\n"
	"    --date <date>         override date for commit\n"
	"    -m, --message <message>\n"
	"                          commit message\n"
	"    --cleanup <mode>      how to strip spaces and #comments from message\n"
	"    -a, --all             commit all changed files\n"
	"    --amend               amend previous commit\n"
	"    --no-edit             use the message of the commit being amended\n"
	"    --allow-empty         allow recording an empty commit\n"
	"    --allow-empty-message allow recording a commit with an empty message\n";

struct commit_opts {
	struct repo *repo;
	struct strbuf msg;		/* from -m (paragraphs) or -F */
	int have_m, have_f, all, amend, quiet, allow_empty, allow_empty_msg;
	const char *author, *date, *cleanup_name;
	enum message_cleanup cleanup;

	struct index idx;
	int head_exists;		/* HEAD names a commit (the branch is born) */
	struct oid head;
	struct strbuf branch;		/* "refs/heads/master"; empty when detached */
	struct commit head_commit;	/* parsed when amending */
	struct oid *parents;
	size_t parents_nr, parents_alloc;
	int merging;			/* MERGE_HEAD was there */
};

enum {
	OPT_AUTHOR = 256, OPT_DATE, OPT_CLEANUP, OPT_AMEND, OPT_NO_EDIT,
	OPT_ALLOW_EMPTY, OPT_ALLOW_EMPTY_MSG,
};

/* -F: the file's bytes ("-" is standard input). */
static void read_message_file(struct strbuf *msg, const char *path)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;

	if (fd < 0)
		die_errno("could not read log file '%s'", path);
	if (strbuf_read_fd(msg, fd, 0) < 0)
		die_errno("could not read log file '%s'", path);
	if (fd)
		close(fd);
}

static int parse_options(struct commit_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "file", required_argument, NULL, 'F' },
		{ "message", required_argument, NULL, 'm' },
		{ "all", no_argument, NULL, 'a' },
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "cleanup", required_argument, NULL, OPT_CLEANUP },
		{ "amend", no_argument, NULL, OPT_AMEND },
		{ "no-edit", no_argument, NULL, OPT_NO_EDIT },
		{ "allow-empty", no_argument, NULL, OPT_ALLOW_EMPTY },
		{ "allow-empty-message", no_argument, NULL, OPT_ALLOW_EMPTY_MSG },
		{ NULL, 0, NULL, 0 },
	};
	const char *file = NULL;
	int c;

	while ((c = getopt_long(argc, argv, ":qF:m:a", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': o->quiet = 1; break;
		case 'F': file = optarg; o->have_f = 1; break;
		case 'm': message_add_paragraph(&o->msg, optarg); o->have_m = 1; break;
		case 'a': o->all = 1; break;
		case OPT_AUTHOR: o->author = optarg; break;
		case OPT_DATE: o->date = optarg; break;
		case OPT_CLEANUP: o->cleanup_name = optarg; break;
		case OPT_AMEND: o->amend = 1; break;
		case OPT_NO_EDIT: break;	/* ugit never starts an editor */
		case OPT_ALLOW_EMPTY: o->allow_empty = 1; break;
		case OPT_ALLOW_EMPTY_MSG: o->allow_empty_msg = 1; break;
		default:
			return usage_bad_option(commit_usage, longopts, argv, c);
		}
	}
	if (optind < argc)
		die("paths with -a or a pathspec are not supported by ugit commit");
	if (o->have_m && o->have_f)
		die("options '-m' and '-F' cannot be used together");
	if (o->cleanup_name && message_cleanup_parse(&o->cleanup, o->cleanup_name) < 0)
		die("%s", ug_error_last());
	if (file)
		read_message_file(&o->msg, file);
	return 0;
}

/* HEAD: where it points, and the commit it names if the branch is born. */
static void read_head(struct commit_opts *o)
{
	unsigned flags = 0;
	int err = refs_resolve_full(&o->head, &o->branch, &flags, o->repo, "HEAD");

	if (err == UG_ENOTFOUND) {
		ug_error_clear();
	} else if (err < 0) {
		die("%s", ug_error_last());
	} else {
		o->head_exists = 1;
	}
	if (!(flags & REFS_SYMREF))
		strbuf_reset(&o->branch);	/* detached */
}

static void add_parent(struct commit_opts *o, const struct oid *oid)
{
	ALLOC_GROW(o->parents, o->parents_nr + 1, o->parents_alloc);
	o->parents[o->parents_nr++] = *oid;
}

/* Read and parse a commit; dies as git would on a damaged one. */
static void load_commit(struct commit *out, struct repo *repo, const struct oid *oid)
{
	struct odb_object obj = ODB_OBJECT_INIT;

	if (odb_read(&obj, repo->odb, oid) < 0)
		die("%s", ug_error_last());
	if (obj.type != OBJ_COMMIT || commit_parse(out, obj.data.buf, obj.data.len) < 0) {
		char hex[UG_OID_HEXSZ + 1];

		die("could not parse commit %s", oid_to_hex(hex, oid));
	}
	odb_object_release(&obj);
}

/* MERGE_HEAD: one commit per line, each a further parent. */
static void read_merge_head(struct commit_opts *o)
{
	struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT;
	const char *p;
	struct oid oid;

	repo_git_path(&path, o->repo, "MERGE_HEAD");
	if (fs_read_file(&buf, path.buf) < 0) {
		ug_error_clear();
		goto done;
	}
	o->merging = 1;
	for (p = buf.buf; *p; p += strcspn(p, "\n"), p += *p == '\n') {
		char hex[UG_OID_HEXSZ + 1];
		size_t n = strcspn(p, "\n");

		if (!n)
			continue;
		memcpy(hex, p, n < UG_OID_HEXSZ ? n : UG_OID_HEXSZ);
		hex[n < UG_OID_HEXSZ ? n : UG_OID_HEXSZ] = '\0';
		if (n != UG_OID_HEXSZ || oid_from_hex(&oid, hex) < 0)
			die("corrupt MERGE_HEAD file (%.*s)", (int)n, p);
		add_parent(o, &oid);
	}
done:
	strbuf_release(&path);
	strbuf_release(&buf);
}

/* A set of object ids (open addressing), for walks that must not repeat. */
struct oid_set {
	struct oid *slots;
	char *used;
	size_t nr, cap;
};

static size_t oid_slot(const struct oid_set *set, const struct oid *oid)
{
	size_t h, i;

	memcpy(&h, oid->hash, sizeof(h));	/* ids are uniformly random already */
	for (i = h & (set->cap - 1); set->used[i]; i = (i + 1) & (set->cap - 1))
		if (oid_eq(&set->slots[i], oid))
			break;
	return i;
}

/* Add `oid`; returns 0 if it was there already. */
static int oid_set_add(struct oid_set *set, const struct oid *oid)
{
	size_t i;

	if (2 * (set->nr + 1) > set->cap) {
		struct oid_set bigger = { NULL, NULL, 0, set->cap ? 2 * set->cap : 64 };

		bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
		bigger.used = xcalloc(bigger.cap, 1);
		for (i = 0; i < set->cap; i++)
			if (set->used[i])
				oid_set_add(&bigger, &set->slots[i]);
		free(set->slots);
		free(set->used);
		*set = bigger;
	}
	i = oid_slot(set, oid);
	if (set->used[i])
		return 0;
	set->used[i] = 1;
	set->slots[i] = *oid;
	set->nr++;
	return 1;
}

/*
 * Is `target` an ancestor of `from` (or `from` itself)?  NEEDSWORK: a
 * plain walk; when the answer is no it reads all of `from`'s history,
 * where git's merge-base painting stops early by commit dates.
 */
static int reaches(struct repo *repo, const struct oid *from, const struct oid *target)
{
	struct oid_set seen = { NULL, NULL, 0, 0 };
	struct oid *stack = NULL;
	size_t nr = 0, alloc = 0, i;
	int found = 0;

	ALLOC_GROW(stack, nr + 1, alloc);
	stack[nr++] = *from;
	oid_set_add(&seen, from);
	while (nr && !found) {
		struct commit c = COMMIT_INIT;
		struct oid cur = stack[--nr];

		if (oid_eq(&cur, target)) {
			found = 1;
			break;
		}
		load_commit(&c, repo, &cur);
		for (i = 0; i < c.parents_nr; i++) {
			if (!oid_set_add(&seen, &c.parents[i]))
				continue;
			ALLOC_GROW(stack, nr + 1, alloc);
			stack[nr++] = c.parents[i];
		}
		commit_release(&c);
	}
	free(stack);
	free(seen.slots);
	free(seen.used);
	return found;
}

/*
 * git's reduce_heads(): drop repeated parents and parents that another
 * parent already contains, so merging a descendant of HEAD records just
 * that descendant (a fast-forward).  MERGE_MODE "no-ff" keeps them all.
 */
static void reduce_parents(struct commit_opts *o)
{
	struct strbuf path = STRBUF_INIT, mode = STRBUF_INIT;
	size_t i, j, kept = 0;

	repo_git_path(&path, o->repo, "MERGE_MODE");
	if (fs_read_file(&mode, path.buf) < 0)
		ug_error_clear();
	if (!strstr(mode.buf, "no-ff")) {
		for (i = 0; i < o->parents_nr; i++) {
			int drop = 0;

			for (j = 0; j < kept && !drop; j++)
				drop = oid_eq(&o->parents[j], &o->parents[i]);
			for (j = 0; j < o->parents_nr && !drop; j++)
				drop = !oid_eq(&o->parents[j], &o->parents[i]) &&
				       reaches(o->repo, &o->parents[j], &o->parents[i]);
			if (!drop)
				o->parents[kept++] = o->parents[i];
		}
		o->parents_nr = kept;
	}
	strbuf_release(&path);
	strbuf_release(&mode);
}

/* The parents: HEAD (or, amending, HEAD's parents), then MERGE_HEAD's commits. */
static void find_parents(struct commit_opts *o)
{
	size_t i;

	if (o->amend) {
		if (!o->head_exists)
			die("You have nothing to amend.");
		load_commit(&o->head_commit, o->repo, &o->head);
		for (i = 0; i < o->head_commit.parents_nr; i++)
			add_parent(o, &o->head_commit.parents[i]);
		return;
	}
	if (o->head_exists)
		add_parent(o, &o->head);
	read_merge_head(o);
	if (o->merging)
		reduce_parents(o);
}

/*
 * The status of every tracked file: enum worktree_status per entry (-1
 * for unmerged ones).  Caller frees; *sts too, if not NULL.
 */
static int *tracked_status(struct commit_opts *o, struct stat **sts_out)
{
	struct stat *sts = xcalloc(o->idx.nr ? o->idx.nr : 1, sizeof(*sts));
	int *status = xcalloc(o->idx.nr ? o->idx.nr : 1, sizeof(*status));
	int topfd = worktree_open_top(o->repo);

	if (topfd < 0 || worktree_status_all(status, sts, topfd, &o->idx, NULL, NULL,
						    NULL, NULL) < 0)
		die("%s", ug_error_last());
	close(topfd);
	if (sts_out)
		*sts_out = sts;
	else
		free(sts);
	return status;
}

/* -a: stage what changed in tracked files, drop what was deleted. */
static void stage_tracked(struct commit_opts *o)
{
	struct stat *sts;
	int *status = tracked_status(o, &sts);
	char **gone = NULL;
	size_t i, nr = o->idx.nr, ngone = 0;
	char **changed = xcalloc(nr ? nr : 1, sizeof(*changed));
	struct stat *cst = xcalloc(nr ? nr : 1, sizeof(*cst));
	size_t nchanged = 0;

	/* collect first: staging changes the entry array under us */
	gone = xcalloc(nr ? nr : 1, sizeof(*gone));
	for (i = 0; i < nr; i++) {
		const struct index_entry *ce = o->idx.entries[i];

		if (index_entry_stage(ce))
			continue;
		if (status[i] == WT_DELETED)
			gone[ngone++] = xstrdup(ce->name);
		else if (status[i] == WT_MODIFIED) {
			cst[nchanged] = sts[i];
			changed[nchanged++] = xstrdup(ce->name);
		}
	}
	for (i = 0; i < ngone; i++) {
		index_remove(&o->idx, gone[i]);
		free(gone[i]);
	}
	for (i = 0; i < nchanged; i++) {
		if (worktree_add_path(&o->idx, o->repo, changed[i], &cst[i]) < 0)
			die("%s", ug_error_last());
		free(changed[i]);
	}
	free(gone);
	free(changed);
	free(cst);
	free(sts);
	free(status);
}

/* The commit the new one is compared with: HEAD (amending: its first parent). */
static const struct oid *base_commit(struct commit_opts *o)
{
	if (o->amend)
		return o->head_commit.parents_nr ? &o->head_commit.parents[0] : NULL;
	return o->head_exists ? &o->head : NULL;
}

/*
 * git's status, as commit prints it when there is nothing to commit; exit
 * 1.  Amending, the index is compared with the amended commit's parent,
 * the last line is "No changes" and advice follows.
 */
static int nothing_to_commit(struct commit_opts *o)
{
	struct status st = STATUS_INIT;
	struct status_options opts = { 0 };
	struct status_view v = { 0 };
	struct strbuf out = STRBUF_INIT;

	opts.base = base_commit(o);
	opts.untracked = status_untracked_setting(o->repo, NULL);
	if (status_collect(&st, o->repo, &o->idx, &opts) < 0)
		die("%s", ug_error_last());
	v.repo = o->repo;
	v.branch = o->branch.buf;
	v.head_exists = o->head_exists;
	v.head = &o->head;
	v.initial = !opts.base;
	v.merging = o->merging;
	v.from_commit = 1;
	v.amend = o->amend;
	v.untracked = opts.untracked;
	status_print_long(&out, &v, &st);
	fputs(out.buf, stdout);
	if (o->amend) {
		fflush(stdout);
		fputs("You asked to amend the most recent commit, but doing so would make\n"
		      "it empty. You can repeat your command with --allow-empty, or you can\n"
		      "remove the commit entirely with \"git reset HEAD^\".\n", stderr);
	}
	strbuf_release(&out);
	status_release(&st);
	return 1;
}

/*
 * Would the commit change anything?  The index is compared with the base
 * commit's tree entry by entry, as git diffs them, so that a refused
 * commit writes no tree objects.
 */
struct cached_root {
	struct oid oid;
	int found;
};

static void find_cached_root(const struct oid *oid, const char *path, void *payload)
{
	struct cached_root *root = payload;

	if (!*path) {
		root->oid = *oid;
		root->found = 1;
	}
}

static int has_changes(struct commit_opts *o)
{
	struct index base = INDEX_INIT;
	const struct oid *from = base_commit(o);
	struct commit c = COMMIT_INIT;
	struct cached_root root = { { { 0 } }, 0 };
	size_t i;
	int changed;

	if (from) {
		load_commit(&c, o->repo, from);
		/* a valid cache-tree already knows the new root tree: no walk needed */
		index_for_each_cached_tree(&o->idx, find_cached_root, &root);
		if (root.found) {
			changed = !oid_eq(&root.oid, &c.tree);
			commit_release(&c);
			return changed;
		}
		if (index_read_tree(&base, o->repo->odb, &c.tree) < 0)
			die("%s", ug_error_last());
		commit_release(&c);
	}
	changed = base.nr != o->idx.nr;
	for (i = 0; !changed && i < base.nr; i++) {
		const struct index_entry *a = base.entries[i], *b = o->idx.entries[i];

		changed = a->mode != b->mode || !oid_eq(&a->oid, &b->oid) ||
			  strcmp(a->name, b->name) || (b->flags & INDEX_INTENT_TO_ADD);
	}
	index_release(&base);
	return changed;
}

/* git lists the conflicts ("U\t<path>") before it refuses. */
static void die_unmerged(const struct index *idx)
{
	struct strbuf out = STRBUF_INIT;
	size_t i;

	for (i = 0; i < idx->nr; i++) {
		const struct index_entry *ce = idx->entries[i];

		if (!index_entry_stage(ce) ||
		    (i && !strcmp(idx->entries[i - 1]->name, ce->name)))
			continue;
		strbuf_addstr(&out, "U\t");
		quote_path(&out, ce->name, ce->namelen, 0);
		strbuf_addch(&out, '\n');
	}
	fputs(out.buf, stdout);
	strbuf_release(&out);
	fflush(stdout);
	fputs("error: Committing is not possible because you have unmerged files.\n"
	      "hint: Fix them up in the work tree, and then use 'git add/rm <file>'\n"
	      "hint: as appropriate to mark resolution and make a commit.\n", stderr);
	die("Exiting because of an unresolved conflict.");
}

/*
 * The message, cleaned.  Without -m or -F: the amended commit's, or
 * MERGE_MSG; otherwise nothing - git would start an editor, and an
 * editor that changes nothing leaves an empty message.  Returns 0, or 1
 * (git's exit status) when the message is empty and that is not allowed.
 */
static int prepare_message(struct commit_opts *o, struct strbuf *msg)
{
	enum message_cleanup mode = MESSAGE_CLEANUP_WHITESPACE;
	struct strbuf path = STRBUF_INIT;

	if (o->have_m || o->have_f) {
		strbuf_addbuf(msg, &o->msg);
	} else if (o->amend) {
		strbuf_add(msg, o->head_commit.message, o->head_commit.message_len);
	} else if (o->merging) {
		repo_git_path(&path, o->repo, "MERGE_MSG");
		if (fs_read_file(msg, path.buf) < 0)
			ug_error_clear();
		mode = MESSAGE_CLEANUP_STRIP;	/* what the editor would have shown */
	} else {
		mode = MESSAGE_CLEANUP_STRIP;
	}
	strbuf_release(&path);
	if (o->cleanup_name)
		mode = o->cleanup;
	if (!o->allow_empty_msg && message_is_empty(msg->buf, msg->len, mode)) {
		fputs("Aborting commit due to empty commit message.\n", stderr);
		return 1;
	}
	message_cleanup(msg, mode);
	return 0;
}

/* --author "Name <email>": only that form (git also searches history). */
static void split_author(struct strbuf *name, struct strbuf *email, const char *s)
{
	const char *lt = strchr(s, '<'), *gt = lt ? strchr(lt, '>') : NULL;

	if (!lt || !gt)
		die("--author '%s' is not 'Name <email>' and matches no existing author", s);
	strbuf_add(name, s, (size_t)(lt - s));
	strbuf_add(email, lt + 1, (size_t)(gt - lt - 1));
}

/*
 * The author line: the amended commit's author (unless --author), or
 * --author, or the default identity; the date --date, else the amended
 * commit's, else GIT_AUTHOR_DATE or now.  *reused says whether git's
 * summary shows the date.  Caller frees.
 */
static char *author_line(struct commit_opts *o, int *reused)
{
	struct strbuf name = STRBUF_INIT, email = STRBUF_INIT, date = STRBUF_INIT;
	struct strbuf out = STRBUF_INIT, clean_name = STRBUF_INIT, clean_email = STRBUF_INIT;
	struct ident old;
	uint64_t ts;
	int tz;

	*reused = o->date != NULL;
	if (o->amend && o->head_commit.author &&
	    ident_parse(&old, o->head_commit.author, strlen(o->head_commit.author)) == 0) {
		strbuf_add(&name, old.name, old.name_len);
		strbuf_add(&email, old.email, old.email_len);
		if (old.date)
			strbuf_addf(&date, "@%.*s", (int)old.date_len, old.date);
		*reused = 1;
	}
	if (o->author) {
		strbuf_reset(&name);
		strbuf_reset(&email);
		split_author(&name, &email, o->author);
	}
	if (o->date) {
		strbuf_reset(&date);
		strbuf_addstr(&date, o->date);
	}
	if (!name.len && !email.len && !o->author) {
		strbuf_release(&name);
		strbuf_release(&email);
		strbuf_release(&date);
		return commit_ident(o->repo, SIGNATURE_AUTHOR, o->date);
	}
	if (!date.len && getenv("GIT_AUTHOR_DATE"))
		strbuf_addstr(&date, getenv("GIT_AUTHOR_DATE"));
	if (!date.len)
		ts = date_now(&tz);
	else if (date_parse(&ts, &tz, date.buf) < 0)
		die("%s", ug_error_last());
	signature_add_clean(&clean_name, name.buf);
	signature_add_clean(&clean_email, email.buf);
	ident_format(&out, clean_name.buf, clean_email.buf, ts, tz);
	strbuf_release(&name);
	strbuf_release(&email);
	strbuf_release(&date);
	strbuf_release(&clean_name);
	strbuf_release(&clean_email);
	return strbuf_detach(&out, NULL);
}

/* "commit (initial): <first line>" and the like, for the reflogs. */
static void reflog_message(struct strbuf *out, struct commit_opts *o, const struct strbuf *msg)
{
	if (!o->head_exists)
		strbuf_addstr(out, "commit (initial)");
	else if (o->amend)
		strbuf_addstr(out, "commit (amend)");
	else if (o->merging)
		strbuf_addstr(out, "commit (merge)");
	else
		strbuf_addstr(out, "commit");
	strbuf_addstr(out, ": ");
	strbuf_add(out, msg->buf, strcspn(msg->buf, "\n"));
}

/* "Name <email>" of an ident line, for comparing author and committer. */
static size_t who_len(const char *ident)
{
	const char *gt = strchr(ident, '>');

	return gt ? (size_t)(gt - ident) + 1 : strlen(ident);
}

/*
 * "[master (root-commit) 1a2b3c4] subject", and the Author/Date lines git
 * adds.  NEEDSWORK: git goes on with a diffstat and create/delete mode
 * lines, which need a tree diff.
 */
static void print_summary(struct commit_opts *o, const struct oid *oid,
			  const char *author, const char *committer,
			  int show_date, const struct strbuf *msg)
{
	struct strbuf out = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1];
	const char *b;
	struct ident id;

	strbuf_addch(&out, '[');
	if (skip_prefix(o->branch.buf, "refs/heads/", &b))
		strbuf_addstr(&out, b);
	else
		strbuf_addstr(&out, o->branch.len ? o->branch.buf : "detached HEAD");
	if (!o->parents_nr)
		strbuf_addstr(&out, " (root-commit)");
	strbuf_addf(&out, " %.*s] ", odb_unique_abbrev_len(o->repo->odb, oid, 7),
		    oid_to_hex(hex, oid));
	message_subject(&out, msg->buf, msg->len);
	strbuf_addch(&out, '\n');
	if (who_len(author) != who_len(committer) ||
	    memcmp(author, committer, who_len(author)))
		strbuf_addf(&out, " Author: %.*s\n", (int)who_len(author), author);
	if (show_date && ident_parse(&id, author, strlen(author)) == 0) {
		strbuf_addstr(&out, " Date: ");
		date_format(&out, id.timestamp, id.tz, DATE_NORMAL);
		strbuf_addch(&out, '\n');
	}
	fputs(out.buf, stdout);
	strbuf_release(&out);
}

/* MERGE_HEAD and its friends go once the merge is committed. */
static void remove_merge_state(struct repo *repo)
{
	static const char *const files[] = { "MERGE_HEAD", "MERGE_MSG", "MERGE_MODE" };
	struct strbuf path = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(*files); i++) {
		strbuf_reset(&path);
		repo_git_path(&path, repo, files[i]);
		if (unlink(path.buf) < 0 && errno != ENOENT)
			warning("unable to remove %s: %s", path.buf, strerror(errno));
	}
	strbuf_release(&path);
}

static void write_tree(struct commit_opts *o, struct oid *tree)
{
	int err = index_write_tree(tree, &o->idx, o->repo->odb, 1);

	if (err == UG_ECONFLICT)
		die_unmerged(&o->idx);
	if (err < 0)
		die("%s", ug_error_last());
}

int cmd_commit(int argc, char **argv, struct repo *repo)
{
	struct commit_opts o = { 0 };
	struct strbuf msg = STRBUF_INIT, logmsg = STRBUF_INIT;
	struct commit_draft d = { 0 };
	struct oid tree, commit, null_oid = { { 0 } };
	char *author = NULL, *committer = NULL;
	int ret, show_date = 0;

	o.repo = repo;
	strbuf_init(&o.msg, 0);
	strbuf_init(&o.branch, 0);
	o.idx = (struct index)INDEX_INIT;
	o.head_commit = (struct commit)COMMIT_INIT;
	ret = parse_options(&o, argc, argv);
	if (ret)
		goto done;
	if (index_lock(&o.idx, repo) < 0)
		die("%s", ug_error_last());
	read_head(&o);
	find_parents(&o);
	if (o.all)
		stage_tracked(&o);
	if (index_has_unmerged(&o.idx))
		die_unmerged(&o.idx);
	if (!o.allow_empty && !o.merging && !has_changes(&o)) {
		ret = nothing_to_commit(&o);
		goto done;
	}
	ret = prepare_message(&o, &msg);
	if (ret)
		goto done;

	author = author_line(&o, &show_date);
	committer = commit_ident(repo, SIGNATURE_COMMITTER, NULL);
	write_tree(&o, &tree);
	d.tree = &tree;
	d.parents = o.parents;
	d.parents_nr = o.parents_nr;
	d.author = author;
	d.committer = committer;
	d.message = msg.buf;
	d.message_len = msg.len;
	commit_write(&commit, repo, &d);

	reflog_message(&logmsg, &o, &msg);
	if (refs_update(repo, "HEAD", &commit, o.head_exists ? &o.head : &null_oid, 0,
			&(struct refs_log){ committer, logmsg.buf }) < 0)
		die("%s", ug_error_last());
	if (index_commit(&o.idx) < 0)
		die("repository has been updated, but unable to write\n"
		    "new index file. Check that disk is not full and quota is\n"
		    "not exceeded, and then \"git restore --staged :/\" to recover.");
	remove_merge_state(repo);
	if (!o.quiet)
		print_summary(&o, &commit, author, committer, show_date, &msg);
done:
	index_rollback(&o.idx);
	index_release(&o.idx);
	commit_release(&o.head_commit);
	strbuf_release(&o.msg);
	strbuf_release(&o.branch);
	strbuf_release(&msg);
	strbuf_release(&logmsg);
	free(o.parents);
	free(author);
	free(committer);
	return ret;
}
