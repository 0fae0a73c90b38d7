/* update-index: register file contents in the index, as git 2.39 does. */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/index.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/tree.h"

const char update_index_usage[] =
	"usage: ugit update-index [<options>] [--] [<file>...]\n"
	"\n"
	"    -q                    continue refresh even when index needs update\n"
	"    --add                 do not ignore new files\n"
	"    --replace             let files replace directories and vice-versa\n"
	"    --remove              notice files missing from worktree\n"
	"    --unmerged            refresh even if index contains unmerged entries\n"
	"    --refresh             refresh stat information\n"
	"    --really-refresh      like --refresh, but ignore assume-unchanged setting\n"
	"    --cacheinfo <mode>,<object>,<path>\n"
	"                          add the specified entry to the index\n"
	"    --chmod (+|-)x        override the executable bit of the listed files\n"
	"    --info-only           add to index only; do not add content to object database\n"
	"    --force-remove        remove named paths even if present in worktree\n"
	"    -z                    with --stdin: input lines are terminated by null bytes\n"
	"    --stdin               read list of paths to be updated from standard input\n"
	"    --index-info          add entries from standard input to the index\n"
	"    --ignore-missing      ignore files missing from worktree\n"
	"    --verbose             report actions to standard output\n"
	"    --index-version <n>   write index in this format\n";

/*
 * git applies options in the order given: "--add a --remove b" adds a
 * with --add only.  So arguments are walked by hand, not with getopt
 * (which would move the paths to the end).
 */
struct update_opts {
	int add, remove, force_remove, replace, info_only, quiet, unmerged;
	int ignore_missing, verbose, nul_lines, from_stdin;
	char chmod;		/* '+' or '-' for --chmod, else 0 */
	int changed;		/* the index must be written */
	int has_errors;		/* --refresh found work to do */
	struct repo *repo;
	struct index idx;
	struct strbuf lock_error;	/* git locks lazily: fail only if we write */
};

static void die_path(const char *path)
{
	die("Unable to process path %s", path);
}

/* The argument `arg` (relative to the current directory) as a path from the top. */
static void path_from_top(struct strbuf *out, struct update_opts *o, const char *arg)
{
	const char *prefix = o->repo->prefix ? o->repo->prefix : "";
	struct strbuf in = STRBUF_INIT;
	const char *p;

	strbuf_addf(&in, "%s%s", prefix, arg);
	strbuf_reset(out);
	for (p = in.buf; *p; ) {
		size_t n = strcspn(p, "/");

		if (n == 2 && !strncmp(p, "..", 2)) {
			char *slash;

			if (!out->len)
				die("'%s' is outside repository at '%s'", arg,
				    o->repo->worktree);
			slash = strrchr(out->buf, '/');
			strbuf_setlen(out, slash ? (size_t)(slash - out->buf) : 0);
		} else if (n && !(n == 1 && *p == '.')) {
			if (out->len)
				strbuf_addch(out, '/');
			strbuf_add(out, p, n);
		}
		p += n;
		while (*p == '/')
			p++;
	}
	strbuf_release(&in);
}

static void set_exec_bit(struct update_opts *o, const char *path)
{
	struct index_entry *ce = index_get(&o->idx, path, 0), *copy;

	if (!ce || (ce->mode != TREE_MODE_FILE && ce->mode != TREE_MODE_EXEC))
		die("git update-index: cannot chmod %cx '%s'", o->chmod, path);
	copy = index_entry_new(ce->name, ce->namelen,
			       o->chmod == '+' ? TREE_MODE_EXEC : TREE_MODE_FILE,
			       &ce->oid, 0);
	copy->st = ce->st;
	copy->flags = ce->flags;
	if (index_add(&o->idx, copy, INDEX_ADD_NO_CHECK))
		die("%s", ug_error_last());
	o->changed = 1;
}

static int path_is_tracked(const struct index *idx, const char *path)
{
	int pos = index_find(idx, path, strlen(path), 0);

	if (pos >= 0)
		return 1;
	pos = -1 - pos;	/* unmerged stages sort right after */
	return (size_t)pos < idx->nr && !strcmp(idx->entries[pos]->name, path);
}

static void remove_path(struct update_opts *o, const char *path)
{
	index_remove(&o->idx, path);
	o->changed = 1;
	if (o->verbose)
		printf("remove '%s'\n", path);
}

