/*
 * FAT reader tests over card images built at test time by extmem-media (mkfs.fat +
 * mtools). Each cmocka test is one CTest case: `test_fat <test name>`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <spawn.h>
#include <unistd.h>

#include <cmocka.h>

#include "fat.h"

extern char **environ;

#define APP_SIZE   100000u /* ~200 clusters of 512 B */
#define SMALL_SIZE 1234u

static char tmpdir[64];
static char path_buf[256];

static const char *tmp_path(const char *name)
{
    snprintf(path_buf, sizeof path_buf, "%s/%s", tmpdir, name);
    return path_buf;
}

/* Deterministic file contents: a different byte stream per seed. */
static void fill_pattern(uint8_t *p, size_t n, uint32_t seed)
{
    uint32_t x = seed * 2654435761u + 1;

    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (uint8_t)x;
    }
}

static void write_host_file(const char *name, size_t n, uint32_t seed)
{
    uint8_t *p = malloc(n ? n : 1);
    FILE *f;

    assert_non_null(p);
    fill_pattern(p, n, seed);
    f = fopen(tmp_path(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    free(p);
}

/* Run the media tool with argv (NULL terminated, after "sdcard -o img"). */
static int run_tool(const char *const *args)
{
    const char *argv[32];
    size_t n = 0;
    pid_t pid;
    int st;

    argv[n++] = EXTMEM_MEDIA_TOOL;
    argv[n++] = "sdcard";
    argv[n++] = "-o";
    argv[n++] = strdup(tmp_path("card.img"));
    while (*args != NULL && n < 31)
        argv[n++] = *args++;
    argv[n] = NULL;
    if (posix_spawn(&pid, EXTMEM_MEDIA_TOOL, NULL, NULL, (char *const *)argv, environ) != 0)
        return -1;
    free((void *)argv[3]);
    if (waitpid(pid, &st, 0) < 0)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- in-memory block device --------------------------------------------------------- */

struct memdev {
    uint8_t *img;
    uint32_t blocks;
    unsigned reads;
    int fail;
};

static int memdev_read(void *ctx, uint32_t lba, uint32_t count, void *buf)
{
    struct memdev *m = ctx;

    m->reads++;
    if (m->fail)
        return -1;
    assert_true(count > 0 && lba < m->blocks && count <= m->blocks - lba);
    memcpy(buf, m->img + (size_t)lba * FAT_SECTOR_SIZE, (size_t)count * FAT_SECTOR_SIZE);
    return 0;
}

struct card {
    struct memdev mem;
    struct fat_blockdev dev;
    struct fat_volume vol;
};

static void load_card(struct card *c)
{
    FILE *f = fopen(tmp_path("card.img"), "rb");
    long len;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    len = ftell(f);
    assert_true(len > 0 && len % FAT_SECTOR_SIZE == 0);
    rewind(f);
    memset(c, 0, sizeof *c);
    c->mem.img = malloc((size_t)len);
    assert_non_null(c->mem.img);
    assert_int_equal(fread(c->mem.img, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    c->mem.blocks = (uint32_t)(len / FAT_SECTOR_SIZE);
    c->dev.read = memdev_read;
    c->dev.ctx = &c->mem;
    c->dev.block_count = c->mem.blocks;
}

static void free_card(struct card *c)
{
    free(c->mem.img);
    c->mem.img = NULL;
}

/* Build a card with APP.BIN (APP_SIZE), optional extra tool args, and load it. */
static void make_card(struct card *c, const char *const *extra)
{
    const char *args[24];
    size_t n = 0;

    write_host_file("app.bin", APP_SIZE, 1);
    write_host_file("small.txt", SMALL_SIZE, 2);
    write_host_file("empty", 0, 3);
    while (*extra != NULL)
        args[n++] = *extra++;
    args[n++] = strdup(tmp_path("app.bin"));
    {
        static char arg2[300], arg3[300], arg4[300], arg5[300];

        snprintf(arg2, sizeof arg2, "%s=Application Image v2.bin", tmp_path("small.txt"));
        args[n++] = arg2;
        snprintf(arg3, sizeof arg3, "%s=EMPTY.TXT", tmp_path("empty"));
        args[n++] = arg3;
        snprintf(arg4, sizeof arg4, "%s=boot/images/Firmware.bin", tmp_path("small.txt"));
        args[n++] = arg4;
        snprintf(arg5, sizeof arg5, "%s=Firmware13.ab", tmp_path("small.txt"));
        args[n++] = arg5; /* a long name of exactly 13 characters: no terminator */
    }
    args[n] = NULL;
    assert_int_equal(run_tool(args), 0);
    free((void *)args[n - 5]);
    load_card(c);
}

#define MAKE_CARD(c, ...)                                          \
    do {                                                           \
        const char *const extra_[] = {__VA_ARGS__, NULL};          \
        make_card((c), extra_);                                    \
    } while (0)

/* Read the whole file in chunks of `chunk` bytes and compare with the pattern. */
static void expect_file(struct card *c, const char *name, uint32_t size, uint32_t seed,
                        uint32_t chunk)
{
    struct fat_file f;
    uint8_t *want = malloc(size + 1), *got = malloc(size + 1);
    uint32_t total = 0, n;

    assert_non_null(want);
    assert_non_null(got);
    fill_pattern(want, size, seed);
    assert_int_equal(fat_open(&c->vol, name, &f), FAT_OK);
    assert_int_equal(f.size, size);
    for (int guard = 0; guard < 1000000; guard++) {
        uint32_t len = chunk;

        if (len > size + 1 - total)
            len = size + 1 - total;
        assert_int_equal(fat_read(&f, got + total, len, &n), FAT_OK);
        if (n == 0)
            break;
        total += n;
    }
    assert_int_equal(total, size);
    assert_memory_equal(got, want, size);
    free(want);
    free(got);
}

static void mount_ok(struct card *c, int type)
{
    assert_int_equal(fat_mount(&c->vol, &c->dev), FAT_OK);
    assert_int_equal(c->vol.type, type);
}

/* ---- FAT entries poked directly (test-side, from the spec layout) ------------------- */

static uint8_t *fat_base(struct card *c)
{
    return c->mem.img + (size_t)c->vol.fat_lba * FAT_SECTOR_SIZE;
}

static uint32_t fat_get(struct card *c, uint32_t n)
{
    uint8_t *p = fat_base(c);

    switch (c->vol.type) {
    case 12: {
        uint32_t w = p[n + n / 2] | (p[n + n / 2 + 1] << 8);
        return (n & 1) ? w >> 4 : w & 0xFFF;
    }
    case 16: return p[2 * n] | (p[2 * n + 1] << 8);
    default:
        return (p[4 * n] | (p[4 * n + 1] << 8) | (p[4 * n + 2] << 16) |
                ((uint32_t)p[4 * n + 3] << 24)) & 0x0FFFFFFF;
    }
}

static void fat_set(struct card *c, uint32_t n, uint32_t v)
{
    uint8_t *p = fat_base(c);

    switch (c->vol.type) {
    case 12: {
        uint8_t *q = p + n + n / 2;
        uint32_t w = q[0] | (q[1] << 8);
        w = (n & 1) ? ((w & 0x000F) | (v << 4)) : ((w & 0xF000) | (v & 0xFFF));
        q[0] = (uint8_t)w;
        q[1] = (uint8_t)(w >> 8);
        break;
    }
    case 16:
        p[2 * n] = (uint8_t)v;
        p[2 * n + 1] = (uint8_t)(v >> 8);
        break;
    default:
        for (int i = 0; i < 4; i++)
            p[4 * n + i] = (uint8_t)(v >> (8 * i));
    }
}

static uint32_t eoc(struct card *c)
{
    return c->vol.type == 12 ? 0xFFF : c->vol.type == 16 ? 0xFFFF : 0x0FFFFFFF;
}

/* The first `max` clusters of APP.BIN's chain; returns how many were found. */
static uint32_t app_chain(struct card *c, uint32_t *out, uint32_t max)
{
    struct fat_file f;
    uint32_t n = 0, cl;

    assert_int_equal(fat_open(&c->vol, "APP.BIN", &f), FAT_OK);
    cl = f.first_cluster;
    while (n < max && cl >= 2 && cl < 0xFF8) {
        out[n++] = cl;
        cl = fat_get(c, cl);
    }
    if (c->vol.type == 32) { /* FAT32 EOC is 0x0FFFFFF8+, handled by the same bound */
        n = 0;
        cl = f.first_cluster;
        while (n < max && cl >= 2 && cl < 0x0FFFFFF8) {
            out[n++] = cl;
            cl = fat_get(c, cl);
        }
    }
    return n;
}

/* Open and read all of APP.BIN: the first error (open or read). */
static int read_app(struct card *c)
{
    static uint8_t buf[APP_SIZE + 1];
    struct fat_file f;
    uint32_t n;
    int rc = fat_open(&c->vol, "APP.BIN", &f);

    if (rc != FAT_OK)
        return rc;
    for (int i = 0; i < 1000; i++) {
        rc = fat_read(&f, buf, 4096, &n);
        if (rc != FAT_OK || n == 0)
            return rc;
    }
    return -9999;
}

/* Re-mount after poking the image (drops the sector cache). */
static void remount(struct card *c)
{
    assert_int_equal(fat_mount(&c->vol, &c->dev), FAT_OK);
}

/* ---- tests: formats ----------------------------------------------------------------- */

static void check_all_files(struct card *c)
{
    expect_file(c, "APP.BIN", APP_SIZE, 1, 4096);
    expect_file(c, "app.bin", APP_SIZE, 1, 777); /* odd chunks: partial sectors */
    expect_file(c, "Application Image v2.bin", SMALL_SIZE, 2, 100000);
    expect_file(c, "boot/images/Firmware.bin", SMALL_SIZE, 2, 1);
}

static void fat12_mbr_files_read_byte_exact(void **state)
{
    struct card c;
    (void)state;
    MAKE_CARD(&c, "--fat", "12");
    mount_ok(&c, 12);
    check_all_files(&c);
    free_card(&c);
}

static void fat16_mbr_files_read_byte_exact(void **state)
{
    struct card c;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    mount_ok(&c, 16);
    check_all_files(&c);
    free_card(&c);
}

static void fat32_mbr_files_read_byte_exact(void **state)
{
    struct card c;
    (void)state;
    MAKE_CARD(&c, "--fat", "32");
    mount_ok(&c, 32);
    check_all_files(&c);
    free_card(&c);
}

static void fat12_superfloppy_files_read_byte_exact(void **state)
{
    struct card c;
    (void)state;
    MAKE_CARD(&c, "--fat", "12", "--no-mbr");
    mount_ok(&c, 12);
    assert_int_equal(c.vol.fat_lba < 64, 1); /* volume at LBA 0 */
    check_all_files(&c);
    free_card(&c);
}

static void fat16_superfloppy_files_read_byte_exact(void **state)
{
    struct card c;
    (void)state;
    MAKE_CARD(&c, "--fat", "16", "--no-mbr");
    mount_ok(&c, 16);
    check_all_files(&c);
    free_card(&c);
}

static void fat32_superfloppy_files_read_byte_exact(void **state)
{
    struct card c;
    (void)state;
    MAKE_CARD(&c, "--fat", "32", "--no-mbr", "--size-mib", "40");
    mount_ok(&c, 32);
    check_all_files(&c);
    free_card(&c);
}

static void contiguous_file_is_read_with_few_device_reads(void **state)
{
    struct card c;
    static uint8_t buf[APP_SIZE];
    struct fat_file f;
    uint32_t n;
    (void)state;
    MAKE_CARD(&c, "--fat", "32");
    mount_ok(&c, 32);
    assert_int_equal(fat_open(&c.vol, "APP.BIN", &f), FAT_OK);
    c.mem.reads = 0;
    assert_int_equal(fat_read(&f, buf, APP_SIZE, &n), FAT_OK);
    assert_int_equal(n, APP_SIZE);
    /* ~196 clusters: FAT sectors + one multi-block read + the partial last sector */
    assert_true(c.mem.reads <= 8);
    free_card(&c);
}

static void fragmented_files_read_byte_exact_fat12(void **state)
{
    struct card c;
    uint32_t ch[8];
    (void)state;
    MAKE_CARD(&c, "--fat", "12", "--fragment");
    mount_ok(&c, 12);
    assert_int_equal(app_chain(&c, ch, 8), 8);
    assert_true(ch[1] != ch[0] + 1 || ch[2] != ch[1] + 1); /* really fragmented */
    check_all_files(&c);
    free_card(&c);
}

static void fragmented_files_read_byte_exact_fat16(void **state)
{
    struct card c;
    uint32_t ch[8];
    (void)state;
    MAKE_CARD(&c, "--fat", "16", "--fragment");
    mount_ok(&c, 16);
    assert_int_equal(app_chain(&c, ch, 8), 8);
    assert_true(ch[1] != ch[0] + 1 || ch[2] != ch[1] + 1);
    check_all_files(&c);
    free_card(&c);
}

static void fragmented_files_read_byte_exact_fat32(void **state)
{
    struct card c;
    uint32_t ch[8];
    static uint8_t buf[APP_SIZE];
    struct fat_file f;
    uint32_t n;
    (void)state;
    MAKE_CARD(&c, "--fat", "32", "--fragment");
    mount_ok(&c, 32);
    assert_int_equal(app_chain(&c, ch, 8), 8);
    assert_true(ch[1] != ch[0] + 1 || ch[2] != ch[1] + 1);
    check_all_files(&c);
    /* every cluster in its own hole: many device reads, still one call */
    assert_int_equal(fat_open(&c.vol, "APP.BIN", &f), FAT_OK);
    c.mem.reads = 0;
    assert_int_equal(fat_read(&f, buf, APP_SIZE, &n), FAT_OK);
    assert_int_equal(n, APP_SIZE);
    assert_true(c.mem.reads > 50);
    free_card(&c);
}

/* ---- tests: names and lookups ------------------------------------------------------- */

static void long_name_matches_case_insensitively(void **state)
{
    struct card c;
    struct fat_file f;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    mount_ok(&c, 16);
    assert_int_equal(fat_open(&c.vol, "APPLICATION IMAGE V2.BIN", &f), FAT_OK);
    assert_int_equal(f.size, SMALL_SIZE);
    assert_int_equal(fat_open(&c.vol, "application image v2.bin", &f), FAT_OK);
    /* prefixes and extensions of a long name do not match */
    assert_int_equal(fat_open(&c.vol, "Application Image v2", &f), FAT_E_NOT_FOUND);
    assert_int_equal(fat_open(&c.vol, "Application Image v2.bin2", &f), FAT_E_NOT_FOUND);
    /* the generated 8.3 alias matches too */
    assert_int_equal(fat_open(&c.vol, "APPLIC~1.BIN", &f), FAT_OK);
    assert_int_equal(f.size, SMALL_SIZE);
    free_card(&c);
}

static void long_name_filling_one_entry_exactly_matches_only_itself(void **state)
{
    struct card c;
    struct fat_file f;
    (void)state;
    MAKE_CARD(&c, "--fat", "12");
    mount_ok(&c, 12);
    assert_int_equal(fat_open(&c.vol, "FIRMWARE13.AB", &f), FAT_OK);
    assert_int_equal(fat_open(&c.vol, "Firmware13.a", &f), FAT_E_NOT_FOUND);
    assert_int_equal(fat_open(&c.vol, "Firmware13.abc", &f), FAT_E_NOT_FOUND);
    free_card(&c);
}

static void directory_cluster_loop_is_detected(void **state)
{
    struct card c;
    struct fat_file f;
    uint8_t *root, *dir = NULL;
    uint32_t dclus = 0;
    (void)state;
    MAKE_CARD(&c, "--fat", "32"); /* one sector per cluster */
    mount_ok(&c, 32);
    assert_int_equal(c.vol.spc_shift, 0);
    root = c.mem.img + ((size_t)c.vol.data_lba + c.vol.root_cluster - 2) * FAT_SECTOR_SIZE;
    for (uint32_t i = 0; i < 16; i++) {
        uint8_t *e = root + i * 32;
        if (memcmp(e, "BOOT       ", 11) == 0)
            dclus = (uint32_t)(e[26] | (e[27] << 8) | (e[20] << 16) | (e[21] << 24));
    }
    assert_true(dclus >= 2);
    dir = c.mem.img + ((size_t)c.vol.data_lba + dclus - 2) * FAT_SECTOR_SIZE;
    for (uint32_t i = 0; i < 16; i++) /* no end marker: the lookup must follow the chain */
        if (dir[i * 32] == 0)
            dir[i * 32] = 0xE5;
    fat_set(&c, dclus, dclus);
    remount(&c);
    assert_int_equal(fat_open(&c.vol, "boot/nothere.bin", &f), FAT_E_CHAIN_LOOP);
    free_card(&c);
}

static void long_name_with_bad_checksum_falls_back_to_short_name(void **state)
{
    struct card c;
    struct fat_file f;
    uint8_t *root;
    int patched = 0;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    mount_ok(&c, 16);
    root = c.mem.img + (size_t)c.vol.root_lba * FAT_SECTOR_SIZE;
    for (uint32_t i = 0; i < 512; i++) {
        uint8_t *e = root + i * 32;
        if (e[11] == 0x0F) { /* corrupt the checksum of every LFN part */
            e[13] ^= 0x5A;
            patched++;
        }
    }
    assert_true(patched >= 2);
    remount(&c);
    assert_int_equal(fat_open(&c.vol, "Application Image v2.bin", &f), FAT_E_NOT_FOUND);
    assert_int_equal(fat_open(&c.vol, "APPLIC~1.BIN", &f), FAT_OK);
    free_card(&c);
}

static void deleted_entry_is_skipped(void **state)
{
    struct card c;
    struct fat_file f;
    uint8_t *root;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    mount_ok(&c, 16);
    root = c.mem.img + (size_t)c.vol.root_lba * FAT_SECTOR_SIZE;
    for (uint32_t i = 0; i < 512; i++) {
        uint8_t *e = root + i * 32;
        if (memcmp(e, "APP     BIN", 11) == 0)
            e[0] = 0xE5;
    }
    remount(&c);
    assert_int_equal(fat_open(&c.vol, "APP.BIN", &f), FAT_E_NOT_FOUND);
    free_card(&c);
}

static void subdirectory_path_opens_and_errors_are_named(void **state)
{
    struct card c;
    struct fat_file f;
    (void)state;
    MAKE_CARD(&c, "--fat", "32");
    mount_ok(&c, 32);
    assert_int_equal(fat_open(&c.vol, "/BOOT//images/firmware.BIN", &f), FAT_OK);
    assert_int_equal(f.size, SMALL_SIZE);
    assert_int_equal(fat_open(&c.vol, "boot/images/../../APP.BIN", &f), FAT_OK);
    assert_int_equal(fat_open(&c.vol, "boot/images", &f), FAT_E_IS_DIR);
    assert_int_equal(fat_open(&c.vol, "APP.BIN/x", &f), FAT_E_NOT_DIR);
    assert_int_equal(fat_open(&c.vol, "boot/nothere/x.bin", &f), FAT_E_NOT_FOUND);
    assert_int_equal(fat_open(&c.vol, "/", &f), FAT_E_NAME);
    free_card(&c);
}

static void missing_file_is_not_found(void **state)
{
    struct card c;
    struct fat_file f;
    (void)state;
    MAKE_CARD(&c, "--fat", "12");
    mount_ok(&c, 12);
    assert_int_equal(fat_open(&c.vol, "NOPE.BIN", &f), FAT_E_NOT_FOUND);
    assert_int_equal(fat_open(&c.vol, "APP.BI", &f), FAT_E_NOT_FOUND);
    assert_string_equal(fat_strerror(FAT_E_NOT_FOUND), "file not found");
    free_card(&c);
}

static void empty_file_reads_zero_bytes(void **state)
{
    struct card c;
    struct fat_file f;
    uint8_t b[16];
    uint32_t n = 99;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    mount_ok(&c, 16);
    assert_int_equal(fat_open(&c.vol, "EMPTY.TXT", &f), FAT_OK);
    assert_int_equal(f.size, 0);
    assert_int_equal(fat_read(&f, b, sizeof b, &n), FAT_OK);
    assert_int_equal(n, 0);
    free_card(&c);
}

/* ---- tests: corrupted volumes ------------------------------------------------------- */

static uint8_t *boot_sector(struct card *c)
{
    /* the card was built with an MBR: partition 1 start LBA */
    uint8_t *e = c->mem.img + 0x1BE;
    uint32_t lba = e[8] | (e[9] << 8) | (e[10] << 16) | ((uint32_t)e[11] << 24);
    return c->mem.img + (size_t)lba * FAT_SECTOR_SIZE;
}

static void bad_boot_signature_is_rejected(void **state)
{
    struct card c;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    c.mem.img[511] = 0;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_NO_SIGNATURE);
    c.mem.img[511] = 0xAA;
    boot_sector(&c)[510] = 0;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_NO_SIGNATURE);
    free_card(&c);
}

static void zero_sectors_per_cluster_is_rejected(void **state)
{
    struct card c;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    boot_sector(&c)[0x0D] = 0;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_CLUSTER_SIZE);
    boot_sector(&c)[0x0D] = 3;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_CLUSTER_SIZE);
    free_card(&c);
}

static void zero_sectors_per_cluster_superfloppy_is_rejected(void **state)
{
    struct card c;
    (void)state;
    MAKE_CARD(&c, "--fat", "12", "--no-mbr");
    c.mem.img[0x0D] = 0;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_CLUSTER_SIZE);
    free_card(&c);
}

