/* The image header: one test per check of image_parse_header / image_check_placement /
 * image_verify_payload / image_check_raw_vectors and per error code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crc32.h"
#include "image.h"
#include "sha256.h"

/* A QSPI XiP set-up like the H743I-EVAL: flash mapped at 0x90000000, image at its start. */
#define QSPI_BASE   0x90000000u
#define QSPI_SIZE   0x04000000u /* 64 MiB */
#define STORE_SIZE  0x00100000u /* 1 MiB partition for the image */
#define DTCM_BASE   0x20000000u
#define DTCM_SIZE   0x00020000u
#define AXI_BASE    0x24000000u
#define AXI_SIZE    0x00080000u
#define SDRAM_BASE  0xD0000000u
#define SDRAM_SIZE  0x02000000u
#define PAYLOAD_LEN 0x800u

static uint8_t g_payload[PAYLOAD_LEN];

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Valid XiP header for g_payload, finalized. */
static struct image_header xip_header(void)
{
	struct image_header h;
	uint32_t load = QSPI_BASE + IMAGE_HEADER_SIZE_DEFAULT;

	for (unsigned i = 0; i < PAYLOAD_LEN; i++)
		g_payload[i] = (uint8_t)(i * 13u + 5u);
	put32(g_payload + 0, AXI_BASE + AXI_SIZE);
	put32(g_payload + 4, load + 0x201u);

	memset(&h, 0, sizeof h);
	h.magic = IMAGE_MAGIC;
	h.header_version = IMAGE_HEADER_VERSION;
	h.header_size = IMAGE_HEADER_SIZE_DEFAULT;
	h.image_size = PAYLOAD_LEN;
	h.load_addr = load;
	h.entry = load + 0x201u;
	h.initial_sp = AXI_BASE + AXI_SIZE;
	h.vtor_offset = 0;
	h.version = IMAGE_VERSION(1, 2, 3);
	h.flags = IMAGE_FLAG_XIP;
	sha256(g_payload, PAYLOAD_LEN, h.payload_sha256);
	image_header_finalize(&h);
	return h;
}

static struct image_limits xip_limits(void)
{
	struct image_limits lim;
	memset(&lim, 0, sizeof lim);
	lim.store_size = STORE_SIZE;
	lim.xip_base = QSPI_BASE;
	lim.max_image_size = STORE_SIZE;
	lim.code.base = QSPI_BASE;
	lim.code.size = QSPI_SIZE;
	lim.boot_ram[0].base = DTCM_BASE;
	lim.boot_ram[0].size = DTCM_SIZE;
	lim.n_boot_ram = 1;
	lim.sp_ram[0].base = DTCM_BASE;
	lim.sp_ram[0].size = DTCM_SIZE;
	lim.sp_ram[1].base = AXI_BASE;
	lim.sp_ram[1].size = AXI_SIZE;
	lim.n_sp_ram = 2;
	return lim;
}

/* Parsed info of the valid XiP header, for placement tests that edit one field. */
static struct image_info xip_info(void)
{
	struct image_header h = xip_header();
	struct image_info info;
	assert_int_equal(image_parse_header(&h, sizeof h, &info), IMAGE_OK);
	return info;
}

/* Re-finalize after editing a field, then parse. */
static int parse_edited(struct image_header *h)
{
	struct image_info info;
	image_header_finalize(h);
	return image_parse_header(h, sizeof *h, &info);
}

/* ---- header layout and finalize ---- */

static void header_magic_reads_exmb_in_storage_order(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	assert_memory_equal(&h, "EXMB", 4);
}

static void finalize_stores_crc_of_all_bytes_before_the_crc_field(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	const uint8_t *b = (const uint8_t *)&h;
	uint32_t want = crc32(b, 0x7C);
	assert_int_equal(b[0x7C] | (b[0x7D] << 8) | (b[0x7E] << 16) | ((uint32_t)b[0x7F] << 24), want);
}

