/* Unit tests: refname - git check-ref-format, with git as the oracle. */
#include "helpers.h"

#include <stdlib.h>

#include "ugit/refname.h"

TestSuite(refname, .init = sandbox_init, .fini = sandbox_fini);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(*(a)))

Test(refname, name_validity_table)
{
	/* git check-ref-format (t1402), without and with --allow-onelevel */
	static const struct {
		const char *name;
		int valid, onelevel;
	} cases[] = {
		{ "refs/heads/main", 1, 1 },
		{ "heads/foo", 1, 1 },
		{ "foo", 0, 1 },
		{ "HEAD", 0, 1 },
		{ "", 0, 0 },
		{ "/", 0, 0 },
		{ "/heads/foo", 0, 0 },
		{ "heads/foo/", 0, 0 },
		{ "./foo", 0, 0 },
		{ "foo/./bar", 0, 0 },
		{ "foo/.bar", 0, 0 },
		{ "heads/foo.", 0, 0 },
		{ "heads/foo..bar", 0, 0 },
		{ "heads/foo?bar", 0, 0 },
		{ "heads/foo*bar", 0, 0 },
		{ "heads/foo[bar", 0, 0 },
		{ "heads/foo:bar", 0, 0 },
		{ "heads/foo^bar", 0, 0 },
		{ "heads/foo~bar", 0, 0 },
		{ "heads/foo bar", 0, 0 },
		{ "heads/foo\tbar", 0, 0 },
		{ "heads/foo\177", 0, 0 },
		{ "heads/foo\\bar", 0, 0 },
		{ "heads/foo.lock", 0, 0 },
		{ "foo.lock/bar", 0, 0 },
		{ "heads/v@{ation", 0, 0 },
		{ "heads/foo@bar", 1, 1 },
		{ "@", 0, 0 },
		{ "a/@", 1, 1 },
		{ "foo./bar", 1, 1 },
		{ "heads//foo", 0, 0 },
		{ "refs/heads/\303\274ber", 1, 1 },
		{ "refs/tags/v1.0", 1, 1 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		cr_expect_eq(refname_is_valid(cases[i].name, 0), cases[i].valid,
			     "'%s'", cases[i].name);
		cr_expect_eq(refname_is_valid(cases[i].name, REFNAME_ALLOW_ONELEVEL),
			     cases[i].onelevel, "'%s' onelevel", cases[i].name);
	}
}

Test(refname, name_validity_agrees_with_git)
{
	static const char *const names[] = {
		"refs/heads/ok", "refs/heads/a..b", "refs/heads/x.lock", "refs/heads/.x",
		"refs/heads/x.", "refs/heads/@{x", "refs/heads/a b", "refs/heads/a:b",
		"refs/heads//a", "refs/heads/a/", "@", "refs/heads/@", "refs/x@y",
		"refs/heads/\303\274", "refs/heads/-dash",
	};
	size_t i;

	git("init -q .");
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		char *out = git_output("check-ref-format '%s' && echo 1 || echo 0", names[i]);

		cr_expect_eq(refname_is_valid(names[i], 0), atoi(out), "'%s'", names[i]);
		free(out);
	}
}
