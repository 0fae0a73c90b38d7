/* tag: list, create (lightweight or annotated) and delete tags under refs/tags/. */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/commit.h"
#include "ugit/config.h"
#include "ugit/date.h"
#include "ugit/error.h"
#include "ugit/message.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/refname.h"
#include "ugit/refs.h"
#include "ugit/repo.h"
#include "ugit/signature.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/wildmatch.h"
#include "ugit/xalloc.h"

const char tag_usage[] =
	"usage: ugit tag [-a] [-f] [-m <msg> | -F <file>] <tagname> [<head>]\n"
	"   or: ugit tag -d <tagname>...\n"
	"   or: ugit tag [-n[<num>]] -l [<pattern>...]\n"
	"\n"
	"    -l, --list            list tag names\n"
	"    -n[<n>]               print <n> lines of each tag message\n"
	"    -d, --delete          delete tags\n"
	"\n"
	"Tag creation options\n"
	"    -a, --annotate        annotated tag, needs a message\n"
	"    -m, --message <message>\n"
	"                          tag message\n"
	"    -F, --file <file>     read message from file\n"
	"    -f, --force           replace the tag if exists\n"
	"\n";

#define TAGS_PREFIX "refs/tags/"
/* git's DEFAULT_ABBREV: ids shown in messages have at least 7 digits */
#define TAG_ABBREV 7

struct tag_opts {
	int mode;		/* 'l' or 'd' as given, 0 if neither */
	int force, annotate;
	int lines;		/* -n: lines of message to show; -1 if not given */
	int message_given;	/* -m given (even an empty one) */
	struct strbuf message;	/* the -m paragraphs */
	const char *file;	/* -F */
};

/* -n[<num>]: 1 without a number; anything but a number is refused. */
static int parse_lines(int *out, const char *arg)
{
	char *end;
	long n;

	if (!arg) {
		*out = 1;
		return 0;
	}
	errno = 0;
	n = strtol(arg, &end, 10);
	if (!*arg || *end || errno || n < -1 || n > 1000000)
		return error("switch `n' expects a numerical value");
	*out = (int)n;
	return 0;
}

/*
 * -l and -d are modes: one at most, as git's OPT_CMDMODE, which names the
 * second option as it was spelt (`arg`).
 */
static int set_mode(struct tag_opts *o, int c, const char *arg)
{
	const char *had = o->mode == 'l' ? "list" : "delete";

	if (o->mode && o->mode != c) {
		if (starts_with(arg, "--"))
			return error("option `%s' is incompatible with --%s",
				     c == 'l' ? "list" : "delete", had);
		return error("switch `%c' is incompatible with --%s", c, had);
	}
	o->mode = c;
	return 0;
}

static int parse_options(struct tag_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "delete", no_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ "annotate", no_argument, NULL, 'a' },
		{ "message", required_argument, NULL, 'm' },
		{ "file", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":ldfam:F:n::h", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
		case 'd':
			if (set_mode(o, c, argv[optind - 1]) < 0)
				return 129;
			break;
		case 'f': o->force = 1; break;
		case 'a': o->annotate = 1; break;
		case 'm':
			o->message_given = 1;
			message_add_paragraph(&o->message, optarg);
			break;
		case 'F': o->file = optarg; break;
		case 'n':
			if (parse_lines(&o->lines, optarg) < 0)
				return 129;
			break;
		case 'h': return usage_help(tag_usage);
		default:
			return usage_bad_option(tag_usage, longopts, argv, c);
		}
	}
	return 0;
}

/* ---- listing ---- */

struct list_state {
	struct repo *repo;
	char **patterns;	/* NULL-terminated; none: every tag */
	int lines;
	/* printed at the end: git reads every tag before it prints one */
	struct strbuf out;
};

/*
 * The first `n` lines of the message of the object `oid` names (a tag's or
 * a commit's; nothing for a tree or blob), each after the first starting
 * a new line indented by four spaces, as git's %(contents:lines=n).
 */
