/* signature: the default author and committer identity, from the environment and config. */
#include "ugit/signature.h"

#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ugit/config.h"
#include "ugit/date.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/ident.h"

/* git's advice when it had to guess an identity and the guess is no good. */
static const char identity_hint[] =
	"\n"
	"*** Please tell me who you are.\n"
	"\n"
	"Run\n"
	"\n"
	"  git config --global user.email \"you@example.com\"\n"
	"  git config --global user.name \"Your Name\"\n"
	"\n"
	"to set your account's default identity.\n"
	"Omit --global to set the identity only in this repository.\n"
	"\n";

/* What one role reads: its environment variables and config keys. */
struct role_keys {
	const char *env_name, *env_email, *env_date;
	const char *cfg_name, *cfg_email;
	const char *unknown;	/* first line of the advice */
};

static const struct role_keys roles[] = {
	[SIGNATURE_AUTHOR] = { "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE",
			       "author.name", "author.email", "Author identity unknown\n" },
	[SIGNATURE_COMMITTER] = { "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
				  "GIT_COMMITTER_DATE", "committer.name",
				  "committer.email", "Committer identity unknown\n" },
};

/* git's "crud": what may not begin or end a name or an email. */
static int is_crud(unsigned char c)
{
	return c <= ' ' || strchr(".,:;<>\"\\'", c) != NULL;
}

void signature_add_clean(struct strbuf *out, const char *s)
{
	size_t len = strlen(s), i;

	while (len && is_crud((unsigned char)s[len - 1]))
		len--;
	while (len && is_crud((unsigned char)*s)) {
		s++;
		len--;
	}
	/* brackets and newlines inside would break the "Name <email>" line */
	for (i = 0; i < len; i++)
		if (s[i] != '<' && s[i] != '>' && s[i] != '\n')
			strbuf_addch(out, s[i]);
}

static int has_non_crud(const char *s)
{
	for (; *s; s++)
		if (!is_crud((unsigned char)*s))
			return 1;
	return 0;
}

/* A config value; NULL if unset.  A key without "=" counts as unset. */
static const char *config_value(struct config *cfg, const char *key)
{
	const char *v = NULL;

	if (!cfg || config_get_string(&v, cfg, key) < 0) {
		ug_error_clear();
		return NULL;
	}
	return v;
}

/*
 * The configured value of a part: author.email (say) if set and not
 * empty, else user.email if set; else, if either key is set at all, ""
 * (git then takes the configuration at its word and guesses nothing);
 * NULL if neither is set.
 */
static const char *configured(struct config *cfg, const char *role_key,
			      const char *user_key)
{
	const char *r = config_value(cfg, role_key), *u = config_value(cfg, user_key);

	if (r && *r)
		return r;
	if (u)
		return u;
	return r ? "" : NULL;
}

/*
 * The account's full name: the GECOS field up to its first comma, with
 * '&' standing for the login name capitalised (an old Unix convention).
 * Sets *bogus if there is no account entry at all.
 */
static void gecos_name(struct strbuf *out, int *bogus)
{
	struct passwd *pw = getpwuid(getuid());
	const char *g;

	if (!pw) {
		*bogus = 1;
		strbuf_addstr(out, "Unknown");
		return;
	}
	for (g = pw->pw_gecos ? pw->pw_gecos : ""; *g && *g != ','; g++) {
		if (*g != '&') {
			strbuf_addch(out, *g);
			continue;
		}
		strbuf_addstr(out, pw->pw_name);
		if (pw->pw_name[0] >= 'a' && pw->pw_name[0] <= 'z')
			out->buf[out->len - strlen(pw->pw_name)] -= 'a' - 'A';
	}
	strbuf_trim(out);
}

/* The host part of a guessed email; sets *bogus if it has no domain. */
static void host_name(struct strbuf *out, int *bogus)
{
	struct addrinfo hints = { 0 }, *ai = NULL;
	char host[256];

	/* Debian's /etc/mailname names the mail domain */
	if (fs_read_file(out, "/etc/mailname") == 0 && out->len) {
		out->len = strcspn(out->buf, "\n");
		out->buf[out->len] = '\0';
		return;
	}
	ug_error_clear();
	strbuf_reset(out);
	if (gethostname(host, sizeof(host)) < 0) {
		strbuf_addstr(out, "(none)");
		*bogus = 1;
		return;
	}
	host[sizeof(host) - 1] = '\0';
	if (!strchr(host, '.')) {
		hints.ai_flags = AI_CANONNAME;
		if (!getaddrinfo(host, NULL, &hints, &ai) && ai && ai->ai_canonname &&
		    strchr(ai->ai_canonname, '.')) {
			strbuf_addstr(out, ai->ai_canonname);
			freeaddrinfo(ai);
			return;
		}
		if (ai)
			freeaddrinfo(ai);
		/* a bare host name is no mail domain: say so in the address */
		strbuf_addf(out, "%s.(none)", host);
		*bogus = 1;
		return;
	}
	strbuf_addstr(out, host);
}

