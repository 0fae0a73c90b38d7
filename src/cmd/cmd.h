#ifndef UGIT_CMD_H
#define UGIT_CMD_H

/*
 * cmd.h - private to the command-line front end (src/main.c, src/cmd/).
 *
 * Each command is `int cmd_<name>(int argc, char **argv, struct repo *repo)`
 * in src/cmd/cmd_<name>.c; argv[0] is the command name and the return
 * value is the exit status.  Only these files print or exit.
 */

#include <stddef.h>

struct oid;
struct option;
struct repo;
struct strbuf;

enum cmd_flags {
	CMD_NEED_REPO = (1 << 0),	/* find the repository first; die like git if none */
	CMD_NEED_WORKTREE = (1 << 1),	/* refuse in a bare repository */
	CMD_GENTLY = (1 << 2),		/* find a repository if there is one (repo may be NULL) */
};

struct cmd_spec {
	const char *name;
	int (*fn)(int argc, char **argv, struct repo *repo);
	unsigned flags;
	const char *usage;	/* git-style usage text, for -h and `ugit help` */
};

/* The command table (main.c); NULL if `name` is not a command. */
const struct cmd_spec *cmd_lookup(const char *name);

/*
 * `<cmd> -h`: print the usage text to stdout and return 129, as git does.
 * usage_error(): "error: <msg>" and the usage text on stderr, return 129.
 */
int usage_help(const char *usage);
int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * The message git gives for an option getopt_long() rejected (`c` is what
 * getopt_long() returned; the option string must start with ':'): an
 * unknown option with the usage text; a missing value, or a value given
 * to a flag in `longopts`, as one line.  Returns 129.
 */
int usage_bad_option(const char *usage, const struct option *longopts,
		     char **argv, int c);

/*
 * usage_fatal(): "fatal: <msg>", a blank line and the usage text on
 * stderr, return 129 (git's usage_msg_opt(), for arguments that do not
 * go together).
 */
