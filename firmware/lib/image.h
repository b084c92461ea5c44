/* The extmem image format: one header, shared by the boot, the host tools and the tests.
 *
 * An image is [header, padded to header_size][payload of image_size bytes]. All multi-byte
 * fields are little-endian (the byte order of every Cortex-M7 STM32 and of the hosts we build
 * on); the layout below is pinned by _Static_assert so that a change of it cannot go unnoticed.
 *
 * Validation is layered and each step bounds every length before the next one uses it:
 *   image_parse_header()     header bytes only: magic, CRC, version, header_size, image_size
 *   image_check_placement()  the parsed numbers against the store, the code area, the boot's RAM
 *   image_verify_payload()   the payload's SHA-256, once it is known to be addressable
 */
#ifndef EXTMEM_IMAGE_H
#define EXTMEM_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

#if defined(__BYTE_ORDER__) && (__BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__)
#error "struct image_header is little-endian on the wire; this code assumes a little-endian build"
#endif

#define IMAGE_MAGIC          0x424D5845u /* bytes "EXMB" in storage order */
#define IMAGE_HEADER_VERSION 1u

/* Default (and recommended) distance from the image start to the payload.
 * An XiP application's vector table sits right after the header, and VTOR on the Cortex-M7
 * needs the table aligned to the next power of two of its size in bytes: with up to 166
 * vectors (16 system + up to 150 interrupts on the H7) that is 664 B -> 1 KiB. With a 1 KiB
 * header and a 1 KiB aligned store base (every flash sector is), the table lands 1 KiB aligned. */
#define IMAGE_HEADER_SIZE_DEFAULT 0x400u
/* header_size must lie in [sizeof(struct image_header), IMAGE_HEADER_SIZE_MAX] and be a
 * multiple of 4; 64 KiB bounds how much a loader may have to skip. */
#define IMAGE_HEADER_SIZE_MAX     0x10000u

/* VTOR.TBLOFF holds bits [31:7] (ARMv7-M B3.2.5): 128 bytes is the least alignment a vector
 * table can ever have; larger tables need more (see IMAGE_HEADER_SIZE_DEFAULT). */
#define IMAGE_VTOR_ALIGN 128u
/* AAPCS: the stack is 8-byte aligned at every public interface, the reset handler included. */
#define IMAGE_SP_ALIGN   8u

#define IMAGE_FLAG_XIP   (1u << 0) /* payload executes where it is stored; no copy */
#define IMAGE_FLAGS_KNOWN (IMAGE_FLAG_XIP)

/* version field: major.minor.patch packed as 8.8.16 bits. */
#define IMAGE_VERSION(major, minor, patch) \
	((((uint32_t)(major) & 0xffu) << 24) | (((uint32_t)(minor) & 0xffu) << 16) | \
	 ((uint32_t)(patch) & 0xffffu))
#define IMAGE_VERSION_MAJOR(v) (((uint32_t)(v) >> 24) & 0xffu)
#define IMAGE_VERSION_MINOR(v) (((uint32_t)(v) >> 16) & 0xffu)
#define IMAGE_VERSION_PATCH(v) ((uint32_t)(v) & 0xffffu)

struct image_header {
	uint32_t magic;          /* 0x00 IMAGE_MAGIC */
	uint16_t header_version; /* 0x04 IMAGE_HEADER_VERSION */
	uint16_t header_size;    /* 0x06 bytes from image start to payload */
	uint32_t image_size;     /* 0x08 payload bytes */
	uint32_t load_addr;      /* 0x0C where the payload runs; XiP: store address + header_size */
	uint32_t entry;          /* 0x10 reset handler, Thumb bit set */
	uint32_t initial_sp;     /* 0x14 main stack pointer at entry */
	uint32_t vtor_offset;    /* 0x18 vector table offset in the payload (normally 0) */
	uint32_t version;        /* 0x1C IMAGE_VERSION(major, minor, patch) */
	uint32_t flags;          /* 0x20 IMAGE_FLAG_* */
	uint8_t  payload_sha256[SHA256_DIGEST_SIZE]; /* 0x24 */
	uint8_t  reserved[56];   /* 0x44 zero */
	uint32_t header_crc;     /* 0x7C CRC-32 of bytes 0x00..0x7B */
};

_Static_assert(sizeof(struct image_header) == 128, "image_header size");
_Static_assert(offsetof(struct image_header, magic) == 0x00, "magic offset");
_Static_assert(offsetof(struct image_header, header_version) == 0x04, "header_version offset");
_Static_assert(offsetof(struct image_header, header_size) == 0x06, "header_size offset");
_Static_assert(offsetof(struct image_header, image_size) == 0x08, "image_size offset");
_Static_assert(offsetof(struct image_header, load_addr) == 0x0C, "load_addr offset");
_Static_assert(offsetof(struct image_header, entry) == 0x10, "entry offset");
_Static_assert(offsetof(struct image_header, initial_sp) == 0x14, "initial_sp offset");
_Static_assert(offsetof(struct image_header, vtor_offset) == 0x18, "vtor_offset offset");
_Static_assert(offsetof(struct image_header, version) == 0x1C, "version offset");
_Static_assert(offsetof(struct image_header, flags) == 0x20, "flags offset");
_Static_assert(offsetof(struct image_header, payload_sha256) == 0x24, "payload_sha256 offset");
_Static_assert(offsetof(struct image_header, reserved) == 0x44, "reserved offset");
_Static_assert(offsetof(struct image_header, header_crc) == 0x7C, "header_crc offset");
_Static_assert(IMAGE_HEADER_SIZE_DEFAULT >= sizeof(struct image_header), "default header size");

