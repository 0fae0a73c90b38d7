/* oid: SHA-1 object ids, hex conversion and comparison. */

/*
 * Why the deprecated low-level SHA1_* calls and not EVP: OpenSSL 3 sets up
 * its provider machinery on the first EVP digest of a process, about 2 ms
 * here, which made a one-object `ugit hash-object` 2.5x slower than git's.
 * SHA1_Init/Update/Final use the same assembly without that set-up (see
 * `scripts/bench`, start-up cases).  The deprecation is silenced in this
 * file only, so the rest of ugit never sees OpenSSL.
 */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "ugit/oid.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>

#include "ugit/error.h"

_Static_assert(sizeof(SHA_CTX) <= sizeof(((struct hash_ctx *)0)->state),
	       "struct hash_ctx too small for SHA_CTX");

static SHA_CTX *sha(struct hash_ctx *ctx)
{
	return (SHA_CTX *)(void *)ctx->state.bytes;
}

void hash_init(struct hash_ctx *ctx)
{
	SHA1_Init(sha(ctx));
}

void hash_update(struct hash_ctx *ctx, const void *data, size_t len)
{
	SHA1_Update(sha(ctx), data, len);
}

void hash_final(struct oid *out, struct hash_ctx *ctx)
{
	SHA1_Final(out->hash, sha(ctx));
}

void hash_buffer(struct oid *out, const void *data, size_t len)
{
	struct hash_ctx ctx;

	hash_init(&ctx);
	hash_update(&ctx, data, len);
	hash_final(out, &ctx);
}

void oid_hash_object(struct oid *out, const char *type, const void *data,
		     size_t len)
{
	struct hash_ctx ctx;
	char hdr[64];
	int n = snprintf(hdr, sizeof(hdr), "%s %zu", type, len);

	hash_init(&ctx);
	hash_update(&ctx, hdr, (size_t)n + 1);	/* the NUL is hashed too */
	hash_update(&ctx, data, len);
	hash_final(out, &ctx);
}

int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int is_hex_string(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (hexval((unsigned char)s[i]) < 0)
			return 0;
	return s[n] == '\0';
}

int oid_from_hex(struct oid *out, const char *hex)
{
	struct oid tmp;
	int i;

	for (i = 0; i < UG_OID_RAWSZ; i++) {
		int hi = hexval((unsigned char)hex[2 * i]);
		int lo = hi < 0 ? -1 : hexval((unsigned char)hex[2 * i + 1]);

		if (lo < 0)
			return ug_error(UG_EINVALID, "invalid object id");
		tmp.hash[i] = (unsigned char)(hi << 4 | lo);
	}
	*out = tmp;
	return 0;
}

char *oid_to_hex(char out[UG_OID_HEXSZ + 1], const struct oid *oid)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < UG_OID_RAWSZ; i++) {
		out[2 * i] = digits[oid->hash[i] >> 4];
		out[2 * i + 1] = digits[oid->hash[i] & 0xf];
	}
	out[UG_OID_HEXSZ] = '\0';
	return out;
}

int oid_cmp(const struct oid *a, const struct oid *b)
{
	return memcmp(a->hash, b->hash, UG_OID_RAWSZ);
}

int oid_eq(const struct oid *a, const struct oid *b)
{
	return !oid_cmp(a, b);
}

int oid_is_null(const struct oid *oid)
{
	static const struct oid null_oid;

	return oid_eq(oid, &null_oid);
}

void oid_clear(struct oid *oid)
{
	memset(oid->hash, 0, UG_OID_RAWSZ);
}
