/*
 * libFuzzer harness for the FAT reader: the input is the start of a 64 MiB disk image
 * (512-byte blocks); everything past the input reads as zeros, so a small input can
 * describe a FAT16/FAT32 volume (trailing zeros trimmed from the seeds). Mount it, open
 * fixed names (8.3, long name, subdirectory) and read each file to the end. The block
 * device bounds-checks every request against the device size.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fs/fat.h"

struct input {
    const uint8_t *data;
    size_t size;
};

#define DEVICE_BLOCKS 131072u /* 64 MiB */

static int input_read(void *ctx, uint32_t lba, uint32_t count, void *buf)
{
    const struct input *in = ctx;
    size_t start = (size_t)lba * FAT_SECTOR_SIZE, len = (size_t)count * FAT_SECTOR_SIZE;
    size_t have = 0;

    if (count == 0 || lba >= DEVICE_BLOCKS || count > DEVICE_BLOCKS - lba)
        __builtin_trap(); /* the reader must never ask for blocks outside the device */
    if (start < in->size)
        have = (in->size - start < len) ? in->size - start : len;
    if (have)
        memcpy(buf, in->data + start, have);
    memset((uint8_t *)buf + have, 0, len - have);
    return 0;
}

static void read_all(struct fat_volume *v, const char *name, uint32_t chunk)
{
    static uint8_t buf[8192];
    struct fat_file f;
    uint32_t got;

    if (fat_open(v, name, &f) != FAT_OK)
        return;
    /* A file can be up to 4 GiB; the image is small, so stop after 16 MiB of data. */
    for (uint32_t total = 0; total < (16u << 20);) {
        if (fat_read(&f, buf, chunk, &got) != FAT_OK || got == 0)
            return;
        if (got > chunk)
            __builtin_trap();
        total += got;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fat_volume vol;
    struct input in = {data, size};
    struct fat_blockdev dev = {input_read, &in, DEVICE_BLOCKS};

    if (size > (size_t)DEVICE_BLOCKS * FAT_SECTOR_SIZE)
        return 0;
    if (fat_mount(&vol, &dev) != FAT_OK)
        return 0;
    read_all(&vol, "APP.BIN", 8192);
    read_all(&vol, "Application Image.bin", 700);
    read_all(&vol, "dir/sub/file.bin", 1);
    return 0;
}
