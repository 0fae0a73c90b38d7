/* update-ref: set, check or delete one ref (or several from --stdin), with its reflog. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/refname.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/signature.h"
#include "ugit/strbuf.h"

const char update_ref_usage[] =
	"usage: ugit update-ref [<options>] -d <refname> [<old-val>]\n"
	"   or: ugit update-ref [<options>]    <refname> <new-val> [<old-val>]\n"
	"   or: ugit update-ref [<options>] --stdin [-z]\n"
	"\n"
	"    -m <reason>           reason of the update\n"
	"    -d                    delete the reference\n"
	"    --no-deref            update <refname> not the one it points to\n"
	"    -z                    stdin has NUL-terminated arguments\n"
	"    --stdin               read updates from stdin\n"
	"    --create-reflog       create a reflog\n"
	"\n";

struct update_opts {
	const char *msg;
	int delete, no_deref, nul, use_stdin, create_reflog;
};

enum { OPT_NO_DEREF = 256, OPT_STDIN, OPT_CREATE_REFLOG };

static int parse_options(struct update_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "no-deref", no_argument, NULL, OPT_NO_DEREF },
		{ "stdin", no_argument, NULL, OPT_STDIN },
		{ "create-reflog", no_argument, NULL, OPT_CREATE_REFLOG },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":m:dz", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': o->msg = optarg; break;
		case 'd': o->delete = 1; break;
		case 'z': o->nul = 1; break;
		case OPT_NO_DEREF: o->no_deref = 1; break;
		case OPT_STDIN: o->use_stdin = 1; break;
		case OPT_CREATE_REFLOG: o->create_reflog = 1; break;
		default:
			return usage_bad_option(update_ref_usage, longopts, argv, c);
		}
	}
	return 0;
}

/* An object name from the command line; `what` is "" or "old ". */
static void get_value(struct oid *out, struct repo *repo, const char *arg,
		      const char *what)
{
	if (resolve_object_name(out, repo, arg, 0) < 0)
		die("%s: not a valid %sSHA1", arg, what);
}

/*
 * git's rule for the value a ref gets (refs cannot check it: it does not
 * read objects): the object exists, and a branch or HEAD gets a commit.
 */
static int check_new_value(const struct oid *oid, const char *refname, void *payload)
{
	struct repo *repo = payload;
	struct object_header hdr;
	char hex[UG_OID_HEXSZ + 1];

	oid_to_hex(hex, oid);
	if (odb_read_header(&hdr, repo->odb, oid) < 0)
		return ug_error(UG_ENOTFOUND, "trying to write ref '%s' with nonexistent object %s",
				refname, hex);
	if (hdr.type != OBJ_COMMIT &&
	    (!strcmp(refname, "HEAD") || starts_with(refname, "refs/heads/")))
		return ug_error(UG_EINVALID, "trying to write non-commit object %s to branch '%s'",
				hex, refname);
	return 0;
}

/* One update (a null `new_oid` deletes) in a transaction of its own. */
static int update_checked(struct repo *repo, const char *name, const struct oid *new_oid,
			  const struct oid *old_oid, unsigned flags,
			  const struct refs_log *log)
{
	struct refs_transaction *tx = refs_transaction_begin(repo);
	int err;

	refs_transaction_set_check(tx, check_new_value, repo);
	err = refs_transaction_update(tx, name, new_oid, old_oid, flags, log);
	if (!err)
		err = refs_transaction_commit(tx);
	refs_transaction_free(tx);
	return err;
}

static int update_one(struct repo *repo, const struct update_opts *o,
		      int argc, char **argv)
{
	struct strbuf ident = STRBUF_INIT;
	struct refs_log log = { NULL, o->msg };
	struct oid new_oid, old_oid;
	const char *name = argv[0], *old = argc > (o->delete ? 1 : 2) ? argv[argc - 1] : NULL;
	unsigned flags = (o->no_deref ? REFS_UPDATE_NO_DEREF : 0) |
			 (o->create_reflog ? REFS_UPDATE_CREATE_REFLOG : 0);
	int err;

	if (o->delete)
		oid_clear(&new_oid);
	else
		get_value(&new_oid, repo, argv[1], "");
	/* "" as the old value: must not exist yet (for -d: any value) */
	if (old && *old)
		get_value(&old_oid, repo, old, "old ");
	else
		oid_clear(&old_oid);
	if (o->delete && old && !*old)
		old = NULL;
	reflog_ident(&ident, repo);
	log.ident = ident.buf;
	err = update_checked(repo, name, &new_oid, old ? &old_oid : NULL, flags, &log);
	strbuf_release(&ident);
	if (err < 0 && o->delete) {
		error("%s", ug_error_last());	/* git's delete_ref() only complains */
		return 1;
	}
	if (err < 0)
		die("update_ref failed for ref '%s': %s", name, ug_error_last());
	return 0;
}

