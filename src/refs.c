/* refs: reading loose refs, symbolic refs, packed-refs and reflogs. */
#include "ugit/refs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/refname.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

/* ---- names ---- */

int refs_name_is_safe(const char *name)
{
	const char *rest, *p;

	if (skip_prefix(name, "refs/", &rest)) {
		/* no empty, "." or ".." component: nothing can climb out */
		if (!*rest)
			return 0;
		for (p = rest; *p; p += *p == '/') {
			size_t n = strcspn(p, "/");

			if (!n || (n == 1 && p[0] == '.') ||
			    (n == 2 && p[0] == '.' && p[1] == '.'))
				return 0;
			p += n;
			if (*p == '/' && !p[1])
				return 0;	/* trailing slash */
		}
		return 1;
	}
	if (!*name)
		return 0;
	for (p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || *p == '_'))
			return 0;
	return 1;
}

/* A name we may look up: safe to open, and well-formed. */
static int name_is_usable(const char *name)
{
	return refs_name_is_safe(name) &&
	       refname_is_valid(name, REFNAME_ALLOW_ONELEVEL);
}

/* The path of a file in the git directory as git names it in messages. */
static void display_path(struct strbuf *out, struct repo *repo, const char *rel)
{
	fs_path_join(out, repo->gitdir_name ? repo->gitdir_name : repo->gitdir, rel);
}

/* ---- packed-refs ---- */

struct packed_ref {
	char *name;
	struct oid oid;
	size_t line;		/* position in the file: the first of twins wins */
};

struct packed_refs {
	struct packed_ref *items;
	size_t nr, alloc;
	int loaded;
};

#define PACKED_REFS_INIT { NULL, 0, 0, 0 }

static void packed_release(struct packed_refs *p)
{
	size_t i;

	for (i = 0; i < p->nr; i++)
		free(p->items[i].name);
	free(p->items);
	p->items = NULL;
	p->nr = p->alloc = 0;
	p->loaded = 0;
}

static int cmp_packed(const void *a, const void *b)
{
	const struct packed_ref *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int unexpected_line(struct repo *repo, const char *what,
			   const char *line, size_t len)
{
	struct strbuf path = STRBUF_INIT;
	int err;

	display_path(&path, repo, "packed-refs");
	err = ug_error(UG_ECORRUPT, "%s in %s: %.*s", what, path.buf, (int)len, line);
	strbuf_release(&path);
	return err;
}

/*
 * One line of packed-refs (without its newline): "<hex> <name>", a
 * "^<hex>" peeled line after a ref line (the id a tag finally points
 * to; not needed for lookups), or the "# pack-refs with:" header as the
 * first line.  Anything else makes the file untrustworthy, as in git.
 */
static int packed_line(struct packed_refs *p, struct repo *repo,
		       const char *line, size_t len, size_t nr, int *after_ref)
{
	struct oid oid;

	if (!nr && len >= 17 && !memcmp(line, "# pack-refs with:", 17))
		return 0;
	if (len == UG_OID_HEXSZ + 1 && line[0] == '^' && *after_ref &&
	    !oid_from_hex(&oid, line + 1)) {
		*after_ref = 0;
		return 0;
	}
	if (len < UG_OID_HEXSZ + 2 || line[UG_OID_HEXSZ] != ' ' ||
	    oid_from_hex(&oid, line))
		return unexpected_line(repo, "unexpected line", line, len);
	ALLOC_GROW(p->items, p->nr + 1, p->alloc);
	p->items[p->nr].name = xmemdupz(line + UG_OID_HEXSZ + 1, len - UG_OID_HEXSZ - 1);
	p->items[p->nr].oid = oid;
	p->items[p->nr].line = nr;
	p->nr++;
	*after_ref = 1;
	return 0;
}

static int packed_parse(struct packed_refs *p, struct repo *repo,
			const struct strbuf *buf)
{
	const char *line = buf->buf, *end = buf->buf + buf->len, *nl;
	size_t nr = 0, i, kept = 0;
	int after_ref = 0, err = 0;

	for (; !err && line < end; line = nl + 1, nr++) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			return unexpected_line(repo, "unterminated line", line,
					       (size_t)(end - line));
		err = packed_line(p, repo, line, (size_t)(nl - line), nr, &after_ref);
	}
	if (err)
		return err;
	/* sorted, and of two lines for one name only the first counts */
	if (p->nr)	/* qsort() wants a real array, even of nothing */
		qsort(p->items, p->nr, sizeof(*p->items), cmp_packed);
	for (i = 0; i < p->nr; i++) {
		if (kept && !strcmp(p->items[kept - 1].name, p->items[i].name)) {
			free(p->items[i].name);
			continue;
		}
		p->items[kept++] = p->items[i];
	}
	p->nr = kept;
	return 0;
}

