/* message: cleaning commit messages the way `git commit` does, and their subjects. */
#include "ugit/message.h"

#include <string.h>

#include "ugit/error.h"

/* git's isspace(): no \v or \f. */
static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int message_cleanup_parse(enum message_cleanup *out, const char *name)
{
	if (!strcmp(name, "verbatim"))
		*out = MESSAGE_CLEANUP_VERBATIM;
	else if (!strcmp(name, "whitespace") || !strcmp(name, "default"))
		*out = MESSAGE_CLEANUP_WHITESPACE;
	else if (!strcmp(name, "strip"))
		*out = MESSAGE_CLEANUP_STRIP;
	else
		return ug_error(UG_EINVALID, "Invalid cleanup mode %s", name);
	return 0;
}

/* Length of `line` (`len` bytes, no newline) without its trailing blanks. */
static size_t trimmed_len(const char *line, size_t len)
{
	while (len && is_blank((unsigned char)line[len - 1]))
		len--;
	return len;
}

void message_cleanup(struct strbuf *sb, enum message_cleanup mode)
{
	struct strbuf out = STRBUF_INIT;
	size_t pos = 0, n, kept;
	int blank_pending = 0;

	if (mode == MESSAGE_CLEANUP_VERBATIM)
		return;
	while (pos < sb->len) {
		const char *line = sb->buf + pos, *eol = memchr(line, '\n', sb->len - pos);

		n = eol ? (size_t)(eol - line) : sb->len - pos;
		pos += n + (eol != NULL);
		if (mode == MESSAGE_CLEANUP_STRIP && line[0] == '#')
			continue;
		kept = trimmed_len(line, n);
		if (!kept) {
			/* a blank line only counts once something came before it */
			blank_pending = out.len > 0;
			continue;
		}
		if (blank_pending)
			strbuf_addch(&out, '\n');
		blank_pending = 0;
		strbuf_add(&out, line, kept);
		strbuf_addch(&out, '\n');
	}
	strbuf_release(sb);
	*sb = out;
}

void message_add_paragraph(struct strbuf *sb, const char *text)
{
	if (sb->len)
		strbuf_addch(sb, '\n');
	strbuf_addstr(sb, text);
	if (sb->len && sb->buf[sb->len - 1] != '\n')
		strbuf_addch(sb, '\n');
}

int message_is_empty(const char *msg, size_t len, enum message_cleanup mode)
{
	size_t pos = 0, n;

	if (mode == MESSAGE_CLEANUP_VERBATIM)
		return len == 0;
	while (pos < len) {
		const char *line = msg + pos, *eol = memchr(line, '\n', len - pos);

		n = eol ? (size_t)(eol - line) : len - pos;
		pos += n + (eol != NULL);
		if (mode == MESSAGE_CLEANUP_STRIP && line[0] == '#')
			continue;
		/* git does not count a lone sign-off as a message either */
		if (n >= 15 && !memcmp(line, "Signed-off-by: ", 15))
			continue;
		if (trimmed_len(line, n))
			return 0;
	}
	return 1;
}

void message_subject(struct strbuf *out, const char *msg, size_t len)
{
	size_t pos = 0, n, end;
	int first = 1;

	while (pos < len) {
		const char *line = msg + pos, *eol = memchr(line, '\n', len - pos);

		n = eol ? (size_t)(eol - line) : len - pos;
		pos += n + (eol != NULL);
		/* like git, trailing blanks go but leading ones stay */
		end = trimmed_len(line, n);
		if (!end) {
			if (first)
				continue;	/* blank lines before the subject */
			break;			/* the blank line after it */
		}
		if (!first)
			strbuf_addch(out, ' ');
		strbuf_add(out, line, end);
		first = 0;
	}
}
