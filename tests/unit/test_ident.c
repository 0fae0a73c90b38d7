/* Unit tests: "Name <email> <epoch> <tz>" - reading, writing and fsck. */
#include "model_helpers.h"

#include <inttypes.h>

#include "ugit/commit.h"
#include "ugit/ident.h"

TestSuite(ident, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

static const struct {
	const char *line;
	const char *name, *email, *date;	/* date NULL: none */
	uint64_t timestamp;
	int tz;
} parse_cases[] = {
	{ "A U Thor <a@x> 1112911993 -0700", "A U Thor", "a@x", "1112911993 -0700", 1112911993, -700 },
	{ "A U Thor <a@x> 1112911993 -0700\n", "A U Thor", "a@x", "1112911993 -0700", 1112911993, -700 },
	{ "A <b <c@d> 1 +0000", "A", "b <c@d", "1 +0000", 1, 0 },	/* first '<', first '>' */
	{ "A <a>b> 7 +0130", "A", "a", "7 +0130", 7, 130 },		/* date after the last '>' */
	{ "<a@x> 1 +0000", "", "a@x", "1 +0000", 1, 0 },
	{ "  A  \t<a@x> 5 +0100", "  A", "a@x", "5 +0100", 5, 100 },
	{ "A <> 5 +0100", "A", "", "5 +0100", 5, 100 },
	{ "A <a@x>", "A", "a@x", NULL, 0, 0 },
	{ "A <a@x> junk", "A", "a@x", NULL, 0, 0 },
	{ "A <a@x> 12", "A", "a@x", NULL, 0, 0 },
	{ "A <a@x> 12 0700", "A", "a@x", NULL, 0, 0 },
	{ "A <a@x> 12 + 0700", "A", "a@x", NULL, 0, 0 },
	{ "A <a@x>\t12\t+0700", "A", "a@x", "12\t+0700", 12, 700 },
	{ "A <a@x> 12 +7", "A", "a@x", "12 +7", 12, 7 },
	{ "A <a@x> 0 +0000", "A", "a@x", "0 +0000", 0, 0 },
	{ "A <a@x> 9223372036854775807 +0530", "A", "a@x", "9223372036854775807 +0530",
	  9223372036854775807ull, 530 },
	{ "A <a@x> 9223372036854775808 +0530", "A", "a@x", "9223372036854775808 +0530", 0, 0 },
	{ "A <a@x> 99999999999999999999999 -0100", "A", "a@x", "99999999999999999999999 -0100", 0, 0 },
	{ "A <a@x> 1 +2147483647", "A", "a@x", "1 +2147483647", 1, 0 },
	{ "A <a@x> 1 -2147483647", "A", "a@x", "1 -2147483647", 1, -2147483647 },
	{ "A <a@x> 1 -2147483648", "A", "a@x", "1 -2147483648", 1, 0 },
	{ "A <a@x> 1 +99999999999999999999", "A", "a@x", "1 +99999999999999999999", 1, 0 },
};

Test(ident, parse_table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		const char *line = parse_cases[i].line;
		struct ident id;

		assert_ok(ident_parse(&id, line, strlen(line)));
		cr_expect(id.name == line, "case %zu: borrowed", i);
		cr_expect_eq(id.name_len, strlen(parse_cases[i].name), "case %zu", i);
		cr_expect(!memcmp(id.name, parse_cases[i].name, id.name_len), "case %zu", i);
		cr_expect_eq(id.email_len, strlen(parse_cases[i].email), "case %zu", i);
		cr_expect(!memcmp(id.email, parse_cases[i].email, id.email_len), "case %zu", i);
		if (parse_cases[i].date) {
			cr_assert_not_null(id.date, "case %zu", i);
			cr_expect_eq(id.date_len, strlen(parse_cases[i].date), "case %zu", i);
			cr_expect(!memcmp(id.date, parse_cases[i].date, id.date_len), "case %zu", i);
		} else {
			cr_expect_null(id.date, "case %zu", i);
		}
		cr_expect_eq(id.timestamp, parse_cases[i].timestamp, "case %zu", i);
		cr_expect_eq(id.tz, parse_cases[i].tz, "case %zu", i);
	}
}

