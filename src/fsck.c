/* fsck: git's object-check message ids, severities and wording; .git look-alikes. */
#include "ugit/fsck.h"

#include <string.h>

#include "ugit/commit.h"
#include "ugit/error.h"
#include "ugit/oid.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/tree.h"

static const struct {
	const char *name;
	enum fsck_severity severity;
} msgs[FSCK_MSG_COUNT] = {
	[FSCK_MSG_NUL_IN_HEADER] = { "nulInHeader", FSCK_FATAL },
	[FSCK_MSG_UNTERMINATED_HEADER] = { "unterminatedHeader", FSCK_FATAL },
	[FSCK_MSG_BAD_DATE] = { "badDate", FSCK_ERROR },
	[FSCK_MSG_BAD_DATE_OVERFLOW] = { "badDateOverflow", FSCK_ERROR },
	[FSCK_MSG_BAD_EMAIL] = { "badEmail", FSCK_ERROR },
	[FSCK_MSG_BAD_NAME] = { "badName", FSCK_ERROR },
	[FSCK_MSG_BAD_OBJECT_SHA1] = { "badObjectSha1", FSCK_ERROR },
	[FSCK_MSG_BAD_PARENT_SHA1] = { "badParentSha1", FSCK_ERROR },
	[FSCK_MSG_BAD_TIMEZONE] = { "badTimezone", FSCK_ERROR },
	[FSCK_MSG_BAD_TREE] = { "badTree", FSCK_ERROR },
	[FSCK_MSG_BAD_TREE_SHA1] = { "badTreeSha1", FSCK_ERROR },
	[FSCK_MSG_BAD_TYPE] = { "badType", FSCK_ERROR },
	[FSCK_MSG_DUPLICATE_ENTRIES] = { "duplicateEntries", FSCK_ERROR },
	[FSCK_MSG_MISSING_AUTHOR] = { "missingAuthor", FSCK_ERROR },
	[FSCK_MSG_MISSING_COMMITTER] = { "missingCommitter", FSCK_ERROR },
	[FSCK_MSG_MISSING_EMAIL] = { "missingEmail", FSCK_ERROR },
	[FSCK_MSG_MISSING_NAME_BEFORE_EMAIL] = { "missingNameBeforeEmail", FSCK_ERROR },
	[FSCK_MSG_MISSING_OBJECT] = { "missingObject", FSCK_ERROR },
	[FSCK_MSG_MISSING_SPACE_BEFORE_DATE] = { "missingSpaceBeforeDate", FSCK_ERROR },
	[FSCK_MSG_MISSING_SPACE_BEFORE_EMAIL] = { "missingSpaceBeforeEmail", FSCK_ERROR },
	[FSCK_MSG_MISSING_TAG] = { "missingTag", FSCK_ERROR },
	[FSCK_MSG_MISSING_TAG_ENTRY] = { "missingTagEntry", FSCK_ERROR },
	[FSCK_MSG_MISSING_TREE] = { "missingTree", FSCK_ERROR },
	[FSCK_MSG_MISSING_TYPE] = { "missingType", FSCK_ERROR },
	[FSCK_MSG_MISSING_TYPE_ENTRY] = { "missingTypeEntry", FSCK_ERROR },
	[FSCK_MSG_MULTIPLE_AUTHORS] = { "multipleAuthors", FSCK_ERROR },
	[FSCK_MSG_TREE_NOT_SORTED] = { "treeNotSorted", FSCK_ERROR },
	[FSCK_MSG_UNKNOWN_TYPE] = { "unknownType", FSCK_ERROR },
	[FSCK_MSG_ZERO_PADDED_DATE] = { "zeroPaddedDate", FSCK_ERROR },
	[FSCK_MSG_GITMODULES_MISSING] = { "gitmodulesMissing", FSCK_ERROR },
	[FSCK_MSG_GITMODULES_BLOB] = { "gitmodulesBlob", FSCK_ERROR },
	[FSCK_MSG_GITMODULES_LARGE] = { "gitmodulesLarge", FSCK_ERROR },
	[FSCK_MSG_GITMODULES_NAME] = { "gitmodulesName", FSCK_ERROR },
	[FSCK_MSG_GITMODULES_SYMLINK] = { "gitmodulesSymlink", FSCK_ERROR },
	[FSCK_MSG_GITMODULES_URL] = { "gitmodulesUrl", FSCK_ERROR },
	[FSCK_MSG_GITMODULES_PATH] = { "gitmodulesPath", FSCK_ERROR },
	[FSCK_MSG_GITMODULES_UPDATE] = { "gitmodulesUpdate", FSCK_ERROR },
	[FSCK_MSG_GITATTRIBUTES_MISSING] = { "gitattributesMissing", FSCK_ERROR },
	[FSCK_MSG_GITATTRIBUTES_LARGE] = { "gitattributesLarge", FSCK_ERROR },
	[FSCK_MSG_GITATTRIBUTES_LINE_LENGTH] = { "gitattributesLineLength", FSCK_ERROR },
	[FSCK_MSG_GITATTRIBUTES_BLOB] = { "gitattributesBlob", FSCK_ERROR },
	[FSCK_MSG_EMPTY_NAME] = { "emptyName", FSCK_WARN },
	[FSCK_MSG_FULL_PATHNAME] = { "fullPathname", FSCK_WARN },
	[FSCK_MSG_HAS_DOT] = { "hasDot", FSCK_WARN },
	[FSCK_MSG_HAS_DOTDOT] = { "hasDotdot", FSCK_WARN },
	[FSCK_MSG_HAS_DOTGIT] = { "hasDotgit", FSCK_WARN },
	[FSCK_MSG_NULL_SHA1] = { "nullSha1", FSCK_WARN },
	[FSCK_MSG_ZERO_PADDED_FILEMODE] = { "zeroPaddedFilemode", FSCK_WARN },
	[FSCK_MSG_NUL_IN_COMMIT] = { "nulInCommit", FSCK_WARN },
	[FSCK_MSG_BAD_FILEMODE] = { "badFilemode", FSCK_INFO },
	[FSCK_MSG_GITMODULES_PARSE] = { "gitmodulesParse", FSCK_INFO },
	[FSCK_MSG_GITIGNORE_SYMLINK] = { "gitignoreSymlink", FSCK_INFO },
	[FSCK_MSG_GITATTRIBUTES_SYMLINK] = { "gitattributesSymlink", FSCK_INFO },
	[FSCK_MSG_MAILMAP_SYMLINK] = { "mailmapSymlink", FSCK_INFO },
	[FSCK_MSG_BAD_TAG_NAME] = { "badTagName", FSCK_INFO },
	[FSCK_MSG_MISSING_TAGGER_ENTRY] = { "missingTaggerEntry", FSCK_INFO },
	[FSCK_MSG_EXTRA_HEADER_ENTRY] = { "extraHeaderEntry", FSCK_IGNORE },
};

