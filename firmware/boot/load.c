/* The checks of an image, in the order the issue fixes: magic, header CRC, sizes against
 * the store and the code area, load range inside the code memory and clear of the boot's
 * RAM, entry inside the image; then the copy; then the SHA-256 of what landed in RAM. */
#include "load.h"
#include "boot.h"
#include "memory.h"
#include "chip.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "image.h"

#define ERASED_BYTE 0xFFu
#define SKIP_CHUNK 128u

static void limits_of(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                      uint32_t store_size, uint32_t xip_base, struct image_limits *lim)
{
    *lim = (struct image_limits){ 0 };
    lim->store_size = store_size;
    lim->xip_base = xip_base;
    lim->max_image_size = code->size;
    lim->code = (struct image_range){ code->base, code->size };
    lim->boot_ram[0] = (struct image_range){ b->boot_ram.base, b->boot_ram.size };
    lim->n_boot_ram = 1;
    lim->sp_ram[0] = (struct image_range){ data->base, data->size };
    lim->n_sp_ram = 1;
}

/* One line per header or placement error: what failed and what to check. */
__attribute__((noreturn)) static void image_fail(const struct load_store *st, int err, const struct image_info *in,
                                                 const struct boot_area *code, const struct boot_area *data,
                                                 const struct board_desc *b)
{
    const char *where = st->where;
    switch (err) {
    case IMAGE_E_MAGIC:
        boot_fail(BOOT_E_IMAGE_MAGIC, "image: %s holds no extmem image (bad magic): pack the application with "
                                      "extmem-image pack (raw binaries need ALLOW_RAW_IMAGE=1)",
                  (uint32_t)(uintptr_t)where);
    case IMAGE_E_HEADER_CRC:
        boot_fail(BOOT_E_IMAGE_HEADER, "image: header CRC mismatch in %s: the header is corrupted, write the "
                                       "packed image again", (uint32_t)(uintptr_t)where);
    case IMAGE_E_HEADER_VERSION:
    case IMAGE_E_HEADER_SIZE:
    case IMAGE_E_FLAGS:
    case IMAGE_E_XIP_STORE:
        boot_fail(BOOT_E_IMAGE_FORMAT, "image: %s in %s (this boot reads header version %u): pack with the "
                                       "extmem-image of this boot", (uint32_t)(uintptr_t)image_strerror(err),
                  (uint32_t)(uintptr_t)where, IMAGE_HEADER_VERSION);
    case IMAGE_E_TRUNCATED:
        boot_fail(BOOT_E_IMAGE_SIZE, "image: truncated: %s holds %u bytes, less than the %u-byte header: write "
                                     "the whole image", (uint32_t)(uintptr_t)where, st->size,
                  (uint32_t)sizeof(struct image_header));
    case IMAGE_E_STORE:
        boot_fail(BOOT_E_IMAGE_SIZE, "image: truncated: header and payload need %u bytes, %s holds %u: write the "
                                     "whole image", in->header_size + in->image_size, (uint32_t)(uintptr_t)where,
                  st->size);
    case IMAGE_E_EMPTY:
        boot_fail(BOOT_E_IMAGE_EMPTY, "image: empty payload in %s: pack a real application",
                  (uint32_t)(uintptr_t)where);
    case IMAGE_E_TOO_BIG:
        boot_fail(BOOT_E_IMAGE_PLACE, "image: payload of %u bytes is larger than the %M %s code area: link "
                                      "a smaller application or choose a larger CODE_AREA",
                  in->image_size, code->size, (uint32_t)(uintptr_t)code->name);
    case IMAGE_E_CODE_AREA:
        boot_fail(BOOT_E_IMAGE_PLACE, "image: load range 0x%08x+%u is outside the code area 0x%08x+%M: link "
                                      "the application at 0x%08x", in->load_addr, in->image_size, code->base,
                  code->size, code->base);
    case IMAGE_E_BOOT_RAM:
        boot_fail(BOOT_E_IMAGE_PLACE, "image: load range 0x%08x+%u overlaps the boot's RAM 0x%08x+%M: link "
                                      "the application at 0x%08x", in->load_addr, in->image_size,
                  b->boot_ram.base, b->boot_ram.size, code->base);
    case IMAGE_E_ENTRY_RANGE:
    case IMAGE_E_ENTRY_THUMB:
        boot_fail(BOOT_E_IMAGE_ENTRY, "image: entry 0x%08x is not a Thumb address inside the image "
                                      "0x%08x+%u: check the application's link and the header",
                  in->entry, in->load_addr, in->image_size);
    default:
        boot_fail(BOOT_E_IMAGE_ENTRY, "image: %s (SP 0x%08x, data RAM 0x%08x+%M): check the application's "
                                      "link", (uint32_t)(uintptr_t)image_strerror(err), in->initial_sp,
                  data->base, data->size);
    }
}

