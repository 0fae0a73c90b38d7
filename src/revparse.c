/* revparse: revision names (gitrevisions: ids, refs, @, ^, ~, ^{type}, :path) to object ids. */
#include "ugit/revparse.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ugit/commit.h"
#include "ugit/config.h"
#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/ident.h"
#include "ugit/index.h"
#include "ugit/odb.h"
#include "ugit/refname.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/tree.h"
#include "ugit/xalloc.h"

/* git's ref_rev_parse_rules, in the order git tries them. */
static const char *const dwim_rules[] = {
	"%s",
	"refs/%s",
	"refs/tags/%s",
	"refs/heads/%s",
	"refs/remotes/%s",
	"refs/remotes/%s/HEAD",
};

/* What git prints after the warning about a ref that looks like an id. */
static const char object_name_advice[] =
	"Git normally never creates a ref that ends with 40 hex characters\n"
	"because it will be ignored when you just specify 40-hex. These refs\n"
	"may be created by mistake. For example,\n"
	"\n"
	"  git switch -c $br $(git rev-parse ...)\n"
	"\n"
	"where \"$br\" is somehow empty and a 40-hex ref is created. Please\n"
	"examine these refs and maybe delete them. Turn this message off by\n"
	"running \"git config advice.objectNameWarning false\"\n";

/* A boolean setting; `def` when unset or unreadable. */
static int config_flag(struct repo *repo, const char *key, int def)
{
	int value = def;

	if (!repo->config || config_get_bool(&value, repo->config, key) < 0) {
		ug_error_clear();
		value = def;
	}
	return value;
}

static void warn(struct strbuf *warnings, const char *fmt, const char *arg)
{
	if (!warnings)
		return;
	strbuf_addstr(warnings, "warning: ");
	strbuf_addf(warnings, fmt, arg);
	strbuf_addch(warnings, '\n');
}

/*
 * A candidate ref that did not resolve: say so as git does, or pass on
 * an error that makes the whole lookup fail.
 */
static int failed_candidate(int err, unsigned flags, const char *full,
			    struct strbuf *warnings)
{
	/* unreadable files, or a packed-refs git would die on */
	if (err == UG_ERROR || (err == UG_ECORRUPT && !(flags & REFS_BROKEN)))
		return err;
	ug_error_clear();
	if ((flags & REFS_SYMREF) && strcmp(full, "HEAD"))
		warn(warnings, "ignoring dangling symref %s", full);
	else if ((flags & REFS_BROKEN) && strchr(full, '/'))
		warn(warnings, "ignoring broken ref %s", full);
	return 0;
}

int revparse_dwim_ref(struct oid *out, struct strbuf *full,
		      struct strbuf *warnings, struct repo *repo,
		      const char *name)
{
	struct strbuf ref = STRBUF_INIT;
	int count = 0, err = 0;
	size_t i;

	if (!strcmp(name, "@"))
		name = "HEAD";
	for (i = 0; !err && i < sizeof(dwim_rules) / sizeof(*dwim_rules); i++) {
		unsigned flags;
		struct oid oid;

		strbuf_reset(&ref);
		strbuf_addf(&ref, dwim_rules[i], name);
		err = refs_resolve_full(&oid, NULL, &flags, repo, ref.buf);
		if (err) {
			err = failed_candidate(err, flags, ref.buf, warnings);
			continue;
		}
		if (!count++) {
			*out = oid;
			if (full) {
				strbuf_reset(full);
				strbuf_addbuf(full, &ref);
			}
		}
	}
	strbuf_release(&ref);
	return err ? err : count;
}

static int is_abbrev(const char *name, size_t len)
{
	return len >= 4 && len < UG_OID_HEXSZ && is_hex_string(name, len);
}

/* A 40-hex name is an id; git only warns if a ref has that name too. */
static int full_hex(struct oid *out, struct strbuf *warnings, unsigned flags,
		    struct repo *repo, const char *name)
{
	struct oid ignored;
	int count;

	oid_from_hex(out, name);
	/* the refs are only read for the warning */
	if (!warnings || (flags & REVPARSE_HEX_NO_REFS) ||
	    !config_flag(repo, "core.warnambiguousrefs", 1))
		return 0;
	count = revparse_dwim_ref(&ignored, NULL, warnings, repo, name);
	if (count < 0)
		return count;
	if (count > 0) {
		warn(warnings, "refname '%s' is ambiguous.", name);
		if (config_flag(repo, "advice.objectnamewarning", 1))
			strbuf_addstr(warnings, object_name_advice);
	}
	return 0;
}

