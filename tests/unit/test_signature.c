/* Unit tests: the default identity - environment, config, guesses, strictness. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "ugit/config.h"
#include "ugit/signature.h"
#include "ugit/strbuf.h"

TestSuite(signature, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

static void clear_identity_env(void)
{
	static const char *const vars[] = {
		"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
		"GIT_COMMITTER_EMAIL", "EMAIL",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vars); i++)
		unsetenv(vars[i]);
}

/* The identity with `cfg_text` as the only (global) config; caller frees. */
static char *ident_with(const char *cfg_text, enum signature_role role,
			unsigned flags, int *rc)
{
	struct strbuf out = STRBUF_INIT;

	write_file("global.cfg", cfg_text, strlen(cfg_text));
	setenv("GIT_CONFIG_GLOBAL", "global.cfg", 1);
	*rc = signature_default(&out, NULL, NULL, role, NULL, flags);
	return strbuf_detach(&out, NULL);
}

Test(signature, environment_wins_over_config)
{
	int rc;
	char *s = ident_with("[user]\n\tname = U\n\temail = u@x\n", SIGNATURE_AUTHOR,
			     SIGNATURE_STRICT, &rc);

	assert_ok(rc);
	cr_assert_str_eq(s, "A U Thor <author@example.com> 1112911993 -0700");
	free(s);
	s = ident_with("", SIGNATURE_COMMITTER, SIGNATURE_STRICT, &rc);
	cr_assert_str_eq(s, "C O Mitter <committer@example.com> 1112911993 -0700");
	free(s);
}

/* Each row checked with git 2.39: git var GIT_AUTHOR_IDENT / GIT_COMMITTER_IDENT. */
static const struct {
	const char *config;
	const char *email_env;	/* EMAIL, NULL: unset */
	enum signature_role role;
	const char *want;
} precedence_cases[] = {
	{ "[user]\nname = U\nemail = u@x\n", NULL, SIGNATURE_AUTHOR,
	  "U <u@x> 1112911993 -0700" },
	{ "[user]\nname = U\nemail = u@x\n[author]\nname = Au\nemail = au@x\n", NULL,
	  SIGNATURE_AUTHOR, "Au <au@x> 1112911993 -0700" },
	{ "[user]\nname = U\nemail = u@x\n[author]\nname = Au\nemail = au@x\n", NULL,
	  SIGNATURE_COMMITTER, "U <u@x> 1112911993 -0700" },
	{ "[user]\nname = U\nemail = u@x\n[committer]\nemail = co@x\n", NULL,
	  SIGNATURE_COMMITTER, "U <co@x> 1112911993 -0700" },
	{ "[user]\nname = U\nemail = u@x\n", "env@x", SIGNATURE_AUTHOR,
	  "U <u@x> 1112911993 -0700" },
	{ "[user]\nname = U\nemail =\n", "env@x", SIGNATURE_AUTHOR,
	  "U <> 1112911993 -0700" },
	{ "[user]\nname = U\n[author]\nemail =\n", "env@x", SIGNATURE_AUTHOR,
	  "U <> 1112911993 -0700" },
	{ "[user]\nname = U\nemail = u@x\n[author]\nemail =\n", NULL, SIGNATURE_AUTHOR,
	  "U <u@x> 1112911993 -0700" },
	{ "[user]\nname = U\n", "env@x", SIGNATURE_AUTHOR,
	  "U <env@x> 1112911993 -0700" },
	{ "[user]\nname = \" .Jo, Doe;\"\nemail = \" <j@d>. \"\n", NULL, SIGNATURE_AUTHOR,
	  "Jo, Doe <j@d> 1112911993 -0700" },
};

Test(signature, precedence_table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(precedence_cases); i++) {
		int rc;
		char *s;

		clear_identity_env();
		if (precedence_cases[i].email_env)
			setenv("EMAIL", precedence_cases[i].email_env, 1);
		s = ident_with(precedence_cases[i].config, precedence_cases[i].role,
			       SIGNATURE_STRICT, &rc);
		cr_expect_eq(rc, 0, "case %zu: %s", i, ug_error_last());
		cr_expect_str_eq(s, precedence_cases[i].want, "case %zu", i);
		free(s);
	}
}

Test(signature, repository_config_is_read)
{
	struct strbuf out = STRBUF_INIT;
	struct config *cfg = NULL;

	clear_identity_env();
	write_file("repo.cfg", "[user]\nname = R\nemail = r@x\n", 28);
	assert_ok(config_load(&cfg, "repo.cfg"));
	assert_ok(signature_default(&out, NULL, cfg, SIGNATURE_AUTHOR, NULL, SIGNATURE_STRICT));
	cr_assert_str_eq(out.buf, "R <r@x> 1112911993 -0700");
	strbuf_release(&out);
	config_free(cfg);
}

