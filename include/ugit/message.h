#ifndef UGIT_MESSAGE_H
#define UGIT_MESSAGE_H

/*
 * message - commit messages as `git commit` tidies them.
 *
 * git cleans a message before it commits it.  With -m or -F the default
 * is "whitespace": trailing blanks cut from every line, runs of blank
 * lines squeezed to one, blank lines at the start and end dropped, and a
 * final newline added.  "strip" (the default when an editor wrote the
 * message) also drops lines starting with '#'.  "verbatim" keeps the
 * bytes as they are.  A message that cleans to nothing is empty, and git
 * refuses to commit it unless told --allow-empty-message.
 */

#include "ugit/strbuf.h"

enum message_cleanup {
	MESSAGE_CLEANUP_VERBATIM,
	MESSAGE_CLEANUP_WHITESPACE,
	MESSAGE_CLEANUP_STRIP,
};

/*
 * The mode `--cleanup=<name>` names: "verbatim", "whitespace", "strip";
 * "default" is "whitespace" (no editor here).  Returns 0, or UG_EINVALID
 * with git's "Invalid cleanup mode %s".
 */
int message_cleanup_parse(enum message_cleanup *out, const char *name);

/* Clean `sb` in place as `mode` says (see above). */
void message_cleanup(struct strbuf *sb, enum message_cleanup mode);

/*
 * Append one -m argument: a blank line first if `sb` already holds
 * something, then `text`, then a newline if it lacks one.  So -m a -m b
 * is "a\n\nb\n", as in git.
 */
void message_add_paragraph(struct strbuf *sb, const char *text);

/*
 * 1 if `msg` holds nothing but blank lines, "Signed-off-by: " lines and,
 * for STRIP, comments (git's test before "Aborting commit due to empty
 * commit message.").  With VERBATIM only "" is empty.
 */
int message_is_empty(const char *msg, size_t len, enum message_cleanup mode);

/*
 * Append the subject of `msg` as `log --format=%s` shows it: the first
 * paragraph, blank lines before it skipped, each line's trailing blanks
 * cut (its leading ones kept), joined with single spaces.
 */
void message_subject(struct strbuf *out, const char *msg, size_t len);

#endif /* UGIT_MESSAGE_H */