/* Read .git/packed-refs once; a missing file is an empty list. */
static int packed_load(struct packed_refs *p, struct repo *repo)
{
	struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT;
	int err;

	if (p->loaded)
		return 0;
	repo_git_path(&path, repo, "packed-refs");
	err = fs_read_file(&buf, path.buf);
	if (err == UG_ENOTFOUND) {
		ug_error_clear();
		err = 0;
	} else if (!err) {
		err = packed_parse(p, repo, &buf);
	}
	if (err)
		packed_release(p);
	else
		p->loaded = 1;
	strbuf_release(&path);
	strbuf_release(&buf);
	return err;
}

static const struct packed_ref *packed_find(const struct packed_refs *p,
					    const char *name)
{
	size_t lo = 0, hi = p->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->items[mid].name, name);

		if (!c)
			return &p->items[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---- one ref, one level ---- */

enum raw_kind { RAW_MISSING, RAW_DIRECT, RAW_SYMREF, RAW_BROKEN };

struct raw_ref {
	enum raw_kind kind;
	struct oid oid;		/* RAW_DIRECT */
	struct strbuf target;	/* RAW_SYMREF */
	int packed;
};

/*
 * The content of a loose ref: "ref:" and a name (blanks around it are
 * dropped), or an id, possibly followed by blank space and anything (as
 * in FETCH_HEAD).  A missing final newline is fine.
 */
static void parse_loose(struct raw_ref *out, struct strbuf *buf)
{
	const char *p;

	strbuf_rtrim(buf);
	if (skip_prefix(buf->buf, "ref:", &p)) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		strbuf_addstr(&out->target, p);
		out->kind = RAW_SYMREF;
		return;
	}
	if (buf->len >= UG_OID_HEXSZ && !oid_from_hex(&out->oid, buf->buf) &&
	    (buf->len == UG_OID_HEXSZ || strchr(" \t\n\r\v\f", buf->buf[UG_OID_HEXSZ]))) {
		out->kind = RAW_DIRECT;
		return;
	}
	out->kind = RAW_BROKEN;
}

/*
 * An old-style symbolic ref is a symbolic link whose text starts with
 * "refs/"; any other link is followed like a file.  Returns 1 if it was
 * one.
 */
static int read_symlink_ref(struct raw_ref *out, const char *path)
{
	struct strbuf link = STRBUF_INIT;
	ssize_t n;
	int found = 0;

	strbuf_grow(&link, 256);
	n = readlink(path, link.buf, link.alloc - 1);
	if (n > 0 && (size_t)n < link.alloc - 1) {
		strbuf_setlen(&link, (size_t)n);
		if (starts_with(link.buf, "refs/") &&
		    refname_is_valid(link.buf, 0)) {
			strbuf_addbuf(&out->target, &link);
			out->kind = RAW_SYMREF;
			found = 1;
		}
	}
	strbuf_release(&link);
	return found;
}

/*
 * stat() failed: a missing file (or a link to nothing, or a name too long
 * to exist) is no ref; anything else is an error worth reporting.
 */
static int stat_failed(const char *name)
{
	if (errno == ENOENT || errno == ENOTDIR || errno == ENAMETOOLONG)
		return 0;
	return ug_error_errno("unable to read ref %s", name);
}

