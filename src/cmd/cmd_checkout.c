/* checkout, switch: move HEAD to another branch or commit, or restore paths, without losing work. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/commit.h"
#include "ugit/config.h"
#include "ugit/entry.h"
#include "ugit/error.h"
#include "ugit/index.h"
#include "ugit/message.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/pathspec.h"
#include "ugit/quote.h"
#include "ugit/refname.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/revwalk.h"
#include "ugit/strbuf.h"
#include "ugit/tree.h"
#include "ugit/unpack.h"
#include "ugit/worktree.h"
#include "ugit/xalloc.h"

const char checkout_usage[] =
	"usage: ugit checkout [<options>] <branch>\n"
	"   or: ugit checkout [<options>] [<branch>] -- <file>...\n"
	"\n"
	"    -b <branch>           create and checkout a new branch\n"
	"    -B <branch>           create/reset and checkout a branch\n"
	"    --detach              detach HEAD at named commit\n"
	"    -f, --force           force checkout (throw away local modifications)\n"
	"    -q, --quiet           suppress progress reporting\n";

const char switch_usage[] =
	"usage: ugit switch [<options>] [<branch>]\n"
	"\n"
	"    -c, --create <branch>\n"
	"                          create and switch to a new branch\n"
	"    -C, --force-create <branch>\n"
	"                          create/reset and switch to a branch\n"
	"    -d, --detach          detach HEAD at named commit\n"
	"    -f, --force, --discard-changes\n"
	"                          throw away local modifications\n"
	"    -q, --quiet           suppress progress reporting\n";

struct co_opts {
	struct repo *repo;
	int is_switch;
	int quiet, force, detach, force_new;
	const char *new_branch;		/* -b/-B, -c/-C */
	int has_dash_dash;
	char **args;			/* before "--" (the target, then paths) */
	size_t args_nr;
	char **paths;			/* after "--" */
	size_t paths_nr;
};

/* Where HEAD is: a branch ("refs/heads/x", maybe unborn) or a detached commit. */
struct head_state {
	struct strbuf ref;		/* "" when detached */
	struct oid oid;
	int has_commit;			/* 0 on an unborn branch */
};

/* Where we go. */
struct target {
	const char *name;		/* as the user typed it ("HEAD~1"), or the branch */
	struct strbuf ref;		/* "refs/heads/x" to attach HEAD; "" to detach */
	struct oid commit;
	int has_commit;			/* 0: staying on an unborn branch */
};

/* ---- HEAD and commits ---- */

static void read_head(struct head_state *h, struct repo *repo)
{
	int r = refs_read_symbolic(&h->ref, repo, "HEAD");

	if (r < 0)
		die("%s", ug_error_last());
	if (!r)
		strbuf_setlen(&h->ref, 0);
	r = refs_resolve(&h->oid, repo, "HEAD");
	if (r < 0 && r != UG_ENOTFOUND)
		die("%s", ug_error_last());
	ug_error_clear();
	h->has_commit = r == 0;
}

/* The tree of commit `oid`, and (if `subject` is not NULL) its subject line. */
static void read_commit(struct oid *tree, struct strbuf *subject, struct repo *repo,
			const struct oid *oid)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct commit c = COMMIT_INIT;
	char hex[UG_OID_HEXSZ + 1];

	if (odb_read(&obj, repo->odb, oid) < 0)
		die("%s", ug_error_last());
	if (obj.type != OBJ_COMMIT || commit_parse(&c, obj.data.buf, obj.data.len) < 0)
		die("bogus commit object %s", oid_to_hex(hex, oid));
	if (tree)
		*tree = c.tree;
	if (subject)
		message_subject(subject, c.message, c.message_len);
	commit_release(&c);
	odb_object_release(&obj);
}

/* "<abbrev> <subject>", as git describes a commit in its checkout messages. */
static void describe_commit(struct strbuf *out, struct repo *repo, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];

	strbuf_addf(out, "%.*s ", odb_unique_abbrev_len(repo->odb, oid, 7),
		    oid_to_hex(hex, oid));
	read_commit(NULL, out, repo, oid);
}

/* The short name of a branch ref ("x" of "refs/heads/x"). */
static const char *branch_name(const char *ref)
{
	const char *name = ref;

	skip_prefix(ref, "refs/heads/", &name);
	return name;
}

/* ---- the previous branch: "checkout -" is "@{-1}" ---- */