static void store_read(const struct load_store *st, uint32_t off, void *buf, uint32_t len)
{
    int rc = st->read(st->ctx, off, buf, len);
    if (rc != 0) {
        boot_fail(st->read_err, "%s: read of %u bytes at offset %u of %s failed (%s): check the store and "
                                "its wiring", (uint32_t)(uintptr_t)st->name, len, off, (uint32_t)(uintptr_t)st->where,
                  (uint32_t)(uintptr_t)st->strerror(rc));
    }
}

static void print_rate(const char *what, uint32_t bytes, uint32_t cycles)
{
    uint32_t us = cycles_to_us(cycles);
    uint32_t tenths = us ? (uint32_t)(((uint64_t)bytes * 10u) / us) : 0u; /* bytes/us = MB/s */
    console_printf("[boot] %s: %u bytes in %u us (%u.%u MB/s)\n", (uint32_t)(uintptr_t)what, bytes, us,
                   tenths / 10u, tenths % 10u);
}

/* D-cache lines over the copy go to RAM before the I-side fetches them; the I-cache may
 * hold lines of whatever ran there before (ARMv7-M B2.2.7 ordering, Cortex-M7 TRM 5). */
static void make_executable(uint32_t base, uint32_t size)
{
    cm7_dcache_clean_range(base, size);
    cm7_icache_invalidate();
    cm7_dsb();
    cm7_isb();
    console_printf("[boot] cache: D-cache cleaned over 0x%08x+%u, I-cache invalidated\n", base, size);
}

/* The store reads front to back: the bytes already read for the header go first. */
static void load_raw(const struct board_desc *b, const struct load_store *st, const struct boot_area *code,
                     const struct boot_area *data, const uint8_t *head, uint32_t head_len, struct load_result *out)
{
    uint32_t len = st->size;
    if (len > code->size) {
        boot_fail(BOOT_E_IMAGE_PLACE, "image: raw binary of %u bytes is larger than the %M code area: link a "
                                      "smaller application", len, code->size);
    }
    console_printf("[boot] warning: %s holds a raw binary without header: copied unverified "
                   "(ALLOW_RAW_IMAGE=1)\n", (uint32_t)(uintptr_t)st->where);
    uint32_t t0 = cm7_cyccnt();
    uint8_t *dst = (uint8_t *)(uintptr_t)code->base;
    for (uint32_t i = 0; i < head_len; i++) {
        dst[i] = head[i];
    }
    if (len > head_len) {
        store_read(st, head_len, dst + head_len, len - head_len);
    }
    print_rate("copy", len, cm7_cyccnt() - t0);
    struct image_limits lim;
    limits_of(b, code, data, st->size, 0u, &lim);
    const volatile uint32_t *v = (const volatile uint32_t *)(uintptr_t)code->base;
    int rc = image_check_raw_vectors(v[0], v[1], &lim);
    if (rc != IMAGE_OK) {
        boot_fail(BOOT_E_APP_VECTORS, "app: raw binary's vector table (SP 0x%08x, reset 0x%08x) is not one "
                                      "for this area: %s", v[0], v[1], (uint32_t)(uintptr_t)image_strerror(rc));
    }
    *out = (struct load_result){ v[0], v[1], code->base, len };
    make_executable(code->base, len);
}

