/* index: .git/index in git's DIRC format (versions 2-4), entries, racy-git. */
#include "ugit/index.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/fsck.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/repo.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

#define HEADER_SIZE 12
#define TRAILER_SIZE UG_OID_RAWSZ
/* ctime, mtime (sec + nsec each), dev, ino, mode, uid, gid, size, id, flags */
#define ENTRY_FIXED (10 * 4 + UG_OID_RAWSZ + 2)
#define NAME_MASK 0x0fffu
#define FLAG_EXTENDED 0x4000u
/* The extended flags git 2.39 defines; any other bit is an unknown format. */
#define EXT_SKIP_WORKTREE 0x4000u
#define EXT_INTENT_TO_ADD 0x2000u

/* ---- big-endian helpers ---- */

static uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static unsigned get_be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void put_be32(struct strbuf *sb, uint32_t v)
{
	unsigned char b[4] = { v >> 24, v >> 16, v >> 8, v };

	strbuf_add(sb, b, 4);
}

static void put_be16(struct strbuf *sb, unsigned v)
{
	unsigned char b[2] = { v >> 8, v };

	strbuf_add(sb, b, 2);
}

/* ---- entries ---- */

struct index_entry *index_entry_new(const char *name, size_t len,
				    unsigned mode, const struct oid *oid,
				    int stage)
{
	struct index_entry *ce = xcalloc(1, sizeof(*ce) + len + 1);

	memcpy(ce->name, name, len);
	ce->namelen = len;
	ce->mode = mode;
	if (oid)
		ce->oid = *oid;
	ce->flags = ((unsigned)stage << INDEX_STAGE_SHIFT) & INDEX_STAGE_MASK;
	return ce;
}

unsigned index_mode_from_stat(mode_t st_mode)
{
	if (S_ISLNK(st_mode))
		return TREE_MODE_SYMLINK;
	if (S_ISDIR(st_mode))
		return TREE_MODE_GITLINK;
	/* git records only whether the owner may execute the file */
	return (st_mode & S_IXUSR) ? TREE_MODE_EXEC : TREE_MODE_FILE;
}

void index_entry_fill_stat(struct index_entry *ce, const struct stat *st)
{
	/* git stores 32 bits of each; larger values wrap, as in git */
	ce->st.ctime_sec = (uint32_t)st->st_ctim.tv_sec;
	ce->st.ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
	ce->st.mtime_sec = (uint32_t)st->st_mtim.tv_sec;
	ce->st.mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
	ce->st.dev = (uint32_t)st->st_dev;
	ce->st.ino = (uint32_t)st->st_ino;
	ce->st.uid = (uint32_t)st->st_uid;
	ce->st.gid = (uint32_t)st->st_gid;
	ce->st.size = (uint32_t)st->st_size;
	ce->mode = index_mode_from_stat(st->st_mode);
}

/* git's order: path bytes (a prefix sorts first), then stage. */
static int entry_cmp(const char *a, size_t alen, int astage,
		     const char *b, size_t blen, int bstage)
{
	size_t n = alen < blen ? alen : blen;
	int c = memcmp(a, b, n);

	if (c)
		return c;
	if (alen != blen)
		return alen < blen ? -1 : 1;
	return astage - bstage;
}

int index_find(const struct index *idx, const char *name, size_t len, int stage)
{
	size_t lo = 0, hi = idx->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct index_entry *ce = idx->entries[mid];
		int c = entry_cmp(name, len, stage, ce->name, ce->namelen,
				  index_entry_stage(ce));

		if (!c)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1 - (int)lo;
}

struct index_entry *index_get(const struct index *idx, const char *name, int stage)
{
	int pos = index_find(idx, name, strlen(name), stage);

	return pos < 0 ? NULL : idx->entries[pos];
}

/*
 * Anything that changes which blob a path names makes the cached trees
 * (the TREE extension) stale.  Rather than fix them path by path, ugit
 * forgets them and write-tree computes them again (it is fast).
 */
static void invalidate_trees(struct index *idx)
{
	idx->tree_ext_valid = 0;
}

void index_remove_at(struct index *idx, size_t pos)
{
	free(idx->entries[pos]);
	memmove(idx->entries + pos, idx->entries + pos + 1,
		(idx->nr - pos - 1) * sizeof(*idx->entries));
	idx->nr--;
	invalidate_trees(idx);
}

size_t index_remove(struct index *idx, const char *name)
{
	size_t len = strlen(name), n = 0;
	int pos = index_find(idx, name, len, 0);

	if (pos < 0)
		pos = -1 - pos;
	while ((size_t)pos < idx->nr && idx->entries[pos]->namelen == len &&
	       !memcmp(idx->entries[pos]->name, name, len)) {
		index_remove_at(idx, pos);
		n++;
	}
	return n;
}

/* First position whose name starts with "<dir>/" (or where it would go). */
static size_t dir_start(const struct index *idx, const char *dir, size_t len)
{
	struct strbuf key = STRBUF_INIT;
	int pos;

	strbuf_add(&key, dir, len);
	strbuf_addch(&key, '/');
	pos = index_find(idx, key.buf, key.len, 0);
	strbuf_release(&key);
	return pos < 0 ? (size_t)(-1 - pos) : (size_t)pos;
}

static int in_dir(const struct index_entry *ce, const char *dir, size_t len)
{
	return ce->namelen > len && ce->name[len] == '/' &&
	       !memcmp(ce->name, dir, len);
}

size_t index_remove_dir(struct index *idx, const char *dir)
{
	size_t len = strlen(dir), start = dir_start(idx, dir, len), end = start;
	size_t i;

	while (end < idx->nr && in_dir(idx->entries[end], dir, len))
		end++;
	if (end == start)
		return 0;
	for (i = start; i < end; i++)
		free(idx->entries[i]);
	memmove(idx->entries + start, idx->entries + end,
		(idx->nr - end) * sizeof(*idx->entries));
	idx->nr -= end - start;
	invalidate_trees(idx);
	return end - start;
}