/* EMAIL, else "<login>@<host>". */
static void guess_email(struct strbuf *out, int *bogus)
{
	struct passwd *pw = getpwuid(getuid());
	struct strbuf host = STRBUF_INIT;
	const char *env = getenv("EMAIL");

	if (env && *env) {
		strbuf_addstr(out, env);
		return;
	}
	strbuf_addf(out, "%s@", pw ? pw->pw_name : "unknown");
	if (!pw)
		*bogus = 1;
	host_name(&host, bogus);
	strbuf_addbuf(out, &host);
	strbuf_release(&host);
	strbuf_trim(out);
}

struct who {
	struct strbuf name, email;
	int name_is_default;
};

static int use_config_only(struct config *cfg)
{
	int v = 0;

	if (!cfg || config_get_bool(&v, cfg, "user.useconfigonly") < 0) {
		ug_error_clear();
		return 0;
	}
	return v;
}

static int find_email(struct who *w, struct strbuf *hint, struct config *cfg,
		      const struct role_keys *k, unsigned flags)
{
	const char *v = getenv(k->env_email);
	int bogus = 0;

	if (!v)
		v = configured(cfg, k->cfg_email, "user.email");
	if (v) {
		strbuf_addstr(&w->email, v);
		return 0;
	}
	if ((flags & SIGNATURE_STRICT) && use_config_only(cfg)) {
		strbuf_addstr(hint, k->unknown);
		strbuf_addstr(hint, identity_hint);
		return ug_error(UG_EINVALID, "no email was given and auto-detection is disabled");
	}
	guess_email(&w->email, &bogus);
	if ((flags & SIGNATURE_STRICT) && bogus) {
		strbuf_addstr(hint, k->unknown);
		strbuf_addstr(hint, identity_hint);
		return ug_error(UG_EINVALID, "unable to auto-detect email address (got '%s')",
				w->email.buf);
	}
	return 0;
}

static int find_name(struct who *w, struct strbuf *hint, struct config *cfg,
		     const struct role_keys *k, unsigned flags)
{
	const char *v = getenv(k->env_name);
	int strict = flags & SIGNATURE_STRICT, bogus = 0;
	struct passwd *pw;

	if (!v)
		v = configured(cfg, k->cfg_name, "user.name");
	if (v) {
		strbuf_addstr(&w->name, v);
	} else {
		if (strict && use_config_only(cfg)) {
			strbuf_addstr(hint, k->unknown);
			strbuf_addstr(hint, identity_hint);
			return ug_error(UG_EINVALID, "no name was given and auto-detection is disabled");
		}
		gecos_name(&w->name, &bogus);
		w->name_is_default = 1;
		if (strict && bogus) {
			strbuf_addstr(hint, k->unknown);
			strbuf_addstr(hint, identity_hint);
			return ug_error(UG_EINVALID, "unable to auto-detect name (got '%s')",
					w->name.buf);
		}
	}
	if (!w->name.len) {
		if (strict) {
			if (w->name_is_default) {
				strbuf_addstr(hint, k->unknown);
				strbuf_addstr(hint, identity_hint);
			}
			return ug_error(UG_EINVALID, "empty ident name (for <%s>) not allowed",
					w->email.buf);
		}
		/* a reflog still wants some name: the login */
		pw = getpwuid(getuid());
		strbuf_addstr(&w->name, pw ? pw->pw_name : "unknown");
	}
	if (strict && !has_non_crud(w->name.buf))
		return ug_error(UG_EINVALID, "name consists only of disallowed characters: %s",
				w->name.buf);
	return 0;
}

int signature_default(struct strbuf *out, struct strbuf *hint,
		      struct config *cfg, enum signature_role role,
		      const char *date, unsigned flags)
{
	const struct role_keys *k = &roles[role];
	struct who w = { STRBUF_INIT, STRBUF_INIT, 0 };
	struct strbuf name = STRBUF_INIT, email = STRBUF_INIT, sink = STRBUF_INIT;
	struct config *own = NULL;
	uint64_t timestamp;
	int tz, err;

	if (!hint)
		hint = &sink;
	if (!cfg) {
		err = config_load(&own, NULL);
		if (err < 0)
			goto done;
		cfg = own;
	}
	/* git settles the email first: the name's messages quote it */
	err = find_email(&w, hint, cfg, k, flags);
	if (!err)
		err = find_name(&w, hint, cfg, k, flags);
	if (err < 0)
		goto done;
	if (!date || !*date)
		date = getenv(k->env_date);
	if (date && *date)
		err = date_parse(&timestamp, &tz, date);
	else
		timestamp = date_now(&tz);
	if (err < 0)
		goto done;
	signature_add_clean(&name, w.name.buf);
	signature_add_clean(&email, w.email.buf);
	ident_format(out, name.buf, email.buf, timestamp, tz);
done:
	strbuf_release(&w.name);
	strbuf_release(&w.email);
	strbuf_release(&name);
	strbuf_release(&email);
	strbuf_release(&sink);
	config_free(own);
	return err;
}
