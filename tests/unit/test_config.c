/* Unit tests: config - git's config syntax, read and written, with git as the oracle. */
#include "helpers.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ugit/config.h"
#include "ugit/fs.h"
#include "ugit/strbuf.h"

TestSuite(config, .init = sandbox_init, .fini = sandbox_fini);

/*
 * Run the real git with `argv` (no shell, so any byte can be passed);
 * collect stdout and stderr; return its exit status.
 */
static int run_git(struct strbuf *out, struct strbuf *err, const char *const *argv)
{
	int status;
	pid_t pid = fork();

	cr_assert_neq(pid, -1);
	if (!pid) {
		int o = open(".oracle.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(".oracle.err", O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(127);
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	strbuf_reset(out);
	strbuf_reset(err);
	cr_assert_eq(fs_read_file(out, ".oracle.out"), 0);
	cr_assert_eq(fs_read_file(err, ".oracle.err"), 0);
	unlink(".oracle.out");
	unlink(".oracle.err");
	cr_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/*
 * ---- Reading: every file parsed as `git config --file f --list` does ----
 */

struct read_case {
	const char *data;
	size_t len;
};

#define CASE(s) { s, sizeof(s) - 1 }

/* Tricky files: each is parsed by git and by ugit, and the results compared. */
static const struct read_case read_cases[] = {
	CASE("[core]\n\tfoo = a  b   c  \n\tbar = \"  x  \"y z\n\tbaz\n\tempty =\n\tEmpty2=\n[Sec \"Sub Sec\"]\n\tKey = v ; comment\n\tk2 = \"a;b#c\" # c\n\tk3 = a\\\n  b\n\tk4 = \\n\\t\\b\\\\\\\"\n[Sec.Old]\n\tk = 1\n[sec \"a\\\"b\\\\c\\d\"]\n\tk=2\n[x]y=1\n[x] z = 2 ; c\n"),
	CASE("[core]\n\tfoo = \"abc\n"),
	CASE("[core\n"),
	CASE("foo = 1\n"),
	CASE("[core]\n\tfoo = \\q\n"),
	CASE("[core]\n\t1foo = x\n"),
	CASE("[core]\n\tf_o = x\n"),
	CASE("[co re]\n"),
	CASE("[core \"a]\n"),
	CASE("[core \"a\" ]\n"),
	CASE("[core \"a\"b]\n"),
	CASE("[core \"a\nb\"]\n"),
	CASE("[core]\n\tfoo = a\\"),
	CASE("[core]\n\tfoo = a\\\n"),
	CASE("[core]\nfoo=1\n\x00\n"),
	CASE("\xef\xbb\xbf[core]\nfoo=1\n"),
	CASE("[]\nfoo=1\n"),
	CASE("[.a]\nfoo=1\n"),
	CASE("[a.]\nfoo=1\n"),
	CASE("[a_b]\nfoo=1\n"),
	CASE("[a-b.C-d]\nfoo-1=1\n"),
	CASE("[a]\nfoo=1\r\n"),
	CASE("[a]\r\nfoo=\"x\"\r\n"),
	CASE("[a]\n  # c\n ; c\n\n  foo  \n"),
	CASE("[a]\nk = \"\" x\n"),
	CASE("[a]\nk = x \"\" \n"),
	CASE("[a]\nk=a#b\n"),
	CASE("[ a ]\nk=1\n"),
	CASE("  [a]  k  =  1\n"),
	CASE("[a \"s\"]k=v\n"),
	CASE("[a \"s\"] ;c\n k\n"),
	CASE("[a]\nk = x\t\t\n"),
	CASE("[a]\nk = \"x\t\" \t\n"),
	CASE("[a]\nk = \\t x\n"),
	CASE("[a]\nk = x \\t\n"),
	CASE("[a]\nk = a\rb\n"),
	CASE("[a]\nk = a\r\n"),
	CASE("[a]\nk = \"a\r\"\n"),
	CASE("[a]\nk\t=\tv\n"),
	CASE("[a]\nk v\n"),
	CASE("[a]\nk=v\n[a \"\" ]\n"),
	CASE("[a \"\"]\nk=v\n"),
	CASE("[a \"x\"y]\n"),
	CASE("[a]\nk = \"x\\\ny\"\n"),
	CASE("[a]\nk = \"a\" \"b\"\n"),
	CASE("[a]\nk = a\t\tb\n"),
	CASE("[a]\nk = a \t b\n"),
	CASE("[a]\nk = a\x0b" "b\n"),
	CASE("[a]\nk = a\x0c" "b\n"),
	CASE("[a]\nk = \"\"\n"),
	CASE("[a]\nk = \" \"\n"),
	CASE("[a]\nk = x\\\n"),
	CASE("[a]\nk = x \\\n y\n"),
	CASE("[a]\nk = \\\n y\n"),
	CASE("[a]\n[b]\n"),
	CASE("[a]\nk=1\n[a]\nk=2\n"),
	CASE("[A \"S\"]\nK=1\n[a \"s\"]\nk=2\n"),
	CASE("[a]k\n"),
	CASE("[a]-k=1\n"),
	CASE("[a]\n\tk;c\n"),
	CASE("[a]\n\tk#c\n"),
	CASE("[a]\n\tk=#c\n"),
	CASE("[a]\n\tk ;c\n"),
	CASE("[a]\n\tk # c\n"),
	CASE("[a] # c\nk"),
	CASE("[a]\nk"),
	CASE("[a]\nk ="),
	CASE("[a]\nk = \"x"),
	CASE("[a]\nk = x\\"),
	CASE("[a]\n=v\n"),
	CASE("[a]\n k.b = v\n"),
	CASE("[a]\n\x80k = v\n"),
	CASE("[a\x80]\nk = v\n"),
	CASE("[a \"\x80\t\"]\nk = v\n"),
	CASE("[a \"x\\\n\"]\nk = v\n"),
	CASE("#only\n"),
	CASE(""),
	CASE("\n\n"),
	CASE("[a]\nk = \\x\n"),
	CASE("[a]\nk = a\\ b\n"),
	CASE("[a]\nk = x\\\n\\q\n"),
	CASE("[a]\nk = a\x00" "b\n"),
	CASE("[a]\nk = \"a\x00" "b\"\n"),
	CASE("[a]\n#c\x00" "c\nk=1\n"),
	CASE("[ \"a\"]\nk=1\n"),
	CASE("[a\n\"b\"]\nk=1\n"),
	CASE("[a   \"b\"]\nk=1\n"),
	CASE("[a\t\"b\"]\nk=1\n"),
	CASE("[a.b \"c\"]\nk=1\n"),
	CASE("[a]\nk\r=1\n"),
	CASE("[a]\nk=1\r\r\n"),
	CASE("\xef\xbb\xbf\xef\xbb\xbf[a]\n"),
	CASE("[a]\xef\xbb\xbfk=1\n"),
	CASE("[a]\nk=\\\r\n1\n"),
	CASE("[a]\nk=1\\\r\n"),
	CASE("[a]\nk = \"x\\"),
	CASE("[a]\nk = \"x\\\""),
	CASE("[a \"b\\"),
	CASE("[a \"b"),
	CASE("[a"),
	CASE("[a \"b\""),
	CASE("[a \"b\"\n"),
	CASE("[a \"b\" \n"),
	CASE("[a \n"),
	CASE("[a "),
	CASE("[a \"\n"),
	CASE("[a]\nk\n=1"),
	CASE("[a]\nk = a\\\n\n"),
	CASE("[a]\nk = \"a\\\n"),
	CASE("[a]\nk = a\\\r\n"),
	CASE("[a]\n\t\t\r\n"),
	CASE("\r\n[a]\r\nk\r\n"),
	CASE("[a]\n k=1\n\r"),
	CASE("[a]\n k=1\n\rx=1"),
	CASE("[a \"b\\\\\"]\nk=1\n"),
	CASE("[a \"b\\ c\"]\nk=1\n"),
	CASE("[a \"]\nk=1\n"),
	CASE("[a \"\"]\"]\n"),
	CASE("[a]]\n"),
	CASE("[a] ]\n"),
	CASE("[a]\nk = 1 \\\n"),
	CASE("[a]\nk\xc3\xa9y = 1\n"),
	CASE("[a]\nk=a\tb\n"),
	CASE("[a]\n;x\nk\n#y\n"),
	CASE("[a]\nk=\"a\\tb\"\n"),
	CASE("[a]\nk=\xc3\xa9\n"),
	CASE("[a]\nk=\\\"\n"),
	CASE("[a]\nk=\"\\\"\"\n"),
	CASE("[a]\nk=\" \\\" \"\n"),
	CASE("[a\r\"b\"]\nk=1\n"),
	CASE("[a\r]\nk=1\n"),
	CASE("[a]\nk=1\n[b\n"),
	CASE("[a]\nk=1\n\n\n[b \"x\n"),
	CASE("[a]\n\n\nk = \"x\n\n"),
	CASE("[a]\n\n\nk = x\\q"),
	CASE("[a]\n\n\nk = \"x\\"),
	CASE("[a]\n\n\nk$=1"),
	CASE("[a]\n\n\n["),
	CASE("[a]\n\n\n[\n"),
	CASE("[a]\n\n\n]\n"),
	CASE("[a]\n\n\n\"\n"),
};

static int list_entry(const char *key, const char *value,
		      enum config_scope scope, void *payload)
{
	struct strbuf *out = payload;

	cr_assert_eq(scope, CONFIG_SCOPE_COMMAND);
	if (value)
		strbuf_addf(out, "%s=%s\n", key, value);
	else
		strbuf_addf(out, "%s\n", key);
	return 0;
}

/* What `ugit config --file f --list` prints, and its exit status. */
static int ugit_list(struct strbuf *out, struct strbuf *err, const char *file)
{
	strbuf_reset(out);
	strbuf_reset(err);
	if (config_parse_file(file, NULL, CONFIG_SCOPE_COMMAND, list_entry, out) < 0) {
		strbuf_addf(err, "fatal: %s\n", ug_error_last());
		return 128;
	}
	return 0;
}

Test(config, parses_every_tricky_file_as_git_does)
{
	static const char *const argv[] = { "git", "config", "--file", "f", "--list", NULL };
	struct strbuf gout = STRBUF_INIT, gerr = STRBUF_INIT;
	struct strbuf uout = STRBUF_INIT, uerr = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(read_cases) / sizeof(*read_cases); i++) {
		int gs, us;

		write_file("f", read_cases[i].data, read_cases[i].len);
		gs = run_git(&gout, &gerr, argv);
		us = ugit_list(&uout, &uerr, "f");
		cr_expect_eq(us, gs, "case %zu: exit %d, git %d", i, us, gs);
		cr_expect_str_eq(uout.buf, gout.buf, "case %zu: entries differ", i);
		cr_expect_str_eq(uerr.buf, gerr.buf, "case %zu: message differs", i);
	}
	strbuf_release(&gout);
	strbuf_release(&gerr);
	strbuf_release(&uout);
	strbuf_release(&uerr);
}

/*
 * ---- Writing: the same change made by git and by ugit in twin files ----
 */

struct write_case {
	const char *data;
	size_t len;
	const char *key;
	const char *value;	/* NULL: --unset */
};

#define WCASE(s, k, v) { s, sizeof(s) - 1, k, v }

static const struct write_case write_cases[] = {
	WCASE("[core]\n\tfilemode = true\n", "core.FileMode", "false"),
	WCASE("[core]\n\tfilemode = true\n\n# comment\n\n[other]\n\tx = 1\n", "core.new", "v"),
	WCASE("[core]\n\tfilemode = true\n# comment\n[other]\n\tx = 1\n[core]\n  a = 1\n\n", "core.new", "v"),
	WCASE("[core]\n\tfilemode = true", "core.new", "v"),
	WCASE("[core]\n\tfilemode = true", "x.y", "v"),
	WCASE("", "x.y", "v"),
	WCASE("[a]\n\tk = 1\n\tk = 2\n", "a.k", "3"),
	WCASE("[a]\n\tk = 1\n\tk = 2\n", "a.k", NULL),
	WCASE("[a]\n\tk = 1\n\tj = 2\n", "a.k", NULL),
	WCASE("[a]\n\tk = 1\n", "a.k", NULL),
	WCASE("[a] k = 1\n", "a.k", "2"),
	WCASE("[a] k = 1 ; c\n\tj=2\n", "a.k", NULL),
	WCASE("[a]\n  k = x\\\n  y ; c\n\tj=2\n", "a.k", "2"),
	WCASE("[a.B]\n  k = x\n", "a.b.k", "2"),
	WCASE("[a.B]\n  k = x\n", "a.B.k", "2"),
	WCASE("[a \"B\"]\n  k = x\n", "a.b.k", "2"),
	WCASE("[A]\n  k = x\n", "a.j", "2"),
	WCASE("[a]\n  k = x\n", "A.J", "2"),
	WCASE("[a \"b\"]\n", "a.b.Kk", "2"),
	WCASE("[a]\n\t# c\n\tk = 1\n", "a.k", NULL),
	WCASE("[a]\n\tk = 1\n# c\n", "a.k", NULL),
	WCASE("[a]\n\tk = 1\n[b]\n\tx = 1\n", "a.k", NULL),
	WCASE("[a] ; c\n\tk = 1\n", "a.k", NULL),
	WCASE("[a]\n\tk = 1\n\n[b]\n", "a.k", NULL),
	WCASE("[x]\n[a]\n\tk=1\n", "a.k", NULL),
	WCASE("[x]\n[a]\n\tk=1\n[a]\n\tk=2\n", "a.k", NULL),
	WCASE("[a]\n\tk=1\n[b]\n[a]\n\tj=2\n", "a.k", NULL),
	WCASE("[a]\n\tk=1\n\tj=1\n", "a.k", NULL),
	WCASE("[a]\n\n\tk = 1\n\n[b]\n", "a.k", NULL),
	WCASE("[a]k=1\n[b]\n", "a.k", NULL),
	WCASE("  [a]   \n\tk = 1\n", "a.k", NULL),
	WCASE("[a]\n\tk = 1\n\t\n", "a.k", NULL),
	WCASE("[a]\n\tk = 1 # c\n", "a.k", NULL),
	WCASE("[a] ; c\n", "a.j", "v"),
	WCASE("[a] ; c", "a.j", "v"),
	WCASE("[a]", "a.j", "v"),
	WCASE("", "Foo.Bar.Baz", "v"),
	WCASE("", "Foo.Baz", "v"),
	WCASE("", "a.s\"b\\\\c.k", "v"),
	WCASE("", "a.s b.k", "v"),
	WCASE("", ".a.b", "v"),
	WCASE("", "a.b", ""),
	WCASE("", " a.k", "v"),
	WCASE("", "a.k", " lead"),
	WCASE("", "a.k", "trail "),
	WCASE("", "a.k", "a#b"),
	WCASE("", "a.k", "a;b"),
	WCASE("", "a.k", "a\"b"),
	WCASE("", "a.k", "a\\b"),
	WCASE("", "a.k", "a\nb"),
	WCASE("", "a.k", "a\tb"),
	WCASE("", "a.k", "a\rb"),
	WCASE("", "a.k", "a\r"),
	WCASE("", "a.k", "a  b"),
	WCASE("", "a.k", "a\x08" "b"),
	WCASE("", "a.k", "a\x01" "b"),
	WCASE("", "a.k", " "),
	WCASE("", "a.k", "#"),
	WCASE("", "a.k", "x=y"),
	WCASE("", "a.k", "[x]"),
	WCASE("", "a.k", "\ta"),
	WCASE("", "a.k", "a\t"),
	WCASE("", "a.k", "a\x0b"),
	WCASE("[a]\nk=1\nk=2\n", "A.K", "2"),
	WCASE("[a]\nk=1\nk=2\n", "A.K", NULL),
	WCASE("[a]\nk = \"x\n", "a.k", "2"),
	WCASE("[a]\nk = \\q\n", "a.k", "2"),
	WCASE("[a]\n1k = x\n", "a.k", "2"),
	WCASE("[a b]\nk = x\n", "a.k", "2"),
	WCASE("[a \"b]\nk = x\n", "a.k", "2"),
	WCASE("[a]\nk = x\n\x00", "a.k", "2"),
	WCASE("[a_b]\nk = x\n", "a.k", "2"),
	WCASE("[a]\nk = x\n[b\n", "a.k", "2"),
	WCASE("[]\n", "a.k", "2"),
	WCASE("k=1\n", "a.k", "2"),
	WCASE("k=1\n", "k", "2"),
	WCASE("k=1\n", "k", NULL),
	WCASE("[a]\nk=1\n", "a.j", NULL),
	WCASE("", "a.j", NULL),
	WCASE("[a \"x\"]\n\tk = 1\n", "a.X.k", NULL),
	WCASE("[a \"x\"]\n\tk = 1\n", "A.x.K", NULL),
	WCASE("[a \"x\"]\n\tk = 1\n", "a.x.k", "2"),
	WCASE("[a]\n\tk\n", "a.k", "2"),
	WCASE("[a]\n\tk\n", "a.k", NULL),
	WCASE("[a]\r\n\tk = 1\r\n[b]\r\n\tx = 1\r\n", "a.j", "2"),
	WCASE("[a]\r\n\tk = 1\r\n[b]\r\n\tx = 1\r\n", "a.k", "2"),
	WCASE("[a]\r\n\tk = 1\r\n[b]\r\n\tx = 1\r\n", "a.k", NULL),
	WCASE("[a]\n\tk = \"x\\\ny\"\n\tj = 1\n", "a.k", "2"),
	WCASE("[a]\n\tk = 1\n[a \"b\"]\n\tk = 2\n", "a.k", "3"),
	WCASE("[a]\n\tk = 1\n[a \"b\"]\n\tk = 2\n", "a.j", "3"),
	WCASE("[a \"b\"]\n\tk = 2\n[a]\n", "a.j", "3"),
	WCASE("\xef\xbb\xbf[a]\n\tk = 1\n", "a.k", "2"),
	WCASE("\xef\xbb\xbf[a]\n\tk = 1\n", "a.k", NULL),
	WCASE("[a]\n\tk = 1\n#end", "b.k", "2"),
	WCASE("[a]\n\tk = 1\n\n\n", "b.k", "2"),
	WCASE("[a]\n\tk = 1\n\n\n", "a.j", "2"),
	WCASE("[a] k = 1", "a.j", "2"),
	WCASE("[a]\tk = 1\n\tj=1\n", "a.k", NULL),
};

/* The exit status `git config` gives for what config_set() returned. */
static int git_status_of(int err, const char *key)
{
	struct strbuf canon = STRBUF_INIT;
	int key_err = config_parse_key(&canon, key);

	strbuf_release(&canon);
	if (key_err == UG_ENOTFOUND)
		return 2;	/* no section or no variable name */
	if (key_err)
		return 1;	/* invalid key */
	switch (err) {
	case 0: return 0;
	case UG_ENOTFOUND: return 5;
	case UG_EAMBIGUOUS: return 5;
	case UG_EINVALID: return 3;
	case UG_ECORRUPT: return 128;
	default: return 255;
	}
}

static char *read_or_null(const char *path)
{
	return fs_exists(path) ? read_file(path, NULL) : NULL;
}

Test(config, writes_twin_files_byte_for_byte_as_git)
{
	struct strbuf gout = STRBUF_INIT, gerr = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(write_cases) / sizeof(*write_cases); i++) {
		const struct write_case *c = &write_cases[i];
		const char *set_argv[] = { "git", "config", "--file", "g", c->key, c->value, NULL };
		const char *unset_argv[] = { "git", "config", "--file", "g", "--unset", c->key, NULL };
		char *g, *u;
		int gs, us;

		unlink("g");
		unlink("u");
		if (c->len) {
			write_file("g", c->data, c->len);
			write_file("u", c->data, c->len);
		}
		gs = run_git(&gout, &gerr, c->value ? set_argv : unset_argv);
		us = git_status_of(config_set("u", NULL, c->key, c->value), c->key);
		cr_expect_eq(us, gs, "case %zu (%s): exit %d, git %d: %s", i, c->key,
			     us, gs, ug_error_last());
		g = read_or_null("g");
		u = read_or_null("u");
		if (!g || !u)
			cr_expect_eq(g, u, "case %zu: one file is missing", i);
		else
			cr_expect_str_eq(u, g, "case %zu (%s): files differ", i, c->key);
		free(g);
		free(u);
	}
	strbuf_release(&gout);
	strbuf_release(&gerr);
}

/*
 * ---- Typed values and keys ----
 */

Test(config, parses_integers_as_git)
{
	static const struct {
		const char *in;
		int bits;
		long long want;
		const char *err;	/* NULL: accepted */
	} cases[] = {
		{ "0", 64, 0, NULL },
		{ "1k", 64, 1024, NULL },
		{ "2M", 64, 2097152, NULL },
		{ "3g", 64, 3221225472LL, NULL },
		{ "3g", 32, 0, "out of range" },
		{ "-5k", 64, -5120, NULL },
		{ "+7", 64, 7, NULL },
		{ "0x10", 64, 16, NULL },
		{ "010", 64, 8, NULL },
		{ " 12", 64, 12, NULL },
		{ "9223372036854775807", 64, 9223372036854775807LL, NULL },
		{ "99999999999999999999", 64, 0, "out of range" },
		{ "9007199254740992k", 64, 0, "out of range" },
		{ "2147483647", 32, 2147483647, NULL },
		{ "2147483648", 32, 0, "out of range" },
		{ "-2147483648", 32, -2147483647LL - 1, NULL },
		{ "", 64, 0, "invalid unit" },
		{ "12q", 64, 0, "invalid unit" },
		{ " 12 ", 64, 0, "invalid unit" },
		{ "1kk", 64, 0, "invalid unit" },
		{ "true", 64, 0, "invalid unit" },
		{ "k", 64, 0, "invalid unit" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		long long n = -42;
		int err = config_parse_int(&n, cases[i].in, cases[i].bits);

		if (!cases[i].err) {
			cr_expect_eq(err, 0, "'%s': %s", cases[i].in, ug_error_last());
			cr_expect_eq(n, cases[i].want, "'%s' -> %lld", cases[i].in, n);
		} else {
			cr_expect_eq(err, UG_EINVALID, "'%s' accepted", cases[i].in);
			cr_expect_str_eq(ug_error_last(), cases[i].err, "'%s'", cases[i].in);
			cr_expect_eq(n, -42, "'%s': output set on error", cases[i].in);
		}
	}
	cr_assert_eq(config_parse_int(&(long long){ 0 }, NULL, 64), UG_EINVALID);
}

Test(config, parses_booleans_as_git)
{
	static const struct {
		const char *in;
		int want;
	} cases[] = {
		{ "true", 1 }, { "TRUE", 1 }, { "yes", 1 }, { "On", 1 }, { "1", 1 },
		{ "7", 1 }, { "-5k", 1 }, { "0x10", 1 },
		{ "false", 0 }, { "No", 0 }, { "OFF", 0 }, { "0", 0 }, { "", 0 },
		{ "0k", 0 },
		{ "bogus", -1 }, { "3g", -1 }, { "yess", -1 }, { " true", -1 },
		{ "99999999999999999999", -1 },
	};
	size_t i;

	cr_assert_eq(config_parse_bool(NULL), 1, "a key without '=' is true");
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		cr_expect_eq(config_parse_bool(cases[i].in), cases[i].want,
			     "'%s'", cases[i].in);
}

Test(config, checks_keys_as_git)
{
	static const struct {
		const char *key;
		int err;
		const char *out;	/* canonical form, or the message */
	} cases[] = {
		{ "core.bare", 0, "core.bare" },
		{ "Core.FileMode", 0, "core.filemode" },
		{ "Remote.Origin.URL", 0, "remote.Origin.url" },
		{ "a.b.c.d.e", 0, "a.b.c.d.e" },
		{ "a.sub sec.k", 0, "a.sub sec.k" },
		{ "a..k", 0, "a..k" },
		{ ".a.b", 0, ".a.b" },
		{ "1a.b", 0, "1a.b" },
		{ "a-1.b-2", 0, "a-1.b-2" },
		{ "nope", UG_ENOTFOUND, "key does not contain a section: nope" },
		{ ".b", UG_ENOTFOUND, "key does not contain a section: .b" },
		{ "a.", UG_ENOTFOUND, "key does not contain variable name: a." },
		{ "a..", UG_ENOTFOUND, "key does not contain variable name: a.." },
		{ "a.1b", UG_EINVALID, "invalid key: a.1b" },
		{ "a.-b", UG_EINVALID, "invalid key: a.-b" },
		{ "a.b_c", UG_EINVALID, "invalid key: a.b_c" },
		{ "a_b.c", UG_EINVALID, "invalid key: a_b.c" },
		{ "a b.c", UG_EINVALID, "invalid key: a b.c" },
		{ "a.\x80" "b", UG_EINVALID, "invalid key: a.\x80" "b" },
		{ "a.b\nc.d", UG_EINVALID, "invalid key (newline): a.b\nc.d" },
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int err;

		strbuf_reset(&sb);
		err = config_parse_key(&sb, cases[i].key);
		cr_expect_eq(err, cases[i].err, "'%s' -> %d", cases[i].key, err);
		cr_expect_str_eq(err ? ug_error_last() : sb.buf, cases[i].out,
				 "'%s'", cases[i].key);
	}
	strbuf_release(&sb);
}

Test(config, typed_getters_and_their_messages)
{
	static const char content[] = "[t]\n\tnul\n\temp =\n\ty = YES\n\ti = 1k\n\tbad = 12q\n";

	struct config *cfg;
	const char *s, *file;
	long long n;
	int b, line;

	write_file("c", content, strlen(content));
	assert_ok(config_load_file(&cfg, "c", CONFIG_SCOPE_LOCAL));
	assert_ok(config_get_string(&s, cfg, "T.NUL"));
	cr_assert_null(s, "no '=' reads as NULL");
	assert_ok(config_get_bool(&b, cfg, "t.nul"));
	cr_assert_eq(b, 1);
	assert_ok(config_get_bool(&b, cfg, "t.emp"));
	cr_assert_eq(b, 0);
	assert_ok(config_get_bool(&b, cfg, "t.y"));
	cr_assert_eq(b, 1);
	assert_ok(config_get_int(&n, cfg, "t.i"));
	cr_assert_eq(n, 1024);
	cr_assert_eq(config_get_bool(&b, cfg, "t.bad"), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "bad boolean config value '12q' for 't.bad'");
	cr_assert_eq(config_get_int(&n, cfg, "t.bad"), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(),
			 "bad numeric config value '12q' for 't.bad' in file c: invalid unit");
	cr_assert_eq(config_get_int(&n, cfg, "t.nul"), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(),
			 "bad numeric config value '' for 't.nul' in file c: invalid unit");
	cr_assert_eq(config_get_string(&s, cfg, "t.missing"), UG_ENOTFOUND);
	cr_assert_eq(config_get_bool(&b, cfg, "t.missing"), UG_ENOTFOUND);
	cr_assert_eq(config_get_int(&n, cfg, "t.missing"), UG_ENOTFOUND);
	cr_assert_eq(config_get_string(&s, cfg, "not a key"), UG_ENOTFOUND);
	assert_ok(config_get_origin(&file, &line, cfg, "t.y"));
	cr_assert_str_eq(file, "c");
	cr_assert_eq(line, 4);
	cr_assert_eq(config_get_origin(&file, &line, cfg, "t.missing"), UG_ENOTFOUND);
	config_free(cfg);
}

/*
 * ---- Which files, in which order ----
 */

static int record(const char *key, const char *value, enum config_scope scope,
		  void *payload)
{
	struct strbuf *sb = payload;

	strbuf_addf(sb, "%d:%s=%s\n", (int)scope, key, value ? value : "(null)");
	return 0;
}

Test(config, reads_system_global_and_local_in_git_order)
{
	struct strbuf sb = STRBUF_INIT;
	struct config *cfg;
	const char *v;
	char *home = NULL;

	fs_mkdir_p("home/.config/git", 0777);
	write_file("sys", "[k]\n\tv = system\n\ts = 1\n", 23);
	write_file("home/.config/git/config", "[k]\n\tv = xdg\n\tx = 1\n", 20);
	write_file("home/.gitconfig", "[k]\n\tv = home\n\th = 1\n", 21);
	write_file("local", "[k]\n\tv = local\n", 15);
	home = realpath("home", NULL);
	setenv("HOME", home, 1);
	unsetenv("GIT_CONFIG_GLOBAL");
	unsetenv("GIT_CONFIG_NOSYSTEM");
	setenv("GIT_CONFIG_SYSTEM", "sys", 1);
	assert_ok(config_load(&cfg, "local"));
	assert_ok(config_get_string(&v, cfg, "k.v"));
	cr_assert_str_eq(v, "local", "the repository's file wins");
	config_for_each(cfg, record, &sb);
	cr_assert_str_eq(sb.buf, "0:k.v=system\n0:k.s=1\n1:k.v=xdg\n1:k.x=1\n"
			 "1:k.v=home\n1:k.h=1\n2:k.v=local\n");
	config_free(cfg);

	/* GIT_CONFIG_NOSYSTEM is a boolean; GIT_CONFIG_GLOBAL replaces both */
	setenv("GIT_CONFIG_NOSYSTEM", "true", 1);
	setenv("GIT_CONFIG_GLOBAL", "home/.gitconfig", 1);
	assert_ok(config_load(&cfg, NULL));
	strbuf_reset(&sb);
	config_for_each(cfg, record, &sb);
	cr_assert_str_eq(sb.buf, "1:k.v=home\n1:k.h=1\n");
	config_free(cfg);
	setenv("GIT_CONFIG_NOSYSTEM", "", 1);	/* empty is false */
	setenv("GIT_CONFIG_GLOBAL", "", 1);	/* empty: no global file */
	assert_ok(config_load(&cfg, NULL));
	strbuf_reset(&sb);
	config_for_each(cfg, record, &sb);
	cr_assert_str_eq(sb.buf, "0:k.v=system\n0:k.s=1\n");
	config_free(cfg);
	strbuf_release(&sb);
	free(home);
}

Test(config, bad_file_fails_the_load_with_its_name)
{
	struct config *cfg = (struct config *)1;

	write_file("local", "[k]\n\tv = 1\n[bad\n", 16);
	cr_assert_eq(config_load(&cfg, "local"), UG_ECORRUPT);
	cr_assert_null(cfg);
	cr_assert_str_eq(ug_error_last(), "bad config line 3 in file local");
	fs_mkdir_p("dir", 0777);
	cr_assert_eq(config_load_file(&cfg, "dir", CONFIG_SCOPE_LOCAL), UG_ERROR);
	cr_assert_str_eq(ug_error_last(), "unable to read config file 'dir': Is a directory");
	cr_assert_eq(config_parse_file("missing", NULL, CONFIG_SCOPE_LOCAL, record, NULL),
		     UG_ENOTFOUND);
	cr_assert_str_eq(ug_error_last(),
			 "unable to read config file 'missing': No such file or directory");
	/* a missing file adds nothing when loading */
	assert_ok(config_load_file(&cfg, "missing", CONFIG_SCOPE_LOCAL));
	config_free(cfg);
}

Test(config, global_file_to_write)
{
	struct strbuf sb = STRBUF_INIT;
	char *home;

	setenv("GIT_CONFIG_GLOBAL", "/some/where", 1);
	assert_ok(config_global_write_file(&sb));
	cr_assert_str_eq(sb.buf, "/some/where");
	unsetenv("GIT_CONFIG_GLOBAL");
	unsetenv("HOME");
	cr_assert_eq(config_global_write_file(&sb), UG_ENOTFOUND);
	cr_assert_str_eq(ug_error_last(), "$HOME not set");
	fs_mkdir_p("h/.config/git", 0777);
	home = realpath("h", NULL);
	setenv("HOME", home, 1);
	strbuf_reset(&sb);
	assert_ok(config_global_write_file(&sb));
	cr_assert(ends_with(sb.buf, "/h/.gitconfig"), "neither exists: %s", sb.buf);
	write_file("h/.config/git/config", "", 0);
	strbuf_reset(&sb);
	assert_ok(config_global_write_file(&sb));
	cr_assert(ends_with(sb.buf, "/h/.config/git/config"), "only XDG: %s", sb.buf);
	write_file("h/.gitconfig", "", 0);
	strbuf_reset(&sb);
	assert_ok(config_global_write_file(&sb));
	cr_assert(ends_with(sb.buf, "/h/.gitconfig"), "both: %s", sb.buf);
	strbuf_release(&sb);
	free(home);
}

Test(config, global_files_to_read)
{
	struct strbuf files[2] = { STRBUF_INIT, STRBUF_INIT };

	setenv("HOME", "/h", 1);
	unsetenv("GIT_CONFIG_GLOBAL");
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	cr_assert_eq(config_global_files(files), 2);
	cr_assert_str_eq(files[0].buf, "/xdg/git/config");
	cr_assert_str_eq(files[1].buf, "/h/.gitconfig");
	strbuf_reset(&files[0]);
	strbuf_reset(&files[1]);
	unsetenv("XDG_CONFIG_HOME");
	cr_assert_eq(config_global_files(files), 2);
	cr_assert_str_eq(files[0].buf, "/h/.config/git/config");
	strbuf_reset(&files[0]);
	strbuf_reset(&files[1]);
	unsetenv("HOME");
	cr_assert_eq(config_global_files(files), 0, "no HOME, no global files");
	setenv("GIT_CONFIG_GLOBAL", "/g", 1);
	cr_assert_eq(config_global_files(files), 1);
	cr_assert_str_eq(files[0].buf, "/g");
	strbuf_release(&files[0]);
	strbuf_release(&files[1]);
}

/*
 * ---- Writing safely ----
 */

Test(config, held_lock_refuses_and_changes_nothing)
{
	char *s;

	write_file("cfg", "[a]\n\tk = 1\n", 11);
	write_file("cfg.lock", "other", 5);
	cr_assert_eq(config_set("cfg", ".git/config", "a.k", "2"), UG_ELOCKED);
	cr_assert_str_eq(ug_error_last(), "could not lock config file .git/config: File exists");
	s = read_file("cfg", NULL);
	cr_assert_str_eq(s, "[a]\n\tk = 1\n");
	free(s);
	s = read_file("cfg.lock", NULL);
	cr_assert_str_eq(s, "other", "somebody else's lock is left alone");
	free(s);
}

Test(config, errors_leave_the_file_unchanged)
{
	static const char two[] = "[a]\n\tk = 1\n\tk = 2\n";
	static const char bad_header[] = "[a]\n\tk = 1\n[b \"x]\n";
	char *s;

	write_file("cfg", bad_header, strlen(bad_header));
	cr_assert_eq(config_set("cfg", NULL, "a.k", "3"), UG_EINVALID);
	cr_assert_str_eq(ug_error_last(), "invalid section name 'b.x]'");
	write_file("cfg", two, strlen(two));
	cr_assert_eq(config_set("cfg", NULL, "a.k", "3"), UG_EAMBIGUOUS);
	cr_assert_str_eq(ug_error_last(), "a.k has multiple values");
	cr_assert_eq(config_set("cfg", NULL, "a.j", NULL), UG_ENOTFOUND);
	cr_assert_eq(config_set("cfg", NULL, "a.1", "x"), UG_EINVALID);
	cr_assert_eq(config_set("cfg", NULL, "nosection", "x"), UG_EINVALID);
	s = read_file("cfg", NULL);
	cr_assert_str_eq(s, "[a]\n\tk = 1\n\tk = 2\n");
	free(s);
	cr_assert_not(fs_exists("cfg.lock"));
	write_file("cfg", "[a]\nk = \"x\n", 11);
	cr_assert_eq(config_set("cfg", NULL, "a.k", "3"), UG_ECORRUPT);
	cr_assert_str_eq(ug_error_last(), "bad config line 2 in file cfg");
	cr_assert_eq(config_set("no/such/dir/cfg", NULL, "a.k", "3"), UG_ERROR);
	cr_assert_str_eq(ug_error_last(),
			 "could not lock config file no/such/dir/cfg: No such file or directory");
}

Test(config, only_regular_files_are_replaced)
{
	cr_assert_eq(mkfifo("fifo", 0644), 0);
	cr_assert_eq(config_set("fifo", NULL, "a.k", "1"), UG_ERROR);
	cr_assert_str_eq(ug_error_last(), "could not lock config file fifo: Not a regular file");
	cr_assert_not(fs_exists("fifo.lock"));
}

Test(config, keeps_mode_and_follows_symbolic_links)
{
	struct stat st;
	char *s;

	write_file("real", "[a]\n\tk = 1\n", 11);
	cr_assert_eq(chmod("real", 0600), 0);
	cr_assert_eq(symlink("real", "link"), 0);
	assert_ok(config_set("link", NULL, "a.k", "2"));
	cr_assert_eq(lstat("link", &st), 0);
	cr_assert(S_ISLNK(st.st_mode), "the link is still a link");
	cr_assert_eq(stat("real", &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0600);
	s = read_file("real", NULL);
	cr_assert_str_eq(s, "[a]\n\tk = 2\n");
	free(s);
	/* a new file is created */
	assert_ok(config_set("new", NULL, "Sec.Sub.Key", "v"));
	s = read_file("new", NULL);
	cr_assert_str_eq(s, "[Sec \"Sub\"]\n\tKey = v\n");
	free(s);
}

Test(config, set_then_read_back_round_trips_any_value)
{
	static const char *const values[] = {
		"plain", " lead", "trail ", "a#b", "a;b", "a\"b", "a\\b", "a\nb",
		"a\tb", "a\rb", "", " ", "\\", "\"", "x = y", "[s]", "a\bb",
	};
	struct config *cfg;
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(*values); i++) {
		assert_ok(config_set("rt", NULL, "s.k", values[i]));
		assert_ok(config_load_file(&cfg, "rt", CONFIG_SCOPE_LOCAL));
		assert_ok(config_get_string(&v, cfg, "s.k"));
		cr_expect_str_eq(v, values[i], "value %zu", i);
		config_free(cfg);
	}
}

/*
 * ---- Renaming and removing sections (git config --rename-section) ----
 */

static const struct {
	const char *data, *old, *new_name;	/* new_name NULL: --remove-section */
} section_cases[] = {
	{ "[a]\n\tk = 1\n", "a", "b" },
	{ "[a]\n\tk = 1\n", "a", NULL },
	{ "[x \"y\"]\n\tk = 1\n[z]\n\tj = 2\n", "x.y", "x.w" },
	{ "[x \"y\"]\n\tk = 1\n# note\n[z]\n\tj = 2\n", "x.y", NULL },
	{ "[z]\n\tj = 2\n[x \"y\"]\n\tk = 1\n", "x.y", NULL },
	{ "[z]\n\tj = 2\n[x \"y\"]\n\tk = 1", "x.y", "q" },
	{ "[x \"y\"] k = 1 ; c\n", "x.y", "x.z" },
	{ "[x \"y\"] k = 1 ; c\n[x \"y\"]\n", "x.y", NULL },
	{ "[x.y]\n\tk = 1\n[x.Y]\n\tk = 2\n[X \"y\"]\n", "x.y", "x.z" },
	{ "  [x  \"y\"]\n\tk = 1\n", "x.y", "x.z" },
	{ "[x \"a\\\"b\"]\n\tk = 1\n", "x.a\"b", "x.c\\d" },
	{ "[x \"y\"]\n\tk = 1\n", "x.Y", "x.z" },
	{ "[x \"y\"]\n\tk = 1\n", "x", "z" },
	{ "[x]\n\tk = 1\n", "x.y", NULL },
	{ "[x \"y\"]\n\tk = 1\n", "x.y", "bad name" },
	{ "[x \"y\"]\n\tk = 1\n", "x.y", "" },
	{ "[x \"y.z\"]\n\tk = 1\n[x.y.z]\n", "x.y.z", "x.a.b" },
};

Test(config, renames_and_removes_sections_as_git)
{
	struct strbuf gout = STRBUF_INIT, gerr = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(section_cases) / sizeof(*section_cases); i++) {
		const char *old = section_cases[i].old, *nn = section_cases[i].new_name;
		const char *rename_argv[] = { "git", "config", "--file", "g",
					      "--rename-section", old, nn, NULL };
		const char *remove_argv[] = { "git", "config", "--file", "g",
					      "--remove-section", old, NULL };
		const char *data = section_cases[i].data;
		char *g, *u;
		int gs, err, us;

		write_file("g", data, strlen(data));
		write_file("u", data, strlen(data));
		gs = run_git(&gout, &gerr, nn ? rename_argv : remove_argv);
		err = config_rename_section("u", NULL, old, nn);
		us = !err ? 0 : err == UG_ENOTFOUND ? 128 : 255;
		cr_expect_eq(us, gs, "case %zu (%s): exit %d, git %d: %s", i, old, us, gs,
			     ug_error_last());
		g = read_file("g", NULL);
		u = read_file("u", NULL);
		cr_expect_str_eq(u, g, "case %zu (%s): files differ", i, old);
		free(g);
		free(u);
	}
	cr_expect_not(fs_exists("u.lock"));
	strbuf_release(&gout);
	strbuf_release(&gerr);
}

Test(config, section_rename_refuses_a_held_lock)
{
	char *s;

	write_file("cfg", "[a]\n\tk = 1\n", 11);
	write_file("cfg.lock", "other", 5);
	cr_assert_eq(config_rename_section("cfg", ".git/config", "a", NULL), UG_ELOCKED);
	cr_assert_str_eq(ug_error_last(), "could not lock config file .git/config");
	s = read_file("cfg", NULL);
	cr_assert_str_eq(s, "[a]\n\tk = 1\n");
	free(s);
	s = read_file("cfg.lock", NULL);
	cr_assert_str_eq(s, "other", "somebody else's lock is left alone");
	free(s);
	unlink("cfg.lock");
	cr_assert_eq(config_rename_section("cfg", NULL, "b", NULL), UG_ENOTFOUND);
	cr_assert_str_eq(ug_error_last(), "no such section: b");
	cr_assert_not(fs_exists("cfg.lock"));
}
