/*
 * Unit tests: fsck message ids and report lines, the .git look-alikes, and
 * the real git as the oracle for what fsck reports and what hash-object
 * refuses.
 */
#include "model_helpers.h"

#include <signal.h>

#include "ugit/commit.h"
#include "ugit/ident.h"
#include "ugit/object.h"
#include "ugit/tag.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

TestSuite(fsck, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

/* ids for tree entries, by what they point to, so git never sees a type clash */
#define BLOB_ID "1111111111111111111111111111111111111111"
#define DIR_ID "2222222222222222222222222222222222222222"
#define TREE_ID "3333333333333333333333333333333333333333"
#define PARENT_ID "4444444444444444444444444444444444444444"
#define COMMIT_ID "5555555555555555555555555555555555555555"
#define TAG_ID "6666666666666666666666666666666666666666"
#define GITLINK_ID "7777777777777777777777777777777777777777"
#define NULL_ID "0000000000000000000000000000000000000000"
#define ID "A U Thor <a@x> 1112911993 -0700"

Test(fsck, names_and_default_severities)
{
	static const struct {
		enum fsck_msg_id id;
		const char *name;
		enum fsck_severity normal, strict;
	} cases[] = {
		{ FSCK_MSG_NUL_IN_HEADER, "nulInHeader", FSCK_FATAL, FSCK_FATAL },
		{ FSCK_MSG_UNTERMINATED_HEADER, "unterminatedHeader", FSCK_FATAL, FSCK_FATAL },
		{ FSCK_MSG_TREE_NOT_SORTED, "treeNotSorted", FSCK_ERROR, FSCK_ERROR },
		{ FSCK_MSG_DUPLICATE_ENTRIES, "duplicateEntries", FSCK_ERROR, FSCK_ERROR },
		{ FSCK_MSG_BAD_OBJECT_SHA1, "badObjectSha1", FSCK_ERROR, FSCK_ERROR },
		{ FSCK_MSG_MISSING_NAME_BEFORE_EMAIL, "missingNameBeforeEmail", FSCK_ERROR, FSCK_ERROR },
		{ FSCK_MSG_GITMODULES_SYMLINK, "gitmodulesSymlink", FSCK_ERROR, FSCK_ERROR },
		{ FSCK_MSG_HAS_DOTGIT, "hasDotgit", FSCK_WARN, FSCK_ERROR },
		{ FSCK_MSG_NULL_SHA1, "nullSha1", FSCK_WARN, FSCK_ERROR },
		{ FSCK_MSG_ZERO_PADDED_FILEMODE, "zeroPaddedFilemode", FSCK_WARN, FSCK_ERROR },
		{ FSCK_MSG_NUL_IN_COMMIT, "nulInCommit", FSCK_WARN, FSCK_ERROR },
		{ FSCK_MSG_BAD_FILEMODE, "badFilemode", FSCK_INFO, FSCK_INFO },
		{ FSCK_MSG_BAD_TAG_NAME, "badTagName", FSCK_INFO, FSCK_INFO },
		{ FSCK_MSG_MISSING_TAGGER_ENTRY, "missingTaggerEntry", FSCK_INFO, FSCK_INFO },
		{ FSCK_MSG_MAILMAP_SYMLINK, "mailmapSymlink", FSCK_INFO, FSCK_INFO },
		{ FSCK_MSG_EXTRA_HEADER_ENTRY, "extraHeaderEntry", FSCK_IGNORE, FSCK_IGNORE },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		cr_expect_str_eq(fsck_msg_name(cases[i].id), cases[i].name);
		cr_expect_eq(fsck_msg_severity(cases[i].id, 0), cases[i].normal, "%s", cases[i].name);
		cr_expect_eq(fsck_msg_severity(cases[i].id, 1), cases[i].strict, "%s", cases[i].name);
	}
}

Test(fsck, every_id_has_a_distinct_camel_case_name)
{
	int i, j;

	for (i = 0; i < FSCK_MSG_COUNT; i++) {
		const char *n = fsck_msg_name((enum fsck_msg_id)i);

		cr_assert(n[0] >= 'a' && n[0] <= 'z' && !strchr(n, '_'), "%s", n);
		for (j = 0; j < i; j++)
			cr_assert_str_neq(n, fsck_msg_name((enum fsck_msg_id)j));
	}
}

Test(fsck, unknown_id_is_a_bug, .signal = SIGABRT)
{
	fsck_msg_name(FSCK_MSG_COUNT);
}

Test(fsck, report_lines_are_gits)
{
	struct strbuf sb = STRBUF_INIT;
	struct oid oid;

	assert_ok(oid_from_hex(&oid, "3d74b6fb249fe5d0ec81db0b983257291ecd1caa"));
	cr_expect_eq(fsck_format_report(&sb, FSCK_MSG_DUPLICATE_ENTRIES, 0, "tree", &oid,
					"contains duplicate file entries"), 1);
	cr_expect_str_eq(sb.buf, "error in tree 3d74b6fb249fe5d0ec81db0b983257291ecd1caa: "
			 "duplicateEntries: contains duplicate file entries");
	strbuf_reset(&sb);
	cr_expect_eq(fsck_format_report(&sb, FSCK_MSG_HAS_DOTGIT, 0, "tree", &oid,
					"contains '.git'"), 0);
	cr_expect_str_eq(sb.buf, "warning in tree 3d74b6fb249fe5d0ec81db0b983257291ecd1caa: "
			 "hasDotgit: contains '.git'");
	strbuf_reset(&sb);
	cr_expect_eq(fsck_format_report(&sb, FSCK_MSG_HAS_DOTGIT, 1, "tree", &oid,
					"contains '.git'"), 1);
	cr_expect(starts_with(sb.buf, "error in tree "));
	strbuf_reset(&sb);
	/* an INFO stays a warning under --strict; a FATAL prints as error */
	cr_expect_eq(fsck_format_report(&sb, FSCK_MSG_MISSING_TAGGER_ENTRY, 1, "tag", &oid, "x"), 0);
	cr_expect(starts_with(sb.buf, "warning in tag "));
	strbuf_reset(&sb);
	cr_expect_eq(fsck_format_report(&sb, FSCK_MSG_NUL_IN_HEADER, 0, "commit", &oid, "x"), 1);
	cr_expect(starts_with(sb.buf, "error in commit "));
	strbuf_reset(&sb);
	cr_expect_eq(fsck_format_report(&sb, FSCK_MSG_EXTRA_HEADER_ENTRY, 1, "tag", &oid, "x"), 0);
	cr_expect_eq(sb.len, 0);
	strbuf_release(&sb);
}

Test(fsck, fsck_buffer_dispatches_on_type)
{
	struct collected c = { STRBUF_INIT, STRBUF_INIT, 0, 0 };
	struct fsck_options o = { 0, collect_report, &c };
	struct strbuf t = STRBUF_INIT;

	add_entry(&t, "100644", "b", NULL);
	add_entry(&t, "100644", "a", NULL);
	cr_expect_eq(fsck_buffer(OBJ_TREE, t.buf, t.len, &o), 1);
	cr_expect_str_eq(c.ids.buf, "treeNotSorted");
	/* the same bytes as a blob, or of no known type: nothing to check */
	cr_expect_eq(fsck_buffer(OBJ_BLOB, t.buf, t.len, &o), 0);
	cr_expect_eq(fsck_buffer(OBJ_BAD, t.buf, t.len, &o), 0);
	cr_expect_eq(c.calls, 1);
	cr_expect_eq(fsck_buffer(OBJ_COMMIT, "x", 1, &o), 1);
	cr_expect_eq(fsck_buffer(OBJ_TAG, "x\n", 2, &o), 1);
	cr_expect_str_eq(c.ids.buf, "treeNotSorted unterminatedHeader missingObject");
	strbuf_release(&c.ids);
	strbuf_release(&c.msgs);
	strbuf_release(&t);
}

struct dotfile_case {
	const char *name;
	enum fsck_dotfile which;
	int ntfs, hfs;
};

/* Each name must be a look-alike (or not) under NTFS and HFS+ rules as the table says. */
static void expect_dotfile_cases(const struct dotfile_case *cases, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		cr_expect_eq(fsck_is_ntfs_dotfile(cases[i].name, cases[i].which),
			     cases[i].ntfs, "ntfs '%s'", cases[i].name);
		cr_expect_eq(fsck_is_hfs_dotfile(cases[i].name, cases[i].which),
			     cases[i].hfs, "hfs '%s'", cases[i].name);
	}
}