/* ---- image_parse_header ---- */

static void valid_header_parses_with_every_field(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	struct image_info info;
	assert_int_equal(image_parse_header(&h, sizeof h, &info), IMAGE_OK);
	assert_int_equal(info.header_version, 1);
	assert_int_equal(info.header_size, 0x400);
	assert_int_equal(info.image_size, PAYLOAD_LEN);
	assert_int_equal(info.load_addr, QSPI_BASE + 0x400u);
	assert_int_equal(info.entry, QSPI_BASE + 0x400u + 0x201u);
	assert_int_equal(info.initial_sp, AXI_BASE + AXI_SIZE);
	assert_int_equal(info.vtor_offset, 0);
	assert_int_equal(info.version, 0x01020003u);
	assert_int_equal(info.flags, IMAGE_FLAG_XIP);
	assert_memory_equal(info.payload_sha256, h.payload_sha256, 32);
}

static void header_at_unaligned_address_parses(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	uint8_t buf[sizeof h + 1];
	struct image_info info;
	memcpy(buf + 1, &h, sizeof h);
	assert_int_equal(image_parse_header(buf + 1, sizeof h, &info), IMAGE_OK);
	assert_int_equal(info.load_addr, h.load_addr);
}

static void parse_needs_only_the_header_bytes_not_the_payload(void **state)
{
	(void)state;
	/* header_size is 1 KiB, but the 128 header bytes are all the parser may read. */
	struct image_header h = xip_header();
	uint8_t *exact = malloc(sizeof h);
	struct image_info info;
	assert_non_null(exact);
	memcpy(exact, &h, sizeof h);
	assert_int_equal(image_parse_header(exact, sizeof h, &info), IMAGE_OK);
	free(exact);
}

static void null_arguments_are_rejected(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	assert_int_equal(image_parse_header(NULL, sizeof h, &info), IMAGE_E_ARG);
	assert_int_equal(image_parse_header(&h, sizeof h, NULL), IMAGE_E_ARG);
	assert_int_equal(image_check_placement(NULL, &lim), IMAGE_E_ARG);
	assert_int_equal(image_check_placement(&info, NULL), IMAGE_E_ARG);
	assert_int_equal(image_verify_payload(NULL, g_payload), IMAGE_E_ARG);
	assert_int_equal(image_verify_payload(&info, NULL), IMAGE_E_ARG);
	assert_int_equal(image_check_raw_vectors(AXI_BASE + 8u, QSPI_BASE + 1u, NULL), IMAGE_E_ARG);
}

static void buffer_shorter_than_magic_is_truncated(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	struct image_info info;
	for (size_t n = 0; n < 4; n++)
		assert_int_equal(image_parse_header(&h, n, &info), IMAGE_E_TRUNCATED);
}

/* Each length from 4 to 127 in a heap block of exactly that size: ASan proves no read past it. */
static void buffer_shorter_than_header_is_truncated_without_overread(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	struct image_info info;
	for (size_t n = 4; n < sizeof h; n++) {
		uint8_t *exact = malloc(n);
		assert_non_null(exact);
		memcpy(exact, &h, n);
		assert_int_equal(image_parse_header(exact, n, &info), IMAGE_E_TRUNCATED);
		free(exact);
	}
}

static void wrong_magic_is_rejected_before_crc(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	struct image_info info;
	h.magic = 0x424D5846u; /* CRC is now also wrong; magic must be what is reported */
	assert_int_equal(image_parse_header(&h, sizeof h, &info), IMAGE_E_MAGIC);
	/* Even a short buffer with a bad magic says "not an image", not "truncated". */
	assert_int_equal(image_parse_header(&h, 8, &info), IMAGE_E_MAGIC);
}

static void erased_flash_is_rejected_as_bad_magic(void **state)
{
	(void)state;
	uint8_t erased[sizeof(struct image_header)];
	struct image_info info;
	memset(erased, 0xFF, sizeof erased);
	assert_int_equal(image_parse_header(erased, sizeof erased, &info), IMAGE_E_MAGIC);
}