/* Read the loose file for `name`; RAW_MISSING if there is none (or a directory). */
static int read_loose(struct raw_ref *out, struct repo *repo, const char *name)
{
	struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT;
	struct stat st;
	int err = 0;

	out->kind = RAW_MISSING;
	repo_git_path(&path, repo, name);
	if (lstat(path.buf, &st) < 0) {
		err = stat_failed(name);
		goto done;
	}
	if (S_ISLNK(st.st_mode) && read_symlink_ref(out, path.buf))
		goto done;
	if (stat(path.buf, &st) < 0) {
		err = stat_failed(name);
		goto done;
	}
	if (S_ISDIR(st.st_mode))
		goto done;	/* refs/heads/a when refs/heads/a/b exists */
	err = fs_read_file(&buf, path.buf);
	if (err == UG_ENOTFOUND) {
		ug_error_clear();	/* deleted since we looked */
		err = 0;
		goto done;
	}
	if (!err)
		parse_loose(out, &buf);
done:
	strbuf_release(&path);
	strbuf_release(&buf);
	return err;
}

/* The loose file, else the packed line. */
static int read_raw(struct raw_ref *out, struct repo *repo,
		    struct packed_refs *packed, const char *name)
{
	const struct packed_ref *pr;
	int err;

	strbuf_reset(&out->target);
	out->packed = 0;
	err = read_loose(out, repo, name);
	if (err || out->kind != RAW_MISSING)
		return err;
	err = packed_load(packed, repo);
	if (err)
		return err;
	pr = packed_find(packed, name);
	if (pr) {
		out->kind = RAW_DIRECT;
		out->oid = pr->oid;
		out->packed = 1;
	}
	return 0;
}

/* ---- resolving ---- */

static int seen_before(char **seen, size_t nr, const char *name)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (!strcmp(seen[i], name))
			return 1;
	return 0;
}

/* What the last raw read means for the whole lookup. */
static int resolve_end(struct oid *out, const struct raw_ref *raw,
		       const char *name, unsigned *flags)
{
	if (raw->kind == RAW_DIRECT) {
		*out = raw->oid;
		if (raw->packed)
			*flags |= REFS_PACKED;
		return 0;
	}
	if (raw->kind == RAW_MISSING)
		return ug_error(UG_ENOTFOUND, "ref %s does not exist", name);
	*flags |= REFS_BROKEN;
	return ug_error(UG_ECORRUPT, "broken ref %s", name);
}

/* Check the target of symbolic ref `from` before following it. */
static int check_target(const char *from, const char *target, char **seen,
			size_t nr)
{
	if (!name_is_usable(target))
		return ug_error(UG_EINVALID, "symbolic ref %s points to an invalid name '%s'",
				from, target);
	if (seen_before(seen, nr, target))
		return ug_error(UG_EINVALID, "symbolic ref loop at %s -> %s", from, target);
	if (nr >= REFS_MAX_DEPTH)
		return ug_error(UG_EINVALID, "symbolic refs nested too deeply at %s", from);
	return 0;
}

/* refs_resolve_full() with packed-refs read at most once into `packed`. */
static int resolve(struct oid *out, struct strbuf *referent, unsigned *flags,
		   struct repo *repo, struct packed_refs *packed,
		   const char *name)
{
	struct raw_ref raw = { RAW_MISSING, { { 0 } }, STRBUF_INIT, 0 };
	char *seen[REFS_MAX_DEPTH];
	size_t nr = 0, i;
	int err;

	*flags = 0;
	if (referent)
		strbuf_reset(referent);
	if (!name_is_usable(name))
		return ug_error(UG_EINVALID, "invalid ref name '%s'", name);
	seen[nr++] = xstrdup(name);
	for (;;) {
		const char *cur = seen[nr - 1];

		err = read_raw(&raw, repo, packed, cur);
		if (err)
			break;
		if (nr == 1 && raw.kind == RAW_SYMREF)
			*flags |= REFS_SYMREF;
		if (raw.kind != RAW_SYMREF) {
			err = resolve_end(out, &raw, cur, flags);
			break;
		}
		err = check_target(cur, raw.target.buf, seen, nr);
		if (err)
			break;
		seen[nr++] = strbuf_detach(&raw.target, NULL);
	}
	if (referent)
		strbuf_addstr(referent, seen[nr - 1]);
	for (i = 0; i < nr; i++)
		free(seen[i]);
	strbuf_release(&raw.target);
	return err;
}

int refs_resolve_full(struct oid *out, struct strbuf *referent,
		      unsigned *flags, struct repo *repo, const char *name)
{
	struct packed_refs packed = PACKED_REFS_INIT;
	int err = resolve(out, referent, flags, repo, &packed, name);

	packed_release(&packed);
	return err;
}

