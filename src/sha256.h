/* sha256.h: SHA-256 (FIPS 180-4), for the document ID and reproducibility
 * checks. No global state. */
#ifndef VORLAGE_SHA256_H
#define VORLAGE_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256_ctx {
	uint32_t h[8];
	uint64_t len;            /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, unsigned char out[32]);

/* One call: out = SHA-256(data[0..len)). */
void sha256(const void *data, size_t len, unsigned char out[32]);

/* Lower-case hex of a digest into hex[65]. */
void sha256_hex(const unsigned char digest[32], char hex[65]);

#endif
