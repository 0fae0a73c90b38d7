/* config: reading and writing git's config files. */
#include "ugit/config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/lockfile.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

/*
 * ---- The parser ----
 *
 * One pass over the bytes produces "events": a section header, an entry
 * (key and value, up to and including its newline), or a comment, each
 * with its byte range.  Readers only look at entries; the writer uses the
 * ranges to splice a change into the file without touching anything else.
 */

enum event_type { EV_SECTION, EV_ENTRY, EV_COMMENT };

struct event {
	enum event_type type;
	size_t begin, end;	/* byte range in the file */
	const char *section;	/* canonical section ("remote.origin") */
	int quoted;		/* the header had a quoted subsection */
	const char *key;	/* EV_ENTRY: canonical key */
	const char *value;	/* EV_ENTRY: NULL when there is no "=" */
	int line;		/* EV_ENTRY: line the entry starts on */
};

typedef int (*event_fn)(const struct event *ev, void *payload);

struct parser {
	const char *buf;
	size_t len, pos;
	/*
	 * Git's line counter: it counts every newline read, and end of file
	 * reads as a newline each time it is read.  Errors name this line,
	 * except an unexpected newline, which names the line it ends.
	 */
	int line;
	const char *name;	/* the file, for messages */
	int header_error;	/* the error was inside a "[...]" header */
	int quoted;		/* the current header has a quoted subsection */
	struct strbuf section, key, value;
	event_fn fn;
	void *payload;
};

#define PARSE_EOF (-1)

/*
 * Git's whitespace is exactly space, tab, CR and LF: a vertical tab or a
 * form feed is an ordinary character in a value.
 */
static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Next character without consuming it; "\r\n" reads as "\n". */
static int peek(const struct parser *p)
{
	if (p->pos >= p->len)
		return PARSE_EOF;
	if (p->buf[p->pos] == '\r' && p->pos + 1 < p->len &&
	    p->buf[p->pos + 1] == '\n')
		return '\n';
	return (unsigned char)p->buf[p->pos];
}

static int next(struct parser *p)
{
	int c = peek(p);

	if (c == PARSE_EOF || c == '\n')
		p->line++;
	if (c != PARSE_EOF)
		p->pos += (c == '\n' && p->buf[p->pos] == '\r') ? 2 : 1;
	return c;
}

static int bad_line(struct parser *p)
{
	return ug_error(UG_ECORRUPT, "bad config line %d in file %s",
			p->line, p->name);
}

/* A line (or the file) ended where it must not: name that line. */
static int bad_newline(struct parser *p)
{
	p->line--;
	return bad_line(p);
}

static void skip_to_eol(struct parser *p)
{
	int c;

	do
		c = next(p);
	while (c != '\n' && c != PARSE_EOF);
}

/* `[section "sub\"section"]`: we have read `[section` and a blank. */
static int parse_quoted_subsection(struct parser *p)
{
	int c;

	while ((c = next(p)) == ' ' || c == '\t' || c == '\r')
		;
	if (c == '\n' || c == PARSE_EOF)
		return bad_newline(p);
	if (c != '"')
		return bad_line(p);
	strbuf_addch(&p->section, '.');
	for (;;) {
		c = next(p);
		if (c == '\n' || c == PARSE_EOF)
			return bad_newline(p);
		if (c == '"')
			break;
		if (c == '\\') {
			/* \" and \\ are escapes; before anything else the backslash is dropped */
			c = next(p);
			if (c == '\n' || c == PARSE_EOF)
				return bad_newline(p);
		}
		strbuf_addch(&p->section, c);
	}
	if (next(p) != ']')
		return bad_line(p);
	p->quoted = 1;
	return 0;
}

/*
 * A section header.  Section names are letters, digits, '-' and '.', and
 * case-insensitive; the deprecated "[section.sub]" form is lower-cased as
 * a whole, which is why it cannot name a subsection with capitals.
 */
static int parse_header(struct parser *p)
{
	int c, err = 0;

	next(p);	/* '[' */
	strbuf_reset(&p->section);
	p->quoted = 0;
	for (;;) {
		c = next(p);
		if (c == ']') {
			if (!p->section.len)
				err = bad_line(p);
			break;
		}
		if (isalnum(c) || c == '-' || c == '.') {
			strbuf_addch(&p->section, tolower(c));
			continue;
		}
		if (c == '\n')
			err = bad_newline(p);
		else if (c == ' ' || c == '\t' || c == '\r')
			err = parse_quoted_subsection(p);
		else
			err = bad_line(p);
		break;
	}
	if (err)
		p->header_error = 1;
	return err;
}

/* An escape after a backslash in a value; 0 if there is none. */
static int unescape(int c)
{
	switch (c) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'b': return '\b';
	case '\\': return '\\';
	case '"': return '"';
	default: return 0;
	}
}

