/* symbolic-ref: read, set or delete a symbolic ref such as HEAD. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/refname.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/signature.h"
#include "ugit/strbuf.h"

const char symbolic_ref_usage[] =
	"usage: ugit symbolic-ref [-m <reason>] <name> <ref>\n"
	"   or: ugit symbolic-ref [-q] [--short] [--no-recurse] <name>\n"
	"   or: ugit symbolic-ref --delete [-q] <name>\n"
	"\n"
	"    -q, --quiet           suppress error message for non-symbolic (detached) refs\n"
	"    -d, --delete          delete symbolic ref\n"
	"    --short               shorten ref output\n"
	"    --recurse             recursively dereference (default)\n"
	"    -m <reason>           reason of the update\n"
	"\n";

struct symref_opts {
	const char *msg;
	int quiet, delete, shorten, recurse;
};

enum { OPT_SHORT = 256, OPT_RECURSE, OPT_NO_RECURSE };

static int parse_options(struct symref_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "delete", no_argument, NULL, 'd' },
		{ "short", no_argument, NULL, OPT_SHORT },
		{ "recurse", no_argument, NULL, OPT_RECURSE },
		{ "no-recurse", no_argument, NULL, OPT_NO_RECURSE },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":qdm:", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': o->quiet = 1; break;
		case 'd': o->delete = 1; break;
		case 'm': o->msg = optarg; break;
		case OPT_SHORT: o->shorten = 1; break;
		case OPT_RECURSE: o->recurse = 1; break;
		case OPT_NO_RECURSE: o->recurse = 0; break;
		default:
			return usage_bad_option(symbolic_ref_usage, longopts, argv, c);
		}
	}
	return 0;
}

/*
 * Is `name` a symbolic ref?  Appends where it leads (to the end of the
 * chain, or one step with --no-recurse) and returns 1; 0 if it is not
 * one (or does not exist).  A chain that loops or names a bad ref dies
 * as in git.
 */
static int read_symref(struct strbuf *target, struct repo *repo,
		       const char *name, int recurse)
{
	unsigned flags = 0;
	struct oid oid;
	int err;

	/* a name that cannot be a ref is simply not a symbolic one */
	if (!refs_name_is_safe(name) || !refname_is_valid(name, REFNAME_ALLOW_ONELEVEL))
		return 0;
	if (!recurse) {
		err = refs_read_symbolic(target, repo, name);
		if (err == UG_EINVALID)
			die("No such ref: %s", name);
		return err == 1;
	}
	err = refs_resolve_full(&oid, target, &flags, repo, name);
	/* an unborn branch is fine: the chain ends at a name */
	if (err == UG_EINVALID || (err < 0 && !target->len))
		die("No such ref: %s", name);
	return (flags & REFS_SYMREF) != 0;
}

static int show_symref(struct repo *repo, const struct symref_opts *o,
		       const char *name)
{
	struct strbuf target = STRBUF_INIT, shorter = STRBUF_INIT;
	int is_symref = read_symref(&target, repo, name, o->recurse);

	if (!is_symref) {
		strbuf_release(&target);
		if (o->quiet)
			return 1;
		die("ref %s is not a symbolic ref", name);
	}
	if (o->shorten) {
		refs_shorten(&shorter, repo, target.buf);
		puts(shorter.buf);
	} else {
		puts(target.buf);
	}
	strbuf_release(&target);
	strbuf_release(&shorter);
	return 0;
}

static int delete_symref(struct repo *repo, const char *name)
{
	struct strbuf target = STRBUF_INIT;
	int is_symref = read_symref(&target, repo, name, 0);

	strbuf_release(&target);
	if (!is_symref)
		die("Cannot delete %s, not a symbolic ref", name);
	if (!strcmp(name, "HEAD"))
		die("deleting '%s' is not allowed", name);
	if (refs_delete(repo, name, NULL, REFS_UPDATE_NO_DEREF, NULL) < 0) {
		error("%s", ug_error_last());
		return 1;
	}
	return 0;
}

static int set_symref(struct repo *repo, const struct symref_opts *o,
		      const char *name, const char *target)
{
	struct strbuf ident = STRBUF_INIT;
	struct refs_log log = { NULL, o->msg };
	int err;

	if (!strcmp(name, "HEAD") && !starts_with(target, "refs/"))
		die("Refusing to point HEAD outside of refs/");
	if (!refname_is_valid(target, REFNAME_ALLOW_ONELEVEL))
		die("Refusing to set '%s' to invalid ref '%s'", name, target);
	reflog_ident(&ident, repo);
	log.ident = ident.buf;
	err = refs_update_symbolic(repo, name, target, &log);
	if (err < 0)
		error("%s", ug_error_last());
	strbuf_release(&ident);
	return err < 0 ? 1 : 0;
}

/* git prints the bare usage text on stderr for a wrong number of arguments. */
static int usage_only(void)
{
	fflush(stdout);
	fputs(symbolic_ref_usage, stderr);
	return 129;
}

int cmd_symbolic_ref(int argc, char **argv, struct repo *repo)
{
	struct symref_opts o = { NULL, 0, 0, 0, 1 };
	int ret = parse_options(&o, argc, argv);

	if (ret)
		return ret;
	argc -= optind;
	argv += optind;
	if (o.delete) {
		if (argc != 1)
			return usage_only();
		return delete_symref(repo, argv[0]);
	}
	if (argc == 1)
		return show_symref(repo, &o, argv[0]);
	if (argc == 2)
		return set_symref(repo, &o, argv[0], argv[1]);
	return usage_only();
}
