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
 * case-insensitive, subsections are not.  Every function taking a key
 * accepts any spelling ("Core.FileMode") and compares canonical forms.
 *
 * Writes rewrite one file under "<file>.lock", keeping every other byte of
 * it as it was.  Each file has a path (to open) and a name (to show in
 * messages, as git shows it: ".git/config", "/home/u/.gitconfig").
 */

#include <stddef.h>

struct config;
struct strbuf;

enum config_scope {
	CONFIG_SCOPE_SYSTEM,
	CONFIG_SCOPE_GLOBAL,
	CONFIG_SCOPE_LOCAL,
	CONFIG_SCOPE_COMMAND,
};

/* An empty set of entries.  Free with config_free(). */
struct config *config_new(void);
void config_free(struct config *cfg);

/*
 * Append the entries of the file at `path`, named `name` in messages
 * (NULL: `path`).  A missing file adds nothing and is not an error.
 * Returns 0, or UG_ECORRUPT with git's "bad config line 3 in file
 * .git/config", or UG_ERROR if the file cannot be read.
 */
int config_add_file(struct config *cfg, const char *path, const char *name,
		    enum config_scope scope);

/* Append the system and global files (see the files below). */
int config_add_user_files(struct config *cfg);

/*
 * Load the system and global files, and `repo_config` if not NULL.
 * Same errors as config_add_file().  Caller frees with config_free().
 */
int config_load(struct config **out, const char *repo_config);

/* Read one file alone (for `config --file`, `--global`, tests). */
int config_load_file(struct config **out, const char *path,
		     enum config_scope scope);

/*
 * Where git looks.  config_system_file() appends the system file's path
 * ($GIT_CONFIG_SYSTEM or /etc/gitconfig) and returns 1, or returns 0 when
 * GIT_CONFIG_NOSYSTEM (a boolean) says to skip it.  config_global_files()
 * sets out[0] (and out[1]) to the global files read, in order, and returns
 * how many.  config_global_write_file() appends the file `config --global`
 * writes: GIT_CONFIG_GLOBAL, else the XDG file if only it exists, else
 * ~/.gitconfig; UG_ENOTFOUND ("$HOME not set") if there is none.
 */
int config_system_file(struct strbuf *out);
int config_global_files(struct strbuf *out);	/* out: an array of two */
int config_global_write_file(struct strbuf *out);

/*
 * Last value of `key`.  *out is borrowed from `cfg` (NULL for a key
 * written without "=", which means true).  UG_ENOTFOUND if unset.
 */
int config_get_string(const char **out, struct config *cfg, const char *key);
/* UG_EINVALID with git's "bad boolean config value" message. */
int config_get_bool(int *out, struct config *cfg, const char *key);
/* UG_EINVALID with git's "bad numeric config value" message. */
int config_get_int(long long *out, struct config *cfg, const char *key);
/*
 * The file name (borrowed) and line of the last value of `key`, for
 * messages such as "bad config variable 'x' in file 'f' at line 2".
 */
int config_get_origin(const char **file, int *line, struct config *cfg,
		      const char *key);

/* Parse git's boolean (true/yes/on/1, false/no/off/0/"") -> 1/0, -1 if not one. */
int config_parse_bool(const char *value);

/*
 * Parse git's integer: optional sign, decimal, 0x hex or 0 octal, then an
 * optional unit k, m or g (x1024, case-insensitive), and check it fits in
 * `bits` (32 or 64) bits.  Returns 0; UG_EINVALID with the reason git gives:
 * "invalid unit" or "out of range".
 */
int config_parse_int(long long *out, const char *value, int bits);

/*
 * Check `key` as git does and append its canonical form to `out`.
 * Returns 0; UG_EINVALID ("invalid key: %s", "invalid key (newline): %s");
 * UG_ENOTFOUND if the section or the variable name is missing ("key does
 * not contain a section: %s", "key does not contain variable name: %s").
 */
int config_parse_key(struct strbuf *out, const char *key);

typedef int (*config_each_fn)(const char *key, const char *value,
			      enum config_scope scope, void *payload);
/* Every entry in load order; `key` is canonical (section and name lower-case). */
int config_for_each(struct config *cfg, config_each_fn fn, void *payload);

/*
 * Stream the entries of one file to `fn` as they are parsed, so entries
 * before a bad line are seen before the error (as `git config --list`
 * prints them).  UG_ENOTFOUND if the file does not exist, with git's
 * "unable to read config file '%s': No such file or directory".
 */
int config_parse_file(const char *path, const char *name,
		      enum config_scope scope, config_each_fn fn, void *payload);

/*
 * In the file at `path` (named `name` in messages; NULL: `path`), set
 * `key` to `value`, replacing its one occurrence or adding it at the end of
 * its last section (a new section at the end of the file if there is
 * none); `value` NULL removes the key (and its section, if nothing else is
 * left in it).  The file is created if missing; symbolic links are
 * followed; its mode is kept.  Returns 0, or:
 *   UG_ENOTFOUND   unsetting a key that is not set;
 *   UG_EAMBIGUOUS  the key has several values ("a.k has multiple values");
 *   UG_EINVALID    a bad key, or a malformed section header in the file
 *                  ("invalid section name 'x'": git's exit code 3);
 *   UG_ECORRUPT    another parse error ("bad config line 3 in file x");
 *   UG_ELOCKED/UG_ERROR  the lock could not be taken ("could not lock
 *                  config file x: File exists"), or the write failed.
 * On any error the file is unchanged.
 */
int config_set(const char *path, const char *name, const char *key,
	       const char *value);

/*
 * In the file at `path` (`name` in messages; NULL: `path`), rename every
 * section headed `old` ("branch.topic") to `new_name`, or with
 * `new_name` NULL remove those sections, their entries and comments
 * included (git's --rename-section / --remove-section; branch -m and -d
 * use them).  A header matches as written: "[branch \"topic\"]" or
 * "[branch.topic]", case-sensitively, as git compares it.  Entries keep
 * their lines; a renamed header is written canonically on a line of its
 * own.  Returns 0, or UG_ENOTFOUND "no such section: <old>" (nothing is
 * written), UG_EINVALID "invalid section name: <new>", and the parse and
 * lock errors of config_set().
 */
int config_rename_section(const char *path, const char *name, const char *old,
			  const char *new_name);

#endif /* UGIT_CONFIG_H */
