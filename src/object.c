/* object: type names and the "<type> <size>\0" header every object starts with. */
#include "ugit/object.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ugit/error.h"

static const char *const type_names[] = {
	[OBJ_COMMIT] = "commit",
	[OBJ_TREE] = "tree",
	[OBJ_BLOB] = "blob",
	[OBJ_TAG] = "tag",
};

const char *object_type_name(enum object_type type)
{
	if (type < OBJ_COMMIT || type > OBJ_TAG)
		return NULL;
	return type_names[type];
}

enum object_type object_type_from_name(const char *name, size_t len)
{
	int t;

	for (t = OBJ_COMMIT; t <= OBJ_TAG; t++)
		if (strlen(type_names[t]) == len && !memcmp(type_names[t], name, len))
			return (enum object_type)t;
	return OBJ_BAD;
}

int object_header_parse(struct object_header *out, const char *buf, size_t len)
{
	size_t limit = len < UG_OBJECT_MAX_HEADER ? len : UG_OBJECT_MAX_HEADER;
	size_t i = 0, tlen, size = 0;

	while (i < limit && buf[i] != ' ' && buf[i] != '\0')
		i++;
	if (i >= limit || buf[i] != ' ' || !i)
		return ug_error(UG_ECORRUPT, "bad object header");
	tlen = i++;
	/* git's rule: decimal, no leading zero unless the size is 0 */
	if (i >= limit || buf[i] < '0' || buf[i] > '9')
		return ug_error(UG_ECORRUPT, "bad object header");
	if (buf[i] == '0' && i + 1 < limit && buf[i + 1] != '\0')
		return ug_error(UG_ECORRUPT, "bad object header");
	for (; i < limit && buf[i] >= '0' && buf[i] <= '9'; i++) {
		size_t d = (size_t)(buf[i] - '0');

		if (size > (SIZE_MAX - d) / 10)
			return ug_error(UG_ECORRUPT, "bad object header");
		size = size * 10 + d;
	}
	if (i >= limit || buf[i] != '\0')
		return ug_error(UG_ECORRUPT, "bad object header");
	memcpy(out->type_name, buf, tlen);
	out->type_name[tlen] = '\0';
	out->type = object_type_from_name(buf, tlen);
	out->size = size;
	out->hdrlen = i + 1;
	return 0;
}

size_t object_header_format(char *buf, size_t bufsz, const char *type,
			    size_t size)
{
	int n = snprintf(buf, bufsz, "%s %zu", type, size);

	if (n < 0 || (size_t)n >= bufsz)
		BUG("object header does not fit");
	return (size_t)n + 1;
}
