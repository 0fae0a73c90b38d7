/* Unit tests: annotated tags - reading git's, writing git's bytes, the odd ones. */
#include "model_helpers.h"

#include <signal.h>

#include "ugit/ident.h"
#include "ugit/tag.h"
#include "ugit/xalloc.h"

TestSuite(tag, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))
#define COMMIT_ID "5555555555555555555555555555555555555555"
#define ID "A U Thor <a@x> 1112911993 -0700"
#define HEAD "object " COMMIT_ID "\ntype commit\n"

static char *cat_tag(const char *rev, struct oid *oid, size_t *len)
{
	char args[128], *hex = git_output("rev-parse %s", rev), *body;

	assert_ok(oid_from_hex(oid, hex));
	snprintf(args, sizeof(args), "cat-file tag %s", hex);
	body = git_bytes(args, len);
	free(hex);
	return body;
}

static void expect_round_trip(const char *tagname, enum object_type type,
			      const char *type_name, const char *message)
{
	struct tag t = TAG_INIT;
	struct strbuf out = STRBUF_INIT;
	struct oid oid, again;
	char hex[UG_OID_HEXSZ + 1], *target, *tagger;
	size_t len;
	char *body = cat_tag(tagname, &oid, &len);

	assert_ok(tag_parse(&t, body, len));
	target = git_output("rev-parse %s^{}", tagname);
	if (type != OBJ_TAG)
		cr_expect_str_eq(oid_to_hex(hex, &t.object), target, "%s", tagname);
	cr_expect_eq(t.type, type, "%s", tagname);
	cr_expect_str_eq(t.type_name, type_name);
	cr_expect_str_eq(t.name, tagname);
	tagger = git_output("for-each-ref --format='%%(taggername) %%(taggeremail) %%(taggerdate:raw)' "
			    "refs/tags/%s", tagname);
	cr_expect_str_eq(t.tagger, tagger);
	cr_expect_str_eq(t.message, message);
	tag_serialize(&out, &t);
	cr_expect(out.len == len && !memcmp(out.buf, body, len), "%s: '%s'", tagname, out.buf);
	oid_hash_object(&again, "tag", out.buf, out.len);
	cr_expect(oid_eq(&oid, &again));
	strbuf_release(&out);
	tag_release(&t);
	free(target);
	free(tagger);
	free(body);
}

Test(tag, git_made_tags_round_trip)
{
	git("init -q .");
	git("commit -q --allow-empty -m root");
	git("tag -a v1 -m 'release 1'");
	git("tag -a t-tree -m 'a tree' HEAD^{tree}");
	git("-c advice.nestedTag=false tag -a t-tag -m 'nested' v1");
	write_file("msg", "subject\n\nbody\n", 14);
	git("tag -a t-file -F msg");
	expect_round_trip("v1", OBJ_COMMIT, "commit", "release 1\n");
	expect_round_trip("t-tree", OBJ_TREE, "tree", "a tree\n");
	expect_round_trip("t-tag", OBJ_TAG, "tag", "nested\n");
	expect_round_trip("t-file", OBJ_COMMIT, "commit", "subject\n\nbody\n");
}

Test(tag, written_from_scratch_like_mktag)
{
	struct tag t = TAG_INIT;
	struct strbuf out = STRBUF_INIT, who = STRBUF_INIT;
	struct oid oid;
	char hex[UG_OID_HEXSZ + 1], *commit, *theirs;

	git("init -q .");
	git("commit -q --allow-empty -m root");
	commit = git_output("rev-parse HEAD");
	assert_ok(oid_from_hex(&t.object, commit));
	t.type = OBJ_COMMIT;	/* no type_name: the type's own name is written */
	t.name = xstrdup("v2.0");
	ident_format(&who, "C O Mitter", "committer@example.com", 1112911993, -700);
	t.tagger = strbuf_detach(&who, NULL);
	t.message = xstrdup("version 2\n");
	t.message_len = strlen(t.message);
	tag_serialize(&out, &t);
	oid_hash_object(&oid, "tag", out.buf, out.len);
	cr_assert_eq(git_with_input(out.buf, out.len, &theirs, NULL, "mktag"), 0);
	cr_expect_str_eq(oid_to_hex(hex, &oid), strtok(theirs, "\n"));
	free(theirs);
	free(commit);
	strbuf_release(&out);
	tag_release(&t);
}