int refs_resolve(struct oid *out, struct repo *repo, const char *name)
{
	unsigned flags;

	return refs_resolve_full(out, NULL, &flags, repo, name);
}

int refs_read_symbolic(struct strbuf *out, struct repo *repo, const char *name)
{
	struct packed_refs packed = PACKED_REFS_INIT;
	struct raw_ref raw = { RAW_MISSING, { { 0 } }, STRBUF_INIT, 0 };
	unsigned flags = 0;
	struct oid oid;
	int err;

	if (!name_is_usable(name))
		return ug_error(UG_EINVALID, "invalid ref name '%s'", name);
	err = read_raw(&raw, repo, &packed, name);
	if (!err && raw.kind == RAW_SYMREF) {
		strbuf_addbuf(out, &raw.target);
		err = 1;
	} else if (!err) {
		err = resolve_end(&oid, &raw, name, &flags);
	}
	strbuf_release(&raw.target);
	packed_release(&packed);
	return err;
}

/* ---- iterating ---- */

struct ref_item {
	char *name;
	int loose;		/* from a file under refs/ (else packed) */
	struct oid oid;		/* packed: its id */
};

struct ref_list {
	struct ref_item *items;
	size_t nr, alloc;
};

static void list_add(struct ref_list *l, const char *name, int loose,
		     const struct oid *oid)
{
	ALLOC_GROW(l->items, l->nr + 1, l->alloc);
	l->items[l->nr].name = xstrdup(name);
	l->items[l->nr].loose = loose;
	if (oid)
		l->items[l->nr].oid = *oid;
	else
		oid_clear(&l->items[l->nr].oid);
	l->nr++;
}

/*
 * Every file below <gitdir>/<top><name>, depth first, added to `l` as
 * "<name>...": loose refs (`top` "") and reflogs (`top` "logs/") are laid
 * out alike.  `name` holds "refs/" or a directory below it, with its '/'.
 */
static int collect_files(struct ref_list *l, struct repo *repo,
			 const char *top, struct strbuf *name)
{
	struct strbuf path = STRBUF_INIT, rel = STRBUF_INIT;
	char **names = NULL;
	size_t nr = 0, i, len = name->len, dirlen;
	int err;

	strbuf_addf(&rel, "%s%s", top, name->buf);
	repo_git_path(&path, repo, rel.buf);
	strbuf_release(&rel);
	dirlen = path.len;	/* ends in '/', as `name` does */
	err = fs_list_dir(&names, &nr, path.buf);
	if (err == UG_ENOTFOUND) {
		ug_error_clear();
		err = 0;
	}
	for (i = 0; !err && i < nr; i++) {
		/* git's own temporary files and hidden files are not refs */
		if (names[i][0] == '.' || ends_with(names[i], ".lock"))
			continue;
		strbuf_setlen(name, len);
		strbuf_addstr(name, names[i]);
		strbuf_setlen(&path, dirlen);
		strbuf_addstr(&path, names[i]);
		if (fs_is_dir(path.buf)) {
			strbuf_addch(name, '/');
			err = collect_files(l, repo, top, name);
		} else {
			list_add(l, name->buf, 1, NULL);
		}
	}
	strbuf_setlen(name, len);
	fs_free_names(names, nr);
	strbuf_release(&path);
	return err;
}

static int cmp_items(const void *a, const void *b)
{
	const struct ref_item *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	/* a loose ref hides the packed one of the same name: loose first */
	return c ? c : y->loose - x->loose;
}

/* The value passed for one ref of the list. */
static int call_one(const struct ref_item *it, struct repo *repo,
		    struct packed_refs *packed, refs_each_fn fn, void *payload)
{
	struct oid oid;
	unsigned flags = 0;
	int err;

	if (!it->loose)
		return fn(it->name, &it->oid, REFS_PACKED, payload);
	if (!refname_is_valid(it->name, 0) || !refs_name_is_safe(it->name)) {
		oid_clear(&oid);
		return fn(it->name, &oid, REFS_BROKEN | REFS_BAD_NAME, payload);
	}
	err = resolve(&oid, NULL, &flags, repo, packed, it->name);
	if (err == UG_ERROR || (err == UG_ECORRUPT && !(flags & REFS_BROKEN)))
		return err;	/* unreadable, or packed-refs went bad meanwhile */
	if (err < 0) {
		ug_error_clear();
		oid_clear(&oid);
		flags |= REFS_BROKEN;
	}
	return fn(it->name, &oid, flags, payload);
}