/* `count` refs matched: git warns if the name means more than one thing. */
static void warn_ambiguous_ref(struct strbuf *warnings, struct repo *repo,
			       const char *name, int count)
{
	size_t len = strlen(name);
	struct oid oid;

	if (!config_flag(repo, "core.warnambiguousrefs", 1))
		return;
	/* a ref and an abbreviated id; an ambiguous abbreviation does not count */
	if (count > 1 || (is_abbrev(name, len) &&
			  !odb_resolve_prefix(&oid, repo->odb, name, len)))
		warn(warnings, "refname '%s' is ambiguous.", name);
	ug_error_clear();
}

/* A bare name without suffixes: a 40-hex id, a ref, or an abbreviated id. */
static int lookup_name(struct oid *out, struct strbuf *warnings,
		       struct repo *repo, const char *name, unsigned flags)
{
	size_t len = strlen(name);
	int count;

	if (len == UG_OID_HEXSZ && is_hex_string(name, len))
		return full_hex(out, warnings, flags, repo, name);
	count = revparse_dwim_ref(out, NULL, warnings, repo, name);
	if (count < 0)
		return count;
	if (count > 0) {
		/* a ref wins over an abbreviated id */
		if (warnings && !(flags & REVPARSE_QUIET))
			warn_ambiguous_ref(warnings, repo, name, count);
		return 0;
	}
	if (is_abbrev(name, len)) {
		int err = odb_resolve_prefix(out, repo->odb, name, len);

		if (err != UG_ENOTFOUND)
			return err;	/* found, ambiguous, or unreadable */
	}
	return ug_error(UG_ENOTFOUND, "Not a valid object name %s", name);
}

/* ---- suffixes: ^, ^N, ~N, ^{type} ---- */

/*
 * A failure that git reports on stderr as it goes ("error: ..."), then
 * treats as "no such revision": the line joins the warnings.
 */
static int soft_failure(struct strbuf *warnings)
{
	if (warnings)
		strbuf_addf(warnings, "error: %s\n", ug_error_last());
	ug_error_clear();
	return UG_ENOTFOUND;
}

/* Read the commit `oid` (a tag is peeled first) for its parents. */
static int read_commit(struct commit *out, struct strbuf *warnings,
		       struct repo *repo, const struct oid *oid)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct oid commit_oid;
	char hex[UG_OID_HEXSZ + 1];
	int err = revparse_peel(&commit_oid, repo, oid, OBJ_COMMIT);

	if (err == UG_EINVALID)
		return soft_failure(warnings);	/* "object <id> is a tree, not a commit" */
	if (!err)
		err = odb_read(&obj, repo->odb, &commit_oid);
	if (!err && commit_parse(out, obj.data.buf, obj.data.len) < 0)
		err = ug_error(UG_ECORRUPT, "bogus commit object %s",
			       oid_to_hex(hex, &commit_oid));
	odb_object_release(&obj);
	return err;
}

/*
 * `<rev>^n` (the n-th parent; ^0 is the commit itself) or, when `walk`
 * is set, `<rev>~n` (n first parents back).
 */
static int parent_step(struct oid *oid, struct strbuf *warnings,
		       struct repo *repo, unsigned long n, int walk)
{
	do {
		struct commit c = COMMIT_INIT;
		int err = read_commit(&c, warnings, repo, oid);
		size_t want = walk ? (n ? 1 : 0) : n;

		if (!err && !want)
			err = revparse_peel(oid, repo, oid, OBJ_COMMIT);
		else if (!err && c.parents_nr < want)
			err = UG_ENOTFOUND;	/* past the root: no such revision */
		else if (!err)
			*oid = c.parents[want - 1];
		commit_release(&c);
		if (err)
			return err;
	} while (walk && n-- > 1);
	return 0;
}

/* The object type named inside "^{...}"; OBJ_NONE for "^{}", OBJ_BAD if unknown. */
static enum object_type brace_type(const char *s, size_t len, int *any)
{
	static const enum object_type types[] = { OBJ_COMMIT, OBJ_TREE, OBJ_BLOB, OBJ_TAG };
	size_t i;

	*any = len == 6 && !memcmp(s, "object", 6);
	if (!len || *any)
		return OBJ_NONE;
	for (i = 0; i < sizeof(types) / sizeof(*types); i++) {
		const char *t = object_type_name(types[i]);

		if (strlen(t) == len && !memcmp(s, t, len))
			return types[i];
	}
	return OBJ_BAD;	/* including git's "^{/regex}", which ugit lacks */
}

/*
 * `<rev>^{type}`; `name`/`len` is the whole text up to the closing brace,
 * which git names in its complaint.
 */
