/*
 * Read-only FAT12/16/32 reader. Facts from Microsoft's FAT specification (FATGEN 1.03)
 * and the classic MBR layout; see fat.h for the contract.
 */
#include "fat.h"

#include <stddef.h>

#define NO_LBA         0xFFFFFFFFu
#define SECTOR_SHIFT   9u
#define SIG_OFFSET     510u
#define SIG_BYTE0      0x55u
#define SIG_BYTE1      0xAAu

/* MBR: four 16-byte partition entries. */
#define MBR_TABLE      0x1BEu
#define MBR_ENTRY_SIZE 16u
#define MBR_ENTRIES    4u
#define PART_STATUS    0u
#define PART_TYPE      4u
#define PART_FIRST_LBA 8u
#define PART_SECTORS   12u
#define PART_ACTIVE    0x80u
#define PART_TYPE_GPT  0xEEu

/* BIOS parameter block (boot sector) offsets. */
#define BPB_JMP        0x00u
#define BPB_BYTS_SEC   0x0Bu
#define BPB_SEC_CLUS   0x0Du
#define BPB_RSVD_SECS  0x0Eu
#define BPB_NUM_FATS   0x10u
#define BPB_ROOT_ENTS  0x11u
#define BPB_TOT_SEC16  0x13u
#define BPB_FAT_SZ16   0x16u
#define BPB_TOT_SEC32  0x20u
#define BPB_FAT_SZ32   0x24u
#define BPB_EXT_FLAGS  0x28u
#define BPB_FS_VER     0x2Au
#define BPB_ROOT_CLUS  0x2Cu
#define EXT_FLAGS_NO_MIRROR 0x80u /* bit 7: only the FAT in bits 3:0 is active */
#define EXT_FLAGS_ACTIVE    0x0Fu
#define JMP_SHORT      0xEBu /* EB xx 90 */
#define JMP_NOP        0x90u
#define JMP_NEAR       0xE9u

/* Cluster counts that decide the FAT type (FATGEN: the only correct way). */
#define FAT12_MAX_CLUSTERS 4084u
#define FAT16_MAX_CLUSTERS 65524u
#define FAT32_MAX_CLUSTERS 0x0FFFFFF5u /* highest cluster number below the reserved range */
#define FAT32_ENTRY_MASK   0x0FFFFFFFu
#define FIRST_CLUSTER      2u

/* Directory entries (32 bytes). */
#define DIRENT_SIZE      32u
#define DIRENTS_PER_SEC  (FAT_SECTOR_SIZE / DIRENT_SIZE)
#define DIR_MAX_ENTRIES  65536u /* FATGEN: a directory never exceeds 65536 entries */
#define DIR_NAME         0x00u
#define DIR_ATTR         0x0Bu
#define DIR_CLUS_HI      0x14u
#define DIR_CLUS_LO      0x1Au
#define DIR_FILE_SIZE    0x1Cu
#define NAME_LEN_83      11u
#define NAME_END         0x00u /* first byte: no more entries */
#define NAME_DELETED     0xE5u
#define NAME_KANJI_E5    0x05u /* first byte 0x05 stands for 0xE5 */
#define ATTR_VOLUME_ID   0x08u
#define ATTR_DIRECTORY   0x10u
#define ATTR_LFN         0x0Fu /* RO | HIDDEN | SYSTEM | VOLUME_ID */
#define ATTR_LFN_MASK    0x3Fu
#define LFN_ORD_LAST     0x40u
#define LFN_ORD_MASK     0x3Fu
#define LFN_CHKSUM       0x0Du
#define LFN_CHARS        13u
#define LFN_MAX_ORD      20u  /* 20 * 13 >= 255 */
#define NAME_MAX_LEN     255u

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static uint8_t ascii_upper(uint8_t c)
{
    return (c >= 'a' && c <= 'z') ? (uint8_t)(c - ('a' - 'A')) : c;
}

static void copy_bytes(uint8_t *dst, const uint8_t *src, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        dst[i] = src[i];
}

/* ---- block access ------------------------------------------------------------------ */