const char *fsck_msg_name(enum fsck_msg_id id)
{
	if ((unsigned)id >= FSCK_MSG_COUNT)
		BUG("unknown fsck message id %d", (int)id);
	return msgs[id].name;
}

enum fsck_severity fsck_msg_severity(enum fsck_msg_id id, int strict)
{
	enum fsck_severity sev;

	if ((unsigned)id >= FSCK_MSG_COUNT)
		BUG("unknown fsck message id %d", (int)id);
	sev = msgs[id].severity;
	/* --strict promotes warnings only: INFO stays a (printed) warning */
	if (strict && sev == FSCK_WARN)
		sev = FSCK_ERROR;
	return sev;
}

int fsck_format_report(struct strbuf *out, enum fsck_msg_id id, int strict,
		       const char *type, const struct oid *oid,
		       const char *msg)
{
	enum fsck_severity sev = fsck_msg_severity(id, strict);
	char hex[UG_OID_HEXSZ + 1];
	int is_error = sev >= FSCK_ERROR;

	if (sev == FSCK_IGNORE)
		return 0;
	strbuf_addf(out, "%s in %s %s: %s: %s", is_error ? "error" : "warning",
		    type, oid_to_hex(hex, oid), msgs[id].name, msg);
	return is_error;
}

int fsck_buffer(enum object_type type, const void *buf, size_t len,
		const struct fsck_options *opts)
{
	switch (type) {
	case OBJ_TREE:
		return tree_check(buf, len, opts);
	case OBJ_COMMIT:
		return commit_check(buf, len, opts);
	case OBJ_TAG:
		return tag_check(buf, len, opts);
	default:
		return 0;
	}
}

