/* reset: move HEAD, and make the index (and with --hard the work tree) match a commit, as git 2.39 does. */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/commit.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/index.h"
#include "ugit/message.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/pathspec.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/strbuf.h"
#include "ugit/unpack.h"
#include "ugit/worktree.h"
#include "ugit/xalloc.h"

const char reset_usage[] =
	"usage: ugit reset [--mixed | --soft | --hard | --keep] [-q] [<commit>]\n"
	"   or: ugit reset [-q] [<tree-ish>] [--] <pathspec>...\n"
	"\n"
	"    -q, --quiet           be quiet, only report errors\n"
	"    --no-refresh          skip refreshing the index after reset\n"
	"    --mixed               reset HEAD and index\n"
	"    --soft                reset only HEAD\n"
	"    --hard                reset HEAD, index and working tree\n"
	"    --keep                reset HEAD but keep local changes\n"
	"    -N, --intent-to-add   record only the fact that removed paths will be added later\n";

/* git's reset_type: NONE until an option says otherwise (then MIXED). */
enum reset_type { RESET_NONE, RESET_MIXED, RESET_SOFT, RESET_HARD, RESET_KEEP };
static const char *const type_names[] = { NULL, "mixed", "soft", "hard", "keep" };

/* git's well-known id of the tree with nothing in it */
static const char empty_tree_hex[] = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

struct reset_opts {
	struct repo *repo;
	enum reset_type type;
	int quiet, no_refresh, intent_to_add;
	const char *rev;	/* what the user typed; "HEAD" by default */
	struct pathspec ps;
	struct oid oid;		/* the commit (or, with paths, the tree) to reset to */
	struct oid tree;	/* its tree */
	int unborn;		/* HEAD names a branch with no commit yet */
};

/*
 * Options may come anywhere before "--", as git's parse-options allows
 * ("reset HEAD -q"), but the "--" itself must survive: it tells the
 * revision from the paths.  So getopt sees only what comes before it,
 * and *args receives the rest in order, "--" included: getopt moves
 * the non-options it skips to the end of its share, which then runs
 * straight on into the "--", so the rest is argv's own tail.
 */