Test(tag, lenient_parse_table)
{
	static const struct {
		const char *buf;
		enum object_type type;
		const char *type_name, *name, *tagger, *message;
	} cases[] = {
		{ HEAD "tag v1\ntagger " ID "\n\nmsg\n", OBJ_COMMIT, "commit", "v1", ID, "msg\n" },
		{ HEAD "tag v1\n\nan early tag, no tagger\n", OBJ_COMMIT, "commit", "v1", NULL,
		  "an early tag, no tagger\n" },
		{ "object " COMMIT_ID "\ntype blob\ntag v1\ntagger " ID "\n\n", OBJ_BLOB, "blob", "v1", ID, "" },
		{ "object " COMMIT_ID "\ntype comit\ntag v1\ntagger " ID "\n\nm", OBJ_BAD, "comit", "v1", ID, "m" },
		{ "object " COMMIT_ID "\ntype \ntag v1\ntagger " ID "\n\nm", OBJ_BAD, "", "v1", ID, "m" },
		{ HEAD "tag v1\ntagger " ID "\nextra header\n\nm", OBJ_COMMIT, "commit", "v1", ID, "m" },
		{ HEAD "tag v1\nfoo\ntagger " ID "\n\nm", OBJ_COMMIT, "commit", "v1", NULL, "m" },
		{ HEAD "tag v1\ntagger " ID, OBJ_COMMIT, "commit", "v1", ID, "" },
		{ HEAD "tag v1\ntagger " ID "\n", OBJ_COMMIT, "commit", "v1", ID, "" },
		{ HEAD "tag \ntagger " ID "\n\n\n\n", OBJ_COMMIT, "commit", "", ID, "\n\n" },
		{ HEAD "tag v1\ntagger\n\nlong enough, but tagger needs its space\n", OBJ_COMMIT,
		  "commit", "v1", NULL, "long enough, but tagger needs its space\n" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct tag t = TAG_INIT;

		assert_ok(tag_parse(&t, cases[i].buf, strlen(cases[i].buf)));
		cr_expect_eq(t.type, cases[i].type, "case %zu", i);
		cr_expect_str_eq(t.type_name, cases[i].type_name, "case %zu", i);
		cr_expect_str_eq(t.name, cases[i].name, "case %zu", i);
		if (cases[i].tagger)
			cr_expect_str_eq(t.tagger, cases[i].tagger, "case %zu", i);
		else
			cr_expect_null(t.tagger, "case %zu", i);
		cr_expect_str_eq(t.message, cases[i].message, "case %zu", i);
		tag_release(&t);
	}
}

Test(tag, refusals)
{
	static const struct {
		const char *buf;
		const char *why;
	} cases[] = {
		{ "object " COMMIT_ID "\ntype tag\ntag v\n", "too short" },	/* 63 bytes */
		{ "", "too short" },
		{ "object " COMMIT_ID "\ntag v1\ntagger " ID "\n\nm\n", "expected 'type' line" },
		{ "object 555555555555555555555555555555555555555\ntype commit\ntag v1\n\nmsg\n",
		  "expected 'object <id>' line" },
		{ "objekt " COMMIT_ID "\ntype commit\ntag v1\n\nmessage\n", "expected 'object <id>' line" },
		{ "object " COMMIT_ID "\ntype commitxxxxxxxxxxxxxx\ntag v1\n\nm\n", "bad 'type' line" },
		{ "object " COMMIT_ID "\ntype commit but no newline at all, long", "bad 'type' line" },
		{ HEAD "tagger " ID "\n\nmsg\n", "expected 'tag' line" },
		{ HEAD "tag v1 and then never a newline anywhere", "unterminated 'tag' line" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct tag t = TAG_INIT;
		char want[128];

		cr_expect_eq(tag_parse(&t, cases[i].buf, strlen(cases[i].buf)), UG_ECORRUPT,
			     "case %zu", i);
		snprintf(want, sizeof(want), "corrupt tag: %s", cases[i].why);
		cr_expect_str_eq(ug_error_last(), want, "case %zu", i);
		cr_expect(!t.type_name && !t.name && !t.message, "case %zu: released", i);
		tag_release(&t);
	}
}

Test(tag, every_truncation_is_safe)
{
	struct oid oid;
	size_t len, cut, first_ok;
	char *body;

	git("init -q .");
	git("commit -q --allow-empty -m root");
	git("tag -a v1 -m 'a message that is long enough'");
	body = cat_tag("v1", &oid, &len);
	/* readable once the "tag" line is complete */
	first_ok = (size_t)(strstr(body, "tag v1\n") - body) + 7;
	for (cut = 0; cut <= len; cut++) {
		struct tag t = TAG_INIT;
		char *copy = exact_copy(body, cut), *ids;
		int ret = tag_parse(&t, copy, cut);

		cr_expect_eq(ret, cut >= first_ok ? 0 : UG_ECORRUPT, "cut %zu", cut);
		tag_release(&t);
		ids = check_ids_strict(tag_check, copy, cut, 1, NULL);
		free(ids);
		free(copy);
	}
	free(body);
}

Test(tag, serialize_without_a_type_is_a_bug, .signal = SIGABRT)
{
	struct tag t = TAG_INIT;
	struct strbuf out = STRBUF_INIT;

	tag_serialize(&out, &t);
}

/* ---- tag_check (git itself is the oracle in test_fsck.c) ---- */

Test(tag, check_table)
{
	static const struct {
		const char *buf;
		const char *ids;
		int ret;
	} cases[] = {
		{ HEAD "tag v1\ntagger " ID "\n\nmsg\n", "", 0 },
		{ HEAD "tag v1\n\nmsg\n", "missingTaggerEntry", 0 },
		{ HEAD "tag v1..2\ntagger " ID "\n\nmsg\n", "badTagName", 0 },
		{ HEAD "tag \ntagger " ID "\n\nmsg\n", "badTagName", 0 },
		{ "objec " COMMIT_ID "\n\n", "missingObject", 1 },
		{ "object 55\ntype commit\n\n", "badObjectSha1", 1 },
		{ "object " COMMIT_ID "\ntag v1\n\n", "missingTypeEntry", 1 },
		{ "object " COMMIT_ID "\ntype commit", "unterminatedHeader", 1 },
		{ "object " COMMIT_ID "\ntype comit\ntag v1\n\n", "badType", 1 },
		{ HEAD "tagger " ID "\n\n", "missingTagEntry", 1 },
		{ HEAD "tag v1\ntagger A <a@x> 01 +0000\n\nm\n", "zeroPaddedDate", 1 },
		{ HEAD "tag v1\ntagger " ID "\nfoo\n\nm\n", "extraHeaderEntry", 0 },
		/* as in git, the extra header's verdict replaces the tagger's */
		{ HEAD "tag v1\ntagger A <a@x> 01 +0000\nfoo\n\nm\n", "zeroPaddedDate extraHeaderEntry", 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int ret;
		char *ids = check_ids_strict(tag_check, cases[i].buf, strlen(cases[i].buf), 0, &ret);

		cr_expect_str_eq(ids, cases[i].ids, "case %zu", i);
		cr_expect_eq(ret, cases[i].ret, "case %zu", i);
		free(ids);
	}
}

Test(tag, tag_names_follow_check_ref_format)
{
	static const struct {
		const char *name;
		int ok;
	} cases[] = {
		{ "v1", 1 }, { "v1.0", 1 }, { "a/b", 1 }, { "-x", 1 }, { "@", 1 }, { "x@y", 1 },
		{ "x{y", 1 }, { "\xc3\xbc", 1 }, { "a./b", 1 }, { "foo.lockx", 1 },
		{ "", 0 }, { "v1..2", 0 }, { "a b", 0 }, { "x.lock", 0 }, { "x.lock/y", 0 },
		{ ".x", 0 }, { "a/.b", 0 }, { "x.", 0 }, { "a//b", 0 }, { "/a", 0 }, { "a/", 0 },
		{ "x@{y", 0 }, { "x~1", 0 }, { "x^", 0 }, { "x:y", 0 }, { "x?", 0 }, { "x*", 0 },
		{ "x[", 0 }, { "x\\y", 0 }, { "x\x7f", 0 }, { "x\x01", 0 }, { "x\ty", 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf buf = STRBUF_INIT;
		char *ids;

		strbuf_addf(&buf, HEAD "tag %s\ntagger " ID "\n\nm\n", cases[i].name);
		ids = check_ids(tag_check, buf.buf, buf.len);
		cr_expect_str_eq(ids, cases[i].ok ? "" : "badTagName", "'%s'", cases[i].name);
		free(ids);
		strbuf_release(&buf);
	}
}

Test(tag, bad_tag_name_message_quotes_the_name)
{
	static const char buf[] = HEAD "tag v1..2\ntagger " ID "\n\nm\n";
	struct collected c = { STRBUF_INIT, STRBUF_INIT, 0, 0 };
	struct fsck_options o = { 0, collect_report, &c };

	cr_expect_eq(tag_check(buf, sizeof(buf) - 1, &o), 0);
	cr_expect_str_eq(c.msgs.buf, "badTagName: invalid 'tag' name: v1..2\n");
	strbuf_release(&c.ids);
	strbuf_release(&c.msgs);
}