static int peel_braces(struct oid *oid, struct strbuf *warnings,
		       struct repo *repo, const char *type, size_t type_len,
		       const char *name, size_t len)
{
	struct object_header hdr;
	enum object_type want;
	int any, err;

	want = brace_type(type, type_len, &any);
	if (want == OBJ_BAD)
		return UG_ENOTFOUND;
	if (any)	/* ^{object}: it only has to exist */
		return odb_read_header(&hdr, repo->odb, oid);
	err = revparse_peel(oid, repo, oid, want);
	if (err != UG_EINVALID)
		return err;
	ug_error_clear();
	err = odb_read_header(&hdr, repo->odb, oid);
	if (err)
		return err;
	/* git peels a commit on to its tree before it gives up */
	if (hdr.type == OBJ_COMMIT)
		hdr.type = OBJ_TREE;
	if (warnings)
		strbuf_addf(warnings, "error: %.*s: expected %s type, but the object "
			    "dereferences to %s type\n", (int)len, name,
			    object_type_name(want), object_type_name(hdr.type));
	return UG_ENOTFOUND;
}

/* The number after ^ or ~ at name[*pos] (1 if there is none). */
static int suffix_number(unsigned long *n, const char *name, size_t *pos,
			 size_t len)
{
	size_t start = *pos;

	*n = 0;
	while (*pos < len && name[*pos] >= '0' && name[*pos] <= '9') {
		if (*n > 100000000)
			return UG_ENOTFOUND;	/* no history is that long */
		*n = *n * 10 + (unsigned long)(name[(*pos)++] - '0');
	}
	if (*pos == start)
		*n = 1;
	return 0;
}

/* Apply the suffixes in name[pos..len) to *oid, left to right. */
static int apply_suffixes(struct oid *oid, struct strbuf *warnings,
			  struct repo *repo, const char *name, size_t pos,
			  size_t len)
{
	int err = 0;

	while (!err && pos < len) {
		char c = name[pos++];
		unsigned long n;

		if (c == '^' && pos < len && name[pos] == '{') {
			const char *close = memchr(name + pos, '}', len - pos);

			if (!close)
				return UG_ENOTFOUND;
			err = peel_braces(oid, warnings, repo, name + pos + 1,
					  (size_t)(close - name) - pos - 1, name,
					  (size_t)(close - name) + 1);
			pos = (size_t)(close - name) + 1;
			continue;
		}
		if (c != '^' && c != '~')
			return UG_ENOTFOUND;
		err = suffix_number(&n, name, &pos, len);
		if (!err)
			err = parent_step(oid, warnings, repo, n, c == '~');
	}
	return err;
}

/* ---- reflogs: <ref>@{n}, @{n}, @{-n} ---- */

struct reflog_values {
	struct refs_reflog_entry *items;	/* oldest first; only the ids are kept */
	size_t nr, alloc;
};

static int collect_reflog(const char *refname, const struct refs_reflog_entry *e,
			  void *payload)
{
	struct reflog_values *v = payload;

	(void)refname;
	ALLOC_GROW(v->items, v->nr + 1, v->alloc);
	v->items[v->nr] = *e;
	v->items[v->nr].ident = v->items[v->nr].message = NULL;	/* not ours to keep */
	v->nr++;
	return 0;
}

/*
 * The value `full` had `n` changes ago: the new value of the n-th newest
 * entry of its reflog, or, one step further, the old value of the oldest
 * entry if that is not the null id.  Beyond that git gives up
 * ("log for '<shown>' only has <nr> entries"), even under --quiet.
 */
static int reflog_nth(struct oid *out, struct repo *repo, const char *full,
		      const char *shown, unsigned long n)
{
	struct reflog_values v = { NULL, 0, 0 };
	int err = refs_read_reflog(repo, full, collect_reflog, &v);

	if (err == UG_ENOTFOUND)
		ug_error_clear();
	if (err)
		goto done;
	if (n < v.nr)
		*out = v.items[v.nr - 1 - n].new_oid;
	else if (n == v.nr && v.nr && !oid_is_null(&v.items[0].old_oid))
		*out = v.items[0].old_oid;
	else
		err = ug_error(UG_ERANGE, "log for '%s' only has %zu entries", shown, v.nr);
done:
	free(v.items);
	return err;
}

struct prior_checkout {
	struct strbuf *from;	/* X of each "moving from X to Y", oldest first */
	size_t seen, alloc;
};