static void bpb_fields_are_validated(void **state)
{
    struct card c;
    uint8_t *b, save[512];
    (void)state;
    MAKE_CARD(&c, "--fat", "32");
    b = boot_sector(&c);
    memcpy(save, b, 512);
    b[0x0C] = 0x10; /* 4096 bytes per sector */
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_SECTOR_SIZE);
    memcpy(b, save, 512);
    b[0x0E] = b[0x0F] = 0;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_RESERVED);
    memcpy(b, save, 512);
    b[0x10] = 0;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_NUM_FATS);
    b[0x10] = 3;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_NUM_FATS);
    memcpy(b, save, 512);
    b[0x23] = 0x7F; /* TotSec32 far past the partition */
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_TOTAL_SECTORS);
    memcpy(b, save, 512);
    memset(b + 0x24, 0, 4); /* FATSz32 = 0 */
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_FAT_SIZE);
    memcpy(b, save, 512);
    b[0x24] = 1; b[0x25] = b[0x26] = b[0x27] = 0; /* FAT of 1 sector for 120k clusters */
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_FAT_SIZE);
    memcpy(b, save, 512);
    b[0x2C] = 0xFF; b[0x2D] = 0xFF; b[0x2E] = 0xFF; /* root cluster past the volume */
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_ROOT_CLUSTER);
    memcpy(b, save, 512);
    b[0x11] = 0x10; /* root entries on FAT32 */
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_ROOT_ENTRIES);
    memcpy(b, save, 512);
    b[0] = 0; /* no jump instruction */
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_NOT_FAT);
    memcpy(b, save, 512);
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_OK);
    free_card(&c);
}

