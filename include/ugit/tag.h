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
	/*
	 * OBJ_BAD if the type name is unknown: git refuses to read such a
	 * tag ("unknown tag type '%s' in <id>"), but its bytes can still be
	 * shown, so tag_parse() leaves that decision to the caller.
	 */
	enum object_type type;
	char *type_name;
	char *name;		/* the "tag" header */
	char *tagger;		/* text after "tagger ", no newline; NULL if none */
	char *message;		/* everything after the first blank line; "" if none */
	size_t message_len;
};

#define TAG_INIT { { { 0 } }, OBJ_NONE, NULL, NULL, NULL, NULL, 0 }

/*
 * Parse a tag body with git's parse_tag_buffer() rules: at least 64
 * bytes, "object <hex>", "type <name>" (under 20 bytes), "tag <name>",
 * each ending in '\n', then an optional "tagger" line.  Other header
 * lines are skipped (tag_serialize() does not write them back).
 * Returns 0 or UG_ECORRUPT.  Caller owns *out (released on failure);
 * release with tag_release().
 */
int tag_parse(struct tag *out, const void *buf, size_t len);
void tag_release(struct tag *t);

/*
 * Append the body of `t` in git's layout: object, type (type_name if set,
 * else the name of `type`), tag, tagger if not NULL, a blank line, the
 * message.  A canonical tag parses and serializes back to the same bytes.
 */
void tag_serialize(struct strbuf *out, const struct tag *t);

/*
 * fsck a raw tag body as git 2.39's fsck_tag() (see fsck.h): missingObject,
 * badObjectSha1, missingTypeEntry, missingType, badType, missingTagEntry,
 * missingTag, badTagName (INFO: "refs/tags/<name>" must be a valid ref
 * name), missingTaggerEntry (INFO), the ident checks on the tagger, and
 * extraHeaderEntry (IGNORE) for headers after the tagger.
 */
int tag_check(const void *buf, size_t len, const struct fsck_options *opts);

#endif /* UGIT_TAG_H */
