/* main: global options, the command table, repository set-up, stdout check. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "ugit/error.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"

static const char main_usage[] =
	"usage: ugit [-v | --version] [-h | --help] [-C <path>] [--git-dir=<path>]\n"
	"            <command> [<args>]\n";

static const char help_usage[] =
	"usage: ugit help [<command>]\n";
static const char version_usage[] =
	"usage: ugit version\n";

/* Alphabetical; `ugit help` lists them in this order. */
static const struct cmd_spec commands[] = {
	{ "add", cmd_add, CMD_NEED_REPO | CMD_NEED_WORKTREE, add_usage },
	{ "branch", cmd_branch, CMD_NEED_REPO, branch_usage },
	{ "cat-file", cmd_cat_file, CMD_NEED_REPO, cat_file_usage },
	{ "check-ignore", cmd_check_ignore, CMD_NEED_REPO | CMD_NEED_WORKTREE, check_ignore_usage },
	{ "checkout", cmd_checkout, CMD_NEED_REPO | CMD_NEED_WORKTREE, checkout_usage },
	{ "commit", cmd_commit, CMD_NEED_REPO | CMD_NEED_WORKTREE, commit_usage },
	{ "commit-tree", cmd_commit_tree, CMD_NEED_REPO, commit_tree_usage },
	{ "config", cmd_config, CMD_GENTLY, config_usage },
	{ "fsck", cmd_fsck, CMD_NEED_REPO, fsck_usage },
	{ "hash-object", cmd_hash_object, CMD_GENTLY, hash_object_usage },
	{ "help", cmd_help, 0, help_usage },
	{ "init", cmd_init, 0, init_usage },
	{ "k", cmd_k, CMD_NEED_REPO, k_usage },
	{ "log", cmd_log, CMD_NEED_REPO, log_usage },
	{ "ls-files", cmd_ls_files, CMD_NEED_REPO, ls_files_usage },
	{ "ls-tree", cmd_ls_tree, CMD_NEED_REPO, ls_tree_usage },
	{ "read-tree", cmd_read_tree, CMD_NEED_REPO, read_tree_usage },
	{ "reset", cmd_reset, CMD_NEED_REPO, reset_usage },
	{ "rev-parse", cmd_rev_parse, CMD_GENTLY, rev_parse_usage },
	{ "rm", cmd_rm, CMD_NEED_REPO | CMD_NEED_WORKTREE, rm_usage },
	{ "show-ref", cmd_show_ref, CMD_NEED_REPO, show_ref_usage },
	{ "status", cmd_status, CMD_NEED_REPO | CMD_NEED_WORKTREE, status_usage },
	{ "switch", cmd_switch, CMD_NEED_REPO | CMD_NEED_WORKTREE, switch_usage },
	{ "symbolic-ref", cmd_symbolic_ref, CMD_NEED_REPO, symbolic_ref_usage },
	{ "tag", cmd_tag, CMD_NEED_REPO, tag_usage },
	{ "update-index", cmd_update_index, CMD_NEED_REPO, update_index_usage },
	{ "update-ref", cmd_update_ref, CMD_NEED_REPO, update_ref_usage },
	{ "version", cmd_version, 0, version_usage },
	{ "write-tree", cmd_write_tree, CMD_NEED_REPO, write_tree_usage },
};

const struct cmd_spec *cmd_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int usage_help(const char *usage)
{
	fputs(usage, stdout);
	return 129;
}

/* "<prefix><msg>\n", then `gap` and the usage text, on stderr; 129. */
static int usage_with_message(const char *usage, const char *prefix,
			      const char *gap, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fputs(gap, stderr);
	fputs(usage, stderr);
	return 129;
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = usage_with_message(usage, "error: ", "", fmt, ap);
	va_end(ap);
	return ret;
}

int usage_fatal(const char *usage, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = usage_with_message(usage, "fatal: ", "\n", fmt, ap);
	va_end(ap);
	return ret;
}

/*
 * The flag (no_argument) among `longopts` that "--<name>=..." names, or
 * NULL.  Not "help": git handles --help outside its option tables, so
 * "--help=x" is just an unknown option there.
 */
static const char *flag_given_a_value(const struct option *longopts, const char *name)
{
	size_t n = strcspn(name, "=");

	if (!name[n] || (n == 4 && !strncmp(name, "help", 4)))
		return NULL;
	for (; longopts && longopts->name; longopts++)
		if (longopts->has_arg == no_argument && strlen(longopts->name) == n &&
		    !strncmp(longopts->name, name, n))
			return longopts->name;
	return NULL;
}

