/* refs: loose, symbolic and packed refs and reflogs - reading them, and changing them under locks as git does. */
#include "ugit/refs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/lockfile.h"
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
	const char *name;	/* points into packed_refs.file */
	struct oid oid;
	size_t line;		/* position in the file: the first of twins wins */
};

struct packed_refs {
	/*
	 * The file itself, its newlines turned into NULs: the names are
	 * read in place, so a big packed-refs costs no allocation per ref.
	 */
	struct strbuf file;
	struct packed_ref *items;
	size_t nr, alloc;
	int loaded;
};

static void packed_release(struct packed_refs *p)
{
	strbuf_release(&p->file);
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
		       char *line, size_t len, size_t nr, int *after_ref)
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
	line[len] = '\0';	/* was the newline */
	p->items[p->nr].name = line + UG_OID_HEXSZ + 1;
	p->items[p->nr].oid = oid;
	p->items[p->nr].line = nr;
	p->nr++;
	*after_ref = 1;
	return 0;
}

/* Parse `buf` (taken over: it is left empty) into `p`. */
static int packed_parse(struct packed_refs *p, struct repo *repo,
			struct strbuf *buf)
{
	char *line, *end, *nl;
	size_t nr = 0, i, kept = 0;
	int after_ref = 0, err = 0, sorted = 1;

	strbuf_release(&p->file);
	p->file = *buf;
	strbuf_init(buf, 0);
	line = p->file.buf;
	end = line + p->file.len;
	for (; !err && line < end; line = nl + 1, nr++) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (!nl)
			return unexpected_line(repo, "unterminated line", line,
					       (size_t)(end - line));
		err = packed_line(p, repo, line, (size_t)(nl - line), nr, &after_ref);
		if (sorted && p->nr > 1 &&
		    strcmp(p->items[p->nr - 2].name, p->items[p->nr - 1].name) >= 0)
			sorted = 0;
	}
	if (err)
		return err;
	/*
	 * git writes it sorted (the "sorted" trait), so usually there is
	 * nothing to do; otherwise sort, and of two lines for one name only
	 * the first counts.
	 */
	if (sorted)
		return 0;
	qsort(p->items, p->nr, sizeof(*p->items), cmp_packed);
	for (i = 0; i < p->nr; i++) {
		if (kept && !strcmp(p->items[kept - 1].name, p->items[i].name))
			continue;
		p->items[kept++] = p->items[i];
	}
	p->nr = kept;
	return 0;
}

/*
 * The snapshot of packed-refs kept in the repo.  revparse tries up to six
 * names per lookup and every miss falls through to packed-refs, so it is
 * read once and then only stat()ed: a rewrite (ours or another process's,
 * always by rename) changes its inode, and an edit in place its size or
 * times.
 */
struct refs_cache {
	struct packed_refs packed;
	int exists;		/* packed-refs existed when read */
	struct stat st;		/* ... and this was its stat */
};

void refs_cache_free(struct refs_cache *cache)
{
	if (!cache)
		return;
	packed_release(&cache->packed);
	free(cache);
}

/* Forget the snapshot: we are about to change packed-refs ourselves. */
static void packed_invalidate(struct repo *repo)
{
	if (repo->refs_cache)
		packed_release(&repo->refs_cache->packed);
}

static int same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* (Re)read packed-refs into `c` if it changed; a missing file is an empty list. */
static int packed_refresh(struct refs_cache *c, struct repo *repo)
{
	struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT;
	struct stat st;
	int exists, err = 0;

	repo_git_path(&path, repo, "packed-refs");
	exists = !stat(path.buf, &st);
	if (c->packed.loaded && exists == c->exists &&
	    (!exists || same_stat(&st, &c->st)))
		goto done;
	packed_release(&c->packed);
	if (exists)
		err = fs_read_file(&buf, path.buf);
	if (err == UG_ENOTFOUND) {	/* gone between stat and open */
		ug_error_clear();
		err = 0;
		exists = 0;
	}
	if (!err && exists)
		err = packed_parse(&c->packed, repo, &buf);
	if (err) {
		packed_release(&c->packed);
		goto done;
	}
	c->packed.loaded = 1;
	c->exists = exists;
	c->st = st;
done:
	strbuf_release(&path);
	strbuf_release(&buf);
	return err;
}