static void header_with_one_flipped_bit_is_rejected_by_crc(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	uint8_t *b = (uint8_t *)&h;
	struct image_info info;
	/* Every bit after the magic, the CRC field included. */
	for (size_t bit = 32; bit < 8 * sizeof h; bit++) {
		b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		assert_int_equal(image_parse_header(&h, sizeof h, &info), IMAGE_E_HEADER_CRC);
		b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	assert_int_equal(image_parse_header(&h, sizeof h, &info), IMAGE_OK);
}

static void unsupported_header_version_is_rejected(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	h.header_version = 2;
	assert_int_equal(parse_edited(&h), IMAGE_E_HEADER_VERSION);
	h.header_version = 0;
	assert_int_equal(parse_edited(&h), IMAGE_E_HEADER_VERSION);
}

static void header_size_smaller_than_the_struct_is_rejected(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	h.header_size = sizeof h - 4u;
	assert_int_equal(parse_edited(&h), IMAGE_E_HEADER_SIZE);
	h.header_size = 0;
	assert_int_equal(parse_edited(&h), IMAGE_E_HEADER_SIZE);
}

static void header_size_not_a_multiple_of_4_is_rejected(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	h.header_size = 0x402;
	assert_int_equal(parse_edited(&h), IMAGE_E_HEADER_SIZE);
}

static void header_size_at_the_bounds_is_accepted(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	h.header_size = sizeof h;
	assert_int_equal(parse_edited(&h), IMAGE_OK);
	h.header_size = 0xFFFCu; /* largest multiple of 4 the u16 field holds, below 64 KiB */
	assert_int_equal(parse_edited(&h), IMAGE_OK);
}

static void zero_image_size_is_rejected(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	h.image_size = 0;
	assert_int_equal(parse_edited(&h), IMAGE_E_EMPTY);
}

static void unknown_flag_bits_are_rejected(void **state)
{
	(void)state;
	struct image_header h = xip_header();
	h.flags = IMAGE_FLAG_XIP | (1u << 31);
	assert_int_equal(parse_edited(&h), IMAGE_E_FLAGS);
	h.flags = 2u;
	assert_int_equal(parse_edited(&h), IMAGE_E_FLAGS);
}

/* ---- image_check_placement ---- */

static void valid_xip_image_passes_placement(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
}

static void valid_ram_image_copied_to_sdram_passes_placement(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.flags = 0;
	info.load_addr = SDRAM_BASE;
	info.entry = SDRAM_BASE + 0x301u;
	lim.xip_base = 0; /* an SD card or SPI-NOR: not memory-mapped */
	lim.code.base = SDRAM_BASE;
	lim.code.size = SDRAM_SIZE;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
}

static void image_above_max_image_size_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	lim.max_image_size = PAYLOAD_LEN - 1u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_TOO_BIG);
	lim.max_image_size = PAYLOAD_LEN;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
	lim.max_image_size = 0; /* no limit */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
}

static void image_one_byte_larger_than_store_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	lim.store_size = 0x400u + PAYLOAD_LEN - 1u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_STORE);
	lim.store_size = 0x400u + PAYLOAD_LEN;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
}

static void header_plus_image_size_wrapping_u32_is_rejected_by_store(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	/* 0x400 + 0xFFFFFD00 = 0x100 in 32 bits: would "fit" a 1 MiB store if it wrapped. */
	info.image_size = 0xFFFFFD00u;
	lim.max_image_size = 0;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_STORE);
}

static void load_range_below_code_area_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	lim.code.base = info.load_addr + 4u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_CODE_AREA);
}

static void load_range_past_code_area_end_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	lim.code.size = 0x400u + PAYLOAD_LEN - 1u; /* payload ends one byte beyond */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_CODE_AREA);
	lim.code.size = 0x400u + PAYLOAD_LEN;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
}

