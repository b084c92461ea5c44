/* Image header parsing and checks. Reads the header byte by byte in little-endian order,
 * so the input buffer may be unaligned (a header streamed into any buffer, or flash). */
#include "image.h"

#include <stdbool.h>
#include <string.h>

#include "crc32.h"

#define HDR_OFF_MAGIC          0x00u
#define HDR_OFF_HEADER_VERSION 0x04u
#define HDR_OFF_HEADER_SIZE    0x06u
#define HDR_OFF_IMAGE_SIZE     0x08u
#define HDR_OFF_LOAD_ADDR      0x0Cu
#define HDR_OFF_ENTRY          0x10u
#define HDR_OFF_INITIAL_SP     0x14u
#define HDR_OFF_VTOR_OFFSET    0x18u
#define HDR_OFF_VERSION        0x1Cu
#define HDR_OFF_FLAGS          0x20u
#define HDR_OFF_SHA256         0x24u
#define HDR_OFF_HEADER_CRC     0x7Cu

/* The byte offsets above are those of the struct: keep one layout. */
_Static_assert(HDR_OFF_HEADER_SIZE == offsetof(struct image_header, header_size), "layout");
_Static_assert(HDR_OFF_SHA256 == offsetof(struct image_header, payload_sha256), "layout");
_Static_assert(HDR_OFF_HEADER_CRC == offsetof(struct image_header, header_crc), "layout");
_Static_assert(HDR_OFF_HEADER_CRC + 4u == sizeof(struct image_header), "CRC is the last field");

/* Two vector table words (SP, reset) must exist wherever the table is said to be. */
#define IMAGE_VTOR_MIN_BYTES 8u
#define IMAGE_THUMB_BIT      1u
#define IMAGE_ERASED_WORD    0xFFFFFFFFu

static uint32_t rd16(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

/* [a, a+alen) inside [b, b+blen); empty inner ranges are never "inside". */
static bool range_inside(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen != 0u && a >= b && a + alen <= b + blen;
}

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen != 0u && blen != 0u && a < b + blen && b < a + alen;
}

/* Initial SP is a full-descending stack top: it may equal the end of the range. */
static bool sp_in_ram(uint32_t sp, const struct image_limits *lim)
{
	for (unsigned i = 0; i < lim->n_sp_ram; i++) {
		uint64_t base = lim->sp_ram[i].base;
		uint64_t end = base + lim->sp_ram[i].size;
		if (lim->sp_ram[i].size != 0u && sp > base && sp <= end)
			return true;
	}
	return false;
}

int image_parse_header(const void *buf, size_t avail, struct image_info *out)
{
	const uint8_t *p = buf;

	if (buf == NULL || out == NULL)
		return IMAGE_E_ARG;
	if (avail < sizeof(uint32_t))
		return IMAGE_E_TRUNCATED;
	if (rd32(p + HDR_OFF_MAGIC) != IMAGE_MAGIC)
		return IMAGE_E_MAGIC;
	if (avail < sizeof(struct image_header))
		return IMAGE_E_TRUNCATED;
	if (crc32(p, HDR_OFF_HEADER_CRC) != rd32(p + HDR_OFF_HEADER_CRC))
		return IMAGE_E_HEADER_CRC;

	uint32_t hver = rd16(p + HDR_OFF_HEADER_VERSION);
	if (hver != IMAGE_HEADER_VERSION)
		return IMAGE_E_HEADER_VERSION;

	uint32_t hsize = rd16(p + HDR_OFF_HEADER_SIZE);
	if (hsize < sizeof(struct image_header) || hsize > IMAGE_HEADER_SIZE_MAX || (hsize & 3u) != 0u)
		return IMAGE_E_HEADER_SIZE;

	uint32_t isize = rd32(p + HDR_OFF_IMAGE_SIZE);
	if (isize == 0u)
		return IMAGE_E_EMPTY;

	uint32_t flags = rd32(p + HDR_OFF_FLAGS);
	if ((flags & ~IMAGE_FLAGS_KNOWN) != 0u)
		return IMAGE_E_FLAGS;

	out->header_version = hver;
	out->header_size = hsize;
	out->image_size = isize;
	out->load_addr = rd32(p + HDR_OFF_LOAD_ADDR);
	out->entry = rd32(p + HDR_OFF_ENTRY);
	out->initial_sp = rd32(p + HDR_OFF_INITIAL_SP);
	out->vtor_offset = rd32(p + HDR_OFF_VTOR_OFFSET);
	out->version = rd32(p + HDR_OFF_VERSION);
	out->flags = flags;
	memcpy(out->payload_sha256, p + HDR_OFF_SHA256, SHA256_DIGEST_SIZE);
	return IMAGE_OK;
}