static void add_message_lines(struct strbuf *out, struct repo *repo,
			      const char *refname, const struct oid *oid, int n)
{
	struct odb_object obj = { 0 };
	const char *sp, *end, *eol;
	int i;

	if (odb_read(&obj, repo->odb, oid) < 0) {
		char hex[UG_OID_HEXSZ + 1];

		die("missing object %s for %s", oid_to_hex(hex, oid), refname);
	}
	sp = obj.data.buf;
	end = sp + obj.data.len;
	if (obj.type == OBJ_TAG || obj.type == OBJ_COMMIT) {
		/* the message starts after the first blank line */
		const char *blank = strstr(sp, "\n\n");

		sp = blank ? blank + 2 : end;
		while (sp < end && *sp == '\n')
			sp++;
	} else {
		sp = end;
	}
	for (i = 0; i < n && sp < end; i++) {
		if (i)
			strbuf_addstr(out, "\n    ");
		eol = memchr(sp, '\n', (size_t)(end - sp));
		strbuf_add(out, sp, eol ? (size_t)(eol - sp) : (size_t)(end - sp));
		if (!eol)
			break;
		sp = eol + 1;
	}
	odb_object_release(&obj);
}

static int list_one(const char *name, const struct oid *oid, unsigned flags,
		    void *payload)
{
	struct list_state *st = payload;
	const char *shortname = name + strlen(TAGS_PREFIX);
	struct strbuf *line = &st->out;

	if (flags & REFS_BROKEN) {
		fprintf(stderr, "warning: ignoring broken ref %s\n", name);
		return 0;
	}
	if (!match_any_glob(st->patterns, shortname))
		return 0;
	if (st->lines > 0) {
		/* the name padded to 15 columns, a space, the lines */
		strbuf_addf(line, "%-15s ", shortname);
		add_message_lines(line, st->repo, name, oid, st->lines);
	} else {
		strbuf_addstr(line, shortname);
	}
	strbuf_addch(line, '\n');
	return 0;
}

static int list_tags(struct repo *repo, char **patterns, int lines)
{
	struct list_state st = { repo, patterns, lines, STRBUF_INIT };

	if (refs_for_each(repo, TAGS_PREFIX, list_one, &st) < 0)
		die("%s", ug_error_last());
	fwrite(st.out.buf, 1, st.out.len, stdout);
	strbuf_release(&st.out);
	return 0;
}

/* ---- deleting ---- */

