/* odb: loose objects, zlib("<type> <size>\0<body>") in files named by their SHA-1. */
#include "ugit/odb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "ugit/error.h"
#include "ugit/fs.h"
#include "ugit/lockfile.h"
#include "ugit/xalloc.h"

/* Bytes moved per read(), write() and inflate()/deflate() call. */
#define CHUNK (64 * 1024)

/*
 * zlib cannot expand data by more than about 1032:1, so a header that
 * promises more than this many bytes per byte of file is lying; we refuse
 * it before allocating anything.
 */
#define ZLIB_MAX_RATIO 1032

struct odb {
	char *objdir;		/* for reading and writing */
	char *name;		/* for messages */
	/*
	 * One deflate stream for every write, reset between objects:
	 * deflateInit() allocates and clears ~256 KiB of state, and
	 * deflateReset() does not; measured, that saves ~50 us per object
	 * when a command writes thousands of small ones.
	 */
	z_stream deflate;
	int deflate_ready;
	unsigned char *out;	/* CHUNK bytes: compressed data on its way to a file */
	size_t out_len;		/* bytes of `out` not written yet */
	/*
	 * The ids in each objects/xx/ directory, listed once and kept
	 * sorted, for abbreviated ids: resolving 10,000 short ids used to
	 * list a directory 10,000 times (git keeps the same cache).  Objects
	 * this process writes are added; ones other processes write while
	 * we run are not seen, as in git.
	 */
	struct loose_cache {
		struct oid *oids;
		size_t nr, alloc;
		int loaded;
	} cache[256];
};

int odb_open(struct odb **out, const char *objdir)
{
	struct odb *odb = xcalloc(1, sizeof(*odb));

	odb->objdir = xstrdup(objdir);
	odb->name = xstrdup(objdir);
	*out = odb;
	return 0;
}

void odb_free(struct odb *odb)
{
	size_t i;

	if (!odb)
		return;
	if (odb->deflate_ready)
		deflateEnd(&odb->deflate);
	free(odb->out);
	for (i = 0; i < 256; i++)
		free(odb->cache[i].oids);
	free(odb->objdir);
	free(odb->name);
	free(odb);
}

const char *odb_path(const struct odb *odb)
{
	return odb->objdir;
}

void odb_set_name(struct odb *odb, const char *name)
{
	free(odb->name);
	odb->name = xstrdup(name);
}

const char *odb_name(const struct odb *odb)
{
	return odb->name;
}

void odb_object_release(struct odb_object *obj)
{
	strbuf_release(&obj->data);
	obj->type = OBJ_NONE;
	obj->type_name[0] = '\0';
	obj->size = 0;
}

void odb_loose_path(struct strbuf *out, struct odb *odb, const struct oid *oid)
{
	char hex[UG_OID_HEXSZ + 1];

	oid_to_hex(hex, oid);
	strbuf_addf(out, "%s/%.2s/%s", odb->objdir, hex, hex + 2);
}

int odb_has(struct odb *odb, const struct oid *oid)
{
	struct strbuf path = STRBUF_INIT;
	int ret;

	odb_loose_path(&path, odb, oid);
	ret = fs_exists(path.buf);
	strbuf_release(&path);
	return ret;
}