static int dev_read(struct fat_volume *v, uint32_t lba, uint32_t count, void *buf)
{
    const struct fat_blockdev *d = v->dev;

    if (count == 0 || lba >= d->block_count || count > d->block_count - lba)
        return FAT_E_DEV_RANGE;
    if (d->read(d->ctx, lba, count, buf) != 0)
        return FAT_E_IO;
    return FAT_OK;
}

/* Bring one sector into v->buf (single-sector cache). */
static int load(struct fat_volume *v, uint32_t lba)
{
    int rc;

    if (v->buf_lba == lba)
        return FAT_OK;
    v->buf_lba = NO_LBA;
    rc = dev_read(v, lba, 1, v->buf);
    if (rc != FAT_OK)
        return rc;
    v->buf_lba = lba;
    return FAT_OK;
}

/* ---- mount ------------------------------------------------------------------------- */

static int has_signature(const uint8_t *s)
{
    return s[SIG_OFFSET] == SIG_BYTE0 && s[SIG_OFFSET + 1] == SIG_BYTE1;
}

static int has_boot_jump(const uint8_t *s)
{
    return (s[BPB_JMP] == JMP_SHORT && s[BPB_JMP + 2] == JMP_NOP) || s[BPB_JMP] == JMP_NEAR;
}

static int is_fat_partition_type(uint8_t t)
{
    return t == 0x01 || t == 0x04 || t == 0x06 || t == 0x0B || t == 0x0C || t == 0x0E;
}

/*
 * A FAT boot sector at LBA 0 also has 0x55AA and boot code where an MBR has its table;
 * it is taken as an MBR only when the table looks like one (status bytes 0x00/0x80 and
 * a FAT or GPT entry).
 */
static int looks_like_mbr(const uint8_t *s)
{
    int found = 0;

    for (uint32_t i = 0; i < MBR_ENTRIES; i++) {
        const uint8_t *e = s + MBR_TABLE + i * MBR_ENTRY_SIZE;
        uint8_t st = e[PART_STATUS];

        if (st != 0 && st != PART_ACTIVE)
            return 0;
        if (e[PART_TYPE] == PART_TYPE_GPT ||
            (is_fat_partition_type(e[PART_TYPE]) && le32(e + PART_FIRST_LBA) != 0 &&
             le32(e + PART_SECTORS) != 0))
            found = 1;
    }
    return found;
}

static int mbr_find_fat(const uint8_t *s, uint32_t block_count, uint32_t *start,
                        uint32_t *count)
{
    for (uint32_t i = 0; i < MBR_ENTRIES; i++)
        if (s[MBR_TABLE + i * MBR_ENTRY_SIZE + PART_TYPE] == PART_TYPE_GPT)
            return FAT_E_GPT;
    for (uint32_t i = 0; i < MBR_ENTRIES; i++) {
        const uint8_t *e = s + MBR_TABLE + i * MBR_ENTRY_SIZE;
        uint32_t first, n;

        if (!is_fat_partition_type(e[PART_TYPE]))
            continue;
        first = le32(e + PART_FIRST_LBA);
        n = le32(e + PART_SECTORS);
        if (first == 0 || n == 0 || first >= block_count || n > block_count - first)
            return FAT_E_PARTITION;
        *start = first;
        *count = n;
        return FAT_OK;
    }
    return FAT_E_NO_PARTITION;
}

