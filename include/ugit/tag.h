#ifndef UGIT_TAG_H
#define UGIT_TAG_H

/*
 * tag - annotated tags: "object", "type", "tag", "tagger" headers, a blank
 * line, the message (which may end in a signature).
 */

#include <stddef.h>

#include "ugit/fsck.h"
#include "ugit/object.h"
#include "ugit/oid.h"

struct strbuf;

struct tag {
	struct oid object;
	enum object_type type;	/* OBJ_BAD if the type name is unknown */
	char *type_name;
	char *name;		/* the "tag" header */
	char *tagger;		/* text after "tagger ", no newline; NULL if none */
	char *message;
	size_t message_len;
};

#define TAG_INIT { { { 0 } }, OBJ_NONE, NULL, NULL, NULL, NULL, 0 }

/*
 * Parse a tag body.  Returns 0 or UG_ECORRUPT.  Caller owns *out; release
 * with tag_release().
 */
int tag_parse(struct tag *out, const void *buf, size_t len);
void tag_release(struct tag *t);

void tag_serialize(struct strbuf *out, const struct tag *t);

/* fsck a raw tag body (see fsck.h for the contract). */
int tag_check(const void *buf, size_t len, fsck_report_fn report,
	      void *payload);

#endif /* UGIT_TAG_H */
