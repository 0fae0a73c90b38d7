/* Unit tests: commit message cleanup, -m paragraphs, emptiness, subjects. */
#include "helpers.h"

#include <string.h>

#include "ugit/message.h"
#include "ugit/strbuf.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

/* in; `git stripspace` (whitespace); `git stripspace -s` (strip), git 2.39 */
static const struct {
	const char *in, *whitespace, *strip;
} cleanup_cases[] = {
	{ "", "", "" },
	{ "\n", "", "" },
	{ "a", "a\n", "a\n" },
	{ "a\n", "a\n", "a\n" },
	{ "  a  \n", "  a\n", "  a\n" },
	{ "\n\n a\n\n\n\nb \t\n\n", " a\n\nb\n", " a\n\nb\n" },
	{ "# c\na\n#d\n\n\nb", "# c\na\n#d\n\nb\n", "a\n\nb\n" },
	{ "a\r\nb\r\n", "a\nb\n", "a\nb\n" },
	{ "x\n  \n\t\ny", "x\n\ny\n", "x\n\ny\n" },
	{ "#only\n", "#only\n", "" },
	{ " # not\n", " # not\n", " # not\n" },
	{ "a\n\n#c\n\nb\n", "a\n\n#c\n\nb\n", "a\n\nb\n" },
	{ "\t\n  lead\n", "  lead\n", "  lead\n" },
	{ "a\vb\n", "a\vb\n", "a\vb\n" },
	{ "a \v\n", "a \v\n", "a \v\n" },
};

static void check_cleanup(const char *in, enum message_cleanup mode, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, in);
	message_cleanup(&sb, mode);
	cr_expect_str_eq(sb.buf, want, "mode %d, input '%s'", (int)mode, in);
	cr_expect_eq(sb.len, strlen(want));
	strbuf_release(&sb);
}

Test(message, cleanup_table_matches_git_stripspace)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cleanup_cases); i++) {
		check_cleanup(cleanup_cases[i].in, MESSAGE_CLEANUP_WHITESPACE,
			      cleanup_cases[i].whitespace);
		check_cleanup(cleanup_cases[i].in, MESSAGE_CLEANUP_STRIP,
			      cleanup_cases[i].strip);
		check_cleanup(cleanup_cases[i].in, MESSAGE_CLEANUP_VERBATIM,
			      cleanup_cases[i].in);
	}
}

Test(message, cleanup_mode_names)
{
	enum message_cleanup m;

	assert_ok(message_cleanup_parse(&m, "verbatim"));
	cr_assert_eq(m, MESSAGE_CLEANUP_VERBATIM);
	assert_ok(message_cleanup_parse(&m, "whitespace"));
	cr_assert_eq(m, MESSAGE_CLEANUP_WHITESPACE);
	assert_ok(message_cleanup_parse(&m, "default"));
	cr_assert_eq(m, MESSAGE_CLEANUP_WHITESPACE);
	assert_ok(message_cleanup_parse(&m, "strip"));
	cr_assert_eq(m, MESSAGE_CLEANUP_STRIP);
	cr_assert_eq(message_cleanup_parse(&m, "bogus"), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "Invalid cleanup mode bogus");
}

/* the bodies `git commit-tree -m ...` wrote (git 2.39) */
Test(message, paragraphs_like_git_m)
{
	static const struct {
		const char *args[3];
		const char *want;
	} cases[] = {
		{ { "a", "b", NULL }, "a\n\nb\n" },
		{ { "a\n", "\n\nb  ", NULL }, "a\n\n\n\nb  \n" },
		{ { "", "", NULL }, "" },
		{ { "", "x", NULL }, "x\n" },
		{ { "x", "", "y" }, "x\n\n\ny\n" },
	};
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;

		for (j = 0; j < 3 && cases[i].args[j]; j++)
			message_add_paragraph(&sb, cases[i].args[j]);
		cr_expect_str_eq(sb.buf, cases[i].want, "case %zu", i);
		strbuf_release(&sb);
	}
}

/* git commit --allow-empty -m <msg>: 1 = "Aborting commit due to empty commit message." */
Test(message, emptiness_like_git_commit)
{
	static const struct {
		const char *msg;
		enum message_cleanup mode;
		int empty;
	} cases[] = {
		{ "", MESSAGE_CLEANUP_WHITESPACE, 1 },
		{ "  \n\t\n", MESSAGE_CLEANUP_WHITESPACE, 1 },
		{ "#foo\n", MESSAGE_CLEANUP_WHITESPACE, 0 },
		{ "#foo\n", MESSAGE_CLEANUP_STRIP, 1 },
		{ "  \n", MESSAGE_CLEANUP_VERBATIM, 0 },
		{ "", MESSAGE_CLEANUP_VERBATIM, 1 },
		{ "Signed-off-by: x\n", MESSAGE_CLEANUP_WHITESPACE, 1 },
		{ "x\nSigned-off-by: x\n", MESSAGE_CLEANUP_WHITESPACE, 0 },
		{ "a", MESSAGE_CLEANUP_STRIP, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		cr_expect_eq(message_is_empty(cases[i].msg, strlen(cases[i].msg), cases[i].mode),
			     cases[i].empty, "case %zu", i);
}

/* printf <msg> | git commit-tree <tree>; git log -1 --format=%s */
Test(message, subject_like_git_format_s)
{
	static const struct { const char *msg, *want; } cases[] = {
		{ "a", "a" },
		{ "\n\n  a  \n b\t\nc\n\nd", "  a  b c" },
		{ "one\ntwo", "one two" },
		{ "  \n", "" },
		{ "x\n \ny", "x" },
		{ "", "" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;

		message_subject(&sb, cases[i].msg, strlen(cases[i].msg));
		cr_expect_str_eq(sb.buf, cases[i].want, "case %zu", i);
		strbuf_release(&sb);
	}
}
