/* Unit tests: oid (SHA-1, hex) and object headers. */
#include "helpers.h"

#include <string.h>

#include "ugit/object.h"
#include "ugit/oid.h"

Test(oid, hex_roundtrip)
{
	const char *hex = "ce013625030ba8dba906f756967f9e9ca394464a";
	char out[UG_OID_HEXSZ + 1];
	struct oid oid;

	assert_ok(oid_from_hex(&oid, hex));
	cr_assert_str_eq(oid_to_hex(out, &oid), hex);
}

Test(oid, upper_case_hex_is_accepted_and_written_lower)
{
	char out[UG_OID_HEXSZ + 1];
	struct oid oid;

	assert_ok(oid_from_hex(&oid, "CE013625030BA8DBA906F756967F9E9CA394464A"));
	cr_assert_str_eq(oid_to_hex(out, &oid),
			 "ce013625030ba8dba906f756967f9e9ca394464a");
}

Test(oid, bad_hex_is_refused)
{
	static const char *const bad[] = {
		"",
		"ce01",
		"ce013625030ba8dba906f756967f9e9ca394464",	/* 39 digits */
		"ce013625030ba8dba906f756967f9e9ca394464g",
		"xe013625030ba8dba906f756967f9e9ca394464a",
	};
	struct oid oid;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		cr_assert_eq(oid_from_hex(&oid, bad[i]), UG_EINVALID, "%s", bad[i]);
}

Test(oid, blob_ids_match_git)
{
	static const struct {
		const char *body;
		size_t len;
		const char *hex;
	} cases[] = {
		{ "hello\n", 6, "ce013625030ba8dba906f756967f9e9ca394464a" },
		{ "", 0, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391" },
		{ "a\0b", 3, "20b5be91886d0b6f26dc98a225c0dac05fe2c86e" },
	};
	char hex[UG_OID_HEXSZ + 1];
	struct oid oid;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		oid_hash_object(&oid, "blob", cases[i].body, cases[i].len);
		cr_assert_str_eq(oid_to_hex(hex, &oid), cases[i].hex, "case %zu", i);
	}
}

Test(oid, streaming_equals_one_shot)
{
	static const char data[] = "the quick brown fox jumps over the lazy dog";
	struct oid a, b;
	struct hash_ctx ctx;
	size_t i;

	hash_buffer(&a, data, sizeof(data) - 1);
	hash_init(&ctx);
	for (i = 0; i < sizeof(data) - 1; i++)
		hash_update(&ctx, data + i, 1);
	hash_final(&b, &ctx);
	cr_assert(oid_eq(&a, &b));
}

Test(oid, null_and_compare)
{
	struct oid z, one;

	oid_clear(&z);
	cr_assert(oid_is_null(&z));
	assert_ok(oid_from_hex(&one, "0000000000000000000000000000000000000001"));
	cr_assert_not(oid_is_null(&one));
	cr_assert_lt(oid_cmp(&z, &one), 0);
	cr_assert_gt(oid_cmp(&one, &z), 0);
}

Test(object, header_roundtrip)
{
	struct object_header h;
	char buf[64];
	size_t n = object_header_format(buf, sizeof(buf), "blob", 1234);

	cr_assert_eq(n, 10);
	assert_ok(object_header_parse(&h, buf, n));
	cr_assert_eq(h.type, OBJ_BLOB);
	cr_assert_eq(h.size, 1234);
	cr_assert_eq(h.hdrlen, 10);
	cr_assert_str_eq(h.type_name, "blob");
}

Test(object, header_grammar_table)
{
	static const struct {
		const char *hdr;
		size_t len;
		int ok;
		enum object_type type;
	} cases[] = {
		{ "blob 0\0", 7, 1, OBJ_BLOB },
		{ "tree 12\0", 8, 1, OBJ_TREE },
		{ "commit 1\0", 9, 1, OBJ_COMMIT },
		{ "tag 1\0", 6, 1, OBJ_TAG },
		{ "blub 6\0", 7, 1, OBJ_BAD },		/* parsed; the caller refuses */
		{ "blob 06\0", 8, 0, OBJ_NONE },	/* zero-padded size */
		{ "blob 6", 6, 0, OBJ_NONE },		/* no NUL */
		{ "blob6\0", 6, 0, OBJ_NONE },		/* no space */
		{ " 6\0", 3, 0, OBJ_NONE },		/* empty type */
		{ "blob \0", 6, 0, OBJ_NONE },		/* empty size */
		{ "blob -1\0", 8, 0, OBJ_NONE },
		{ "blob 1x\0", 8, 0, OBJ_NONE },
		{ "blob 99999999999999999999999\0", 29, 0, OBJ_NONE },	/* overflow */
		{ "averyveryverylongtypenamethatgoesbeyond 1\0", 42, 0, OBJ_NONE },
	};
	struct object_header h;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int rc = object_header_parse(&h, cases[i].hdr, cases[i].len);

		if (cases[i].ok) {
			cr_assert_eq(rc, 0, "case %zu", i);
			cr_assert_eq(h.type, cases[i].type, "case %zu", i);
		} else {
			cr_assert_eq(rc, UG_ECORRUPT, "case %zu", i);
		}
	}
}

Test(object, type_names)
{
	cr_assert_str_eq(object_type_name(OBJ_COMMIT), "commit");
	cr_assert_str_eq(object_type_name(OBJ_TAG), "tag");
	cr_assert_null(object_type_name(OBJ_BAD));
	cr_assert_eq(object_type_from_name("tree", 4), OBJ_TREE);
	cr_assert_eq(object_type_from_name("trees", 5), OBJ_BAD);
	cr_assert_eq(object_type_from_name("tre", 3), OBJ_BAD);
}
