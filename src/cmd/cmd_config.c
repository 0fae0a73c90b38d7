/* config: get, set, unset and list config values, as `git config` does. */
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

const char config_usage[] =
	"usage: ugit config [<file-option>] [--type=<type>] <name> [<value>]\n"
	"   or: ugit config [<file-option>] [--type=<type>] --get <name>\n"
	"   or: ugit config [<file-option>] --unset <name>\n"
	"   or: ugit config [<file-option>] --rename-section <old-name> <new-name>\n"
	"   or: ugit config [<file-option>] --remove-section <name>\n"
	"   or: ugit config [<file-option>] (-l | --list)\n"
	"\n"
	"    <file-option>: --global | --system | --local | -f <file> | --file <file>\n"
	"    <type>: bool (--bool) or int (--int)\n";

enum config_action {
	ACTION_NONE, ACTION_GET, ACTION_UNSET, ACTION_LIST,
	ACTION_RENAME_SECTION, ACTION_REMOVE_SECTION,
};
enum config_type { TYPE_NONE, TYPE_BOOL, TYPE_INT };
enum config_where { WHERE_DEFAULT, WHERE_GLOBAL, WHERE_SYSTEM, WHERE_LOCAL, WHERE_FILE };

struct config_opts {
	int action;		/* enum config_action */
	int type;		/* enum config_type */
	int where;		/* enum config_where */
	const char *file;
};

/* One file to read or write: where it is and how messages name it. */
struct config_target {
	struct strbuf path, name;
	enum config_scope scope;
};

static int set_once(int *slot, int value, const char *what)
{
	if (*slot && *slot != value)
		return usage_error(config_usage, "only one %s at a time", what);
	*slot = value;
	return 0;
}

static int parse_type(int *type, const char *arg)
{
	int t = !strcmp(arg, "bool") ? TYPE_BOOL : !strcmp(arg, "int") ? TYPE_INT : -1;

	if (t < 0)
		die("unrecognized --type argument, %s", arg);
	return set_once(type, t, "type");
}