/* Every "checkout: moving from X to Y" in HEAD's reflog, oldest first. */
static int note_checkout(const char *refname, const struct refs_reflog_entry *e,
			 void *payload)
{
	struct prior_checkout *pc = payload;
	const char *from = e->message, *to;

	(void)refname;
	if (!skip_prefix(from, "checkout: moving from ", &from) ||
	    !(to = strstr(from, " to ")))
		return 0;
	ALLOC_GROW(pc->from, pc->seen + 1, pc->alloc);
	strbuf_init(&pc->from[pc->seen], 0);
	strbuf_add(&pc->from[pc->seen++], from, (size_t)(to - from));
	return 0;
}

int revparse_previous_checkout(struct strbuf *out, struct repo *repo,
			       unsigned long n)
{
	struct prior_checkout pc = { NULL, 0, 0 };
	size_t i;
	int err;

	err = refs_read_reflog(repo, "HEAD", note_checkout, &pc);
	if (!err && (!n || n > pc.seen))
		err = ug_error(UG_ENOTFOUND, "no %luth prior checkout", n);
	if (!err)
		strbuf_addbuf(out, &pc.from[pc.seen - n]);
	for (i = 0; i < pc.seen; i++)
		strbuf_release(&pc.from[i]);
	free(pc.from);
	return err;
}

/* All digits: *n; otherwise 0 (a date, which ugit does not read yet). */
static int reflog_number(unsigned long *n, const char *s, size_t len)
{
	size_t i;

	if (!len || len > 9)
		return 0;
	*n = 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*n = *n * 10 + (unsigned long)(s[i] - '0');
	}
	return 1;
}

/* The ref whose reflog "<name>@{n}" reads: the first candidate with one. */
static int reflog_ref(struct strbuf *full, struct repo *repo, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	size_t i;
	int found = 0;

	for (i = 0; !found && i < sizeof(dwim_rules) / sizeof(*dwim_rules); i++) {
		strbuf_reset(full);
		strbuf_addf(full, dwim_rules[i], name);
		strbuf_reset(&path);
		repo_git_path(&path, repo, "logs/");
		strbuf_addbuf(&path, full);
		found = refname_is_valid(full->buf, REFNAME_ALLOW_ONELEVEL) &&
			fs_exists(path.buf);
	}
	strbuf_release(&path);
	return found;
}

/*
 * "<name>@{<n>}" ("" for the current branch, or HEAD when detached) and
 * "@{-<n>}" (the n-th branch or commit checked out before).  `base` is
 * the part before any ^ or ~.  Returns 1 if it is not such a name.
 */
static int resolve_at_brace(struct oid *out, struct strbuf *warnings,
			    struct repo *repo, const char *base, unsigned flags)
{
	const char *at = strstr(base, "@{");
	size_t len = strlen(base);
	struct strbuf name = STRBUF_INIT, full = STRBUF_INIT;
	unsigned long n;
	int err = UG_ENOTFOUND;

	if (!at || base[len - 1] != '}')
		return 1;
	if (at == base && at[2] == '-') {
		const char *close = strchr(at, '}');

		if (!reflog_number(&n, at + 3, (size_t)(close - at) - 3) ||
		    revparse_previous_checkout(&name, repo, n) < 0)
			goto done;
		if (name.len == UG_OID_HEXSZ && is_hex_string(name.buf, name.len)) {
			/* a detached HEAD: an id, which has no reflog to follow */
			if (!close[1])
				err = oid_from_hex(out, name.buf) ? UG_ENOTFOUND : 0;
			goto done;
		}
		if (!close[1]) {
			err = lookup_name(out, warnings, repo, name.buf, flags);
			goto done;
		}
		/* "@{-1}@{2}" is the previous branch's "<branch>@{2}" */
		if (strncmp(close + 1, "@{", 2) ||
		    !reflog_number(&n, close + 3, len - (size_t)(close + 3 - base) - 1) ||
		    !reflog_ref(&full, repo, name.buf))
			goto done;
		strbuf_reset(&name);
		strbuf_add(&name, base, (size_t)(close + 1 - base));	/* as typed */
		err = reflog_nth(out, repo, full.buf, name.buf, n);
		goto done;
	}
	if (!reflog_number(&n, at + 2, len - (size_t)(at - base) - 3))
		goto done;
	strbuf_add(&name, base, (size_t)(at - base));
	if (!name.len) {
		/* the branch HEAD is on; HEAD itself when detached */
		if (refs_read_symbolic(&full, repo, "HEAD") == 1 &&
		    skip_prefix(full.buf, "refs/heads/", &base))
			strbuf_addstr(&name, base);
		else
			strbuf_addstr(&name, "HEAD");
		ug_error_clear();
	}
	if (reflog_ref(&full, repo, name.buf))
		err = reflog_nth(out, repo, full.buf, name.buf, n);
done:
	if (err == UG_ENOTFOUND)
		ug_error_clear();
	strbuf_release(&name);
	strbuf_release(&full);
	return err;
}