static void partition_table_is_validated(void **state)
{
    struct card c;
    uint8_t *e;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    e = c.mem.img + 0x1BE;
    e[4] = 0xEE;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_GPT);
    e[4] = 0x07; /* NTFS/exFAT only */
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_NO_PARTITION);
    e[4] = 0x06;
    e[15] = 0x40; /* sector count past the device */
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_PARTITION);
    free_card(&c);
}

static void device_read_failure_is_reported(void **state)
{
    struct card c;
    struct fat_file f;
    uint8_t b[64];
    uint32_t n;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    c.mem.fail = 1;
    assert_int_equal(fat_mount(&c.vol, &c.dev), FAT_E_IO);
    c.mem.fail = 0;
    mount_ok(&c, 16);
    assert_int_equal(fat_open(&c.vol, "APP.BIN", &f), FAT_OK);
    c.mem.fail = 1;
    assert_int_equal(fat_read(&f, b, sizeof b, &n), FAT_E_IO);
    assert_int_equal(n, 0);
    free_card(&c);
}

static void cluster_chain_loop_is_detected(void **state)
{
    struct card c;
    uint32_t ch[4];
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    mount_ok(&c, 16);
    assert_int_equal(app_chain(&c, ch, 4), 4);
    fat_set(&c, ch[2], ch[1]); /* third cluster points back to the second */
    remount(&c);
    assert_int_equal(read_app(&c), FAT_E_CHAIN_LOOP);
    free_card(&c);
}