/*
 * "-" and "@{-<n>}" name a branch checked out before (HEAD's reflog
 * says which), and checkout attaches to it as to a branch named
 * directly; "@{-1}~2" is "<that branch>~2", as git rewrites it (also in
 * messages and the reflog).  Returns the name (held in `buf`), or `arg`
 * itself when it is neither or there was no such checkout.
 */
static const char *previous_checkout(struct strbuf *buf, struct repo *repo,
				     const char *arg)
{
	unsigned long n = 1;
	const char *rest = "", *p;
	char *end;

	if (strcmp(arg, "-")) {
		if (!skip_prefix(arg, "@{-", &p) || *p < '0' || *p > '9')
			return arg;
		n = strtoul(p, &end, 10);
		if (*end != '}')
			return arg;
		rest = end + 1;
	}
	if (revparse_previous_checkout(buf, repo, n) < 0) {
		ug_error_clear();
		return arg;
	}
	strbuf_addstr(buf, rest);
	return buf->buf;
}

/* ---- changes left in the work tree and index, listed after a switch ---- */

struct flat_entry {
	char *path;
	unsigned mode;
	struct oid oid;
};

struct flat_tree {
	struct flat_entry *items;
	size_t nr, alloc;
};

static void flatten(struct flat_tree *out, struct repo *repo, const struct oid *oid,
		    struct strbuf *prefix)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct tree t = TREE_INIT;
	size_t i, base = prefix->len;

	if (odb_read(&obj, repo->odb, oid) < 0 || tree_parse(&t, obj.data.buf, obj.data.len) < 0)
		die("%s", ug_error_last());
	for (i = 0; i < t.nr; i++) {
		strbuf_add(prefix, t.entries[i].name, t.entries[i].namelen);
		if (t.entries[i].mode == TREE_MODE_DIR) {
			strbuf_addch(prefix, '/');
			flatten(out, repo, &t.entries[i].oid, prefix);
		} else {
			ALLOC_GROW(out->items, out->nr + 1, out->alloc);
			out->items[out->nr].path = xstrdup(prefix->buf);
			out->items[out->nr].mode = t.entries[i].mode;
			out->items[out->nr++].oid = t.entries[i].oid;
		}
		strbuf_setlen(prefix, base);
	}
	tree_release(&t);
	odb_object_release(&obj);
}

static void flat_tree_release(struct flat_tree *t)
{
	size_t i;

	for (i = 0; i < t->nr; i++)
		free(t->items[i].path);
	free(t->items);
}

static void print_change(struct repo *repo, char status, const char *path)
{
	struct strbuf out = STRBUF_INIT;

	strbuf_addf(&out, "%c\t", status);
	quote_path(&out, path, strlen(path), core_quotepath_flags(repo));
	printf("%s\n", out.buf);
	strbuf_release(&out);
}

/*
 * Is the work tree's (or, if unchanged there, the index's) kind of file
 * other than the tree's - a link where a file was?  `fe` NULL: the index
 * is the tree.  git shows those as "T".
 */
static int type_changed(const struct index_entry *ce, const struct flat_entry *fe,
			int status, const struct stat *st)
{
	unsigned now = status == WT_MODIFIED ? index_mode_from_stat(st->st_mode) : ce->mode;
	unsigned then = fe ? fe->mode : ce->mode;

	return (now & S_IFMT) != (then & S_IFMT);
}

/*
 * git's show_local_changes(): the paths where the index or the work tree
 * differs from the new HEAD's tree, as "M\t<path>" (or A, D).  When the
 * cache-tree says the index is that tree, only the work tree is compared.
 */