/* The current packed refs of `repo`, borrowed from its cache. */
static int packed_get(const struct packed_refs **out, struct repo *repo)
{
	int err;

	if (!repo->refs_cache)
		repo->refs_cache = xcalloc(1, sizeof(*repo->refs_cache));
	err = packed_refresh(repo->refs_cache, repo);
	*out = err ? NULL : &repo->refs_cache->packed;
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
		    const struct packed_refs **packed, const char *name)
{
	const struct packed_ref *pr;
	int err;

	strbuf_reset(&out->target);
	out->packed = 0;
	err = read_loose(out, repo, name);
	if (err || out->kind != RAW_MISSING)
		return err;
	if (!*packed) {		/* stat()ed at most once per lookup */
		err = packed_get(packed, repo);
		if (err)
			return err;
	}
	pr = packed_find(*packed, name);
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

/* refs_resolve_full(); `*packed` is looked up when first needed. */
static int resolve(struct oid *out, struct strbuf *referent, unsigned *flags,
		   struct repo *repo, const struct packed_refs **packed,
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
	const struct packed_refs *packed = NULL;

	return resolve(out, referent, flags, repo, &packed, name);
}

int refs_resolve(struct oid *out, struct repo *repo, const char *name)
{
	unsigned flags;

	return refs_resolve_full(out, NULL, &flags, repo, name);
}

int refs_read_symbolic(struct strbuf *out, struct repo *repo, const char *name)
{
	const struct packed_refs *packed = NULL;
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
		    const struct packed_refs **packed, refs_each_fn fn,
		    void *payload)
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
	const struct packed_refs *packed = NULL;
	struct ref_list l = { NULL, 0, 0 };
	struct strbuf name = STRBUF_INIT;
	size_t i;
	int ret;

	strbuf_addstr(&name, "refs/");
	ret = packed_get(&packed, repo);
	if (!ret)
		ret = collect_files(&l, repo, "", &name);
	for (i = 0; !ret && i < packed->nr; i++)
		list_add(&l, packed->items[i].name, 0, &packed->items[i].oid);
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

int refs_read_reflog(struct repo *repo, const char *refname, refs_reflog_fn fn,
		     void *payload)
{
	struct strbuf path = STRBUF_INIT, buf = STRBUF_INIT;
	char *line, *nl;
	int ret;

	repo_git_path(&path, repo, "logs");
	strbuf_addch(&path, '/');
	strbuf_addstr(&path, refname);
	ret = fs_read_file(&buf, path.buf);
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
	for (i = 0; !ret && i < l.nr; i++) {
		ret = refs_read_reflog(repo, l.items[i].name, fn, payload);
		if (ret == UG_ENOTFOUND) {	/* HEAD may have none */
			ug_error_clear();
			ret = 0;
		}
	}
	for (i = 0; i < l.nr; i++)
		free(l.items[i].name);
	free(l.items);
	strbuf_release(&name);
	return ret;
}

/* ---- writing: reflogs ---- */

/*
 * Does `name` get a reflog created when it changes?  git's rule: with
 * core.logAllRefUpdates "always", every ref; with true (the default of a
 * non-bare repository), HEAD and the branch-like namespaces.  A reflog
 * that exists is appended to whatever the setting says.
 */
static int autocreate_reflog(const struct repo *repo, const char *name,
			     unsigned flags)
{
	int setting = repo->log_all_ref_updates;

	if (flags & REFS_UPDATE_CREATE_REFLOG || setting == 2)
		return 1;
	if (setting == 0 || (setting < 0 && repo->bare))
		return 0;
	return !strcmp(name, "HEAD") || starts_with(name, "refs/heads/") ||
	       starts_with(name, "refs/remotes/") || starts_with(name, "refs/notes/");
}

static int remove_empty_tree(const char *path);

/* git's message clean-up: blank runs become one space, none at the ends. */
static void add_log_message(struct strbuf *line, const char *msg)
{
	size_t start = line->len;
	int blank = 1;

	for (; *msg; msg++) {
		int is_blank = strchr(" \t\n\r\v\f", *msg) != NULL;

		if (is_blank && blank)
			continue;
		blank = is_blank;
		strbuf_addch(line, is_blank ? ' ' : *msg);
	}
	while (line->len > start && line->buf[line->len - 1] == ' ')
		strbuf_setlen(line, line->len - 1);
}

/*
 * Append "<old> <new> <ident>[\t<msg>]\n" to logs/<name>, in one write()
 * on an O_APPEND descriptor so that concurrent writers never interleave
 * within a line.
 */
static int reflog_append(struct repo *repo, const char *name, unsigned flags,
			 const struct oid *old_oid, const struct oid *new_oid,
			 const char *ident, const char *msg)
{
	struct strbuf path = STRBUF_INIT, line = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int create = autocreate_reflog(repo, name, flags), fd = -1, err = 0;
	char *slash;

	repo_git_path(&path, repo, "logs");
	strbuf_addch(&path, '/');
	strbuf_addstr(&path, name);
	slash = strrchr(path.buf, '/');
	if (create) {
		*slash = '\0';
		err = fs_mkdir_p(path.buf, 0777);
		*slash = '/';
		if (err)
			goto done;
	}
	fd = open(path.buf, O_WRONLY | O_APPEND | (create ? O_CREAT : 0), 0666);
	/* empty directories left where the log goes (logs/refs/heads/a/ for a) */
	if (fd < 0 && errno == EISDIR && !remove_empty_tree(path.buf))
		fd = open(path.buf, O_WRONLY | O_APPEND | (create ? O_CREAT : 0), 0666);
	if (fd < 0) {
		if (!create && errno == ENOENT)
			goto done;	/* no reflog, and none wanted */
		err = ug_error_errno("unable to append to '%s'", path.buf);
		goto done;
	}
	strbuf_addf(&line, "%s ", oid_to_hex(hex, old_oid));
	strbuf_addf(&line, "%s %s", oid_to_hex(hex, new_oid), ident);
	if (msg && *msg) {
		strbuf_addch(&line, '\t');
		add_log_message(&line, msg);
	}
	strbuf_addch(&line, '\n');
	err = fs_write_all(fd, line.buf, line.len);
	if (close(fd) < 0 && !err)
		err = ug_error_errno("unable to append to '%s'", path.buf);
done:
	strbuf_release(&path);
	strbuf_release(&line);
	return err;
}

/* ---- writing: files and directories ---- */

/*
 * Remove the directories of `rel` (a path under the git directory, such
 * as "refs/heads/a/b" or "logs/refs/heads/a/b") that are left empty, from
 * the deepest up, but never the first two levels ("refs/heads" stays).
 */
static void prune_empty_parents(struct repo *repo, const char *rel)
{
	struct strbuf path = STRBUF_INIT;
	size_t base, keep = 0;
	const char *p;
	char *slash;

	/* the prefix to keep: up to the second '/' of `rel` past "logs/" */
	p = starts_with(rel, "logs/") ? rel + 5 : rel;
	p = strchr(p, '/');
	if (p)
		p = strchr(p + 1, '/');
	if (!p)
		return;
	strbuf_addstr(&path, repo->gitdir);
	strbuf_addch(&path, '/');
	base = path.len;
	keep = base + (size_t)(p - rel);
	strbuf_addstr(&path, rel);
	while ((slash = strrchr(path.buf + base, '/')) &&
	       (size_t)(slash - path.buf) > keep) {
		strbuf_setlen(&path, (size_t)(slash - path.buf));
		if (rmdir(path.buf) < 0)
			break;
	}
	strbuf_release(&path);
}

/* Remove a directory tree that holds nothing but directories. */
static int remove_empty_tree(const char *path)
{
	struct strbuf sub = STRBUF_INIT;
	char **names = NULL;
	size_t nr = 0, i;
	int err = fs_list_dir(&names, &nr, path);

	for (i = 0; !err && i < nr; i++) {
		strbuf_reset(&sub);
		fs_path_join(&sub, path, names[i]);
		if (!fs_is_dir(sub.buf))
			err = UG_EEXISTS;
		else
			err = remove_empty_tree(sub.buf);
	}
	if (!err && rmdir(path) < 0)
		err = UG_ERROR;
	fs_free_names(names, nr);
	strbuf_release(&sub);
	return err;
}

/* ---- writing: directory/file conflicts ---- */

/* Index of the first packed ref not sorting before `key`. */
static size_t packed_lower_bound(const struct packed_refs *p, const char *key)
{
	size_t lo = 0, hi = p->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(p->items[mid].name, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int df_conflict(const char *name, const char *existing, const char *target)
{
	return ug_error(UG_EEXISTS, "cannot lock ref '%s': '%s' exists; cannot create '%s'",
			name, existing, target);
}

/* Is a ref in the way of `target` as a directory ("refs/heads/a" for "a/b")? */
static int df_check_above(struct repo *repo, const struct packed_refs *packed,
			  const char *name, const char *target)
{
	struct strbuf path = STRBUF_INIT, prefix = STRBUF_INIT;
	const char *slash = strchr(target, '/');
	struct stat st;
	int err = 0;

	for (; !err && slash; slash = strchr(slash + 1, '/')) {
		strbuf_reset(&prefix);
		strbuf_add(&prefix, target, (size_t)(slash - target));
		strbuf_reset(&path);
		repo_git_path(&path, repo, prefix.buf);
		if ((!lstat(path.buf, &st) && !S_ISDIR(st.st_mode)) ||
		    packed_find(packed, prefix.buf))
			err = df_conflict(name, prefix.buf, target);
	}
	strbuf_release(&path);
	strbuf_release(&prefix);
	return err;
}

/*
 * Is a ref in the way below `target` ("refs/heads/a/b" for "a")?  A
 * directory holding no refs at all is left over from deleted refs and
 * is removed, as git does.
 */
static int df_check_below(struct repo *repo, const struct packed_refs *packed,
			  const char *name, const char *target)
{
	struct ref_list l = { NULL, 0, 0 };
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	const char *first = NULL;
	size_t i;
	int err;

	strbuf_addf(&dir, "%s/", target);
	i = packed_lower_bound(packed, dir.buf);
	if (i < packed->nr && starts_with(packed->items[i].name, dir.buf))
		first = packed->items[i].name;
	err = collect_files(&l, repo, "", &dir);
	if (!err && l.nr) {
		qsort(l.items, l.nr, sizeof(*l.items), cmp_items);
		if (!first || strcmp(l.items[0].name, first) < 0)
			first = l.items[0].name;
	}
	repo_git_path(&path, repo, target);
	if (!err && first)
		err = df_conflict(name, first, target);
	else if (!err && fs_is_dir(path.buf) && remove_empty_tree(path.buf) < 0)
		err = ug_error(UG_EEXISTS, "cannot lock ref '%s': there is a non-empty directory '%s' blocking reference '%s'",
			       name, path.buf, target);
	for (i = 0; i < l.nr; i++)
		free(l.items[i].name);
	free(l.items);
	strbuf_release(&dir);
	strbuf_release(&path);
	return err;
}

/* ---- writing: transactions ---- */

struct tx_update {
	char *name;		/* as queued; messages name it */
	char *target;		/* the file changed: `name` or the end of its symref chain */
	struct oid new_oid, old_oid;
	int has_new, has_old;	/* no new value: only check the old one */
	unsigned flags;		/* REFS_UPDATE_* */
	char *ident, *msg;	/* for the reflog; ident NULL: none */
	/* a log-only entry (HEAD beside its branch): the update it logs */
	struct tx_update *parent;
	struct lockfile lock;	/* <target>.lock; lives as long as the update */
	char *symref;		/* refs_update_symbolic(): write "ref: <symref>" */
	struct oid cur;		/* the value found under the lock (null if none) */
	int cur_exists;
	int cur_direct;		/* ... and it was an id, not a symbolic ref */
};

struct refs_transaction {
	struct repo *repo;
	struct tx_update **items;	/* pointers: a held lockfile must not move */
	size_t nr, alloc;
	struct lockfile packed_lock;
	refs_check_fn check;
	void *check_payload;
	int committed;
};

static int is_delete(const struct tx_update *u)
{
	return u->has_new && !u->symref && oid_is_null(&u->new_oid);
}

struct refs_transaction *refs_transaction_begin(struct repo *repo)
{
	struct refs_transaction *tx = xcalloc(1, sizeof(*tx));
	struct lockfile init = LOCKFILE_INIT;

	tx->repo = repo;
	tx->packed_lock = init;
	return tx;
}

void refs_transaction_set_check(struct refs_transaction *tx, refs_check_fn fn,
				void *payload)
{
	tx->check = fn;
	tx->check_payload = payload;
}

static struct tx_update *tx_add(struct refs_transaction *tx, const char *name)
{
	struct tx_update *u = xcalloc(1, sizeof(*u));
	struct lockfile init = LOCKFILE_INIT;

	u->name = xstrdup(name);
	u->target = xstrdup(name);
	u->lock = init;
	ALLOC_GROW(tx->items, tx->nr + 1, tx->alloc);
	tx->items[tx->nr++] = u;
	return u;
}

static struct tx_update *tx_find(struct refs_transaction *tx, const char *target)
{
	size_t i;

	for (i = 0; i < tx->nr; i++)
		if (!strcmp(tx->items[i]->target, target))
			return tx->items[i];
	return NULL;
}

int refs_transaction_update(struct refs_transaction *tx, const char *name,
			    const struct oid *new_oid, const struct oid *old_oid,
			    unsigned flags, const struct refs_log *log)
{
	struct tx_update *u;
	int deleting = new_oid && oid_is_null(new_oid);

	/* a bad name may be deleted (it exists somehow), never created */
	if (!refs_name_is_safe(name) ||
	    (!deleting && !refname_is_valid(name, REFNAME_ALLOW_ONELEVEL)))
		return ug_error(UG_EINVALID, "refusing to update ref with bad name '%s'", name);
	if (tx_find(tx, name))
		return ug_error(UG_EINVALID, "multiple updates for ref '%s' not allowed", name);
	u = tx_add(tx, name);
	u->has_new = new_oid != NULL;
	if (new_oid)
		u->new_oid = *new_oid;
	u->has_old = old_oid != NULL;
	if (old_oid)
		u->old_oid = *old_oid;
	u->flags = flags;
	if (log && log->ident) {
		u->ident = xstrdup(log->ident);
		u->msg = log->message ? xstrdup(log->message) : NULL;
	}
	return 0;
}

/* A log-only entry for `name` that records what `parent` does. */
static void tx_add_log_only(struct refs_transaction *tx, const char *name,
			    struct tx_update *parent)
{
	struct tx_update *u = tx_add(tx, name);

	u->parent = parent;
	u->flags = parent->flags & REFS_UPDATE_CREATE_REFLOG;
}

/*
 * Where does `u` really write?  Through symbolic refs to the end of the
 * chain (an unborn branch is fine, a broken ref gets overwritten).  The
 * symbolic ref itself gets a log-only entry (git also locks it), and so
 * does HEAD when it points straight at the ref changed.
 */
static int tx_expand_one(struct refs_transaction *tx, struct tx_update *u)
{
	struct strbuf referent = STRBUF_INIT, head = STRBUF_INIT;
	unsigned flags = 0;
	struct oid oid;
	int err = 0;

	/* a badly named ref (being deleted) is never followed */
	if (!(u->flags & REFS_UPDATE_NO_DEREF) &&
	    refname_is_valid(u->name, REFNAME_ALLOW_ONELEVEL)) {
		err = resolve(&oid, &referent, &flags, tx->repo,
			      &(const struct packed_refs *){ NULL }, u->name);
		if (err == UG_ENOTFOUND || (err == UG_ECORRUPT && (flags & REFS_BROKEN)))
			err = 0;
		if (err)
			goto done;
		ug_error_clear();
		free(u->target);
		u->target = strbuf_detach(&referent, NULL);
	}
	if (strcmp(u->target, u->name))
		tx_add_log_only(tx, u->name, u);
	if (strcmp(u->target, "HEAD") && u->has_new && !u->symref && !tx_find(tx, "HEAD") &&
	    refs_read_symbolic(&head, tx->repo, "HEAD") == 1 &&
	    !strcmp(head.buf, u->target))
		tx_add_log_only(tx, "HEAD", u);
	ug_error_clear();
done:
	strbuf_release(&referent);
	strbuf_release(&head);
	return err;
}

static int tx_expand(struct refs_transaction *tx)
{
	size_t i, j, queued = tx->nr;
	int err = 0;

	for (i = 0; !err && i < queued; i++)
		err = tx_expand_one(tx, tx->items[i]);
	for (i = 0; !err && i < tx->nr; i++)
		for (j = i + 1; !err && j < tx->nr; j++)
			if (!strcmp(tx->items[i]->target, tx->items[j]->target))
				err = ug_error(UG_EINVALID,
					       "multiple updates for ref '%s' not allowed",
					       tx->items[i]->target);
	return err;
}

/*
 * git's defaults for core.filesRefLockTimeout and core.packedRefsTimeout:
 * a lock held by another writer is usually released within moments, so
 * it is tried again for a while before giving up.
 */
#define REF_LOCK_TIMEOUT_MS 100
#define PACKED_LOCK_TIMEOUT_MS 1000

/* lockfile_acquire(), retried with growing pauses (1, 4, 9 ... ms) until `timeout_ms`. */
static int lock_patiently(struct lockfile *lk, const char *path, long timeout_ms)
{
	long waited = 0, n = 1;
	int err;

	while ((err = lockfile_acquire(lk, path)) == UG_ELOCKED && waited < timeout_ms) {
		long pause = n * n;
		struct timespec ts;

		n++;
		if (pause > timeout_ms - waited)
			pause = timeout_ms - waited;
		ts.tv_sec = 0;
		ts.tv_nsec = pause * 1000000L;
		nanosleep(&ts, NULL);
		waited += pause;
	}
	return err;
}

/* "cannot <verb> ref '<name>': <the last message>", git's wording. */
static int lock_failed_as(int err, const char *verb, const char *name)
{
	struct strbuf msg = STRBUF_INIT;

	strbuf_addf(&msg, "cannot %s ref '%s': %s", verb, name, ug_error_last());
	err = ug_error(err, "%s", msg.buf);
	strbuf_release(&msg);
	return err;
}

static int lock_failed(int err, const char *name)
{
	return lock_failed_as(err, "lock", name);
}

/* The value of `target` now (under its lock): loose, else packed. */
static int read_current(struct tx_update *u, struct repo *repo)
{
	struct raw_ref raw = { RAW_MISSING, { { 0 } }, STRBUF_INIT, 0 };
	const struct packed_refs *packed = NULL;
	unsigned flags;
	int err = read_raw(&raw, repo, &packed, u->target);

	oid_clear(&u->cur);
	u->cur_exists = !err && raw.kind != RAW_MISSING;
	u->cur_direct = !err && raw.kind == RAW_DIRECT;
	if (!err && raw.kind == RAW_DIRECT)
		u->cur = raw.oid;
	else if (!err && raw.kind == RAW_SYMREF &&	/* --no-deref on a symref */
		 resolve(&u->cur, NULL, &flags, repo, &packed, u->target) < 0) {
		ug_error_clear();
		oid_clear(&u->cur);
	}
	strbuf_release(&raw.target);
	return err;
}

/* Is the value found what the caller expected? */
static int check_old(const struct tx_update *u)
{
	char cur[UG_OID_HEXSZ + 1], want[UG_OID_HEXSZ + 1];

	if (u->has_old && oid_is_null(&u->old_oid)) {
		if (u->cur_exists)
			return ug_error(UG_ECONFLICT, "cannot lock ref '%s': reference already exists",
					u->name);
		return 0;
	}
	if ((u->has_old || (u->flags & REFS_UPDATE_MUST_EXIST)) && !u->cur_exists)
		return ug_error(UG_ECONFLICT, "cannot lock ref '%s': unable to resolve reference '%s'",
				u->name, u->target);
	if (u->has_old && oid_cmp(&u->cur, &u->old_oid))
		return ug_error(UG_ECONFLICT, "cannot lock ref '%s': is at %s but expected %s",
				u->name, oid_to_hex(cur, &u->cur),
				oid_to_hex(want, &u->old_oid));
	return 0;
}

/*
 * A ref that is about to be created must not collide with another one
 * as file against directory.  Then the directory for its lock is made
 * (a packed ref being deleted may have none).
 */
static int prepare_dir(struct tx_update *u, struct repo *repo, char *path)
{
	const struct packed_refs *packed = NULL;
	char *slash;
	int err = 0;

	if (u->has_new && !is_delete(u) && !read_current(u, repo) && !u->cur_exists) {
		err = packed_get(&packed, repo);
		if (!err)
			err = df_check_above(repo, packed, u->name, u->target);
		if (!err)
			err = df_check_below(repo, packed, u->name, u->target);
		if (err)
			return err;
	}
	ug_error_clear();	/* a failed read here: the read under the lock will tell */
	slash = strrchr(path, '/');
	*slash = '\0';
	err = fs_mkdir_p(path, 0777);
	*slash = '/';
	return err;
}

static int tx_lock_one(struct refs_transaction *tx, struct tx_update *u)
{
	struct strbuf path = STRBUF_INIT;
	int err = 0;

	repo_git_path(&path, tx->repo, u->target);
	if (!u->parent)
		err = prepare_dir(u, tx->repo, path.buf);
	if (!err) {
		err = lock_patiently(&u->lock, path.buf, REF_LOCK_TIMEOUT_MS);
		/* git words a symbolic ref's lock failure as the lockfile does */
		if (err && !u->symref)
			err = lock_failed(err, u->name);
	}
	if (!err && !u->parent)
		err = read_current(u, tx->repo);
	if (!err && !u->parent)
		err = check_old(u);
	strbuf_release(&path);
	return err;
}

static int tx_lock_all(struct refs_transaction *tx)
{
	struct strbuf path = STRBUF_INIT;
	size_t i;
	int err = 0, deleting = 0;

	for (i = 0; !err && i < tx->nr; i++) {
		err = tx_lock_one(tx, tx->items[i]);
		deleting |= is_delete(tx->items[i]);
	}
	for (i = 0; !err && tx->check && i < tx->nr; i++) {
		struct tx_update *u = tx->items[i];

		if (!u->parent && u->has_new && !u->symref && !is_delete(u) &&
		    tx->check(&u->new_oid, u->target, tx->check_payload) < 0)
			err = lock_failed_as(UG_EINVALID, "update", u->target);
	}
	/* a deletion may have to rewrite packed-refs: hold it from now on */
	if (!err && deleting) {
		repo_git_path(&path, tx->repo, "packed-refs");
		err = lock_patiently(&tx->packed_lock, path.buf, PACKED_LOCK_TIMEOUT_MS);
	}
	strbuf_release(&path);
	return err;
}

/* ---- writing: the changes ---- */

static int deleted_by(const struct refs_transaction *tx, const char *name)
{
	size_t i;

	for (i = 0; i < tx->nr; i++)
		if (!tx->items[i]->parent && is_delete(tx->items[i]) &&
		    !strcmp(tx->items[i]->target, name))
			return 1;
	return 0;
}

/*
 * packed-refs without the deleted refs: every other line - the header,
 * the other refs and their "^" peeled lines - is kept as it was, so the
 * file stays sorted and its peeled values stay right.
 */
static int filter_packed(struct strbuf *out, const struct refs_transaction *tx,
			 const struct strbuf *in)
{
	const char *line = in->buf, *end = in->buf + in->len, *nl;
	int removed = 0, skip_peeled = 0;

	for (; line < end; line = nl) {
		nl = memchr(line, '\n', (size_t)(end - line));
		nl = nl ? nl + 1 : end;
		if (*line == '^' && skip_peeled)
			continue;
		skip_peeled = 0;
		if (*line != '#' && *line != '^' && nl - line > UG_OID_HEXSZ + 1) {
			size_t n = (size_t)(nl - line) - UG_OID_HEXSZ - 1;
			char *name = xmemdupz(line + UG_OID_HEXSZ + 1,
					      n - (nl[-1] == '\n'));

			skip_peeled = deleted_by(tx, name);
			free(name);
			if (skip_peeled) {
				removed = 1;
				continue;
			}
		}
		strbuf_add(out, line, (size_t)(nl - line));
	}
	return removed;
}

/* Rewrite packed-refs (its lock is held) if it holds a deleted ref. */
static int packed_rewrite(struct refs_transaction *tx)
{
	struct strbuf path = STRBUF_INIT, in = STRBUF_INIT, out = STRBUF_INIT;
	int err;

	repo_git_path(&path, tx->repo, "packed-refs");
	err = fs_read_file(&in, path.buf);
	if (err == UG_ENOTFOUND) {
		ug_error_clear();
		err = 0;
	} else if (!err && filter_packed(&out, tx, &in)) {
		packed_invalidate(tx->repo);
		err = lockfile_write(&tx->packed_lock, out.buf, out.len);
		if (!err)
			err = lockfile_commit(&tx->packed_lock);
	}
	lockfile_rollback(&tx->packed_lock);
	strbuf_release(&path);
	strbuf_release(&in);
	strbuf_release(&out);
	return err;
}

/* Does `u` change the file it locked? (git leaves an unchanged ref alone.) */
static int changes_ref(const struct tx_update *u)
{
	if (u->parent || !u->has_new || is_delete(u))
		return 0;
	return u->symref || !u->cur_direct || oid_cmp(&u->cur, &u->new_oid);
}

/* The reflog entry `u` writes, if any. */
static int tx_log_one(struct refs_transaction *tx, struct tx_update *u)
{
	const struct tx_update *src = u->parent ? u->parent : u;
	struct oid new_oid;
	unsigned flags;

	if (!src->ident || !src->has_new || (!u->parent && !changes_ref(u)))
		return 0;
	new_oid = src->new_oid;
	if (u->symref) {
		/* git logs a symref change only when its target exists */
		if (resolve(&new_oid, NULL, &flags, tx->repo,
				       &(const struct packed_refs *){ NULL }, u->symref) < 0) {
			ug_error_clear();
			return 0;
		}
	}
	return reflog_append(tx->repo, u->parent ? u->name : u->target, u->flags,
			     &src->cur, &new_oid, src->ident, src->msg);
}

static int tx_write_ref(struct tx_update *u)
{
	struct strbuf content = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int err;

	if (u->symref)
		strbuf_addf(&content, "ref: %s\n", u->symref);
	else
		strbuf_addf(&content, "%s\n", oid_to_hex(hex, &u->new_oid));
	err = lockfile_write(&u->lock, content.buf, content.len);
	if (!err)
		err = lockfile_commit(&u->lock);
	strbuf_release(&content);
	return err;
}

/* Remove a file that may not exist. */
static int unlink_missing_ok(const char *path)
{
	if (unlink(path) < 0 && errno != ENOENT)
		return ug_error_errno("unable to remove '%s'", path);
	return 0;
}

/* A deletion, once packed-refs is done: the loose file, the lock, the reflog. */
static int tx_delete_one(struct refs_transaction *tx, struct tx_update *u)
{
	struct strbuf path = STRBUF_INIT, log = STRBUF_INIT;
	int err;

	repo_git_path(&path, tx->repo, u->target);
	err = unlink_missing_ok(path.buf);
	lockfile_rollback(&u->lock);
	strbuf_addf(&log, "logs/%s", u->target);
	strbuf_reset(&path);
	repo_git_path(&path, tx->repo, log.buf);
	if (!err)
		err = unlink_missing_ok(path.buf);
	prune_empty_parents(tx->repo, u->target);
	prune_empty_parents(tx->repo, log.buf);
	strbuf_release(&path);
	strbuf_release(&log);
	return err;
}

/*
 * Everything is locked and checked: packed-refs first (a deleted ref
 * that was only packed is gone at once), then the reflogs (written under
 * the ref's lock, as git does), then the refs themselves.
 */
static int tx_write(struct refs_transaction *tx)
{
	size_t i;
	int err = 0;

	if (tx->packed_lock.path)
		err = packed_rewrite(tx);
	for (i = 0; !err && i < tx->nr; i++)
		err = tx_log_one(tx, tx->items[i]);
	for (i = 0; !err && i < tx->nr; i++) {
		struct tx_update *u = tx->items[i];

		if (changes_ref(u))
			err = tx_write_ref(u);
		else if (!u->parent && is_delete(u))
			err = tx_delete_one(tx, u);
	}
	return err;
}

/* Give back every lock still held; directories made for new refs go too. */
static void tx_rollback(struct refs_transaction *tx)
{
	size_t i;

	for (i = 0; i < tx->nr; i++) {
		struct tx_update *u = tx->items[i];

		if (!u->lock.path)
			continue;
		lockfile_rollback(&u->lock);
		if (!u->parent && !u->cur_exists)
			prune_empty_parents(tx->repo, u->target);
	}
	lockfile_rollback(&tx->packed_lock);
}

int refs_transaction_commit(struct refs_transaction *tx)
{
	int err;

	if (tx->committed)
		BUG("refs transaction committed twice");
	tx->committed = 1;
	err = tx_expand(tx);
	if (!err)
		err = tx_lock_all(tx);
	if (!err)
		err = tx_write(tx);
	tx_rollback(tx);
	return err;
}

void refs_transaction_free(struct refs_transaction *tx)
{
	size_t i;

	if (!tx)
		return;
	tx_rollback(tx);
	for (i = 0; i < tx->nr; i++) {
		struct tx_update *u = tx->items[i];

		free(u->name);
		free(u->target);
		free(u->ident);
		free(u->msg);
		free(u->symref);
		free(u);
	}
	free(tx->items);
	free(tx);
}

/* ---- writing: one ref at a time ---- */

int refs_update(struct repo *repo, const char *name, const struct oid *new_oid,
		const struct oid *old_oid, unsigned flags,
		const struct refs_log *log)
{
	struct refs_transaction *tx = refs_transaction_begin(repo);
	int err = refs_transaction_update(tx, name, new_oid, old_oid, flags, log);

	if (!err)
		err = refs_transaction_commit(tx);
	refs_transaction_free(tx);
	return err;
}

int refs_delete(struct repo *repo, const char *name, const struct oid *old_oid,
		unsigned flags, const struct refs_log *log)
{
	struct oid null_oid;

	oid_clear(&null_oid);
	return refs_update(repo, name, &null_oid, old_oid, flags, log);
}

int refs_update_symbolic(struct repo *repo, const char *name,
			 const char *target, const struct refs_log *log)
{
	struct refs_transaction *tx;
	struct tx_update *u;
	struct oid any;
	int err;

	if (!refname_is_valid(target, REFNAME_ALLOW_ONELEVEL) || !refs_name_is_safe(target))
		return ug_error(UG_EINVALID, "refusing to point '%s' at invalid ref '%s'",
				name, target);
	oid_clear(&any);
	any.hash[0] = 1;	/* queued as an update; the value is never written */
	tx = refs_transaction_begin(repo);
	err = refs_transaction_update(tx, name, &any, NULL, REFS_UPDATE_NO_DEREF, log);
	if (!err) {
		u = tx->items[0];
		u->symref = xstrdup(target);
		err = refs_transaction_commit(tx);
	}
	refs_transaction_free(tx);
	return err;
}

/* ---- short names ---- */

/* The rules of revparse's lookup, in git's order; shortening runs them backwards. */
static const char *const short_rules[][2] = {
	{ "", "" }, { "refs/", "" }, { "refs/tags/", "" }, { "refs/heads/", "" },
	{ "refs/remotes/", "" }, { "refs/remotes/", "/HEAD" },
};

/* Would `rule` applied to `short_name` name an existing ref? */
static int rule_hits(struct repo *repo, size_t rule, const char *short_name)
{
	struct strbuf full = STRBUF_INIT;
	struct oid oid;
	int hit;

	strbuf_addf(&full, "%s%s%s", short_rules[rule][0], short_name, short_rules[rule][1]);
	hit = refs_resolve(&oid, repo, full.buf) == 0;
	ug_error_clear();
	strbuf_release(&full);
	return hit;
}

void refs_shorten(struct strbuf *out, struct repo *repo, const char *name)
{
	size_t i = sizeof(short_rules) / sizeof(*short_rules), j;

	while (--i > 0) {
		const char *rest, *suffix = short_rules[i][1];
		size_t n;
		char *short_name;

		if (!skip_prefix(name, short_rules[i][0], &rest))
			continue;
		n = strlen(rest);
		if (n <= strlen(suffix) || strcmp(rest + n - strlen(suffix), suffix))
			continue;
		short_name = xmemdupz(rest, n - strlen(suffix));
		/* unambiguous: no rule tried before this one finds a ref */
		for (j = 0; j < i && !rule_hits(repo, j, short_name); j++)
			;
		if (j == i) {
			strbuf_addstr(out, short_name);
			free(short_name);
			return;
		}
		free(short_name);
	}
	strbuf_addstr(out, name);
}

/* ---- renaming ---- */

/* rename() that makes the target's directory; a missing `from` is fine. */
static int move_file(struct repo *repo, const char *from_rel, const char *to_rel)
{
	struct strbuf from = STRBUF_INIT, to = STRBUF_INIT;
	char *slash;
	int err = 0;

	repo_git_path(&from, repo, from_rel);
	repo_git_path(&to, repo, to_rel);
	slash = strrchr(to.buf, '/');
	*slash = '\0';
	err = fs_mkdir_p(to.buf, 0777);
	*slash = '/';
	if (!err && rename(from.buf, to.buf) < 0 && errno != ENOENT)
		err = ug_error_errno("unable to move logfile %s to %s", from_rel, to_rel);
	strbuf_release(&from);
	strbuf_release(&to);
	return err;
}

/* The value of `name` if it is a direct ref (loose or packed). */
static int rename_source(struct oid *out, struct repo *repo, const char *name)
{
	struct raw_ref raw = { RAW_MISSING, { { 0 } }, STRBUF_INIT, 0 };
	const struct packed_refs *packed = NULL;
	int err = read_raw(&raw, repo, &packed, name);

	if (!err && raw.kind == RAW_MISSING)
		err = ug_error(UG_ENOTFOUND, "refname %s not found", name);
	else if (!err && raw.kind == RAW_SYMREF)
		err = ug_error(UG_EINVALID, "refname %s is a symbolic ref, renaming it is not supported",
			       name);
	else if (!err && raw.kind == RAW_BROKEN)
		err = ug_error(UG_ECORRUPT, "broken ref %s", name);
	*out = raw.oid;
	strbuf_release(&raw.target);
	return err;
}

int refs_rename(struct repo *repo, const char *old_name, const char *new_name,
		const struct refs_log *log)
{
	static const char tmp_log[] = "logs/refs/.tmp-renamed-log";
	struct strbuf old_log = STRBUF_INIT, new_log = STRBUF_INIT;
	struct oid oid, null_oid, check;
	int err;

	oid_clear(&null_oid);
	if (!refname_is_valid(old_name, 0) || !refname_is_valid(new_name, 0) ||
	    !refs_name_is_safe(old_name) || !refs_name_is_safe(new_name))
		return ug_error(UG_EINVALID, "cannot rename '%s' to '%s': bad name",
				old_name, new_name);
	err = rename_source(&oid, repo, old_name);
	if (!err && !refs_resolve(&check, repo, new_name))
		err = ug_error(UG_EEXISTS, "cannot lock ref '%s': reference already exists", new_name);
	if (err)
		return err;
	ug_error_clear();
	strbuf_addf(&old_log, "logs/%s", old_name);
	strbuf_addf(&new_log, "logs/%s", new_name);
	/* the reflog travels with the ref; it is out of the way meanwhile */
	err = move_file(repo, old_log.buf, tmp_log);
	if (!err)
		err = refs_delete(repo, old_name, &oid, REFS_UPDATE_NO_DEREF, log);
	if (!err)
		err = move_file(repo, tmp_log, new_log.buf);
	if (!err) {
		err = refs_update(repo, new_name, &oid, &null_oid, REFS_UPDATE_NO_DEREF, NULL);
		if (err)	/* put the old ref back, as git tries to */
			refs_update(repo, old_name, &oid, &null_oid, REFS_UPDATE_NO_DEREF, NULL);
	}
	/* git logs the rename as "<id> <id>" in the moved reflog */
	if (!err && log && log->ident)
		err = reflog_append(repo, new_name, 0, &oid, &oid, log->ident, log->message);
	else if (err)
		move_file(repo, tmp_log, old_log.buf);
	strbuf_release(&old_log);
	strbuf_release(&new_log);
	return err;
}