static int parse_options(struct reset_opts *o, char ***args, int *nr,
			 int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "no-quiet", no_argument, NULL, 'Q' },
		{ "refresh", no_argument, NULL, 'r' },
		{ "no-refresh", no_argument, NULL, 'R' },
		{ "mixed", no_argument, NULL, 'm' },
		{ "soft", no_argument, NULL, 's' },
		{ "hard", no_argument, NULL, 'h' },
		{ "keep", no_argument, NULL, 'k' },
		{ "intent-to-add", no_argument, NULL, 'N' },
		{ "no-intent-to-add", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int c, dashdash = 1;

	while (dashdash < argc && strcmp(argv[dashdash], "--"))
		dashdash++;
	while ((c = getopt_long(dashdash, argv, ":qN", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': o->quiet = 1; break;
		case 'Q': o->quiet = 0; break;
		case 'r': o->no_refresh = 0; break;
		case 'R': o->no_refresh = 1; break;
		/* the last mode given wins, as with git's OPT_SET_INT */
		case 'm': o->type = RESET_MIXED; break;
		case 's': o->type = RESET_SOFT; break;
		case 'h': o->type = RESET_HARD; break;
		case 'k': o->type = RESET_KEEP; break;
		case 'N': o->intent_to_add = 1; break;
		case 'n': o->intent_to_add = 0; break;
		default: return usage_bad_option(reset_usage, longopts, argv, c);
		}
	}
	*args = argv + optind;
	*nr = argc - optind;
	return 0;
}

static const char ambiguous_hint[] =
	"Use '--' to separate paths from revisions, like this:\n"
	"'git <command> [<revision>...] -- [<file>...]'";

/*
 * git's check_filename(): does `arg` exist?  ugit never changes the
 * current directory, so a path as given is relative to the right place.
 */
static int names_a_file(const char *arg)
{
	struct stat st;

	if (lstat(arg, &st) == 0)
		return 1;
	if (errno != ENOENT && errno != ENOTDIR)
		die_errno("failed to stat '%s'", arg);
	return 0;
}

/* Glob characters or ":(magic)" make an argument a pathspec whether or not it exists. */
static int looks_like_pathspec(const char *arg)
{
	const char *p;

	for (p = arg; *p; p++) {
		if (*p == '\\' && p[1])
			p++;	/* an escaped glob character is literal */
		else if (*p == '*' || *p == '?' || *p == '[')
			return 1;
	}
	return !strncmp(arg, ":(", 2);
}

/* A name is a revision if it resolves (git's get_oid_committish/treeish). */
static int is_revision(struct reset_opts *o, const char *arg)
{
	struct oid oid;
	int err = resolve_object_name(&oid, o->repo, arg, 0);

	if (err && err != UG_ENOTFOUND && err != UG_EAMBIGUOUS)
		die("%s", ug_error_last());	/* a damaged ref store */
	return !err;
}

/* git's verify_filename(): `arg` is not a revision, so it must be a path. */
static void verify_filename(struct reset_opts *o, const char *arg)
{
	struct oid oid;

	if (*arg == '-')
		die("option '%s' must come before non-option arguments", arg);
	if (looks_like_pathspec(arg) || names_a_file(arg))
		return;
	/* "HEAD:nope" deserves git's more precise complaint */
	if (!(arg[0] == ':' && !isalnum((unsigned char)arg[1])) &&
	    resolve_object_name(&oid, o->repo, arg, REVPARSE_QUIET | REVPARSE_EXPLAIN) ==
	    UG_EINVALID)
		die("%s", ug_error_last());
	die("ambiguous argument '%s': unknown revision or path not in the working tree.\n%s",
	    arg, ambiguous_hint);
}

/*
 * git's parse_args(): "[<rev>] [--] [<paths>...]".  Without "--", a lone
 * argument is a revision if it names a commit and a path otherwise; of
 * several, the first is a revision if it names a tree.  A revision must
 * not also be a file, and a path must exist (or be a pattern).
 */
static void parse_args(struct reset_opts *o, int argc, char **argv)
{
	int i = 0;

	o->rev = "HEAD";
	if (i < argc) {
		if (!strcmp(argv[i], "--")) {
			i++;
		} else if (i + 1 < argc && !strcmp(argv[i + 1], "--")) {
			o->rev = argv[i];
			i += 2;
		} else if (is_revision(o, argv[i])) {
			if (o->repo->worktree && names_a_file(argv[i]))
				die("ambiguous argument '%s': both revision and filename\n%s",
				    argv[i], ambiguous_hint);
			o->rev = argv[i++];
		} else {
			verify_filename(o, argv[i]);
		}
	}
	if (i < argc && pathspec_parse(&o->ps, o->repo, argv + i, argc - i) < 0)
		die("%s", ug_error_last());
}

/*
 * The commit (no paths) or tree (paths) to reset to, as git reports a
 * failure: "Failed to resolve..." for a name that means nothing, git's
 * "error: object <id> is a tree, not a commit" and "Could not parse
 * object" for one of the wrong type.  An unborn HEAD resets to the empty
 * tree.
 */
static void resolve_target(struct reset_opts *o)
{
	enum object_type want = o->ps.nr ? OBJ_TREE : OBJ_COMMIT;
	struct oid oid, head;
	int err;

	if (!strcmp(o->rev, "HEAD") && refs_resolve(&head, o->repo, "HEAD") < 0) {
		ug_error_clear();
		o->unborn = 1;
		oid_from_hex(&o->oid, empty_tree_hex);
		o->tree = o->oid;
		return;
	}
	if (resolve_object_name(&oid, o->repo, o->rev, 0) < 0)
		die("Failed to resolve '%s' as a valid %s.", o->rev,
		    o->ps.nr ? "tree" : "revision");
	err = revparse_peel(&o->oid, o->repo, &oid, want);
	if (err == UG_EINVALID) {
		/* git explains a commit that is not one, not a tree */
		if (want == OBJ_COMMIT)
			error("%s", ug_error_last());
		die("Could not parse object '%s'.", o->rev);
	}
	if (!err)
		err = revparse_peel(&o->tree, o->repo, &o->oid, OBJ_TREE);
	if (err)
		die("%s", ug_error_last());
}

/* ---- the index ---- */

/*
 * The pathspec chooses which entries of the tree reset reads: subtrees
 * no item reaches are never read, so "reset -- one/file" costs one
 * path's trees.  As in git, only a path about to enter the index must
 * be one git accepts (INDEX_ADD_NO_CHECK here; the caller checks).
 */
static int reaches_dir(const char *path, size_t len, void *ps)
{
	return pathspec_reaches_dir(ps, path, len);
}

static int matches_file(const char *path, void *ps)
{
	return pathspec_match(ps, path, NULL);
}

static void root_tree(const struct oid *oid, const char *path, void *payload)
{
	if (!*path)
		*(struct oid *)payload = *oid;
}

/*
 * A valid cache-tree says which tree the whole index makes: if that is
 * the tree we reset to, there is nothing to do ("git reset" with no
 * arguments, the usual case, then reads no tree at all).
 */
static int index_is_tree(const struct index *idx, const struct oid *tree)
{
	struct oid root = { { 0 } };
	size_t i;

	index_for_each_cached_tree(idx, root_tree, &root);
	if (!oid_eq(&root, tree))
		return 0;
	/* entries a tree cannot hold: the cache-tree does not count them */
	for (i = 0; i < idx->nr; i++)
		if (index_entry_stage(idx->entries[i]) ||
		    (idx->entries[i]->flags & INDEX_INTENT_TO_ADD))
			return 0;
	return 1;
}

/*
 * -N: a path the tree lacks stays in the index as "intent to add" - an
 * empty blob (which git stores) and a flag - so that diff and commit -a
 * still see the file, but the next commit does not hold it yet.  Its
 * unmerged stages go.
 */
static void mark_intent_to_add(struct index *idx, size_t pos, struct repo *repo)
{
	struct index_entry *ce = idx->entries[pos], *ne;
	struct oid empty;

	if (odb_write(&empty, repo->odb, "blob", "", 0) < 0)
		die("cannot create an empty blob in the object database");
	ne = index_entry_new(ce->name, ce->namelen, 0100644, &empty, 0);
	ne->flags |= INDEX_INTENT_TO_ADD;
	if (index_add(idx, ne, INDEX_ADD_REPLACE | INDEX_ADD_NO_CHECK) < 0)
		die("%s", ug_error_last());
}

/*
 * git's read_from_tree(): make the entries the pathspec selects what the
 * tree `oid` holds.  Only paths whose mode or blob differ are touched
 * (the rest keep their stat data, so files need not be hashed again);
 * paths the tree lacks leave the index; unmerged paths become the tree's
 * entry.  This is a diff of the tree against the index applied path by
 * path, not a merge: git's --mixed works this way with or without paths.
 */
static void index_from_tree(struct index *idx, struct reset_opts *o)
{
	struct index tree = INDEX_INIT;
	struct index_tree_filter by_pathspec = { reaches_dir, matches_file, &o->ps,
						  INDEX_ADD_NO_CHECK };
	size_t i;

	if (!o->ps.nr && !o->unborn && index_is_tree(idx, &o->tree))
		return;

	/* the empty tree need not exist as an object (an unborn HEAD) */
	if (!o->unborn &&
	    index_read_tree_filtered(&tree, o->repo->odb, &o->tree, &by_pathspec) < 0)
		die("%s", ug_error_last());
	/* removals first, so that no "a" vs "a/b" clash is left for the additions */
	for (i = idx->nr; i-- > 0;) {
		const struct index_entry *ce;

		if (i >= idx->nr)
			continue;	/* -N on an unmerged path took its other stages */
		ce = idx->entries[i];
		if (pathspec_match(&o->ps, ce->name, NULL) &&
		    !index_get(&tree, ce->name, 0)) {
			if (o->intent_to_add && !(ce->flags & INDEX_INTENT_TO_ADD))
				mark_intent_to_add(idx, i, o->repo);
			else if (!o->intent_to_add)
				index_remove_at(idx, i);
		}
	}
	for (i = 0; i < tree.nr; i++) {
		const struct index_entry *te = tree.entries[i];
		const struct index_entry *cur;
		struct index_entry *ne;
		int pos;

		if (!pathspec_match(&o->ps, te->name, NULL))
			continue;
		cur = index_get(idx, te->name, 0);
		pos = index_find(idx, te->name, te->namelen, 0);
		if (cur && cur->mode == te->mode && oid_eq(&cur->oid, &te->oid) &&
		    !((size_t)pos + 1 < idx->nr &&
		      !strcmp(idx->entries[pos + 1]->name, te->name)))
			continue;	/* unchanged and not unmerged: keep its stat data */
		if (!index_path_is_valid(te->name, te->mode)) {
			error("invalid path '%s'", te->name);
			die("make_cache_entry failed for path '%s'", te->name);
		}
		ne = index_entry_new(te->name, te->namelen, te->mode, &te->oid, 0);
		if (cur)
			ne->flags |= cur->flags & INDEX_SKIP_WORKTREE;
		if (index_add(idx, ne, INDEX_ADD_REPLACE | INDEX_ADD_NO_CHECK) < 0)
			die("%s", ug_error_last());
	}
	index_release(&tree);
}

/* git's TYPE_CHANGED: the file is no longer of the kind the entry records. */
static int type_changed(const struct index_entry *ce, const struct stat *st)
{
	switch (ce->mode & S_IFMT) {
	case S_IFREG: return !S_ISREG(st->st_mode);
	case S_IFLNK: return !S_ISLNK(st->st_mode);
	default: return !S_ISDIR(st->st_mode);	/* a gitlink */
	}
}

/*
 * The letter git gives a changed entry.  Only a file that is not there
 * (ENOENT) is "D": below a path that became a file (ENOTDIR) git says
 * "M", and a directory where a file was is a type change, "T".
 */
static char change_code(int topfd, const struct index_entry *ce, int status,
			const struct stat *st)
{
	struct stat now;

	int missing = 0;

	if (status == WT_DELETED) {
		if (fstatat(topfd, ce->name, &now, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno == ENOENT)
				return 'D';
			missing = 1;
		}
		st = &now;
	}
	if (ce->flags & INDEX_INTENT_TO_ADD)
		return 'A';	/* it never held anything else */
	return !missing && type_changed(ce, st) ? 'T' : 'M';
}

/*
 * git's has_symlink_leading_path(): a file seen through a symbolic link
 * is not the tracked file, whatever lstat() finds there - git calls it
 * deleted.  (Below a regular file, lstat() itself fails: ENOTDIR.)  Entries come
 * sorted, so the answer for the last directory is kept and each
 * directory is looked at about once.
 */
struct leading_cache {
	struct strbuf dir;	/* the directory last checked, "" for the top */
	int bad;		/* its answer */
};

static int leading_path_is_bad(struct leading_cache *lc, int topfd, const char *name)
{
	const char *slash = strrchr(name, '/');
	size_t len = slash ? (size_t)(slash - name) : 0, i;
	struct stat st;

	if (len == lc->dir.len && !memcmp(lc->dir.buf, name, len))
		return lc->bad;
	strbuf_reset(&lc->dir);
	strbuf_add(&lc->dir, name, len);
	lc->bad = 0;
	for (i = 1; i <= len && !lc->bad; i++) {
		if (i < len && lc->dir.buf[i] != '/')
			continue;
		lc->dir.buf[i] = '\0';	/* lstat() the prefix, then put the '/' back */
		lc->bad = fstatat(topfd, lc->dir.buf, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			  S_ISLNK(st.st_mode);
		if (i < len)
			lc->dir.buf[i] = '/';
	}
	return lc->bad;
}

static void show_unstaged(int *first, int quiet, char code, const char *name)
{
	if (quiet)
		return;
	if (*first)
		puts("Unstaged changes after reset:");
	*first = 0;
	printf("%c\t%s\n", code, name);
}

/*
 * git's refresh_index() in porcelain mode, over the whole index: entries
 * whose file is unchanged get its new stat data (so that later commands
 * need not hash it); the others are listed as "M", "T", "D" ("U" for an
 * unmerged path) under "Unstaged changes after reset:".
 */
static void refresh_index(struct index *idx, struct reset_opts *o)
{
	int *status = xcalloc(idx->nr ? idx->nr : 1, sizeof(*status));
	struct stat *sts = xcalloc(idx->nr ? idx->nr : 1, sizeof(*sts));
	int topfd = worktree_open_top(o->repo), first = 1;
	struct leading_cache lc = { STRBUF_INIT, 0 };
	size_t i;

	if (topfd < 0 || worktree_status_all(status, sts, topfd, idx, NULL, NULL,
					     NULL, NULL) < 0)
		die("%s", ug_error_last());
	for (i = 0; i < idx->nr; i++) {
		struct index_entry *ce = idx->entries[i];

		if (index_entry_stage(ce)) {
			show_unstaged(&first, o->quiet, 'U', ce->name);
			while (i + 1 < idx->nr && !strcmp(idx->entries[i + 1]->name, ce->name))
				i++;
		} else if (ce->flags & (INDEX_SKIP_WORKTREE | INDEX_ASSUME_VALID)) {
			continue;
		} else if (leading_path_is_bad(&lc, topfd, ce->name)) {
			show_unstaged(&first, o->quiet, 'D', ce->name);
		} else if (status[i] == WT_DELETED || status[i] == WT_MODIFIED) {
			show_unstaged(&first, o->quiet,
				      change_code(topfd, ce, status[i], &sts[i]), ce->name);
		} else if (!index_stat_matches(ce, &sts[i])) {
			index_entry_fill_stat(ce, &sts[i]);
		}
	}
	close(topfd);
	strbuf_release(&lc.dir);
	free(status);
	free(sts);
}

static void reset_index_mixed(struct reset_opts *o)
{
	struct index idx = INDEX_INIT;
	struct oid tree;

	lock_index_or_die(&idx, o->repo);
	index_from_tree(&idx, o);
	/*
	 * After a whole reset the index is the tree: record it as the
	 * cache-tree (every tree exists already), so the next commit need
	 * not compute it.
	 */
	if (!o->ps.nr && !index_has_unmerged(&idx) &&
	    index_write_tree(&tree, &idx, o->repo->odb, 0) < 0)
		die("%s", ug_error_last());
	if (!o->no_refresh)
		refresh_index(&idx, o);
	if (index_commit(&idx) < 0)
		die("Could not write new index file.");
	index_release(&idx);
}

/*
 * --hard: git's one-way merge with the work tree updated (unpack's
 * UNPACK_RESET): the commit's tree wins everywhere, modified files are
 * rewritten, files that leave are removed, untracked files elsewhere
 * stay.  Entries that did not change keep their stat data.
 */
static void reset_index_hard(struct reset_opts *o)
{
	struct index idx = INDEX_INIT;
	struct unpack_result res = UNPACK_RESULT_INIT;
	struct unpack_options uo = { UNPACK_RESET, UNPACK_UPDATE, NULL,
				     o->unborn ? NULL : &o->tree };
	struct strbuf msg = STRBUF_INIT;
	struct oid tree;
	int err;

	lock_index_or_die(&idx, o->repo);
	err = unpack_trees(&res, o->repo, &idx, &uo);
	if (err == UG_EINVALID || err == UG_ECONFLICT)
		unpack_format_errors(&msg, &res, "checkout");
	else if (err)
		strbuf_addf(&msg, "error: %s\n", ug_error_last());
	if (err) {
		fflush(stdout);
		fputs(msg.buf, stderr);
		die("Could not reset index file to revision '%s'.", o->rev);
	}
	/* as git's prime_cache_tree(): the index is the tree now */
	if (!o->unborn && index_write_tree(&tree, &idx, o->repo->odb, 0) < 0)
		die("%s", ug_error_last());
	if (index_commit(&idx) < 0)
		die("Could not write new index file.");
	strbuf_release(&msg);
	unpack_result_release(&res);
	index_release(&idx);
}

/*
 * Why --keep stops, in the words of git's unpack_trees() when no command
 * has given it friendlier ones: one line, for the first path in the way.
 */
static void die_keep_refused(const struct unpack_result *res, const char *rev)
{
	static const char *const fmts[] = {
		"Entry '%s' would be overwritten by merge. Cannot merge.",
		"Entry '%s' not uptodate. Cannot merge.",
		"Updating '%s' would lose untracked files in it",
		"Untracked working tree file '%s' would be overwritten by merge.",
		"Untracked working tree file '%s' would be removed by merge.",
	};
	const struct unpack_paths *lists[] = {
		&res->local_changes, &res->not_uptodate, &res->not_uptodate_dir,
		&res->untracked_overwritten, &res->untracked_removed,
	};
	const char *first = NULL;
	size_t i, which = 0;

	/* git stops at the first problem on its way through the sorted paths */
	for (i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		if (lists[i]->nr && (!first || strcmp(lists[i]->items[0], first) < 0)) {
			first = lists[i]->items[0];
			which = i;
		}
	if (first)
		error(fmts[which], first);
	die("Could not reset index file to revision '%s'.", rev);
}

/*
 * --keep: git's two-way merge from HEAD's tree to the commit's, as a
 * branch switch does: files that differ between the two are updated if
 * they hold no local change, and the whole reset is refused otherwise;
 * local changes elsewhere stay in the work tree.  Then the index is made
 * the commit's tree (one-way, work tree untouched), so staged changes
 * become unstaged ones, and nothing is listed.
 */
static void reset_index_keep(struct reset_opts *o)
{
	struct index idx = INDEX_INIT;
	struct unpack_result res = UNPACK_RESULT_INIT;
	struct unpack_options uo = { UNPACK_TWOWAY, UNPACK_UPDATE, NULL, &o->tree };
	struct oid head, head_tree;
	int err;

	if (o->unborn || refs_resolve(&head, o->repo, "HEAD") < 0) {
		error("You do not have a valid HEAD.");
		die("Could not reset index file to revision '%s'.", o->rev);
	}
	if (revparse_peel(&head_tree, o->repo, &head, OBJ_TREE) < 0)
		die("%s", ug_error_last());
	uo.old_tree = &head_tree;
	lock_index_or_die(&idx, o->repo);
	err = unpack_trees(&res, o->repo, &idx, &uo);
	if (err == UG_ECONFLICT)
		die_keep_refused(&res, o->rev);
	if (err == UG_EINVALID)
		error("%s", ug_error_last());
	if (!err) {
		unpack_result_release(&res);
		uo = (struct unpack_options){ UNPACK_RESET, 0, NULL, &o->tree };
		err = unpack_trees(&res, o->repo, &idx, &uo);
	}
	if (err)
		die("Could not reset index file to revision '%s'.", o->rev);
	if (index_commit(&idx) < 0)
		die("Could not write new index file.");
	unpack_result_release(&res);
	index_release(&idx);
}

/* ---- HEAD, ORIG_HEAD and the merge state ---- */

/* "reset: moving to <rev>", or $GIT_REFLOG_ACTION's word for it. */
static void reflog_message(struct strbuf *out, const char *action, const char *rev)
{
	const char *rla = getenv("GIT_REFLOG_ACTION");

	strbuf_reset(out);
	if (rla)
		strbuf_addf(out, "%s: %s", rla, action);
	else if (rev)
		strbuf_addf(out, "reset: moving to %s", rev);
	else
		strbuf_addf(out, "reset: %s", action);
}

/*
 * git's reset_refs(): ORIG_HEAD gets the old HEAD (or goes, if HEAD had
 * none), then HEAD - or the branch it names - moves, checked against the
 * value it had.  Failures are reported as errors; returns the exit
 * status (1 if HEAD could not be moved).
 */
static int update_refs(struct reset_opts *o)
{
	struct strbuf ident = STRBUF_INIT, msg = STRBUF_INIT;
	struct oid orig, old_orig;
	int has_orig, has_old_orig, ret = 0;

	reflog_ident(&ident, o->repo);
	has_old_orig = refs_resolve(&old_orig, o->repo, "ORIG_HEAD") == 0;
	has_orig = refs_resolve(&orig, o->repo, "HEAD") == 0;
	ug_error_clear();
	if (has_orig) {
		reflog_message(&msg, "updating ORIG_HEAD", NULL);
		if (refs_update(o->repo, "ORIG_HEAD", &orig, has_old_orig ? &old_orig : NULL,
				0, &(struct refs_log){ ident.buf, msg.buf }) < 0)
			error("update_ref failed for ref 'ORIG_HEAD': %s", ug_error_last());
	} else if (has_old_orig) {
		refs_delete(o->repo, "ORIG_HEAD", &old_orig, 0, NULL);
	}
	reflog_message(&msg, "updating HEAD", o->rev);
	if (refs_update(o->repo, "HEAD", &o->oid, has_orig ? &orig : NULL, 0,
			&(struct refs_log){ ident.buf, msg.buf }) < 0) {
		error("update_ref failed for ref 'HEAD': %s", ug_error_last());
		ret = 1;
	}
	strbuf_release(&ident);
	strbuf_release(&msg);
	return ret;
}

/*
 * A reset ends a merge, cherry-pick or revert in progress: git's
 * remove_branch_state() removes what records it.  NEEDSWORK: git also
 * applies MERGE_AUTOSTASH (a stash ugit cannot make yet).
 */
static void remove_branch_state(struct repo *repo)
{
	static const char *const files[] = {
		"CHERRY_PICK_HEAD", "REVERT_HEAD", "SQUASH_MSG", "MERGE_HEAD",
		"MERGE_RR", "MERGE_MSG", "MERGE_MODE", "AUTO_MERGE",
	};
	struct strbuf path = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(*files); i++) {
		strbuf_reset(&path);
		repo_git_path(&path, repo, files[i]);
		unlink(path.buf);	/* as git: a file that is not there is fine */
	}
	strbuf_release(&path);
}

/* "HEAD is now at 1a2b3c4 subject", as git's print_new_head_line(). */
static void print_new_head(struct repo *repo, const struct oid *oid)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct commit c = COMMIT_INIT;
	struct strbuf line = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1];

	if (odb_read(&obj, repo->odb, oid) < 0)
		die_corrupt(repo, oid);
	if (commit_parse(&c, obj.data.buf, obj.data.len) < 0)
		die("%s", ug_error_last());
	strbuf_addf(&line, "HEAD is now at %.*s", odb_unique_abbrev_len(repo->odb, oid, 7),
		    oid_to_hex(hex, oid));
	if (c.message_len) {
		size_t at = line.len;

		strbuf_addch(&line, ' ');
		message_subject(&line, c.message, c.message_len);
		if (line.len == at + 1)
			strbuf_setlen(&line, at);	/* no subject, no space */
	}
	puts(line.buf);
	strbuf_release(&line);
	commit_release(&c);
	odb_object_release(&obj);
}