static void show_local_changes(struct repo *repo, struct index *idx, const struct oid *tree)
{
	struct flat_tree flat = { NULL, 0, 0 };
	struct strbuf prefix = STRBUF_INIT;
	int *status = xcalloc(idx->nr + 1, sizeof(*status));
	struct stat *sts = xcalloc(idx->nr + 1, sizeof(*sts));
	int topfd = worktree_open_top(repo), same_tree = 0;
	size_t i = 0, j = 0;
	struct oid root;

	if (topfd < 0 || worktree_status_all(status, sts, topfd, idx, NULL, NULL, NULL, NULL) < 0)
		die("%s", ug_error_last());
	close(topfd);
	/*
	 * unpack_trees() leaves a valid cache-tree only when the index is
	 * exactly a tree; reading its root then writes nothing.
	 */
	if (idx->tree_ext_valid && idx->tree_ext.len > 2 && !idx->tree_ext.buf[0] &&
	    idx->tree_ext.buf[1] != '-' && !index_write_tree(&root, idx, repo->odb, 0))
		same_tree = tree && oid_eq(&root, tree);
	if (tree && !same_tree)
		flatten(&flat, repo, tree, &prefix);
	while (i < idx->nr || j < flat.nr) {
		const struct index_entry *ce = i < idx->nr ? idx->entries[i] : NULL;
		const struct flat_entry *fe = j < flat.nr ? &flat.items[j] : NULL;
		int cmp = same_tree ? -1 : !ce ? 1 : !fe ? -1 : strcmp(ce->name, fe->path);

		if (cmp > 0)
			print_change(repo, 'D', fe->path);
		else if (cmp < 0 && !same_tree)
			print_change(repo, 'A', ce->name);
		else if (status[i] == WT_DELETED)
			print_change(repo, 'D', ce->name);
		else if (status[i] == WT_MODIFIED ||
			 (!same_tree && (ce->mode != fe->mode || !oid_eq(&ce->oid, &fe->oid))))
			print_change(repo, type_changed(ce, fe, status[i], &sts[i]) ? 'T' : 'M',
				     ce->name);
		i += cmp <= 0;
		j += cmp >= 0 && !same_tree;
	}
	flat_tree_release(&flat);
	strbuf_release(&prefix);
	free(status);
	free(sts);
}

/* ---- leaving a detached HEAD ---- */

struct orphans {
	struct revwalk *walk;
};

static int push_ref(const char *name, const struct oid *oid, unsigned flags, void *payload)
{
	struct orphans *o = payload;

	(void)name;
	(void)flags;
	if (revwalk_push(o->walk, oid, 1) < 0)
		ug_error_clear();	/* a tag of a tree or blob hides no commit */
	return 0;
}

/*
 * git's orphaned_commit_warning(): leaving a detached HEAD whose commits
 * no ref (and not the new HEAD) reaches warns about them; otherwise it
 * says where HEAD was.
 */
static void leave_detached(struct repo *repo, const struct oid *old, const struct oid *new)
{
	struct orphans o = { revwalk_new(repo, &(struct revwalk_options)REVWALK_OPTIONS_INIT) };
	struct strbuf lost = STRBUF_INIT, msg = STRBUF_INIT;
	struct revwalk_commit *c;
	char hex[UG_OID_HEXSZ + 1];
	int n = 0;

	if (revwalk_push(o.walk, old, 0) < 0 || (new && revwalk_push(o.walk, new, 1) < 0) ||
	    refs_for_each(repo, "refs/", push_ref, &o) < 0)
		die("%s", ug_error_last());
	while (revwalk_next(&c, o.walk) > 0) {
		if (++n <= 4) {
			strbuf_addstr(&lost, "  ");
			describe_commit(&lost, repo, &c->oid);
			strbuf_addch(&lost, '\n');
		}
	}
	revwalk_free(o.walk);
	if (!n) {
		strbuf_addstr(&msg, "Previous HEAD position was ");
		describe_commit(&msg, repo, old);
		fprintf(stderr, "%s\n", msg.buf);
	} else {
		if (n > 4)
			strbuf_addf(&lost, " ... and %d more.\n", n - 4);
		fprintf(stderr, "Warning: you are leaving %d commit%s behind, not connected to\n"
			"any of your branches:\n\n%s\n"
			"If you want to keep %s by creating a new branch, this may be a good time\n"
			"to do so with:\n\n git branch <new-branch-name> %.*s\n\n",
			n, n == 1 ? "" : "s", lost.buf, n == 1 ? "it" : "them",
			odb_unique_abbrev_len(repo->odb, old, 7), oid_to_hex(hex, old));
	}
	strbuf_release(&lost);
	strbuf_release(&msg);
}

static const char detached_advice[] =
	"You are in 'detached HEAD' state. You can look around, make experimental\n"
	"changes and commit them, and you can discard any commits you make in this\n"
	"state without impacting any branches by switching back to a branch.\n"
	"\n"
	"If you want to create a new branch to retain commits you create, you may\n"
	"do so (now or later) by using -c with the switch command. Example:\n"
	"\n"
	"  git switch -c <new-branch-name>\n"
	"\n"
	"Or undo this operation with:\n"
	"\n"
	"  git switch -\n"
	"\n"
	"Turn off this advice by setting config variable advice.detachedHead to false\n"
	"\n";