int usage_bad_option(const char *usage, const struct option *longopts,
		     char **argv, int c)
{
	const char *arg = argv[optind - 1], *name, *flag;

	if (!arg)
		arg = "";
	/* git's parse-options: a value missing or one too many is one line, no usage */
	if (c == ':') {
		if (skip_prefix(arg, "--", &name))
			error("option `%.*s' requires a value", (int)strcspn(name, "="), name);
		else
			error("switch `%c' requires a value", optopt);
		return 129;
	}
	if (skip_prefix(arg, "--", &name)) {
		flag = flag_given_a_value(longopts, name);
		if (flag) {
			error("option `%s' takes no value", flag);
			return 129;
		}
		return usage_error(usage, "unknown option `%s'", name);
	}
	if (optopt)
		return usage_error(usage, "unknown switch `%c'", optopt);
	return usage_error(usage, "unknown option `%s'", arg);
}

int cmd_help(int argc, char **argv, struct repo *repo)
{
	const struct cmd_spec *cmd;
	size_t i;

	(void)repo;
	if (argc > 1 && !strcmp(argv[1], "-h"))
		return usage_help(help_usage);
	if (argc < 2) {
		fputs(main_usage, stdout);
		fputs("\nThese are the ugit commands:\n", stdout);
		for (i = 0; i < sizeof(commands) / sizeof(*commands); i++)
			printf("   %s\n", commands[i].name);
		return 0;
	}
	cmd = cmd_lookup(argv[1]);
	if (!cmd) {
		fprintf(stderr, "ugit: '%s' is not a ugit command. See 'ugit --help'.\n",
			argv[1]);
		return 1;
	}
	fputs(cmd->usage, stdout);
	return 0;
}

int cmd_version(int argc, char **argv, struct repo *repo)
{
	(void)repo;
	if (argc > 1 && !strcmp(argv[1], "-h"))
		return usage_help(version_usage);
	(void)argv;
	printf("ugit version %s\n", UGIT_VERSION);
	return 0;
}

static struct repo *setup_repo(const struct cmd_spec *cmd)
{
	struct repo *repo = NULL;
	int err;

	if (!(cmd->flags & (CMD_NEED_REPO | CMD_GENTLY)))
		return NULL;
	err = repo_discover(&repo);
	if (err == UG_ENOTFOUND) {
		if (cmd->flags & CMD_GENTLY)
			return NULL;
		die("%s", ug_error_last());	/* git words it two ways (see repo.h) */
	}
	if (err < 0)
		die("%s", ug_error_last());
	if ((cmd->flags & CMD_NEED_WORKTREE) && !repo->worktree)
		die("this operation must be run in a work tree");
	return repo;
}

/* Handle the options before the command name; returns the index of the command. */
static int global_options(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i], *v;

		if (!strcmp(a, "-C")) {
			if (++i >= argc) {
				fprintf(stderr, "no directory given for -C\n\n%s", main_usage);
				exit(129);
			}
			if (*argv[i] && chdir(argv[i]) < 0)
				die_errno("cannot change to '%s'", argv[i]);
		} else if (skip_prefix(a, "--git-dir=", &v)) {
			setenv("GIT_DIR", v, 1);
		} else if (!strcmp(a, "--git-dir")) {
			if (++i >= argc) {
				fprintf(stderr, "no directory given for --git-dir\n\n%s", main_usage);
				exit(129);
			}
			setenv("GIT_DIR", argv[i], 1);
		} else if (!strcmp(a, "-v") || !strcmp(a, "--version")) {
			argv[i] = "version";
			return i;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			argv[i] = "help";
			return i;
		} else {
			fprintf(stderr, "unknown option: %s\n%s", a, main_usage);
			exit(129);
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	const struct cmd_spec *cmd;
	struct repo *repo;
	int first, status;

	first = global_options(argc, argv);
	if (first >= argc) {
		fputs(main_usage, stdout);
		return 1;
	}
	cmd = cmd_lookup(argv[first]);
	if (!cmd) {
		fprintf(stderr, "ugit: '%s' is not a ugit command. See 'ugit --help'.\n",
			argv[first]);
		return 1;
	}
	argc -= first;
	argv += first;
	/* like git, "<cmd> -h" prints usage even outside a repository */
	if (argc == 2 && !strcmp(argv[1], "-h"))
		return usage_help(cmd->usage);
	repo = setup_repo(cmd);
	optind = 0;	/* glibc: re-initialise getopt completely for the command */
	status = cmd->fn(argc, argv, repo);
	if (fflush(stdout) || ferror(stdout))
		die("write failure on standard output");
	repo_free(repo);
	return status;
}