/* ---- --stdin: "update|create|delete|verify SP <ref> ..." lines, one transaction ---- */

struct stdin_ctx {
	struct repo *repo;
	struct refs_transaction *tx;
	const struct update_opts *o;
	struct refs_log log;
	const char *p, *end;	/* the unread input */
	unsigned next_flags;	/* "option no-deref" applies to the next command */
};

/* The rest of the current line, newline included, as git quotes it. */
static void die_rest(const char *what, const struct stdin_ctx *c)
{
	const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	size_t n = nl ? (size_t)(nl - c->p) + 1 : (size_t)(c->end - c->p);

	die("%s%.*s", what, (int)n, c->p);
}

/* The next field: up to SP or LF (NUL with -z); stops before the delimiter. */
static void next_field(struct strbuf *out, struct stdin_ctx *c)
{
	const char *stop = c->p;

	while (stop < c->end && (c->o->nul ? *stop != '\0' : (*stop != ' ' && *stop != '\n')))
		stop++;
	strbuf_reset(out);
	strbuf_add(out, c->p, (size_t)(stop - c->p));
	c->p = stop;
}

/* "<cmd> SP <ref>": the ref name, checked. */
static void parse_ref(struct strbuf *ref, struct stdin_ctx *c, const char *cmd)
{
	next_field(ref, c);
	if (!ref->len)
		die("%s: missing <ref>", cmd);
	if (c->o->nul) {
		if (c->p >= c->end)
			die("%s: missing <ref>", cmd);
		c->p++;		/* its NUL */
	}
	if (!refs_name_is_safe(ref->buf) || !refname_is_valid(ref->buf, REFNAME_ALLOW_ONELEVEL))
		die("invalid ref format: %s", ref->buf);
}

/*
 * One value after the ref: 1 and `*out` set (the null id for an empty
 * one), or 0 if the line ends before it.  With -z every value is there,
 * NUL-terminated, and an empty <oldvalue> counts as missing.
 */
static int parse_value(struct oid *out, struct stdin_ctx *c, const char *cmd,
		       const char *ref, const char *what)
{
	struct strbuf arg = STRBUF_INIT;

	if (c->p >= c->end)
		die("%s %s: unexpected end of input when reading %s", cmd, ref, what);
	if (!c->o->nul) {
		if (*c->p != ' ')
			return 0;	/* end of line */
		c->p++;
	}
	next_field(&arg, c);
	if (c->o->nul) {
		if (c->p < c->end)
			c->p++;		/* its NUL (the last value may lack one) */
		if (!arg.len && !strcmp(what, "<oldvalue>")) {
			strbuf_release(&arg);
			return 0;
		}
	}
	if (!arg.len)
		oid_clear(out);
	else if (resolve_object_name(out, c->repo, arg.buf, REVPARSE_QUIET) < 0)
		die("%s %s: invalid %s: %s", cmd, ref, what, arg.buf);
	strbuf_release(&arg);
	return 1;
}

/* The line must end here. */
static void end_of_line(struct stdin_ctx *c, const char *cmd, const char *ref)
{
	struct strbuf what = STRBUF_INIT;

	if (c->o->nul)
		return;
	if (c->p < c->end && *c->p == '\n') {
		c->p++;
		return;
	}
	strbuf_addf(&what, "%s %s: extra input: ", cmd, ref);
	die_rest(what.buf, c);
}