static int advice_detached_head(struct repo *repo)
{
	int on = 1;

	if (repo->config && config_get_bool(&on, repo->config, "advice.detachedhead") < 0) {
		ug_error_clear();
		on = 1;
	}
	return on;
}

/* ---- switching ---- */

/* "refs/heads/<name>" into `out`, or git's death for a bad branch name. */
static void branch_ref_or_die(struct strbuf *out, const char *name)
{
	strbuf_setlen(out, 0);
	strbuf_addf(out, "refs/heads/%s", name);
	if (*name == '-' || !strcmp(name, "HEAD") || !refname_is_valid(out->buf, 0))
		die("'%s' is not a valid branch name", name);
}

static int ref_exists(struct repo *repo, const char *ref)
{
	struct oid oid;
	int err = refs_resolve(&oid, repo, ref);

	ug_error_clear();
	return err == 0;
}

/* -b/-B: make the new branch point at the target (after the work tree moved). */
static void create_branch(struct co_opts *o, const char *ref, int exists,
			  const struct target *t, const char *start)
{
	struct strbuf ident = STRBUF_INIT, msg = STRBUF_INIT;
	struct oid none;

	oid_clear(&none);
	strbuf_addf(&msg, "branch: %s %s", exists ? "Reset to" : "Created from", start);
	reflog_ident(&ident, o->repo);
	if (refs_update(o->repo, ref, &t->commit, exists ? NULL : &none, REFS_UPDATE_NO_DEREF,
			&(struct refs_log){ ident.buf, msg.buf }) < 0)
		die("%s", ug_error_last());
	strbuf_release(&ident);
	strbuf_release(&msg);
}

/* Point HEAD at the target, with git's reflog message. */
static void move_head(struct co_opts *o, const struct head_state *old, const struct target *t,
		      const char *to)
{
	struct strbuf ident = STRBUF_INIT, msg = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1];
	const char *from = old->ref.len ? branch_name(old->ref.buf) : oid_to_hex(hex, &old->oid);
	struct refs_log log;
	int err;

	reflog_ident(&ident, o->repo);
	strbuf_addf(&msg, "checkout: moving from %s to %s", from, to);
	log = (struct refs_log){ ident.buf, msg.buf };
	if (t->ref.len)
		err = refs_update_symbolic(o->repo, "HEAD", t->ref.buf, &log);
	else
		err = refs_update(o->repo, "HEAD", &t->commit, NULL, REFS_UPDATE_NO_DEREF, &log);
	if (err < 0)
		die("%s", ug_error_last());
	strbuf_release(&ident);
	strbuf_release(&msg);
}

static void report_switch(struct co_opts *o, const struct head_state *old,
			  const struct target *t, int existed)
{
	struct strbuf desc = STRBUF_INIT;
	const char *name = t->ref.len ? branch_name(t->ref.buf) : NULL;

	if (o->quiet)
		return;
	if (name && o->new_branch && o->force_new && existed)
		fprintf(stderr, !strcmp(old->ref.buf, t->ref.buf) ? "Reset branch '%s'\n"
			: "Switched to and reset branch '%s'\n", name);
	else if (name && o->new_branch)
		fprintf(stderr, "Switched to a new branch '%s'\n", name);
	else if (name && !strcmp(old->ref.buf, t->ref.buf))
		fprintf(stderr, "Already on '%s'\n", name);
	else if (name)
		fprintf(stderr, "Switched to branch '%s'\n", name);
	else {
		/* detaching says where HEAD is, even if the commit did not change */
		if (old->ref.len && !o->detach && advice_detached_head(o->repo))
			fprintf(stderr, "Note: switching to '%s'.\n\n%s", t->name, detached_advice);
		describe_commit(&desc, o->repo, &t->commit);
		fprintf(stderr, "HEAD is now at %s\n", desc.buf);
	}
	strbuf_release(&desc);
}

/* git's refusal when the index has unmerged entries. */
static int refuse_unmerged(const struct index *idx)
{
	size_t i;

	for (i = 0; i < idx->nr; i++)
		if (index_entry_stage(idx->entries[i]) &&
		    (!i || strcmp(idx->entries[i - 1]->name, idx->entries[i]->name)))
			printf("%s: needs merge\n", idx->entries[i]->name);	/* stdout, as git */
	fflush(stdout);
	error("you need to resolve your current index first");
	return 1;
}

