#ifndef UGIT_CONFIG_H
#define UGIT_CONFIG_H

/*
 * config - git's config files: "[section "subsection"]" headers, "key = value"
 * lines, quoting and escapes, comments, booleans and k/m/g integers.
 *
 * A `struct config` holds every entry from the files git would read, in
 * git's order (system unless GIT_CONFIG_NOSYSTEM, then global:
 * $XDG_CONFIG_HOME/git/config and ~/.gitconfig, or GIT_CONFIG_GLOBAL; then
 * the repository's config), so the last value of a key wins.  Keys are
 * "section.key" or "section.subsection.key"; section and key names are
 * case-insensitive, subsections are not.  Writes rewrite one file under
 * "<file>.lock".
 */

#include <stddef.h>

struct config;

enum config_scope {
	CONFIG_SCOPE_SYSTEM,
	CONFIG_SCOPE_GLOBAL,
	CONFIG_SCOPE_LOCAL,
	CONFIG_SCOPE_COMMAND,
};

/*
 * Load the system and global files, and `repo_config` if not NULL.
 * Returns 0 or UG_ERROR/UG_EINVALID with git's message for a bad file
 * ("bad config line 3 in file .git/config").  Caller frees with
 * config_free().
 */
int config_load(struct config **out, const char *repo_config);
void config_free(struct config *cfg);

/* Read one file alone (for `config --file`, `--global`, tests). */
int config_load_file(struct config **out, const char *path,
		     enum config_scope scope);

/*
 * Last value of `key`.  *out is borrowed from `cfg` (NULL for a key
 * written without "=", which means true).  UG_ENOTFOUND if unset.
 */
int config_get_string(const char **out, struct config *cfg, const char *key);
/* UG_EINVALID with git's "bad boolean config value" message. */
int config_get_bool(int *out, struct config *cfg, const char *key);
/* UG_EINVALID with git's "bad numeric config value" message. */
int config_get_int(long long *out, struct config *cfg, const char *key);

/* Parse git's boolean (true/yes/on/1, false/no/off/0/"") -> 1/0, -1 if not one. */
int config_parse_bool(const char *value);

typedef int (*config_each_fn)(const char *key, const char *value,
			      enum config_scope scope, void *payload);
/* Every entry in load order; `key` is canonical (section and name lower-case). */
int config_for_each(struct config *cfg, config_each_fn fn, void *payload);

/*
 * In file `path`, set `key` to `value` (replacing its last occurrence, or
 * adding it to the section, creating section or file as needed); `value`
 * NULL removes it.  Returns 0; UG_ENOTFOUND for unsetting a missing key;
 * UG_EINVALID for a bad key ("invalid key: %s"); UG_ELOCKED.
 */
int config_set(const char *path, const char *key, const char *value);

#endif /* UGIT_CONFIG_H */