/* Validate the BPB in v->buf (volume at start, at most limit sectors) and fill v. */
static int parse_bpb(struct fat_volume *v, uint32_t start, uint32_t limit)
{
    const uint8_t *b = v->buf;
    uint32_t spc = b[BPB_SEC_CLUS];
    uint32_t rsvd = le16(b + BPB_RSVD_SECS);
    uint32_t nfats = b[BPB_NUM_FATS];
    uint32_t root_ents = le16(b + BPB_ROOT_ENTS);
    uint32_t fatsz16 = le16(b + BPB_FAT_SZ16);
    uint32_t tot = le16(b + BPB_TOT_SEC16);
    uint32_t fatsz = fatsz16;
    uint32_t root_secs, count, active = 0, root_clus = 0;
    uint64_t first_data, fat_bytes_needed;
    uint8_t shift = 0, type;

    if (le16(b + BPB_BYTS_SEC) != FAT_SECTOR_SIZE)
        return FAT_E_SECTOR_SIZE;
    if (spc == 0 || (spc & (spc - 1)) != 0)
        return FAT_E_CLUSTER_SIZE;
    while ((1u << shift) != spc)
        shift++;
    if (rsvd == 0)
        return FAT_E_RESERVED;
    if (nfats < 1 || nfats > 2)
        return FAT_E_NUM_FATS;
    if (tot == 0)
        tot = le32(b + BPB_TOT_SEC32);
    if (tot == 0 || tot > limit)
        return FAT_E_TOTAL_SECTORS;
    if (fatsz == 0)
        fatsz = le32(b + BPB_FAT_SZ32);
    if (fatsz == 0)
        return FAT_E_FAT_SIZE;

    root_secs = (root_ents * DIRENT_SIZE + FAT_SECTOR_SIZE - 1) >> SECTOR_SHIFT;
    first_data = (uint64_t)rsvd + (uint64_t)nfats * fatsz + root_secs;
    if (first_data >= tot)
        return FAT_E_LAYOUT;
    count = (tot - (uint32_t)first_data) >> shift;
    if (count == 0)
        return FAT_E_LAYOUT;

    if (count <= FAT12_MAX_CLUSTERS) {
        type = 12;
        fat_bytes_needed = ((uint64_t)(count + 2) * 3 + 1) / 2;
    } else if (count <= FAT16_MAX_CLUSTERS) {
        type = 16;
        fat_bytes_needed = (uint64_t)(count + 2) * 2;
    } else {
        type = 32;
        fat_bytes_needed = (uint64_t)(count + 2) * 4;
    }

    if (type == 32) {
        uint32_t flags = le16(b + BPB_EXT_FLAGS);

        if (root_ents != 0)
            return FAT_E_ROOT_ENTRIES;
        if (fatsz16 != 0)
            return FAT_E_FAT_SIZE;
        if (count > FAT32_MAX_CLUSTERS - 1)
            return FAT_E_LAYOUT;
        if (le16(b + BPB_FS_VER) != 0)
            return FAT_E_VERSION;
        if (flags & EXT_FLAGS_NO_MIRROR) {
            active = flags & EXT_FLAGS_ACTIVE;
            if (active >= nfats)
                return FAT_E_NUM_FATS;
        }
        root_clus = le32(b + BPB_ROOT_CLUS);
        if (root_clus < FIRST_CLUSTER || root_clus > count + 1)
            return FAT_E_ROOT_CLUSTER;
    } else if (root_ents == 0) {
        return FAT_E_ROOT_ENTRIES;
    }
    if ((uint64_t)fatsz * FAT_SECTOR_SIZE < fat_bytes_needed)
        return FAT_E_FAT_SIZE;

    /* start + tot <= block_count was checked, so these sums fit in 32 bits. */
    v->fat_lba = start + rsvd + active * fatsz;
    v->fat_sectors = fatsz;
    v->root_lba = start + rsvd + nfats * fatsz;
    v->root_sectors = root_secs;
    v->root_cluster = root_clus;
    v->data_lba = start + (uint32_t)first_data;
    v->cluster_count = count;
    v->spc_shift = shift;
    v->type = type;
    return FAT_OK;
}

int fat_mount(struct fat_volume *v, const struct fat_blockdev *dev)
{
    uint32_t start = 0, limit;
    int rc;

    if (v == NULL || dev == NULL || dev->read == NULL || dev->block_count == 0)
        return FAT_E_ARG;
    v->type = 0;
    v->dev = dev;
    v->buf_lba = NO_LBA;
    limit = dev->block_count;

    rc = load(v, 0);
    if (rc != FAT_OK)
        return rc;
    if (!has_signature(v->buf))
        return FAT_E_NO_SIGNATURE;
    if (!has_boot_jump(v->buf) || looks_like_mbr(v->buf)) {
        rc = mbr_find_fat(v->buf, dev->block_count, &start, &limit);
        if (rc != FAT_OK)
            return rc;
        rc = load(v, start);
        if (rc != FAT_OK)
            return rc;
        if (!has_signature(v->buf))
            return FAT_E_NO_SIGNATURE;
        if (!has_boot_jump(v->buf))
            return FAT_E_NOT_FAT;
    }
    return parse_bpb(v, start, limit);
}

