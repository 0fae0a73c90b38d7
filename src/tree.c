/* tree: git's binary directory listing - decode, check, sort and write it. */
#include "ugit/tree.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/error.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

/* The file-type bits of a mode, as in <sys/stat.h> (written out: git's values). */
#define MODE_TYPE_MASK 0170000u
#define MODE_REG 0100000u

static int mode_is_dir(uint32_t mode)
{
	return (mode & MODE_TYPE_MASK) == TREE_MODE_DIR;
}

unsigned tree_canon_mode(unsigned mode)
{
	switch (mode & MODE_TYPE_MASK) {
	case MODE_REG:
		/* only the owner-execute bit survives: 100664 reads as 100644 */
		return (mode & 0100) ? TREE_MODE_EXEC : TREE_MODE_FILE;
	case TREE_MODE_SYMLINK:
		return TREE_MODE_SYMLINK;
	case TREE_MODE_DIR:
		return TREE_MODE_DIR;
	default:
		/* git reads anything else as a submodule (gitlink) */
		return TREE_MODE_GITLINK;
	}
}

const char *tree_mode_type(unsigned mode)
{
	switch (tree_canon_mode(mode)) {
	case TREE_MODE_DIR:
		return "tree";
	case TREE_MODE_GITLINK:
		return "commit";
	default:
		return "blob";
	}
}

void tree_iter_init(struct tree_iter *it, const void *buf, size_t len)
{
	it->buf = buf;
	it->len = len;
	it->pos = 0;
	it->err = NULL;
}

/*
 * Read the octal mode at `p` (git's rules: at least one digit, only 0-7,
 * ended by a space).  Like git, the value wraps modulo 2^32 rather than
 * being refused: git reads such trees, so we must too.  Returns the
 * number of bytes including the space, or 0 if malformed.
 */
static size_t read_mode(uint32_t *out, const char *p, size_t avail)
{
	uint32_t mode = 0;
	size_t i;

	for (i = 0; i < avail && p[i] != ' '; i++) {
		if (p[i] < '0' || p[i] > '7')
			return 0;
		mode = (mode << 3) + (uint32_t)(p[i] - '0');
	}
	if (i == 0 || i == avail)
		return 0;
	*out = mode;
	return i + 1;
}

static int iter_fail(struct tree_iter *it, const char *msg)
{
	it->err = msg;
	return ug_error(UG_ECORRUPT, "%s", msg);
}

int tree_iter_next(struct tree_item *out, struct tree_iter *it)
{
	const char *p = it->buf + it->pos;
	size_t left = it->len - it->pos, modelen;
	const char *nul;

	if (it->err)
		return iter_fail(it, it->err);
	if (!left)
		return 0;
	/*
	 * git's first test: room for "<mode> <name>\0<id>" and a NUL exactly
	 * 21 bytes before the end of what is left.  That NUL guarantees the
	 * name below ends inside the buffer with 20 bytes of id after it.
	 */
	if (left < UG_OID_RAWSZ + 3 || p[left - UG_OID_RAWSZ - 1] != '\0')
		return iter_fail(it, "too-short tree object");
	modelen = read_mode(&out->raw_mode, p, left);
	if (!modelen)
		return iter_fail(it, "malformed mode in tree entry");
	out->name = p + modelen;
	nul = memchr(out->name, '\0', left - modelen);	/* found: see above */
	out->namelen = (size_t)(nul - out->name);
	if (!out->namelen)
		return iter_fail(it, "empty filename in tree entry");
	out->mode = tree_canon_mode(out->raw_mode);
	out->zero_padded = p[0] == '0';
	memcpy(out->oid.hash, nul + 1, UG_OID_RAWSZ);
	it->pos += modelen + out->namelen + 1 + UG_OID_RAWSZ;
	return 1;
}

int tree_parse(struct tree *out, const void *buf, size_t len)
{
	struct tree_iter it;
	struct tree_item item;
	int ret;

	out->entries = NULL;
	out->nr = out->alloc = 0;
	tree_iter_init(&it, buf, len);
	while ((ret = tree_iter_next(&item, &it)) > 0) {
		struct tree_entry *e;

		ALLOC_GROW(out->entries, out->nr + 1, out->alloc);
		e = &out->entries[out->nr++];
		e->mode = item.mode;
		e->name = xmemdupz(item.name, item.namelen);
		e->namelen = item.namelen;
		e->oid = item.oid;
	}
	if (ret < 0)
		tree_release(out);
	return ret;
}