int refs_for_each(struct repo *repo, const char *prefix, refs_each_fn fn,
		  void *payload)
{
	struct packed_refs packed = PACKED_REFS_INIT;
	struct ref_list l = { NULL, 0, 0 };
	struct strbuf name = STRBUF_INIT;
	size_t i;
	int ret;

	strbuf_addstr(&name, "refs/");
	ret = packed_load(&packed, repo);
	if (!ret)
		ret = collect_files(&l, repo, "", &name);
	for (i = 0; !ret && i < packed.nr; i++)
		list_add(&l, packed.items[i].name, 0, &packed.items[i].oid);
	if (l.nr)
		qsort(l.items, l.nr, sizeof(*l.items), cmp_items);
	for (i = 0; !ret && i < l.nr; i++) {
		if (!starts_with(l.items[i].name, prefix ? prefix : ""))
			continue;
		if (i && !strcmp(l.items[i - 1].name, l.items[i].name))
			continue;	/* the packed twin of a loose ref */
		ret = call_one(&l.items[i], repo, &packed, fn, payload);
	}
	for (i = 0; i < l.nr; i++)
		free(l.items[i].name);
	free(l.items);
	strbuf_release(&name);
	packed_release(&packed);
	return ret;
}

/* ---- reflogs ---- */

/* "<old hex> <new hex> <ident>\t<message>"; 0 if the line is one. */
static int parse_reflog_line(struct refs_reflog_entry *e, char *line, size_t len)
{
	char *tab;

	if (len < 2 * UG_OID_HEXSZ + 2 || line[UG_OID_HEXSZ] != ' ' ||
	    line[2 * UG_OID_HEXSZ + 1] != ' ' || oid_from_hex(&e->old_oid, line) ||
	    oid_from_hex(&e->new_oid, line + UG_OID_HEXSZ + 1))
		return -1;
	e->ident = line + 2 * UG_OID_HEXSZ + 2;
	tab = memchr(e->ident, '\t', len - (size_t)(e->ident - line));
	e->ident_len = tab ? (size_t)(tab - e->ident) : len - (size_t)(e->ident - line);
	e->message = tab ? tab + 1 : "";
	return 0;
}

static int each_reflog_entry(struct repo *repo, const char *refname,
			     refs_reflog_fn fn, void *payload)
{
	struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT;
	char *line, *nl;
	int ret;

	repo_git_path(&path, repo, "logs");
	strbuf_addch(&path, '/');
	strbuf_addstr(&path, refname);
	ret = fs_read_file(&buf, path.buf);
	if (ret == UG_ENOTFOUND) {
		ug_error_clear();
		ret = 0;
	}
	for (line = buf.buf; !ret && line < buf.buf + buf.len; line = nl + 1) {
		struct refs_reflog_entry e;

		nl = memchr(line, '\n', (size_t)(buf.buf + buf.len - line));
		if (!nl)
			nl = buf.buf + buf.len;
		*nl = '\0';
		if (!parse_reflog_line(&e, line, (size_t)(nl - line)))
			ret = fn(refname, &e, payload);
	}
	strbuf_release(&path);
	strbuf_release(&buf);
	return ret;
}

int refs_for_each_reflog(struct repo *repo, refs_reflog_fn fn, void *payload)
{
	struct ref_list l = { NULL, 0, 0 };
	struct strbuf name = STRBUF_INIT;
	size_t i;
	int ret;

	list_add(&l, "HEAD", 1, NULL);
	strbuf_addstr(&name, "refs/");
	ret = collect_files(&l, repo, "logs/", &name);
	qsort(l.items + 1, l.nr - 1, sizeof(*l.items), cmp_items);
	for (i = 0; !ret && i < l.nr; i++)
		ret = each_reflog_entry(repo, l.items[i].name, fn, payload);
	for (i = 0; i < l.nr; i++)
		free(l.items[i].name);
	free(l.items);
	strbuf_release(&name);
	return ret;
}
