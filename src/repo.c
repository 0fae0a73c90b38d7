/* repo: finding a repository (git's discovery rules) and creating one. */
#include "ugit/repo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/lockfile.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/refname.h"
#include "ugit/refs.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

/* How a git directory was found; it decides the work tree and the names. */
enum found_kind {
	FOUND_EXPLICIT,	/* $GIT_DIR */
	FOUND_DOTGIT,	/* a ".git" directory in `top` */
	FOUND_GITFILE,	/* a ".git" file in `top` pointing elsewhere */
	FOUND_BARE,	/* the directory itself (a bare repository, or inside .git) */
};

/*
 * ---- Is this a repository? ----
 */

/*
 * HEAD must look like a ref: "ref: refs/..." (blanks allowed after the
 * colon), an object id (only the first 40 characters are looked at, as
 * git does), or a symbolic link to "refs/...".
 */
static int head_is_valid(const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	char buf[256];
	const char *p;
	struct stat st;
	ssize_t n;
	int fd, ok = 0;

	fs_path_join(&path, dir, "HEAD");
	if (lstat(path.buf, &st) < 0)
		goto done;
	if (S_ISLNK(st.st_mode)) {
		n = readlink(path.buf, buf, sizeof(buf) - 1);
		if (n > 0) {
			buf[n] = '\0';
			ok = starts_with(buf, "refs/");
		}
		goto done;
	}
	/* only the start matters: never read a huge file to decide */
	fd = S_ISREG(st.st_mode) ? open(path.buf, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0)
		goto done;
	n = fs_read_all(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0) {
		ug_error_clear();
		goto done;
	}
	buf[n] = '\0';
	if (skip_prefix(buf, "ref:", &p)) {
		while (*p == ' ' || *p == '\t')
			p++;
		ok = starts_with(p, "refs/");
	} else {
		ok = strspn(buf, "0123456789abcdefABCDEF") >= UG_OID_HEXSZ;
	}
done:
	strbuf_release(&path);
	return ok;
}

static int subdir_exists(const char *dir, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	int ok;

	fs_path_join(&path, dir, name);
	ok = fs_is_dir(path.buf);
	strbuf_release(&path);
	return ok;
}

int repo_is_git_dir(const char *dir)
{
	return subdir_exists(dir, "objects") && subdir_exists(dir, "refs") &&
	       head_is_valid(dir);
}

int repo_read_gitfile(struct strbuf *out, const char *path)
{
	struct strbuf buf = STRBUF_INIT, target = STRBUF_INIT;
	const char *p;
	int err = 0;

	if (fs_read_file(&buf, path) < 0) {
		err = UG_EINVALID;
		goto done;
	}
	/* line ends are trimmed, but not blanks: they could be in the path */
	while (buf.len && (buf.buf[buf.len - 1] == '\n' || buf.buf[buf.len - 1] == '\r'))
		strbuf_setlen(&buf, buf.len - 1);
	/* exactly "gitdir: " and a path, with no NUL hidden in it */
	if (!skip_prefix(buf.buf, "gitdir: ", &p) || !*p ||
	    strlen(p) != buf.len - strlen("gitdir: ")) {
		err = ug_error(UG_EINVALID, "invalid gitfile format: %s", path);
		goto done;
	}
	if (*p != '/') {
		const char *slash = strrchr(path, '/');

		if (slash)
			strbuf_add(&target, path, (size_t)(slash - path + 1));
	}
	strbuf_addstr(&target, p);
	if (!repo_is_git_dir(target.buf)) {
		err = ug_error(UG_EINVALID, "not a git repository: %s", target.buf);
		goto done;
	}
	err = fs_real_path(out, target.buf);
done:
	strbuf_release(&buf);
	strbuf_release(&target);
	return err;
}

/*
 * ---- Opening ----
 */