/* ---- FAT and cluster chains -------------------------------------------------------- */

#define CHAIN_END 0xFFFFFFFFu

static uint32_t cluster_lba(const struct fat_volume *v, uint32_t clus)
{
    return v->data_lba + ((clus - FIRST_CLUSTER) << v->spc_shift);
}

/* Next cluster after clus (2..count+1) or CHAIN_END; markers inside a chain are errors. */
static int fat_next(struct fat_volume *v, uint32_t clus, uint32_t *next)
{
    uint32_t off, lba, idx, val, eoc;
    int rc;

    if (v->type == 12)
        off = clus + (clus >> 1);
    else if (v->type == 16)
        off = clus * 2;
    else
        off = clus * 4;
    lba = v->fat_lba + (off >> SECTOR_SHIFT);
    idx = off & (FAT_SECTOR_SIZE - 1);
    rc = load(v, lba);
    if (rc != FAT_OK)
        return rc;

    if (v->type == 12) {
        uint32_t lo = v->buf[idx], hi;

        if (idx == FAT_SECTOR_SIZE - 1) { /* the entry straddles two FAT sectors */
            rc = load(v, lba + 1);
            if (rc != FAT_OK)
                return rc;
            hi = v->buf[0];
        } else {
            hi = v->buf[idx + 1];
        }
        val = lo | (hi << 8);
        val = (clus & 1) ? (val >> 4) : (val & 0xFFFu);
        eoc = 0xFF8u;
    } else if (v->type == 16) {
        val = le16(v->buf + idx);
        eoc = 0xFFF8u;
    } else {
        val = le32(v->buf + idx) & FAT32_ENTRY_MASK;
        eoc = 0x0FFFFFF8u;
    }

    if (val >= eoc) {
        *next = CHAIN_END;
        return FAT_OK;
    }
    if (val == 0)
        return FAT_E_CHAIN_FREE;
    if (val == eoc - 1)
        return FAT_E_CHAIN_BAD;
    if (val < FIRST_CLUSTER || val > v->cluster_count + 1)
        return FAT_E_CHAIN_RANGE;
    *next = val;
    return FAT_OK;
}

/*
 * Loop detection (Brent): a mark is kept at the start of windows of doubling length;
 * meeting the mark again means a cycle. Together with the hard bound (a chain of more
 * links than the volume has clusters must repeat) no chain walk can run forever.
 */
struct chain_walk {
    uint32_t mark, power, len, steps;
};

static void walk_init(struct chain_walk *w, uint32_t first)
{
    w->mark = first;
    w->power = 1;
    w->len = 0;
    w->steps = 0;
}

static int walk_step(struct chain_walk *w, const struct fat_volume *v, uint32_t next)
{
    if (next == w->mark || ++w->steps > v->cluster_count)
        return FAT_E_CHAIN_LOOP;
    if (++w->len == w->power) {
        w->mark = next;
        w->power <<= 1;
        w->len = 0;
    }
    return FAT_OK;
}

/* ---- directories ------------------------------------------------------------------- */

struct dir_hit {
    uint32_t cluster;
    uint32_t size;
    uint8_t attr;
};

struct lfn_state {
    uint8_t active;   /* a sequence is being collected */
    uint8_t next_ord; /* ordinal expected next; 0 once complete */
    uint8_t chksum;
    uint8_t match;    /* the part seen so far equals the wanted name */
};

static const uint8_t lfn_char_offsets[LFN_CHARS] = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

static uint8_t sfn_checksum(const uint8_t *name)
{
    uint8_t sum = 0;

    for (uint32_t i = 0; i < NAME_LEN_83; i++)
        sum = (uint8_t)(((sum & 1u) << 7) + (sum >> 1) + name[i]);
    return sum;
}