/*
 * The value after "=".  Whitespace inside it is kept (each blank becomes
 * one space), but not before its first character nor after its last one
 * unless quoted; '#' and ';' start a comment outside quotes; a backslash
 * before a newline continues the value on the next line.
 */
static int parse_value(struct parser *p)
{
	size_t spaces = 0;
	int quoted = 0, c;

	strbuf_reset(&p->value);
	for (;;) {
		c = next(p);
		if (c == '\n' || c == PARSE_EOF) {
			if (quoted)
				return bad_newline(p);
			return 0;
		}
		if (!quoted && is_space(c)) {
			if (p->value.len)
				spaces++;
			continue;
		}
		if (!quoted && (c == '#' || c == ';')) {
			skip_to_eol(p);
			return 0;
		}
		for (; spaces; spaces--)
			strbuf_addch(&p->value, ' ');
		if (c == '"') {
			quoted = !quoted;
		} else if (c == '\\') {
			c = next(p);
			/* end of file after a backslash continues, as a newline would */
			if (c == '\n' || c == PARSE_EOF)
				continue;
			c = unescape(c);
			if (!c)
				return bad_line(p);
			strbuf_addch(&p->value, c);
		} else {
			strbuf_addch(&p->value, c);
		}
	}
}

static int parse_entry(struct parser *p)
{
	struct event ev;
	int c, has_value = 0, err;

	ev.type = EV_ENTRY;
	ev.begin = p->pos;
	ev.line = p->line;
	strbuf_reset(&p->key);
	/* a key before any header has no section: git lists it bare */
	if (p->section.len) {
		strbuf_addbuf(&p->key, &p->section);
		strbuf_addch(&p->key, '.');
	}
	while (isalnum(peek(p)) || peek(p) == '-')
		strbuf_addch(&p->key, tolower(next(p)));
	do
		c = next(p);
	while (c == ' ' || c == '\t');
	if (c == '=') {
		has_value = 1;
		err = parse_value(p);
		if (err)
			return err;
	} else if (c != '\n' && c != PARSE_EOF) {
		return bad_line(p);
	}
	ev.end = p->pos;
	ev.section = p->section.buf;
	ev.quoted = p->quoted;
	ev.key = p->key.buf;
	ev.value = has_value ? p->value.buf : NULL;
	return p->fn(&ev, p->payload);
}

static int emit(struct parser *p, enum event_type type, size_t begin)
{
	struct event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.begin = begin;
	ev.end = p->pos;
	ev.section = p->section.buf;
	ev.quoted = p->quoted;
	return p->fn(&ev, p->payload);
}

static int parse_events(struct parser *p)
{
	int err = 0;

	/* a UTF-8 byte order mark is allowed at the very start */
	if (p->len >= 3 && !memcmp(p->buf, "\xef\xbb\xbf", 3))
		p->pos = 3;
	while (!err) {
		size_t begin = p->pos;
		int c = peek(p);

		if (c == PARSE_EOF)
			break;
		if (is_space(c)) {
			next(p);
		} else if (c == '#' || c == ';') {
			skip_to_eol(p);
			err = emit(p, EV_COMMENT, begin);
		} else if (c == '[') {
			err = parse_header(p);
			if (!err)
				err = emit(p, EV_SECTION, begin);
		} else if (isalpha(c)) {
			err = parse_entry(p);
		} else {
			next(p);
			err = bad_line(p);
		}
	}
	return err;
}

/*
 * Parse `len` bytes named `name`, calling `fn` for every event.  The
 * writer passes `header_error`: git's writer words a broken section header
 * differently ("invalid section name"), and exits 3 for it.
 */
static int parse_buffer(const char *buf, size_t len, const char *name,
			event_fn fn, void *payload, int *header_error)
{
	struct parser p = { buf, len, 0, 1, name, 0, 0,
			    STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, fn, payload };
	int err = parse_events(&p);

	if (header_error)
		*header_error = p.header_error;
	if (err && p.header_error && header_error) {
		/* the writer reports what it made of the header, as git does */
		err = ug_error(UG_EINVALID, "invalid section name '%s'",
			       p.section.buf);
	}
	strbuf_release(&p.section);
	strbuf_release(&p.key);
	strbuf_release(&p.value);
	return err;
}

/*
 * Read a whole config file; UG_ENOTFOUND if it does not exist.  A pipe is
 * fine (`--file <(...)`), a directory is not.
 */
static int read_config_file(struct strbuf *out, const char *path,
			    const char *name)
{
	struct stat st;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = ug_error_errno("unable to read config file '%s'", name);
		return err == UG_ENOTFOUND ? err : UG_ERROR;
	}
	if (fstat(fd, &st) < 0)
		err = ug_error_errno("unable to read config file '%s'", name);
	else if (S_ISDIR(st.st_mode))
		err = ug_error(UG_ERROR, "unable to read config file '%s': %s",
			       name, strerror(EISDIR));
	else if (strbuf_read_fd(out, fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0) < 0)
		err = ug_error(UG_ERROR, "unable to read config file '%s': %s",
			       name, ug_error_last());
	close(fd);
	return err < 0 ? UG_ERROR : 0;
}