/* Header fields as parsed (host order), valid once image_parse_header returned 0. */
struct image_info {
	uint32_t header_version;
	uint32_t header_size;
	uint32_t image_size;
	uint32_t load_addr;
	uint32_t entry;
	uint32_t initial_sp;
	uint32_t vtor_offset;
	uint32_t version;
	uint32_t flags;
	uint8_t  payload_sha256[SHA256_DIGEST_SIZE];
};

struct image_range {
	uint32_t base;
	uint32_t size; /* bytes; 0 = empty range */
};

#define IMAGE_MAX_RANGES 4u

/* What the boot knows about where an image may come from and go to. */
struct image_limits {
	uint32_t store_size;     /* bytes of the store available from the header start */
	uint32_t xip_base;       /* memory-mapped address of the header start if the store can
	                            execute in place, 0 if it cannot (SD card, SPI-NOR) */
	uint32_t max_image_size; /* payload bytes the boot accepts; 0 = no limit besides the rest */
	struct image_range code; /* the payload's load range must lie inside */
	struct image_range boot_ram[IMAGE_MAX_RANGES]; /* the load range must not touch these */
	unsigned n_boot_ram;
	/* RAM the initial SP may point into (SP may equal the end of a range). With
	 * n_sp_ram == 0 only "nonzero and 8-byte aligned" is checked, for both image kinds. */
	struct image_range sp_ram[IMAGE_MAX_RANGES];
	unsigned n_sp_ram;
};

enum image_err {
	IMAGE_OK = 0,
	IMAGE_E_ARG = -1,
	IMAGE_E_TRUNCATED = -2,
	IMAGE_E_MAGIC = -3,
	IMAGE_E_HEADER_CRC = -4,
	IMAGE_E_HEADER_VERSION = -5,
	IMAGE_E_HEADER_SIZE = -6,
	IMAGE_E_EMPTY = -7,
	IMAGE_E_FLAGS = -8,
	IMAGE_E_TOO_BIG = -9,
	IMAGE_E_STORE = -10,
	IMAGE_E_CODE_AREA = -11,
	IMAGE_E_BOOT_RAM = -12,
	IMAGE_E_ENTRY_RANGE = -13,
	IMAGE_E_ENTRY_THUMB = -14,
	IMAGE_E_SP_ZERO = -15,
	IMAGE_E_SP_ALIGN = -16,
	IMAGE_E_SP_RANGE = -17,
	IMAGE_E_VTOR_RANGE = -18,
	IMAGE_E_VTOR_ALIGN = -19,
	IMAGE_E_XIP_STORE = -20,
	IMAGE_E_XIP_ADDR = -21,
	IMAGE_E_SHA = -22,
	IMAGE_E_ERASED = -23,
	IMAGE_E_LIMITS = -24,
	IMAGE_E_LAST = -24,
};

/* Reads and checks the header at buf, in this order, without touching any payload byte:
 * enough bytes for the magic, magic, enough bytes for the header, header CRC, header
 * version, header_size, image_size != 0, no unknown flags. Never reads past avail. */
int image_parse_header(const void *buf, size_t avail, struct image_info *out);

/* Checks a parsed header against the limits, in this order: image_size <= max_image_size,
 * header_size + image_size within the store, load range inside the code area, load range
 * clear of the boot's RAM, entry inside the payload and Thumb, initial SP nonzero and 8-byte
 * aligned (and inside sp_ram if given), vector table inside the payload and its address
 * 128-byte aligned, then for XiP images: store executable in place and load_addr ==
 * xip_base + header_size. All range arithmetic is done in 64 bits. */
int image_check_placement(const struct image_info *info, const struct image_limits *lim);

/* SHA-256 of image_size bytes at payload against the header's digest. The caller must have
 * run image_check_placement first so that the payload is known to be addressable. */
int image_verify_payload(const struct image_info *info, const void *payload);

/* Headerless binary (vector table at the start): sp = word 0, reset = word 1. */
int image_check_raw_vectors(uint32_t sp, uint32_t reset, const struct image_limits *lim);

/* Sets header_crc over the bytes before it; call after every other field is final. */
void image_header_finalize(struct image_header *h);

/* One line, no trailing newline; never NULL ("unknown error" for codes it does not know). */
const char *image_strerror(int err);

#endif