/* Does the LFN entry e, holding characters base..base+12, agree with name? */
static int lfn_part_matches(const uint8_t *e, uint32_t base, const char *name, uint32_t nlen)
{
    for (uint32_t i = 0; i < LFN_CHARS; i++) {
        uint32_t c = le16(e + lfn_char_offsets[i]);
        uint32_t p = base + i;

        if (p < nlen) {
            if (c > 0x7Fu || ascii_upper((uint8_t)c) != ascii_upper((uint8_t)name[p]))
                return 0;
        } else if (p == nlen) {
            if (c != 0)
                return 0;
        }
        /* beyond the terminator: 0xFFFF padding, not significant */
    }
    return 1;
}

/* 8.3 form of name (space padded, upper case); 0 if name has no 8.3 form. */
static int make_83(const char *name, uint32_t nlen, uint8_t out[NAME_LEN_83])
{
    uint32_t dot = nlen, i;

    for (i = 0; i < NAME_LEN_83; i++)
        out[i] = ' ';
    if ((nlen == 1 && name[0] == '.') || (nlen == 2 && name[0] == '.' && name[1] == '.')) {
        for (i = 0; i < nlen; i++)
            out[i] = '.';
        return 1;
    }
    for (i = 0; i < nlen; i++)
        if (name[i] == '.')
            dot = i;
    if (dot == 0 || dot > 8 || nlen - dot > 4 || (dot == nlen && nlen > 8))
        return 0;
    for (i = 0; i < dot; i++) {
        if (name[i] == '.')
            return 0;
        out[i] = ascii_upper((uint8_t)name[i]);
    }
    for (i = dot + 1; i < nlen; i++)
        out[8 + i - dot - 1] = ascii_upper((uint8_t)name[i]);
    return 1;
}

static int sfn_matches(const uint8_t *e, const uint8_t want[NAME_LEN_83])
{
    for (uint32_t i = 0; i < NAME_LEN_83; i++) {
        uint8_t c = e[DIR_NAME + i];

        if (i == 0 && c == NAME_KANJI_E5)
            c = NAME_DELETED;
        if (ascii_upper(c) != want[i])
            return 0;
    }
    return 1;
}

/* Feed one LFN entry into the state machine. */
static void lfn_feed(struct lfn_state *s, const uint8_t *e, const char *name, uint32_t nlen)
{
    uint8_t ord = e[DIR_NAME] & LFN_ORD_MASK;

    if (e[DIR_NAME] & LFN_ORD_LAST) {
        if (ord == 0 || ord > LFN_MAX_ORD) {
            s->active = 0;
            return;
        }
        s->active = 1;
        s->next_ord = ord;
        s->chksum = e[LFN_CHKSUM];
        s->match = nlen > (uint32_t)(ord - 1) * LFN_CHARS && nlen <= (uint32_t)ord * LFN_CHARS;
    } else if (!s->active || s->next_ord == 0 || ord != s->next_ord ||
               e[LFN_CHKSUM] != s->chksum) {
        s->active = 0; /* orphan or out-of-order part: ignore the sequence */
        return;
    }
    if (s->match)
        s->match = (uint8_t)lfn_part_matches(e, (uint32_t)(ord - 1) * LFN_CHARS, name, nlen);
    s->next_ord--;
}

/* Look for name in the directory starting at dir_clus (0: the root directory). */
static int dir_find(struct fat_volume *v, uint32_t dir_clus, const char *name, uint32_t nlen,
                    struct dir_hit *hit)
{
    struct lfn_state lfn = {0, 0, 0, 0};
    struct chain_walk walk;
    uint8_t want83[NAME_LEN_83];
    int has83 = make_83(name, nlen, want83);
    uint32_t spc_mask = (1u << v->spc_shift) - 1;
    int fixed_root = 0;
    uint32_t clus = dir_clus;
    int rc;

    if (clus == 0) {
        if (v->type == 32)
            clus = v->root_cluster;
        else
            fixed_root = 1;
    }
    walk_init(&walk, clus);