Test(ident, parse_refuses_lines_without_an_email)
{
	static const struct {
		const char *line;
		size_t len;
	} cases[] = {
		{ "A U Thor 1 +0000", 16 },
		{ "A <a@x 1 +0000", 14 },
		{ "", 0 },
		{ "A\0<a@x> 1 +0000", 16 },	/* a NUL ends the search for '<' */
		{ "A <a@x> 1 +0000", 6 },	/* only the first `len` bytes count */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ident id;

		cr_expect_eq(ident_parse(&id, cases[i].line, cases[i].len), UG_EINVALID, "case %zu", i);
	}
}

/* What `git log` shows for each author line, against ident_parse(). */
Test(ident, parse_agrees_with_git_log)
{
	struct strbuf args = STRBUF_INIT, body = STRBUF_INIT;
	char *out, *line, *save = NULL;
	size_t i;

	git("init -q .");
	strbuf_addstr(&args, "log --no-walk=unsorted --date=raw --format='%an|%ae|%at|%ad'");
	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		char *hex;
		size_t n = strcspn(parse_cases[i].line, "\n");

		strbuf_reset(&body);
		strbuf_addf(&body, "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor %.*s\n"
			    "committer C <c@x> 1 +0000\n\nm%zu\n", (int)n, parse_cases[i].line, i);
		hex = git_write_literally("commit", body.buf, body.len);
		strbuf_addf(&args, " %s", hex);
		free(hex);
	}
	out = git_bytes(args.buf, NULL);
	line = strtok_r(out, "\n", &save);
	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		struct strbuf want = STRBUF_INIT;
		struct ident id;
		size_t digits = 0;

		cr_assert_not_null(line, "git log printed too little");
		assert_ok(ident_parse(&id, parse_cases[i].line, strlen(parse_cases[i].line)));
		while (id.date && digits < id.date_len && id.date[digits] >= '0' && id.date[digits] <= '9')
			digits++;
		/* %at is the digits as written; %ad (raw) what git made of them */
		strbuf_addf(&want, "%.*s|%.*s|%.*s|", (int)id.name_len, id.name,
			    (int)id.email_len, id.email, (int)digits, id.date ? id.date : "");
		if (id.date)
			strbuf_addf(&want, "%" PRIu64 " %+05d", id.timestamp, id.tz);
		cr_expect_str_eq(line, want.buf, "case %zu: git '%s' we '%s'", i, line, want.buf);
		strbuf_release(&want);
		line = strtok_r(NULL, "\n", &save);
	}
	free(out);
	strbuf_release(&args);
	strbuf_release(&body);
}

