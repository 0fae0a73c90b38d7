/* hash-object: name (and with -w store) files or stdin as objects. */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ugit/commit.h"
#include "ugit/error.h"
#include "ugit/object.h"
#include "ugit/odb.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/strbuf.h"
#include "ugit/tag.h"
#include "ugit/tree.h"

const char hash_object_usage[] =
	"usage: ugit hash-object [-t <type>] [-w] [--stdin] [--literally] <file>...\n"
	"   or: ugit hash-object [-t <type>] [-w] --stdin-paths [--literally]\n";

struct hash_opts {
	const char *type;
	int write, literally, stdin_count, stdin_paths;
};

/* Hash without storing.  Any type name works, as with git --literally. */
static void hash_only(struct oid *out, const char *type, const void *data,
		      size_t len)
{
	struct strbuf hdr = STRBUF_INIT;
	struct hash_ctx ctx;

	strbuf_addf(&hdr, "%s %zu", type, len);
	hash_init(&ctx);
	hash_update(&ctx, hdr.buf, hdr.len + 1);	/* the NUL is hashed too */
	hash_update(&ctx, data, len);
	hash_final(out, &ctx);
	strbuf_release(&hdr);
}

/*
 * Without --literally git refuses to name a commit, tree or tag it could
 * not read back, with the reader's message about the object it has not
 * named yet, the null id (observed with 2.39.5):
 * "error: bogus commit object 0000..." + "fatal: corrupt commit",
 * "error: unknown tag type 'bogus' in 0000..." + "fatal: corrupt tag",
 * "fatal: too-short tree object".
 */
static void check_content(const char *type, const char *buf, size_t len)
{
	static const char null_hex[] = "0000000000000000000000000000000000000000";
	struct commit c = COMMIT_INIT;
	struct tree tree = TREE_INIT;
	struct tag tag = TAG_INIT;

	switch (object_type_from_name(type, strlen(type))) {
	case OBJ_COMMIT:
		if (commit_parse(&c, buf, len) < 0) {
			error("%s %s", ug_error_last(), null_hex);
			die("corrupt commit");
		}
		commit_release(&c);
		break;
	case OBJ_TAG:
		if (tag_parse(&tag, buf, len) < 0)
			die("corrupt tag");
		/* tag_parse() leaves an unknown type to us; git refuses it */
		if (tag.type == OBJ_BAD) {
			error("unknown tag type '%s' in %s", tag.type_name, null_hex);
			die("corrupt tag");
		}
		tag_release(&tag);
		break;
	case OBJ_TREE:
		if (tree_parse(&tree, buf, len) < 0)
			die("%s", ug_error_last());
		tree_release(&tree);
		break;
	default:
		break;
	}
}

static void hash_content(struct oid *out, struct repo *repo,
			const struct hash_opts *o, const struct strbuf *buf,
			const char *what)
{
	if (!o->literally)
		check_content(o->type, buf->buf, buf->len);
	if (!o->write) {
		hash_only(out, o->type, buf->buf, buf->len);
	} else if (odb_write(out, repo->odb, o->type, buf->buf, buf->len) < 0) {
		error("%s", ug_error_last());
		die("Unable to add %s to database", what);
	}
}

/*
 * A regular file to be stored as a blob is streamed: compressed and
 * hashed as it is read, so a 2 GiB file needs no 2 GiB of memory.
 * Anything else (stdin, a pipe, a commit to check) is read whole, as git
 * does.
 */
static void hash_path(struct oid *out, struct repo *repo,
		      const struct hash_opts *o, const char *path)
{
	struct strbuf buf = STRBUF_INIT;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		die_errno("could not open '%s' for reading", path);
	if (fstat(fd, &st) < 0)
		die_errno("could not stat '%s'", path);
	if (S_ISDIR(st.st_mode))
		die("Unable to hash %s", path);
	if (S_ISREG(st.st_mode) && !strcmp(o->type, "blob")) {
		if (odb_write_stream(out, o->write ? repo->odb : NULL, "blob", fd,
				     (size_t)st.st_size) < 0) {
			error("%s", ug_error_last());
			die("Unable to add %s to database", path);
		}
	} else {
		if (strbuf_read_fd(&buf, fd, (size_t)st.st_size) < 0)
			die("could not read '%s': %s", path, ug_error_last());
		hash_content(out, repo, o, &buf, path);
	}
	close(fd);
	strbuf_release(&buf);
}

static void print_oid(const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];

	printf("%s\n", oid_to_hex(hex, oid));
}