void index_clear(struct index *idx)
{
	size_t i;

	for (i = 0; i < idx->nr; i++)
		free(idx->entries[i]);
	idx->nr = 0;
	invalidate_trees(idx);
}

/* ---- path rules (git's verify_path) ---- */

static int component_is_valid(const char *c, size_t n, int last, unsigned mode)
{
	if (!n)
		return 0;
	if (c[0] != '.')
		goto ntfs;
	if (n == 1 || (n == 2 && c[1] == '.'))
		return 0;
ntfs:
	/*
	 * ".git" in any case, and what NTFS would take for it (".git.",
	 * "git~1"), on every platform: git protects NTFS by default.
	 */
	if (fsck_is_ntfs_dotfile(c, FSCK_DOTGIT))
		return 0;
	/* a symlink called .gitmodules could redirect submodule config */
	if (last && S_ISLNK(mode) &&
	    (fsck_is_ntfs_dotfile(c, FSCK_DOTGITMODULES) ||
	     (n == 11 && !strncasecmp(c, ".gitmodules", 11))))
		return 0;
	return 1;
}

int index_path_is_valid(const char *path, unsigned mode)
{
	const char *p = path;

	for (;;) {
		size_t n = strcspn(p, "/");
		int last = !p[n];

		if (!component_is_valid(p, n, last, mode))
			return 0;
		if (last)
			return 1;
		p += n + 1;
	}
}

/* ---- adding ---- */

/*
 * A file "a" and a file "a/b" cannot both be tracked.  Does `ce` clash
 * with a file that is one of its leading directories, or with entries
 * under a directory of its own name?  Remove them if `replace`.
 */
static int check_file_dir(struct index *idx, const struct index_entry *ce,
			  int replace)
{
	const char *slash;
	size_t start;

	for (slash = strchr(ce->name, '/'); slash; slash = strchr(slash + 1, '/')) {
		size_t len = slash - ce->name;
		int pos = index_find(idx, ce->name, len, 0);

		if (pos < 0)
			pos = -1 - pos;
		while ((size_t)pos < idx->nr && idx->entries[pos]->namelen == len &&
		       !memcmp(idx->entries[pos]->name, ce->name, len)) {
			if (!replace)
				goto clash;
			index_remove_at(idx, pos);
		}
	}
	start = dir_start(idx, ce->name, ce->namelen);
	if (start < idx->nr && in_dir(idx->entries[start], ce->name, ce->namelen)) {
		if (!replace)
			goto clash;
		index_remove_dir(idx, ce->name);
	}
	return 0;
clash:
	return ug_error(UG_EEXISTS, "'%s' appears as both a file and as a directory",
			ce->name);
}

/* Insert `ce` at `pos`, growing the array. */
static void insert_at(struct index *idx, size_t pos, struct index_entry *ce)
{
	ALLOC_GROW(idx->entries, idx->nr + 1, idx->alloc);
	memmove(idx->entries + pos + 1, idx->entries + pos,
		(idx->nr - pos) * sizeof(*idx->entries));
	idx->entries[pos] = ce;
	idx->nr++;
}

/* Replace the entry at `pos` with `ce`; the trees stay valid if only stat data changed. */
static void replace_at(struct index *idx, size_t pos, struct index_entry *ce)
{
	struct index_entry *old = idx->entries[pos];

	if (old->mode != ce->mode || !oid_eq(&old->oid, &ce->oid))
		invalidate_trees(idx);
	free(old);
	idx->entries[pos] = ce;
}

int index_add(struct index *idx, struct index_entry *ce, unsigned flags)
{
	int stage = index_entry_stage(ce), pos, err;

	if (!(flags & INDEX_ADD_NO_CHECK) && !index_path_is_valid(ce->name, ce->mode)) {
		err = ug_error(UG_EINVALID, "invalid path '%s'", ce->name);
		goto fail;
	}
	pos = index_find(idx, ce->name, ce->namelen, stage);
	if (pos >= 0) {
		replace_at(idx, pos, ce);
		return 0;
	}
	if (!stage)	/* resolving a conflict drops stages 1-3 */
		index_remove(idx, ce->name);
	else if (index_get(idx, ce->name, 0))
		index_remove(idx, ce->name);
	err = check_file_dir(idx, ce, flags & INDEX_ADD_REPLACE);
	if (err)
		goto fail;
	/* entries usually arrive in order: then this appends, moving nothing */
	pos = index_find(idx, ce->name, ce->namelen, stage);
	insert_at(idx, -1 - pos, ce);
	invalidate_trees(idx);
	return 0;
fail:
	free(ce);
	return err;
}

int index_has_unmerged(const struct index *idx)
{
	size_t i;

	for (i = 0; i < idx->nr; i++)
		if (index_entry_stage(idx->entries[i]))
			return 1;
	return 0;
}

/* ---- reading ---- */

/*
 * Version 4 shares path prefixes: each name starts with a number N, "drop
 * the last N bytes of the previous name", then the rest NUL-terminated.
 * N is git's offset varint: 7 bits a byte, high bit = more, and each
 * continuation adds one so that every value has a single encoding.
 */
static int decode_varint(uint64_t *out, const unsigned char **p,
			 const unsigned char *end)
{
	uint64_t v;
	unsigned c;

	if (*p >= end)
		return -1;
	c = *(*p)++;
	v = c & 127;
	while (c & 128) {
		if (*p >= end || v > (UINT64_MAX >> 8))
			return -1;
		c = *(*p)++;
		v = ((v + 1) << 7) | (c & 127);
	}
	*out = v;
	return 0;
}

static void encode_varint(struct strbuf *sb, uint64_t v)
{
	unsigned char buf[16];
	size_t pos = sizeof(buf) - 1;

	buf[pos] = v & 127;
	while (v >>= 7)
		buf[--pos] = 128 | (--v & 127);
	strbuf_add(sb, buf + pos, sizeof(buf) - pos);
}