Test(fsck, dotgit_look_alikes)
{
	static const struct dotfile_case cases[] = {
		{ ".git", FSCK_DOTGIT, 1, 1 },
		{ ".GIT", FSCK_DOTGIT, 1, 1 },
		{ ".gIt", FSCK_DOTGIT, 1, 1 },
		{ ".git/config", FSCK_DOTGIT, 1, 1 },
		{ ".git\\config", FSCK_DOTGIT, 1, 0 },
		{ "git~1", FSCK_DOTGIT, 1, 0 },
		{ "GIT~1", FSCK_DOTGIT, 1, 0 },
		{ "git~1/hooks", FSCK_DOTGIT, 1, 0 },
		{ ".git.", FSCK_DOTGIT, 1, 0 },
		{ ".git ", FSCK_DOTGIT, 1, 0 },
		{ ".git . .", FSCK_DOTGIT, 1, 0 },
		{ ".git::$INDEX_ALLOCATION", FSCK_DOTGIT, 1, 0 },
		{ ".git:x", FSCK_DOTGIT, 1, 0 },
		{ ".g\xe2\x80\x8cit", FSCK_DOTGIT, 0, 1 },		/* U+200C */
		{ "\xe2\x80\x8e.git", FSCK_DOTGIT, 0, 1 },		/* U+200E first */
		{ ".git\xef\xbb\xbf", FSCK_DOTGIT, 0, 1 },		/* U+FEFF last */
		{ ".gi\xe2\x81\xaft", FSCK_DOTGIT, 0, 1 },		/* U+206F */
		{ ".GI\xe2\x80\xaaT/x", FSCK_DOTGIT, 0, 1 },		/* U+202A */
		{ ".git\xff", FSCK_DOTGIT, 0, 1 },		/* malformed: reads as the end */
		{ ".git\xc0\x80", FSCK_DOTGIT, 0, 1 },		/* overlong NUL: malformed */
		{ ".git\xe2\x80", FSCK_DOTGIT, 0, 1 },		/* truncated */
		{ ".g\xc3\xa9it", FSCK_DOTGIT, 0, 0 },		/* a real letter, not ignorable */
		{ ".g\xed\xa0\x80it", FSCK_DOTGIT, 0, 0 },	/* a surrogate: malformed mid-name */
		{ ".git\xe2\x80\x8c x", FSCK_DOTGIT, 0, 0 },
		{ ".gitx", FSCK_DOTGIT, 0, 0 },
		{ ".gi", FSCK_DOTGIT, 0, 0 },
		{ ".git.x", FSCK_DOTGIT, 0, 0 },
		{ "git", FSCK_DOTGIT, 0, 0 },
		{ "x.git", FSCK_DOTGIT, 0, 0 },
		{ "git~2", FSCK_DOTGIT, 0, 0 },
		{ "git~10", FSCK_DOTGIT, 0, 0 },
		{ "", FSCK_DOTGIT, 0, 0 },
	};

	expect_dotfile_cases(cases, ARRAY_SIZE(cases));
}

