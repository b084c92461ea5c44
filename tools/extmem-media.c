/*
 * extmem-media: build the external media the boot reads its application from.
 *
 *   extmem-media sdcard -o card.img [--size-mib N] [--fat 12|16|32] [--no-mbr] [--fragment]
 *                FILE[=NAME]...
 *   extmem-media spinor -o flash.img --size N --offset OFF FILE
 *
 * The SD-card image is formatted by Debian's mkfs.fat (dosfstools) and filled by mtools,
 * both run with posix_spawn (argument vectors, no shell). The MBR partition entry is
 * written here. Exit status: 0 ok, 1 bad input or a failed step, 2 usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define SECTOR          512u
#define MIB             (1024u * 1024u)
#define PART_START_LBA  2048u /* 1 MiB, the alignment SD cards are formatted with */
#define MAX_SIZE_MIB    32768u
#define MAX_FILL_HOLES  4096u
#define DIR_PATH_MAX    (PATH_MAX + 4)

/* MBR layout (see reference section 6). */
#define MBR_TABLE       0x1BEu
#define MBR_DISK_SIG    0x1B8u
#define PART_TYPE_FAT12 0x01u
#define PART_TYPE_FAT16_SMALL 0x04u /* < 32 MiB */
#define PART_TYPE_FAT16 0x06u
#define PART_TYPE_FAT32_LBA 0x0Cu

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE     2

static const char *prog = "extmem-media";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: %s sdcard -o card.img [--size-mib N] [--fat 12|16|32] [--no-mbr] [--fragment]"
            " FILE[=NAME]...\n"
            "       %s spinor -o flash.img --size N --offset OFF FILE\n"
            "  NAME may contain '/' (subdirectories); N and OFF accept 0x.. and K/M suffixes\n",
            prog, prog);
}

__attribute__((format(printf, 1, 2))) static int fail(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_BAD_INPUT;
}

/* Number with optional K/M suffix (binary units); 0 on success. */
static int parse_size(const char *s, unsigned long long *out)
{
    char *end;
    unsigned long long v;

    if (s == NULL || *s == '\0' || *s == '-')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 0);
    if (errno != 0 || end == s)
        return -1;
    if (*end == 'K' || *end == 'k') {
        v *= 1024u;
        end++;
    } else if (*end == 'M' || *end == 'm') {
        v *= MIB;
        end++;
    }
    if (*end != '\0' || v > (1ull << 40))
        return -1;
    *out = v;
    return 0;
}

/* Run argv[0] (searched on PATH unless it has a '/'), stdin from /dev/null, stdout
 * discarded if quiet. Returns the exit status, or -1 if it could not run. */
static int run(char *const argv[], int quiet)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int st, rc;

    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (quiet)
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        fprintf(stderr, "%s: cannot run %s: %s\n", prog, argv[0], strerror(rc));
        return -1;
    }
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "%s: %s failed (status %d)\n", prog, argv[0],
                WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    return 0;
}

static const char *find_mkfs_fat(void)
{
    static const char *const candidates[] = {"/sbin/mkfs.fat", "/usr/sbin/mkfs.fat"};

    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (access(candidates[i], X_OK) == 0)
            return candidates[i];
    return "mkfs.fat"; /* PATH */
}

static int write_at(int fd, uint64_t off, const void *buf, size_t n)
{
    const uint8_t *p = buf;

    while (n > 0) {
        ssize_t w = pwrite(fd, p, n, (off_t)off);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
        off += (uint64_t)w;
    }
    return 0;
}

