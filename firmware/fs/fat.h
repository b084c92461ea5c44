/*
 * Read-only FAT12/16/32 reader for the boot (BINARY_AREA = USE_SDCARD).
 *
 * Written from Microsoft's FAT specification (FATGEN 1.03) facts; see
 * docs/reference section 6. Freestanding: no allocation, no stdio. All state lives
 * in the caller's struct fat_volume (one 512-byte sector buffer) and struct fat_file.
 *
 * Every function returns 0 or a negative FAT_E_* code; fat_strerror() gives a
 * one-line message for each. Every on-disk field is validated before use and every
 * cluster chain walk is bounded, so a corrupted card yields an error, never a hang.
 *
 * All on-disk integers are little-endian and read byte by byte (no packed structs,
 * no alignment assumptions).
 */
#ifndef EXTMEM_FAT_H
#define EXTMEM_FAT_H

#include <stdint.h>

#define FAT_SECTOR_SIZE 512u

/* Errors (negative). Keep in sync with fat_strerror(). */
enum fat_error {
    FAT_OK = 0,
    FAT_E_ARG = -1,            /* NULL pointer or zero-sized device */
    FAT_E_IO = -2,             /* the block device read callback failed */
    FAT_E_DEV_RANGE = -3,      /* a read would go past the end of the device */
    FAT_E_NO_SIGNATURE = -4,   /* sector 0 or the boot sector lacks 0x55 0xAA */
    FAT_E_GPT = -5,            /* GPT protective MBR (type 0xEE): not supported */
    FAT_E_NO_PARTITION = -6,   /* MBR holds no FAT partition */
    FAT_E_PARTITION = -7,      /* FAT partition entry inconsistent with the device */
    FAT_E_NOT_FAT = -8,        /* boot sector has no x86 jump: not a FAT boot sector */
    FAT_E_SECTOR_SIZE = -9,    /* BPB bytes per sector is not 512 */
    FAT_E_CLUSTER_SIZE = -10,  /* BPB sectors per cluster not a power of two 1..128 */
    FAT_E_RESERVED = -11,      /* BPB reserved sector count is 0 */
    FAT_E_NUM_FATS = -12,      /* BPB number of FATs not 1 or 2 (or bad active FAT) */
    FAT_E_ROOT_ENTRIES = -13,  /* root entry count inconsistent with the FAT type */
    FAT_E_TOTAL_SECTORS = -14, /* total sectors 0 or past the partition/device */
    FAT_E_FAT_SIZE = -15,      /* FAT size 0 or too small for the cluster count */
    FAT_E_LAYOUT = -16,        /* no data region / no clusters */
    FAT_E_ROOT_CLUSTER = -17,  /* FAT32 root cluster outside the volume */
    FAT_E_VERSION = -18,       /* FAT32 FSVer is not 0.0 */
    FAT_E_NAME = -19,          /* empty or over-long file name */
    FAT_E_NOT_FOUND = -20,     /* no such file */
    FAT_E_IS_DIR = -21,        /* the name is a directory, not a file */
    FAT_E_NOT_DIR = -22,       /* a path component is a file, not a directory */
    FAT_E_DIR_TOO_LARGE = -23, /* directory longer than 65536 entries */
    FAT_E_CHAIN_LOOP = -24,    /* cluster chain loops */
    FAT_E_CHAIN_SHORT = -25,   /* chain ends before the file size is reached */
    FAT_E_CHAIN_LONG = -26,    /* chain continues after the file size */
    FAT_E_CHAIN_FREE = -27,    /* a free (0) cluster inside a chain */
    FAT_E_CHAIN_BAD = -28,     /* a bad-cluster marker inside a chain */
    FAT_E_CHAIN_RANGE = -29,   /* a cluster number outside the volume */
    FAT_E_NOT_MOUNTED = -30,   /* volume not mounted (or file not open) */
};

/* A device of 512-byte blocks. read() returns 0 on success, anything else is an error. */
struct fat_blockdev {
    int (*read)(void *ctx, uint32_t lba, uint32_t count, void *buf);
    void *ctx;
    uint32_t block_count;
};

struct fat_volume {
    const struct fat_blockdev *dev;
    uint32_t fat_lba;       /* absolute LBA of the FAT in use */
    uint32_t fat_sectors;
    uint32_t root_lba;      /* FAT12/16 fixed root directory */
    uint32_t root_sectors;  /* 0 on FAT32 */
    uint32_t root_cluster;  /* FAT32 root directory (0 on FAT12/16) */
    uint32_t data_lba;      /* absolute LBA of cluster 2 */
    uint32_t cluster_count; /* valid clusters: 2 .. cluster_count + 1 */
    uint32_t buf_lba;       /* LBA held in buf, UINT32_MAX if none */
    uint8_t type;           /* 12, 16 or 32; 0 when not mounted */
    uint8_t spc_shift;      /* log2(sectors per cluster) */
    uint8_t buf[FAT_SECTOR_SIZE];
};

struct fat_file {
    struct fat_volume *vol;
    uint32_t size;          /* bytes */
    uint32_t pos;           /* bytes read so far */
    uint32_t first_cluster; /* 0 for an empty file */
    uint32_t cluster;       /* cluster number at index clus_idx */
    uint32_t clus_idx;
    uint32_t loop_mark;     /* Brent cycle detection over the chain walk */
    uint32_t loop_power;
    uint32_t loop_len;
    uint8_t tail_checked;   /* chain end verified against the size */
};

/* Mount the FAT volume of dev: an MBR's first FAT partition, or a boot sector at LBA 0. */
int fat_mount(struct fat_volume *v, const struct fat_blockdev *dev);

/*
 * Open a file by path: components separated by '/', each matched case-insensitively
 * against the long file name (ASCII) or the 8.3 name. At most 255 characters per
 * component.
 */
int fat_open(struct fat_volume *v, const char *path, struct fat_file *f);

/*
 * Read up to len bytes at the file position; *got receives the byte count (0 at end of
 * file). Contiguous clusters are read with one device call. When the end of the file
 * is reached the rest of the chain is checked: an error is returned if it does not end
 * exactly there (data already copied is still counted in *got).
 */
int fat_read(struct fat_file *f, void *buf, uint32_t len, uint32_t *got);

/* One-line description of a FAT_E_* code. Never NULL. */
const char *fat_strerror(int err);

#endif /* EXTMEM_FAT_H */