struct reader {
	const unsigned char *p, *end;	/* entries and extensions, not the trailer */
	unsigned version;
	struct strbuf prev;		/* the previous name, for v4 and messages */
};

static int malformed(struct reader *r)
{
	return ug_error(UG_ECORRUPT,
			"malformed name field in the index, near path '%s'",
			r->prev.buf);
}

/* The name of the entry whose fixed part ends at r->p; sets *name_len. */
static int read_name(struct reader *r, size_t namelen, struct strbuf *name)
{
	const unsigned char *nul;

	strbuf_reset(name);
	if (r->version == 4) {
		uint64_t strip;

		if (decode_varint(&strip, &r->p, r->end) || strip > r->prev.len)
			return malformed(r);
		strbuf_add(name, r->prev.buf, r->prev.len - strip);
	}
	nul = memchr(r->p, '\0', r->end - r->p);
	if (!nul)
		return malformed(r);
	strbuf_add(name, r->p, nul - r->p);
	r->p = nul + 1;
	/* the length field must agree unless the name is too long for it */
	if (namelen != NAME_MASK ? name->len != namelen : name->len < NAME_MASK)
		return malformed(r);
	return 0;
}

static int read_entry(struct reader *r, struct index_entry **out,
		      struct strbuf *name)
{
	const unsigned char *start = r->p, *q = r->p;
	struct index_entry tmp;
	unsigned flags, ext = 0;
	int err;

	if ((size_t)(r->end - q) < ENTRY_FIXED)
		return ug_error(UG_ECORRUPT, "index file smaller than expected");
	memset(&tmp, 0, sizeof(tmp));
	tmp.st.ctime_sec = get_be32(q);
	tmp.st.ctime_nsec = get_be32(q + 4);
	tmp.st.mtime_sec = get_be32(q + 8);
	tmp.st.mtime_nsec = get_be32(q + 12);
	tmp.st.dev = get_be32(q + 16);
	tmp.st.ino = get_be32(q + 20);
	tmp.mode = get_be32(q + 24);
	tmp.st.uid = get_be32(q + 28);
	tmp.st.gid = get_be32(q + 32);
	tmp.st.size = get_be32(q + 36);
	memcpy(tmp.oid.hash, q + 40, UG_OID_RAWSZ);
	flags = get_be16(q + 60);
	r->p = q + ENTRY_FIXED;
	if (flags & FLAG_EXTENDED) {
		if (r->version < 3 || r->end - r->p < 2)
			return ug_error(UG_ECORRUPT, "unknown index entry format 0x%08x",
					flags << 16);
		ext = get_be16(r->p);
		r->p += 2;
		if (ext & ~(EXT_SKIP_WORKTREE | EXT_INTENT_TO_ADD))
			return ug_error(UG_ECORRUPT, "unknown index entry format 0x%08x",
					(flags << 16) | ext);
	}
	err = read_name(r, flags & NAME_MASK, name);
	if (err)
		return err;
	if (r->version != 4) {
		/* v2/v3 pad each entry with 1-8 NULs to a multiple of 8 bytes */
		size_t size = ((r->p - 1 - start) + 8) & ~(size_t)7;

		if ((size_t)(r->end - start) < size)
			return ug_error(UG_ECORRUPT, "index file smaller than expected");
		r->p = start + size;
	}
	*out = index_entry_new(name->buf, name->len, tmp.mode, &tmp.oid, 0);
	(*out)->st = tmp.st;
	(*out)->flags = flags & (INDEX_ASSUME_VALID | INDEX_STAGE_MASK);
	if (ext & EXT_SKIP_WORKTREE)
		(*out)->flags |= INDEX_SKIP_WORKTREE;
	if (ext & EXT_INTENT_TO_ADD)
		(*out)->flags |= INDEX_INTENT_TO_ADD;
	return 0;
}

/* Entries must be sorted and a path merged (stage 0) or conflicted, never both. */
static int check_order(const struct index_entry *a, const struct index_entry *b)
{
	int c = entry_cmp(a->name, a->namelen, 0, b->name, b->namelen, 0);

	if (c > 0)
		return ug_error(UG_ECORRUPT, "unordered stage entries in index");
	if (!c) {
		if (!index_entry_stage(a) || !index_entry_stage(b))
			return ug_error(UG_ECORRUPT,
					"multiple stage entries for merged file '%s'",
					b->name);
		if (index_entry_stage(a) >= index_entry_stage(b))
			return ug_error(UG_ECORRUPT,
					"unordered stage entries for '%s'", b->name);
	}
	return 0;
}

static int check_entry(const struct index_entry *ce)
{
	unsigned m = ce->mode;

	if (m != TREE_MODE_FILE && m != TREE_MODE_EXEC && m != TREE_MODE_SYMLINK &&
	    m != TREE_MODE_GITLINK && m != 0100664)
		return ug_error(UG_ECORRUPT, "index entry '%s' has bad mode %o",
				ce->name, m);
	if (!index_path_is_valid(ce->name, m))
		return ug_error(UG_ECORRUPT, "invalid path '%s'", ce->name);
	return 0;
}

/*
 * Extensions: "<4-byte signature><32-bit size><data>".  An upper-case
 * first letter marks one a reader may skip; any other is required, and
 * an index with a required extension we do not know cannot be used.
 */
/*
 * One cache-tree node at *p: "<name>\0<entries> <subtrees>\n" and, unless
 * <entries> is -1 (invalid), the tree's id; then its subtrees.  Returns 0
 * and advances *p, or -1 if malformed.  `fn` may be NULL (checking only).
 */