static int read_at(int fd, uint64_t off, void *buf, size_t n)
{
    ssize_t r = pread(fd, buf, n, (off_t)off);

    return (r == (ssize_t)n) ? 0 : -1;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static int write_mbr(int fd, uint32_t start, uint32_t sectors, uint8_t type)
{
    uint8_t mbr[SECTOR];
    uint8_t *e = mbr + MBR_TABLE;

    memset(mbr, 0, sizeof mbr);
    put_le32(mbr + MBR_DISK_SIG, 0x454d5845u);
    e[0] = 0x00;                         /* not active */
    e[1] = 0xFE; e[2] = 0xFF; e[3] = 0xFF; /* CHS unused: LBA addressing */
    e[4] = type;
    e[5] = 0xFE; e[6] = 0xFF; e[7] = 0xFF;
    put_le32(e + 8, start);
    put_le32(e + 12, sectors);
    mbr[510] = 0x55;
    mbr[511] = 0xAA;
    return write_at(fd, 0, mbr, sizeof mbr);
}

struct media_file {
    const char *src;
    char name[PATH_MAX];
    off_t size;
};

/* Runs an mtools command on the image: argv = {tool, "-i", spec, extra...}. */
struct argv_buf {
    char **v;
    size_t n, cap;
};

static int av_push(struct argv_buf *a, const char *s)
{
    if (a->n + 2 > a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 16;
        char **v = realloc(a->v, cap * sizeof *v);

        if (v == NULL)
            return -1;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n] = strdup(s);
    if (a->v[a->n] == NULL)
        return -1;
    a->n++;
    a->v[a->n] = NULL;
    return 0;
}

static void av_free(struct argv_buf *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
    a->v = NULL;
    a->n = a->cap = 0;
}

static int av_run(struct argv_buf *a)
{
    int rc = run(a->v, 1);

    av_free(a);
    return rc == 0 ? 0 : -1;
}

static int mtool_start(struct argv_buf *a, const char *tool, const char *spec)
{
    return (av_push(a, tool) || av_push(a, "-i") || av_push(a, spec)) ? -1 : 0;
}

/* Create every directory prefix of name ("a/b/f" -> ::/a, ::/a/b), once each. */
static int make_dirs(const char *spec, const char *name, char made[][DIR_PATH_MAX], size_t *nmade,
                     size_t max_made)
{
    char path[DIR_PATH_MAX];

    for (const char *p = strchr(name, '/'); p != NULL; p = strchr(p + 1, '/')) {
        size_t len = (size_t)(p - name), i;
        struct argv_buf a = {0};

        if (len > PATH_MAX - 8)
            return -1;
        snprintf(path, sizeof path, "::/%.*s", (int)len, name);
        for (i = 0; i < *nmade; i++)
            if (strcmp(made[i], path) == 0)
                break;
        if (i < *nmade)
            continue;
        if (*nmade >= max_made)
            return -1;
        memcpy(made[(*nmade)++], path, sizeof path);
        if (mtool_start(&a, "mmd", spec) || av_push(&a, path) || av_run(&a))
            return -1;
    }
    return 0;
}

/*
 * Fragmentation: fill the free space after the directories with one-cluster files,
 * delete every other one, and point the FAT32 next-free hint back to "unknown" so
 * mtools allocates first-fit into the holes: each file cluster lands in its own hole.
 */
static int fragment_prepare(int fd, uint64_t part_off, const char *spec, uint32_t holes,
                            char *tmpdir, size_t tmpdir_size)
{
    uint8_t bpb[SECTOR];
    uint32_t cluster_bytes;
    struct argv_buf a = {0};
    char path[PATH_MAX], target[64];
    uint8_t *zero;
    int rc = -1;

    if (read_at(fd, part_off, bpb, sizeof bpb) != 0)
        return -1;
    cluster_bytes = (uint32_t)bpb[0x0D] * (uint32_t)(bpb[0x0B] | (bpb[0x0C] << 8));
    if (cluster_bytes == 0)
        return -1;
    snprintf(tmpdir, tmpdir_size, "/tmp/extmem-media.XXXXXX");
    if (mkdtemp(tmpdir) == NULL)
        return -1;
    zero = calloc(1, cluster_bytes);
    if (zero == NULL)
        return -1;
    for (uint32_t i = 0; i < 2 * holes; i++) {
        int f;

        snprintf(path, sizeof path, "%s/F%05u", tmpdir, (unsigned)i);
        f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (f < 0 || write_at(f, 0, zero, cluster_bytes) != 0) {
            if (f >= 0)
                close(f);
            goto out;
        }
        close(f);
    }
    if (mtool_start(&a, "mmd", spec) || av_push(&a, "::/FILL") || av_run(&a))
        goto out;
    if (mtool_start(&a, "mcopy", spec))
        goto out;
    for (uint32_t i = 0; i < 2 * holes; i++) {
        snprintf(path, sizeof path, "%s/F%05u", tmpdir, (unsigned)i);
        if (av_push(&a, path))
            goto out;
    }
    if (av_push(&a, "::/FILL/") || av_run(&a))
        goto out;
    if (mtool_start(&a, "mdel", spec))
        goto out;
    for (uint32_t i = 0; i < 2 * holes; i += 2) {
        snprintf(target, sizeof target, "::/FILL/F%05u", (unsigned)i);
        if (av_push(&a, target))
            goto out;
    }
    if (av_run(&a))
        goto out;
    if (bpb[0x16] == 0 && bpb[0x17] == 0) { /* FATSz16 == 0: FAT32, has FSInfo */
        uint32_t fsinfo = (uint32_t)(bpb[0x30] | (bpb[0x31] << 8));
        uint8_t unknown[4] = {0xFF, 0xFF, 0xFF, 0xFF};

        if (fsinfo != 0 && fsinfo != 0xFFFF &&
            write_at(fd, part_off + (uint64_t)fsinfo * SECTOR + 492, unknown, 4) != 0)
            goto out;
    }
    rc = 0;
out:
    av_free(&a);
    free(zero);
    return rc;
}

static void remove_tmpdir(const char *tmpdir, uint32_t files)
{
    char path[PATH_MAX];

    if (tmpdir[0] == '\0')
        return;
    for (uint32_t i = 0; i < files; i++) {
        snprintf(path, sizeof path, "%s/F%05u", tmpdir, (unsigned)i);
        unlink(path);
    }
    rmdir(tmpdir);
}

static int valid_name(const char *name)
{
    const char *c = name;

    if (*name == '\0' || *name == '/' || strlen(name) >= PATH_MAX - 8)
        return 0;
    while (*c != '\0') {
        size_t len = strcspn(c, "/");

        if (len == 0 || len > 255 || (len == 2 && c[0] == '.' && c[1] == '.') ||
            (len == 1 && c[0] == '.'))
            return 0;
        c += len;
        if (*c == '/')
            c++;
    }
    return c[-1] != '/';
}

static int cmd_sdcard(int argc, char **argv)
{
    const char *out = NULL;
    unsigned long long size_mib = 0;
    int fat = 0, mbr = 1, fragment = 0;
    struct media_file *files;
    size_t nfiles = 0;
    int i, fd = -1, rc = EXIT_BAD_INPUT;
    uint32_t total, part_start, part_sectors;
    char spec[PATH_MAX + 32], tmpdir[64] = "";
    uint32_t fill_files = 0;
    char (*made)[DIR_PATH_MAX] = NULL;
    size_t nmade = 0;

    files = calloc((size_t)argc, sizeof *files);
    if (files == NULL)
        return fail("out of memory");
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(a, "--size-mib") == 0 && i + 1 < argc) {
            if (parse_size(argv[++i], &size_mib) != 0 || size_mib == 0 ||
                size_mib > MAX_SIZE_MIB) {
                free(files);
                return fail("bad --size-mib '%s' (1..32768)", argv[i]);
            }
        } else if (strcmp(a, "--fat") == 0 && i + 1 < argc) {
            fat = atoi(argv[++i]);
            if (fat != 12 && fat != 16 && fat != 32) {
                free(files);
                return fail("bad --fat '%s' (12, 16 or 32)", argv[i]);
            }
        } else if (strcmp(a, "--no-mbr") == 0) {
            mbr = 0;
        } else if (strcmp(a, "--fragment") == 0) {
            fragment = 1;
        } else if (a[0] == '-') {
            free(files);
            fprintf(stderr, "%s: unknown or incomplete option '%s'\n", prog, a);
            usage(stderr);
            return EXIT_USAGE;
        } else {
            struct media_file *m = &files[nfiles++];
            const char *eq = strchr(a, '=');
            const char *base;
            struct stat st;
            char *src = strdup(a);

            if (src == NULL) {
                rc = fail("out of memory");
                goto out;
            }
            if (eq != NULL) {
                src[eq - a] = '\0';
                snprintf(m->name, sizeof m->name, "%s", eq + 1);
            } else {
                base = strrchr(a, '/');
                snprintf(m->name, sizeof m->name, "%s", base ? base + 1 : a);
            }
            m->src = src;
            if (stat(src, &st) != 0 || !S_ISREG(st.st_mode)) {
                rc = fail("%s: not a readable regular file", src);
                goto out;
            }
            if (!valid_name(m->name)) {
                rc = fail("bad name '%s' for %s", m->name, src);
                goto out;
            }
            m->size = st.st_size;
        }
    }
    if (out == NULL || nfiles == 0) {
        usage(stderr);
        rc = EXIT_USAGE;
        goto out;
    }
    if (size_mib == 0)
        size_mib = (fat == 12) ? 4 : (fat == 16) ? 32 : 64;
    if (fat == 0)
        fat = size_mib >= 64 ? 32 : size_mib >= 8 ? 16 : 12;
    total = (uint32_t)(size_mib * (MIB / SECTOR));
    part_start = mbr ? PART_START_LBA : 0;
    if (total <= part_start + 64) {
        rc = fail("--size-mib too small for an MBR layout");
        goto out;
    }
    part_sectors = total - part_start;
    if (fat == 32 && part_sectors < 34u * (MIB / SECTOR)) {
        rc = fail("--fat 32 needs a volume of at least 34 MiB (use --size-mib 35 or more)");
        goto out;
    }
    if (fat == 12 && part_sectors > 16u * (MIB / SECTOR)) {
        rc = fail("--fat 12 supports volumes up to 16 MiB");
        goto out;
    }

    fd = open(out, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ftruncate(fd, (off_t)total * SECTOR) != 0) {
        rc = fail("%s: %s", out, strerror(errno));
        goto out;
    }

    {
        /* Cluster size: FAT12/16 as small as the type's cluster-count limit allows. */
        uint32_t limit = (fat == 12) ? 4084u : 65524u, spc = 1;
        char blocks[32], offset[32], hidden[32], spcs[8], fats[8];
        struct argv_buf a = {0};

        while (fat != 32 && spc < 128 && part_sectors / spc > limit)
            spc <<= 1;
        snprintf(blocks, sizeof blocks, "%u", (unsigned)(part_sectors / 2)); /* KiB */
        snprintf(offset, sizeof offset, "--offset=%u", (unsigned)part_start);
        snprintf(hidden, sizeof hidden, "%u", (unsigned)part_start);
        snprintf(spcs, sizeof spcs, "%u", (unsigned)spc);
        snprintf(fats, sizeof fats, "%d", fat);
        if (av_push(&a, find_mkfs_fat()) || av_push(&a, "-F") || av_push(&a, fats) ||
            av_push(&a, "-n") || av_push(&a, "EXTMEM") || av_push(&a, "--invariant") ||
            av_push(&a, "-h") || av_push(&a, hidden) || av_push(&a, offset) ||
            (fat != 32 || part_sectors < 512u * (MIB / SECTOR) ?
                 (av_push(&a, "-s") || av_push(&a, spcs)) : 0) ||
            av_push(&a, out) || av_push(&a, blocks) || av_run(&a)) {
            rc = fail("formatting %s as FAT%s failed", out, fats);
            goto out;
        }
    }

    setenv("MTOOLS_SKIP_CHECK", "1", 1);
    snprintf(spec, sizeof spec, "%s@@%llu", out, (unsigned long long)part_start * SECTOR);

    if (fragment) {
        uint64_t clusters = 0;
        uint8_t bpb[SECTOR];
        uint32_t cb;

        if (read_at(fd, (uint64_t)part_start * SECTOR, bpb, sizeof bpb) != 0) {
            rc = fail("%s: cannot read the boot sector back", out);
            goto out;
        }
        cb = (uint32_t)bpb[0x0D] * SECTOR;
        for (size_t k = 0; k < nfiles; k++)
            clusters += ((uint64_t)files[k].size + cb - 1) / cb;
        if (clusters > MAX_FILL_HOLES)
            clusters = MAX_FILL_HOLES; /* fragments the first part of the files only */
        if ((clusters * 2 + 16) * cb > (uint64_t)part_sectors * SECTOR / 2) {
            rc = fail("--fragment needs a card at least 4x the files' size");
            goto out;
        }
        fill_files = (uint32_t)clusters * 2 + 2;
        if (fragment_prepare(fd, (uint64_t)part_start * SECTOR, spec, fill_files / 2, tmpdir,
                             sizeof tmpdir) != 0) {
            rc = fail("%s: preparing fragmentation failed", out);
            goto out;
        }
    }

    made = calloc(nfiles * 16 + 1, sizeof *made);
    if (made == NULL) {
        rc = fail("out of memory");
        goto out;
    }
    for (size_t k = 0; k < nfiles; k++) {
        char target[PATH_MAX + 8];
        struct argv_buf a = {0};

        if (make_dirs(spec, files[k].name, made, &nmade, nfiles * 16) != 0) {
            rc = fail("creating the directories of %s failed", files[k].name);
            goto out;
        }
        snprintf(target, sizeof target, "::/%s", files[k].name);
        if (mtool_start(&a, "mcopy", spec) || av_push(&a, "-D") || av_push(&a, "o") ||
            av_push(&a, files[k].src) || av_push(&a, target) || av_run(&a)) {
            rc = fail("copying %s to the card failed", files[k].src);
            goto out;
        }
    }
    if (fragment) {
        struct argv_buf a = {0};

        if (mtool_start(&a, "mdeltree", spec) || av_push(&a, "::/FILL") || av_run(&a)) {
            rc = fail("%s: removing the filler files failed", out);
            goto out;
        }
    }
    if (mbr) {
        uint8_t type = (fat == 12) ? PART_TYPE_FAT12
                       : (fat == 16) ? (part_sectors < 65536u ? PART_TYPE_FAT16_SMALL
                                                             : PART_TYPE_FAT16)
                                     : PART_TYPE_FAT32_LBA;

        if (write_mbr(fd, part_start, part_sectors, type) != 0) {
            rc = fail("%s: writing the MBR failed: %s", out, strerror(errno));
            goto out;
        }
    }
    if (fsync(fd) != 0) {
        rc = fail("%s: %s", out, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    remove_tmpdir(tmpdir, fill_files);
    if (fd >= 0)
        close(fd);
    if (rc != 0 && fd >= 0)
        unlink(out);
    for (size_t k = 0; k < nfiles; k++)
        free((void *)files[k].src);
    free(files);
    free(made);
    return rc;
}

static int cmd_spinor(int argc, char **argv)
{
    const char *out = NULL, *in = NULL;
    unsigned long long size = 0, offset = 0;
    int have_size = 0, have_offset = 0;
    uint8_t *img = NULL;
    FILE *f = NULL;
    long len;
    int rc = EXIT_BAD_INPUT;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(a, "--size") == 0 && i + 1 < argc) {
            if (parse_size(argv[++i], &size) != 0 || size == 0 || size > 1024ull * MIB)
                return fail("bad --size '%s' (1 byte .. 1 GiB)", argv[i]);
            have_size = 1;
        } else if (strcmp(a, "--offset") == 0 && i + 1 < argc) {
            if (parse_size(argv[++i], &offset) != 0)
                return fail("bad --offset '%s'", argv[i]);
            have_offset = 1;
        } else if (a[0] == '-' || in != NULL) {
            fprintf(stderr, "%s: unexpected argument '%s'\n", prog, a);
            usage(stderr);
            return EXIT_USAGE;
        } else {
            in = a;
        }
    }
    if (out == NULL || in == NULL || !have_size || !have_offset) {
        usage(stderr);
        return EXIT_USAGE;
    }
    f = fopen(in, "rb");
    if (f == NULL)
        return fail("%s: %s", in, strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        rc = fail("%s: cannot get its size", in);
        goto out;
    }
    if (offset > size || (unsigned long long)len > size - offset) {
        char what[96];

        snprintf(what, sizeof what, "%ld bytes at offset %llu", len, offset);
        rc = fail("%s (%s) does not fit in the flash image", in, what);
        goto out;
    }
    img = malloc((size_t)size);
    if (img == NULL) {
        rc = fail("out of memory");
        goto out;
    }
    memset(img, 0xFF, (size_t)size); /* erased NOR */
    if (len > 0 && fread(img + offset, 1, (size_t)len, f) != (size_t)len) {
        rc = fail("%s: read error", in);
        goto out;
    }
    fclose(f);
    f = fopen(out, "wb");
    if (f == NULL) {
        rc = fail("%s: %s", out, strerror(errno));
        goto out;
    }
    if (fwrite(img, 1, (size_t)size, f) != (size_t)size || fclose(f) != 0) {
        f = NULL;
        rc = fail("%s: write error", out);
        goto out;
    }
    f = NULL;
    rc = 0;
out:
    if (f != NULL)
        fclose(f);
    free(img);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "sdcard") == 0)
        return cmd_sdcard(argc - 2, argv + 2);
    if (strcmp(argv[1], "spinor") == 0)
        return cmd_spinor(argc - 2, argv + 2);
    fprintf(stderr, "%s: unknown command '%s'\n", prog, argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