int fsck_check_headers(const void *data, size_t len,
		       const struct fsck_options *opts)
{
	const char *buf = data;
	struct strbuf msg = STRBUF_INIT;
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\0') {
			strbuf_addf(&msg, "unterminated header: NUL at offset %zu", i);
			opts->report(FSCK_MSG_NUL_IN_HEADER, msg.buf, opts->payload);
			strbuf_release(&msg);
			return 1;
		}
		if (buf[i] == '\n' && i + 1 < len && buf[i + 1] == '\n')
			return 0;	/* the body may hold anything */
	}
	/* no body at all is fine, but the last header line must be complete */
	if (len && buf[len - 1] == '\n')
		return 0;
	opts->report(FSCK_MSG_UNTERMINATED_HEADER, "unterminated header",
		     opts->payload);
	return 1;
}

/* ---- what `git hash-object -t <type>` refuses ---- */

static const char null_hex[] = "0000000000000000000000000000000000000000";

static int check_tree_format(const void *buf, size_t len)
{
	struct tree_iter it;
	struct tree_item item;
	int ret;

	tree_iter_init(&it, buf, len);
	while ((ret = tree_iter_next(&item, &it)) > 0)
		;
	return ret;	/* ug_error_last() is already git's fatal message */
}

/*
 * git parses the commit with its object table in memory: the tree line
 * makes the id known as a tree, so a parent with the same id is "a tree,
 * not a commit".  No other clash is possible in a fresh hash-object.
 */
static int check_commit_format(struct strbuf *errors, const void *buf,
			       size_t len)
{
	struct commit c = COMMIT_INIT;
	char hex[UG_OID_HEXSZ + 1];
	size_t i;
	int ret = 0;

	if (commit_parse(&c, buf, len) < 0) {
		strbuf_addf(errors, "error: %s %s\n", ug_error_last(), null_hex);
		ret = ug_error(UG_ECORRUPT, "corrupt commit");
		goto done;
	}
	for (i = 0; i < c.parents_nr; i++) {
		if (!oid_eq(&c.parents[i], &c.tree))
			continue;
		oid_to_hex(hex, &c.tree);
		strbuf_addf(errors, "error: object %s is a tree, not a commit\n", hex);
		strbuf_addf(errors, "error: bad parent %s in commit %s\n", hex, null_hex);
		ret = ug_error(UG_ECORRUPT, "corrupt commit");
		break;
	}
done:
	commit_release(&c);
	return ret;
}

static int check_tag_format(struct strbuf *errors, const void *buf, size_t len)
{
	struct tag t = TAG_INIT;
	int ret = 0;

	/* git says nothing but "corrupt tag" for every other malformation */
	if (tag_parse(&t, buf, len) < 0)
		ret = ug_error(UG_ECORRUPT, "corrupt tag");
	else if (t.type == OBJ_BAD) {
		strbuf_addf(errors, "error: unknown tag type '%s' in %s\n",
			    t.type_name, null_hex);
		ret = ug_error(UG_ECORRUPT, "corrupt tag");
	}
	tag_release(&t);
	return ret;
}

int fsck_hash_object_check(struct strbuf *errors, enum object_type type,
			   const void *buf, size_t len)
{
	switch (type) {
	case OBJ_TREE:
		return check_tree_format(buf, len);
	case OBJ_COMMIT:
		return check_commit_format(errors, buf, len);
	case OBJ_TAG:
		return check_tag_format(errors, buf, len);
	default:
		return 0;
	}
}

/* ---- .git and its look-alikes ---- */

static const struct {
	const char *name;		/* without the leading dot */
	const char *short_prefix;	/* Windows' fallback 8.3 name, see below */
} dotfiles[] = {
	[FSCK_DOTGIT] = { "git", NULL },
	[FSCK_DOTGITMODULES] = { "gitmodules", "gi7eba" },
	[FSCK_DOTGITIGNORE] = { "gitignore", "gi250a" },
	[FSCK_DOTGITATTRIBUTES] = { "gitattributes", "gi7d29" },
	[FSCK_DOTMAILMAP] = { "mailmap", "maba30" },
};

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Does `s` start with the lower-case ASCII `prefix`, ignoring case? */
static int istarts_with(const char *s, const char *prefix, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!s[i] || ascii_lower((unsigned char)s[i]) != prefix[i])
			return 0;
	return 1;
}

/*
 * NTFS drops trailing dots and spaces, and "name:stream" opens a stream of
 * "name": so after the matched part only dots and spaces may follow, then
 * the end of the name or a ':'.  `seps` adds directory separators.
 */
static int ntfs_tail_ok(const char *p, int seps)
{
	for (;; p++) {
		if (!*p || *p == ':' || (seps && (*p == '/' || *p == '\\')))
			return 1;
		if (*p != '.' && *p != ' ')
			return 0;
	}
}