/* `name[0..len)`: a name, then suffixes (no ":path"). */
static int resolve_rev(struct oid *out, struct strbuf *warnings,
		       struct repo *repo, const char *name, size_t len,
		       unsigned flags)
{
	size_t base_len = strcspn(name, "^~");
	char *base;
	int err;

	if (base_len > len)
		base_len = len;
	if (!base_len)
		return UG_ENOTFOUND;
	base = xstrndup(name, base_len);
	err = resolve_at_brace(out, warnings, repo, base, flags);
	if (err == 1)
		err = lookup_name(out, warnings, repo, base, flags);
	free(base);
	if (!err)
		err = apply_suffixes(out, warnings, repo, name, base_len, len);
	return err;
}

/* ---- <rev>:<path> ---- */

/* The ':' that ends the revision: the first one outside "^{...}". */
static const char *find_colon(const char *name)
{
	int depth = 0;

	for (; *name; name++) {
		if (*name == '{')
			depth++;
		else if (depth && *name == '}')
			depth--;
		else if (!depth && *name == ':')
			return name;
	}
	return NULL;
}

/* The entry `name` (`len` bytes) in the tree `tree`; UG_ENOTFOUND if none. */
static int tree_entry(struct oid *out, unsigned *mode, struct repo *repo,
		      const struct oid *tree, const char *name, size_t len)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct tree_iter it;
	struct tree_item item;
	int err = odb_read(&obj, repo->odb, tree), more = 0;

	if (!err && obj.type != OBJ_TREE)
		err = UG_ENOTFOUND;	/* a path below a file */
	if (!err) {
		tree_iter_init(&it, obj.data.buf, obj.data.len);
		while ((more = tree_iter_next(&item, &it)) > 0)
			if (item.namelen == len && !memcmp(item.name, name, len))
				break;
		err = more < 0 ? more : more ? 0 : UG_ENOTFOUND;
	}
	if (!err) {
		*out = item.oid;
		*mode = item.mode;
	}
	odb_object_release(&obj);
	return err;
}

/*
 * Follow `path` ("a/b/c", a trailing '/' allowed, "" for the tree
 * itself) down from the tree `oid`.
 */
static int tree_lookup(struct oid *oid, struct repo *repo, const char *path)
{
	unsigned mode = TREE_MODE_DIR;

	while (*path) {
		size_t n = strcspn(path, "/");
		int err;

		if (!n || mode != TREE_MODE_DIR)
			return UG_ENOTFOUND;	/* "a//b", or "file/x" */
		err = tree_entry(oid, &mode, repo, oid, path, n);
		if (err)
			return err;
		path += n;
		if (*path == '/')
			path++;
	}
	return 0;
}

/*
 * "./x" and "../x" are relative to where the command runs (git's
 * prefix); everything else is from the top of the tree.  Returns the
 * path from the top, or NULL if it climbs out of the repository.
 */
static char *full_path(struct repo *repo, const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	if (strcmp(path, ".") && strcmp(path, "..") &&
	    !starts_with(path, "./") && !starts_with(path, "../"))
		return xstrdup(path);
	strbuf_addstr(&sb, repo->prefix ? repo->prefix : "");
	while (*path) {
		size_t n = strcspn(path, "/");

		if (n == 2 && !strncmp(path, "..", 2)) {
			if (!sb.len) {
				strbuf_release(&sb);
				return NULL;
			}
			/* drop the last directory and its '/' */
			strbuf_setlen(&sb, sb.len - 1);
			while (sb.len && sb.buf[sb.len - 1] != '/')
				strbuf_setlen(&sb, sb.len - 1);
		} else if (!(n == 1 && *path == '.')) {
			strbuf_add(&sb, path, n);
			if (path[n] == '/')
				strbuf_addch(&sb, '/');
		}
		path += n;
		if (*path == '/')
			path++;
	}
	return strbuf_detach(&sb, NULL);
}

/* Why `<rev>:<path>` failed, in git's words, for REVPARSE_EXPLAIN. */
static int explain_path(struct repo *repo, const char *rev, size_t rev_len,
			const char *path)
{
	struct strbuf disk = STRBUF_INIT;
	int on_disk = 0;

	if (repo->worktree && *path != '/') {
		strbuf_addf(&disk, "%s/%s", repo->worktree, path);
		on_disk = fs_exists(disk.buf);
	}
	strbuf_release(&disk);
	if (on_disk)
		return ug_error(UG_EINVALID, "path '%s' exists on disk, but not in '%.*s'",
				path, (int)rev_len, rev);
	return ug_error(UG_EINVALID, "path '%s' does not exist in '%.*s'", path,
			(int)rev_len, rev);
}