void repo_free(struct repo *repo)
{
	if (!repo)
		return;
	free(repo->gitdir);
	free(repo->gitdir_name);
	free(repo->worktree);
	free(repo->prefix);
	config_free(repo->config);
	odb_free(repo->odb);
	refs_cache_free(repo->refs_cache);
	free(repo);
}

void repo_git_path(struct strbuf *out, const struct repo *repo, const char *rel)
{
	fs_path_join(out, repo->gitdir, rel);
}

struct ext_ctx {
	struct strbuf unknown;
	const char *format;
};

static int check_extension(const char *key, const char *value,
			   enum config_scope scope, void *payload)
{
	struct ext_ctx *ctx = payload;
	const char *name;

	/* only the repository's own config can declare extensions */
	if (scope != CONFIG_SCOPE_LOCAL || !skip_prefix(key, "extensions.", &name))
		return 0;
	if (!strcmp(name, "objectformat"))
		ctx->format = value ? value : "";
	else if (strcmp(name, "noop") && strcmp(name, "preciousobjects"))
		strbuf_addf(&ctx->unknown, "\n\t%s", name);
	return 0;
}

/*
 * core.repositoryformatversion 0 ignores extensions; 1 requires ugit to
 * understand every extension it lists; anything higher is refused.
 */
static int check_format(struct config *cfg)
{
	struct ext_ctx ctx = { STRBUF_INIT, NULL };
	long long version = 0;
	int err = config_get_int(&version, cfg, "core.repositoryformatversion");

	if (err == UG_ENOTFOUND) {
		ug_error_clear();
		err = 0;
	}
	if (err)
		return err;
	if (version > 1)
		return ug_error(UG_EINVALID, "Expected git repo version <= 1, found %lld",
				version);
	if (version < 1)
		return 0;
	config_for_each(cfg, check_extension, &ctx);
	if (ctx.unknown.len)
		err = ug_error(UG_EINVALID, "unknown repository extension found:%s",
			       ctx.unknown.buf);
	else if (ctx.format && strcasecmp(ctx.format, "sha1"))
		err = ug_error(UG_EINVALID, "unsupported object format '%s' (ugit knows sha1 only)",
			       ctx.format);
	strbuf_release(&ctx.unknown);
	return err;
}

static int load_config(struct repo *r)
{
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	int err;

	r->config = config_new();
	repo_git_path(&path, r, "config");
	fs_path_join(&name, r->gitdir_name, "config");
	err = config_add_user_files(r->config);
	if (!err)
		err = config_add_file(r->config, path.buf, name.buf, CONFIG_SCOPE_LOCAL);
	if (!err)
		err = check_format(r->config);
	strbuf_release(&path);
	strbuf_release(&name);
	return err;
}

/* `path` made absolute relative to `base`, symbolic links resolved if it exists. */
static char *absolute_from(const char *base, const char *path)
{
	struct strbuf joined = STRBUF_INIT, out = STRBUF_INIT;

	if (*path != '/')
		fs_path_join(&joined, base, path);
	else
		strbuf_addstr(&joined, path);
	if (fs_real_path(&out, joined.buf) < 0) {
		ug_error_clear();
		strbuf_reset(&out);
		fs_absolute_path(&out, joined.buf);
	}
	strbuf_release(&joined);
	return strbuf_detach(&out, NULL);
}

/* "a/b/" if `cwd` is below `top`, "" if it is `top`, NULL if outside. */
static char *prefix_of(const char *top, const char *cwd)
{
	size_t n = strlen(top);
	struct strbuf sb = STRBUF_INIT;

	if (!strcmp(top, cwd))
		return xstrdup("");
	if (!strcmp(top, "/"))
		n = 0;
	if (strncmp(top, cwd, n) || cwd[n] != '/')
		return NULL;
	strbuf_addstr(&sb, cwd + n + 1);
	strbuf_addch(&sb, '/');
	return strbuf_detach(&sb, NULL);
}

/*
 * core.worktree, relative to the git directory.  git resolves a relative
 * one by changing into it, so one that does not exist is an error.
 */
