/* SHA-256 (FIPS 180-4, section 6.2), freestanding: no allocation, no I/O.
 * Used by the boot to check an image payload and by the host tools to stamp it. */
#ifndef EXTMEM_SHA256_H
#define EXTMEM_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_BLOCK_SIZE  64u
#define SHA256_DIGEST_SIZE 32u

struct sha256_ctx {
	uint32_t state[8];                 /* H0..H7 */
	uint64_t total_len;                /* bytes hashed so far */
	uint8_t  block[SHA256_BLOCK_SIZE]; /* partial block awaiting more input */
	size_t   block_len;                /* bytes valid in block[] (< 64) */
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
/* Pads, writes the big-endian digest to out and leaves ctx unusable until sha256_init. */
void sha256_final(struct sha256_ctx *ctx, uint8_t out[SHA256_DIGEST_SIZE]);
void sha256(const void *data, size_t len, uint8_t out[SHA256_DIGEST_SIZE]);

#endif