static int walk_cache_node(const char **p, const char *end, struct strbuf *path,
			   index_tree_fn fn, void *payload, int depth)
{
	const char *name = *p, *nul = memchr(name, '\0', end - name);
	long entries, subtrees, i;
	size_t base = path->len;
	char *q;

	if (!nul || depth > 4096)
		return -1;
	entries = strtol(nul + 1, &q, 10);
	if (q == nul + 1 || *q != ' ' || entries < -1)
		return -1;
	subtrees = strtol(q + 1, &q, 10);
	if (q >= end || *q != '\n' || subtrees < 0 || subtrees > end - q)
		return -1;
	*p = q + 1;
	if (path->len)
		strbuf_addch(path, '/');
	strbuf_add(path, name, nul - name);
	if (entries >= 0) {
		struct oid oid;

		if (end - *p < UG_OID_RAWSZ)
			return -1;
		memcpy(oid.hash, *p, UG_OID_RAWSZ);
		*p += UG_OID_RAWSZ;
		if (fn)
			fn(&oid, path->buf, payload);
	}
	for (i = 0; i < subtrees; i++)
		if (walk_cache_node(p, end, path, fn, payload, depth + 1))
			return -1;
	strbuf_setlen(path, base);
	return 0;
}

static int walk_cache_tree(const struct strbuf *ext, index_tree_fn fn, void *payload)
{
	struct strbuf path = STRBUF_INIT;
	const char *p = ext->buf, *end = ext->buf + ext->len;
	int err = ext->len ? walk_cache_node(&p, end, &path, fn, payload, 0) : 0;

	strbuf_release(&path);
	return err || p != end ? -1 : 0;
}

void index_for_each_cached_tree(const struct index *idx, index_tree_fn fn,
				void *payload)
{
	if (idx->tree_ext_valid)
		walk_cache_tree(&idx->tree_ext, fn, payload);
}

static int read_extensions(struct index *idx, struct reader *r)
{
	while (r->p < r->end) {
		const unsigned char *sig = r->p;
		uint32_t size;

		if (r->end - r->p < 8)
			return ug_error(UG_ECORRUPT, "index file smaller than expected");
		size = get_be32(r->p + 4);
		r->p += 8;
		if ((size_t)(r->end - r->p) < size)
			return ug_error(UG_ECORRUPT, "index file smaller than expected");
		if (sig[0] < 'A' || sig[0] > 'Z')
			return ug_error(UG_ECORRUPT,
					"index uses %.4s extension, which we do not understand",
					(const char *)sig);
		if (!memcmp(sig, "TREE", 4)) {
			strbuf_reset(&idx->tree_ext);
			strbuf_add(&idx->tree_ext, r->p, size);
			/* a damaged cache-tree is only a cache: forget it */
			idx->tree_ext_valid = !walk_cache_tree(&idx->tree_ext, NULL, NULL);
		} else if (!memcmp(sig, "REUC", 4)) {
			/* resolve-undo stays true whatever happens to the entries */
			strbuf_add(&idx->extensions, sig, 8 + (size_t)size);
		}
		/*
		 * Others are dropped: the untracked cache (UNTR), fsmonitor
		 * (FSMN) and the offset tables (EOIE, IEOT) describe a state or
		 * a layout that our rewrite would make stale.
		 */
		r->p += size;
	}
	return 0;
}

static int read_entries(struct index *idx, struct reader *r, uint32_t nr)
{
	struct strbuf name = STRBUF_INIT;
	uint32_t i;
	int err = 0;

	/* every entry takes at least ENTRY_FIXED + 1 bytes: bound the allocation */
	if (nr > (size_t)(r->end - r->p) / (ENTRY_FIXED + 1))
		return ug_error(UG_ECORRUPT, "index file smaller than expected");
	ALLOC_GROW(idx->entries, nr, idx->alloc);
	for (i = 0; i < nr; i++) {
		struct index_entry *ce = NULL;

		err = read_entry(r, &ce, &name);
		if (err)
			break;
		idx->entries[idx->nr++] = ce;
		err = check_entry(ce);
		if (!err && i)
			err = check_order(idx->entries[i - 1], ce);
		if (err)
			break;
		strbuf_reset(&r->prev);
		strbuf_addbuf(&r->prev, &name);
	}
	strbuf_release(&name);
	return err;
}

int index_parse(struct index *idx, const void *buf, size_t len)
{
	const unsigned char *b = buf;
	struct reader r = { NULL, NULL, 0, STRBUF_INIT };
	struct oid sum, want;
	uint32_t sig;
	int err;

	if (len < HEADER_SIZE + TRAILER_SIZE)
		return ug_error(UG_ECORRUPT, "index file smaller than expected");
	sig = get_be32(b);
	if (sig != 0x44495243) {	/* "DIRC" */
		/* git prints the four bytes as a little-endian machine reads them */
		sig = (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
		      (uint32_t)b[1] << 8 | b[0];
		return ug_error(UG_ECORRUPT, "bad signature 0x%08x", sig);
	}
	r.version = get_be32(b + 4);
	if (r.version < 2 || r.version > 4)
		return ug_error(UG_ECORRUPT, "bad index version %u", r.version);
	/* a torn or damaged write shows here first: check before parsing */
	hash_buffer(&sum, b, len - TRAILER_SIZE);
	memcpy(want.hash, b + len - TRAILER_SIZE, UG_OID_RAWSZ);
	if (!oid_eq(&sum, &want))
		return ug_error(UG_ECORRUPT, "bad index file sha1 signature");
	idx->version = r.version;
	r.p = b + HEADER_SIZE;
	r.end = b + len - TRAILER_SIZE;
	err = read_entries(idx, &r, get_be32(b + 8));
	if (!err)
		err = read_extensions(idx, &r);
	strbuf_release(&r.prev);
	return err;
}

/* Read `path`; messages call it `name` (git says ".git/index"). */
static int read_index_file(struct index *idx, const char *path, const char *name,
			   const char *worktree)
{
	struct strbuf buf = STRBUF_INIT;
	struct stat st;
	int fd, err = 0;

	free(idx->path);
	idx->path = xstrdup(path);
	free(idx->worktree);
	idx->worktree = worktree ? xstrdup(worktree) : NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;	/* no index yet: nothing staged */
		return ug_error_errno("%s: index file open failed", name);
	}
	if (fstat(fd, &st) < 0) {
		err = ug_error_errno("%s: cannot stat the open index", name);
		goto done;
	}
	if (st.st_size < HEADER_SIZE + TRAILER_SIZE) {
		err = ug_error(UG_ERROR, "%s: index file smaller than expected", name);
		goto done;
	}
	err = strbuf_read_fd(&buf, fd, st.st_size);
	if (err)
		goto done;
	/* racy-git: the time this file was written is what entries are compared to */
	idx->mtime_sec = (uint32_t)st.st_mtim.tv_sec;
	idx->mtime_nsec = (uint32_t)st.st_mtim.tv_nsec;
	idx->loaded_from_file = 1;
	err = index_parse(idx, buf.buf, buf.len);
done:
	close(fd);
	strbuf_release(&buf);
	if (err)
		index_clear(idx);
	return err;
}

