/* commit_write: what commit-tree and commit share - identities and writing the object. */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/commit.h"
#include "ugit/error.h"
#include "ugit/odb.h"
#include "ugit/repo.h"
#include "ugit/signature.h"
#include "ugit/strbuf.h"

#define EMPTY_TREE_HEX "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

char *commit_ident(struct repo *repo, int role, const char *date)
{
	struct strbuf out = STRBUF_INIT, hint = STRBUF_INIT;

	if (signature_default(&out, &hint, repo->config, (enum signature_role)role, date, SIGNATURE_STRICT) < 0) {
		/* git prints its advice, then dies */
		fflush(stdout);
		fputs(hint.buf, stderr);
		die("%s", ug_error_last());
	}
	strbuf_release(&hint);
	return strbuf_detach(&out, NULL);
}

void commit_write(struct oid *out, struct repo *repo, const struct commit_draft *d)
{
	struct commit c = COMMIT_INIT;
	struct strbuf body = STRBUF_INIT;

	c.tree = *d->tree;
	/* borrowed for serialising only: `c` is not released */
	c.parents = (struct oid *)d->parents;
	c.parents_nr = d->parents_nr;
	c.author = (char *)d->author;
	c.committer = (char *)d->committer;
	c.extra_headers = NULL;
	c.message = (char *)d->message;
	c.message_len = d->message_len;
	commit_serialize(&body, &c);
	if (odb_write(out, repo->odb, "commit", body.buf, body.len) < 0)
		die("%s", ug_error_last());
	strbuf_release(&body);
}

int check_object_type(struct repo *repo, const struct oid *oid, int want)
{
	struct object_header hdr;
	char hex[UG_OID_HEXSZ + 1];

	oid_to_hex(hex, oid);
	/* git knows the empty tree without storing it */
	if (want == OBJ_TREE && !strcmp(hex, EMPTY_TREE_HEX))
		return 0;
	if (odb_read_header(&hdr, repo->odb, oid) < 0) {
		if (odb_has(repo->odb, oid))
			die_corrupt(repo, oid);
		die("%s is not a valid object", hex);
	}
	if (hdr.type != want)
		die("%s is not a valid '%s' object", hex, object_type_name((enum object_type)want));
	return 0;
}