static void load_range_wrapping_past_4_gib_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	/* 0xFFFFFF00 + 0x200 = 0x100 in 32 bits: looks like it ends inside the area. */
	info.flags = 0;
	info.load_addr = 0xFFFFFF00u;
	info.image_size = 0x200u;
	info.entry = 0xFFFFFF01u;
	lim.code.base = 0xFFFFF000u;
	lim.code.size = 0x00000FFFu;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_CODE_AREA);
}

static void code_area_ending_at_4_gib_is_handled_without_overflow(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.flags = 0;
	info.load_addr = 0xFFFFF000u;
	info.image_size = 0x1000u;
	info.entry = 0xFFFFF101u;
	lim.code.base = 0xFFFF0000u;
	lim.code.size = 0xFFFFu; /* ends at 0xFFFFFFFF: payload's last byte is one past it */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_CODE_AREA);
	info.image_size = 0xFFFu;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
}

static void load_range_overlapping_boot_ram_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.flags = 0;
	lim.code.base = DTCM_BASE;
	lim.code.size = 0x00100000u;
	lim.boot_ram[1].base = DTCM_BASE + 0x8000u; /* the boot owns [32 KiB, 48 KiB) */
	lim.boot_ram[1].size = 0x4000u;
	lim.n_boot_ram = 2;
	lim.boot_ram[0].size = 0;                    /* empty ranges never overlap */

	const uint32_t b = DTCM_BASE + 0x8000u, e = b + 0x4000u;
	const uint32_t cases[][2] = {
		{ b - PAYLOAD_LEN + 1u, 1 }, /* last payload byte on the boot's first byte */
		{ e - 1u, 1 },               /* first payload byte on the boot's last byte */
		{ b + 0x100u, 1 },           /* payload inside the boot's RAM */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		info.load_addr = cases[i][0];
		info.entry = info.load_addr + 0x101u;
		assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_BOOT_RAM);
	}
	/* Payload covering the boot's RAM entirely. */
	info.load_addr = b - 0x400u;
	info.image_size = 0x8000u;
	info.entry = info.load_addr + 0x101u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_BOOT_RAM);
}

static void load_range_adjacent_to_boot_ram_is_accepted(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.flags = 0;
	lim.code.base = DTCM_BASE;
	lim.code.size = 0x00100000u;
	lim.boot_ram[0].base = DTCM_BASE + 0x8000u;
	lim.boot_ram[0].size = 0x4000u;
	info.load_addr = DTCM_BASE + 0x8000u - PAYLOAD_LEN; /* ends right where the boot starts */
	info.entry = info.load_addr + 1u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
	info.load_addr = DTCM_BASE + 0xC000u; /* starts right where the boot ends */
	info.entry = info.load_addr + 1u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
}

static void entry_below_the_image_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.entry = info.load_addr - 1u; /* Thumb address of the halfword before the payload */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_ENTRY_RANGE);
}

static void entry_at_the_image_end_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.entry = (info.load_addr + info.image_size) | 1u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_ENTRY_RANGE);
	info.entry = (info.load_addr + info.image_size - 2u) | 1u; /* last halfword: fine */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
}

static void entry_in_an_image_ending_at_4_gib_is_checked_without_wrapping(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	/* The payload's end, 0xFFFFFF00 + 0x100, is 0 in 32 bits. */
	info.flags = 0;
	info.load_addr = 0xFFFFFF00u;
	info.image_size = 0x100u;
	lim.code.base = 0xFFFFF000u;
	lim.code.size = 0x1000u;
	info.entry = 0xFFFFFF11u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
	info.entry = 0xFFFFFFFFu; /* Thumb address 0xFFFFFFFE: last halfword of the payload */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
	info.entry = 0x00000011u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_ENTRY_RANGE);
}

static void entry_without_thumb_bit_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.entry &= ~1u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_ENTRY_THUMB);
}

static void zero_initial_sp_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.initial_sp = 0;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_SP_ZERO);
}