/*
 * The two-way merge (or with -f the reset) of the index and work tree
 * from HEAD's tree to the target's, under the index lock.  Returns 0, or
 * 1 after printing git's refusal (nothing was changed then).
 */
static int move_work_tree(struct co_opts *o, const struct head_state *old,
			  const struct oid *new_tree)
{
	struct unpack_result res = UNPACK_RESULT_INIT;
	struct strbuf errs = STRBUF_INIT;
	struct index idx = INDEX_INIT;
	struct oid old_tree;
	int err, ret = 0;
	size_t i;

	if (old->has_commit)
		read_commit(&old_tree, NULL, o->repo, &old->oid);
	lock_index_or_die(&idx, o->repo);
	if (index_has_unmerged(&idx) && !o->force) {
		ret = refuse_unmerged(&idx);
		goto done;
	}
	err = unpack_trees(&res, o->repo, &idx, &(struct unpack_options){
		o->force ? UNPACK_RESET : UNPACK_TWOWAY, UNPACK_UPDATE,
		old->has_commit ? &old_tree : NULL, new_tree });
	if (err == UG_ECONFLICT || err == UG_EINVALID) {
		unpack_format_errors(&errs, &res, "checkout");
		fflush(stdout);
		fputs(errs.buf, stderr);
		ret = 1;
		goto done;
	}
	if (err)
		die("%s", ug_error_last());
	for (i = 0; i < res.dirs_kept.nr; i++)
		warning("unable to unlink '%s': Is a directory", res.dirs_kept.items[i]);
	commit_index_or_die(&idx);
	if (!o->force && !o->quiet)
		show_local_changes(o->repo, &idx, new_tree);
done:
	index_release(&idx);	/* rolls the lock back if it is still held */
	unpack_result_release(&res);
	strbuf_release(&errs);
	return ret;
}

/*
 * Switch: move the work tree (unless staying on an unborn branch), create
 * the -b/-B branch, then point HEAD at the target.  Returns the exit code.
 */
static int switch_branches(struct co_opts *o, struct target *t, const char *start)
{
	struct head_state old = { STRBUF_INIT, { { 0 } }, 0 };
	struct strbuf new_ref = STRBUF_INIT;
	struct oid new_tree;
	int existed = 0, ret = 0, nothing_to_do;

	read_head(&old, o->repo);
	if (o->new_branch) {
		branch_ref_or_die(&new_ref, o->new_branch);
		existed = ref_exists(o->repo, new_ref.buf);
		if (existed && !o->force_new)
			die("a branch named '%s' already exists", o->new_branch);
	}
	/* "checkout" or "checkout HEAD" only carries local changes over */
	nothing_to_do = !o->new_branch && !o->detach && !t->ref.len && !strcmp(t->name, "HEAD");
	if (t->has_commit) {
		read_commit(&new_tree, NULL, o->repo, &t->commit);
		ret = move_work_tree(o, &old, &new_tree);
		if (ret)
			goto done;
	}
	if (o->new_branch) {
		if (t->has_commit)
			create_branch(o, new_ref.buf, existed, t, start);
		strbuf_setlen(&t->ref, 0);
		strbuf_addbuf(&t->ref, &new_ref);
	}
	if (!o->quiet && !old.ref.len && old.has_commit && t->has_commit &&
	    !oid_eq(&old.oid, &t->commit))
		leave_detached(o->repo, &old.oid, &t->commit);
	if (!nothing_to_do) {
		move_head(o, &old, t, t->ref.len ? branch_name(t->ref.buf) : t->name);
		report_switch(o, &old, t, existed);
	}
done:
	strbuf_release(&old.ref);
	strbuf_release(&new_ref);
	return ret;
}

/* ---- restoring paths ---- */

struct path_job {
	struct co_opts *o;
	struct index idx;
	struct pathspec ps;
	char *seen;
	char **paths;			/* index entries to write out */
	size_t nr, alloc;
};

static void job_add(struct path_job *j, const char *path)
{
	ALLOC_GROW(j->paths, j->nr + 1, j->alloc);
	j->paths[j->nr++] = xstrdup(path);
}

/*
 * `checkout <tree-ish> -- <paths>`: the tree's entries the pathspec
 * selects go into the index (an entry that is already the same keeps its
 * stat data) and are then written out.
 */