static int worktree_from_config(char **out, const char *gitdir,
				const char *value)
{
	struct strbuf path = STRBUF_INIT;
	int err = 0;

	if (*value == '/') {
		*out = absolute_from(gitdir, value);
		return 0;
	}
	fs_path_join(&path, gitdir, value);
	*out = realpath(path.buf, NULL);
	if (!*out)
		err = ug_error(UG_EINVALID, "cannot chdir to '%s': %s", value,
			       strerror(errno));
	strbuf_release(&path);
	return err;
}

/*
 * Decide the work tree as git does: GIT_WORK_TREE, then core.worktree,
 * then what the way we found the git directory implies, unless core.bare
 * says there is none.
 */
static int find_worktree(struct repo *r, enum found_kind kind, const char *top,
			 const char *cwd, int use_env)
{
	const char *env = use_env ? getenv("GIT_WORK_TREE") : NULL;
	const char *cfg_wt = NULL;
	int core_bare = -1, err;

	err = config_get_bool(&core_bare, r->config, "core.bare");
	if (err && err != UG_ENOTFOUND)
		return err;
	if (config_get_string(&cfg_wt, r->config, "core.worktree") < 0)
		cfg_wt = NULL;
	ug_error_clear();
	err = 0;
	if (env)
		r->worktree = absolute_from(cwd, env);
	else if (cfg_wt)
		err = worktree_from_config(&r->worktree, r->gitdir, cfg_wt);
	else if (kind == FOUND_EXPLICIT && core_bare != 1)
		r->worktree = xstrdup(cwd);
	else if ((kind == FOUND_DOTGIT || kind == FOUND_GITFILE) && core_bare != 1)
		r->worktree = absolute_from(cwd, top);
	if (err)
		return err;
	/* with core.bare unset, "no work tree" means bare */
	r->bare = !r->worktree && core_bare != 0;
	if (r->worktree)
		r->prefix = prefix_of(r->worktree, cwd);
	return 0;
}

/*
 * The object database: read through the absolute path, named in messages
 * as git names it (".git/objects" at the top of the work tree).
 */
static int open_odb(struct repo *r)
{
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	int err;

	repo_git_path(&path, r, "objects");
	fs_path_join(&name, r->gitdir_name, "objects");
	err = odb_open(&r->odb, path.buf);
	if (!err)
		odb_set_name(r->odb, name.buf);
	strbuf_release(&path);
	strbuf_release(&name);
	return err;
}

/*
 * core.logAllRefUpdates, which refs needs but may not read (config is
 * repo's alone): a boolean or "always"; a bad value is fatal, as in git.
 */
static int read_log_all_ref_updates(struct repo *r)
{
	const char *v;
	int b;

	r->log_all_ref_updates = -1;
	if (config_get_string(&v, r->config, "core.logallrefupdates") < 0) {
		ug_error_clear();
		return 0;
	}
	if (v && !strcasecmp(v, "always")) {
		r->log_all_ref_updates = 2;
		return 0;
	}
	if (config_get_bool(&b, r->config, "core.logallrefupdates") < 0)
		return UG_EINVALID;
	r->log_all_ref_updates = b;
	return 0;
}

/*
 * Build the repo for git directory `gitdir`, found as `kind` in `top`, and
 * named `name` in messages.
 */
static int setup(struct repo **out, enum found_kind kind, const char *gitdir,
		 const char *top, const char *name, const char *cwd, int use_env)
{
	struct repo *r = xcalloc(1, sizeof(*r));
	int err;

	*out = NULL;
	r->gitdir = absolute_from(cwd, gitdir);
	r->gitdir_name = xstrdup(name ? name : r->gitdir);
	err = load_config(r);
	if (!err)
		err = read_log_all_ref_updates(r);
	if (!err)
		err = find_worktree(r, kind, top, cwd, use_env);
	if (!err)
		err = open_odb(r);
	if (err) {
		repo_free(r);
		return err;
	}
	*out = r;
	return 0;
}

