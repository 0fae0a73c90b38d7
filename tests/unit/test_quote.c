/* Unit tests: git's C-style path quoting, checked by table and against git. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ugit/oid.h"
#include "ugit/quote.h"
#include "ugit/strbuf.h"

TestSuite(quote, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

static char *quoted(const char *name, size_t len, unsigned flags)
{
	struct strbuf sb = STRBUF_INIT;

	quote_path(&sb, name, len, flags);
	return strbuf_detach(&sb, NULL);
}

Test(quote, table)
{
	static const struct {
		const char *in;
		size_t len;		/* 0: strlen(in) */
		const char *def;	/* core.quotePath=true (default) */
		const char *raw;	/* core.quotePath=false */
	} cases[] = {
		{ "", 0, "", "" },
		{ "plain", 0, "plain", "plain" },
		{ "with space", 0, "with space", "with space" },
		{ "sub/dir/file.c", 0, "sub/dir/file.c", "sub/dir/file.c" },
		{ "!#$%&'()*+,-.:;<=>?@[]^_`{|}~", 0,
		  "!#$%&'()*+,-.:;<=>?@[]^_`{|}~", "!#$%&'()*+,-.:;<=>?@[]^_`{|}~" },
		{ "tab\tname", 0, "\"tab\\tname\"", "\"tab\\tname\"" },
		{ "new\nline", 0, "\"new\\nline\"", "\"new\\nline\"" },
		{ "quo\"te", 0, "\"quo\\\"te\"", "\"quo\\\"te\"" },
		{ "back\\slash", 0, "\"back\\\\slash\"", "\"back\\\\slash\"" },
		{ "\a\b\v\f\r", 0, "\"\\a\\b\\v\\f\\r\"", "\"\\a\\b\\v\\f\\r\"" },
		{ "\001x", 0, "\"\\001x\"", "\"\\001x\"" },
		{ "\0371", 0, "\"\\0371\"", "\"\\0371\"" },	/* octal is always 3 digits */
		{ "del\177", 0, "\"del\\177\"", "\"del\\177\"" },
		{ "\200", 0, "\"\\200\"", "\200" },
		{ "\377", 0, "\"\\377\"", "\377" },
		{ "\303\274n\303\257", 0, "\"\\303\\274n\\303\\257\"", "\303\274n\303\257" },
		{ "\303\274\t", 0, "\"\\303\\274\\t\"", "\"\303\274\\t\"" },
		{ "a\0b", 3, "\"a\\000b\"", "\"a\\000b\"" },	/* NUL never in a name, still safe */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
		char *def = quoted(cases[i].in, len, 0);
		char *raw = quoted(cases[i].in, len, QUOTE_KEEP_HIGH_BYTES);

		cr_expect_str_eq(def, cases[i].def, "case %zu", i);
		cr_expect_str_eq(raw, cases[i].raw, "case %zu (quotePath=false)", i);
		cr_expect_eq(quote_path_needed(cases[i].in, len, 0),
			     strcmp(cases[i].def, cases[i].in) != 0 || len != strlen(cases[i].in),
			     "needed, case %zu", i);
		free(def);
		free(raw);
	}
}

Test(quote, appends_to_what_is_there)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "100644 blob x\t");
	quote_path(&sb, "a\tb", 3, 0);
	quote_path(&sb, "c", 1, 0);
	cr_assert_str_eq(sb.buf, "100644 blob x\t\"a\\tb\"c");
	strbuf_release(&sb);
}

/*
 * git is the oracle: a tree holding one entry "n<byte>" for every byte
 * but NUL and '/', listed by `git ls-tree --name-only` with both
 * settings of core.quotePath, line for line against quote_path().
 */
static void compare_with_git(const char *config, unsigned flags)
{
	struct strbuf tree = STRBUF_INIT, got = STRBUF_INIT;
	struct oid blob;
	char *tree_hex, *out;
	int c;

	assert_ok(oid_from_hex(&blob, "ce013625030ba8dba906f756967f9e9ca394464a"));
	/* names "n\001".."n\377" are already in git's order (all files) */
	for (c = 1; c < 256; c++) {
		if (c == '/')
			continue;
		strbuf_addf(&tree, "100644 n%c", c);
		strbuf_addch(&tree, '\0');
		strbuf_add(&tree, blob.hash, sizeof(blob.hash));
	}
	write_file("tree.bin", tree.buf, tree.len);
	git("init -q .");
	tree_hex = git_output("hash-object -t tree --literally -w tree.bin");
	out = git_output("-c core.quotePath=%s ls-tree --name-only %s", config, tree_hex);
	for (c = 1; c < 256; c++) {
		char name[2] = { 'n', (char)c };

		if (c == '/')
			continue;
		quote_path(&got, name, 2, flags);
		strbuf_addch(&got, '\n');
	}
	strbuf_setlen(&got, got.len - 1);	/* git_output() trims the last newline */
	cr_assert_eq(got.len, strlen(out));
	cr_assert(!memcmp(got.buf, out, got.len), "quoting differs from git's");
	free(tree_hex);
	free(out);
	strbuf_release(&tree);
	strbuf_release(&got);
}

Test(quote, every_byte_like_git)
{
	compare_with_git("true", 0);
}

Test(quote, every_byte_like_git_without_quote_path)
{
	compare_with_git("false", QUOTE_KEEP_HIGH_BYTES);
}