/* The first stage at which `path` is in `idx`, or -1. */
static int index_any_stage(const struct index *idx, const char *path)
{
	int stage;

	for (stage = 0; stage <= 3; stage++)
		if (index_get(idx, path, stage))
			return stage;
	return -1;
}

/* Why ":<stage>:<path>" failed, in git's words (with its hint). */
static int explain_index_path(struct repo *repo, const struct index *idx,
			      const char *path, const char *given, int stage)
{
	struct strbuf full = STRBUF_INIT, disk = STRBUF_INIT;
	int found = index_any_stage(idx, path), on_disk = 0, err;

	if (found >= 0) {
		err = ug_error(UG_EINVALID, "path '%s' is in the index, but not at stage %d"
			       "\nhint: Did you mean ':%d:%s'?", path, stage, found, path);
		goto done;
	}
	/* "b" given in "d/" when the index has "d/b": git points at it */
	if (repo->prefix && *repo->prefix) {
		strbuf_addf(&full, "%s%s", repo->prefix, path);
		found = index_any_stage(idx, full.buf);
		if (found >= 0) {
			err = ug_error(UG_EINVALID, "path '%s' is in the index, but not '%s'"
				       "\nhint: Did you mean ':%d:%s' aka ':%d:./%s'?",
				       full.buf, given, found, full.buf, found, given);
			goto done;
		}
	}
	if (repo->worktree && *path) {	/* "" would be the top itself */
		strbuf_addf(&disk, "%s/%s", repo->worktree, path);
		on_disk = fs_exists(disk.buf);
	}
	if (on_disk)
		err = ug_error(UG_EINVALID, "path '%s' exists on disk, but not in the index",
			       path);
	else
		err = ug_error(UG_EINVALID, "path '%s' does not exist (neither on disk nor "
			       "in the index)", path);
done:
	strbuf_release(&full);
	strbuf_release(&disk);
	return err;
}

/*
 * ":<path>" and ":<n>:<path>" (n in 0-3): the blob the index holds for
 * `path` at stage n (0 if not given).  ":/<text>" searches commit
 * messages in git; ugit does not, so it is simply not found.
 */
static int resolve_index_path(struct oid *out, struct repo *repo,
			      const char *spec, unsigned flags)
{
	struct index idx = INDEX_INIT;
	const struct index_entry *ce;
	int stage = 0, err;
	char *path;

	if (spec[0] >= '0' && spec[0] <= '3' && spec[1] == ':') {
		stage = spec[0] - '0';
		spec += 2;
	}
	if (*spec == '/' || !(path = full_path(repo, spec)))
		return UG_ENOTFOUND;
	err = index_load(&idx, repo);
	if (!err) {
		ce = index_get(&idx, path, stage);
		if (ce)
			*out = ce->oid;
		else if (flags & REVPARSE_EXPLAIN)
			err = explain_index_path(repo, &idx, path, spec, stage);
		else
			err = UG_ENOTFOUND;
	}
	index_release(&idx);
	free(path);
	return err;
}

static int resolve_path(struct oid *out, struct strbuf *warnings,
			struct repo *repo, const char *name,
			const char *colon, unsigned flags)
{
	size_t rev_len = (size_t)(colon - name);
	struct oid oid;
	char *path = NULL;
	int err;

	if (!rev_len)	/* ":path" and ":N:path" name the index */
		return resolve_index_path(out, repo, colon + 1, flags);
	err = resolve_rev(&oid, warnings, repo, name, rev_len, flags);
	if (err == UG_ENOTFOUND && (flags & REVPARSE_EXPLAIN))
		return ug_error(UG_EINVALID, "invalid object name '%.*s'.",
				(int)rev_len, name);
	if (!err)
		err = revparse_peel(&oid, repo, &oid, OBJ_TREE);
	if (err == UG_EINVALID)
		err = UG_ENOTFOUND;
	if (!err) {
		path = full_path(repo, colon + 1);
		err = path ? tree_lookup(&oid, repo, path) : UG_ENOTFOUND;
	}
	if (err == UG_ENOTFOUND && (flags & REVPARSE_EXPLAIN))
		err = explain_path(repo, name, rev_len, path ? path : colon + 1);
	if (!err)
		*out = oid;
	free(path);
	return err;
}

