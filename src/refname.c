/* refname: git check-ref-format, the rules every ref name follows. */
#include "ugit/refname.h"

#include <string.h>

/* Bytes git's check_refname_format() refuses anywhere in a name. */
static int bad_name_byte(unsigned char c)
{
	return c < 0x20 || c == 0x7f || strchr(" ~^:?*[\\", c) != NULL;
}

/* One '/'-separated component of `len` bytes. */
static int component_is_valid(const char *s, size_t len)
{
	size_t i;

	if (!len || s[0] == '.')
		return 0;
	if (len >= 5 && !memcmp(s + len - 5, ".lock", 5))
		return 0;
	for (i = 0; i < len; i++) {
		if (bad_name_byte((unsigned char)s[i]))
			return 0;
		if (i && s[i - 1] == '.' && s[i] == '.')
			return 0;
		if (i && s[i - 1] == '@' && s[i] == '{')
			return 0;
	}
	return 1;
}

int refname_is_valid(const char *name, unsigned flags)
{
	size_t len = strlen(name), start = 0, i, parts = 0;

	if (!len || !strcmp(name, "@") || name[len - 1] == '.')
		return 0;
	for (i = 0; i <= len; i++) {
		if (i < len && name[i] != '/')
			continue;
		if (!component_is_valid(name + start, i - start))
			return 0;
		parts++;
		start = i + 1;
	}
	return parts > 1 || (flags & REFNAME_ALLOW_ONELEVEL);
}
