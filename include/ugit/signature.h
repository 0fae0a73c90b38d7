#ifndef UGIT_SIGNATURE_H
#define UGIT_SIGNATURE_H

/*
 * signature - who is committing, and when: the "Name <email> <epoch> <tz>"
 * line that goes into commits (author, committer) and reflogs.
 *
 * Each part comes from the first place that has it, as in git:
 *   name:  GIT_AUTHOR_NAME (GIT_COMMITTER_NAME), author.name
 *          (committer.name), user.name, the account's full name (GECOS)
 *   email: GIT_AUTHOR_EMAIL (...), author.email (...), user.email, EMAIL,
 *          "<login>@<host>" (/etc/mailname, else the host's full name)
 *   date:  the date given by the caller, GIT_AUTHOR_DATE (...), now
 * An empty author.* or committer.* value counts as unset; an empty
 * user.* value is used as it is (and stops the guessing), like an empty
 * environment variable.
 * Name and email lose leading and trailing "crud" (blanks, control
 * characters and . , : ; < > " \ ') and any '<', '>' or newline inside.
 */

#include "ugit/strbuf.h"

struct config;

enum signature_role {
	SIGNATURE_AUTHOR,
	SIGNATURE_COMMITTER,
};

enum signature_flags {
	/*
	 * For commits: refuse what git's IDENT_STRICT refuses - an email
	 * that had to be guessed and looks bogus ("root@vm.(none)"), an
	 * empty name, a name of nothing but crud, user.useConfigOnly with
	 * nothing configured.  Without it (reflogs), such identities are
	 * used as they are, an empty name becoming the login name.
	 */
	SIGNATURE_STRICT = (1 << 0),
};

/*
 * Append the identity line of `role` to `out`.  `date` overrides the
 * environment's date (`commit --date`); NULL or "" means not given.
 * `cfg` is the configuration to read (the repository's); NULL reads the
 * system and global files.
 *
 * Returns 0, or UG_EINVALID with git's message (what follows "fatal: "):
 * "invalid date format: %s", "unable to auto-detect email address (got
 * '%s')", "empty ident name (for <%s>) not allowed", "name consists only
 * of disallowed characters: %s", "no email was given and auto-detection
 * is disabled" (and the same for the name).  When git prints its advice
 * first ("Author identity unknown", "*** Please tell me who you are." ...)
 * that text is appended to `hint` (may be NULL), for the caller to print
 * before the message.  `out` is unchanged on error.
 */
int signature_default(struct strbuf *out, struct strbuf *hint,
		      struct config *cfg, enum signature_role role,
		      const char *date, unsigned flags);

/* Append `s` to `out` without git's "crud" (see above). */
void signature_add_clean(struct strbuf *out, const char *s);

#endif /* UGIT_SIGNATURE_H */