Test(fsck, special_file_look_alikes)
{
	static const struct dotfile_case cases[] = {
		{ ".gitmodules", FSCK_DOTGITMODULES, 1, 1 },
		{ ".GITMODULES", FSCK_DOTGITMODULES, 1, 1 },
		{ ".gitmodules.", FSCK_DOTGITMODULES, 1, 0 },
		{ ".gitmodules . ", FSCK_DOTGITMODULES, 1, 0 },
		{ ".gitmodules:stream", FSCK_DOTGITMODULES, 1, 0 },
		{ ".gitmodul\xe2\x80\x8c" "es", FSCK_DOTGITMODULES, 0, 1 },
		{ ".gitmodules/x", FSCK_DOTGITMODULES, 0, 1 },
		{ "gitmod~1", FSCK_DOTGITMODULES, 1, 0 },
		{ "GITMOD~4", FSCK_DOTGITMODULES, 1, 0 },
		{ "gitmod~5", FSCK_DOTGITMODULES, 0, 0 },
		{ "gitmod~0", FSCK_DOTGITMODULES, 0, 0 },
		{ "gi7eba~1", FSCK_DOTGITMODULES, 1, 0 },
		{ "GI7EBA~9", FSCK_DOTGITMODULES, 1, 0 },
		{ "gi7eb~12", FSCK_DOTGITMODULES, 1, 0 },
		{ "~1234567", FSCK_DOTGITMODULES, 1, 0 },	/* no prefix at all */
		{ "gi7eba~1 .", FSCK_DOTGITMODULES, 1, 0 },
		{ "gi7eba~0", FSCK_DOTGITMODULES, 0, 0 },
		{ "gi7eba~12", FSCK_DOTGITMODULES, 0, 0 },	/* nine characters */
		{ "gi7eb\xc3~1", FSCK_DOTGITMODULES, 0, 0 },
		{ "gi7~", FSCK_DOTGITMODULES, 0, 0 },
		{ ".gitmodulesx", FSCK_DOTGITMODULES, 0, 0 },
		{ "gitmodules", FSCK_DOTGITMODULES, 0, 0 },
		{ ".gitignore", FSCK_DOTGITIGNORE, 1, 1 },
		{ "gitign~1", FSCK_DOTGITIGNORE, 1, 0 },
		{ "gi250a~2", FSCK_DOTGITIGNORE, 1, 0 },
		{ "gi7eba~1", FSCK_DOTGITIGNORE, 0, 0 },
		{ ".gitattributes", FSCK_DOTGITATTRIBUTES, 1, 1 },
		{ "gitatt~3", FSCK_DOTGITATTRIBUTES, 1, 0 },
		{ "gi7d29~1", FSCK_DOTGITATTRIBUTES, 1, 0 },
		{ ".mailmap", FSCK_DOTMAILMAP, 1, 1 },
		{ ".MailMap ", FSCK_DOTMAILMAP, 1, 0 },
		{ "mailma~1", FSCK_DOTMAILMAP, 1, 0 },
		{ "maba30~1", FSCK_DOTMAILMAP, 1, 0 },
		{ ".mailmap2", FSCK_DOTMAILMAP, 0, 0 },
	};

	expect_dotfile_cases(cases, ARRAY_SIZE(cases));
}