Test(ident, format_table)
{
	static const struct {
		const char *name, *email;
		uint64_t ts;
		int tz;
		const char *want;
	} cases[] = {
		{ "A U Thor", "author@example.com", 1112911993, -700,
		  "A U Thor <author@example.com> 1112911993 -0700" },
		{ "A", "a@x", 0, 0, "A <a@x> 0 +0000" },
		{ "A", "a@x", 1, 530, "A <a@x> 1 +0530" },
		{ "A", "a@x", 1, -30, "A <a@x> 1 -0030" },
		{ "A", "a@x", 9223372036854775807ull, 1400,
		  "A <a@x> 9223372036854775807 +1400" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct ident id;

		ident_format(&sb, cases[i].name, cases[i].email, cases[i].ts, cases[i].tz);
		cr_expect_str_eq(sb.buf, cases[i].want);
		/* and it reads back */
		assert_ok(ident_parse(&id, sb.buf, sb.len));
		cr_expect_eq(id.timestamp, cases[i].ts);
		cr_expect_eq(id.tz, cases[i].tz);
		strbuf_release(&sb);
	}
}

Test(ident, read_timestamp_is_strtoumax)
{
	static const struct {
		const char *s;
		size_t len, at;
		uint64_t want;
		size_t end;
	} cases[] = {
		{ "12 +0000", 8, 0, 12, 2 },
		{ " \t\n\v\f\r12", 8, 0, 12, 8 },
		{ "+5", 2, 0, 5, 2 },
		{ "-1", 2, 0, UINT64_MAX, 2 },
		{ "-0", 2, 0, 0, 2 },
		{ "-5", 2, 0, UINT64_MAX - 4, 2 },
		{ "18446744073709551615", 20, 0, UINT64_MAX, 20 },
		{ "18446744073709551616", 20, 0, UINT64_MAX, 20 },
		{ "-99999999999999999999", 21, 0, UINT64_MAX, 21 },
		{ "x", 1, 0, 0, 0 },
		{ " x", 2, 0, 0, 0 },
		{ "-", 1, 0, 0, 0 },
		{ "", 0, 0, 0, 0 },
		{ "123", 2, 0, 12, 2 },		/* never past len */
		{ "ab 42", 5, 2, 42, 5 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t end = 99;

		cr_expect_eq(ident_read_timestamp(cases[i].s, cases[i].len, cases[i].at, &end),
			     cases[i].want, "case %zu", i);
		cr_expect_eq(end, cases[i].end, "case %zu", i);
	}
}

/* ---- ident_check (git itself is the oracle in test_fsck.c) ---- */

Test(ident, check_table)
{
	static const struct {
		const char *line;
		const char *ids;
	} cases[] = {
		{ "A <a@x> 1 +0000\n", "" },
		{ "A <a@x> 0 +0000\n", "" },
		{ "A <a@x> +1 +0000\n", "" },
		{ "A <a@x>  1 +0000\n", "" },
		{ " <a@x> 1 +0000\n", "" },
		{ "A <> 1 +0000\n", "" },
		{ "<a@x> 1 +0000\n", "missingNameBeforeEmail" },
		{ "A > <a@x> 1 +0000\n", "badName" },
		{ "A a@x 1 +0000\n", "missingEmail" },
		{ "\n", "missingEmail" },
		{ "", "missingEmail" },
		{ "A<a@x> 1 +0000\n", "missingSpaceBeforeEmail" },
		{ "A <a<x> 1 +0000\n", "badEmail" },
		{ "A <a@x\n", "badEmail" },
		{ "A <a@x>1 +0000\n", "missingSpaceBeforeDate" },
		{ "A <a@x> 01 +0000\n", "zeroPaddedDate" },
		{ "A <a@x> 0x10 +0000\n", "zeroPaddedDate" },
		{ "A <a@x> 9223372036854775808 +0000\n", "badDateOverflow" },
		{ "A <a@x> -1 +0000\n", "badDateOverflow" },
		{ "A <a@x> x +0000\n", "badDate" },
		{ "A <a@x> 1\n", "badDate" },
		{ "A <a@x> \n", "badDate" },
		{ "A <a@x> 1 +000\n", "badTimezone" },
		{ "A <a@x> 1 +00000\n", "badTimezone" },
		{ "A <a@x> 1 0000\n", "badTimezone" },
		{ "A <a@x> 1 +0000", "badTimezone" },	/* the newline is part of the rule */
		{ "A <a@x> 1 +0000 \n", "badTimezone" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct collected c = { STRBUF_INIT, STRBUF_INIT, 0, 0 };
		struct fsck_options o = { 0, collect_report, &c };
		size_t used = 99;
		int ret = ident_check(cases[i].line, strlen(cases[i].line), &used, &o);

		cr_expect_str_eq(c.ids.buf, cases[i].ids, "'%s'", cases[i].line);
		cr_expect_eq(ret, !!*cases[i].ids, "'%s'", cases[i].line);
		cr_expect_eq(used, strlen(cases[i].line), "'%s'", cases[i].line);
		strbuf_release(&c.ids);
		strbuf_release(&c.msgs);
	}
}

Test(ident, check_reads_across_the_newline_like_git)
{
	/* strtoumax() skips the newline: the date is found on the next line */
	static const char buf[] = "A <a@x> \n5 +0000\ncommitter ...";
	struct collected c = { STRBUF_INIT, STRBUF_INIT, 0, 0 };
	struct fsck_options o = { 0, collect_report, &c };
	size_t used;

	cr_expect_eq(ident_check(buf, sizeof(buf) - 1, &used, &o), 0);
	cr_expect_eq(used, 9, "consumed ends at the first newline");
	cr_expect_eq(c.calls, 0);
	/* and it never reads past len */
	cr_expect_eq(ident_check(buf, 9, &used, &o), 1);
	cr_expect_str_eq(c.ids.buf, "badDate");
	strbuf_release(&c.ids);
	strbuf_release(&c.msgs);
}

Test(ident, check_messages_are_gits)
{
	static const char buf[] = "<a@x> 1 +0000\n";
	struct collected c = { STRBUF_INIT, STRBUF_INIT, 0, 0 };
	struct fsck_options o = { 0, collect_report, &c };
	size_t used;

	ident_check(buf, sizeof(buf) - 1, &used, &o);
	/* git's own wording, "space" and all */
	cr_expect_str_eq(c.msgs.buf, "missingNameBeforeEmail: invalid author/committer line - "
			 "missing space before email\n");
	strbuf_release(&c.ids);
	strbuf_release(&c.msgs);
}
