#ifndef UGIT_OID_H
#define UGIT_OID_H

/*
 * oid - object ids: the SHA-1 of "<type> <size>\0<body>".
 *
 * Hashing is one-shot (oid_hash_object) or streaming (struct hash_ctx), so a
 * large file can be named without holding it in memory.  Which SHA-1
 * implementation is used is private to oid.c.
 */

#include <stddef.h>

#define UG_OID_RAWSZ 20
#define UG_OID_HEXSZ 40

struct oid {
	unsigned char hash[UG_OID_RAWSZ];
};

/*
 * Streaming SHA-1.  The state is opaque storage large enough for the
 * implementation in oid.c (checked there at compile time).
 */
struct hash_ctx {
	union {
		unsigned char bytes[128];
		unsigned long long align;
	} state;
};

void hash_init(struct hash_ctx *ctx);
void hash_update(struct hash_ctx *ctx, const void *data, size_t len);
void hash_final(struct oid *out, struct hash_ctx *ctx);

/* SHA-1 of `len` bytes. */
void hash_buffer(struct oid *out, const void *data, size_t len);

/* Id of an object of type name `type` ("blob", ...) and body `data`. */
void oid_hash_object(struct oid *out, const char *type, const void *data,
		     size_t len);

/*
 * Parse exactly 40 hex digits (either case) followed by anything.
 * Returns 0 or UG_EINVALID.
 */
int oid_from_hex(struct oid *out, const char *hex);
/* Write 40 lower-case hex digits and a NUL into `out`; returns `out`. */
char *oid_to_hex(char out[UG_OID_HEXSZ + 1], const struct oid *oid);

/* Value of a hex digit, or -1. */
int hexval(int c);
/* 1 if `s` is exactly `n` hex digits long before a NUL / not; 0 else. */
int is_hex_string(const char *s, size_t n);

int oid_cmp(const struct oid *a, const struct oid *b);
int oid_eq(const struct oid *a, const struct oid *b);
int oid_is_null(const struct oid *oid);
void oid_clear(struct oid *oid);

#endif /* UGIT_OID_H */