int index_read_file(struct index *idx, const char *path, const char *worktree)
{
	return read_index_file(idx, path, path, worktree);
}

/* The index file, and its name as git prints it. */
static void index_file_path(struct strbuf *out, struct strbuf *name,
			    struct repo *repo)
{
	const char *env = getenv("GIT_INDEX_FILE");

	if (env && *env) {
		strbuf_addstr(out, env);
		strbuf_addstr(name, env);
	} else {
		repo_git_path(out, repo, "index");
		strbuf_addf(name, "%s/index", repo->gitdir_name);
	}
}

static int load(struct index *idx, struct repo *repo, int lock)
{
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	int err = 0;

	index_file_path(&path, &name, repo);
	if (lock)
		err = lockfile_acquire(&idx->lock, path.buf);
	if (!err)
		err = read_index_file(idx, path.buf, name.buf, repo->worktree);
	if (err && lock)
		lockfile_rollback(&idx->lock);
	strbuf_release(&path);
	strbuf_release(&name);
	return err;
}

int index_load(struct index *idx, struct repo *repo)
{
	return load(idx, repo, 0);
}

int index_lock(struct index *idx, struct repo *repo)
{
	return load(idx, repo, 1);
}

/* ---- writing ---- */

static void write_entry(struct strbuf *out, const struct index_entry *ce,
			unsigned version, const struct strbuf *prev)
{
	size_t start = out->len;
	unsigned flags = ce->flags & (INDEX_ASSUME_VALID | INDEX_STAGE_MASK);
	unsigned ext = 0;

	if (ce->flags & INDEX_SKIP_WORKTREE)
		ext |= EXT_SKIP_WORKTREE;
	if (ce->flags & INDEX_INTENT_TO_ADD)
		ext |= EXT_INTENT_TO_ADD;
	if (ext)
		flags |= FLAG_EXTENDED;
	flags |= ce->namelen < NAME_MASK ? ce->namelen : NAME_MASK;
	put_be32(out, ce->st.ctime_sec);
	put_be32(out, ce->st.ctime_nsec);
	put_be32(out, ce->st.mtime_sec);
	put_be32(out, ce->st.mtime_nsec);
	put_be32(out, ce->st.dev);
	put_be32(out, ce->st.ino);
	put_be32(out, ce->mode);
	put_be32(out, ce->st.uid);
	put_be32(out, ce->st.gid);
	put_be32(out, ce->st.size);
	strbuf_add(out, ce->oid.hash, UG_OID_RAWSZ);
	put_be16(out, flags);
	if (ext)
		put_be16(out, ext);
	if (version == 4) {
		size_t common = 0;

		while (common < prev->len && common < ce->namelen &&
		       prev->buf[common] == ce->name[common])
			common++;
		encode_varint(out, prev->len - common);
		strbuf_add(out, ce->name + common, ce->namelen - common);
		strbuf_addch(out, '\0');
		return;
	}
	strbuf_add(out, ce->name, ce->namelen);
	/* 1 to 8 NULs up to a multiple of 8 bytes */
	do
		strbuf_addch(out, '\0');
	while ((out->len - start) % 8);
}

static void write_extension(struct strbuf *out, const char *sig,
			    const struct strbuf *data)
{
	strbuf_add(out, sig, 4);
	put_be32(out, (uint32_t)data->len);
	strbuf_addbuf(out, data);
}

void index_serialize(struct strbuf *out, const struct index *idx)
{
	struct strbuf prev = STRBUF_INIT;
	size_t start = out->len, i;
	unsigned version = idx->version ? idx->version : 2;
	struct oid sum;

	/* extended flags (v3) do not fit a v2 file: git then writes v3 */
	for (i = 0; version == 2 && i < idx->nr; i++)
		if (idx->entries[i]->flags & (INDEX_SKIP_WORKTREE | INDEX_INTENT_TO_ADD))
			version = 3;
	strbuf_grow(out, HEADER_SIZE + idx->nr * (ENTRY_FIXED + 40) + 1024);
	strbuf_add(out, "DIRC", 4);
	put_be32(out, version);
	put_be32(out, (uint32_t)idx->nr);
	for (i = 0; i < idx->nr; i++) {
		const struct index_entry *ce = idx->entries[i];

		write_entry(out, ce, version, &prev);
		if (version == 4) {
			strbuf_reset(&prev);
			strbuf_add(&prev, ce->name, ce->namelen);
		}
	}
	if (idx->tree_ext_valid)
		write_extension(out, "TREE", &idx->tree_ext);
	strbuf_addbuf(out, &idx->extensions);
	hash_buffer(&sum, out->buf + start, out->len - start);
	strbuf_add(out, sum.hash, UG_OID_RAWSZ);
	strbuf_release(&prev);
}

/*
 * Racy git: an entry written in the same second as the index file looks
 * clean by its stat data even if the file changed later in that second.
 * Readers handle it (index_entry_is_racy), but once we write a newer
 * index the entry would stop looking racy.  So, before writing, check
 * such entries' content, and if it no longer matches, write size 0:
 * the next reader then sees a stat mismatch and hashes the file.
 */