/*
 * ---- The set of entries ----
 */

struct config_entry {
	char *key;
	char *value;
	enum config_scope scope;
	const char *origin;	/* points into config->origins */
	int line;
};

struct config {
	struct config_entry *entries;
	size_t nr, alloc;
	char **origins;
	size_t origins_nr, origins_alloc;
};

struct config *config_new(void)
{
	return xcalloc(1, sizeof(struct config));
}

void config_free(struct config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->nr; i++) {
		free(cfg->entries[i].key);
		free(cfg->entries[i].value);
	}
	for (i = 0; i < cfg->origins_nr; i++)
		free(cfg->origins[i]);
	free(cfg->entries);
	free(cfg->origins);
	free(cfg);
}

struct add_ctx {
	struct config *cfg;
	enum config_scope scope;
	const char *origin;
};

static int add_event(const struct event *ev, void *payload)
{
	struct add_ctx *ctx = payload;
	struct config *cfg = ctx->cfg;
	struct config_entry *e;

	if (ev->type != EV_ENTRY)
		return 0;
	ALLOC_GROW(cfg->entries, cfg->nr + 1, cfg->alloc);
	e = &cfg->entries[cfg->nr++];
	e->key = xstrdup(ev->key);
	/* a NUL inside a value ends it, as it does for git */
	e->value = ev->value ? xstrdup(ev->value) : NULL;
	e->scope = ctx->scope;
	e->origin = ctx->origin;
	e->line = ev->line;
	return 0;
}

int config_add_file(struct config *cfg, const char *path, const char *name,
		    enum config_scope scope)
{
	struct strbuf buf = STRBUF_INIT;
	struct add_ctx ctx;
	int err;

	if (!name)
		name = path;
	err = read_config_file(&buf, path, name);
	if (err == UG_ENOTFOUND) {
		ug_error_clear();
		err = 0;
		goto done;
	}
	if (err < 0)
		goto done;
	ALLOC_GROW(cfg->origins, cfg->origins_nr + 1, cfg->origins_alloc);
	cfg->origins[cfg->origins_nr] = xstrdup(name);
	ctx.cfg = cfg;
	ctx.scope = scope;
	ctx.origin = cfg->origins[cfg->origins_nr++];
	err = parse_buffer(buf.buf, buf.len, name, add_event, &ctx, NULL);
done:
	strbuf_release(&buf);
	return err;
}

int config_add_user_files(struct config *cfg)
{
	struct strbuf sys = STRBUF_INIT;
	struct strbuf global[2] = { STRBUF_INIT, STRBUF_INIT };
	int i, n, err = 0;

	if (config_system_file(&sys))
		err = config_add_file(cfg, sys.buf, NULL, CONFIG_SCOPE_SYSTEM);
	n = config_global_files(global);
	for (i = 0; i < n && !err; i++)
		err = config_add_file(cfg, global[i].buf, NULL, CONFIG_SCOPE_GLOBAL);
	strbuf_release(&sys);
	strbuf_release(&global[0]);
	strbuf_release(&global[1]);
	return err;
}

int config_load(struct config **out, const char *repo_config)
{
	struct config *cfg = config_new();
	int err = config_add_user_files(cfg);

	if (!err && repo_config)
		err = config_add_file(cfg, repo_config, NULL, CONFIG_SCOPE_LOCAL);
	if (err) {
		config_free(cfg);
		cfg = NULL;
	}
	*out = cfg;
	return err;
}

int config_load_file(struct config **out, const char *path,
		     enum config_scope scope)
{
	struct config *cfg = config_new();
	int err = config_add_file(cfg, path, NULL, scope);

	if (err) {
		config_free(cfg);
		cfg = NULL;
	}
	*out = cfg;
	return err;
}

struct stream_ctx {
	config_each_fn fn;
	enum config_scope scope;
	void *payload;
};

static int stream_event(const struct event *ev, void *payload)
{
	struct stream_ctx *ctx = payload;

	if (ev->type != EV_ENTRY)
		return 0;
	return ctx->fn(ev->key, ev->value, ctx->scope, ctx->payload);
}

int config_parse_file(const char *path, const char *name,
		      enum config_scope scope, config_each_fn fn, void *payload)
{
	struct strbuf buf = STRBUF_INIT;
	struct stream_ctx ctx = { fn, scope, payload };
	int err;

	if (!name)
		name = path;
	err = read_config_file(&buf, path, name);
	if (!err)
		err = parse_buffer(buf.buf, buf.len, name, stream_event, &ctx, NULL);
	strbuf_release(&buf);
	return err;
}

