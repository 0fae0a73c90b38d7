/* init: create an empty repository or re-initialise an existing one. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"

const char init_usage[] =
	"usage: ugit init [-q | --quiet] [--bare] [-b <branch-name> | --initial-branch=<branch-name>]\n"
	"                 [<directory>]\n";

/*
 * init.defaultBranch from the system and global config, or NULL.  A key
 * without a value, or a bad name, stops init as git does.
 */
static const char *default_branch(struct config *cfg)
{
	const char *file, *branch;
	int line;

	if (config_get_string(&branch, cfg, "init.defaultbranch") < 0)
		return NULL;
	if (!branch) {
		config_get_origin(&file, &line, cfg, "init.defaultbranch");
		error("missing value for 'init.defaultbranch'");
		die("bad config variable 'init.defaultbranch' in file '%s' at line %d",
		    file, line);
	}
	if (!repo_branch_name_is_valid(branch))
		die("invalid branch name: init.defaultBranch = %s", branch);
	return branch;
}

/*
 * With GIT_DIR set, git guesses: a directory named ".git" belongs to the
 * work tree around it, anything else is bare (unless GIT_WORK_TREE).
 */
static void guess_from_git_dir(struct repo_init_opts *opts, const char *dir)
{
	struct strbuf wt = STRBUF_INIT, abs = STRBUF_INIT;
	const char *git_dir = opts->git_dir;

	if (opts->work_tree)
		return;
	if (strcmp(git_dir, ".git") && !ends_with(git_dir, "/.git")) {
		opts->bare = 1;
		return;
	}
	/* the work tree is the directory around it, and must exist */
	if (*git_dir != '/')
		fs_path_join(&wt, dir, git_dir);
	else
		strbuf_addstr(&wt, git_dir);
	strbuf_setlen(&wt, wt.len - strlen("/.git"));
	if (!fs_is_dir(wt.buf)) {
		fs_absolute_path(&abs, wt.len ? wt.buf : "/");
		die("Cannot access work tree '%s': No such file or directory", abs.buf);
	}
	strbuf_release(&wt);
}

int cmd_init(int argc, char **argv, struct repo *repo)
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "bare", no_argument, NULL, 'B' },
		{ "initial-branch", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct repo_init_opts opts = { 0, NULL, NULL, NULL };
	struct strbuf gitdir = STRBUF_INIT;
	struct config *cfg = NULL;
	const char *dir = ".", *branch_opt = NULL;
	int quiet = 0, reinit = 0, c;

	(void)repo;
	while ((c = getopt_long(argc, argv, ":qb:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': quiet = 1; break;
		case 'B': opts.bare = 1; break;
		case 'b': branch_opt = optarg; break;
		case 'h': return usage_help(init_usage);
		default: return usage_bad_option(init_usage, longopts, argv, c);
		}
	}
	if (argc - optind > 1) {
		fputs(init_usage, stderr);
		return 129;
	}
	if (optind < argc)
		dir = argv[optind];
	/* --bare names the directory itself, whatever GIT_DIR says */
	if (!opts.bare) {
		opts.git_dir = getenv("GIT_DIR");
		opts.work_tree = getenv("GIT_WORK_TREE");
		if (opts.git_dir)
			guess_from_git_dir(&opts, dir);
	}
	if (config_load(&cfg, NULL) < 0)
		die("%s", ug_error_last());
	opts.initial_branch = branch_opt ? branch_opt : default_branch(cfg);
	if (repo_init(dir, &opts, &reinit, &gitdir) < 0)
		die("%s", ug_error_last());
	if (reinit && branch_opt)
		warning("re-init: ignored --initial-branch=%s", branch_opt);
	if (!quiet)
		printf(reinit ? "Reinitialized existing Git repository in %s/\n" :
		       "Initialized empty Git repository in %s/\n", gitdir.buf);
	config_free(cfg);
	strbuf_release(&gitdir);
	return 0;
}