static void paths_from_tree(struct path_job *j, const struct oid *tree, struct strbuf *prefix)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct tree t = TREE_INIT;
	size_t i, base = prefix->len;

	if (odb_read(&obj, j->o->repo->odb, tree) < 0 ||
	    tree_parse(&t, obj.data.buf, obj.data.len) < 0)
		die("%s", ug_error_last());
	for (i = 0; i < t.nr; i++) {
		const struct tree_entry *e = &t.entries[i];
		struct index_entry *ce;

		strbuf_add(prefix, e->name, e->namelen);
		if (e->mode == TREE_MODE_DIR) {
			strbuf_addch(prefix, '/');
			if (pathspec_reaches_dir(&j->ps, prefix->buf, prefix->len))
				paths_from_tree(j, &e->oid, prefix);
		} else if (pathspec_match(&j->ps, prefix->buf, j->seen)) {
			if (!index_path_is_valid(prefix->buf, e->mode) || strchr(e->name, '/'))
				die("invalid path '%s'", prefix->buf);
			ce = index_get(&j->idx, prefix->buf, 0);
			if (!ce || ce->mode != e->mode || !oid_eq(&ce->oid, &e->oid)) {
				ce = index_entry_new(prefix->buf, prefix->len, e->mode, &e->oid, 0);
				if (index_add(&j->idx, ce, INDEX_ADD_REPLACE) < 0)
					die("%s", ug_error_last());
			}
			job_add(j, prefix->buf);
		}
		strbuf_setlen(prefix, base);
	}
	tree_release(&t);
	odb_object_release(&obj);
}

/* `checkout -- <paths>`: the index's entries the pathspec selects. */
static int paths_from_index(struct path_job *j)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < j->idx.nr; i++) {
		const struct index_entry *ce = j->idx.entries[i];

		if (!pathspec_match(&j->ps, ce->name, j->seen))
			continue;
		if (index_entry_stage(ce)) {
			if (i && !strcmp(j->idx.entries[i - 1]->name, ce->name))
				continue;
			if (j->o->force)
				warning("path '%s' is unmerged", ce->name);
			else
				bad = error("path '%s' is unmerged", ce->name);
			continue;
		}
		job_add(j, ce->name);
	}
	return bad;
}

/* Write the selected entries that the work tree does not hold already; returns how many. */
static int write_paths(struct path_job *j)
{
	struct entry_state es = ENTRY_STATE_INIT;
	int written = 0;
	size_t i;

	if (entry_state_open(&es, j->o->repo->worktree) < 0)
		die("%s", ug_error_last());
	for (i = 0; i < j->nr; i++) {
		int pos = index_find(&j->idx, j->paths[i], strlen(j->paths[i]), 0);
		struct index_entry *ce = j->idx.entries[pos];
		struct stat st;
		unsigned mode;

		if (!entry_lstat(&st, &es, ce->name) && !S_ISDIR(st.st_mode) &&
		    index_entry_uptodate(&j->idx, ce, &st) == 1)
			continue;
		ug_error_clear();
		if (entry_write(&st, &es, j->o->repo->odb, ce->name, ce->mode, &ce->oid,
				ENTRY_FORCE) < 0)
			die("%s", ug_error_last());
		mode = ce->mode;
		index_entry_fill_stat(ce, &st);
		ce->mode = mode;	/* the tree's mode, whatever the file system says */
		written++;
	}
	entry_state_release(&es);
	return written;
}

