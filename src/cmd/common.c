/* common: what several commands do alike - object names with git's warnings, damaged objects, core.quotePath. */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/quote.h"
#include "ugit/repo.h"
#include "ugit/revparse.h"
#include "ugit/signature.h"
#include "ugit/strbuf.h"
#include "ugit/wildmatch.h"

/* Everything goes to stderr at once, after what stdout holds so far. */
static void print_stderr(const struct strbuf *sb)
{
	if (!sb->len)
		return;
	fflush(stdout);
	fwrite(sb->buf, 1, sb->len, stderr);
}

int resolve_object_name(struct oid *out, struct repo *repo, const char *name,
			unsigned flags)
{
	struct strbuf msgs = STRBUF_INIT;
	int err = revparse_single_ext(out, &msgs, repo, name,
				      flags & ~RESOLVE_DIE_QUIETLY);

	print_stderr(&msgs);
	/*
	 * "log for 'x' only has N entries": git dies there, silently under
	 * rev-parse -q --verify, but only when nothing follows the "@{n}"
	 */
	if (err == UG_ERANGE && (flags & RESOLVE_DIE_QUIETLY) &&
	    name[strcspn(name, "^~:")] == '\0')
		exit(128);
	if (err == UG_ERANGE)
		die("%s", ug_error_last());
	/* git's -q keeps quiet about an ambiguous abbreviation too */
	if (err == UG_EAMBIGUOUS && !(flags & REVPARSE_QUIET)) {
		strbuf_reset(&msgs);
		strbuf_addf(&msgs, "error: %s\n", ug_error_last());
		if (revparse_format_ambiguous(&msgs, repo, name) < 0)
			ug_error_clear();	/* the list is a hint; the error stands */
		print_stderr(&msgs);
	}
	strbuf_release(&msgs);
	return err;
}

void die_corrupt(struct repo *repo, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];

	error("%s", ug_error_last());
	oid_to_hex(hex, oid);
	die("loose object %s (stored in %s/%.2s/%s) is corrupt", hex,
	    odb_name(repo->odb), hex, hex + 2);
}

unsigned core_quotepath_flags(struct repo *repo)
{
	int quote = 1;

	if (repo->config && config_get_bool(&quote, repo->config, "core.quotepath") < 0) {
		/* git dies on a bad boolean; a listing can do without */
		ug_error_clear();
		quote = 1;
	}
	return quote ? 0 : QUOTE_KEEP_HIGH_BYTES;
}

void reflog_ident(struct strbuf *out, struct repo *repo)
{
	/* git does not insist on a configured identity for reflogs */
	if (signature_default(out, NULL, repo->config, SIGNATURE_COMMITTER, NULL, 0) < 0)
		die("%s", ug_error_last());
}

int parse_abbrev(const char *arg)
{
	char *end;
	long n;

	if (!arg)
		return 7;	/* git's DEFAULT_ABBREV */
	n = strtol(arg, &end, 10);
	if (!*arg || *end)
		return -1;
	if (n && n < 4)
		return 4;	/* negative numbers too */
	return n > UG_OID_HEXSZ ? UG_OID_HEXSZ : (int)n;
}

int match_any_glob(char **patterns, const char *name)
{
	if (!*patterns)
		return 1;
	for (; *patterns; patterns++)
		if (wildmatch(*patterns, name, 0))
			return 1;
	return 0;
}