void tree_release(struct tree *tree)
{
	size_t i;

	for (i = 0; i < tree->nr; i++)
		free(tree->entries[i].name);
	free(tree->entries);
	tree->entries = NULL;
	tree->nr = tree->alloc = 0;
}

void tree_add(struct tree *tree, unsigned mode, const char *name,
	      const struct oid *oid)
{
	struct tree_entry *e;

	ALLOC_GROW(tree->entries, tree->nr + 1, tree->alloc);
	e = &tree->entries[tree->nr++];
	e->mode = mode;
	e->namelen = strlen(name);
	e->name = xmemdupz(name, e->namelen);
	e->oid = *oid;
}

int tree_name_cmp(const char *a, size_t alen, int a_is_dir,
		  const char *b, size_t blen, int b_is_dir)
{
	size_t n = alen < blen ? alen : blen;
	int cmp = memcmp(a, b, n);
	unsigned char ca, cb;

	if (cmp)
		return cmp;
	/*
	 * One name is a prefix of the other.  Compare the next byte, where
	 * the end of a directory's name counts as '/' and the end of any
	 * other name as NUL.  This is why "a.c" < "a/" < "a0" when "a" is a
	 * directory but "a" < "a.c" when it is a file: git sorts a tree as
	 * if it held full paths, which keeps the index and trees in one order.
	 */
	ca = n < alen ? (unsigned char)a[n] : a_is_dir ? '/' : '\0';
	cb = n < blen ? (unsigned char)b[n] : b_is_dir ? '/' : '\0';
	return (int)ca - (int)cb;
}

static int entry_cmp(const struct tree_entry *a, const struct tree_entry *b)
{
	return tree_name_cmp(a->name, a->namelen, tree_canon_mode(a->mode) == TREE_MODE_DIR,
			     b->name, b->namelen, tree_canon_mode(b->mode) == TREE_MODE_DIR);
}

