/* show-ref: list refs (all, branches, tags, those matching patterns) or verify some. */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/strbuf.h"

const char show_ref_usage[] =
	"usage: ugit show-ref [-q | --quiet] [--verify] [--head] [-d | --dereference]\n"
	"                     [-s | --hash[=<n>]] [--abbrev[=<n>]] [--tags]\n"
	"                     [--heads] [--] [<pattern>...]\n"
	"\n"
	"    --tags                only show tags (can be combined with heads)\n"
	"    --heads               only show heads (can be combined with tags)\n"
	"    --verify              stricter reference checking, requires exact ref path\n"
	"    --head                show the HEAD reference, even if it would be filtered out\n"
	"    -d, --dereference     dereference tags into object IDs\n"
	"    -s, --hash[=<n>]      only show SHA1 hash using <n> digits\n"
	"    --abbrev[=<n>]        use <n> digits to display object names\n"
	"    -q, --quiet           do not print results to stdout (useful with --verify)\n"
	"\n";

struct show_opts {
	struct repo *repo;
	int quiet, verify, head, deref, hash_only, tags, heads;
	int abbrev;		/* 0: full ids */
	char **patterns;	/* NULL-terminated; NULL: every ref */
	int found;
};

enum { OPT_TAGS = 256, OPT_HEADS, OPT_VERIFY, OPT_HEAD, OPT_HASH, OPT_ABBREV };

static int parse_options(struct show_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "tags", no_argument, NULL, OPT_TAGS },
		{ "heads", no_argument, NULL, OPT_HEADS },
		{ "verify", no_argument, NULL, OPT_VERIFY },
		{ "head", no_argument, NULL, OPT_HEAD },
		{ "dereference", no_argument, NULL, 'd' },
		{ "hash", optional_argument, NULL, OPT_HASH },
		{ "abbrev", optional_argument, NULL, OPT_ABBREV },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":qds", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': o->quiet = 1; break;
		case 'd': o->deref = 1; break;
		case 's': o->hash_only = 1; break;
		case OPT_TAGS: o->tags = 1; break;
		case OPT_HEADS: o->heads = 1; break;
		case OPT_VERIFY: o->verify = 1; break;
		case OPT_HEAD: o->head = 1; break;
		case OPT_HASH:
		case OPT_ABBREV:
			if (c == OPT_HASH)
				o->hash_only = 1;
			if (c == OPT_ABBREV || optarg)
				o->abbrev = parse_abbrev(optarg);
			if (o->abbrev < 0) {
				error("option `%s' expects a numerical value",
				      c == OPT_HASH ? "hash" : "abbrev");
				return 129;
			}
			break;
		default:
			return usage_bad_option(show_ref_usage, longopts, argv, c);
		}
	}
	return 0;
}

static void print_id(struct show_opts *o, const struct oid *oid,
		     const char *name, const char *suffix)
{
	char hex[UG_OID_HEXSZ + 1];
	int len = UG_OID_HEXSZ;

	oid_to_hex(hex, oid);
	if (o->abbrev) {
		len = odb_unique_abbrev_len(o->repo->odb, oid, (size_t)o->abbrev);
		if (len < 0)
			die("%s", ug_error_last());
	}
	if (o->hash_only && !*suffix)
		printf("%.*s\n", len, hex);
	else
		printf("%.*s %s%s\n", len, hex, name, suffix);
}

/* One ref: its id and, with -d, what an annotated tag finally names. */
static void show_one(struct show_opts *o, const char *name, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];
	struct oid peeled;

	if (!odb_has(o->repo->odb, oid))
		die("git show-ref: bad ref %s (%s)", name, oid_to_hex(hex, oid));
	o->found = 1;
	if (o->quiet)
		return;
	print_id(o, oid, name, "");
	if (!o->deref)
		return;
	/* only an annotated tag peels to something else */
	if (!revparse_peel(&peeled, o->repo, oid, OBJ_NONE) && oid_cmp(&peeled, oid))
		print_id(o, &peeled, name, "^{}");
	ug_error_clear();
}

/* git's tail match: the pattern is the whole name or its last components. */
static int matches(char **patterns, const char *name)
{
	size_t n = strlen(name);

	for (; *patterns; patterns++) {
		size_t len = strlen(*patterns);

		if (len > n || memcmp(*patterns, name + n - len, len))
			continue;
		if (len == n || name[n - len - 1] == '/')
			return 1;
	}
	return 0;
}

static int each_ref(const char *name, const struct oid *oid, unsigned flags,
		    void *payload)
{
	struct show_opts *o = payload;

	(void)flags;	/* a broken ref that matches dies in show_one(), as in git */
	if ((o->heads || o->tags) &&
	    !(o->heads && starts_with(name, "refs/heads/")) &&
	    !(o->tags && starts_with(name, "refs/tags/")))
		return 0;
	if (o->patterns && !matches(o->patterns, name))
		return 0;
	show_one(o, name, oid);
	return 0;
}

/* --verify: each name must be a full ref name that exists. */
static int verify(struct show_opts *o)
{
	char **p;
	struct oid oid;

	if (!o->patterns)
		die("--verify requires a reference");
	for (p = o->patterns; *p; p++) {
		if ((starts_with(*p, "refs/") || !strcmp(*p, "HEAD")) &&
		    !refs_resolve(&oid, o->repo, *p)) {
			show_one(o, *p, &oid);
			continue;
		}
		if (o->quiet)
			return 1;
		die("'%s' - not a valid ref", *p);
	}
	return 0;
}

int cmd_show_ref(int argc, char **argv, struct repo *repo)
{
	struct show_opts o = { repo, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 0 };
	struct oid oid;
	int ret = parse_options(&o, argc, argv);

	if (ret)
		return ret;
	if (optind < argc)
		o.patterns = argv + optind;
	if (o.verify)
		return verify(&o);
	if (o.head && !refs_resolve(&oid, repo, "HEAD"))
		show_one(&o, "HEAD", &oid);
	ug_error_clear();
	ret = refs_for_each(repo, "refs/", each_ref, &o);
	if (ret < 0)
		die("%s", ug_error_last());
	return o.found ? 0 : 1;
}