static void initial_sp_not_8_byte_aligned_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.initial_sp = AXI_BASE + AXI_SIZE - 4u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_SP_ALIGN);
}

static void initial_sp_outside_the_given_ram_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.initial_sp = AXI_BASE + AXI_SIZE + 8u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_SP_RANGE);
	info.initial_sp = AXI_BASE; /* empty stack at the range start: nothing below it */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_SP_RANGE);
	lim.n_sp_ram = 0; /* no RAM list given: only alignment is checked */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
}

static void vector_table_offset_past_the_payload_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.vtor_offset = PAYLOAD_LEN;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_VTOR_RANGE);
	info.vtor_offset = PAYLOAD_LEN - 4u; /* SP word fits, reset word would not */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_VTOR_RANGE);
	info.vtor_offset = 0xFFFFFF80u; /* offset + 8 wraps in 32 bits */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_VTOR_RANGE);
}

static void vector_table_not_128_byte_aligned_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	info.vtor_offset = 0x40u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_VTOR_ALIGN);
	info.vtor_offset = 0x80u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_OK);
	/* An aligned offset in a payload loaded at an unaligned address is still misplaced. */
	info.flags = 0;
	info.vtor_offset = 0;
	info.load_addr += 0x40u;
	info.entry += 0x40u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_VTOR_ALIGN);
}

static void xip_image_in_a_store_that_is_not_mapped_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	lim.xip_base = 0;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_XIP_STORE);
}

static void xip_image_linked_for_another_address_is_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	lim.xip_base = QSPI_BASE + 0x10000u; /* image stored at 64 KiB, linked for offset 0 */
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_XIP_ADDR);
}

static void limits_with_too_many_ranges_are_rejected(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	struct image_limits lim = xip_limits();
	lim.n_boot_ram = IMAGE_MAX_RANGES + 1u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_LIMITS);
	lim = xip_limits();
	lim.n_sp_ram = IMAGE_MAX_RANGES + 1u;
	assert_int_equal(image_check_placement(&info, &lim), IMAGE_E_LIMITS);
	assert_int_equal(image_check_raw_vectors(AXI_BASE + 8u, QSPI_BASE + 1u, &lim), IMAGE_E_LIMITS);
}

/* ---- image_verify_payload ---- */

static void intact_payload_passes_sha256(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	assert_int_equal(image_verify_payload(&info, g_payload), IMAGE_OK);
}

static void payload_with_one_flipped_bit_fails_sha256(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	const size_t where[] = { 0, 1, PAYLOAD_LEN / 2, PAYLOAD_LEN - 1 };
	for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
		g_payload[where[i]] ^= 0x10u;
		assert_int_equal(image_verify_payload(&info, g_payload), IMAGE_E_SHA);
		g_payload[where[i]] ^= 0x10u;
	}
	assert_int_equal(image_verify_payload(&info, g_payload), IMAGE_OK);
}

static void header_digest_with_one_flipped_bit_fails_sha256(void **state)
{
	(void)state;
	struct image_info info = xip_info();
	info.payload_sha256[31] ^= 1u;
	assert_int_equal(image_verify_payload(&info, g_payload), IMAGE_E_SHA);
}

/* ---- image_check_raw_vectors ---- */

static void raw_binary_with_valid_vectors_is_accepted(void **state)
{
	(void)state;
	struct image_limits lim = xip_limits();
	assert_int_equal(image_check_raw_vectors(AXI_BASE + AXI_SIZE, QSPI_BASE + 0x199u, &lim),
	                 IMAGE_OK);
}

static void raw_erased_flash_is_reported_as_no_image(void **state)
{
	(void)state;
	struct image_limits lim = xip_limits();
	assert_int_equal(image_check_raw_vectors(0xFFFFFFFFu, 0xFFFFFFFFu, &lim), IMAGE_E_ERASED);
	/* Only the SP word erased is not "erased flash": it is a broken vector table. */
	assert_int_equal(image_check_raw_vectors(0xFFFFFFFFu, QSPI_BASE + 1u, &lim), IMAGE_E_SP_ALIGN);
}