static void smudge_racy_entries(struct index *idx)
{
	struct strbuf path = STRBUF_INIT;
	size_t i;

	if (!idx->worktree || !idx->loaded_from_file)
		return;
	for (i = 0; i < idx->nr; i++) {
		struct index_entry *ce = idx->entries[i];
		struct stat st;

		if (index_entry_stage(ce) || ce->mode == TREE_MODE_GITLINK ||
		    !index_entry_is_racy(idx, ce))
			continue;
		strbuf_reset(&path);
		fs_path_join(&path, idx->worktree, ce->name);
		if (lstat(path.buf, &st) || !index_stat_matches(ce, &st))
			continue;
		if (index_entry_uptodate(idx, ce, &st) == 0)
			ce->st.size = 0;
	}
	strbuf_release(&path);
}

int index_commit(struct index *idx)
{
	struct strbuf buf = STRBUF_INIT;
	int err;

	if (!idx->lock.path)
		BUG("index_commit without index_lock");
	smudge_racy_entries(idx);
	index_serialize(&buf, idx);
	/* one write() of the whole file */
	err = lockfile_write(&idx->lock, buf.buf, buf.len);
	if (err) {
		err = ug_error_errno("unable to write new index file");
		lockfile_rollback(&idx->lock);
	} else {
		err = lockfile_commit(&idx->lock);
	}
	strbuf_release(&buf);
	return err;
}

void index_rollback(struct index *idx)
{
	lockfile_rollback(&idx->lock);
}

int index_write(struct index *idx, struct repo *repo)
{
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	int err;

	index_file_path(&path, &name, repo);
	err = lockfile_acquire(&idx->lock, path.buf);
	strbuf_release(&path);
	strbuf_release(&name);
	if (err)
		return err;
	return index_commit(idx);
}

void index_release(struct index *idx)
{
	index_rollback(idx);
	index_clear(idx);
	free(idx->entries);
	idx->entries = NULL;
	idx->alloc = 0;
	strbuf_release(&idx->extensions);
	strbuf_release(&idx->tree_ext);
	free(idx->path);
	free(idx->worktree);
	idx->path = idx->worktree = NULL;
}

/* ---- comparing with the work tree ---- */

int index_stat_matches(const struct index_entry *ce, const struct stat *st)
{
	const struct index_stat *s = &ce->st;

	/* dev is not compared: it is unstable on network file systems */
	return index_mode_from_stat(st->st_mode) == ce->mode &&
	       s->mtime_sec == (uint32_t)st->st_mtim.tv_sec &&
	       s->mtime_nsec == (uint32_t)st->st_mtim.tv_nsec &&
	       s->ctime_sec == (uint32_t)st->st_ctim.tv_sec &&
	       s->ctime_nsec == (uint32_t)st->st_ctim.tv_nsec &&
	       s->ino == (uint32_t)st->st_ino &&
	       s->uid == (uint32_t)st->st_uid &&
	       s->gid == (uint32_t)st->st_gid &&
	       s->size == (uint32_t)st->st_size;
}

int index_entry_is_racy(const struct index *idx, const struct index_entry *ce)
{
	/*
	 * Seconds only, as git built without USE_NSEC: a file written in the
	 * same second as the index could have changed after it was hashed.
	 */
	return idx->mtime_sec && ce->st.mtime_sec >= idx->mtime_sec;
}