static void cluster_chain_loop_after_last_cluster_is_detected(void **state)
{
    struct card c;
    static uint32_t ch[400];
    uint32_t n;
    (void)state;
    MAKE_CARD(&c, "--fat", "12", "--fragment");
    mount_ok(&c, 12);
    n = app_chain(&c, ch, 400);
    assert_true(n > 10 && n < 400);
    fat_set(&c, ch[n - 1], ch[0]); /* last cluster points back to the first */
    remount(&c);
    assert_int_equal(read_app(&c), FAT_E_CHAIN_LOOP);
    free_card(&c);
}

static void chain_pointing_past_volume_is_rejected(void **state)
{
    struct card c;
    uint32_t ch[2];
    (void)state;
    MAKE_CARD(&c, "--fat", "32");
    mount_ok(&c, 32);
    assert_int_equal(app_chain(&c, ch, 2), 2);
    fat_set(&c, ch[0], c.vol.cluster_count + 2);
    remount(&c);
    assert_int_equal(read_app(&c), FAT_E_CHAIN_RANGE);
    assert_string_equal(fat_strerror(FAT_E_CHAIN_RANGE), "cluster chain points past the volume");
    free_card(&c);
}

static void truncated_chain_is_file_longer_than_chain(void **state)
{
    struct card c;
    uint32_t ch[2];
    (void)state;
    MAKE_CARD(&c, "--fat", "12");
    mount_ok(&c, 12);
    assert_int_equal(app_chain(&c, ch, 2), 2);
    fat_set(&c, ch[1], eoc(&c));
    remount(&c);
    assert_int_equal(read_app(&c), FAT_E_CHAIN_SHORT);
    free_card(&c);
}