/* git refuses a soft reset while a merge is under way (MERGE_HEAD or conflicts). */
static void die_if_merging(struct reset_opts *o)
{
	struct strbuf path = STRBUF_INIT;
	struct index idx = INDEX_INIT;
	int merging;

	repo_git_path(&path, o->repo, "MERGE_HEAD");
	load_index_or_die(&idx, o->repo);
	merging = fs_exists(path.buf) || index_has_unmerged(&idx);
	index_release(&idx);
	strbuf_release(&path);
	if (merging)
		die("Cannot do a %s reset in the middle of a merge.", type_names[o->type]);
}

int cmd_reset(int argc, char **argv, struct repo *repo)
{
	struct reset_opts o = { 0 };
	char **args = NULL;
	int ret, nr = 0;

	o.repo = repo;
	ret = parse_options(&o, &args, &nr, argc, argv);
	if (ret)
		return ret;
	parse_args(&o, nr, args);
	resolve_target(&o);
	if (o.ps.nr && o.type == RESET_MIXED)
		warning("--mixed with paths is deprecated; use 'git reset -- <paths>' instead.");
	else if (o.ps.nr && o.type != RESET_NONE)
		die("Cannot do %s reset with paths.", type_names[o.type]);
	if (o.type == RESET_NONE)
		o.type = RESET_MIXED;
	if ((o.type == RESET_HARD || o.type == RESET_KEEP) && !repo->worktree)
		die("this operation must be run in a work tree");
	if (o.type == RESET_MIXED && !repo->worktree)
		die("mixed reset is not allowed in a bare repository");
	if (o.intent_to_add && o.type != RESET_MIXED)
		die("the option '-N' requires '--mixed'");

	if (o.type == RESET_SOFT || o.type == RESET_KEEP)
		die_if_merging(&o);
	if (o.type == RESET_MIXED)
		reset_index_mixed(&o);
	else if (o.type == RESET_KEEP)
		reset_index_keep(&o);
	else if (o.type == RESET_HARD)
		reset_index_hard(&o);

	if (!o.ps.nr && !o.unborn) {
		ret = update_refs(&o);
		if (o.type == RESET_HARD && !ret && !o.quiet)
			print_new_head(repo, &o.oid);
	}
	if (!o.ps.nr)
		remove_branch_state(repo);
	pathspec_release(&o.ps);
	return ret;
}
