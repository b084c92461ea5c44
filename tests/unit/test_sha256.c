/* SHA-256 against the FIPS 180-4 / NIST CSRC example vectors, and incremental == one-shot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sha256.h"

static void hex_to_bytes(const char *hex, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;
		for (int j = 0; j < 2; j++) {
			char c = hex[2 * i + (size_t)j];
			v <<= 4;
			if (c >= '0' && c <= '9')
				v |= (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v |= (unsigned)(c - 'a' + 10);
			else
				fail_msg("bad hex digit in expected value");
		}
		out[i] = (uint8_t)v;
	}
}

static void assert_digest(const uint8_t got[32], const char *expected_hex)
{
	uint8_t want[32];
	assert_int_equal(strlen(expected_hex), 64);
	hex_to_bytes(expected_hex, want, sizeof want);
	assert_memory_equal(got, want, 32);
}

static void abc_matches_fips_example(void **state)
{
	(void)state;
	uint8_t d[32];
	sha256("abc", 3, d);
	assert_digest(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void two_block_448_bit_message_matches_fips_example(void **state)
{
	(void)state;
	static const char msg[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	uint8_t d[32];
	assert_int_equal(strlen(msg), 56);
	sha256(msg, strlen(msg), d);
	assert_digest(d, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void one_million_a_matches_fips_example(void **state)
{
	(void)state;
	uint8_t chunk[1000];
	uint8_t d[32];
	struct sha256_ctx ctx;
	memset(chunk, 'a', sizeof chunk);
	sha256_init(&ctx);
	for (int i = 0; i < 1000; i++)
		sha256_update(&ctx, chunk, sizeof chunk);
	sha256_final(&ctx, d);
	assert_digest(d, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void empty_message_matches_known_digest(void **state)
{
	(void)state;
	uint8_t d[32];
	sha256("", 0, d);
	assert_digest(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* 896-bit message of the NIST examples (two full blocks of data plus a padding block). */
static void long_896_bit_message_matches_nist_example(void **state)
{
	(void)state;
	static const char msg[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	                          "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	uint8_t d[32];
	assert_int_equal(strlen(msg), 112);
	sha256(msg, strlen(msg), d);
	assert_digest(d, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* Lengths where the 0x80 byte and the 64-bit length just fit, or just do not fit, in the
 * last block (55/56 mod 64): 'a' repeated n times, digests from an independent SHA-256. */
static void padding_boundary_lengths_match_known_digests(void **state)
{
	(void)state;
	static const struct {
		size_t len;
		const char *hex;
	} vec[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
	};
	uint8_t msg[128];
	uint8_t d[32];
	memset(msg, 'a', sizeof msg);
	for (size_t i = 0; i < sizeof vec / sizeof vec[0]; i++) {
		sha256(msg, vec[i].len, d);
		assert_digest(d, vec[i].hex);
	}
}

/* Every split point and a three-way split of a message spanning several blocks. */
static void incremental_updates_at_every_split_equal_one_shot(void **state)
{
	(void)state;
	uint8_t msg[200];
	uint8_t want[32], got[32];
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(i * 7u + 3u);

	for (size_t len = 0; len <= sizeof msg; len += 1) {
		sha256(msg, len, want);
		for (size_t cut = 0; cut <= len; cut++) {
			struct sha256_ctx ctx;
			sha256_init(&ctx);
			sha256_update(&ctx, msg, cut);
			sha256_update(&ctx, msg + cut, len - cut);
			sha256_final(&ctx, got);
			assert_memory_equal(got, want, 32);
		}
	}
}

static void byte_at_a_time_updates_equal_one_shot(void **state)
{
	(void)state;
	uint8_t msg[300];
	uint8_t want[32], got[32];
	struct sha256_ctx ctx;
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(255u - i);
	sha256(msg, sizeof msg, want);
	sha256_init(&ctx);
	for (size_t i = 0; i < sizeof msg; i++)
		sha256_update(&ctx, msg + i, 1);
	sha256_final(&ctx, got);
	assert_memory_equal(got, want, 32);
}

static void different_messages_give_different_digests(void **state)
{
	(void)state;
	uint8_t a[32], b[32];
	sha256("abc", 3, a);
	sha256("abd", 3, b);
	assert_memory_not_equal(a, b, 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(abc_matches_fips_example),
		cmocka_unit_test(two_block_448_bit_message_matches_fips_example),
		cmocka_unit_test(one_million_a_matches_fips_example),
		cmocka_unit_test(empty_message_matches_known_digest),
		cmocka_unit_test(long_896_bit_message_matches_nist_example),
		cmocka_unit_test(padding_boundary_lengths_match_known_digests),
		cmocka_unit_test(incremental_updates_at_every_split_equal_one_shot),
		cmocka_unit_test(byte_at_a_time_updates_equal_one_shot),
		cmocka_unit_test(different_messages_give_different_digests),
	};
	return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