    for (uint32_t sec = 0; sec < DIR_MAX_ENTRIES / DIRENTS_PER_SEC; sec++) {
        uint32_t lba;

        if (fixed_root) {
            if (sec >= v->root_sectors)
                return FAT_E_NOT_FOUND;
            lba = v->root_lba + sec;
        } else {
            if (sec != 0 && (sec & spc_mask) == 0) {
                uint32_t next;

                rc = fat_next(v, clus, &next);
                if (rc != FAT_OK)
                    return rc;
                if (next == CHAIN_END)
                    return FAT_E_NOT_FOUND;
                rc = walk_step(&walk, v, next);
                if (rc != FAT_OK)
                    return rc;
                clus = next;
            }
            lba = cluster_lba(v, clus) + (sec & spc_mask);
        }
        rc = load(v, lba);
        if (rc != FAT_OK)
            return rc;

        for (uint32_t i = 0; i < DIRENTS_PER_SEC; i++) {
            const uint8_t *e = v->buf + i * DIRENT_SIZE;
            uint8_t attr = e[DIR_ATTR];
            int lfn_ok;

            if (e[DIR_NAME] == NAME_END)
                return FAT_E_NOT_FOUND;
            if (e[DIR_NAME] == NAME_DELETED) {
                lfn.active = 0;
                continue;
            }
            if ((attr & ATTR_LFN_MASK) == ATTR_LFN) {
                lfn_feed(&lfn, e, name, nlen);
                continue;
            }
            lfn_ok = lfn.active && lfn.next_ord == 0 && lfn.chksum == sfn_checksum(e);
            lfn.active = 0;
            if (attr & ATTR_VOLUME_ID)
                continue;
            if ((lfn_ok && lfn.match) || (has83 && sfn_matches(e, want83))) {
                hit->attr = attr;
                hit->size = le32(e + DIR_FILE_SIZE);
                hit->cluster = le16(e + DIR_CLUS_LO);
                if (v->type == 32)
                    hit->cluster |= (uint32_t)le16(e + DIR_CLUS_HI) << 16;
                return FAT_OK;
            }
        }
    }
    return FAT_E_DIR_TOO_LARGE;
}

/* ---- files ------------------------------------------------------------------------- */

int fat_open(struct fat_volume *v, const char *path, struct fat_file *f)
{
    uint32_t dir = 0; /* root */
    const char *p = path;
    int rc;

    if (v == NULL || path == NULL || f == NULL)
        return FAT_E_ARG;
    f->vol = NULL;
    if (v->type == 0)
        return FAT_E_NOT_MOUNTED;

    while (*p == '/')
        p++;
    if (*p == '\0')
        return FAT_E_NAME;

    for (;;) {
        struct dir_hit hit;
        uint32_t nlen = 0;
        int last;

        while (p[nlen] != '\0' && p[nlen] != '/') {
            if (++nlen > NAME_MAX_LEN)
                return FAT_E_NAME;
        }
        rc = dir_find(v, dir, p, nlen, &hit);
        if (rc != FAT_OK)
            return rc;
        p += nlen;
        while (*p == '/')
            p++;
        last = (*p == '\0');

        if (!last) {
            if (!(hit.attr & ATTR_DIRECTORY))
                return FAT_E_NOT_DIR;
            /* cluster 0 in a ".." entry means the root directory */
            if (hit.cluster != 0 &&
                (hit.cluster < FIRST_CLUSTER || hit.cluster > v->cluster_count + 1))
                return FAT_E_CHAIN_RANGE;
            dir = hit.cluster;
            continue;
        }
        if (hit.attr & ATTR_DIRECTORY)
            return FAT_E_IS_DIR;
        if (hit.size == 0) {
            if (hit.cluster != 0)
                return FAT_E_CHAIN_LONG;
        } else {
            uint32_t cshift = v->spc_shift + SECTOR_SHIFT;
            uint32_t needed = ((hit.size - 1) >> cshift) + 1;

            if (hit.cluster == 0 || needed > v->cluster_count)
                return FAT_E_CHAIN_SHORT;
            if (hit.cluster < FIRST_CLUSTER || hit.cluster > v->cluster_count + 1)
                return FAT_E_CHAIN_RANGE;
        }
        f->size = hit.size;
        f->pos = 0;
        f->first_cluster = hit.cluster;
        f->cluster = hit.cluster;
        f->clus_idx = 0;
        f->loop_mark = hit.cluster;
        f->loop_power = 1;
        f->loop_len = 0;
        f->tail_checked = 0;
        f->vol = v;
        return FAT_OK;
    }
}

