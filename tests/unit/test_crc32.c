/* CRC-32 (IEEE 802.3): check value, known vectors, incremental == one-shot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crc32.h"

static void check_string_123456789_gives_cbf43926(void **state)
{
	(void)state;
	assert_int_equal(crc32("123456789", 9), 0xCBF43926u);
	assert_int_equal(crc32("123456789", 9), CRC32_CHECK_VALUE);
}

static void empty_input_gives_zero(void **state)
{
	(void)state;
	assert_int_equal(crc32("", 0), 0u);
	assert_int_equal(crc32_update(0x12345678u, "", 0), 0x12345678u);
}

/* Known values of the same CRC (zlib crc32 / Python binascii.crc32). */
static void known_vectors_match_zlib(void **state)
{
	(void)state;
	static const uint8_t zero4[4] = { 0, 0, 0, 0 };
	static const uint8_t ones4[4] = { 0xff, 0xff, 0xff, 0xff };
	assert_int_equal(crc32("a", 1), 0xE8B7BE43u);
	assert_int_equal(crc32("The quick brown fox jumps over the lazy dog", 43), 0x414FA339u);
	assert_int_equal(crc32(zero4, 4), 0x2144DF1Cu);
	assert_int_equal(crc32(ones4, 4), 0xFFFFFFFFu);
}

static void incremental_updates_at_every_split_equal_one_shot(void **state)
{
	(void)state;
	uint8_t msg[97];
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(i * 31u + 1u);
	uint32_t want = crc32(msg, sizeof msg);
	for (size_t cut = 0; cut <= sizeof msg; cut++) {
		uint32_t c = crc32_update(0, msg, cut);
		c = crc32_update(c, msg + cut, sizeof msg - cut);
		assert_int_equal(c, want);
	}
}

static void every_single_bit_flip_changes_the_crc(void **state)
{
	(void)state;
	uint8_t msg[124];
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)i;
	uint32_t good = crc32(msg, sizeof msg);
	for (size_t bit = 0; bit < 8 * sizeof msg; bit++) {
		msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		assert_int_not_equal(crc32(msg, sizeof msg), good);
		msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_string_123456789_gives_cbf43926),
		cmocka_unit_test(empty_input_gives_zero),
		cmocka_unit_test(known_vectors_match_zlib),
		cmocka_unit_test(incremental_updates_at_every_split_equal_one_shot),
		cmocka_unit_test(every_single_bit_flip_changes_the_crc),
	};
	return cmocka_run_group_tests_name("crc32", tests, NULL, NULL);
}