/*
 * When Windows cannot derive a unique 8.3 short name from a long one it
 * makes one up from a hash: up to six characters (git knows them for each
 * special file), '~', then a number not starting with 0 - eight characters
 * in all, e.g. "gi7eba~1" for .gitmodules.  Returns 8 if `name` starts
 * with such a name, else 0.
 */
static size_t ntfs_hashed_short_name(const char *name, const char *prefix)
{
	size_t i = 0;

	while (i < 6 && name[i] && name[i] != '~') {
		if ((unsigned char)name[i] >= 0x80 ||
		    ascii_lower((unsigned char)name[i]) != prefix[i])
			return 0;
		i++;
	}
	if (name[i] != '~' || name[i + 1] < '1' || name[i + 1] > '9')
		return 0;
	for (i += 2; i < 8; i++)
		if (name[i] < '0' || name[i] > '9')
			return 0;
	return 8;
}

int fsck_is_ntfs_dotfile(const char *name, enum fsck_dotfile which)
{
	const char *base = dotfiles[which].name;
	size_t n = strlen(base);

	if (which == FSCK_DOTGIT) {
		/* ".git", or "git~1": .git is always the first GIT~n git creates */
		if (name[0] == '.' && istarts_with(name + 1, "git", 3))
			return ntfs_tail_ok(name + 4, 1);
		if (istarts_with(name, "git~1", 5))
			return ntfs_tail_ok(name + 5, 1);
		return 0;
	}
	if (name[0] == '.' && istarts_with(name + 1, base, n))
		return ntfs_tail_ok(name + 1 + n, 0);
	/* the usual 8.3 name: six characters, '~' and 1 to 4 ("gitmod~1") */
	if (istarts_with(name, base, 6) && name[6] == '~' &&
	    name[7] >= '1' && name[7] <= '4')
		return ntfs_tail_ok(name + 8, 0);
	if (ntfs_hashed_short_name(name, dotfiles[which].short_prefix))
		return ntfs_tail_ok(name + 8, 0);
	return 0;
}

static int is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/*
 * Decode the UTF-8 character at *p and move past it.  Returns its code
 * point; 0 at the NUL (without moving); -1 for malformed input (overlong
 * forms, surrogates, U+FFFE/U+FFFF, beyond U+10FFFF).  The && chains stop
 * at the first byte that is not a continuation, so a NUL ends the reading.
 */
static long utf8_next(const unsigned char **p)
{
	const unsigned char *s = *p;

	if (s[0] < 0x80) {
		*p += s[0] ? 1 : 0;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0 && is_cont(s[1]) && s[0] >= 0xc2) {
		*p += 2;
		return ((long)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
	}
	if ((s[0] & 0xf0) == 0xe0 && is_cont(s[1]) && is_cont(s[2]) &&
	    !(s[0] == 0xe0 && s[1] < 0xa0) && !(s[0] == 0xed && s[1] >= 0xa0) &&
	    !(s[0] == 0xef && s[1] == 0xbf && s[2] >= 0xbe)) {
		*p += 3;
		return ((long)(s[0] & 0x0f) << 12) | ((long)(s[1] & 0x3f) << 6) |
		       (s[2] & 0x3f);
	}
	if ((s[0] & 0xf8) == 0xf0 && s[0] <= 0xf4 && is_cont(s[1]) &&
	    is_cont(s[2]) && is_cont(s[3]) && !(s[0] == 0xf0 && s[1] < 0x90) &&
	    !(s[0] == 0xf4 && s[1] > 0x8f)) {
		*p += 4;
		return ((long)(s[0] & 0x07) << 18) | ((long)(s[1] & 0x3f) << 12) |
		       ((long)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
	}
	return -1;
}

static int hfs_ignorable(long c)
{
	return (c >= 0x200c && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x206a && c <= 0x206f) || c == 0xfeff;
}

/* The next character HFS+ would see; malformed UTF-8 reads as the end (0). */
static long hfs_next(const unsigned char **p)
{
	long c;

	do
		c = utf8_next(p);
	while (hfs_ignorable(c));
	return c < 0 ? 0 : c;
}

int fsck_is_hfs_dotfile(const char *name, enum fsck_dotfile which)
{
	const unsigned char *p = (const unsigned char *)name;
	const char *want = dotfiles[which].name;
	long c;

	if (hfs_next(&p) != '.')
		return 0;
	for (; *want; want++) {
		c = hfs_next(&p);
		if (c > 127 || ascii_lower((int)c) != *want)
			return 0;
	}
	c = hfs_next(&p);
	return !c || c == '/';
}