static int checkout_paths(struct co_opts *o, const char *treeish, char **paths, size_t nr)
{
	struct path_job j = { o, INDEX_INIT, PATHSPEC_INIT, NULL, NULL, 0, 0 };
	struct strbuf prefix = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1];
	struct oid oid, tree;
	size_t i;
	int bad = 0, written;

	if (o->new_branch)
		die("'%s' is not a commit and a branch '%s' cannot be created from it",
		    treeish ? treeish : paths[0], o->new_branch);
	if (o->detach)
		die("git checkout: --detach does not take a path argument '%s'",
		    treeish ? treeish : paths[0]);
	if (treeish && (resolve_object_name(&oid, o->repo, treeish, 0) < 0 ||
			revparse_peel(&tree, o->repo, &oid, OBJ_TREE) < 0))
		die("invalid reference: %s", treeish);
	if (pathspec_parse(&j.ps, o->repo, paths, nr) < 0)
		die("%s", ug_error_last());
	j.seen = xcalloc(j.ps.nr + 1, 1);
	lock_index_or_die(&j.idx, o->repo);
	if (treeish)
		paths_from_tree(&j, &tree, &prefix);
	else
		bad = paths_from_index(&j);
	for (i = 0; i < j.ps.nr; i++)
		if (!j.seen[i])
			bad = error("pathspec '%s' did not match any file(s) known to git",
				    j.ps.items[i].original);
	if (bad) {
		index_rollback(&j.idx);
	} else {
		written = write_paths(&j);
		commit_index_or_die(&j.idx);
		if (!o->quiet && !o->has_dash_dash && treeish)
			fprintf(stderr, "Updated %d path%s from %.*s\n", written, written == 1 ? "" : "s",
				odb_unique_abbrev_len(o->repo->odb, &tree, 7), oid_to_hex(hex, &tree));
		else if (!o->quiet && !o->has_dash_dash)
			fprintf(stderr, "Updated %d path%s from the index\n", written,
				written == 1 ? "" : "s");
	}
	for (i = 0; i < j.nr; i++)
		free(j.paths[i]);
	free(j.paths);
	free(j.seen);
	pathspec_release(&j.ps);
	index_release(&j.idx);
	strbuf_release(&prefix);
	return bad ? 1 : 0;
}

/* ---- the command lines ---- */

/*
 * What `arg` names: a branch (to attach HEAD to, unless --detach) or a
 * commit (to detach at).  Returns 1 if found, 0 if `arg` is no revision,
 * -1 if it names an object that is not a commit.
 */
static int resolve_target(struct co_opts *o, const char *arg, struct target *t)
{
	struct oid oid;

	t->name = arg;
	strbuf_setlen(&t->ref, 0);
	strbuf_addf(&t->ref, "refs/heads/%s", arg);
	if (!o->detach && refname_is_valid(t->ref.buf, 0) &&
	    !refs_resolve(&t->commit, o->repo, t->ref.buf)) {
		t->has_commit = 1;
		return 1;
	}
	ug_error_clear();
	strbuf_setlen(&t->ref, 0);
	if (resolve_object_name(&oid, o->repo, arg, 0) < 0) {
		ug_error_clear();
		return 0;
	}
	if (revparse_peel(&t->commit, o->repo, &oid, OBJ_COMMIT) < 0) {
		ug_error_clear();
		return -1;
	}
	t->has_commit = 1;
	return 1;
}

/* The target when none is given: where HEAD is (maybe an unborn branch). */
static void target_head(struct co_opts *o, struct target *t)
{
	t->name = "HEAD";
	strbuf_setlen(&t->ref, 0);
	t->has_commit = !refs_resolve(&t->commit, o->repo, "HEAD");
	ug_error_clear();
}

/*
 * Split argv at the first "--": options and the target before it, paths
 * after.  getopt_long() would move arguments across it.
 */
static int split_dash_dash(struct co_opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--"))
			break;
	o->has_dash_dash = i < argc;
	if (o->has_dash_dash) {
		o->paths = argv + i + 1;
		o->paths_nr = (size_t)(argc - i - 1);
	}
	return i;
}