/*
 * ---- Discovery ----
 */

/* The current directory; caller frees.  git's message if it is gone. */
static int get_cwd(char **out)
{
	*out = getcwd(NULL, 0);
	if (!*out)
		return ug_error(UG_ERROR, "Unable to read current working directory: %s",
				strerror(errno));
	return 0;
}

static int add_ceiling(struct strbuf *out, const char *entry, int resolve)
{
	if (resolve)
		return fs_real_path(out, entry);
	return fs_absolute_path(out, entry);
}

/*
 * The length of the longest GIT_CEILING_DIRECTORIES entry that is a proper
 * ancestor of `cwd` (0 if none): discovery never looks at that directory
 * or above.  Entries are absolute paths, resolved through symbolic links
 * unless an empty entry came before them; others are ignored, as are
 * entries that cannot be resolved.
 */
static size_t ceiling_length(const char *cwd)
{
	const char *env = getenv("GIT_CEILING_DIRECTORIES");
	struct strbuf entry = STRBUF_INIT, dir = STRBUF_INIT;
	size_t best = 0, len;
	int resolve = 1;

	while (env && *env) {
		len = strcspn(env, ":");
		strbuf_reset(&entry);
		strbuf_add(&entry, env, len);
		env += len + (env[len] == ':');
		if (!len) {
			resolve = 0;
			continue;
		}
		strbuf_reset(&dir);
		if (entry.buf[0] != '/' || add_ceiling(&dir, entry.buf, resolve) < 0) {
			ug_error_clear();
			continue;
		}
		if (dir.len > 1 && dir.buf[dir.len - 1] == '/')
			strbuf_setlen(&dir, dir.len - 1);
		if (!strcmp(dir.buf, "/"))
			len = 1;	/* everything is below the root */
		else if (!strncmp(cwd, dir.buf, dir.len) && cwd[dir.len] == '/')
			len = dir.len;
		else
			continue;	/* not above us (the cwd itself does not count) */
		if (len > best)
			best = len;
	}
	strbuf_release(&entry);
	strbuf_release(&dir);
	return best;
}

/*
 * Look for a repository in `dir` alone: "dir/.git" (directory or file),
 * then `dir` itself.  Returns 1 if found (setting *kind and `gitdir`), 0
 * if not, <0 for a broken .git file.
 */
static int look_in(const char *dir, enum found_kind *kind, struct strbuf *gitdir)
{
	struct strbuf dotgit = STRBUF_INIT;
	struct stat st;
	int found = 0;

	fs_path_join(&dotgit, dir, ".git");
	if (!stat(dotgit.buf, &st) && S_ISREG(st.st_mode)) {
		found = repo_read_gitfile(gitdir, dotgit.buf);
		if (!found)
			found = 1;
		*kind = FOUND_GITFILE;
	} else if (!stat(dotgit.buf, &st) && S_ISDIR(st.st_mode) &&
		   repo_is_git_dir(dotgit.buf)) {
		strbuf_addbuf(gitdir, &dotgit);
		*kind = FOUND_DOTGIT;
		found = 1;
	} else if (repo_is_git_dir(dir)) {
		strbuf_addstr(gitdir, dir);
		*kind = FOUND_BARE;
		found = 1;
	}
	strbuf_release(&dotgit);
	return found;
}

/* The name git gives a git directory it found by walking up. */
static void found_name(struct strbuf *name, enum found_kind kind,
		       const char *gitdir)
{
	if (kind == FOUND_DOTGIT)
		strbuf_addstr(name, ".git");
	else if (kind == FOUND_BARE)
		strbuf_addstr(name, ".");
	else
		strbuf_addstr(name, gitdir);
}

/*
 * NEEDSWORK: git also stops at a file-system boundary (unless
 * GIT_DISCOVERY_ACROSS_FILESYSTEM) and refuses a repository owned by
 * someone else (safe.directory, CVE-2022-24765); ugit does neither yet.
 */