/* Returns -1 to go on, or the exit status. */
static int parse_options(struct config_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "global", no_argument, NULL, 'G' },
		{ "system", no_argument, NULL, 'S' },
		{ "local", no_argument, NULL, 'L' },
		{ "file", required_argument, NULL, 'f' },
		{ "get", no_argument, NULL, 'g' },
		{ "unset", no_argument, NULL, 'u' },
		{ "list", no_argument, NULL, 'l' },
		{ "rename-section", no_argument, NULL, 'R' },
		{ "remove-section", no_argument, NULL, 'D' },
		{ "bool", no_argument, NULL, 'b' },
		{ "int", no_argument, NULL, 'i' },
		{ "type", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, err = 0;

	while (!err && (c = getopt_long(argc, argv, ":f:lt:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'G': err = set_once(&o->where, WHERE_GLOBAL, "config file"); break;
		case 'S': err = set_once(&o->where, WHERE_SYSTEM, "config file"); break;
		case 'L': err = set_once(&o->where, WHERE_LOCAL, "config file"); break;
		case 'f':
			err = set_once(&o->where, WHERE_FILE, "config file");
			o->file = optarg;
			break;
		case 'g': err = set_once(&o->action, ACTION_GET, "action"); break;
		case 'u': err = set_once(&o->action, ACTION_UNSET, "action"); break;
		case 'l': err = set_once(&o->action, ACTION_LIST, "action"); break;
		case 'R': err = set_once(&o->action, ACTION_RENAME_SECTION, "action"); break;
		case 'D': err = set_once(&o->action, ACTION_REMOVE_SECTION, "action"); break;
		case 'b': err = set_once(&o->type, TYPE_BOOL, "type"); break;
		case 'i': err = set_once(&o->type, TYPE_INT, "type"); break;
		case 't': err = parse_type(&o->type, optarg); break;
		case 'h': return usage_help(config_usage);
		default: return usage_bad_option(config_usage, longopts, argv, c);
		}
	}
	return err ? err : -1;
}

/* Check the number of operands for the action (git's wording). */
static int check_args(const struct config_opts *o, int nargs)
{
	switch (o->action) {
	case ACTION_LIST:
		if (nargs)
			return usage_error(config_usage, "wrong number of arguments, should be 0");
		return -1;
	case ACTION_RENAME_SECTION:
		if (nargs != 2)
			return usage_error(config_usage, "wrong number of arguments, should be 2");
		return -1;
	case ACTION_REMOVE_SECTION:
		if (nargs != 1)
			return usage_error(config_usage, "wrong number of arguments, should be 1");
		return -1;
	case ACTION_GET:
	case ACTION_UNSET:
		if (nargs < 1 || nargs > 2)
			return usage_error(config_usage, "wrong number of arguments, should be from 1 to 2");
		break;
	case ACTION_NONE:
		if (nargs < 1 || nargs > 3) {
			fputs(config_usage, stderr);
			return 129;
		}
		nargs--;	/* <name> <value> [<value-pattern>] */
		break;
	}
	if (nargs == 2)
		return usage_error(config_usage, "value patterns are not supported by ugit");
	return -1;
}

static void target_init(struct config_target *t, enum config_scope scope)
{
	strbuf_init(&t->path, 0);
	strbuf_init(&t->name, 0);
	t->scope = scope;
}

static void target_release(struct config_target *t)
{
	strbuf_release(&t->path);
	strbuf_release(&t->name);
}

/* The repository's own file, named as git names it (".git/config"). */
static void local_target(struct config_target *t, struct repo *repo)
{
	target_init(t, CONFIG_SCOPE_LOCAL);
	repo_git_path(&t->path, repo, "config");
	fs_path_join(&t->name, repo->gitdir_name, "config");
}

/*
 * The files to read, in order.  Returns how many were put in `t` (room
 * for four).
 */
static int read_targets(struct config_target *t, const struct config_opts *o,
			struct repo *repo)
{
	struct strbuf global[2] = { STRBUF_INIT, STRBUF_INIT };
	int n = 0, i, nglobal;

	if (o->where == WHERE_FILE || o->where == WHERE_SYSTEM) {
		target_init(&t[n], CONFIG_SCOPE_COMMAND);
		if (o->where == WHERE_FILE) {
			strbuf_addstr(&t[n].path, o->file);
		} else {
			/* an explicit --system is read even with GIT_CONFIG_NOSYSTEM */
			const char *sys = getenv("GIT_CONFIG_SYSTEM");

			strbuf_addstr(&t[n].path, sys ? sys : "/etc/gitconfig");
			t[n].scope = CONFIG_SCOPE_SYSTEM;
		}
		strbuf_addbuf(&t[n].name, &t[n].path);
		return n + 1;
	}
	if (o->where == WHERE_DEFAULT) {
		target_init(&t[n], CONFIG_SCOPE_SYSTEM);
		if (config_system_file(&t[n].path)) {
			strbuf_addbuf(&t[n].name, &t[n].path);
			n++;
		} else {
			target_release(&t[n]);
		}
	}
	if (o->where == WHERE_DEFAULT || o->where == WHERE_GLOBAL) {
		nglobal = config_global_files(global);
		for (i = 0; i < nglobal; i++, n++) {
			target_init(&t[n], CONFIG_SCOPE_GLOBAL);
			strbuf_addbuf(&t[n].path, &global[i]);
			strbuf_addbuf(&t[n].name, &global[i]);
		}
	}
	if ((o->where == WHERE_DEFAULT || o->where == WHERE_LOCAL) && repo)
		local_target(&t[n++], repo);
	strbuf_release(&global[0]);
	strbuf_release(&global[1]);
	return n;
}

static int print_entry(const char *key, const char *value,
		       enum config_scope scope, void *payload)
{
	(void)scope;
	(void)payload;
	if (value)
		printf("%s=%s\n", key, value);
	else
		printf("%s\n", key);
	return 0;
}

static int list_config(const struct config_opts *o, struct repo *repo)
{
	struct config_target t[4];
	int i, n = read_targets(t, o, repo), err = 0;

	for (i = 0; i < n && !err; i++) {
		err = config_parse_file(t[i].path.buf, t[i].name.buf, t[i].scope,
					print_entry, NULL);
		/* a missing default file is no error; a named one is */
		if (err == UG_ENOTFOUND && o->where != WHERE_FILE &&
		    o->where != WHERE_SYSTEM)
			err = 0;
	}
	for (i = 0; i < n; i++)
		target_release(&t[i]);
	if (err < 0)
		die("%s", ug_error_last());
	return 0;
}

static int print_value(struct config *cfg, const char *key, int type)
{
	const char *value;
	long long n;
	int b;

	if (type == TYPE_BOOL) {
		if (config_get_bool(&b, cfg, key) < 0)
			die("%s", ug_error_last());
		puts(b ? "true" : "false");
	} else if (type == TYPE_INT) {
		if (config_get_int(&n, cfg, key) < 0)
			die("%s", ug_error_last());
		printf("%lld\n", n);
	} else {
		config_get_string(&value, cfg, key);
		puts(value ? value : "");
	}
	return 0;
}

static int get_config(const struct config_opts *o, struct repo *repo,
		      const char *key)
{
	struct strbuf canon = STRBUF_INIT;
	struct config_target t[4];
	struct config *cfg = NULL;
	const char *value;
	int i, n = 0, err, status = 1;

	if (config_parse_key(&canon, key) < 0) {
		error("%s", ug_error_last());
		goto done;
	}
	if (o->where == WHERE_DEFAULT && repo) {
		cfg = repo->config;	/* loaded when the repository was found */
	} else {
		cfg = config_new();
		n = read_targets(t, o, repo);
		for (i = 0; i < n; i++) {
			err = config_add_file(cfg, t[i].path.buf, t[i].name.buf, t[i].scope);
			if (err < 0)
				die("%s", ug_error_last());
		}
	}
	if (config_get_string(&value, cfg, canon.buf) == 0)
		status = print_value(cfg, canon.buf, o->type);
done:
	for (i = 0; i < n; i++)
		target_release(&t[i]);
	if (cfg && (!repo || cfg != repo->config))
		config_free(cfg);
	strbuf_release(&canon);
	return status;
}

/* The value to store for --bool/--int: git writes the canonical form. */
static const char *normalize(struct strbuf *buf, const char *key,
			     const char *value, int type)
{
	long long n;
	int b;

	if (type == TYPE_BOOL) {
		b = config_parse_bool(value);
		if (b < 0)
			die("bad boolean config value '%s' for '%s'", value, key);
		strbuf_addstr(buf, b ? "true" : "false");
		return buf->buf;
	}
	if (type == TYPE_INT) {
		if (config_parse_int(&n, value, 64) < 0)
			die("bad numeric config value '%s' for '%s': %s", value, key,
			    ug_error_last());
		strbuf_addf(buf, "%lld", n);
		return buf->buf;
	}
	return value;
}

/* Turn config_set()'s result into git's messages and exit codes. */
static int set_status(int err, const char *key, const char *value,
		      const char *file)
{
	switch (err) {
	case 0:
		return 0;
	case UG_ENOTFOUND:
		return 5;
	case UG_EAMBIGUOUS:
		warning("%s", ug_error_last());
		if (value) {
			error("cannot overwrite multiple values with a single value\n"
			      "       Use a regexp, --add or --replace-all to change %s.", key);
		}
		return 5;
	case UG_EINVALID:
		error("%s", ug_error_last());
		error("invalid config file %s", file);
		return 3;
	case UG_ECORRUPT:
		die("%s", ug_error_last());
	default:
		error("%s", ug_error_last());
		return 255;
	}
}

/* The one file a change goes to: --file, --global, --system or the repository's. */
static void write_target(struct config_target *t, const struct config_opts *o,
			 struct repo *repo)
{
	if (o->where == WHERE_FILE) {
		strbuf_addstr(&t->path, o->file);
	} else if (o->where == WHERE_GLOBAL) {
		if (config_global_write_file(&t->path) < 0)
			die("%s", ug_error_last());
	} else if (o->where == WHERE_SYSTEM) {
		const char *sys = getenv("GIT_CONFIG_SYSTEM");

		strbuf_addstr(&t->path, sys ? sys : "/etc/gitconfig");
	} else if (!repo) {
		die("not in a git directory");
	} else {
		target_release(t);
		local_target(t, repo);
	}
	if (!t->name.len)
		strbuf_addbuf(&t->name, &t->path);
}

static int set_config(const struct config_opts *o, struct repo *repo,
		      const char *key, const char *value)
{
	struct strbuf canon = STRBUF_INIT, norm = STRBUF_INIT;
	struct config_target t;
	int err, status;

	target_init(&t, CONFIG_SCOPE_LOCAL);
	err = config_parse_key(&canon, key);
	if (err < 0) {
		error("%s", ug_error_last());
		status = err == UG_ENOTFOUND ? 2 : 1;
		goto done;
	}
	if (value)
		value = normalize(&norm, key, value, o->type);
	write_target(&t, o, repo);
	err = config_set(t.path.buf, t.name.buf, key, value);
	status = set_status(err, key, value, t.name.buf);
done:
	target_release(&t);
	strbuf_release(&canon);
	strbuf_release(&norm);
	return status;
}

/*
 * --rename-section / --remove-section (`new_name` NULL).  git dies when
 * the section is missing, and reports a bad new name as an error with
 * exit status 255.
 */
static int rename_section(const struct config_opts *o, struct repo *repo,
			  const char *old, const char *new_name)
{
	struct config_target t;
	int err;

	target_init(&t, CONFIG_SCOPE_LOCAL);
	write_target(&t, o, repo);
	err = config_rename_section(t.path.buf, t.name.buf, old, new_name);
	target_release(&t);
	if (err == UG_ENOTFOUND || err == UG_ECORRUPT)
		die("%s", ug_error_last());
	if (err < 0) {
		error("%s", ug_error_last());
		return 255;
	}
	return 0;
}

int cmd_config(int argc, char **argv, struct repo *repo)
{
	struct config_opts o = { ACTION_NONE, TYPE_NONE, WHERE_DEFAULT, NULL };
	int status, nargs;

	status = parse_options(&o, argc, argv);
	if (status >= 0)
		return status;
	nargs = argc - optind;
	status = check_args(&o, nargs);
	if (status >= 0)
		return status;
	if (o.where == WHERE_LOCAL && !repo)
		die("--local can only be used inside a git repository");
	switch (o.action) {
	case ACTION_LIST:
		return list_config(&o, repo);
	case ACTION_UNSET:
		return set_config(&o, repo, argv[optind], NULL);
	case ACTION_GET:
		return get_config(&o, repo, argv[optind]);
	case ACTION_RENAME_SECTION:
		return rename_section(&o, repo, argv[optind], argv[optind + 1]);
	case ACTION_REMOVE_SECTION:
		return rename_section(&o, repo, argv[optind], NULL);
	case ACTION_NONE:
		break;
	}
	if (nargs == 1)
		return get_config(&o, repo, argv[optind]);
	return set_config(&o, repo, argv[optind], argv[optind + 1]);
}