/*
 * `path` is a directory in the work tree: a file of that name in the
 * index has gone (remove it, with --remove); files under it must be
 * named one by one.
 */
static void update_directory(struct update_opts *o, const char *path)
{
	size_t len = strlen(path);
	int pos = index_find(&o->idx, path, len, 0);

	if (pos >= 0) {
		if (!o->remove) {
			error("%s: does not exist and --remove not passed", path);
			die_path(path);
		}
		remove_path(o, path);
		return;
	}
	for (pos = -1 - pos; (size_t)pos < o->idx.nr; pos++) {
		const char *name = o->idx.entries[pos]->name;

		if (strncmp(name, path, len) || name[len] > '/')
			break;
		if (name[len] == '/') {
			error("%s: is a directory - add individual files instead", path);
			die_path(path);
		}
	}
	/* NEEDSWORK: git adds a nested repository as a gitlink here */
	error("%s: is a directory - add files inside instead", path);
	die_path(path);
}

/* Stage what the work tree holds at `path` (git's process_path()). */
static void update_file(struct update_opts *o, const char *path)
{
	struct strbuf full = STRBUF_INIT;
	unsigned flags = (o->replace ? INDEX_ADD_REPLACE : 0) |
			 (o->info_only ? INDEX_ADD_INFO_ONLY : 0);
	struct stat st;
	int err;

	fs_path_join(&full, o->repo->worktree, path);
	if (lstat(full.buf, &st)) {
		if (errno != ENOENT && errno != ENOTDIR)
			die("lstat(\"%s\"): %s", path, strerror(errno));
		if (!o->remove) {
			error("%s: does not exist and --remove not passed", path);
			die_path(path);
		}
		remove_path(o, path);
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		update_directory(o, path);
		goto done;
	}
	if (!o->add && !path_is_tracked(&o->idx, path)) {
		error("%s: cannot add to the index - missing --add option?", path);
		die_path(path);
	}
	err = index_add_from_worktree(&o->idx, o->repo->odb, path, &st, flags);
	if (err == UG_EEXISTS) {
		error("%s", ug_error_last());
		error("%s: cannot add to the index - missing --add option?", path);
		die_path(path);
	}
	if (err < 0)
		die("%s", ug_error_last());
	o->changed |= err;
	if (o->verbose)
		printf("add '%s'\n", path);
done:
	strbuf_release(&full);
}

static void update_one(struct update_opts *o, const char *arg)
{
	struct strbuf path = STRBUF_INIT;

	path_from_top(&path, o, arg);
	if (!index_path_is_valid(path.buf, 0)) {
		fflush(stdout);
		fprintf(stderr, "Ignoring path %s\n", arg);
	} else if (o->force_remove) {
		remove_path(o, path.buf);
	} else {
		update_file(o, path.buf);
	}
	if (o->chmod && index_path_is_valid(path.buf, 0))
		set_exec_bit(o, path.buf);
	strbuf_release(&path);
}

/* git's create_ce_mode(): what --cacheinfo and --index-info make of a mode. */
static unsigned cache_mode(unsigned mode)
{
	if (S_ISLNK(mode))
		return TREE_MODE_SYMLINK;
	if (S_ISDIR(mode) || mode == TREE_MODE_GITLINK)
		return TREE_MODE_GITLINK;
	return (mode & 0100) ? TREE_MODE_EXEC : TREE_MODE_FILE;
}

/* Put an entry in as given; returns 0, or -1 after printing git's error. */
static int add_cacheinfo(struct update_opts *o, unsigned mode, const struct oid *oid,
			 const char *path, int stage, int ok_to_add)
{
	struct index_entry *ce;

	if (!index_path_is_valid(path, cache_mode(mode)))
		return error("Invalid path '%s'", path);
	if (!ok_to_add && !path_is_tracked(&o->idx, path))
		return error("%s: cannot add to the index - missing --add option?", path);
	ce = index_entry_new(path, strlen(path), cache_mode(mode), oid, stage);
	if (index_add(&o->idx, ce, o->replace ? INDEX_ADD_REPLACE : 0))
		return error("%s", ug_error_last());
	o->changed = 1;
	if (o->verbose)
		printf("add '%s'\n", path);
	return 0;
}

