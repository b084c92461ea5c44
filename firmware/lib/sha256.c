/* SHA-256 written from FIPS 180-4 (sections 4.1.2, 4.2.2, 5.1.1, 5.3.3, 6.2.2).
 * The message schedule is kept as a 16-word ring (W[t] only depends on W[t-16..t-2]),
 * which keeps the stack small on the boot; the round loop is not unrolled so the code
 * stays compact in the boot's internal flash while the Cortex-M7 dual issue keeps it fast. */
#include "sha256.h"

#include <string.h>

/* First 32 bits of the fractional parts of the cube roots of the first 64 primes (4.2.2). */
static const uint32_t sha256_k[64] = {
	0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u,
	0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
	0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
	0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
	0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu,
	0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
	0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
	0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
	0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
	0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
	0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u,
	0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
	0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u,
	0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
	0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
	0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

/* Initial hash value: fractional parts of the square roots of the first 8 primes (5.3.3). */
static const uint32_t sha256_h0[8] = {
	0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
	0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

static inline uint32_t rotr32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32u - n));
}

static inline uint32_t load_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Functions of 4.1.2. Ch and Maj in forms that need one fewer operation than the text. */
#define SHA_CH(x, y, z)  ((z) ^ ((x) & ((y) ^ (z))))
#define SHA_MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define SHA_BSIG0(x)     (rotr32((x), 2) ^ rotr32((x), 13) ^ rotr32((x), 22))
#define SHA_BSIG1(x)     (rotr32((x), 6) ^ rotr32((x), 11) ^ rotr32((x), 25))
#define SHA_SSIG0(x)     (rotr32((x), 7) ^ rotr32((x), 18) ^ ((x) >> 3))
#define SHA_SSIG1(x)     (rotr32((x), 17) ^ rotr32((x), 19) ^ ((x) >> 10))

static void sha256_compress(uint32_t state[8], const uint8_t *blk)
{
	uint32_t w[16];
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], h = state[7];

	for (unsigned t = 0; t < 64u; t++) {
		uint32_t wt;
		if (t < 16u) {
			wt = load_be32(blk + 4u * t);
		} else {
			/* W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], indices mod 16. */
			wt = SHA_SSIG1(w[(t - 2u) & 15u]) + w[(t - 7u) & 15u] +
			     SHA_SSIG0(w[(t - 15u) & 15u]) + w[t & 15u];
		}
		w[t & 15u] = wt;

		uint32_t t1 = h + SHA_BSIG1(e) + SHA_CH(e, f, g) + sha256_k[t] + wt;
		uint32_t t2 = SHA_BSIG0(a) + SHA_MAJ(a, b, c);
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}

	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
	state[4] += e;
	state[5] += f;
	state[6] += g;
	state[7] += h;
}

void sha256_init(struct sha256_ctx *ctx)
{
	memcpy(ctx->state, sha256_h0, sizeof ctx->state);
	ctx->total_len = 0;
	ctx->block_len = 0;
}

void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;

	ctx->total_len += len;

	if (ctx->block_len != 0u) {
		size_t take = SHA256_BLOCK_SIZE - ctx->block_len;
		if (take > len)
			take = len;
		memcpy(ctx->block + ctx->block_len, p, take);
		ctx->block_len += take;
		p += take;
		len -= take;
		if (ctx->block_len < SHA256_BLOCK_SIZE)
			return;
		sha256_compress(ctx->state, ctx->block);
		ctx->block_len = 0;
	}

	/* Whole blocks straight from the caller's buffer: no copy for the bulk of an image. */
	while (len >= SHA256_BLOCK_SIZE) {
		sha256_compress(ctx->state, p);
		p += SHA256_BLOCK_SIZE;
		len -= SHA256_BLOCK_SIZE;
	}

	if (len != 0u) {
		memcpy(ctx->block, p, len);
		ctx->block_len = len;
	}
}

void sha256_final(struct sha256_ctx *ctx, uint8_t out[SHA256_DIGEST_SIZE])
{
	/* 5.1.1: append bit 1, zeros up to 56 mod 64, then the length in bits, big-endian. */
	uint64_t bits = ctx->total_len << 3;
	size_t n = ctx->block_len;

	ctx->block[n++] = 0x80u;
	if (n > SHA256_BLOCK_SIZE - 8u) {
		memset(ctx->block + n, 0, SHA256_BLOCK_SIZE - n);
		sha256_compress(ctx->state, ctx->block);
		n = 0;
	}
	memset(ctx->block + n, 0, SHA256_BLOCK_SIZE - 8u - n);
	store_be32(ctx->block + 56, (uint32_t)(bits >> 32));
	store_be32(ctx->block + 60, (uint32_t)bits);
	sha256_compress(ctx->state, ctx->block);

	for (unsigned i = 0; i < 8u; i++)
		store_be32(out + 4u * i, ctx->state[i]);

	memset(ctx, 0, sizeof *ctx);
}

void sha256(const void *data, size_t len, uint8_t out[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, out);
}