/* zlib's status as git words it: "inflate: data stream error (<zlib msg>)". */
static void add_zlib_error(struct strbuf *sb, const char *op, int zret,
			   const z_stream *z)
{
	const char *what;

	switch (zret) {
	case Z_DATA_ERROR: what = "data stream error"; break;
	case Z_MEM_ERROR: what = "out of memory"; break;
	case Z_BUF_ERROR: what = "needs more input or output space"; break;
	case Z_NEED_DICT: what = "needs a preset dictionary"; break;
	case Z_STREAM_ERROR: what = "stream consistency error"; break;
	default: what = "unknown error"; break;
	}
	strbuf_addf(sb, "%s: %s (%s)", op, what, z->msg ? z->msg : "no message");
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

/*
 * One loose object being inflated.  The header is inflated into a small
 * buffer first; body bytes that came out with it are "spill" and are
 * handed out before anything else.  Every body byte handed out is hashed,
 * so the hash is checked without a second pass.
 */
struct loose_reader {
	int fd;
	z_stream z;
	int z_ready;
	int zerr;		/* zlib's failure status, 0 if none */
	int stream_end;		/* inflate() said Z_STREAM_END */
	int input_eof;		/* read() said end of file */
	off_t file_size;
	struct oid oid;		/* the object's name, what its content must hash to */
	char hex[UG_OID_HEXSZ + 1];
	struct strbuf path;
	struct hash_ctx hash;
	struct object_header hdr;
	unsigned char hdrbuf[UG_OBJECT_MAX_HEADER];
	size_t spill_off, spill_len;
	size_t body_done;	/* body bytes handed out so far */
	unsigned char in[CHUNK];
};

static void reader_init(struct loose_reader *r)
{
	memset(r, 0, sizeof(*r));
	r->fd = -1;
	strbuf_init(&r->path, 0);
}

static void reader_release(struct loose_reader *r)
{
	if (r->fd >= 0)
		close(r->fd);
	if (r->z_ready)
		inflateEnd(&r->z);
	strbuf_release(&r->path);
}

static int reader_open(struct loose_reader *r, struct odb *odb,
		       const struct oid *oid)
{
	struct stat st;

	r->oid = *oid;
	oid_to_hex(r->hex, oid);
	odb_loose_path(&r->path, odb, oid);
	r->fd = open(r->path.buf, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return ug_error(UG_ENOTFOUND, "object %s not found", r->hex);
		return ug_error_errno("unable to open loose object %s", r->hex);
	}
	if (fstat(r->fd, &st) < 0)
		return ug_error_errno("unable to stat loose object %s", r->hex);
	/* what a crash before the data reached the disk leaves (no fsync) */
	if (!st.st_size)
		return ug_error(UG_ECORRUPT, "object file %s/%.2s/%s is empty",
				odb->name, r->hex, r->hex + 2);
	r->file_size = st.st_size;
	if (inflateInit(&r->z) != Z_OK)
		return ug_error(UG_ERROR, "unable to start inflating %s", r->hex);
	r->z_ready = 1;
	return 0;
}

/*
 * Inflate into `out` until it is full, the stream ends, the file ends or
 * zlib fails (r->zerr).  *got is the number of bytes produced.  Returns 0,
 * or UG_ERROR for a read error.
 */
static int inflate_some(struct loose_reader *r, unsigned char *out,
			size_t len, size_t *got)
{
	r->z.next_out = out;
	r->z.avail_out = (uInt)len;
	while (r->z.avail_out && !r->stream_end && !r->zerr) {
		int zret;

		if (!r->z.avail_in) {
			ssize_t n = fs_read_all(r->fd, r->in, sizeof(r->in));

			if (n < 0)
				return ug_error(UG_ERROR, "unable to read loose object %s: %s",
						r->hex, ug_error_last());
			if (!n) {
				r->input_eof = 1;
				break;
			}
			r->z.next_in = r->in;
			r->z.avail_in = (uInt)n;
		}
		zret = inflate(&r->z, Z_NO_FLUSH);
		if (zret == Z_STREAM_END)
			r->stream_end = 1;
		else if (zret != Z_OK)
			r->zerr = zret;	/* Z_BUF_ERROR here too: no progress was possible */
	}
	*got = len - r->z.avail_out;
	return 0;
}

static int corrupt_body(struct loose_reader *r)
{
	struct strbuf msg = STRBUF_INIT;
	int err;

	if (r->zerr) {
		add_zlib_error(&msg, "inflate", r->zerr, &r->z);
		strbuf_addstr(&msg, "\nerror: ");
	}
	strbuf_addf(&msg, "corrupt loose object '%s'", r->hex);
	err = ug_error(UG_ECORRUPT, "%s", msg.buf);
	strbuf_release(&msg);
	return err;
}

static int size_mismatch(struct loose_reader *r)
{
	return ug_error(UG_ECORRUPT,
			"size mismatch in loose object '%s' (header says %zu bytes)",
			r->hex, r->hdr.size);
}

/* Inflate and check "<type> <size>\0"; start hashing. */
static int reader_header(struct loose_reader *r)
{
	const unsigned char *nul;
	size_t got;
	int err;

	err = inflate_some(r, r->hdrbuf, sizeof(r->hdrbuf), &got);
	if (err < 0)
		return err;
	nul = memchr(r->hdrbuf, '\0', got);
	if (r->zerr && !nul) {
		struct strbuf msg = STRBUF_INIT;

		add_zlib_error(&msg, "inflate", r->zerr, &r->z);
		err = ug_error(UG_ECORRUPT, "%s\nerror: unable to unpack %s header",
			       msg.buf, r->hex);
		strbuf_release(&msg);
		return err;
	}
	/* git says "too long" also when the stream ends without a NUL */
	if (!nul && (got == sizeof(r->hdrbuf) || r->stream_end))
		return ug_error(UG_ECORRUPT, "header for %s too long, exceeds %d bytes",
				r->hex, UG_OBJECT_MAX_HEADER);
	if (!nul)
		return ug_error(UG_ECORRUPT, "unable to unpack %s header", r->hex);
	if (object_header_parse(&r->hdr, (const char *)r->hdrbuf, got) < 0)
		return ug_error(UG_ECORRUPT, "unable to parse %s header", r->hex);
	/* a size that the file cannot possibly inflate to: refuse before allocating */
	if (r->hdr.size / ZLIB_MAX_RATIO > (uintmax_t)r->file_size)
		return size_mismatch(r);
	hash_init(&r->hash);
	hash_update(&r->hash, r->hdrbuf, r->hdr.hdrlen);
	r->spill_off = r->hdr.hdrlen;
	r->spill_len = got - r->hdr.hdrlen;
	return 0;
}

/*
 * Hand out up to `len` more body bytes.  *got is 0 only when the whole
 * declared body has been read; a stream that ends early is an error.
 */
static int reader_read(struct loose_reader *r, unsigned char *out, size_t len,
		       size_t *got)
{
	size_t want = r->hdr.size - r->body_done, n = 0, more = 0;
	int err;

	if (len < want)
		want = len;
	if (r->spill_len) {
		n = r->spill_len < want ? r->spill_len : want;
		memcpy(out, r->hdrbuf + r->spill_off, n);
		r->spill_off += n;
		r->spill_len -= n;
	}
	if (n < want) {
		err = inflate_some(r, out + n, want - n, &more);
		if (err < 0)
			return err;
		n += more;
	}
	hash_update(&r->hash, out, n);
	r->body_done += n;
	*got = n;
	if (n == want)
		return 0;
	if (r->stream_end)
		return size_mismatch(r);
	return corrupt_body(r);	/* truncated or damaged */
}

/*
 * After the declared body: the stream must end right here, the file must
 * end with it, and the content must hash to the object's name - unless
 * `actual` is not NULL: then the content's id goes there, for fsck to
 * judge.
 */
static int reader_finish(struct loose_reader *r, struct oid *actual)
{
	unsigned char scratch[256];
	struct oid computed;
	size_t got = 0;
	ssize_t n;
	int err;

	if (r->spill_len)
		return size_mismatch(r);
	if (!r->stream_end) {
		err = inflate_some(r, scratch, sizeof(scratch), &got);
		if (err < 0)
			return err;
		if (got)
			return size_mismatch(r);
		if (!r->stream_end)
			return corrupt_body(r);
	}
	n = r->z.avail_in ? 1 : fs_read_all(r->fd, scratch, 1);
	if (n < 0)
		return ug_error(UG_ERROR, "unable to read loose object %s: %s",
				r->hex, ug_error_last());
	if (n > 0)
		return ug_error(UG_ECORRUPT, "garbage at end of loose object '%s'",
				r->hex);
	hash_final(&computed, &r->hash);
	if (actual)
		*actual = computed;
	else if (!oid_eq(&computed, &r->oid))
		return ug_error(UG_ECORRUPT, "hash mismatch %s", r->hex);
	return 0;
}

/* Open the loose object `oid` and read its header: how every read starts. */
static int reader_start(struct loose_reader *r, struct odb *odb,
			const struct oid *oid)
{
	int err;

	reader_init(r);
	err = reader_open(r, odb, oid);
	return err ? err : reader_header(r);
}

static void set_header(struct odb_object *out, const struct object_header *hdr)
{
	out->type = hdr->type;
	memcpy(out->type_name, hdr->type_name, sizeof(out->type_name));
	out->size = hdr->size;
}

static int read_loose(struct odb_object *out, struct oid *actual,
		      struct odb *odb, const struct oid *oid)
{
	struct loose_reader r;
	size_t got = 1;
	int err = reader_start(&r, odb, oid);

	if (err)
		goto done;
	/* the header's size passed the zlib-ratio bound in reader_header() */
	strbuf_grow(&out->data, r.hdr.size);
	while (!err && got) {
		err = reader_read(&r, (unsigned char *)out->data.buf + out->data.len,
				  r.hdr.size - out->data.len, &got);
		strbuf_setlen(&out->data, out->data.len + got);
	}
	if (!err)
		err = reader_finish(&r, actual);
	if (!err)
		set_header(out, &r.hdr);
done:
	reader_release(&r);
	if (err)
		odb_object_release(out);
	return err;
}

int odb_read(struct odb_object *out, struct odb *odb, const struct oid *oid)
{
	return read_loose(out, NULL, odb, oid);
}

int odb_read_fsck(struct odb_object *out, struct oid *actual,
		  struct odb *odb, const struct oid *oid)
{
	return read_loose(out, actual, odb, oid);
}

int odb_read_header(struct object_header *out, struct odb *odb,
		    const struct oid *oid)
{
	struct loose_reader r;
	int err = reader_start(&r, odb, oid);

	if (!err)
		*out = r.hdr;
	reader_release(&r);
	return err;
}

int odb_stream_to_fd(struct odb *odb, const struct oid *oid, int fd)
{
	struct loose_reader r;
	unsigned char *buf = xmalloc(CHUNK);
	size_t got = 1;
	int err = reader_start(&r, odb, oid);

	while (!err && got) {
		err = reader_read(&r, buf, CHUNK, &got);
		/* a damaged chunk is not written: a small object fails with no output */
		if (!err && got && fs_write_all(fd, buf, got) < 0)
			err = UG_ERROR;		/* fs_write_all said why */
	}
	if (!err)
		err = reader_finish(&r, NULL);
	reader_release(&r);
	free(buf);
	return err;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

/*
 * Is `type` a name that reads back?  git's hash-object --literally writes
 * even "a b" or "" as a type, producing objects nothing can read; we
 * refuse names that break the header grammar.
 */
static int check_type_name(const char *type, size_t size)
{
	size_t tlen = strlen(type);
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%zu", size);

	if (!tlen || strchr(type, ' ') ||
	    tlen + 1 + (size_t)n + 1 > UG_OBJECT_MAX_HEADER)
		return ug_error(UG_EINVALID, "invalid object type \"%s\"", type);
	return 0;
}

/* Start a fresh zlib stream at git's loose-object level, Z_BEST_SPEED. */
static int deflate_start(struct odb *odb)
{
	int zret;

	if (!odb->out)
		odb->out = xmalloc(CHUNK);
	odb->out_len = 0;
	if (odb->deflate_ready)
		zret = deflateReset(&odb->deflate);
	else
		zret = deflateInit(&odb->deflate, Z_BEST_SPEED);
	if (zret != Z_OK)
		return ug_error(UG_ERROR, "unable to start deflating: zlib error %d", zret);
	odb->deflate_ready = 1;
	return 0;
}

/*
 * Compress `len` bytes into `fd`; with `finish`, end the stream too.
 * zlib counts in uInt, so a big buffer goes in slices.
 */
/*
 * Deflate `data` into the temporary file.  Output is collected in
 * odb->out and written only when the buffer is full or the stream ends,
 * so a small object costs one write() (header and body together).
 */
static int deflate_to_fd(struct odb *odb, int fd, const void *data, size_t len,
			 int finish)
{
	z_stream *z = &odb->deflate;
	const unsigned char *p = data;
	int zret, full, done;

	do {
		size_t slice = len < (1u << 30) ? len : (1u << 30);
		int flush = finish && slice == len ? Z_FINISH : Z_NO_FLUSH;

		z->next_in = (Bytef *)p;
		z->avail_in = (uInt)slice;
		do {
			z->next_out = odb->out + odb->out_len;
			z->avail_out = (uInt)(CHUNK - odb->out_len);
			zret = deflate(z, flush);
			if (zret == Z_STREAM_ERROR)
				return ug_error(UG_ERROR, "unable to deflate new object (%d)", zret);
			odb->out_len = CHUNK - z->avail_out;
			full = !z->avail_out;
			done = flush == Z_FINISH && zret == Z_STREAM_END;
			if ((full || done) && fs_write_all(fd, odb->out, odb->out_len) < 0)
				return ug_error(UG_ERROR, "unable to write loose object file: %s",
						strerror(errno));
			if (full || done)
				odb->out_len = 0;
		} while (z->avail_in || full || (flush == Z_FINISH && !done));
		p += slice;
		len -= slice;
	} while (len);
	return 0;
}

/* A temporary object file: "<dir>/tmp_obj_XXXXXX", read-only. */
struct tmp_object {
	/*
	 * A temporary file is tracked like a lock file, so that an
	 * interrupted write (SIGINT, SIGTERM, exit) removes it instead of
	 * leaving a tmp_obj_* behind.
	 */
	struct lockfile tf;
};

#define TMP_OBJECT_INIT { LOCKFILE_INIT }

/*
 * Create "<dir>/tmp_obj_<6 random letters>" like mkstemp(), but with mode
 * 0444 from the start: objects are immutable, and git makes them read-only
 * so that nothing edits one by mistake (mkstemp's 0600 needed an fchmod).
 */
static int open_tmp(struct strbuf *path, const char *dir)
{
	static const char letters[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long long seed;
	int tries, i, fd = -1;

	if (!seed)
		seed = (unsigned long long)getpid() * 0x9e3779b97f4a7c15ull ^
		       (unsigned long long)time(NULL);
	for (tries = 0; tries < 100; tries++) {
		unsigned long long v = seed += 0x9e3779b97f4a7c15ull;

		strbuf_reset(path);
		fs_path_join(path, dir, "tmp_obj_");
		for (i = 0; i < 6; i++, v /= 62)
			strbuf_addch(path, letters[v % 62]);
		fd = open(path->buf, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	return fd;
}

static int tmp_create(struct tmp_object *t, struct odb *odb, const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	int tries, fd = -1;

	for (tries = 0; tries < 2; tries++) {
		fd = open_tmp(&path, dir);
		if (fd >= 0)
			break;
		/* the fan-out directory objects/xx is made on demand */
		if (errno != ENOENT || mkdir(dir, 0777) < 0)
			break;
	}
	if (fd < 0) {
		strbuf_release(&path);
		if (errno == EACCES || errno == EPERM || errno == EROFS)
			return ug_error(UG_ERROR, "insufficient permission for adding "
					"an object to repository database %s", odb->name);
		return ug_error(UG_ERROR, "unable to create temporary file: %s",
				strerror(errno));
	}
	tempfile_track(&t->tf, path.buf, fd);
	strbuf_release(&path);
	return 0;
}

static void tmp_discard(struct tmp_object *t)
{
	lockfile_rollback(&t->tf);	/* closes and unlinks it, if still there */
}

/* An object that exists is not rewritten; touching it tells gc it is in use. */
static void freshen(const char *path)
{
	utimes(path, NULL);
}

/* Insert `oid` into its directory's cache, if that one has been listed. */
static void cache_add(struct odb *odb, const struct oid *oid)
{
	struct loose_cache *c = &odb->cache[oid->hash[0]];
	size_t lo = 0, hi;

	if (!c->loaded)
		return;
	hi = c->nr;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = oid_cmp(&c->oids[mid], oid);

		if (!cmp)
			return;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	ALLOC_GROW(c->oids, c->nr + 1, c->alloc);
	memmove(c->oids + lo + 1, c->oids + lo, (c->nr - lo) * sizeof(*c->oids));
	c->oids[lo] = *oid;
	c->nr++;
}

/*
 * Give the finished temporary file its final name.  link() fails with
 * EEXIST rather than replacing an object another process wrote meanwhile
 * (git's core.createObject=link); rename() is the fallback for file
 * systems without hard links.
 */
static int tmp_finalize(struct tmp_object *t, struct odb *odb,
			const struct oid *oid)
{
	struct strbuf final = STRBUF_INIT;
	int err = 0, ret;

	if (close(t->tf.fd) < 0)
		err = ug_error(UG_ERROR, "unable to write loose object file: %s",
			       strerror(errno));
	t->tf.fd = -1;
	odb_loose_path(&final, odb, oid);
	if (err)
		goto done;
	ret = link(t->tf.path, final.buf);
	if (ret < 0 && errno == ENOENT) {
		/* the streaming writer's temp file lives in objects/ itself */
		char *slash = strrchr(final.buf, '/');

		*slash = '\0';
		mkdir(final.buf, 0777);
		*slash = '/';
		ret = link(t->tf.path, final.buf);
	}
	if (ret < 0 && errno == EEXIST)
		freshen(final.buf);	/* another process wrote the same object */
	else if (ret < 0 && rename(t->tf.path, final.buf) < 0)
		err = ug_error(UG_ERROR, "unable to write loose object file %s: %s",
			       final.buf, strerror(errno));
	if (!err)
		cache_add(odb, oid);
done:
	tmp_discard(t);		/* after a rename there is nothing left to unlink */
	strbuf_release(&final);
	return err;
}

static int write_loose(struct odb *odb, const struct oid *oid,
		       const char *hdr, size_t hdrlen, const void *data,
		       size_t len)
{
	struct tmp_object t = TMP_OBJECT_INIT;
	struct strbuf dir = STRBUF_INIT;
	char hex[UG_OID_HEXSZ + 1];
	int err;

	strbuf_addf(&dir, "%s/%.2s", odb->objdir, oid_to_hex(hex, oid));
	err = tmp_create(&t, odb, dir.buf);
	if (!err)
		err = deflate_start(odb);
	if (!err)
		err = deflate_to_fd(odb, t.tf.fd, hdr, hdrlen, 0);
	if (!err)
		err = deflate_to_fd(odb, t.tf.fd, data, len, 1);
	if (!err)
		err = tmp_finalize(&t, odb, oid);
	tmp_discard(&t);
	strbuf_release(&dir);
	return err;
}

int odb_write(struct oid *out, struct odb *odb, const char *type,
	      const void *data, size_t len)
{
	char hdr[UG_OBJECT_MAX_HEADER + 32];
	struct strbuf path = STRBUF_INIT;
	struct hash_ctx ctx;
	size_t hdrlen;
	struct oid oid;
	int err;

	err = check_type_name(type, len);
	if (err)
		return err;
	hdrlen = object_header_format(hdr, sizeof(hdr), type, len);
	hash_init(&ctx);
	hash_update(&ctx, hdr, hdrlen);
	hash_update(&ctx, data, len);
	hash_final(&oid, &ctx);
	odb_loose_path(&path, odb, &oid);
	if (fs_exists(path.buf))
		freshen(path.buf);
	else
		err = write_loose(odb, &oid, hdr, hdrlen, data, len);
	strbuf_release(&path);
	if (!err)
		*out = oid;
	return err;
}

/* Read the next piece of a `size`-byte stream; a short file is an error. */
static int read_piece(int fd, unsigned char *buf, size_t want, size_t done,
		      size_t size)
{
	ssize_t n = fs_read_all(fd, buf, want);

	if (n < 0)
		return UG_ERROR;	/* fs_read_all said why */
	if ((size_t)n < want)
		return ug_error(UG_ERROR, "short read: expected %zu bytes, got %zu",
				size, done + (size_t)n);
	return 0;
}

/* A regular file must end exactly at `size`, or it changed as we read it. */
static int check_stream_end(int fd)
{
	struct stat st;
	char c;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	if (fs_read_all(fd, &c, 1) != 0)
		return ug_error(UG_ERROR, "file changed while being read");
	return 0;
}

/*
 * Hash `size` bytes from `fd`, deflating them into t->tf.fd as well when
 * `t` is not NULL.
 */
static int stream_pass(struct oid *out, struct odb *odb, struct tmp_object *t,
		       const char *type, int fd, size_t size)
{
	char hdr[UG_OBJECT_MAX_HEADER + 32];
	unsigned char *buf = xmalloc(CHUNK);
	size_t done = 0, hdrlen;
	struct hash_ctx ctx;
	int err = 0;

	hdrlen = object_header_format(hdr, sizeof(hdr), type, size);
	hash_init(&ctx);
	hash_update(&ctx, hdr, hdrlen);
	if (t)
		err = deflate_to_fd(odb, t->tf.fd, hdr, hdrlen, size == 0);
	while (!err && done < size) {
		size_t want = size - done < CHUNK ? size - done : CHUNK;

		err = read_piece(fd, buf, want, done, size);
		if (err)
			break;
		hash_update(&ctx, buf, want);
		done += want;
		if (t)
			err = deflate_to_fd(odb, t->tf.fd, buf, want, done == size);
	}
	if (!err)
		err = check_stream_end(fd);
	if (!err)
		hash_final(out, &ctx);
	free(buf);
	return err;
}

/*
 * No temporary file could be made (a read-only database, say): that is
 * only an error if the object is not there already, which takes a pass
 * that hashes alone.  Returns 0 or `err` with its message intact.
 */
static int exists_anyway(struct oid *out, struct odb *odb, const char *type,
			 int fd, size_t size, int err)
{
	struct strbuf msg = STRBUF_INIT;
	struct oid oid;

	strbuf_addstr(&msg, ug_error_last());
	if (!stream_pass(&oid, NULL, NULL, type, fd, size) && odb_has(odb, &oid)) {
		struct strbuf path = STRBUF_INIT;

		odb_loose_path(&path, odb, &oid);
		freshen(path.buf);
		strbuf_release(&path);
		*out = oid;
		err = 0;
	} else {
		ug_error(err, "%s", msg.buf);
	}
	strbuf_release(&msg);
	return err;
}

/*
 * Below this size a file is read whole, hashed, and written only if the
 * object is new, straight into its objects/xx/ directory, as odb_write()
 * does.  Streaming must create its temporary file before the id is known
 * (in objects/ itself) and link it across directories afterwards, which
 * measured 1.25x git's time on 1,000 source files; git draws the same line
 * (core.bigFileThreshold), higher.  4 MiB keeps memory small either way.
 */
#define STREAM_THRESHOLD (4u << 20)

static int write_small(struct oid *out, struct odb *odb, const char *type,
		       int fd, size_t size)
{
	unsigned char *buf = xmalloc(size ? size : 1);
	int err = read_piece(fd, buf, size, 0, size);

	/* as in the streaming path, a file that grew while we read it is refused */
	if (!err)
		err = check_stream_end(fd);
	if (!err)
		err = odb_write(out, odb, type, buf, size);
	free(buf);
	return err;
}

int odb_write_stream(struct oid *out, struct odb *odb, const char *type,
		     int fd, size_t size)
{
	struct tmp_object t = TMP_OBJECT_INIT;
	struct strbuf path = STRBUF_INIT;
	struct oid oid;
	int err;

	err = check_type_name(type, size);
	if (err || !odb)
		return err ? err : stream_pass(out, NULL, NULL, type, fd, size);
	if (size <= STREAM_THRESHOLD)
		return write_small(out, odb, type, fd, size);
	/* the id is not known yet: the temp file waits in objects/ itself */
	err = tmp_create(&t, odb, odb->objdir);
	if (err) {
		err = exists_anyway(out, odb, type, fd, size, err);
		goto done;
	}
	err = deflate_start(odb);
	if (!err)
		err = stream_pass(&oid, odb, &t, type, fd, size);
	if (err)
		goto done;
	odb_loose_path(&path, odb, &oid);
	if (fs_exists(path.buf))
		freshen(path.buf);
	else
		err = tmp_finalize(&t, odb, &oid);
	if (!err)
		*out = oid;
done:
	tmp_discard(&t);
	strbuf_release(&path);
	return err;
}

/* ------------------------------------------------------------------ */
/* Names: abbreviations and listing                                    */

/* Lower-case copy of a 4..40 digit hex prefix into `out`. */
static int normalize_prefix(char out[UG_OID_HEXSZ + 1], const char *hex,
			    size_t len)
{
	size_t i;

	if (len < 4 || len > UG_OID_HEXSZ)
		return ug_error(UG_EINVALID, "invalid object name prefix '%.*s'",
				(int)(len > 64 ? 64 : len), hex);
	for (i = 0; i < len; i++) {
		int v = hexval((unsigned char)hex[i]);

		if (v < 0)
			return ug_error(UG_EINVALID, "invalid object name prefix '%.*s'",
					(int)len, hex);
		out[i] = "0123456789abcdef"[v];
	}
	out[len] = '\0';
	return 0;
}

/* A name in objects/xx/ that is a loose object: 38 lower-case hex digits. */
static int is_loose_name(const char *name)
{
	size_t i;

	for (i = 0; i < UG_OID_HEXSZ - 2; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		      (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	return name[i] == '\0';
}

/* List objects/xx/ into its cache once; a missing directory is empty. */
static int cache_load(struct odb *odb, unsigned char fanout)
{
	struct loose_cache *c = &odb->cache[fanout];
	char full[UG_OID_HEXSZ + 1];
	struct strbuf dir = STRBUF_INIT;
	char **names = NULL;
	size_t names_nr = 0, i;
	int err;

	if (c->loaded)
		return 0;
	strbuf_addf(&dir, "%s/%02x", odb->objdir, fanout);
	err = fs_list_dir(&names, &names_nr, dir.buf);
	if (err == UG_ENOTFOUND)
		err = 0;
	for (i = 0; !err && i < names_nr; i++) {
		if (!is_loose_name(names[i]))
			continue;
		snprintf(full, sizeof(full), "%02x%s", fanout, names[i]);
		ALLOC_GROW(c->oids, c->nr + 1, c->alloc);
		oid_from_hex(&c->oids[c->nr++], full);	/* sorted, as the listing is */
	}
	fs_free_names(names, names_nr);
	strbuf_release(&dir);
	if (!err)
		c->loaded = 1;
	return err;
}

int odb_prefix_candidates(struct oid **out, size_t *nr_out, struct odb *odb,
			  const char *hex, size_t len)
{
	char want[UG_OID_HEXSZ + 1], have[UG_OID_HEXSZ + 1];
	struct loose_cache *c;
	struct oid *oids = NULL;
	size_t nr = 0, alloc = 0, lo, hi;
	int err;

	*out = NULL;
	*nr_out = 0;
	err = normalize_prefix(want, hex, len);
	if (err)
		return err;
	/* only objects/<first two digits>/ can hold a match */
	c = &odb->cache[hexval(want[0]) << 4 | hexval(want[1])];
	err = cache_load(odb, (unsigned char)(c - odb->cache));
	if (err)
		return err;
	/* binary search for the first id not below the prefix */
	lo = 0;
	hi = c->nr;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strncmp(oid_to_hex(have, &c->oids[mid]), want, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->nr && !strncmp(oid_to_hex(have, &c->oids[lo]), want, len); lo++) {
		ALLOC_GROW(oids, nr + 1, alloc);
		oids[nr++] = c->oids[lo];
	}
	*out = oids;
	*nr_out = nr;
	return 0;
}

int odb_unique_abbrev_len(struct odb *odb, const struct oid *oid, size_t min)
{
	char hex[UG_OID_HEXSZ + 1], other[UG_OID_HEXSZ + 1];
	struct oid *cands = NULL;
	size_t nr = 0, i, len = min;
	int err;

	oid_to_hex(hex, oid);
	err = odb_prefix_candidates(&cands, &nr, odb, hex, min);
	if (err < 0)
		return err;
	for (i = 0; i < nr; i++) {
		size_t k = min;

		if (oid_eq(&cands[i], oid))
			continue;
		oid_to_hex(other, &cands[i]);
		while (k < UG_OID_HEXSZ && other[k] == hex[k])
			k++;
		if (k + 1 > len)
			len = k + 1 > UG_OID_HEXSZ ? UG_OID_HEXSZ : k + 1;
	}
	free(cands);
	return (int)len;
}

int odb_resolve_prefix(struct oid *out, struct odb *odb, const char *hex,
		       size_t len)
{
	char lower[UG_OID_HEXSZ + 1];
	struct oid *oids;
	size_t nr;
	int err;

	err = odb_prefix_candidates(&oids, &nr, odb, hex, len);
	if (err)
		return err;
	normalize_prefix(lower, hex, len);	/* git's messages say it in lower case */
	if (nr == 1)
		*out = oids[0];
	else if (!nr)
		err = ug_error(UG_ENOTFOUND, "no object matches '%s'", lower);
	else
		err = ug_error(UG_EAMBIGUOUS, "short object ID %s is ambiguous", lower);
	free(oids);
	return err;
}

static int is_fanout_name(const char *name)
{
	return strlen(name) == 2 && hexval((unsigned char)name[0]) >= 0 &&
	       hexval((unsigned char)name[1]) >= 0 &&
	       !(name[0] >= 'A' && name[0] <= 'F') &&
	       !(name[1] >= 'A' && name[1] <= 'F');
}

/* Report the files of one fan-out directory `xx` to `fn`. */
static int each_in_fanout(struct odb *odb, const char *xx, odb_each_fn fn,
			  void *payload)
{
	char hex[UG_OID_HEXSZ + 1];
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	char **names = NULL;
	size_t nr = 0, i;
	int ret;

	fs_path_join(&dir, odb->objdir, xx);
	ret = fs_list_dir(&names, &nr, dir.buf);
	for (i = 0; !ret && i < nr; i++) {
		struct oid oid;

		if (starts_with(names[i], "tmp_obj_"))
			continue;	/* an interrupted write; git ignores these too */
		strbuf_reset(&path);
		fs_path_join(&path, dir.buf, names[i]);
		if (!is_loose_name(names[i])) {
			ret = fn(NULL, path.buf, payload);
			continue;
		}
		snprintf(hex, sizeof(hex), "%s%s", xx, names[i]);
		oid_from_hex(&oid, hex);
		ret = fn(&oid, path.buf, payload);
	}
	fs_free_names(names, nr);
	strbuf_release(&dir);
	strbuf_release(&path);
	return ret;
}

int odb_for_each_loose(struct odb *odb, odb_each_fn fn, void *payload)
{
	struct strbuf dir = STRBUF_INIT;
	char **names = NULL;
	size_t nr = 0, i;
	int ret;

	ret = fs_list_dir(&names, &nr, odb->objdir);
	for (i = 0; !ret && i < nr; i++) {
		strbuf_reset(&dir);
		fs_path_join(&dir, odb->objdir, names[i]);
		if (is_fanout_name(names[i]) && fs_is_dir(dir.buf))
			ret = each_in_fanout(odb, names[i], fn, payload);
	}
	fs_free_names(names, nr);
	strbuf_release(&dir);
	return ret;
}