int config_for_each(struct config *cfg, config_each_fn fn, void *payload)
{
	size_t i;
	int ret;

	for (i = 0; i < cfg->nr; i++) {
		ret = fn(cfg->entries[i].key, cfg->entries[i].value,
			 cfg->entries[i].scope, payload);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * ---- Keys and typed values ----
 */

static int is_name_char(int c)
{
	return isalnum(c) || c == '-';
}

/*
 * Split `key` at its first and last dots.  Sets *sub to NULL when there is
 * no subsection.  Returns 0 or the error config_parse_key() documents.
 */
static int split_key(const char *key, const char **first_dot,
		     const char **last_dot)
{
	const char *p;

	*last_dot = strrchr(key, '.');
	*first_dot = strchr(key, '.');
	if (!*last_dot || *last_dot == key)
		return ug_error(UG_ENOTFOUND, "key does not contain a section: %s", key);
	if (!(*last_dot)[1])
		return ug_error(UG_ENOTFOUND, "key does not contain variable name: %s", key);
	for (p = key; p < *first_dot; p++)
		if (!is_name_char((unsigned char)*p))
			return ug_error(UG_EINVALID, "invalid key: %s", key);
	if (!isalpha((unsigned char)(*last_dot)[1]))
		return ug_error(UG_EINVALID, "invalid key: %s", key);
	for (p = *last_dot + 1; *p; p++)
		if (!is_name_char((unsigned char)*p))
			return ug_error(UG_EINVALID, "invalid key: %s", key);
	for (p = *first_dot; p < *last_dot; p++)
		if (*p == '\n')
			return ug_error(UG_EINVALID, "invalid key (newline): %s", key);
	return 0;
}

static void add_lower(struct strbuf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		strbuf_addch(out, tolower((unsigned char)s[i]));
}

int config_parse_key(struct strbuf *out, const char *key)
{
	const char *first, *last;
	int err = split_key(key, &first, &last);

	if (err)
		return err;
	add_lower(out, key, (size_t)(first - key));
	/* the subsection keeps its case */
	strbuf_add(out, first, (size_t)(last - first));
	add_lower(out, last, strlen(last));
	return 0;
}

static struct config_entry *find_last(struct config *cfg, const char *key)
{
	struct strbuf canon = STRBUF_INIT;
	struct config_entry *found = NULL;
	size_t i;

	if (config_parse_key(&canon, key) < 0) {
		strbuf_release(&canon);
		return NULL;
	}
	for (i = cfg->nr; i > 0 && !found; i--)
		if (!strcmp(cfg->entries[i - 1].key, canon.buf))
			found = &cfg->entries[i - 1];
	strbuf_release(&canon);
	return found;
}

int config_get_string(const char **out, struct config *cfg, const char *key)
{
	struct config_entry *e = find_last(cfg, key);

	*out = NULL;
	if (!e)
		return ug_error(UG_ENOTFOUND, "config key '%s' is not set", key);
	*out = e->value;
	return 0;
}

int config_get_origin(const char **file, int *line, struct config *cfg,
		      const char *key)
{
	struct config_entry *e = find_last(cfg, key);

	if (!e)
		return ug_error(UG_ENOTFOUND, "config key '%s' is not set", key);
	*file = e->origin;
	*line = e->line;
	return 0;
}

int config_parse_int(long long *out, const char *value, int bits)
{
	long long max = bits == 32 ? INT_MAX : LLONG_MAX;
	long long min = bits == 32 ? INT_MIN : LLONG_MIN;
	long long factor = 1;
	intmax_t n;
	char *end;

	if (!value || !*value)
		return ug_error(UG_EINVALID, "invalid unit");
	errno = 0;
	/* base 0, as git: "0x10" is 16 and "010" is 8 */
	n = strtoimax(value, &end, 0);
	if (end == value)
		return ug_error(UG_EINVALID, "invalid unit");	/* "k" alone */
	if (errno == ERANGE)
		return ug_error(UG_EINVALID, "out of range");
	if (!strcasecmp(end, "k"))
		factor = 1024;
	else if (!strcasecmp(end, "m"))
		factor = 1024 * 1024;
	else if (!strcasecmp(end, "g"))
		factor = 1024 * 1024 * 1024;
	else if (*end)
		return ug_error(UG_EINVALID, "invalid unit");
	if (n > max / factor || n < min / factor)
		return ug_error(UG_EINVALID, "out of range");
	*out = (long long)n * factor;
	return 0;
}

int config_parse_bool(const char *value)
{
	long long n;

	if (!value)
		return 1;	/* "[core] bare" alone means true */
	if (!strcasecmp(value, "true") || !strcasecmp(value, "yes") ||
	    !strcasecmp(value, "on"))
		return 1;
	if (!*value || !strcasecmp(value, "false") || !strcasecmp(value, "no") ||
	    !strcasecmp(value, "off"))
		return 0;
	/* otherwise any number that fits an int: non-zero is true */
	if (config_parse_int(&n, value, 32) < 0) {
		ug_error_clear();
		return -1;
	}
	return n != 0;
}

int config_get_bool(int *out, struct config *cfg, const char *key)
{
	struct config_entry *e = find_last(cfg, key);
	int b;

	if (!e)
		return ug_error(UG_ENOTFOUND, "config key '%s' is not set", key);
	b = config_parse_bool(e->value);
	if (b < 0)
		return ug_error(UG_EINVALID, "bad boolean config value '%s' for '%s'",
				e->value, e->key);
	*out = b;
	return 0;
}

int config_get_int(long long *out, struct config *cfg, const char *key)
{
	struct config_entry *e = find_last(cfg, key);

	if (!e)
		return ug_error(UG_ENOTFOUND, "config key '%s' is not set", key);
	if (config_parse_int(out, e->value, 64) < 0) {
		struct strbuf why = STRBUF_INIT;
		int err;

		strbuf_addstr(&why, ug_error_last());
		err = ug_error(UG_EINVALID,
			       "bad numeric config value '%s' for '%s' in file %s: %s",
			       e->value ? e->value : "", e->key, e->origin, why.buf);
		strbuf_release(&why);
		return err;
	}
	return 0;
}

/*
 * ---- Where the files are ----
 */

/* Git reads boolean environment variables with its config syntax. */
static int env_bool(const char *name)
{
	const char *v = getenv(name);

	return v && config_parse_bool(v) > 0;
}

int config_system_file(struct strbuf *out)
{
	const char *path = getenv("GIT_CONFIG_SYSTEM");

	if (env_bool("GIT_CONFIG_NOSYSTEM"))
		return 0;
	strbuf_addstr(out, path ? path : "/etc/gitconfig");
	return 1;
}

static void xdg_file(struct strbuf *out, const char *home)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");

	if (xdg && *xdg)
		fs_path_join(out, xdg, "git/config");
	else
		fs_path_join(out, home, ".config/git/config");
}

int config_global_files(struct strbuf *out)
{
	const char *global = getenv("GIT_CONFIG_GLOBAL");
	const char *home = getenv("HOME");

	if (global) {
		/* set, even to "", it replaces both default files */
		if (!*global)
			return 0;
		strbuf_addstr(&out[0], global);
		return 1;
	}
	if (!home)
		return 0;
	xdg_file(&out[0], home);
	fs_path_join(&out[1], home, ".gitconfig");
	return 2;
}

int config_global_write_file(struct strbuf *out)
{
	const char *global = getenv("GIT_CONFIG_GLOBAL");
	const char *home = getenv("HOME");
	struct strbuf dot = STRBUF_INIT, xdg = STRBUF_INIT;

	if (global) {
		strbuf_addstr(out, global);
		return 0;
	}
	if (!home)
		return ug_error(UG_ENOTFOUND, "$HOME not set");
	fs_path_join(&dot, home, ".gitconfig");
	xdg_file(&xdg, home);
	/* ~/.gitconfig wins unless only the XDG file exists */
	if (!fs_exists(dot.buf) && fs_exists(xdg.buf))
		strbuf_addbuf(out, &xdg);
	else
		strbuf_addbuf(out, &dot);
	strbuf_release(&dot);
	strbuf_release(&xdg);
	return 0;
}

/*
 * ---- The writer ----
 */

struct edit_event {
	enum event_type type;
	size_t begin, end;
	char *section;
	int matches;		/* EV_ENTRY: is the key; EV_SECTION: is its section */
};

struct edit {
	const char *buf;
	size_t len;
	const char *key;	/* canonical */
	const char *section;	/* canonical section of `key` */
	struct edit_event *ev;
	size_t nr, alloc;
};

static int collect_event(const struct event *ev, void *payload)
{
	struct edit *ed = payload;
	struct edit_event *e;

	ALLOC_GROW(ed->ev, ed->nr + 1, ed->alloc);
	e = &ed->ev[ed->nr++];
	e->type = ev->type;
	e->begin = ev->begin;
	e->end = ev->end;
	e->section = xstrdup(ev->section);
	if (ev->type == EV_ENTRY)
		e->matches = !strcmp(ev->key, ed->key);
	else if (ev->type == EV_SECTION && ev->quoted)
		e->matches = !strcmp(ev->section, ed->section);
	else if (ev->type == EV_SECTION)
		/*
		 * git's writer takes an old "[section.Sub]" header as the home of
		 * section.sub and of section.Sub alike (its reader does not).
		 */
		e->matches = !strcasecmp(ev->section, ed->section);
	else
		e->matches = 0;
	return 0;
}

static void edit_release(struct edit *ed)
{
	size_t i;

	for (i = 0; i < ed->nr; i++)
		free(ed->ev[i].section);
	free(ed->ev);
}

/*
 * Quote a value the way git writes it: escape backslash, double quote,
 * newline and tab, and put the whole value in quotes if it has a space at
 * either end, a comment character, or a carriage return (which a reader
 * would otherwise drop: CVE-2025-48384).
 */
static void add_quoted_value(struct strbuf *out, const char *value)
{
	size_t len = strlen(value);
	int quote = len && (value[0] == ' ' || value[len - 1] == ' ');
	const char *p;

	if (strpbrk(value, "#;\r"))
		quote = 1;
	if (quote)
		strbuf_addch(out, '"');
	for (p = value; *p; p++) {
		if (*p == '\\' || *p == '"')
			strbuf_addch(out, '\\');
		if (*p == '\n')
			strbuf_addstr(out, "\\n");
		else if (*p == '\t')
			strbuf_addstr(out, "\\t");
		else
			strbuf_addch(out, *p);
	}
	if (quote)
		strbuf_addch(out, '"');
}

/* "\t<name> = <value>\n", the name spelled as the user gave it. */
static void add_entry_line(struct strbuf *out, const char *key,
			   const char *value)
{
	strbuf_addf(out, "\t%s = ", strrchr(key, '.') + 1);
	add_quoted_value(out, value);
	strbuf_addch(out, '\n');
}

static void add_section_header(struct strbuf *out, const char *key)
{
	const char *first = strchr(key, '.'), *last = strrchr(key, '.'), *p;

	strbuf_addch(out, '[');
	strbuf_add(out, key, (size_t)(first - key));
	if (first != last) {
		strbuf_addstr(out, " \"");
		for (p = first + 1; p < last; p++) {
			if (*p == '"' || *p == '\\')
				strbuf_addch(out, '\\');
			strbuf_addch(out, *p);
		}
		strbuf_addch(out, '"');
	}
	strbuf_addstr(out, "]\n");
}

/* Copy the file up to `at`, ending the last line if it is not ended. */
static void copy_up_to(struct strbuf *out, const struct edit *ed, size_t at)
{
	strbuf_add(out, ed->buf, at);
	if (at && ed->buf[at - 1] != '\n')
		strbuf_addch(out, '\n');
}

/* Back up over blanks on the same line before offset `at`. */
static size_t swallow_blanks(const struct edit *ed, size_t at)
{
	while (at && (ed->buf[at - 1] == ' ' || ed->buf[at - 1] == '\t' ||
		      ed->buf[at - 1] == '\r'))
		at--;
	return at;
}

/*
 * Unsetting the only entry of a section that holds nothing else (no other
 * entry, no comment) removes the whole section, header and blank lines
 * included, as git does.  Widens [*begin, *end) to it if so.
 */
static void widen_to_section(const struct edit *ed, size_t i, size_t *begin,
			     size_t *end)
{
	/* whitespace makes no event: neighbours are headers, entries or comments */
	if (i == 0 || ed->ev[i - 1].type != EV_SECTION)
		return;
	if (i + 1 < ed->nr && ed->ev[i + 1].type != EV_SECTION)
		return;
	*begin = ed->ev[i - 1].begin;
	*end = i + 1 < ed->nr ? ed->ev[i + 1].begin : ed->len;
}

/* Replace or remove the entry ed->ev[i]. */
static void splice_entry(struct strbuf *out, const struct edit *ed, size_t i,
			 const char *key, const char *value)
{
	size_t begin = ed->ev[i].begin, end = ed->ev[i].end;

	if (!value)
		widen_to_section(ed, i, &begin, &end);
	copy_up_to(out, ed, swallow_blanks(ed, begin));
	if (value)
		add_entry_line(out, key, value);
	strbuf_add(out, ed->buf + end, ed->len - end);
}

/* Add the key after the last entry of its last section, or in a new one. */
static void insert_entry(struct strbuf *out, const struct edit *ed,
			 const char *key, const char *value)
{
	size_t i, at = 0;
	int in_section = 0, found = 0;

	for (i = 0; i < ed->nr; i++) {
		if (ed->ev[i].type == EV_SECTION)
			in_section = ed->ev[i].matches;
		if (in_section && ed->ev[i].type != EV_COMMENT) {
			at = ed->ev[i].end;
			found = 1;
		}
	}
	if (!found) {
		copy_up_to(out, ed, ed->len);
		add_section_header(out, key);
		add_entry_line(out, key, value);
		return;
	}
	/* after a header, take the rest of its line along */
	if (at < ed->len && ed->buf[at - 1] != '\n' && ed->buf[at] == '\n')
		at++;
	copy_up_to(out, ed, at);
	add_entry_line(out, key, value);
	strbuf_add(out, ed->buf + at, ed->len - at);
}

/* Build the new content of the file in `out`. */
static int edit_buffer(struct strbuf *out, struct edit *ed, const char *key,
		       const char *value)
{
	size_t i, nr_match = 0, match = 0;

	for (i = 0; i < ed->nr; i++) {
		if (ed->ev[i].type == EV_ENTRY && ed->ev[i].matches) {
			nr_match++;
			match = i;
		}
	}
	if (nr_match > 1)
		return ug_error(UG_EAMBIGUOUS, "%s has multiple values", ed->key);
	if (nr_match == 1)
		splice_entry(out, ed, match, key, value);
	else if (value)
		insert_entry(out, ed, key, value);
	else
		return ug_error(UG_ENOTFOUND, "key '%s' is not set", ed->key);
	return 0;
}

/*
 * Follow symbolic links (a few levels, like git's lockfile), so that a
 * config file that is a link is updated where it lives.
 */
static void resolve_links(struct strbuf *path)
{
	struct strbuf target = STRBUF_INIT;
	int depth;

	for (depth = 0; depth < 5; depth++) {
		char buf[4096];
		ssize_t n = readlink(path->buf, buf, sizeof(buf) - 1);

		if (n < 0)
			break;
		buf[n] = '\0';
		strbuf_reset(&target);
		if (buf[0] != '/') {
			const char *slash = strrchr(path->buf, '/');

			if (slash)
				strbuf_add(&target, path->buf, (size_t)(slash - path->buf + 1));
		}
		strbuf_addstr(&target, buf);
		strbuf_reset(path);
		strbuf_addbuf(path, &target);
	}
	strbuf_release(&target);
}

/*
 * Only a regular file is replaced.  (git would rename its lock over
 * anything, /dev/null included, which as root destroys the device.)
 */
static int refuse_special_file(const char *path, const char *name)
{
	struct stat st;

	if (!stat(path, &st) && !S_ISREG(st.st_mode))
		return ug_error(UG_ERROR, "could not lock config file %s: %s",
				name, "Not a regular file");
	return 0;
}

/* Write `content` over `path` through "<path>.lock", keeping the file's mode. */
static int write_locked(const char *path, const char *name,
			const struct strbuf *content)
{
	struct lockfile lk = LOCKFILE_INIT;
	struct stat st;
	int have_st = !stat(path, &st), err, saved_errno;

	err = lockfile_acquire(&lk, path);
	saved_errno = errno;	/* the lockfile's message is worded for refs */
	if (err < 0)
		return ug_error(err, "could not lock config file %s: %s", name,
				err == UG_ELOCKED ? "File exists" : strerror(saved_errno));
	if (have_st && fchmod(lk.fd, st.st_mode & 07777) < 0)
		err = ug_error_errno("could not set mode of '%s'", lk.path);
	if (!err)
		err = lockfile_write(&lk, content->buf, content->len);
	if (err) {
		lockfile_rollback(&lk);
		return err;
	}
	return lockfile_commit(&lk);
}

int config_set(const char *path, const char *name, const char *key,
	       const char *value)
{
	struct strbuf canon = STRBUF_INIT, section = STRBUF_INIT;
	struct strbuf file = STRBUF_INIT, real = STRBUF_INIT, out = STRBUF_INIT;
	struct edit ed = { NULL, 0, NULL, NULL, NULL, 0, 0 };
	int err, header_error = 0;

	if (!name)
		name = path;
	err = config_parse_key(&canon, key);
	if (err < 0) {
		if (err == UG_ENOTFOUND)
			err = UG_EINVALID;
		goto done;
	}
	strbuf_add(&section, canon.buf, (size_t)(strrchr(canon.buf, '.') - canon.buf));
	strbuf_addstr(&real, path);
	resolve_links(&real);
	err = refuse_special_file(real.buf, name);
	if (!err)
		err = read_config_file(&file, real.buf, name);
	if (err == UG_ENOTFOUND) {
		ug_error_clear();
		err = 0;
	}
	if (err < 0)
		goto done;
	ed.buf = file.buf;
	ed.len = file.len;
	ed.key = canon.buf;
	ed.section = section.buf;
	err = parse_buffer(file.buf, file.len, name, collect_event, &ed, &header_error);
	if (!err)
		err = edit_buffer(&out, &ed, key, value);
	if (!err)
		err = write_locked(real.buf, name, &out);
done:
	edit_release(&ed);
	strbuf_release(&canon);
	strbuf_release(&section);
	strbuf_release(&file);
	strbuf_release(&real);
	strbuf_release(&out);
	return err;
}

/*
 * ---- Renaming and removing a section ----
 *
 * git compares a header as it is written, not in its canonical form:
 * renaming "branch.a" touches "[branch \"a\"]" and the old "[branch.a]",
 * but leaves "[BRANCH \"a\"]" and "[branch.A]" alone (though a reader
 * takes both as branch.a).  We do the same, so both tools leave the same
 * file behind.
 */

/* Does the header `h` (its '[' up to `end`, just past its ']') name `name`? */
static int header_is(const char *h, const char *end, const char *name)
{
	const char *dot = strchr(name, '.'), *sub;
	size_t seclen = dot ? (size_t)(dot - name) : strlen(name);

	h++;
	if ((size_t)(end - h) <= seclen || memcmp(h, name, seclen))
		return 0;
	h += seclen;
	if (*h == ']')
		return !dot;
	if (!dot)
		return 0;
	sub = dot + 1;
	if (*h == '.')		/* "[section.sub]" */
		return (size_t)(end - h) == strlen(sub) + 2 &&
		       !memcmp(h + 1, sub, strlen(sub));
	while (h < end && (*h == ' ' || *h == '\t'))
		h++;
	if (h >= end || *h++ != '"')
		return 0;
	for (; *sub; sub++, h++) {
		if (h < end && *h == '\\')
			h++;
		if (h >= end || *h != *sub)
			return 0;
	}
	return end - h == 2 && h[0] == '"';
}

/* The offset where the line holding offset `at` begins. */
static size_t line_start(const char *buf, size_t at)
{
	while (at && buf[at - 1] != '\n')
		at--;
	return at;
}

/*
 * A renamed header is written anew on a line of its own; whatever
 * followed the old one on its line (an entry, a comment) moves to the
 * next line, tab-indented.  Returns the offset after that line.
 */
static size_t rewrite_header(struct strbuf *out, const struct edit *ed,
			     size_t at, const char *new_name)
{
	struct strbuf key = STRBUF_INIT;
	size_t eol;

	strbuf_addf(&key, "%s.x", new_name);
	add_section_header(out, key.buf);
	strbuf_release(&key);
	while (at < ed->len && (ed->buf[at] == ' ' || ed->buf[at] == '\t'))
		at++;
	for (eol = at; eol < ed->len && ed->buf[eol] != '\n'; eol++)
		;
	if (eol > at) {
		strbuf_addch(out, '\t');
		strbuf_add(out, ed->buf + at, eol - at);
		strbuf_addch(out, '\n');
	}
	return eol < ed->len ? eol + 1 : eol;
}

/* Build the file with every header naming `old` renamed or its section dropped. */
static int rename_in_buffer(struct strbuf *out, const struct edit *ed,
			    const char *old, const char *new_name)
{
	size_t i, pos = 0;
	int found = 0, dropping = 0;

	for (i = 0; i < ed->nr; i++) {
		const struct edit_event *e = &ed->ev[i];
		size_t start;

		if (e->type != EV_SECTION)
			continue;
		start = line_start(ed->buf, e->begin);
		if (start < pos)
			start = pos;	/* a second header on one line */
		if (dropping)
			pos = start;
		dropping = 0;
		if (!header_is(ed->buf + e->begin, ed->buf + e->end, old))
			continue;
		found = 1;
		strbuf_add(out, ed->buf + pos, start - pos);
		if (new_name)
			pos = rewrite_header(out, ed, e->end, new_name);
		else
			dropping = 1;	/* up to the next header */
	}
	if (!found)
		return ug_error(UG_ENOTFOUND, "no such section: %s", old);
	if (!dropping)
		strbuf_add(out, ed->buf + pos, ed->len - pos);
	return 0;
}

/* A section name git would write: "name" or "name.sub", name alphanumeric or '-'. */
static int section_name_is_valid(const char *name)
{
	const char *p;

	for (p = name; *p && *p != '.'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-')
			return 0;
	return p > name && !strchr(p, '\n');
}

int config_rename_section(const char *path, const char *name, const char *old,
			  const char *new_name)
{
	struct strbuf file = STRBUF_INIT, real = STRBUF_INIT, out = STRBUF_INIT;
	struct edit ed = { NULL, 0, "", "", NULL, 0, 0 };
	struct lockfile lk = LOCKFILE_INIT;
	struct stat st;
	int err, header_error = 0;

	if (!name)
		name = path;
	if (new_name && !section_name_is_valid(new_name))
		return ug_error(UG_EINVALID, "invalid section name: %s", new_name);
	strbuf_addstr(&real, path);
	resolve_links(&real);
	err = refuse_special_file(real.buf, name);
	if (err < 0)
		goto done;
	/* git takes the lock before it reads (and words the failure so) */
	if (lockfile_acquire(&lk, real.buf) < 0) {
		err = ug_error(UG_ELOCKED, "could not lock config file %s", name);
		goto done;
	}
	err = read_config_file(&file, real.buf, name);
	if (err == UG_ENOTFOUND) {
		ug_error_clear();
		err = ug_error(UG_ENOTFOUND, "no such section: %s", old);
	}
	if (err < 0)
		goto done;
	ed.buf = file.buf;
	ed.len = file.len;
	err = parse_buffer(file.buf, file.len, name, collect_event, &ed, &header_error);
	if (!err)
		err = rename_in_buffer(&out, &ed, old, new_name);
	if (!err && !stat(real.buf, &st) && fchmod(lk.fd, st.st_mode & 07777) < 0)
		err = ug_error_errno("could not set mode of '%s'", lk.path);
	if (!err)
		err = lockfile_write(&lk, out.buf, out.len);
	if (!err)
		err = lockfile_commit(&lk);
done:
	lockfile_rollback(&lk);
	edit_release(&ed);
	strbuf_release(&file);
	strbuf_release(&real);
	strbuf_release(&out);
	return err;
}