int usage_fatal(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * An object name from the command line: revparse_single_ext() with
 * REVPARSE_* `flags`, printing on stderr what git prints meanwhile - the
 * warnings, and for an ambiguous abbreviation "error: short object ID
 * <hex> is ambiguous" and the candidates (not with REVPARSE_QUIET).
 * Returns revparse's result; the message for a failure ("Not a valid
 * object name x", "Needed a single revision") is the caller's.  Dies
 * with git's "log for 'x' only has N entries" (UG_ERANGE), silently
 * with RESOLVE_DIE_QUIETLY (rev-parse -q --verify).
 */
int resolve_object_name(struct oid *out, struct repo *repo, const char *name,
			unsigned flags);
/* resolve_object_name()'s own flag, next to the REVPARSE_* ones */
#define RESOLVE_DIE_QUIETLY (1u << 30)

/*
 * An object that exists but cannot be read: the reason as "error: ...",
 * then git's "fatal: loose object <id> (stored in <path>) is corrupt".
 */
void die_corrupt(struct repo *repo, const struct oid *oid)
	__attribute__((noreturn));

/* What commit_write() builds; every pointer is borrowed. */
struct commit_draft {
	const struct oid *tree;
	const struct oid *parents;
	size_t parents_nr;
	const char *author, *committer;	/* "Name <email> <epoch> <tz>" */
	const char *message;
	size_t message_len;
};

/*
 * commit_write.c: the identity of `role` for a commit (strict; `date`
 * overrides the environment's), or git's advice and death (128).  Caller
 * frees.  commit_write(): serialise and store the commit, or die.
 * check_object_type(): die as git does unless `oid` names an existing
 * object of type `want` ("<hex> is not a valid 'tree' object").
 */
char *commit_ident(struct repo *repo, int role, const char *date);
void commit_write(struct oid *out, struct repo *repo, const struct commit_draft *d);
int check_object_type(struct repo *repo, const struct oid *oid, int want);

/* core.quotePath as quote_path() flags: QUOTE_KEEP_HIGH_BYTES when false. */
unsigned core_quotepath_flags(struct repo *repo);

/*
 * The identity a reflog entry records: the committer's, guessed if need
 * be, as git does for reflogs (dies only if even that fails).
 */
void reflog_ident(struct strbuf *out, struct repo *repo);

/*
 * "--abbrev[=<n>]": 7 for no value, at least 4 (negative numbers too) and
 * at most 40 digits, 0 for full ids, as git takes it; -1 if not a number.
 */
int parse_abbrev(const char *arg);

/* 1 if `name` matches one of the NULL-terminated glob `patterns` (or there are none). */
int match_any_glob(char **patterns, const char *name);

int cmd_add(int argc, char **argv, struct repo *repo);
struct index;
/*
 * Read (or lock, then read) the index, dying as git does: "error: <why>"
 * then "fatal: index file corrupt" for a damaged file; git's lock message
 * for a held lock.  Commit the locked index or die.  (index_cmd.c)
 */
void load_index_or_die(struct index *idx, struct repo *repo);
void lock_index_or_die(struct index *idx, struct repo *repo);
void commit_index_or_die(struct index *idx);

/*
 * cmd_status.c: git's long status text, shared by status and commit
 * ("nothing to commit").  Every pointer is borrowed.
 */
struct status;
struct status_upstream;
struct status_view {
	struct repo *repo;
	const char *branch;		/* "refs/heads/x"; "" or NULL when detached */
	int head_exists;		/* HEAD names a commit */
	const struct oid *head;		/* that commit */
	int initial;			/* nothing to compare the index with */
	int merging;			/* MERGE_HEAD exists */
	int from_commit;		/* commit's wording: "Initial commit" */
	int amend;			/* commit --amend: "No changes" closes */
	int untracked;			/* enum status_untracked_mode */
	const struct status_upstream *upstream;	/* NULL: not shown */
};
/* Append the long format of `st` to `out`. */
void status_print_long(struct strbuf *out, const struct status_view *v,
		       const struct status *st);
/*
 * Append `path` (from the top) quoted as core.quotePath says; with
 * STATUS_PATH_RELATIVE, relative to the current directory ("../a",
 * "./"); with STATUS_PATH_QUOTE_SPACE a name holding a space is quoted
 * too (the short formats).
 */
enum status_path_flags {
	STATUS_PATH_RELATIVE = (1 << 0),
	STATUS_PATH_QUOTE_SPACE = (1 << 1),
};
void status_add_path(struct strbuf *out, struct repo *repo, const char *path,
		     unsigned flags);
/*
 * The untracked-files mode: `arg` (-u's value) if not NULL, else
 * status.showUntrackedFiles, else normal; dies as git on a bad value.
 */
int status_untracked_setting(struct repo *repo, const char *arg);
int cmd_branch(int argc, char **argv, struct repo *repo);
int cmd_cat_file(int argc, char **argv, struct repo *repo);
int cmd_check_ignore(int argc, char **argv, struct repo *repo);
int cmd_checkout(int argc, char **argv, struct repo *repo);
int cmd_commit(int argc, char **argv, struct repo *repo);
int cmd_commit_tree(int argc, char **argv, struct repo *repo);
int cmd_config(int argc, char **argv, struct repo *repo);
int cmd_fsck(int argc, char **argv, struct repo *repo);
int cmd_hash_object(int argc, char **argv, struct repo *repo);
int cmd_help(int argc, char **argv, struct repo *repo);
int cmd_init(int argc, char **argv, struct repo *repo);
int cmd_k(int argc, char **argv, struct repo *repo);
int cmd_log(int argc, char **argv, struct repo *repo);
int cmd_ls_files(int argc, char **argv, struct repo *repo);
int cmd_ls_tree(int argc, char **argv, struct repo *repo);
int cmd_rm(int argc, char **argv, struct repo *repo);
int cmd_status(int argc, char **argv, struct repo *repo);
int cmd_read_tree(int argc, char **argv, struct repo *repo);
int cmd_reset(int argc, char **argv, struct repo *repo);
int cmd_rev_parse(int argc, char **argv, struct repo *repo);
int cmd_show_ref(int argc, char **argv, struct repo *repo);
int cmd_switch(int argc, char **argv, struct repo *repo);
int cmd_symbolic_ref(int argc, char **argv, struct repo *repo);
int cmd_tag(int argc, char **argv, struct repo *repo);
int cmd_update_index(int argc, char **argv, struct repo *repo);
int cmd_update_ref(int argc, char **argv, struct repo *repo);
int cmd_version(int argc, char **argv, struct repo *repo);
int cmd_write_tree(int argc, char **argv, struct repo *repo);

/* Usage texts, one per command file. */
extern const char add_usage[];
extern const char branch_usage[];
extern const char cat_file_usage[];
extern const char check_ignore_usage[];
extern const char checkout_usage[];
extern const char commit_usage[];
extern const char commit_tree_usage[];
extern const char config_usage[];
extern const char fsck_usage[];
extern const char hash_object_usage[];
extern const char init_usage[];
extern const char k_usage[];
extern const char log_usage[];
extern const char ls_files_usage[];
extern const char ls_tree_usage[];
extern const char read_tree_usage[];
extern const char reset_usage[];
extern const char rev_parse_usage[];
extern const char rm_usage[];
extern const char status_usage[];
extern const char show_ref_usage[];
extern const char switch_usage[];
extern const char symbolic_ref_usage[];
extern const char tag_usage[];
extern const char update_index_usage[];
extern const char update_ref_usage[];
extern const char write_tree_usage[];

#define UGIT_VERSION "0.1.0"

#endif /* UGIT_CMD_H */