/* One command: update, create, delete or verify. */
static void stdin_command(struct stdin_ctx *c, const char *cmd)
{
	struct strbuf ref = STRBUF_INIT;
	struct oid new_oid, old_oid;
	int has_new = 0, has_old = 0, err;

	parse_ref(&ref, c, cmd);
	if (!strcmp(cmd, "update") || !strcmp(cmd, "create")) {
		has_new = parse_value(&new_oid, c, cmd, ref.buf, "<newvalue>");
		if (!has_new)
			die("%s %s: missing <newvalue>", cmd, ref.buf);
		if (!strcmp(cmd, "create") && oid_is_null(&new_oid))
			die("%s %s: zero <newvalue>", cmd, ref.buf);
	}
	if (strcmp(cmd, "create"))
		has_old = parse_value(&old_oid, c, cmd, ref.buf, "<oldvalue>");
	if (!strcmp(cmd, "delete")) {
		if (has_old && oid_is_null(&old_oid))
			die("%s %s: zero <oldvalue>", cmd, ref.buf);
		oid_clear(&new_oid);
		has_new = 1;
	} else if (!strcmp(cmd, "create") || (!strcmp(cmd, "verify") && !has_old)) {
		oid_clear(&old_oid);	/* must not exist yet */
		has_old = 1;
	}
	end_of_line(c, cmd, ref.buf);
	err = refs_transaction_update(c->tx, ref.buf, has_new ? &new_oid : NULL,
				      has_old ? &old_oid : NULL, c->next_flags, &c->log);
	if (err < 0)
		die("%s", ug_error_last());
	c->next_flags &= ~REFS_UPDATE_NO_DEREF;
	c->next_flags |= c->o->no_deref ? REFS_UPDATE_NO_DEREF : 0;
	strbuf_release(&ref);
}

static void stdin_option(struct stdin_ctx *c)
{
	const char *nl = memchr(c->p, c->o->nul ? '\0' : '\n', (size_t)(c->end - c->p));

	if (nl && (size_t)(nl - c->p) == 8 && !memcmp(c->p, "no-deref", 8)) {
		c->next_flags |= REFS_UPDATE_NO_DEREF;
		c->p = nl + 1;
		return;
	}
	die_rest("option unknown: ", c);
}

static int update_ref_stdin(struct repo *repo, const struct update_opts *o)
{
	static const char *const cmds[] = { "update", "create", "delete", "verify" };
	struct strbuf input = STRBUF_INIT, ident = STRBUF_INIT;
	struct stdin_ctx c = { repo, NULL, o, { NULL, o->msg }, NULL, NULL, 0 };
	size_t i;

	if (strbuf_read_fd(&input, 0, 0) < 0)
		die("could not read from stdin: %s", ug_error_last());
	reflog_ident(&ident, repo);
	c.log.ident = ident.buf;
	c.tx = refs_transaction_begin(repo);
	refs_transaction_set_check(c.tx, check_new_value, repo);
	c.p = input.buf;
	c.end = input.buf + input.len;
	c.next_flags = (o->no_deref ? REFS_UPDATE_NO_DEREF : 0) |
		       (o->create_reflog ? REFS_UPDATE_CREATE_REFLOG : 0);
	while (c.p < c.end) {
		if (*c.p == '\n' || (o->nul && !*c.p))
			die("empty command in input");
		for (i = 0; i < sizeof(cmds) / sizeof(*cmds); i++) {
			size_t n = strlen(cmds[i]);

			if (!strncmp(c.p, cmds[i], n) && c.p[n] == ' ') {
				c.p += n + 1;
				stdin_command(&c, cmds[i]);
				break;
			}
		}
		if (i < sizeof(cmds) / sizeof(*cmds))
			continue;
		if (!strncmp(c.p, "option ", 7)) {
			c.p += 7;
			stdin_option(&c);
			continue;
		}
		die_rest("unknown command: ", &c);
	}
	if (refs_transaction_commit(c.tx) < 0)
		die("%s", ug_error_last());
	refs_transaction_free(c.tx);
	strbuf_release(&input);
	strbuf_release(&ident);
	return 0;
}

/* git prints the bare usage text on stderr for a wrong number of arguments. */
static int usage_only(void)
{
	fflush(stdout);
	fputs(update_ref_usage, stderr);
	return 129;
}

int cmd_update_ref(int argc, char **argv, struct repo *repo)
{
	struct update_opts o = { NULL, 0, 0, 0, 0, 0 };
	int ret = parse_options(&o, argc, argv);

	if (ret)
		return ret;
	argc -= optind;
	argv += optind;
	if (o.msg && !*o.msg)
		die("Refusing to perform update with empty message.");
	if (o.use_stdin) {
		if (o.delete || argc > 0)
			return usage_only();
		return update_ref_stdin(repo, &o);
	}
	if (o.nul || argc < (o.delete ? 1 : 2) || argc > (o.delete ? 2 : 3))
		return usage_only();
	return update_one(repo, &o, argc, argv);
}