static void over_long_chain_is_file_shorter_than_chain(void **state)
{
    struct card c;
    static uint32_t ch[400];
    uint32_t n, spare;
    (void)state;
    MAKE_CARD(&c, "--fat", "16");
    mount_ok(&c, 16);
    n = app_chain(&c, ch, 400);
    spare = c.vol.cluster_count + 1; /* last cluster of the volume, free */
    assert_int_equal(fat_get(&c, spare), 0);
    fat_set(&c, ch[n - 1], spare);
    fat_set(&c, spare, eoc(&c));
    remount(&c);
    assert_int_equal(read_app(&c), FAT_E_CHAIN_LONG);
    assert_string_equal(fat_strerror(FAT_E_CHAIN_LONG), "file shorter than its cluster chain");
    {
        /* the error is not forgotten: asking again at end of file repeats it */
        static uint8_t buf[APP_SIZE];
        struct fat_file f;
        uint32_t got;

        assert_int_equal(fat_open(&c.vol, "APP.BIN", &f), FAT_OK);
        assert_int_equal(fat_read(&f, buf, APP_SIZE, &got), FAT_E_CHAIN_LONG);
        assert_int_equal(got, APP_SIZE);
        assert_int_equal(fat_read(&f, buf, APP_SIZE, &got), FAT_E_CHAIN_LONG);
        assert_int_equal(got, 0);
    }
    free_card(&c);
}