/* Move the file's chain position one cluster on (the next cluster is known to be needed). */
static int file_step(struct fat_file *f, uint32_t next)
{
    struct chain_walk w = {f->loop_mark, f->loop_power, f->loop_len, f->clus_idx};
    int rc = walk_step(&w, f->vol, next);

    if (rc != FAT_OK)
        return rc;
    f->loop_mark = w.mark;
    f->loop_power = w.power;
    f->loop_len = w.len;
    f->cluster = next;
    f->clus_idx++;
    return FAT_OK;
}

static int file_next_needed(struct fat_file *f, uint32_t *next)
{
    int rc = fat_next(f->vol, f->cluster, next);

    if (rc == FAT_OK && *next == CHAIN_END)
        return FAT_E_CHAIN_SHORT;
    return rc;
}

/* Copy n bytes starting at byte off of sector lba: partial sectors through the cache,
 * whole sectors straight into dst with one device read. */
static int read_span(struct fat_volume *v, uint32_t lba, uint32_t off, uint8_t *dst,
                     uint32_t n)
{
    int rc;

    if (off != 0) {
        uint32_t k = FAT_SECTOR_SIZE - off;

        if (k > n)
            k = n;
        rc = load(v, lba);
        if (rc != FAT_OK)
            return rc;
        copy_bytes(dst, v->buf + off, k);
        dst += k;
        n -= k;
        lba++;
    }
    if (n >= FAT_SECTOR_SIZE) {
        uint32_t cnt = n >> SECTOR_SHIFT;

        rc = dev_read(v, lba, cnt, dst);
        if (rc != FAT_OK)
            return rc;
        dst += cnt << SECTOR_SHIFT;
        n -= cnt << SECTOR_SHIFT;
        lba += cnt;
    }
    if (n != 0) {
        rc = load(v, lba);
        if (rc != FAT_OK)
            return rc;
        copy_bytes(dst, v->buf, n);
    }
    return FAT_OK;
}

/*
 * At end of file: the chain must end exactly at the last cluster holding data. The file
 * state is left untouched, so asking again gives the same answer.
 */
static int check_tail(const struct fat_file *f)
{
    struct chain_walk w = {f->loop_mark, f->loop_power, f->loop_len, f->clus_idx};
    uint32_t clus = f->cluster, next;
    int rc;

    if (f->size == 0)
        return FAT_OK;
    rc = fat_next(f->vol, clus, &next);
    if (rc != FAT_OK)
        return rc;
    if (next == CHAIN_END)
        return FAT_OK;
    /* Walk on only to tell a loop from a plain over-long chain; bounded by walk_step. */
    while (next != CHAIN_END) {
        if (walk_step(&w, f->vol, next) != FAT_OK)
            return FAT_E_CHAIN_LOOP;
        clus = next;
        if (fat_next(f->vol, clus, &next) != FAT_OK)
            break;
    }
    return FAT_E_CHAIN_LONG;
}