Test(signature, crud_is_stripped_like_git)
{
	static const struct { const char *in, *want; } cases[] = {
		{ " .,;<Fo<o>\\\"x. ;", "Foo\\\"x" },
		{ "x\"", "x" }, { "'x'", "x" }, { "x\\", "x" }, { "x:", "x" },
		{ "a\nb", "ab" }, { "a\tb", "a\tb" }, { "a<>b", "ab" }, { "...", "" },
		{ "", "" }, { "Jo Doe", "Jo Doe" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;

		signature_add_clean(&sb, cases[i].in);
		cr_expect_str_eq(sb.buf, cases[i].want, "'%s'", cases[i].in);
		strbuf_release(&sb);
	}
}

Test(signature, date_given_wins_and_bad_date_fails)
{
	struct strbuf out = STRBUF_INIT;

	assert_ok(signature_default(&out, NULL, NULL, SIGNATURE_AUTHOR,
				    "2005-04-07T22:13:13+02:00", SIGNATURE_STRICT));
	cr_assert_str_eq(out.buf, "A U Thor <author@example.com> 1112904793 +0200");
	strbuf_reset(&out);
	setenv("GIT_AUTHOR_DATE", "not a date", 1);
	cr_assert_eq(signature_default(&out, NULL, NULL, SIGNATURE_AUTHOR, NULL, 0),
		     UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "invalid date format: not a date");
	cr_assert_eq(out.len, 0);
	setenv("GIT_AUTHOR_DATE", "", 1);	/* empty: now */
	setenv("GIT_TEST_DATE_NOW", "1234567890", 1);
	assert_ok(signature_default(&out, NULL, NULL, SIGNATURE_AUTHOR, NULL, 0));
	cr_assert_str_eq(out.buf, "A U Thor <author@example.com> 1234567890 +0000");
	strbuf_release(&out);
}

Test(signature, empty_name_strict_and_lenient)
{
	struct strbuf out = STRBUF_INIT, hint = STRBUF_INIT;

	setenv("GIT_AUTHOR_NAME", "", 1);
	setenv("GIT_AUTHOR_EMAIL", "e.", 1);
	cr_assert_eq(signature_default(&out, &hint, NULL, SIGNATURE_AUTHOR, NULL,
				       SIGNATURE_STRICT), UG_EINVALID);
	/* git quotes the email as given, crud and all, and gives no advice */
	cr_assert_str_eq(ug_error_last(), "empty ident name (for <e.>) not allowed");
	cr_assert_eq(hint.len, 0);
	assert_ok(signature_default(&out, &hint, NULL, SIGNATURE_AUTHOR, NULL, 0));
	cr_assert(strstr(out.buf, " <e> 1112911993 -0700") != NULL, "%s", out.buf);
	cr_assert_neq(out.buf[0], ' ');
	setenv("GIT_AUTHOR_NAME", "...", 1);
	cr_assert_eq(signature_default(&out, &hint, NULL, SIGNATURE_AUTHOR, NULL,
				       SIGNATURE_STRICT), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "name consists only of disallowed characters: ...");
	strbuf_release(&out);
	strbuf_release(&hint);
}

Test(signature, use_config_only_refuses_guessing)
{
	struct strbuf out = STRBUF_INIT, hint = STRBUF_INIT;
	struct config *cfg = NULL;

	clear_identity_env();
	write_file("repo.cfg", "[user]\nuseConfigOnly = true\n", 28);
	assert_ok(config_load(&cfg, "repo.cfg"));
	cr_assert_eq(signature_default(&out, &hint, cfg, SIGNATURE_COMMITTER, NULL,
				       SIGNATURE_STRICT), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "no email was given and auto-detection is disabled");
	cr_assert(starts_with(hint.buf, "Committer identity unknown\n\n*** Please tell me who you are.\n"),
		  "%s", hint.buf);
	cr_assert(ends_with(hint.buf, "Omit --global to set the identity only in this repository.\n\n"));
	setenv("GIT_COMMITTER_EMAIL", "c@x", 1);
	strbuf_reset(&hint);
	cr_assert_eq(signature_default(&out, &hint, cfg, SIGNATURE_COMMITTER, NULL,
				       SIGNATURE_STRICT), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "no name was given and auto-detection is disabled");
	/* lenient: guesses anyway */
	assert_ok(signature_default(&out, NULL, cfg, SIGNATURE_COMMITTER, NULL, 0));
	strbuf_release(&out);
	strbuf_release(&hint);
	config_free(cfg);
}

/*
 * With nothing configured, the guess (account name, login@host) must be
 * git's own, whether git accepts it or refuses it as bogus.
 */
Test(signature, guessed_identity_matches_git)
{
	struct strbuf out = STRBUF_INIT, hint = STRBUF_INIT, want = STRBUF_INIT;
	char *got;
	int rc;

	clear_identity_env();
	got = git_output("var GIT_AUTHOR_IDENT 2>&1; echo \"rc=$?\"");
	rc = signature_default(&out, &hint, NULL, SIGNATURE_AUTHOR, NULL, SIGNATURE_STRICT);
	if (rc == 0)
		strbuf_addf(&want, "%s\nrc=0", out.buf);
	else
		strbuf_addf(&want, "%sfatal: %s\nrc=128", hint.buf, ug_error_last());
	cr_assert_str_eq(want.buf, got);
	free(got);
	strbuf_release(&out);
	strbuf_release(&hint);
	strbuf_release(&want);
}