static void raw_zero_sp_is_rejected(void **state)
{
	(void)state;
	struct image_limits lim = xip_limits();
	assert_int_equal(image_check_raw_vectors(0, QSPI_BASE + 1u, &lim), IMAGE_E_SP_ZERO);
}

static void raw_misaligned_sp_is_rejected(void **state)
{
	(void)state;
	struct image_limits lim = xip_limits();
	assert_int_equal(image_check_raw_vectors(AXI_BASE + 0x104u, QSPI_BASE + 1u, &lim),
	                 IMAGE_E_SP_ALIGN);
}

static void raw_sp_outside_ram_is_rejected(void **state)
{
	(void)state;
	struct image_limits lim = xip_limits();
	assert_int_equal(image_check_raw_vectors(QSPI_BASE + 0x1000u, QSPI_BASE + 1u, &lim),
	                 IMAGE_E_SP_RANGE);
}

static void raw_reset_outside_code_area_is_rejected(void **state)
{
	(void)state;
	struct image_limits lim = xip_limits();
	assert_int_equal(image_check_raw_vectors(AXI_BASE + 8u, 0x08000001u, &lim),
	                 IMAGE_E_ENTRY_RANGE);
	assert_int_equal(image_check_raw_vectors(AXI_BASE + 8u, QSPI_BASE + QSPI_SIZE + 1u, &lim),
	                 IMAGE_E_ENTRY_RANGE);
}

static void raw_reset_without_thumb_bit_is_rejected(void **state)
{
	(void)state;
	struct image_limits lim = xip_limits();
	assert_int_equal(image_check_raw_vectors(AXI_BASE + 8u, QSPI_BASE + 0x100u, &lim),
	                 IMAGE_E_ENTRY_THUMB);
}

/* ---- image_strerror ---- */

static void every_error_code_has_its_own_one_line_message(void **state)
{
	(void)state;
	const char *unknown = image_strerror(1000);
	assert_string_equal(unknown, "unknown error");
	for (int e = IMAGE_E_ARG; e >= IMAGE_E_LAST; e--) {
		const char *m = image_strerror(e);
		assert_non_null(m);
		assert_true(strlen(m) > 0);
		assert_null(strchr(m, '\n'));
		assert_string_not_equal(m, unknown);
		for (int other = IMAGE_E_ARG; other > e; other--)
			assert_string_not_equal(m, image_strerror(other));
	}
	assert_string_equal(image_strerror(IMAGE_E_LAST - 1), "unknown error");
}