static int walk_up(struct repo **out, const char *cwd)
{
	struct strbuf dir = STRBUF_INIT, gitdir = STRBUF_INIT, name = STRBUF_INIT;
	size_t limit = ceiling_length(cwd);
	enum found_kind kind = FOUND_BARE;
	int found = 0, err;

	strbuf_addstr(&dir, cwd);
	for (;;) {
		found = look_in(dir.buf, &kind, &gitdir);
		if (found)
			break;
		if (!strcmp(dir.buf, "/"))
			break;
		strbuf_setlen(&dir, (size_t)(strrchr(dir.buf, '/') - dir.buf));
		if (!dir.len)
			strbuf_addch(&dir, '/');
		if (dir.len <= limit)
			break;
	}
	if (found < 0)
		err = found;
	else if (!found)
		err = ug_error(UG_ENOTFOUND,
			       "not a git repository (or any of the parent directories): .git");
	else {
		found_name(&name, kind, gitdir.buf);
		err = setup(out, kind, gitdir.buf, dir.buf, name.buf, cwd, 1);
	}
	strbuf_release(&dir);
	strbuf_release(&gitdir);
	strbuf_release(&name);
	return err;
}

/* GIT_DIR: no search; it may also name a .git file. */
static int open_explicit(struct repo **out, const char *env, const char *cwd)
{
	struct strbuf gitdir = STRBUF_INIT;
	struct stat st;
	int is_file = !stat(env, &st) && S_ISREG(st.st_mode);
	int err;

	if (is_file) {
		err = repo_read_gitfile(&gitdir, env);
		if (err < 0)
			goto done;
	} else if (*env && repo_is_git_dir(env)) {
		strbuf_addstr(&gitdir, env);
	} else {
		err = ug_error(UG_ENOTFOUND, "not a git repository: '%s'", env);
		goto done;
	}
	/* through a .git file git names the target by its absolute path */
	err = setup(out, FOUND_EXPLICIT, gitdir.buf, cwd, is_file ? NULL : env,
		    cwd, 1);
done:
	strbuf_release(&gitdir);
	return err;
}

int repo_discover(struct repo **out)
{
	const char *env = getenv("GIT_DIR");
	char *cwd;
	int err;

	*out = NULL;
	if (get_cwd(&cwd) < 0)
		return UG_ERROR;
	if (env)
		err = open_explicit(out, env, cwd);
	else
		err = walk_up(out, cwd);
	free(cwd);
	return err;
}

int repo_open(struct repo **out, const char *path)
{
	struct strbuf gitdir = STRBUF_INIT, top = STRBUF_INIT;
	enum found_kind kind = FOUND_BARE;
	char *cwd;
	int err;

	*out = NULL;
	if (get_cwd(&cwd) < 0)
		return UG_ERROR;
	err = look_in(path, &kind, &gitdir);
	if (!err)
		err = ug_error(UG_ENOTFOUND, "not a git repository: '%s'", path);
	if (err < 0)
		goto done;
	strbuf_addstr(&top, path);
	/* a git directory named ".git" opened directly still has its work tree */
	if (kind == FOUND_BARE && ends_with(gitdir.buf, "/.git")) {
		strbuf_setlen(&top, 0);
		strbuf_add(&top, gitdir.buf, gitdir.len - 5);
		kind = FOUND_DOTGIT;
	} else if (kind == FOUND_BARE && !strcmp(gitdir.buf, ".git")) {
		strbuf_setlen(&top, 0);
		strbuf_addch(&top, '.');
		kind = FOUND_DOTGIT;
	}
	err = setup(out, kind, gitdir.buf, top.buf, NULL, cwd, 0);
done:
	free(cwd);
	strbuf_release(&gitdir);
	strbuf_release(&top);
	return err;
}

/*
 * ---- Creating ----
 */