static void abbrev(char out[UG_OID_HEXSZ + 1], struct repo *repo, const struct oid *oid)
{
	int len = odb_unique_abbrev_len(repo->odb, oid, TAG_ABBREV);

	oid_to_hex(out, oid);
	out[len] = '\0';
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * git deletes the tags in one transaction, which may name a ref once:
 * the first name (in sorted order) found twice, or NULL.
 */
static const char *given_twice(char **names, const int *found, int nr)
{
	const char **sorted = xcalloc((size_t)nr + 1, sizeof(*sorted));
	const char *dup = NULL;
	int i, n = 0;

	for (i = 0; i < nr; i++)
		if (found[i])
			sorted[n++] = names[i];
	qsort(sorted, n, sizeof(*sorted), cmp_str);
	for (i = 1; i < n && !dup; i++)
		if (!strcmp(sorted[i - 1], sorted[i]))
			dup = sorted[i];
	free(sorted);
	return dup;
}

/*
 * git looks every name up first (complaining about each missing one),
 * refuses the lot if a tag is named twice, deletes the rest one by one
 * (a failure is reported and the others still go), then reports each
 * tag that is gone now.
 */
static int delete_tags(struct repo *repo, char **names, int nr)
{
	struct oid *old = xcalloc((size_t)nr + 1, sizeof(*old));
	int *found = xcalloc((size_t)nr + 1, sizeof(*found));
	struct strbuf ref = STRBUF_INIT;
	struct oid now;
	char hex[UG_OID_HEXSZ + 1];
	const char *dup;
	int i, status = 0;

	for (i = 0; i < nr; i++) {
		strbuf_reset(&ref);
		strbuf_addf(&ref, TAGS_PREFIX "%s", names[i]);
		found[i] = refs_resolve(&old[i], repo, ref.buf) == 0;
		if (!found[i]) {
			ug_error_clear();
			error("tag '%s' not found.", names[i]);
			status = 1;
		}
	}
	dup = given_twice(names, found, nr);
	if (dup) {
		/* git's second line carries an empty message */
		error("could not delete references: multiple updates for ref '"
		      TAGS_PREFIX "%s' not allowed", dup);
		error("could not delete references: ");
		status = 1;
		goto done;
	}
	for (i = 0; i < nr; i++) {
		if (!found[i])
			continue;
		strbuf_reset(&ref);
		strbuf_addf(&ref, TAGS_PREFIX "%s", names[i]);
		if (refs_delete(repo, ref.buf, &old[i], REFS_UPDATE_NO_DEREF, NULL) < 0) {
			error("%s", ug_error_last());
			error("could not remove reference %s", ref.buf);
			status = 1;
		}
	}
	for (i = 0; i < nr; i++) {
		strbuf_reset(&ref);
		strbuf_addf(&ref, TAGS_PREFIX "%s", names[i]);
		if (!found[i] || refs_resolve(&now, repo, ref.buf) == 0)
			continue;
		ug_error_clear();
		abbrev(hex, repo, &old[i]);
		printf("Deleted tag '%s' (was %s)\n", names[i], hex);
	}
done:
	strbuf_release(&ref);
	free(found);
	free(old);
	return status;
}

/* ---- creating ---- */

/*
 * git's reflog message for a tag: "tag: tagging <abbrev> (<what>)", where
 * <what> is a commit's subject and short date, else "tree object",
 * "blob object" or "other tag object".  Only written where a tag has a reflog (core.logAllRefUpdates =
 * always, or one exists already).
 */
static void reflog_message(struct strbuf *out, struct repo *repo, const struct oid *oid)
{
	struct odb_object obj = { 0 };
	struct commit c = COMMIT_INIT;
	char hex[UG_OID_HEXSZ + 1];

	abbrev(hex, repo, oid);
	strbuf_addf(out, "tag: tagging %s", hex);
	if (odb_read(&obj, repo->odb, oid) < 0) {
		ug_error_clear();
		strbuf_addstr(out, "object of unknown type");
		return;
	}
	strbuf_addstr(out, " (");
	if (obj.type == OBJ_COMMIT && commit_parse(&c, obj.data.buf, obj.data.len) == 0) {
		message_subject(out, c.message, c.message_len);
		strbuf_addstr(out, ", ");
		date_format(out, c.date, 0, DATE_SHORT);
	} else if (obj.type == OBJ_TAG) {
		strbuf_addstr(out, "other tag object");
	} else {
		ug_error_clear();
		strbuf_addstr(out, obj.type == OBJ_TREE ? "tree object" : "blob object");
	}
	strbuf_addstr(out, ")");
	commit_release(&c);
	odb_object_release(&obj);
}

static int advice_enabled(struct repo *repo, const char *key)
{
	int on = 1;

	if (repo->config && config_get_bool(&on, repo->config, key) < 0) {
		ug_error_clear();
		on = 1;
	}
	return on;
}

static void advise_nested_tag(struct repo *repo, const char *tag, const char *object_ref)
{
	if (!advice_enabled(repo, "advice.nestedtag"))
		return;
	fflush(stdout);
	fprintf(stderr,
		"hint: You have created a nested tag. The object referred to by your new tag is\n"
		"hint: already a tag. If you meant to tag the object that it points to, use:\n"
		"hint: \n"
		"hint: \tgit tag -f %s %s^{}\n"
		"hint: Disable this message with \"git config advice.nestedTag false\"\n",
		tag, object_ref);
}

/* The -m or -F message, before cleaning; dies as git if the file is unreadable. */
static void read_message(struct strbuf *out, struct tag_opts *o)
{
	int fd;

	if (!o->file) {
		strbuf_addbuf(out, &o->message);
		return;
	}
	if (!strcmp(o->file, "-")) {
		if (strbuf_read_fd(out, 0, 1024) < 0)
			die_errno("cannot read '%s'", o->file);
		return;
	}
	fd = open(o->file, O_RDONLY);
	if (fd < 0 || strbuf_read_fd(out, fd, 1024) < 0)
		die_errno("could not open or read '%s'", o->file);
	close(fd);
}

/*
 * Write the annotated tag `name` for `*target` (named `object_ref` on the
 * command line) and put its id in *out.  `msg` is the raw message.
 */
static void write_tag_object(struct oid *out, struct repo *repo, const struct oid *target,
			     const char *name, const char *object_ref, struct strbuf *msg)
{
	struct object_header hdr;
	struct tag t = TAG_INIT;
	struct strbuf body = STRBUF_INIT;

	if (odb_read_header(&hdr, repo->odb, target) < 0 || hdr.type <= OBJ_NONE)
		die("bad object type.");
	if (hdr.type == OBJ_TAG)
		advise_nested_tag(repo, name, object_ref);
	t.object = *target;
	t.type = hdr.type;
	t.name = (char *)name;	/* borrowed: `t` is not released */
	t.tagger = commit_ident(repo, SIGNATURE_COMMITTER, NULL);
	/* git cleans tag messages as an editor's: comments go too */
	message_cleanup(msg, MESSAGE_CLEANUP_STRIP);
	t.message = msg->buf;
	t.message_len = msg->len;
	tag_serialize(&body, &t);
	if (odb_write(out, repo->odb, "tag", body.buf, body.len) < 0)
		die("%s", ug_error_last());
	free(t.tagger);
	strbuf_release(&body);
}

/*
 * git refuses to point a ref at an object that does not exist (a full
 * hex id names one without looking); refs cannot read objects, so the
 * transaction asks us.
 */
static int check_exists(const struct oid *oid, const char *refname, void *payload)
{
	struct repo *repo = payload;
	char hex[UG_OID_HEXSZ + 1];

	if (odb_has(repo->odb, oid))
		return 0;
	return ug_error(UG_ENOTFOUND, "trying to write ref '%s' with nonexistent object %s",
			refname, oid_to_hex(hex, oid));
}

/* Set `ref` to `new` if it still is `prev` (null: does not exist). */
static int update_tag_ref(struct repo *repo, const char *ref, const struct oid *new,
			  const struct oid *prev, const struct refs_log *log)
{
	struct refs_transaction *tx = refs_transaction_begin(repo);
	int err;

	refs_transaction_set_check(tx, check_exists, repo);
	err = refs_transaction_update(tx, ref, new, prev, 0, log);
	if (!err)
		err = refs_transaction_commit(tx);
	refs_transaction_free(tx);
	return err;
}

static int create_tag(struct repo *repo, struct tag_opts *o, int argc, char **argv)
{
	const char *name = argv[0], *object_ref = argc == 2 ? argv[1] : "HEAD";
	struct strbuf msg = STRBUF_INIT, ref = STRBUF_INIT, ident = STRBUF_INIT;
	struct strbuf logmsg = STRBUF_INIT;
	struct oid object, prev;
	int annotated = o->annotate || o->message_given || o->file;

	if (o->message_given && o->file)
		die("options '-F' and '-m' cannot be used together");
	read_message(&msg, o);
	if (argc > 2)
		die("too many arguments");
	if (resolve_object_name(&object, repo, object_ref, 0) < 0)
		die("Failed to resolve '%s' as a valid ref.", object_ref);
	strbuf_addf(&ref, TAGS_PREFIX "%s", name);
	if (name[0] == '-' || !refname_is_valid(ref.buf, 0))
		die("'%s' is not a valid tag name.", name);
	if (refs_resolve(&prev, repo, ref.buf) < 0) {
		ug_error_clear();
		oid_clear(&prev);
	} else if (!o->force) {
		die("tag '%s' already exists", name);
	}
	reflog_message(&logmsg, repo, &object);
	if (annotated) {
		if (!o->message_given && !o->file)
			die("no tag message? (ugit has no editor: give -m or -F)");
		write_tag_object(&object, repo, &object, name, object_ref, &msg);
	}
	reflog_ident(&ident, repo);
	if (update_tag_ref(repo, ref.buf, &object, &prev,
			   &(struct refs_log){ ident.buf, logmsg.buf }) < 0)
		die("%s", ug_error_last());
	if (o->force && !oid_is_null(&prev) && !oid_eq(&prev, &object)) {
		char hex[UG_OID_HEXSZ + 1];

		abbrev(hex, repo, &prev);
		printf("Updated tag '%s' (was %s)\n", name, hex);
	}
	strbuf_release(&msg);
	strbuf_release(&ref);
	strbuf_release(&ident);
	strbuf_release(&logmsg);
	return 0;
}

int cmd_tag(int argc, char **argv, struct repo *repo)
{
	struct tag_opts o = { 0 };
	int ret;

	o.lines = -1;
	strbuf_init(&o.message, 0);
	ret = parse_options(&o, argc, argv);
	if (ret)
		goto done;
	argc -= optind;
	argv += optind;
	/* no name, or -n, means listing (git's implicit -l) */
	if (!o.mode && (argc == 0 || o.lines != -1))
		o.mode = 'l';
	if ((o.annotate || o.message_given || o.file || o.force) && o.mode) {
		fputs(tag_usage, stderr);	/* git gives just its usage */
		ret = 129;
	} else if (o.mode == 'l') {
		ret = list_tags(repo, argv, o.lines);
	} else if (o.lines != -1) {
		die("the '-n' option is only allowed in list mode");
	} else if (o.mode == 'd') {
		ret = delete_tags(repo, argv, argc);
	} else {
		ret = create_tag(repo, &o, argc, argv);
	}
done:
	strbuf_release(&o.message);
	return ret;
}