static void key_error_messages_read_as_documented(void **state)
{
	(void)state;
	assert_string_equal(image_strerror(IMAGE_E_MAGIC), "bad magic: not an extmem image");
	assert_string_equal(image_strerror(IMAGE_E_HEADER_CRC), "header CRC mismatch");
	assert_string_equal(image_strerror(IMAGE_E_HEADER_VERSION), "unsupported header version");
	assert_string_equal(image_strerror(IMAGE_E_STORE), "image larger than the store");
	assert_string_equal(image_strerror(IMAGE_E_CODE_AREA), "load range outside the code area");
	assert_string_equal(image_strerror(IMAGE_E_BOOT_RAM), "load range overlaps the boot's RAM");
	assert_string_equal(image_strerror(IMAGE_E_ENTRY_RANGE), "entry point outside the image");
	assert_string_equal(image_strerror(IMAGE_E_SHA), "payload SHA-256 mismatch");
	assert_string_equal(image_strerror(IMAGE_E_ERASED), "no image: erased flash");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_magic_reads_exmb_in_storage_order),
		cmocka_unit_test(finalize_stores_crc_of_all_bytes_before_the_crc_field),
		cmocka_unit_test(valid_header_parses_with_every_field),
		cmocka_unit_test(header_at_unaligned_address_parses),
		cmocka_unit_test(parse_needs_only_the_header_bytes_not_the_payload),
		cmocka_unit_test(null_arguments_are_rejected),
		cmocka_unit_test(buffer_shorter_than_magic_is_truncated),
		cmocka_unit_test(buffer_shorter_than_header_is_truncated_without_overread),
		cmocka_unit_test(wrong_magic_is_rejected_before_crc),
		cmocka_unit_test(erased_flash_is_rejected_as_bad_magic),
		cmocka_unit_test(header_with_one_flipped_bit_is_rejected_by_crc),
		cmocka_unit_test(unsupported_header_version_is_rejected),
		cmocka_unit_test(header_size_smaller_than_the_struct_is_rejected),
		cmocka_unit_test(header_size_not_a_multiple_of_4_is_rejected),
		cmocka_unit_test(header_size_at_the_bounds_is_accepted),
		cmocka_unit_test(zero_image_size_is_rejected),
		cmocka_unit_test(unknown_flag_bits_are_rejected),
		cmocka_unit_test(valid_xip_image_passes_placement),
		cmocka_unit_test(valid_ram_image_copied_to_sdram_passes_placement),
		cmocka_unit_test(image_above_max_image_size_is_rejected),
		cmocka_unit_test(image_one_byte_larger_than_store_is_rejected),
		cmocka_unit_test(header_plus_image_size_wrapping_u32_is_rejected_by_store),
		cmocka_unit_test(load_range_below_code_area_is_rejected),
		cmocka_unit_test(load_range_past_code_area_end_is_rejected),
		cmocka_unit_test(load_range_wrapping_past_4_gib_is_rejected),
		cmocka_unit_test(code_area_ending_at_4_gib_is_handled_without_overflow),
		cmocka_unit_test(load_range_overlapping_boot_ram_is_rejected),
		cmocka_unit_test(load_range_adjacent_to_boot_ram_is_accepted),
		cmocka_unit_test(entry_below_the_image_is_rejected),
		cmocka_unit_test(entry_at_the_image_end_is_rejected),
		cmocka_unit_test(entry_in_an_image_ending_at_4_gib_is_checked_without_wrapping),
		cmocka_unit_test(entry_without_thumb_bit_is_rejected),
		cmocka_unit_test(zero_initial_sp_is_rejected),
		cmocka_unit_test(initial_sp_not_8_byte_aligned_is_rejected),
		cmocka_unit_test(initial_sp_outside_the_given_ram_is_rejected),
		cmocka_unit_test(vector_table_offset_past_the_payload_is_rejected),
		cmocka_unit_test(vector_table_not_128_byte_aligned_is_rejected),
		cmocka_unit_test(xip_image_in_a_store_that_is_not_mapped_is_rejected),
		cmocka_unit_test(xip_image_linked_for_another_address_is_rejected),
		cmocka_unit_test(limits_with_too_many_ranges_are_rejected),
		cmocka_unit_test(intact_payload_passes_sha256),
		cmocka_unit_test(payload_with_one_flipped_bit_fails_sha256),
		cmocka_unit_test(header_digest_with_one_flipped_bit_fails_sha256),
		cmocka_unit_test(raw_binary_with_valid_vectors_is_accepted),
		cmocka_unit_test(raw_erased_flash_is_reported_as_no_image),
		cmocka_unit_test(raw_zero_sp_is_rejected),
		cmocka_unit_test(raw_misaligned_sp_is_rejected),
		cmocka_unit_test(raw_sp_outside_ram_is_rejected),
		cmocka_unit_test(raw_reset_outside_code_area_is_rejected),
		cmocka_unit_test(raw_reset_without_thumb_bit_is_rejected),
		cmocka_unit_test(every_error_code_has_its_own_one_line_message),
		cmocka_unit_test(key_error_messages_read_as_documented),
	};
	return cmocka_run_group_tests_name("image", tests, NULL, NULL);
}
