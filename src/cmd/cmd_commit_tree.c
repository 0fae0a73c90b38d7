/* commit-tree: make a commit object from a tree, parents and a message. */
#include "cmd.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ugit/error.h"
#include "ugit/message.h"
#include "ugit/object.h"
#include "ugit/oid.h"
#include "ugit/repo.h"
#include "ugit/signature.h"
#include "ugit/strbuf.h"
#include "ugit/xalloc.h"

const char commit_tree_usage[] =
	"usage: ugit commit-tree <tree> [(-p <parent>)...]\n"
	"   or: ugit commit-tree [(-p <parent>)...] [(-m <message>)...]\n"
	"                        [(-F <file>)...] <tree>\n"
	"\n"
	"    -p <parent>           id of a parent commit object\n"
	"    -m <message>          commit message\n"
	"    -F <file>             read commit log message from file\n";

struct parents {
	struct oid *items;
	size_t nr, alloc;
};

/* -p: a commit, added once; git only warns about a repeat. */
static void add_parent(struct parents *p, struct repo *repo, const char *name)
{
	char hex[UG_OID_HEXSZ + 1];
	struct oid oid;
	size_t i;

	if (resolve_object_name(&oid, repo, name, 0) < 0)
		die("not a valid object name %s", name);
	check_object_type(repo, &oid, OBJ_COMMIT);
	for (i = 0; i < p->nr; i++) {
		if (oid_eq(&p->items[i], &oid)) {
			error("duplicate parent %s ignored", oid_to_hex(hex, &oid));
			return;
		}
	}
	ALLOC_GROW(p->items, p->nr + 1, p->alloc);
	p->items[p->nr++] = oid;
}

/* -F: the file's bytes as they are ("-" is standard input), after a blank line. */
static void add_file(struct strbuf *msg, const char *path)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;

	if (fd < 0)
		die_errno("could not open '%s' for reading", path);
	if (msg->len)
		strbuf_addch(msg, '\n');
	if (strbuf_read_fd(msg, fd, 0) < 0)
		die_errno("could not read log file '%s'", path);
	if (fd)
		close(fd);
}

int cmd_commit_tree(int argc, char **argv, struct repo *repo)
{
	static const struct option longopts[] = { { NULL, 0, NULL, 0 } };
	struct parents parents = { NULL, 0, 0 };
	struct strbuf msg = STRBUF_INIT;
	struct commit_draft d = { 0 };
	char hex[UG_OID_HEXSZ + 1];
	char *author, *committer;
	struct oid tree, commit;
	int c;

	/* like git, options act in order: a bad -p dies before -F is read */
	while ((c = getopt_long(argc, argv, ":p:m:F:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': add_parent(&parents, repo, optarg); break;
		case 'm': message_add_paragraph(&msg, optarg); break;
		case 'F': add_file(&msg, optarg); break;
		default:
			return usage_bad_option(commit_tree_usage, longopts, argv, c);
		}
	}
	if (argc - optind == 0) {
		fputs(commit_tree_usage, stderr);	/* git: the usage alone, 129 */
		return 129;
	}
	if (argc - optind != 1)
		die("must give exactly one tree");
	if (resolve_object_name(&tree, repo, argv[optind], 0) < 0)
		die("not a valid object name %s", argv[optind]);
	check_object_type(repo, &tree, OBJ_TREE);
	/* no -m and no -F (or only empty ones): the message comes from stdin */
	if (!msg.len && strbuf_read_fd(&msg, 0, 0) < 0)
		die("%s", ug_error_last());

	author = commit_ident(repo, SIGNATURE_AUTHOR, NULL);
	committer = commit_ident(repo, SIGNATURE_COMMITTER, NULL);
	d.tree = &tree;
	d.parents = parents.items;
	d.parents_nr = parents.nr;
	d.author = author;
	d.committer = committer;
	d.message = msg.buf;
	d.message_len = msg.len;
	commit_write(&commit, repo, &d);
	printf("%s\n", oid_to_hex(hex, &commit));

	free(author);
	free(committer);
	free(parents.items);
	strbuf_release(&msg);
	return 0;
}