Test(fsck, header_must_be_nul_free_and_terminated)
{
	static const struct {
		const char *buf;
		size_t len;
		const char *ids, *msgs;
	} cases[] = {
		{ "a\n\nb\0c", 6, "", "" },		/* NUL in the body is fine here */
		{ "a\nb\n", 4, "", "" },		/* no body, last line complete */
		{ "a\n\n", 3, "", "" },
		{ "a\nb", 3, "unterminatedHeader", "unterminatedHeader: unterminated header\n" },
		{ "", 0, "unterminatedHeader", "unterminatedHeader: unterminated header\n" },
		{ "a\nb\0\n\n", 6, "nulInHeader",
		  "nulInHeader: unterminated header: NUL at offset 3\n" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct collected c = { STRBUF_INIT, STRBUF_INIT, 0, 0 };
		struct fsck_options o = { 0, collect_report, &c };
		int ret = fsck_check_headers(cases[i].buf, cases[i].len, &o);

		cr_expect_str_eq(c.ids.buf, cases[i].ids, "case %zu", i);
		cr_expect_str_eq(c.msgs.buf, cases[i].msgs, "case %zu", i);
		cr_expect_eq(ret, !!*cases[i].ids, "case %zu", i);
		strbuf_release(&c.ids);
		strbuf_release(&c.msgs);
	}
}

/* A report function that ignores everything: the FATAL ids must still stop the check. */
static int shrug(enum fsck_msg_id id, const char *msg, void *payload)
{
	(void)id;
	(void)msg;
	(void)payload;
	return 0;
}

Test(fsck, fatal_header_problems_stop_even_if_ignored)
{
	struct fsck_options o = { 0, shrug, NULL };

	cr_expect_eq(commit_check("tree x\0", 7, &o), 1);
	cr_expect_eq(tag_check("object x", 8, &o), 1);
}

/* ---- git as the oracle ---- */

struct raw {
	const char *type;
	const char *buf;
	size_t len;
};

#define RAW(type, lit) { type, lit, sizeof(lit) - 1 }

/* Does `git hash-object -t <type>` (no --literally) accept or die exactly as we say? */
static void expect_hash_object_agrees(const char *type, const void *buf,
				      size_t len, const char *desc)
{
	struct strbuf errors = STRBUF_INIT, want = STRBUF_INIT, args = STRBUF_INIT;
	char *out, *err;
	int status, ret;

	strbuf_addf(&args, "hash-object -t %s --stdin", type);
	status = git_with_input(buf, len, &out, &err, args.buf);
	ret = fsck_hash_object_check(&errors, object_type_from_name(type, strlen(type)),
				     buf, len);
	if (!ret) {
		cr_expect_eq(status, 0, "%s: git refused: %s", desc, err);
		cr_expect_eq(errors.len, 0, "%s", desc);
	} else {
		cr_expect_eq(ret, UG_ECORRUPT, "%s", desc);
		strbuf_addf(&want, "%sfatal: %s\n", errors.buf, ug_error_last());
		cr_expect_eq(status, 128, "%s: git accepted it", desc);
		cr_expect_str_eq(err, want.buf, "%s", desc);
	}
	free(out);
	free(err);
	strbuf_release(&errors);
	strbuf_release(&want);
	strbuf_release(&args);
}

#define COMMIT_HEAD "tree " TREE_ID "\n"
#define TAG_HEAD "object " COMMIT_ID "\ntype commit\n"

static const struct raw hash_object_cases[] = {
	RAW("commit", COMMIT_HEAD "author " ID "\ncommitter " ID "\n\nmsg\n"),
	RAW("commit", COMMIT_HEAD "parent " PARENT_ID "\nparent " COMMIT_ID "\nauthor " ID "\ncommitter " ID "\n\nm\n"),
	RAW("commit", COMMIT_HEAD "x"),				/* 47 bytes: enough */
	RAW("commit", COMMIT_HEAD),				/* 46 bytes: bogus */
	RAW("commit", "tree " TREE_ID),
	RAW("commit", ""),
	RAW("commit", "xtree " TREE_ID "\nauthor " ID "\n\nm\n"),
	RAW("commit", "\ntree " TREE_ID "\nauthor " ID "\n\nm\n"),
	RAW("commit", "tree " TREE_ID "\r\nauthor " ID "\n\nm\n"),
	RAW("commit", "tree 333333333333333333333333333333333333333\nauthor " ID "\n\nm\n"),
	RAW("commit", "tree 333333333333333333333333333333333333333x\nauthor " ID "\n\nm\n"),
	RAW("commit", "tree 3333333333333333333333333333333333333333\nauthor " ID "\n\nm\n"),
	RAW("commit", "tree ABCDEF3333333333333333333333333333333333\nauthor " ID "\n\nm\n"),
	RAW("commit", COMMIT_HEAD "parent 444444444444444444444444444444444444444\nauthor " ID "\n\nm\n"),
	RAW("commit", COMMIT_HEAD "parent 444444444444444444444444444444444444444x\nauthor " ID "\n\nm\n"),
	RAW("commit", COMMIT_HEAD "parent " PARENT_ID "\n"),	/* a parent line may not end it */
	RAW("commit", COMMIT_HEAD "parent " PARENT_ID "\nx"),
	RAW("commit", COMMIT_HEAD "parent " PARENT_ID),
	RAW("commit", COMMIT_HEAD "parent " TREE_ID "\nauthor " ID "\n\nm\n"),	/* tree as parent */
	RAW("commit", COMMIT_HEAD "committer " ID "\n\nno author: fine here\n"),
	RAW("commit", COMMIT_HEAD "author " ID "\0\ncommitter " ID "\n\nm\n"),
	RAW("commit", COMMIT_HEAD "author A <a@x> 99999999999999999999999 +0000\n\nm\n"),
	RAW("tag", TAG_HEAD "tag v1\ntagger " ID "\n\nmsg\n"),
	RAW("tag", TAG_HEAD "tag v1\n\nno tagger\n"),
	RAW("tag", "object " COMMIT_ID "\ntype tag\ntag v\n"),	/* 63 bytes: too short */
	RAW("tag", "object " COMMIT_ID "\ntype tag\ntag vv\n"),	/* 64 bytes: enough */
	RAW("tag", TAG_HEAD "tag v1\n\n"),
	RAW("tag", "object " COMMIT_ID "\ntype comit\ntag v1\ntagger " ID "\n\nm\n"),
	RAW("tag", "object " COMMIT_ID "\ntype \ntag v1\ntagger " ID "\n\nm\n"),
	RAW("tag", "object " COMMIT_ID "\ntype commitxxxxxxxxxxxxx\ntag v1\n\nm\n"),	/* 19 */
	RAW("tag", "object " COMMIT_ID "\ntype commitxxxxxxxxxxxxxx\ntag v1\n\nm\n"),	/* 20 */
	RAW("tag", "object " COMMIT_ID "\ntype tree\ntag v1\ntagger " ID "\n\nm\n"),
	RAW("tag", "object " COMMIT_ID "\ntag v1\ntagger " ID "\n\nmsg\n"),
	RAW("tag", TAG_HEAD "tagger " ID "\n\nmsg\nmore bytes\n"),
	RAW("tag", "type commit\ntag v1\ntagger " ID "\n\nmsg\nand more bytes\n"),
	RAW("tag", "object 555555555555555555555555555555555555555\ntype commit\ntag v1\n\nmsg\n"),
	RAW("tag", TAG_HEAD "tag v1 but never a newline, long enough"),
	RAW("tag", TAG_HEAD "tag v1..2\ntagger " ID "\n\nbad names are fsck's business\n"),
	RAW("blob", "anything\0at all"),
};

Test(fsck, hash_object_check_matches_git_for_commits_and_tags)
{
	size_t i;
	char desc[64];

	git("init -q .");
	for (i = 0; i < ARRAY_SIZE(hash_object_cases); i++) {
		snprintf(desc, sizeof(desc), "case %zu", i);
		expect_hash_object_agrees(hash_object_cases[i].type, hash_object_cases[i].buf,
					  hash_object_cases[i].len, desc);
	}
}

Test(fsck, hash_object_check_matches_git_for_trees)
{
	struct strbuf t = STRBUF_INIT;
	size_t cut;

	git("init -q .");
	expect_hash_object_agrees("tree", "", 0, "empty tree");
	add_entry(&t, "100644", "a", NULL);
	add_entry(&t, "40000", "d", NULL);
	add_entry(&t, "100644", "a", NULL);	/* duplicates: only fsck minds */
	add_entry(&t, "0100664", "b", NULL);	/* unsorted, odd mode: read fine */
	add_entry(&t, "77777777777777777", "c", NULL);	/* wraps, as in git */
	expect_hash_object_agrees("tree", t.buf, t.len, "odd but readable");
	/* every truncation of it */
	for (cut = 1; cut < t.len; cut++) {
		char desc[64];

		snprintf(desc, sizeof(desc), "first %zu bytes", cut);
		expect_hash_object_agrees("tree", t.buf, cut, desc);
	}
	strbuf_reset(&t);
	add_entry(&t, "10064x", "a", NULL);
	expect_hash_object_agrees("tree", t.buf, t.len, "bad mode digit");
	strbuf_reset(&t);
	add_entry(&t, "100644", "", NULL);
	expect_hash_object_agrees("tree", t.buf, t.len, "empty name");
	strbuf_reset(&t);
	strbuf_addstr(&t, " a");
	strbuf_add(&t, "\0" BLOB_ID, 21);
	expect_hash_object_agrees("tree", t.buf, t.len, "empty mode");
	strbuf_release(&t);
}

/* ---- fsck itself: every object through git fsck and through us ---- */

struct obj {
	const char *type;
	struct strbuf body;
	char hex[UG_OID_HEXSZ + 1];
	struct strbuf git_lines[2];	/* [strict] */
};

struct objs {
	struct obj *v;
	size_t nr, alloc;
};

static struct obj *new_obj(struct objs *o, const char *type)
{
	struct obj *x;

	ALLOC_GROW(o->v, o->nr + 1, o->alloc);
	x = &o->v[o->nr++];
	memset(x, 0, sizeof(*x));
	x->type = type;
	strbuf_init(&x->body, 0);
	strbuf_init(&x->git_lines[0], 0);
	strbuf_init(&x->git_lines[1], 0);
	return x;
}

static void add_raw(struct objs *o, const char *type, const char *buf, size_t len)
{
	strbuf_add(&new_obj(o, type)->body, buf, len);
}

/*
 * A tree from "mode name|mode name|...": each entry points to an id
 * chosen by its mode, so git never sees one id used as two types; a
 * name ending in "=0" points to the null id instead.
 */
static void add_tree(struct objs *o, const char *spec)
{
	struct strbuf *t = &new_obj(o, "tree")->body;
	char *copy = xstrdup(spec), *save = NULL, *e;

	for (e = strtok_r(copy, "|", &save); e; e = strtok_r(NULL, "|", &save)) {
		char *name = strchr(e, ' '), *z;
		const char *hex;
		unsigned mode;

		cr_assert(name, "%s", spec);
		*name++ = '\0';
		mode = tree_canon_mode((unsigned)strtoul(e, NULL, 8));
		hex = mode == TREE_MODE_DIR ? DIR_ID : mode == TREE_MODE_GITLINK ? GITLINK_ID : BLOB_ID;
		z = strstr(name, "=0");
		if (z && !z[2]) {
			*z = '\0';
			hex = NULL_ID;
		}
		add_entry(t, e, name, hex);
	}
	free(copy);
}

/* Write all objects with one git process per type. */
static void write_objects(struct objs *o)
{
	static const char *const types[] = { "tree", "commit", "tag" };
	size_t t, i;

	for (t = 0; t < ARRAY_SIZE(types); t++) {
		struct strbuf paths = STRBUF_INIT, args = STRBUF_INIT;
		char *out, *line, *save = NULL;

		for (i = 0; i < o->nr; i++) {
			char path[32];

			if (strcmp(o->v[i].type, types[t]))
				continue;
			snprintf(path, sizeof(path), "obj-%zu", i);
			write_file(path, o->v[i].body.buf, o->v[i].body.len);
			strbuf_addf(&paths, "%s\n", path);
		}
		strbuf_addf(&args, "hash-object -t %s --literally -w --stdin-paths", types[t]);
		cr_assert_eq(git_with_input(paths.buf, paths.len, &out, NULL, args.buf), 0);
		line = strtok_r(out, "\n", &save);
		for (i = 0; i < o->nr; i++) {
			if (strcmp(o->v[i].type, types[t]))
				continue;
			cr_assert_not_null(line);
			memcpy(o->v[i].hex, line, UG_OID_HEXSZ + 1);
			line = strtok_r(NULL, "\n", &save);
		}
		free(out);
		strbuf_release(&paths);
		strbuf_release(&args);
	}
}

/* git fsck's "<severity> in <type> <id>: <id>: <msg>" lines, per object. */
static void run_git_fsck(struct objs *o, int strict)
{
	char *err, *line, *save = NULL;
	size_t i;

	git_with_input("", 0, NULL, &err, strict ? "fsck --strict --no-dangling" :
		       "fsck --no-dangling");
	for (line = strtok_r(err, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *p = line;

		if (!skip_prefix(p, "error in ", &p) && !skip_prefix(p, "warning in ", &p))
			continue;
		p = strchr(p, ' ') + 1;
		/* the object walk's complaints are the fsck command's business */
		if (!strcmp(p + UG_OID_HEXSZ, ": broken links"))
			continue;
		for (i = 0; i < o->nr; i++)
			if (!strncmp(o->v[i].hex, p, UG_OID_HEXSZ))
				strbuf_addf(&o->v[i].git_lines[strict], "%s\n", line);
	}
	free(err);
}

struct line_sink {
	struct strbuf *out;
	int strict;
	const char *type;
	struct oid oid;
};

static int sink_report(enum fsck_msg_id id, const char *msg, void *payload)
{
	struct line_sink *s = payload;
	struct strbuf line = STRBUF_INIT;
	int ret = fsck_format_report(&line, id, s->strict, s->type, &s->oid, msg);

	if (line.len)
		strbuf_addf(s->out, "%s\n", line.buf);
	strbuf_release(&line);
	return ret;
}

/*
 * What git's fsck prints for one object: like git, only what its reader
 * accepts gets checked (the rest is "object could not be parsed").
 */
static void our_lines(struct strbuf *out, const struct obj *x, int strict)
{
	struct line_sink sink = { out, strict, x->type, { { 0 } } };
	struct fsck_options opts = { strict, sink_report, &sink };
	enum object_type type = object_type_from_name(x->type, strlen(x->type));

	assert_ok(oid_from_hex(&sink.oid, x->hex));
	if (type == OBJ_COMMIT) {
		struct commit c = COMMIT_INIT;
		int bad = commit_parse(&c, x->body.buf, x->body.len) < 0;

		commit_release(&c);
		if (bad)
			return;
	} else if (type == OBJ_TAG) {
		struct tag t = TAG_INIT;
		int bad = tag_parse(&t, x->body.buf, x->body.len) < 0 || t.type == OBJ_BAD;

		tag_release(&t);
		if (bad)
			return;
	}
	fsck_buffer(type, x->body.buf, x->body.len, &opts);
}

static void expect_fsck_agrees(struct objs *o)
{
	struct strbuf ours = STRBUF_INIT;
	size_t i, seen = 0;
	int strict;

	git("init -q .");
	write_objects(o);
	for (strict = 0; strict <= 1; strict++) {
		run_git_fsck(o, strict);
		for (i = 0; i < o->nr; i++) {
			seen += o->v[i].git_lines[strict].len != 0;
			strbuf_reset(&ours);
			our_lines(&ours, &o->v[i], strict);
			cr_expect_str_eq(ours.buf, o->v[i].git_lines[strict].buf,
					 "%s %zu (strict=%d): '%.*s'", o->v[i].type, i, strict,
					 (int)(o->v[i].body.len < 120 ? o->v[i].body.len : 120),
					 o->v[i].body.buf);
		}
	}
	/* most objects are bad: make sure git's lines were really read */
	cr_expect_gt(seen, o->nr / 2, "only %zu of %zu objects had git fsck lines", seen, o->nr);
	strbuf_release(&ours);
	for (i = 0; i < o->nr; i++) {
		strbuf_release(&o->v[i].body);
		strbuf_release(&o->v[i].git_lines[0]);
		strbuf_release(&o->v[i].git_lines[1]);
	}
	free(o->v);
}

Test(fsck, trees_report_what_git_reports)
{
	static const char *const specs[] = {
		"100644 a|100755 b|120000 c|40000 d|160000 e",
		"100644 a|100644 a",
		"100644 a|40000 a",
		"40000 a|100644 a",
		"100644 x|100644 x.1|40000 x",
		"100644 x|100644 x-y|100644 x.1|40000 x",
		"100644 a|100644 a-b|40000 a-b|40000 a",
		"100644 a.b|40000 a",
		"40000 a|100644 a.b",
		"100644 b|100644 a",
		"100644 a|100644 a/b",
		"100644 a|100644 a/b|100644 .|100644 ..",
		"040000 d|100644 e",
		"0100644 a",
		"100664 a",
		"100000 a",
		"1 a",
		"0 a",
		"77777777777777777 a",
		"100644 a=0",
		"100644 .git",
		"100644 .GIT",
		"100644 git~1",
		"100644 .git.",
		"100644 .git . .",
		"100644 .git::$INDEX_ALLOCATION",
		"100644 a\\.git",
		"100644 x\\git~1",
		"100644 .g\xe2\x80\x8cit",
		"100644 .git\xff",
		"100644 .gitx",
		"120000 .gitmodules",
		"100644 .gitmodules",
		"120000 .GITMODULES",
		"120000 .gitmodules.",
		"120000 gitmod~1",
		"120000 gi7eba~1",
		"120000 gitmod~5",
		"120000 a\\.gitmodules",
		"120000 a\\.gitmodules\\b",
		"120000 .gitmodul\xe2\x80\x8c" "es",
		"120000 .gitignore",
		"100644 .gitignore",
		"120000 .mailmap",
		"120000 .gitattributes",
		"100644 .gitattributes",
		"120000 gi7d29~1",
		"100644 b=0|100644 .git|0100644 c|100644 c|100644 a/b",
	};
	struct objs o = { NULL, 0, 0 };
	struct strbuf *t;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(specs); i++)
		add_tree(&o, specs[i]);
	/* broken trees: flags gathered before the break are still reported */
	t = &new_obj(&o, "tree")->body;
	add_entry(t, "100644", ".git", NULL_ID);
	add_entry(t, "100644", "b", NULL);
	add_entry(t, "10x644", "c", NULL);
	t = &new_obj(&o, "tree")->body;
	add_entry(t, "100644", "b", NULL);
	add_entry(t, "100644", "a", NULL);
	add_entry(t, "100644", "c", NULL);
	strbuf_setlen(t, t->len - 5);
	t = &new_obj(&o, "tree")->body;
	add_entry(t, "100644", "a", NULL);
	add_entry(t, "100644", "", NULL);
	t = &new_obj(&o, "tree")->body;
	add_entry(t, "100644", "z", NULL);
	add_entry(t, "100644", "y", NULL);	/* unsorted, but the next entry is bad */
	add_entry(t, "100644", "", NULL);
	add_raw(&o, "tree", "100644 a", 8);
	expect_fsck_agrees(&o);
}

/* A small deterministic generator, so a failure can be replayed. */
static unsigned next_rand(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

/*
 * Random small trees over names that are prefixes of each other, mostly in
 * git order (where duplicates hide best), some not.
 */
Test(fsck, random_trees_order_and_duplicates_agree_with_git)
{
	static const char *const names[] = {
		"a", "a.", "a.b", "a-", "a-b", "a-b.c", "a-b-c", "a-b.", "a!", "a0", "ab",
		"b", "a-b!", "a.b.c", "a..", "a-.",
	};
	struct objs o = { NULL, 0, 0 };
	struct oid blob, dir;
	unsigned seed = 42;
	int n;

	assert_ok(oid_from_hex(&blob, BLOB_ID));
	assert_ok(oid_from_hex(&dir, DIR_ID));
	for (n = 0; n < 1500; n++) {
		struct tree tree = TREE_INIT;
		unsigned k, count = 2 + next_rand(&seed) % 5;

		for (k = 0; k < count; k++) {
			int is_dir = next_rand(&seed) % 2;

			tree_add(&tree, is_dir ? TREE_MODE_DIR : TREE_MODE_FILE,
				 names[next_rand(&seed) % ARRAY_SIZE(names)], is_dir ? &dir : &blob);
		}
		if (next_rand(&seed) % 5)
			tree_sort(&tree);
		tree_serialize(&new_obj(&o, "tree")->body, &tree);
		tree_release(&tree);
	}
	expect_fsck_agrees(&o);
}

static const char *const idents[] = {
	"A <a@x> 1 +0000", "<a@x> 1 +0000", " <a@x> 1 +0000", "A<a@x> 1 +0000",
	"A <a@x 1 +0000", "A a@x> 1 +0000", "A a@x 1 +0000", "A <a<x> 1 +0000",
	"A <a@x>1 +0000", "A <a@x> 01 +0000", "A <a@x> 0 +0000", "A <a@x> 00 +0000",
	"A <a@x> 99999999999999999999 +0000", "A <a@x> 9223372036854775807 +0000",
	"A <a@x> 9223372036854775808 +0000", "A <a@x> 18446744073709551615 +0000",
	"A <a@x> -1 +0000", "A <a@x> -0 +0000", "A <a@x> +1 +0000", "A <a@x>  1 +0000",
	"A <a@x> 1 +00", "A <a@x> 1 +00000", "A <a@x> 1 0000", "A <a@x> 1  +0000",
	"A <a@x> x +0000", "A <a@x> 1", "A <a@x> 1 ", "A <a@x> ", "A <a@x>",
	"A <>  1 +0000", "A > <a@x> 1 +0000", "A <a@x> 1 +0000 x", "A <a@x> 1+0000",
	"A <a@x> 1 -9999", "A <a@x> 1 +ab00", "", "A <a@x> 0x10 +0000",
	"A <a@x> 1\t+0000", "A <a@x> \t1 +0000", "A <a@x> 1.5 +0000",
	"A <a@x> \v1 +0000", "A <a@x> \f1 +0000", "A <a@x> \r1 +0000",
	"A <a@x> 1 +1234\r",
};

Test(fsck, commits_report_what_git_reports)
{
	static const struct raw raws[] = {
		RAW("commit", COMMIT_HEAD "author " ID "\ncommitter " ID "\n\nmsg\n"),
		RAW("commit", COMMIT_HEAD "parent " PARENT_ID "\nparent " COMMIT_ID "\nauthor " ID
		    "\ncommitter " ID "\nencoding ISO-8859-1\ngpgsig -----BEGIN-----\n x\n -----END-----\n\nm\n"),
		RAW("commit", COMMIT_HEAD "committer " ID "\n\nm\n"),
		RAW("commit", COMMIT_HEAD "author " ID "\nauthor " ID "\ncommitter " ID "\n\nm\n"),
		RAW("commit", COMMIT_HEAD "author " ID "\n\nm\n"),
		RAW("commit", COMMIT_HEAD "author " ID "\ncommitter " ID "\n"),
		RAW("commit", COMMIT_HEAD "author " ID "\ncommitter " ID),
		RAW("commit", COMMIT_HEAD "author " ID "\0\ncommitter " ID "\n\nm\n"),
		RAW("commit", COMMIT_HEAD "author " ID "\ncommitter " ID "\n\nm\0sg\n"),
		RAW("commit", COMMIT_HEAD "author A <a@x> 1 +0000\ncommitter " ID "\n\n"),
		RAW("commit", COMMIT_HEAD "author A <a@x> \n5 +0000\ncommitter " ID "\n\nm\n"),
		RAW("commit", COMMIT_HEAD "author A <a@x> \n5 +0000\n\nm\n"),
		RAW("commit", COMMIT_HEAD "author A <a@x> 1 +0000\ncommitter A <a@x> 01 +0000\n\nm\n"),
		RAW("commit", COMMIT_HEAD "author A <a@x> 01 +0000\ncommitter A <a@x> 01 +0000\n\nm\n"),
		RAW("commit", COMMIT_HEAD "foo bar\nauthor " ID "\ncommitter " ID "\n\nm\n"),
		RAW("commit", COMMIT_HEAD "author " ID "\nfoo\ncommitter " ID "\n\nm\n"),
		RAW("commit", COMMIT_HEAD "author " ID "\ncommitter " ID "\nauthor " ID "\n\nm\n"),
		RAW("commit", "tree 3333333333333333333333333333333333333333\nauthor " ID "\n\nm\n"),
		RAW("commit", "tree " TREE_ID "\r\nauthor " ID "\n\nm\n"),
	};
	struct objs o = { NULL, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(raws); i++)
		add_raw(&o, raws[i].type, raws[i].buf, raws[i].len);
	for (i = 0; i < ARRAY_SIZE(idents); i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, COMMIT_HEAD "author %s\ncommitter " ID "\n\nm\n", idents[i]);
		add_raw(&o, "commit", sb.buf, sb.len);
		strbuf_reset(&sb);
		strbuf_addf(&sb, COMMIT_HEAD "author " ID "\ncommitter %s\n\nm\n", idents[i]);
		add_raw(&o, "commit", sb.buf, sb.len);
	}
	strbuf_release(&sb);
	expect_fsck_agrees(&o);
}

Test(fsck, tags_report_what_git_reports)
{
	static const char *const tag_names[] = {
		"v1", "v1..2", "", "a b", "-x", "x.lock", "x.lock/y", ".x", "x.", "a//b", "a/b",
		"/a", "a/", "x@{y", "@", "x@y", "x{y", "x~1", "x^", "x:y", "x?", "x*", "x[",
		"x\\y", "x\x7f", "x\x01", "\xc3\xbc", "x..", "a/.b", "a./b", "x\ty",
	};
	static const struct raw raws[] = {
		RAW("tag", TAG_HEAD "tag v1\ntagger " ID "\n\nmsg\n"),
		RAW("tag", TAG_HEAD "tag v1\n\nno tagger\n"),
		RAW("tag", TAG_HEAD "tag v1\ntagger A <a@x> 01 +0000\n\nmsg\n"),
		RAW("tag", TAG_HEAD "tag v1\ntagger A <a@x> 01 +0000\nfoo bar\n\nmsg\n"),
		RAW("tag", TAG_HEAD "tag v1\ntagger " ID "\nfoo bar\n\nmsg\n"),
		RAW("tag", TAG_HEAD "tag v1\nfoo bar\n\nmsg, no tagger\n"),
		RAW("tag", TAG_HEAD "tag v1\ntagger " ID "\n"),
		RAW("tag", TAG_HEAD "tag v1\ntagger " ID),
		RAW("tag", TAG_HEAD "tag v1\ntagger " ID "\0\n\nmsg\n"),
		RAW("tag", "object " TREE_ID "\ntype tree\ntag v1\ntagger " ID "\n\nmsg\n"),
		RAW("tag", "object " BLOB_ID "\ntype blob\ntag v1\ntagger " ID "\n\nmsg\n"),
		RAW("tag", "object " TAG_ID "\ntype tag\ntag v1\ntagger " ID "\n\nmsg\n"),
		RAW("tag", "object " COMMIT_ID "\ntype comit\ntag v1\ntagger " ID "\n\nmsg\n"),
		RAW("tag", "object " COMMIT_ID "\ntag v1\ntagger " ID "\n\nmsg\nlong enough\n"),
		RAW("tag", TAG_HEAD "tagger " ID "\n\nmsg\nlong enough\n"),
	};
	struct objs o = { NULL, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(raws); i++)
		add_raw(&o, raws[i].type, raws[i].buf, raws[i].len);
	for (i = 0; i < ARRAY_SIZE(tag_names); i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, TAG_HEAD "tag %s\ntagger " ID "\n\nmsg\n", tag_names[i]);
		add_raw(&o, "tag", sb.buf, sb.len);
	}
	for (i = 0; i < ARRAY_SIZE(idents); i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, TAG_HEAD "tag v1\ntagger %s\n\nmsg\n", idents[i]);
		add_raw(&o, "tag", sb.buf, sb.len);
	}
	strbuf_release(&sb);
	expect_fsck_agrees(&o);
}