void load_from_store(const struct board_desc *b, const struct load_store *st, const struct boot_area *code,
                     const struct boot_area *data, struct load_result *out)
{
    uint8_t hdr[sizeof(struct image_header)];
    uint32_t avail = st->size < sizeof hdr ? st->size : (uint32_t)sizeof hdr;
    store_read(st, 0u, hdr, avail);
    struct image_info in = { 0 };
    int rc = image_parse_header(hdr, avail, &in);
    if (rc == IMAGE_E_MAGIC && ALLOW_RAW_IMAGE) {
        load_raw(b, st, code, data, hdr, avail, out);
        return;
    }
    if (rc != IMAGE_OK) {
        image_fail(st, rc, &in, code, data, b);
    }
    struct image_limits lim;
    limits_of(b, code, data, st->size, 0u, &lim);
    /* Said first and by name: a load range over the boot's own RAM would overwrite the
     * running boot (the library reports it only after the code-area check). */
    const uint64_t lo = in.load_addr, hi = lo + in.image_size;
    if (lo < (uint64_t)b->boot_ram.base + b->boot_ram.size && b->boot_ram.base < hi) {
        image_fail(st, IMAGE_E_BOOT_RAM, &in, code, data, b);
    }
    if ((rc = image_check_placement(&in, &lim)) != IMAGE_OK) {
        image_fail(st, rc, &in, code, data, b);
    }
    console_printf("[boot] image: version %u.%u.%u, %u bytes for 0x%08x, entry 0x%08x, header ok\n",
                   IMAGE_VERSION_MAJOR(in.version), IMAGE_VERSION_MINOR(in.version), IMAGE_VERSION_PATCH(in.version),
                   in.image_size, in.load_addr, in.entry);
    uint8_t skip[SKIP_CHUNK];
    for (uint32_t off = avail; off < in.header_size;) {
        uint32_t n = in.header_size - off < SKIP_CHUNK ? in.header_size - off : SKIP_CHUNK;
        store_read(st, off, skip, n);
        off += n;
    }
    uint32_t t0 = cm7_cyccnt();
    store_read(st, in.header_size, (void *)(uintptr_t)in.load_addr, in.image_size);
    print_rate("copy", in.image_size, cm7_cyccnt() - t0);
    t0 = cm7_cyccnt();
    if (image_verify_payload(&in, (const void *)(uintptr_t)in.load_addr) != IMAGE_OK) {
        boot_fail(BOOT_E_IMAGE_HASH, "image: payload SHA-256 mismatch after the copy to 0x%08x: %s is corrupted "
                                     "(or the RAM is faulty), write the image again", in.load_addr,
                  (uint32_t)(uintptr_t)st->where);
    }
    console_printf("[boot] image: SHA-256 of %u bytes at 0x%08x verified in %u us\n", in.image_size, in.load_addr,
                   cycles_to_us(cm7_cyccnt() - t0));
    *out = (struct load_result){ in.initial_sp, in.entry, in.load_addr, in.image_size };
    make_executable(in.load_addr, in.image_size);
}

int load_verify_xip(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                    struct load_result *out)
{
    const void *hdr = (const void *)(uintptr_t)code->base;
    struct image_info in = { 0 };
    const struct load_store st = { .name = "xip", .where = code->name, .size = code->size };
    int rc = image_parse_header(hdr, sizeof(struct image_header), &in);
    if (rc == IMAGE_E_MAGIC) {
        if (!ALLOW_RAW_IMAGE) {
            image_fail(&st, rc, &in, code, data, b);
        }
        console_printf("[boot] warning: %s holds a raw application without header: not verified "
                       "(ALLOW_RAW_IMAGE=1, the seed's format)\n", (uint32_t)(uintptr_t)code->name);
        return 0;
    }
    if (rc != IMAGE_OK) {
        image_fail(&st, rc, &in, code, data, b);
    }
    struct image_limits lim;
    limits_of(b, code, data, code->size, code->base, &lim);
    if ((rc = image_check_placement(&in, &lim)) != IMAGE_OK) {
        image_fail(&st, rc, &in, code, data, b);
    }
    if (image_verify_payload(&in, (const void *)(uintptr_t)in.load_addr) != IMAGE_OK) {
        boot_fail(BOOT_E_IMAGE_HASH, "image: payload SHA-256 mismatch in place at 0x%08x: the %s content is "
                                     "corrupted, program the image again", in.load_addr,
                  (uint32_t)(uintptr_t)code->name);
    }
    console_printf("[boot] image: version %u.%u.%u, %u bytes at 0x%08x verified in place (SHA-256)\n",
                   IMAGE_VERSION_MAJOR(in.version), IMAGE_VERSION_MINOR(in.version), IMAGE_VERSION_PATCH(in.version),
                   in.image_size, in.load_addr);
    *out = (struct load_result){ in.initial_sp, in.entry, in.load_addr, in.image_size };
    return 1;
}

#if defined(BINARY_AREA)
void load_bootrom(const struct board_desc *b, const struct boot_area *code, const struct boot_area *data,
                  struct load_result *out)
{
#if BINARY_AREA == USE_SDCARD
    load_sdcard(b, code, data, out);
#elif BINARY_AREA == USE_SPI_NOR
    load_spinor(b, code, data, out);
#endif
}
#endif