int revparse_single_ext(struct oid *out, struct strbuf *warnings,
			struct repo *repo, const char *name, unsigned flags)
{
	const char *colon = find_colon(name);
	struct oid oid;
	int err;

	if (colon)
		err = resolve_path(&oid, warnings, repo, name, colon, flags);
	else
		err = resolve_rev(&oid, warnings, repo, name, strlen(name), flags);
	if (err == UG_ENOTFOUND)
		err = ug_error(UG_ENOTFOUND, "Not a valid object name %s", name);
	if (!err)
		*out = oid;
	return err;
}

int revparse_single(struct oid *out, struct repo *repo, const char *name)
{
	return revparse_single_ext(out, NULL, repo, name, 0);
}

/* ---- "hint: The candidates are:" ---- */

struct candidate {
	struct oid oid;
	enum object_type type;	/* OBJ_BAD if unreadable or of an odd type */
};

/* git lists tags first, then commits, trees and blobs, each by id. */
static int type_rank(enum object_type t)
{
	switch (t) {
	case OBJ_TAG: return 0;
	case OBJ_COMMIT: return 1;
	case OBJ_TREE: return 2;
	case OBJ_BLOB: return 3;
	default: return 4;
	}
}

static int cmp_candidates(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	int d = type_rank(x->type) - type_rank(y->type);

	return d ? d : oid_cmp(&x->oid, &y->oid);
}

/* "YYYY-MM-DD" of `epoch` seen `tz` (as -700 for "-0700") away from UTC. */
static void add_short_date(struct strbuf *sb, uint64_t epoch, int tz)
{
	long long offset = (tz / 100) * 3600LL + (tz % 100) * 60LL;
	time_t t = (time_t)((long long)epoch + offset);
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		t = 0;
		gmtime_r(&t, &tm);
	}
	strbuf_addf(sb, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday);
}

/* The date of an ident line; `local`: in its own time zone, else UTC. */
static void add_ident_date(struct strbuf *sb, const char *line, int local)
{
	struct ident id;

	if (!line || ident_parse(&id, line, strlen(line)) < 0) {
		ug_error_clear();
		id.timestamp = 0;
		id.tz = 0;
	}
	add_short_date(sb, id.timestamp, local ? id.tz : 0);
}

/* The subject: the first paragraph of a message, its lines joined by spaces. */
static void add_subject(struct strbuf *sb, const char *msg, size_t len)
{
	const char *end = msg + len;
	int first = 1;

	while (msg < end && *msg == '\n')
		msg++;
	while (msg < end && *msg != '\n') {
		const char *eol = memchr(msg, '\n', (size_t)(end - msg));

		if (!eol)
			eol = end;
		if (!first)
			strbuf_addch(sb, ' ');
		strbuf_add(sb, msg, (size_t)(eol - msg));
		first = 0;
		msg = eol < end ? eol + 1 : end;
	}
}

/* " 2005-04-07 - subject" for a commit, " 2005-04-07 - v1.0" for a tag. */
static void add_description(struct strbuf *sb, struct repo *repo,
			    const struct candidate *c)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct commit commit = COMMIT_INIT;
	struct tag tag = TAG_INIT;

	if (c->type != OBJ_COMMIT && c->type != OBJ_TAG)
		return;
	if (odb_read(&obj, repo->odb, &c->oid) < 0)
		ug_error_clear();
	if (c->type == OBJ_COMMIT) {
		/* git shows an unparsable commit with an empty date and subject */
		strbuf_addch(sb, ' ');
		if (!commit_parse(&commit, obj.data.buf, obj.data.len)) {
			add_ident_date(sb, commit.author, 1);
			strbuf_addstr(sb, " - ");
			add_subject(sb, commit.message, commit.message_len);
		} else {
			strbuf_addstr(sb, " - ");
		}
	} else if (!tag_parse(&tag, obj.data.buf, obj.data.len)) {
		strbuf_addch(sb, ' ');
		add_ident_date(sb, tag.tagger, 0);
		strbuf_addf(sb, " - %s", tag.name);
	}
	ug_error_clear();
	commit_release(&commit);
	tag_release(&tag);
	odb_object_release(&obj);
}

/* git's abbreviation in the list: unique in the repository, at least 7 digits. */
static int abbrev_len(struct repo *repo, const struct oid *oid)
{
	int len = odb_unique_abbrev_len(repo->odb, oid, 7);

	if (len < 0) {
		ug_error_clear();	/* it listed the candidates a moment ago */
		len = 7;
	}
	return len;
}