/* "<mode>,<sha1>,<path>" or, from the old syntax, three arguments. */
static int parse_cacheinfo(struct update_opts *o, int argc, char **argv, int i)
{
	const char *arg = i + 1 < argc ? argv[i + 1] : "", *path;
	char *end;
	unsigned long mode = strtoul(arg, &end, 8);
	struct oid oid;

	if (end != arg && *end == ',' && !oid_from_hex(&oid, end + 1) &&
	    end[1 + UG_OID_HEXSZ] == ',') {
		path = end + 2 + UG_OID_HEXSZ;
		if (add_cacheinfo(o, mode, &oid, path, 0, o->add))
			die("git update-index: --cacheinfo cannot add %s", path);
		return i + 1;
	}
	if (i + 3 < argc) {
		mode = strtoul(argv[i + 1], &end, 8);
		if (end != argv[i + 1] && !*end && !oid_from_hex(&oid, argv[i + 2]) &&
		    !argv[i + 2][UG_OID_HEXSZ]) {
			path = argv[i + 3];
			if (add_cacheinfo(o, mode, &oid, path, 0, o->add))
				die("git update-index: --cacheinfo cannot add %s", path);
			return i + 3;
		}
	}
	ug_error_clear();
	return -usage_error(update_index_usage,
			    "option 'cacheinfo' expects <mode>,<sha1>,<path>");
}

/*
 * --index-info: lines of "<mode> <sha1>\t<path>", "<mode> <type>
 * <sha1>\t<path>" (ls-tree) or "<mode> <sha1> <stage>\t<path>"
 * (ls-files -s); mode 0 removes the path.
 */
static void read_index_info(struct update_opts *o)
{
	struct strbuf line = STRBUF_INIT;

	while (strbuf_getline(&line, stdin) != EOF) {
		char *tab = strchr(line.buf, '\t'), *p, *end;
		unsigned long mode;
		int stage = 0;
		struct oid oid;

		if (!tab)
			goto bad;
		*tab = '\0';
		mode = strtoul(line.buf, &end, 8);
		if (end == line.buf || *end != ' ')
			goto bad;
		p = end + 1;
		if (oid_from_hex(&oid, p) && strchr(p, ' '))
			p = strchr(p, ' ') + 1;	/* skip "blob " */
		if (oid_from_hex(&oid, p))
			goto bad;
		p += UG_OID_HEXSZ;
		if (*p == ' ' && p[1] >= '0' && p[1] <= '3' && !p[2])
			stage = p[1] - '0';
		else if (*p)
			goto bad;
		if (!mode) {
			remove_path(o, tab + 1);
			continue;
		}
		if (add_cacheinfo(o, mode, &oid, tab + 1, stage, 1))
			die("git update-index: unable to update %s", tab + 1);
		continue;
bad:
		if (tab)
			*tab = '\t';
		die("malformed index info %s", line.buf);
	}
	strbuf_release(&line);
}

/* --refresh: take new stat data for unchanged files; say which changed. */
static void refresh(struct update_opts *o)
{
	struct strbuf full = STRBUF_INIT;
	size_t i;

	for (i = 0; i < o->idx.nr; i++) {
		struct index_entry *ce = o->idx.entries[i];
		struct stat st;
		int ret;

		if (index_entry_stage(ce)) {
			/* once per path, not per stage */
			if (!o->unmerged && (!i || strcmp(o->idx.entries[i - 1]->name, ce->name)))
				goto needs_merge;
			continue;
		}
		strbuf_reset(&full);
		fs_path_join(&full, o->repo->worktree, ce->name);
		if (lstat(full.buf, &st)) {
			if (o->ignore_missing)
				continue;
			goto needs_update;
		}
		if (index_stat_matches(ce, &st) && !index_entry_is_racy(&o->idx, ce))
			continue;
		ret = index_refresh_entry(&o->idx, i, &st);
		if (ret == 1) {
			o->changed = 1;
			continue;
		}
		ug_error_clear();
needs_update:
		if (!o->quiet) {
			printf("%s: needs update\n", ce->name);
			o->has_errors = 1;
		}
		continue;
needs_merge:
		if (!o->quiet) {
			printf("%s: needs merge\n", ce->name);
			o->has_errors = 1;
		}
	}
	strbuf_release(&full);
}

static void read_stdin_paths(struct update_opts *o)
{
	struct strbuf line = STRBUF_INIT;
	int c;

	for (;;) {
		strbuf_reset(&line);
		while ((c = getchar()) != EOF && c != (o->nul_lines ? '\0' : '\n'))
			strbuf_addch(&line, c);
		if (c == EOF && !line.len)
			break;
		update_one(o, line.buf);
	}
	strbuf_release(&line);
}