/* ---- mutations: nothing may read out of bounds, whatever the bytes ---- */

static int ignore_all(enum fsck_msg_id id, const char *msg, void *payload)
{
	(void)id;
	(void)msg;
	(void)payload;
	return 0;
}

/* Parse, check and format-check `buf` every way there is, for the sanitizers. */
static void exercise(const char *buf, size_t len)
{
	struct collected c = { STRBUF_INIT, STRBUF_INIT, 1, 0 };
	struct fsck_options strict = { 1, collect_report, &c };
	struct fsck_options lax = { 0, ignore_all, NULL };
	struct strbuf errors = STRBUF_INIT, out = STRBUF_INIT;
	struct tree tree = TREE_INIT;
	struct commit commit = COMMIT_INIT;
	struct tag tag = TAG_INIT;
	enum object_type t;
	size_t used;
	struct ident id;

	if (!tree_parse(&tree, buf, len))
		tree_serialize(&out, &tree);
	if (!commit_parse(&commit, buf, len))
		commit_serialize(&out, &commit);
	if (!tag_parse(&tag, buf, len) && tag.type_name)
		tag_serialize(&out, &tag);
	for (t = OBJ_COMMIT; t <= OBJ_TAG; t++) {
		fsck_buffer(t, buf, len, &strict);
		fsck_buffer(t, buf, len, &lax);
		fsck_hash_object_check(&errors, t, buf, len);
	}
	ident_check(buf, len, &used, &lax);
	ident_parse(&id, buf, len);
	tree_release(&tree);
	commit_release(&commit);
	tag_release(&tag);
	strbuf_release(&errors);
	strbuf_release(&out);
	strbuf_release(&c.ids);
	strbuf_release(&c.msgs);
}