/* Stable merge sort of v[0..n) using tmp[0..n) as scratch. */
static void merge_sort(struct tree_entry *v, struct tree_entry *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(v, tmp, mid);
	merge_sort(v + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = entry_cmp(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

void tree_sort(struct tree *tree)
{
	struct tree_entry *tmp;

	if (tree->nr < 2)
		return;
	tmp = xmalloc(st_mult(tree->nr, sizeof(*tmp)));
	merge_sort(tree->entries, tmp, tree->nr);
	free(tmp);
}

void tree_serialize(struct strbuf *out, const struct tree *tree)
{
	size_t i;

	for (i = 0; i < tree->nr; i++) {
		const struct tree_entry *e = &tree->entries[i];

		/* "%o" gives git's canonical spelling: 40000, never 040000 */
		strbuf_addf(out, "%o ", tree_canon_mode(e->mode));
		strbuf_add(out, e->name, e->namelen);
		strbuf_addch(out, '\0');
		strbuf_add(out, e->oid.hash, UG_OID_RAWSZ);
	}
}

/* ---- fsck ---- */

/* What the check has seen so far; reported once each at the end, as git does. */
struct tree_findings {
	unsigned null_oid : 1, full_path : 1, dot : 1,
		dotdot : 1, dotgit : 1, zero_pad : 1, bad_mode : 1,
		duplicates : 1, unsorted : 1;
};

/*
 * Files that may hide a directory of the same name further down.  A file
 * "x" and a directory "x" are duplicates, but in git order they need not
 * be neighbours: "x", "x.1", "x-y", ... "x/" - everything whose next byte
 * sorts before '/' lies between them.  So remember "x" while such names go
 * by, and look for it when a directory comes.
 */
struct name_stack {
	struct {
		const char *name;
		size_t len;
	} *items;
	size_t nr, alloc;
};

static void stack_push(struct name_stack *s, const char *name, size_t len)
{
	ALLOC_GROW(s->items, s->nr + 1, s->alloc);
	s->items[s->nr].name = name;
	s->items[s->nr++].len = len;
}

static int below_slash(unsigned char c)
{
	return c && c < '/';
}

/*
 * Does directory `dir` (which follows an entry whose name it prefixes)
 * duplicate a remembered file?  A candidate "x" stays while `dir` still
 * sorts before "x/" ("x.d", "x-y.d"); any other candidate is behind us
 * for good, since "x/" would have come before `dir`, so drop it.
 */
static int dir_has_file_twin(struct name_stack *s, const char *dir, size_t len)
{
	while (s->nr) {
		const char *f = s->items[s->nr - 1].name;
		size_t flen = s->items[s->nr - 1].len;

		if (flen <= len && !memcmp(dir, f, flen)) {
			if (flen == len)
				return 1;
			if (below_slash((unsigned char)dir[flen]))
				return 0;
		}
		s->nr--;
	}
	return 0;
}

/* Compare neighbours `a` then `b` (raw modes) as git's fsck does. */
static void check_order(struct tree_findings *f, struct name_stack *s,
			const struct tree_item *a, const struct tree_item *b)
{
	size_t n = a->namelen < b->namelen ? a->namelen : b->namelen;
	int cmp = memcmp(a->name, b->name, n);
	unsigned char ca, cb;

	if (cmp) {
		f->unsorted |= cmp > 0;
		return;
	}
	if (a->namelen == b->namelen) {
		f->duplicates = 1;	/* same name, whatever the modes */
		return;
	}
	ca = n < a->namelen ? (unsigned char)a->name[n] : mode_is_dir(a->raw_mode) ? '/' : 0;
	cb = n < b->namelen ? (unsigned char)b->name[n] : mode_is_dir(b->raw_mode) ? '/' : 0;
	if (!ca && below_slash(cb)) {
		stack_push(s, a->name, a->namelen);
	} else if (cb == '/' && below_slash(ca) &&
		   dir_has_file_twin(s, b->name, b->namelen)) {
		f->duplicates = 1;
		return;
	}
	f->unsorted |= ca >= cb;
}

static int mode_is_valid(uint32_t mode, int strict)
{
	switch (mode) {
	case TREE_MODE_FILE:
	case TREE_MODE_EXEC:
	case TREE_MODE_SYMLINK:
	case TREE_MODE_DIR:
	case TREE_MODE_GITLINK:
		return 1;
	case 0100664:
		/* written by very old gits; tolerated unless --strict */
		return !strict;
	default:
		return 0;
	}
}

static int report(const struct fsck_options *o, enum fsck_msg_id id,
		  const char *msg)
{
	return o->report(id, msg, o->payload) != 0;
}

/* The special files that must not be symbolic links, checked as git does. */
static int check_special_names(const struct tree_item *e, const char *name,
			       const struct fsck_options *o)
{
	int is_link = (e->raw_mode & MODE_TYPE_MASK) == TREE_MODE_SYMLINK;
	int bad = 0;

	if (!is_link)
		return 0;
	if (fsck_is_hfs_dotfile(name, FSCK_DOTGITMODULES) ||
	    fsck_is_ntfs_dotfile(name, FSCK_DOTGITMODULES))
		bad |= report(o, FSCK_MSG_GITMODULES_SYMLINK,
			      ".gitmodules is a symbolic link");
	if (fsck_is_hfs_dotfile(name, FSCK_DOTGITATTRIBUTES) ||
	    fsck_is_ntfs_dotfile(name, FSCK_DOTGITATTRIBUTES))
		bad |= report(o, FSCK_MSG_GITATTRIBUTES_SYMLINK,
			      ".gitattributes is a symlink");
	if (fsck_is_hfs_dotfile(name, FSCK_DOTGITIGNORE) ||
	    fsck_is_ntfs_dotfile(name, FSCK_DOTGITIGNORE))
		bad |= report(o, FSCK_MSG_GITIGNORE_SYMLINK,
			      ".gitignore is a symlink");
	if (fsck_is_hfs_dotfile(name, FSCK_DOTMAILMAP) ||
	    fsck_is_ntfs_dotfile(name, FSCK_DOTMAILMAP))
		bad |= report(o, FSCK_MSG_MAILMAP_SYMLINK, ".mailmap is a symlink");
	return bad;
}

/*
 * Everything that depends on one entry's name.  A backslash is a
 * directory separator on Windows, so each part after one is checked too
 * (for .git and .gitmodules, as git does).
 */
static int check_name(struct tree_findings *f, const struct tree_item *e,
		      const struct fsck_options *o)
{
	const char *name = e->name, *bs;
	int bad;

	f->null_oid |= oid_is_null(&e->oid);
	f->full_path |= memchr(name, '/', e->namelen) != NULL;
	f->dot |= !strcmp(name, ".");
	f->dotdot |= !strcmp(name, "..");
	f->dotgit |= fsck_is_hfs_dotfile(name, FSCK_DOTGIT) ||
		     fsck_is_ntfs_dotfile(name, FSCK_DOTGIT);
	f->zero_pad |= e->zero_padded;
	bad = check_special_names(e, name, o);
	for (bs = strchr(name, '\\'); bs; bs = strchr(bs + 1, '\\')) {
		f->dotgit |= fsck_is_ntfs_dotfile(bs + 1, FSCK_DOTGIT);
		if ((e->raw_mode & MODE_TYPE_MASK) == TREE_MODE_SYMLINK &&
		    fsck_is_ntfs_dotfile(bs + 1, FSCK_DOTGITMODULES))
			bad |= report(o, FSCK_MSG_GITMODULES_SYMLINK,
				      ".gitmodules is a symbolic link");
	}
	return bad;
}

static int report_findings(const struct tree_findings *f,
			   const struct fsck_options *o)
{
	int bad = 0;

	if (f->null_oid)
		bad |= report(o, FSCK_MSG_NULL_SHA1, "contains entries pointing to null sha1");
	if (f->full_path)
		bad |= report(o, FSCK_MSG_FULL_PATHNAME, "contains full pathnames");
	/*
	 * git's emptyName ("contains empty pathname") cannot fire: decoding
	 * already refuses an empty name, which is reported as badTree.
	 */
	if (f->dot)
		bad |= report(o, FSCK_MSG_HAS_DOT, "contains '.'");
	if (f->dotdot)
		bad |= report(o, FSCK_MSG_HAS_DOTDOT, "contains '..'");
	if (f->dotgit)
		bad |= report(o, FSCK_MSG_HAS_DOTGIT, "contains '.git'");
	if (f->zero_pad)
		bad |= report(o, FSCK_MSG_ZERO_PADDED_FILEMODE, "contains zero-padded file modes");
	if (f->bad_mode)
		bad |= report(o, FSCK_MSG_BAD_FILEMODE, "contains bad file modes");
	if (f->duplicates)
		bad |= report(o, FSCK_MSG_DUPLICATE_ENTRIES, "contains duplicate file entries");
	if (f->unsorted)
		bad |= report(o, FSCK_MSG_TREE_NOT_SORTED, "not properly sorted");
	return bad;
}

int tree_check(const void *buf, size_t len, const struct fsck_options *opts)
{
	struct tree_findings found = { 0 };
	struct name_stack stack = { 0 };
	struct tree_item prev = { 0 }, cur, next;
	struct tree_iter it;
	int bad = 0, have_prev = 0, more;

	tree_iter_init(&it, buf, len);
	more = tree_iter_next(&cur, &it);
	if (more < 0)
		return report(opts, FSCK_MSG_BAD_TREE, "cannot be parsed as a tree");
	while (more > 0) {
		bad |= check_name(&found, &cur, opts);
		/*
		 * git decodes the next entry before it checks this one's mode
		 * and order, so a broken next entry skips those checks.
		 */
		more = tree_iter_next(&next, &it);
		if (more < 0) {
			bad |= report(opts, FSCK_MSG_BAD_TREE, "cannot be parsed as a tree");
			break;
		}
		found.bad_mode |= !mode_is_valid(cur.raw_mode, opts->strict);
		if (have_prev)
			check_order(&found, &stack, &prev, &cur);
		prev = cur;
		have_prev = 1;
		cur = next;
	}
	free(stack.items);
	return report_findings(&found, opts) | bad;
}