/* git check-ref-format, for the one name refs/heads/<name>. */
int repo_branch_name_is_valid(const char *name)
{
	struct strbuf full = STRBUF_INIT;
	int ok;

	strbuf_addf(&full, "refs/heads/%s", name);
	ok = refname_is_valid(full.buf, 0);
	strbuf_release(&full);
	return ok;
}

/* Write a file through "<path>.lock" unless it exists (re-init keeps it). */
static int write_new_file(const char *path, const char *content)
{
	struct lockfile lk = LOCKFILE_INIT;
	int err;

	if (fs_exists(path))
		return 0;
	err = lockfile_acquire(&lk, path);
	if (!err)
		err = lockfile_write(&lk, content, strlen(content));
	if (err) {
		lockfile_rollback(&lk);
		return err;
	}
	return lockfile_commit(&lk);
}

static const char description_text[] =
	"Unnamed repository; edit this file 'description' to name the repository.\n";

static const char exclude_text[] =
	"# git ls-files --others --exclude-from=.git/info/exclude\n"
	"# Lines that start with '#' are comments.\n"
	"# For a project mostly in C, the following would be a good set of\n"
	"# exclude patterns (uncomment them if you want to use them):\n"
	"# *.[oa]\n"
	"# *~\n";

/*
 * git's layout.  git also copies sample hooks from its templates; ugit
 * creates hooks/ empty, which git treats the same (samples never run).
 */
static int create_layout(const char *gitdir)
{
	static const char *const dirs[] = {
		"refs", "refs/heads", "refs/tags", "objects", "objects/info",
		"objects/pack", "hooks", "info", "branches",
	};
	struct strbuf path = STRBUF_INIT;
	size_t i;
	int err = 0;

	for (i = 0; i < sizeof(dirs) / sizeof(*dirs) && !err; i++) {
		strbuf_reset(&path);
		fs_path_join(&path, gitdir, dirs[i]);
		err = fs_mkdir_p(path.buf, 0777);
	}
	if (!err) {
		strbuf_reset(&path);
		fs_path_join(&path, gitdir, "description");
		err = write_new_file(path.buf, description_text);
	}
	if (!err) {
		strbuf_reset(&path);
		fs_path_join(&path, gitdir, "info/exclude");
		err = write_new_file(path.buf, exclude_text);
	}
	strbuf_release(&path);
	return err;
}

/* Does this file system keep the executable bit?  Toggle it and look. */
static int probe_filemode(const char *path)
{
	struct stat before, after;
	int ok;

	if (lstat(path, &before) < 0 || chmod(path, (before.st_mode ^ S_IXUSR) & 07777) < 0)
		return 0;
	ok = !lstat(path, &after) && after.st_mode != before.st_mode;
	if (chmod(path, before.st_mode & 07777) < 0)
		ok = 0;
	return ok;
}

/*
 * The core.* settings git writes, in git's order; a re-init sets them
 * again (keeping everything else in the file), but keeps a
 * core.logallrefupdates that is set anywhere.
 */
static int write_core_config(const char *gitdir, const struct repo_init_opts *opts)
{
	struct strbuf path = STRBUF_INIT, wt = STRBUF_INIT;
	struct config *cfg = NULL;
	const char *v;
	int err;

	fs_path_join(&path, gitdir, "config");
	err = config_set(path.buf, NULL, "core.repositoryformatversion", "0");
	if (!err)
		err = config_set(path.buf, NULL, "core.filemode",
				 probe_filemode(path.buf) ? "true" : "false");
	if (!err)
		err = config_set(path.buf, NULL, "core.bare", opts->bare ? "true" : "false");
	if (!err && !opts->bare)
		err = config_load(&cfg, path.buf);
	if (!err && cfg && config_get_string(&v, cfg, "core.logallrefupdates") < 0) {
		ug_error_clear();
		err = config_set(path.buf, NULL, "core.logallrefupdates", "true");
	}
	if (!err && opts->work_tree && !opts->bare) {
		err = fs_absolute_path(&wt, opts->work_tree);
		if (!err)
			err = config_set(path.buf, NULL, "core.worktree", wt.buf);
	}
	config_free(cfg);
	strbuf_release(&path);
	strbuf_release(&wt);
	return err;
}