int image_check_placement(const struct image_info *info, const struct image_limits *lim)
{
	if (info == NULL || lim == NULL)
		return IMAGE_E_ARG;
	if (lim->n_boot_ram > IMAGE_MAX_RANGES || lim->n_sp_ram > IMAGE_MAX_RANGES)
		return IMAGE_E_LIMITS;

	const uint64_t load = info->load_addr;
	const uint64_t size = info->image_size;

	if (lim->max_image_size != 0u && size > lim->max_image_size)
		return IMAGE_E_TOO_BIG;
	if ((uint64_t)info->header_size + size > lim->store_size)
		return IMAGE_E_STORE;
	if (!range_inside(load, size, lim->code.base, lim->code.size))
		return IMAGE_E_CODE_AREA;
	for (unsigned i = 0; i < lim->n_boot_ram; i++) {
		if (ranges_overlap(load, size, lim->boot_ram[i].base, lim->boot_ram[i].size))
			return IMAGE_E_BOOT_RAM;
	}

	const uint64_t entry_addr = info->entry & ~(uint32_t)IMAGE_THUMB_BIT;
	if (entry_addr < load || entry_addr >= load + size)
		return IMAGE_E_ENTRY_RANGE;
	if ((info->entry & IMAGE_THUMB_BIT) == 0u)
		return IMAGE_E_ENTRY_THUMB;

	if (info->initial_sp == 0u)
		return IMAGE_E_SP_ZERO;
	if ((info->initial_sp & (IMAGE_SP_ALIGN - 1u)) != 0u)
		return IMAGE_E_SP_ALIGN;
	if (lim->n_sp_ram != 0u && !sp_in_ram(info->initial_sp, lim))
		return IMAGE_E_SP_RANGE;

	if ((uint64_t)info->vtor_offset + IMAGE_VTOR_MIN_BYTES > size)
		return IMAGE_E_VTOR_RANGE;
	/* VTOR gets the absolute address; it is what must be aligned. */
	if (((load + info->vtor_offset) & (IMAGE_VTOR_ALIGN - 1u)) != 0u)
		return IMAGE_E_VTOR_ALIGN;

	if ((info->flags & IMAGE_FLAG_XIP) != 0u) {
		if (lim->xip_base == 0u)
			return IMAGE_E_XIP_STORE;
		if (load != (uint64_t)lim->xip_base + info->header_size)
			return IMAGE_E_XIP_ADDR;
	}
	return IMAGE_OK;
}

int image_verify_payload(const struct image_info *info, const void *payload)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	uint8_t diff = 0;

	if (info == NULL || payload == NULL)
		return IMAGE_E_ARG;
	sha256(payload, info->image_size, digest);
	for (unsigned i = 0; i < SHA256_DIGEST_SIZE; i++)
		diff |= (uint8_t)(digest[i] ^ info->payload_sha256[i]);
	return diff == 0u ? IMAGE_OK : IMAGE_E_SHA;
}

int image_check_raw_vectors(uint32_t sp, uint32_t reset, const struct image_limits *lim)
{
	if (lim == NULL)
		return IMAGE_E_ARG;
	if (lim->n_sp_ram > IMAGE_MAX_RANGES)
		return IMAGE_E_LIMITS;
	/* NOR flash reads all ones after erase: say "nothing there", not "bad SP". */
	if (sp == IMAGE_ERASED_WORD && reset == IMAGE_ERASED_WORD)
		return IMAGE_E_ERASED;
	if (sp == 0u)
		return IMAGE_E_SP_ZERO;
	if ((sp & (IMAGE_SP_ALIGN - 1u)) != 0u)
		return IMAGE_E_SP_ALIGN;
	if (lim->n_sp_ram != 0u && !sp_in_ram(sp, lim))
		return IMAGE_E_SP_RANGE;
	if (!range_inside(reset & ~(uint32_t)IMAGE_THUMB_BIT, 2u, lim->code.base, lim->code.size))
		return IMAGE_E_ENTRY_RANGE;
	if ((reset & IMAGE_THUMB_BIT) == 0u)
		return IMAGE_E_ENTRY_THUMB;
	return IMAGE_OK;
}

void image_header_finalize(struct image_header *h)
{
	h->header_crc = crc32(h, offsetof(struct image_header, header_crc));
}

const char *image_strerror(int err)
{
	switch (err) {
	case IMAGE_OK:               return "ok";
	case IMAGE_E_ARG:            return "invalid argument (NULL pointer)";
	case IMAGE_E_TRUNCATED:      return "truncated: fewer bytes than the header or image needs";
	case IMAGE_E_MAGIC:          return "bad magic: not an extmem image";
	case IMAGE_E_HEADER_CRC:     return "header CRC mismatch";
	case IMAGE_E_HEADER_VERSION: return "unsupported header version";
	case IMAGE_E_HEADER_SIZE:    return "bad header size (below the header struct, above 64 KiB or not a multiple of 4)";
	case IMAGE_E_EMPTY:          return "empty image: payload size is zero";
	case IMAGE_E_FLAGS:          return "unknown flag bits set (image made for a newer boot)";
	case IMAGE_E_TOO_BIG:        return "image larger than the maximum image size";
	case IMAGE_E_STORE:          return "image larger than the store";
	case IMAGE_E_CODE_AREA:      return "load range outside the code area";
	case IMAGE_E_BOOT_RAM:       return "load range overlaps the boot's RAM";
	case IMAGE_E_ENTRY_RANGE:    return "entry point outside the image";
	case IMAGE_E_ENTRY_THUMB:    return "entry point without the Thumb bit";
	case IMAGE_E_SP_ZERO:        return "initial stack pointer is zero";
	case IMAGE_E_SP_ALIGN:       return "initial stack pointer not 8-byte aligned";
	case IMAGE_E_SP_RANGE:       return "initial stack pointer outside RAM";
	case IMAGE_E_VTOR_RANGE:     return "vector table outside the image";
	case IMAGE_E_VTOR_ALIGN:     return "vector table address not 128-byte aligned (VTOR)";
	case IMAGE_E_XIP_STORE:      return "XiP image in a store that cannot execute in place";
	case IMAGE_E_XIP_ADDR:       return "XiP image linked for another address (load_addr != store address + header_size)";
	case IMAGE_E_SHA:            return "payload SHA-256 mismatch";
	case IMAGE_E_ERASED:         return "no image: erased flash";
	case IMAGE_E_LIMITS:         return "invalid limits: too many RAM ranges";
	default:                     return "unknown error";
	}
}