/* One backslash escape of git's C-style quoting; -1 if there is none. */
static int unescape(const char **s)
{
	static const char from[] = "abfnrtv\\\"", to[] = "\a\b\f\n\r\t\v\\\"";
	const char *p = *s, *hit = *p ? strchr(from, *p) : NULL;

	if (hit) {
		*s = p + 1;
		return to[hit - from];
	}
	/* "\303": three octal digits, the first at most 3 */
	if (p[0] >= '0' && p[0] <= '3' && p[1] >= '0' && p[1] <= '7' &&
	    p[2] >= '0' && p[2] <= '7') {
		*s = p + 3;
		return (p[0] - '0') << 6 | (p[1] - '0') << 3 | (p[2] - '0');
	}
	return -1;
}

/*
 * A path quoted as git quotes names (`"a\tb"`) is unquoted; what follows
 * the closing quote is ignored, as git ignores it.  0, or -1 if malformed.
 */
static int unquote_path(struct strbuf *out, const char *s)
{
	for (s++; *s != '"'; s++) {
		int c = (unsigned char)*s;

		if (!c)
			return -1;
		if (c == '\\') {
			s++;
			c = unescape(&s);
			if (c < 0)
				return -1;
			s--;
		}
		strbuf_addch(out, c);
	}
	return 0;
}

/* --stdin-paths: one path per line, C-quoted if it starts with '"'. */
static void hash_stdin_paths(struct repo *repo, const struct hash_opts *o)
{
	struct strbuf line = STRBUF_INIT, path = STRBUF_INIT;
	struct oid oid;

	while (strbuf_getline(&line, stdin) != EOF) {
		strbuf_reset(&path);
		if (line.buf[0] != '"')
			strbuf_addbuf(&path, &line);
		else if (unquote_path(&path, line.buf) < 0)
			die("line is badly quoted");
		hash_path(&oid, repo, o, path.buf);
		print_oid(&oid);
		fflush(stdout);	/* a caller may be waiting for each answer */
	}
	strbuf_release(&line);
	strbuf_release(&path);
}

enum { OPT_STDIN = 256, OPT_STDIN_PATHS, OPT_LITERALLY, OPT_NO_FILTERS };

static int parse_options(struct hash_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "stdin", no_argument, NULL, OPT_STDIN },
		{ "stdin-paths", no_argument, NULL, OPT_STDIN_PATHS },
		{ "literally", no_argument, NULL, OPT_LITERALLY },
		/* ugit has no filters (.gitattributes), so this is what it always does */
		{ "no-filters", no_argument, NULL, OPT_NO_FILTERS },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, ":t:w", longopts, NULL)) != -1) {
		switch (c) {
		case 't': o->type = optarg; break;
		case 'w': o->write = 1; break;
		case OPT_STDIN: o->stdin_count++; break;
		case OPT_STDIN_PATHS: o->stdin_paths = 1; break;
		case OPT_LITERALLY: o->literally = 1; break;
		case OPT_NO_FILTERS: break;
		default:
			return usage_bad_option(hash_object_usage, longopts, argv, c);
		}
	}
	if (o->stdin_paths && o->stdin_count)
		return usage_error(hash_object_usage, "Can't use --stdin-paths with --stdin");
	if (o->stdin_paths && optind < argc)
		return usage_error(hash_object_usage, "Can't specify files with --stdin-paths");
	if (o->stdin_count > 1)
		return usage_error(hash_object_usage, "Multiple --stdin arguments are not supported");
	return 0;
}

int cmd_hash_object(int argc, char **argv, struct repo *repo)
{
	struct hash_opts o = { "blob", 0, 0, 0, 0 };
	struct oid oid;
	int i, ret;

	ret = parse_options(&o, argc, argv);
	if (ret)
		return ret;
	if (o.write && !repo)
		die("not a git repository (or any of the parent directories): .git");
	if (!o.literally && object_type_from_name(o.type, strlen(o.type)) == OBJ_BAD)
		die("invalid object type \"%s\"", o.type);
	if (o.stdin_count) {
		struct strbuf buf = STRBUF_INIT;

		if (strbuf_read_fd(&buf, 0, 0) < 0)
			die("could not read from stdin: %s", ug_error_last());
		hash_content(&oid, repo, &o, &buf, "stdin");
		print_oid(&oid);
		strbuf_release(&buf);
	}
	for (i = optind; i < argc; i++) {
		hash_path(&oid, repo, &o, argv[i]);
		print_oid(&oid);
	}
	if (o.stdin_paths)
		hash_stdin_paths(repo, &o);
	return 0;
}