/* One option (`argv[i]`); returns the index of its last argument, or <0 to exit with -that. */
static int handle_option(struct update_opts *o, int argc, char **argv, int i)
{
	const char *a = argv[i], *v;
	char *end;

	if (!strcmp(a, "--add")) o->add = 1;
	else if (!strcmp(a, "--remove")) o->remove = 1;
	else if (!strcmp(a, "--force-remove")) o->force_remove = 1;
	else if (!strcmp(a, "--replace")) o->replace = 1;
	else if (!strcmp(a, "--info-only")) o->info_only = 1;
	else if (!strcmp(a, "-q")) o->quiet = 1;
	else if (!strcmp(a, "--unmerged")) o->unmerged = 1;
	else if (!strcmp(a, "--ignore-missing")) o->ignore_missing = 1;
	else if (!strcmp(a, "--verbose")) o->verbose = 1;
	else if (!strcmp(a, "-z")) o->nul_lines = 1;
	else if (!strcmp(a, "--stdin")) o->from_stdin = 1;
	else if (!strcmp(a, "--refresh") || !strcmp(a, "--really-refresh")) refresh(o);
	else if (!strcmp(a, "--index-info")) read_index_info(o);
	else if (!strcmp(a, "--cacheinfo")) return parse_cacheinfo(o, argc, argv, i);
	else if (!strcmp(a, "--chmod") || skip_prefix(a, "--chmod=", &v)) {
		if (!strcmp(a, "--chmod"))
			v = ++i < argc ? argv[i] : "";
		if ((v[0] != '+' && v[0] != '-') || strcmp(v + 1, "x"))
			return -usage_error(update_index_usage,
					    "option 'chmod' expects \"+x\" or \"-x\"");
		o->chmod = v[0];
	} else if (!strcmp(a, "--index-version") || skip_prefix(a, "--index-version=", &v)) {
		long n;

		if (!strcmp(a, "--index-version"))
			v = ++i < argc ? argv[i] : "";
		n = strtol(v, &end, 10);
		if (!*v || *end)
			return -usage_error(update_index_usage,
					    "option `index-version' expects a numerical value");
		if (n < 2 || n > 4)
			die("index-version %ld not in range: 2..4", n);
		o->idx.version = n;
		o->changed = 1;
	} else if (a[1] == '-') {
		return -usage_error(update_index_usage, "unknown option '%s'", a + 2);
	} else {
		return -usage_error(update_index_usage, "unknown switch '%c'", a[1]);
	}
	return i;
}

/* Lock if we can; git only complains about a held lock when it has to write. */
static void open_index(struct update_opts *o)
{
	int err = index_lock(&o->idx, o->repo);

	if (err == UG_ELOCKED) {
		strbuf_addstr(&o->lock_error, ug_error_last());
		ug_error_clear();
		load_index_or_die(&o->idx, o->repo);
	} else if (err) {
		lock_index_or_die(&o->idx, o->repo);	/* dies with the message */
	}
}

int cmd_update_index(int argc, char **argv, struct repo *repo)
{
	struct update_opts o;
	int i, ret = 0, only_paths = 0;

	memset(&o, 0, sizeof(o));
	o.repo = repo;
	o.idx = (struct index)INDEX_INIT;
	strbuf_init(&o.lock_error, 0);
	if (!repo->worktree)
		die("this operation must be run in a work tree");
	open_index(&o);
	for (i = 1; i < argc && ret >= 0; i++) {
		if (only_paths || argv[i][0] != '-' || !argv[i][1])
			update_one(&o, argv[i]);
		else if (!strcmp(argv[i], "--"))
			only_paths = 1;
		else
			ret = i = handle_option(&o, argc, argv, i);
	}
	if (ret < 0)
		goto done;
	if (o.from_stdin)
		read_stdin_paths(&o);
	ret = o.has_errors ? 1 : 0;
	if (!o.changed) {
		index_rollback(&o.idx);
	} else if (o.lock_error.len) {
		die("%s", o.lock_error.buf);
	} else {
		commit_index_or_die(&o.idx);
	}
done:
	index_release(&o.idx);
	strbuf_release(&o.lock_error);
	return ret < 0 ? -ret : ret;
}