static void free_and_bad_clusters_in_chain_are_rejected(void **state)
{
    struct card c;
    uint32_t ch[3];
    (void)state;
    MAKE_CARD(&c, "--fat", "32");
    mount_ok(&c, 32);
    assert_int_equal(app_chain(&c, ch, 3), 3);
    fat_set(&c, ch[1], 0);
    remount(&c);
    assert_int_equal(read_app(&c), FAT_E_CHAIN_FREE);
    fat_set(&c, ch[1], 0x0FFFFFF7);
    remount(&c);
    assert_int_equal(read_app(&c), FAT_E_CHAIN_BAD);
    free_card(&c);
}

static void every_error_has_a_message(void **state)
{
    (void)state;
    for (int e = FAT_E_NOT_MOUNTED; e <= FAT_OK; e++) {
        const char *m = fat_strerror(e);
        assert_non_null(m);
        assert_string_not_equal(m, "unknown FAT error");
        assert_null(strchr(m, '\n'));
    }
    assert_string_equal(fat_strerror(-1000), "unknown FAT error");
}

static void unmounted_and_null_arguments_are_rejected(void **state)
{
    struct fat_volume v;
    struct fat_file f;
    struct fat_blockdev d = {NULL, NULL, 0};
    uint32_t n;
    (void)state;
    memset(&v, 0, sizeof v);
    memset(&f, 0, sizeof f);
    assert_int_equal(fat_mount(NULL, &d), FAT_E_ARG);
    assert_int_equal(fat_mount(&v, &d), FAT_E_ARG);
    assert_int_equal(fat_open(&v, "A", &f), FAT_E_NOT_MOUNTED);
    assert_int_equal(fat_read(&f, &n, 1, &n), FAT_E_NOT_MOUNTED);
    assert_int_equal(fat_read(&f, NULL, 1, &n), FAT_E_ARG);
}