static int write_head(const char *gitdir, const char *branch)
{
	struct lockfile lk = LOCKFILE_INIT;
	struct strbuf path = STRBUF_INIT, content = STRBUF_INIT;
	int err;

	fs_path_join(&path, gitdir, "HEAD");
	strbuf_addf(&content, "ref: refs/heads/%s\n", branch);
	err = lockfile_acquire(&lk, path.buf);
	if (!err)
		err = lockfile_write(&lk, content.buf, content.len);
	if (!err)
		err = lockfile_commit(&lk);
	else
		lockfile_rollback(&lk);
	strbuf_release(&path);
	strbuf_release(&content);
	return err;
}

/* Where the git directory of the new repository goes. */
static int init_gitdir_path(struct strbuf *out, const char *dir,
			    const struct repo_init_opts *opts)
{
	struct strbuf dotgit = STRBUF_INIT;
	struct stat st;
	int err = 0;

	if (opts->git_dir) {
		if (*opts->git_dir == '/')
			strbuf_addstr(out, opts->git_dir);
		else
			fs_path_join(out, dir, opts->git_dir);
	} else if (opts->bare) {
		strbuf_addstr(out, dir);
	} else {
		/* absolute, so that a bad .git file is named as git names it */
		err = fs_absolute_path(&dotgit, dir);
		strbuf_addstr(&dotgit, "/.git");
		/* re-initialise where an existing .git file points */
		if (!err && !stat(dotgit.buf, &st) && S_ISREG(st.st_mode))
			err = repo_read_gitfile(out, dotgit.buf);
		else
			fs_path_join(out, dir, ".git");
	}
	strbuf_release(&dotgit);
	return err;
}

/* A re-init must not rewrite a repository of a newer format. */
static int check_existing_format(const char *gitdir)
{
	struct strbuf path = STRBUF_INIT;
	struct config *cfg = NULL;
	int err;

	fs_path_join(&path, gitdir, "config");
	err = config_load_file(&cfg, path.buf, CONFIG_SCOPE_LOCAL);
	if (!err)
		err = check_format(cfg);
	config_free(cfg);
	strbuf_release(&path);
	return err;
}

int repo_init(const char *dir, const struct repo_init_opts *opts,
	      int *reinit, struct strbuf *gitdir_out)
{
	const char *branch = opts->initial_branch ? opts->initial_branch : "master";
	struct strbuf gitdir = STRBUF_INIT, head = STRBUF_INIT;
	char *cwd;
	int err;

	*reinit = 0;
	/* refuse a bad name before creating anything */
	if (!repo_branch_name_is_valid(branch))
		return ug_error(UG_EINVALID, "invalid initial branch name: '%s'", branch);
	if (get_cwd(&cwd) < 0)
		return UG_ERROR;
	free(cwd);
	err = fs_mkdir_p(dir, 0777);
	if (!err)
		err = init_gitdir_path(&gitdir, dir, opts);
	if (!err)
		err = fs_mkdir_p(gitdir.buf, 0777);
	if (err)
		goto done;
	fs_path_join(&head, gitdir.buf, "HEAD");
	*reinit = fs_exists(head.buf);
	if (*reinit)
		err = check_existing_format(gitdir.buf);
	if (!err)
		err = create_layout(gitdir.buf);
	if (!err)
		err = write_core_config(gitdir.buf, opts);
	/* last: until HEAD exists, nobody takes this for a repository */
	if (!err && !*reinit)
		err = write_head(gitdir.buf, branch);
	if (!err)
		err = fs_real_path(gitdir_out, gitdir.buf);
done:
	strbuf_release(&gitdir);
	strbuf_release(&head);
	return err;
}