int fat_read(struct fat_file *f, void *buf, uint32_t len, uint32_t *got)
{
    struct fat_volume *v;
    uint8_t *out = buf;
    uint32_t done = 0, cshift, cmask;
    int rc = FAT_OK;

    if (got != NULL)
        *got = 0;
    if (f == NULL || got == NULL || (buf == NULL && len != 0))
        return FAT_E_ARG;
    v = f->vol;
    if (v == NULL || v->type == 0)
        return FAT_E_NOT_MOUNTED;
    cshift = v->spc_shift + SECTOR_SHIFT;
    cmask = (1u << cshift) - 1;

    while (done < len && f->pos < f->size) {
        uint32_t want = len - done, off, first;
        uint64_t avail;

        if (want > f->size - f->pos)
            want = f->size - f->pos;
        /* The position only ever moves onto the cluster after the current one. */
        if ((f->pos >> cshift) != f->clus_idx) {
            uint32_t next;

            rc = file_next_needed(f, &next);
            if (rc == FAT_OK)
                rc = file_step(f, next);
            if (rc != FAT_OK)
                goto out;
        }
        off = f->pos & cmask;
        first = f->cluster;
        avail = (uint64_t)cmask + 1 - off;
        /* Extend the run over physically contiguous clusters: one device read. */
        while (avail < want) {
            uint32_t next;

            rc = file_next_needed(f, &next);
            if (rc != FAT_OK)
                goto out;
            if (next != f->cluster + 1)
                break;
            rc = file_step(f, next);
            if (rc != FAT_OK)
                goto out;
            avail += (uint64_t)cmask + 1;
        }
        if (want > avail)
            want = (uint32_t)avail;
        rc = read_span(v, cluster_lba(v, first) + (off >> SECTOR_SHIFT),
                       off & (FAT_SECTOR_SIZE - 1), out + done, want);
        if (rc != FAT_OK)
            goto out;
        done += want;
        f->pos += want;
    }
    if (f->pos == f->size && !f->tail_checked) {
        rc = check_tail(f);
        if (rc != FAT_OK)
            goto out;
        f->tail_checked = 1;
    }
out:
    *got = done;
    return rc;
}

const char *fat_strerror(int err)
{
    switch (err) {
    case FAT_OK: return "ok";
    case FAT_E_ARG: return "invalid argument (NULL pointer or empty device)";
    case FAT_E_IO: return "device read failed";
    case FAT_E_DEV_RANGE: return "read past the end of the device";
    case FAT_E_NO_SIGNATURE: return "no FAT volume: no boot signature 0x55AA";
    case FAT_E_GPT: return "GPT partition table: unsupported, use an MBR card";
    case FAT_E_NO_PARTITION: return "no FAT volume: no FAT partition in the MBR";
    case FAT_E_PARTITION: return "FAT partition entry outside the device";
    case FAT_E_NOT_FAT: return "no FAT volume: boot sector has no jump instruction";
    case FAT_E_SECTOR_SIZE: return "bytes per sector is not 512";
    case FAT_E_CLUSTER_SIZE: return "sectors per cluster is not a power of two 1..128";
    case FAT_E_RESERVED: return "reserved sector count is zero";
    case FAT_E_NUM_FATS: return "number of FATs (or active FAT) invalid";
    case FAT_E_ROOT_ENTRIES: return "root entry count inconsistent with the FAT type";
    case FAT_E_TOTAL_SECTORS: return "total sectors zero or beyond the partition";
    case FAT_E_FAT_SIZE: return "FAT size zero or too small for the cluster count";
    case FAT_E_LAYOUT: return "volume has no data clusters (or too many)";
    case FAT_E_ROOT_CLUSTER: return "FAT32 root cluster outside the volume";
    case FAT_E_VERSION: return "unsupported FAT32 version";
    case FAT_E_NAME: return "empty or too long file name";
    case FAT_E_NOT_FOUND: return "file not found";
    case FAT_E_IS_DIR: return "is a directory, not a file";
    case FAT_E_NOT_DIR: return "path component is not a directory";
    case FAT_E_DIR_TOO_LARGE: return "directory larger than 65536 entries";
    case FAT_E_CHAIN_LOOP: return "cluster chain loop";
    case FAT_E_CHAIN_SHORT: return "file longer than its cluster chain";
    case FAT_E_CHAIN_LONG: return "file shorter than its cluster chain";
    case FAT_E_CHAIN_FREE: return "free cluster inside a cluster chain";
    case FAT_E_CHAIN_BAD: return "bad cluster inside a cluster chain";
    case FAT_E_CHAIN_RANGE: return "cluster chain points past the volume";
    case FAT_E_NOT_MOUNTED: return "volume not mounted or file not open";
    default: return "unknown FAT error";
    }
}