/* ---- main --------------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_fat.XXXXXX");
    return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    static const char *const names[] = {"card.img", "app.bin", "small.txt", "empty"};
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(tmp_path(names[i]));
    rmdir(tmpdir);
    return 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fat12_mbr_files_read_byte_exact),
        cmocka_unit_test(fat16_mbr_files_read_byte_exact),
        cmocka_unit_test(fat32_mbr_files_read_byte_exact),
        cmocka_unit_test(fat12_superfloppy_files_read_byte_exact),
        cmocka_unit_test(fat16_superfloppy_files_read_byte_exact),
        cmocka_unit_test(fat32_superfloppy_files_read_byte_exact),
        cmocka_unit_test(contiguous_file_is_read_with_few_device_reads),
        cmocka_unit_test(fragmented_files_read_byte_exact_fat12),
        cmocka_unit_test(fragmented_files_read_byte_exact_fat16),
        cmocka_unit_test(fragmented_files_read_byte_exact_fat32),
        cmocka_unit_test(long_name_matches_case_insensitively),
        cmocka_unit_test(long_name_filling_one_entry_exactly_matches_only_itself),
        cmocka_unit_test(directory_cluster_loop_is_detected),
        cmocka_unit_test(long_name_with_bad_checksum_falls_back_to_short_name),
        cmocka_unit_test(deleted_entry_is_skipped),
        cmocka_unit_test(subdirectory_path_opens_and_errors_are_named),
        cmocka_unit_test(missing_file_is_not_found),
        cmocka_unit_test(empty_file_reads_zero_bytes),
        cmocka_unit_test(bad_boot_signature_is_rejected),
        cmocka_unit_test(zero_sectors_per_cluster_is_rejected),
        cmocka_unit_test(zero_sectors_per_cluster_superfloppy_is_rejected),
        cmocka_unit_test(bpb_fields_are_validated),
        cmocka_unit_test(partition_table_is_validated),
        cmocka_unit_test(device_read_failure_is_reported),
        cmocka_unit_test(cluster_chain_loop_is_detected),
        cmocka_unit_test(cluster_chain_loop_after_last_cluster_is_detected),
        cmocka_unit_test(chain_pointing_past_volume_is_rejected),
        cmocka_unit_test(truncated_chain_is_file_longer_than_chain),
        cmocka_unit_test(over_long_chain_is_file_shorter_than_chain),
        cmocka_unit_test(free_and_bad_clusters_in_chain_are_rejected),
        cmocka_unit_test(every_error_has_a_message),
        cmocka_unit_test(unmounted_and_null_arguments_are_rejected),
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("unit.fat", tests, setup, teardown);
}