Test(fsck, random_mutations_are_safe)
{
	static const char pieces[] = "\n\n\0 <>+-0123456789 /.\\~1:";
	struct strbuf seeds[3], m = STRBUF_INIT;
	unsigned seed = 7;
	size_t s;
	int n;

	for (s = 0; s < ARRAY_SIZE(seeds); s++)
		strbuf_init(&seeds[s], 0);
	add_entry(&seeds[0], "100644", ".gitmodules", NULL);
	add_entry(&seeds[0], "40000", "a", DIR_ID);
	add_entry(&seeds[0], "120000", "a\\git~1", NULL);
	strbuf_addstr(&seeds[1], COMMIT_HEAD "parent " PARENT_ID "\nauthor " ID "\ncommitter " ID
		      "\nencoding x\n\nmsg\n");
	strbuf_addstr(&seeds[2], TAG_HEAD "tag v1\ntagger " ID "\n\nmsg\n");
	for (n = 0; n < 6000; n++) {
		struct strbuf *base = &seeds[n % 3];
		unsigned edits = 1 + next_rand(&seed) % 4, k;
		char *copy;

		strbuf_reset(&m);
		strbuf_addbuf(&m, base);
		for (k = 0; k < edits && m.len; k++) {
			size_t at = next_rand(&seed) % m.len;
			char ch = pieces[next_rand(&seed) % (sizeof(pieces) - 1)];

			switch (next_rand(&seed) % 4) {
			case 0:	/* overwrite */
				m.buf[at] = ch;
				break;
			case 1:	/* cut short */
				strbuf_setlen(&m, at);
				break;
			case 2:	/* insert */
				strbuf_addch(&m, 0);
				memmove(m.buf + at + 1, m.buf + at, m.len - at - 1);
				m.buf[at] = ch;
				break;
			default:	/* drop a byte */
				memmove(m.buf + at, m.buf + at + 1, m.len - at - 1);
				strbuf_setlen(&m, m.len - 1);
			}
		}
		copy = exact_copy(m.buf, m.len);
		exercise(copy, m.len);
		free(copy);
	}
	for (s = 0; s < ARRAY_SIZE(seeds); s++)
		strbuf_release(&seeds[s]);
	strbuf_release(&m);
}