int revparse_format_ambiguous(struct strbuf *out, struct repo *repo,
			      const char *hex)
{
	struct candidate *c;
	struct oid *oids = NULL;
	size_t nr = 0, i;
	int err;

	err = odb_prefix_candidates(&oids, &nr, repo->odb, hex, strlen(hex));
	if (err)
		return err;
	c = xcalloc(nr ? nr : 1, sizeof(*c));
	for (i = 0; i < nr; i++) {
		struct object_header hdr;

		c[i].oid = oids[i];
		c[i].type = odb_read_header(&hdr, repo->odb, &oids[i]) ? OBJ_BAD : hdr.type;
		ug_error_clear();
	}
	qsort(c, nr, sizeof(*c), cmp_candidates);
	strbuf_addstr(out, "hint: The candidates are:\n");
	for (i = 0; i < nr; i++) {
		char h[UG_OID_HEXSZ + 1];
		const char *type = object_type_name(c[i].type);

		strbuf_addf(out, "hint:   %.*s %s", abbrev_len(repo, &c[i].oid),
			    oid_to_hex(h, &c[i].oid), type ? type : "unknown type");
		add_description(out, repo, &c[i]);
		strbuf_addch(out, '\n');
	}
	free(c);
	free(oids);
	return 0;
}

/* ---- peeling ---- */

/* The object a tag points to, and the type the tag says it has. */
static int peel_tag(struct oid *next, enum object_type *said,
		    const struct odb_object *obj, const struct oid *oid)
{
	struct tag tag = TAG_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int err = tag_parse(&tag, obj->data.buf, obj->data.len);

	if (!err && tag.type == OBJ_BAD)
		err = ug_error(UG_ECORRUPT, "unknown tag type '%s' in %s",
			       tag.type_name, oid_to_hex(hex, oid));
	if (!err) {
		*next = tag.object;
		*said = tag.type;
	}
	tag_release(&tag);
	return err;
}

static int peel_commit(struct oid *next, const struct odb_object *obj,
		       const struct oid *oid)
{
	struct commit commit = COMMIT_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int err = commit_parse(&commit, obj->data.buf, obj->data.len);

	if (err) {
		/* git names the commit after its message ("bogus commit object <id>") */
		char *why = xstrdup(ug_error_last());

		err = ug_error(UG_ECORRUPT, "%s %s", why, oid_to_hex(hex, oid));
		free(why);
	} else
		*next = commit.tree;
	commit_release(&commit);
	return err;
}

/* One step: read `cur` (of type `type`) and move to what it points to. */
static int peel_step(struct oid *cur, enum object_type *said, struct repo *repo,
		     enum object_type type)
{
	struct odb_object obj = ODB_OBJECT_INIT;
	struct oid next;
	int err = odb_read(&obj, repo->odb, cur);

	if (!err && type == OBJ_TAG)
		err = peel_tag(&next, said, &obj, cur);
	else if (!err) {
		err = peel_commit(&next, &obj, cur);
		*said = OBJ_TREE;
	}
	if (!err)
		*cur = next;
	odb_object_release(&obj);
	return err;
}

static int wrong_type(const struct oid *oid, enum object_type is,
		      enum object_type wanted, int code)
{
	char hex[UG_OID_HEXSZ + 1];

	return ug_error(code, "object %s is a %s, not a %s", oid_to_hex(hex, oid),
			object_type_name(is), object_type_name(wanted));
}

int revparse_peel(struct oid *out, struct repo *repo, const struct oid *oid,
		  enum object_type want)
{
	enum object_type said = OBJ_NONE;	/* what the last tag claimed */
	struct object_header hdr;
	int err, steps;

	*out = *oid;
	/* tags may point at tags; a chain this long is surely made up */
	for (steps = 0; steps < 1000; steps++) {
		err = odb_read_header(&hdr, repo->odb, out);
		if (err)
			return err;
		if (hdr.type == OBJ_BAD)
			return ug_error(UG_ECORRUPT, "invalid object type");
		if (said != OBJ_NONE && hdr.type != said)
			return wrong_type(out, said, hdr.type, UG_ECORRUPT);
		if (hdr.type == want || (want == OBJ_NONE && hdr.type != OBJ_TAG))
			return 0;
		if (hdr.type != OBJ_TAG && !(hdr.type == OBJ_COMMIT && want == OBJ_TREE))
			return wrong_type(out, hdr.type, want, UG_EINVALID);
		err = peel_step(out, &said, repo, hdr.type);
		if (err)
			return err;
	}
	return ug_error(UG_ECORRUPT, "too many tags in a row to peel");
}