/* Hash what `path` holds now as a blob: a file's bytes, a symlink's target. */
static int hash_worktree_file(struct oid *out, const char *path,
			      const struct stat *st)
{
	char hdr[64], buf[65536];
	struct hash_ctx ctx;
	size_t hdrlen, left = (size_t)st->st_size;
	int fd, err = 0;

	if (S_ISLNK(st->st_mode)) {
		struct strbuf target = STRBUF_INIT;
		ssize_t n;

		strbuf_grow(&target, left + 1);
		n = readlink(path, target.buf, left + 1);
		if (n < 0 || (size_t)n > left) {
			strbuf_release(&target);
			return ug_error_errno("readlink(\"%s\")", path);
		}
		oid_hash_object(out, "blob", target.buf, n);
		strbuf_release(&target);
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ug_error_errno("open(\"%s\")", path);
	hdrlen = object_header_format(hdr, sizeof(hdr), "blob", left);
	hash_init(&ctx);
	hash_update(&ctx, hdr, hdrlen);
	while (left) {
		ssize_t n = fs_read_all(fd, buf, left < sizeof(buf) ? left : sizeof(buf));

		if (n <= 0) {	/* it shrank while we read: certainly changed */
			err = n < 0 ? ug_error_errno("read(\"%s\")", path) : 1;
			break;
		}
		hash_update(&ctx, buf, n);
		left -= n;
	}
	close(fd);
	if (!err)
		hash_final(out, &ctx);
	return err;
}

int index_entry_uptodate(const struct index *idx, const struct index_entry *ce,
			 const struct stat *st)
{
	struct strbuf path = STRBUF_INIT;
	struct oid oid;
	int err;

	if (ce->flags & INDEX_ASSUME_VALID)
		return 1;	/* "assume unchanged": the user said not to look */
	if (index_mode_from_stat(st->st_mode) != ce->mode)
		return 0;	/* type or executable bit changed */
	if (ce->mode == TREE_MODE_GITLINK)
		return 1;	/* a submodule's own repository says more */
	if (index_stat_matches(ce, st) && !index_entry_is_racy(idx, ce))
		return 1;
	/* a different size is a different file (size 0 may be a smudge) */
	if (ce->st.size != (uint32_t)st->st_size && ce->st.size)
		return 0;
	if (!idx->worktree)
		return ug_error(UG_ERROR, "no work tree to compare '%s' with", ce->name);
	fs_path_join(&path, idx->worktree, ce->name);
	err = hash_worktree_file(&oid, path.buf, st);
	strbuf_release(&path);
	if (err)
		return err > 0 ? 0 : err;
	return oid_eq(&oid, &ce->oid);
}

int index_refresh_entry(struct index *idx, size_t pos, const struct stat *st)
{
	struct index_entry *ce = idx->entries[pos];
	int ret = index_entry_uptodate(idx, ce, st);

	if (ret == 1 && !index_stat_matches(ce, st))
		index_entry_fill_stat(ce, st);	/* same mode, so the trees stay valid */
	return ret;
}

/* Store what `path` holds now as a blob (or only hash it if `odb` is NULL). */
/* A symbolic link's blob is its target; the link may change under us. */
static int hash_link(struct oid *out, struct odb *odb, const char *path,
		     const struct stat *st)
{
	struct strbuf target = STRBUF_INIT;
	size_t size = (size_t)st->st_size + 1;
	ssize_t n;
	int err = 0;

	for (;;) {
		strbuf_grow(&target, size);
		n = readlink(path, target.buf, size);
		if (n < 0 || (size_t)n < size)
			break;
		size *= 2;	/* it grew since lstat(); read it again */
	}
	if (n < 0)
		err = ug_error_errno("readlink(\"%s\")", path);
	else if (odb)
		err = odb_write(out, odb, "blob", target.buf, (size_t)n);
	else
		oid_hash_object(out, "blob", target.buf, (size_t)n);
	strbuf_release(&target);
	return err;
}

int index_hash_path(struct oid *out, struct odb *odb, const char *path,
		    const struct stat *st)
{
	int fd, err = 0;

	if (S_ISLNK(st->st_mode))
		return hash_link(out, odb, path, st);
	if (!odb) {
		err = hash_worktree_file(out, path, st);
		if (err > 0)
			err = ug_error(UG_ERROR, "'%s' changed while being read", path);
		return err;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ug_error_errno("open(\"%s\")", path);
	err = odb_write_stream(out, odb, "blob", fd, (size_t)st->st_size);
	close(fd);
	return err;
}

int index_add_from_worktree(struct index *idx, struct odb *odb, const char *path,
			    const struct stat *st, unsigned flags)
{
	struct strbuf full = STRBUF_INIT;
	struct index_entry *ce;
	struct oid oid;
	int pos, err;

	if (S_ISDIR(st->st_mode))
		return ug_error(UG_EINVALID, "'%s' is a directory", path);
	pos = index_find(idx, path, strlen(path), 0);
	if (pos >= 0 && idx->worktree) {
		const struct index_entry *old = idx->entries[pos];
		int same_stat = index_stat_matches(old, st);

		if (same_stat && !index_entry_is_racy(idx, old))
			return 0;	/* the common case: one lstat, nothing to do */
		err = index_refresh_entry(idx, pos, st);
		if (err < 0)
			return err;
		if (err)	/* same content; new stat data to write, if any */
			return !same_stat;
	}
	if (idx->worktree)
		fs_path_join(&full, idx->worktree, path);
	else
		strbuf_addstr(&full, path);
	err = index_hash_path(&oid, (flags & INDEX_ADD_INFO_ONLY) ? NULL : odb,
				  full.buf, st);
	strbuf_release(&full);
	if (err)
		return err;
	ce = index_entry_new(path, strlen(path), 0, &oid, 0);
	index_entry_fill_stat(ce, st);
	err = index_add(idx, ce, flags);
	return err ? err : 1;
}

/* ---- trees ---- */

struct tree_writer {
	struct index *idx;
	struct odb *odb;
	int check_missing;
};

/* A directory's part of the TREE extension, kept with its name for sorting. */
struct cache_chunk {
	const char *name;
	size_t len;
	struct strbuf data;
};

/*
 * git lists a directory's subtrees in the TREE extension shortest name
 * first, then by bytes ("b" before "ab"); ugit follows so that its index
 * files are byte-for-byte git's.
 */
static int chunk_cmp(const void *va, const void *vb)
{
	const struct cache_chunk *a = va, *b = vb;

	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return memcmp(a->name, b->name, a->len);
}

/*
 * Append the node "<name>\0<entries> <subtrees>\n<id>" and then the
 * children's chunks (already complete) to `out`.
 */
static void add_cache_node(struct strbuf *out, const char *name, size_t len,
			   size_t nr_entries, const struct oid *oid,
			   struct cache_chunk *kids, size_t nr_kids)
{
	size_t i;

	if (nr_kids)	/* qsort() wants a real array even for 0 items */
		qsort(kids, nr_kids, sizeof(*kids), chunk_cmp);
	strbuf_add(out, name, len);
	strbuf_addch(out, '\0');
	strbuf_addf(out, "%zu %zu\n", nr_entries, nr_kids);
	strbuf_add(out, oid->hash, UG_OID_RAWSZ);
	for (i = 0; i < nr_kids; i++)
		strbuf_addbuf(out, &kids[i].data);
}

static int check_blob(struct tree_writer *w, const struct index_entry *ce)
{
	char hex[UG_OID_HEXSZ + 1];

	if (!w->check_missing || ce->mode == TREE_MODE_GITLINK ||
	    odb_has(w->odb, &ce->oid))
		return 0;
	return ug_error(UG_ENOTFOUND, "invalid object %06o %s for '%s'",
			ce->mode, oid_to_hex(hex, &ce->oid), ce->name);
}

/*
 * Build the tree for the directory `dir` (`dirlen` bytes, "" or ending in
 * '/') from entries [*pos, end of that directory), store it, and append
 * its cache-tree chunk to `cache`.  Index order is byte order of whole
 * paths, and all of "d/..." sort together exactly where git's tree order
 * puts the directory "d" (as if "d/"), so entries come out in tree order
 * without sorting.
 */
static int build_tree(struct oid *out, struct tree_writer *w, size_t *pos,
		      const char *dir, size_t dirlen, struct strbuf *cache)
{
	struct strbuf body = STRBUF_INIT;
	struct cache_chunk *kids = NULL;
	size_t i = *pos, start = *pos, nr_kids = 0, alloc_kids = 0, k;
	int err = 0;

	while (i < w->idx->nr && !err) {
		const struct index_entry *ce = w->idx->entries[i];
		const char *rest = ce->name + dirlen, *slash;
		struct oid oid;

		if (ce->namelen < dirlen || memcmp(ce->name, dir, dirlen))
			break;
		slash = strchr(rest, '/');
		if (slash) {
			struct cache_chunk *kid;

			ALLOC_GROW(kids, nr_kids + 1, alloc_kids);
			kid = &kids[nr_kids++];
			kid->name = rest;
			kid->len = slash - rest;
			strbuf_init(&kid->data, 0);
			err = build_tree(&oid, w, &i, ce->name, slash + 1 - ce->name,
					 &kid->data);
			strbuf_addf(&body, "40000 %.*s", (int)kid->len, rest);
		} else {
			err = check_blob(w, ce);
			oid = ce->oid;
			strbuf_addf(&body, "%o %s", ce->mode, rest);
			i++;
		}
		strbuf_addch(&body, '\0');
		strbuf_add(&body, oid.hash, UG_OID_RAWSZ);
	}
	if (!err)
		err = odb_write(out, w->odb, "tree", body.buf, body.len);
	if (!err) {
		/* the node is named by its last component only: "b/c/" -> "c" */
		size_t len = dirlen ? dirlen - 1 : 0;
		const char *name = dir + len;

		while (name > dir && name[-1] != '/')
			name--;
		len = dir + len - name;
		add_cache_node(cache, name, len, i - start, out, kids, nr_kids);
	}
	for (k = 0; k < nr_kids; k++)
		strbuf_release(&kids[k].data);
	free(kids);
	*pos = i;
	strbuf_release(&body);
	return err;
}

/*
 * If the cache-tree is valid and covers every entry, its root is the
 * answer: nothing changed since the trees were last written (every
 * change to an entry's blob or mode goes through index_add() or a
 * removal, which forget the cache-tree).
 */
static int cached_root(struct oid *out, const struct index *idx)
{
	const char *p = idx->tree_ext.buf, *nul;
	char *end;
	long entries;

	if (!idx->tree_ext_valid || !idx->tree_ext.len || *p)
		return 0;	/* the root node has the empty name */
	nul = p;
	entries = strtol(nul + 1, &end, 10);
	if (entries < 0 || (size_t)entries != idx->nr || *end != ' ')
		return 0;
	end = strchr(end, '\n');
	if (!end || (size_t)(idx->tree_ext.buf + idx->tree_ext.len - end) < 1 + UG_OID_RAWSZ)
		return 0;
	memcpy(out->hash, end + 1, UG_OID_RAWSZ);
	return 1;
}

int index_write_tree(struct oid *out, struct index *idx, struct odb *odb,
		     int check_missing)
{
	struct tree_writer w = { idx, odb, check_missing };
	struct strbuf cache = STRBUF_INIT;
	size_t pos = 0, i;
	int err;

	for (i = 0; i < idx->nr; i++) {
		const struct index_entry *ce = idx->entries[i];

		if (index_entry_stage(ce)) {
			char hex[UG_OID_HEXSZ + 1];

			return ug_error(UG_ECONFLICT, "%s: unmerged (%s)", ce->name,
					oid_to_hex(hex, &ce->oid));
		}
	}
	if (cached_root(out, idx))
		return 0;
	err = build_tree(out, &w, &pos, "", 0, &cache);
	if (!err) {
		strbuf_release(&idx->tree_ext);
		idx->tree_ext = cache;
		idx->tree_ext_valid = 1;
	} else {
		strbuf_release(&cache);
	}
	return err;
}

static int read_tree_into(struct index *idx, struct odb *odb,
			  const struct oid *tree, struct strbuf *prefix, int depth,
			  const struct index_tree_filter *f)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct tree_iter it;
	struct tree_item item;
	size_t base = prefix->len;
	char hex[UG_OID_HEXSZ + 1];
	int err, more;

	if (depth > 4096)
		return ug_error(UG_ECORRUPT, "tree %s nests too deeply",
				oid_to_hex(hex, tree));
	err = odb_read(&obj, odb, tree);
	if (!err && obj.type != OBJ_TREE)
		err = ug_error(UG_EINVALID, "object %s is not a tree",
			       oid_to_hex(hex, tree));
	if (err)
		goto done;
	tree_iter_init(&it, obj.data.buf, obj.data.len);
	while ((more = tree_iter_next(&item, &it)) > 0) {
		strbuf_setlen(prefix, base);
		strbuf_add(prefix, item.name, item.namelen);
		if (item.mode == TREE_MODE_DIR) {
			strbuf_addch(prefix, '/');
			if (!f || f->want_dir(prefix->buf, prefix->len, f->payload))
				err = read_tree_into(idx, odb, &item.oid, prefix, depth + 1, f);
		} else if (!f || f->want_file(prefix->buf, f->payload)) {
			err = index_add(idx, index_entry_new(prefix->buf, prefix->len,
							     item.mode, &item.oid, 0),
					INDEX_ADD_REPLACE | (f ? f->add_flags : 0));
		}
		if (err)
			goto done;
	}
	err = more;
done:
	strbuf_setlen(prefix, base);
	odb_object_release(&obj);
	return err;
}

int index_read_tree_filtered(struct index *idx, struct odb *odb,
			     const struct oid *tree, const struct index_tree_filter *f)
{
	struct strbuf prefix = STRBUF_INIT;
	int err = read_tree_into(idx, odb, tree, &prefix, 0, f);

	strbuf_release(&prefix);
	return err;
}

int index_read_tree(struct index *idx, struct odb *odb, const struct oid *tree)
{
	struct strbuf prefix = STRBUF_INIT;
	int err;

	index_clear(idx);
	err = read_tree_into(idx, odb, tree, &prefix, 0, NULL);
	strbuf_release(&prefix);
	if (err)
		index_clear(idx);
	return err;
}