static int parse_checkout_options(struct co_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "detach", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	int c, end = split_dash_dash(o, argc, argv);

	optind = 1;
	while ((c = getopt_long(end, argv, ":b:B:fqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'b': o->new_branch = optarg; o->force_new = 0; break;
		case 'B': o->new_branch = optarg; o->force_new = 1; break;
		case 'f': o->force = 1; break;
		case 'q': o->quiet = 1; break;
		case 'D': o->detach = 1; break;
		case 'h': exit(usage_help(checkout_usage));
		default: exit(usage_bad_option(checkout_usage, longopts, argv, c));
		}
	}
	o->args = argv + optind;
	o->args_nr = (size_t)(end - optind);
	if (o->new_branch && o->detach)
		die("'%s' cannot be used with '%s'", "--detach", "-b/-B/--orphan");
	return 0;
}

/* checkout with a first argument (and no "--"): a revision, else paths. */
static int checkout_arg(struct co_opts *o, struct target *t, struct strbuf *prev)
{
	const char *arg = o->args[0];
	int r;

	arg = previous_checkout(prev, o->repo, arg);
	r = resolve_target(o, arg, t);
	if (r != 0 && o->args_nr > 1)
		return checkout_paths(o, arg, o->args + 1, o->args_nr - 1);
	if (r < 0)
		die("Cannot switch branch to a non-commit '%s'", arg);
	if (r > 0)
		return switch_branches(o, t, o->new_branch ? arg : NULL);
	if (o->new_branch)
		die("'%s' is not a commit and a branch '%s' cannot be created from it",
		    arg, o->new_branch);
	if (o->detach)
		die("git checkout: --detach does not take a path argument '%s'", arg);
	return checkout_paths(o, NULL, o->args, o->args_nr);
}

int cmd_checkout(int argc, char **argv, struct repo *repo)
{
	struct co_opts o = { 0 };
	struct target t = { NULL, STRBUF_INIT, { { 0 } }, 0 };
	struct strbuf prev = STRBUF_INIT;
	int ret;

	o.repo = repo;
	parse_checkout_options(&o, argc, argv);
	if (o.has_dash_dash && o.args_nr > 1)
		die("only one reference expected, %d given.", (int)o.args_nr);
	if (o.has_dash_dash && o.paths_nr)
		ret = checkout_paths(&o, o.args_nr ? o.args[0] : NULL, o.paths, o.paths_nr);
	else if (o.args_nr && !o.has_dash_dash)
		ret = checkout_arg(&o, &t, &prev);
	else if (o.args_nr) {
		if (resolve_target(&o, o.args[0], &t) <= 0)
			die("invalid reference: %s", o.args[0]);
		ret = switch_branches(&o, &t, o.new_branch ? o.args[0] : NULL);
	} else {
		target_head(&o, &t);
		if (!t.has_commit && !o.new_branch)
			die("You are on a branch yet to be born");
		ret = switch_branches(&o, &t, "HEAD");
	}
	strbuf_release(&t.ref);
	strbuf_release(&prev);
	return ret;
}

/* switch refuses to detach HEAD unless told: what did the user name instead? */
static void die_not_a_branch(struct repo *repo, const char *arg)
{
	struct strbuf full = STRBUF_INIT;
	struct oid oid;
	const char *kind = "commit";

	if (revparse_dwim_ref(&oid, &full, NULL, repo, arg) > 0) {
		if (starts_with(full.buf, "refs/tags/"))
			kind = "tag";
		else if (starts_with(full.buf, "refs/remotes/"))
			kind = "remote branch";
	}
	ug_error_clear();
	fprintf(stderr, "fatal: a branch is expected, got %s '%s'\n"
		"hint: If you want to detach HEAD at the commit, try again with the --detach option.\n",
		kind, arg);
	exit(128);
}

static void parse_switch_options(struct co_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "create", required_argument, NULL, 'c' },
		{ "force-create", required_argument, NULL, 'C' },
		{ "detach", no_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ "discard-changes", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":c:C:dfqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': o->new_branch = optarg; o->force_new = 0; break;
		case 'C': o->new_branch = optarg; o->force_new = 1; break;
		case 'd': o->detach = 1; break;
		case 'f': o->force = 1; break;
		case 'q': o->quiet = 1; break;
		case 'h': exit(usage_help(switch_usage));
		default: exit(usage_bad_option(switch_usage, longopts, argv, c));
		}
	}
	o->args = argv + optind;
	o->args_nr = (size_t)(argc - optind);
	if (o->new_branch && o->detach)
		die("'%s' cannot be used with '%s'", "--detach", "-b/-B/--orphan");
}

int cmd_switch(int argc, char **argv, struct repo *repo)
{
	struct co_opts o = { 0 };
	struct target t = { NULL, STRBUF_INIT, { { 0 } }, 0 };
	struct strbuf prev = STRBUF_INIT;
	const char *arg;
	int ret, r;

	o.repo = repo;
	o.is_switch = 1;
	parse_switch_options(&o, argc, argv);
	if (o.args_nr > 1)
		die("only one reference expected");
	if (!o.args_nr && !o.new_branch && !o.detach)
		die("missing branch or commit argument");
	if (!o.args_nr) {
		target_head(&o, &t);
		ret = switch_branches(&o, &t, "HEAD");
		goto done;
	}
	arg = o.args[0];
	arg = previous_checkout(&prev, repo, arg);
	if (!strcmp(arg, "-"))
		die("invalid reference: @{-1}");
	r = resolve_target(&o, arg, &t);
	if (r <= 0)
		die("invalid reference: %s", arg);
	if (!t.ref.len && !o.detach && !o.new_branch)
		die_not_a_branch(repo, arg);
	ret = switch_branches(&o, &t, arg);
done:
	strbuf_release(&t.ref);
	strbuf_release(&prev);
	return ret;
}
