/* extmem-sim: runs the real boot and application binaries of a board.
 *
 *   extmem-sim --board ID --boot boot.bin [--qspi qspi.img] [--qspi-part PART]
 *              [--image NAME=FILE]... [--set KEY=VALUE]... [--until-ms N] [--trace]
 *              [--check-resources] [--gdb PORT]
 *
 * --image gives the storage of one memory of the board by name (each model documents its
 * name); --set passes an option to a model. A name no model of the board uses is an error.
 * --gdb PORT waits for gdb-multiarch on 127.0.0.1:PORT (0: any free port, logged) and starts
 * halted at the boot's reset vector; the run then lasts until the debugger ends it (or
 * --until-ms, when given).
 *
 * Prints the console output and the GPIO events with their virtual time. Exit status: 0 ran
 * to the end (or the core halted) without fault, 1 usage or input error, 2 the firmware took
 * a fault (or locked up), 3 the firmware did something the hardware refuses. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boards/chip.h"
#include "boards/resources.h"
#include "core/gdb.h"
#include "core/sim.h"
#include "periph/h7.h"

static int read_file(const char *path, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "extmem-sim: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 1u << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (buf == NULL) {
            fclose(f);
            return -1;
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        if (cap >= (1u << 30)) {
            fprintf(stderr, "extmem-sim: %s is larger than 1 GiB\n", path);
            free(buf);
            fclose(f);
            return -1;
        }
        cap *= 2;
        uint8_t *nb = realloc(buf, cap);
        if (nb == NULL) {
            free(buf);
        }
        buf = nb;
    }
    fclose(f);
    *data = buf;
    *len = n;
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: extmem-sim --board ID --boot boot.bin [--qspi qspi.img] [--qspi-part PART]\n"
                    "                  [--image NAME=FILE]... [--set KEY=VALUE]... [--until-ms N] [--trace]\n"
                    "                  [--check-resources] [--gdb PORT]\n"
                    "  boards:");
    for (unsigned i = 0; i < board_count; i++) {
        fprintf(stderr, " %s", board_list[i]->id);
    }
    fprintf(stderr, "\n");
}

/* Unicorn 2.0.1 leaks the self-modifying-code bitmap of a page (tb_invalidate_phys_page_fast)
 * when firmware writes near code it has run, e.g. code copied into RAM: not ours to fix, and
 * not a reason for the leak checker to fail a run. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:tb_invalidate_phys_page_fast\n"; }

int main(int argc, char **argv)
{
    const char *board_id = NULL, *boot_path = NULL, *qspi_path = NULL;
    struct chip_images img = { 0 };
    uint64_t until_ms = 0; /* not given: 1000, or 3600000 under the debugger */
    long gdb_port = -1;
    bool trace = false, check_resources = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--trace") == 0) {
            trace = true;
            continue;
        }
        if (strcmp(a, "--check-resources") == 0) {
            check_resources = true;
            continue;
        }
        if (v == NULL) {
            usage();
            return SIM_EXIT_USAGE;
        }
        if (strcmp(a, "--board") == 0) {
            board_id = v;
        } else if (strcmp(a, "--boot") == 0) {
            boot_path = v;
        } else if (strcmp(a, "--qspi") == 0) {
            qspi_path = v;
        } else if (strcmp(a, "--qspi-part") == 0) {
            img.qspi_part = v;
        } else if (strcmp(a, "--image") == 0 || strcmp(a, "--set") == 0) {
            const char *eq = strchr(v, '=');
            bool is_image = a[2] == 'i';
            if (eq == NULL || eq == v || eq[1] == '\0' ||
                (is_image ? img.nimage >= CHIP_MAX_IMAGES : img.noption >= CHIP_MAX_OPTIONS)) {
                fprintf(stderr, "extmem-sim: %s takes NAME=VALUE (at most %u)\n", a,
                        is_image ? CHIP_MAX_IMAGES : CHIP_MAX_OPTIONS);
                return SIM_EXIT_USAGE;
            }
            if (is_image) {
                img.image[img.nimage].name = v;
                img.image[img.nimage].data = (uint8_t *)(uintptr_t)(eq + 1); /* path until read */
                img.nimage++;
            } else {
                img.option[img.noption].key = v;
                img.option[img.noption].value = eq + 1;
                img.noption++;
            }
        } else if (strcmp(a, "--until-ms") == 0) {
            char *end;
            until_ms = strtoull(v, &end, 10);
            if (*end != '\0' || until_ms == 0 || until_ms > 3600000u) {
                fprintf(stderr, "extmem-sim: --until-ms takes 1..3600000\n");
                return SIM_EXIT_USAGE;
            }
        } else if (strcmp(a, "--gdb") == 0) {
            char *end;
            gdb_port = strtol(v, &end, 10);
            if (*end != '\0' || end == v || gdb_port < 0 || gdb_port > 65535) {
                fprintf(stderr, "extmem-sim: --gdb takes a TCP port 0..65535 (0: any free port)\n");
                return SIM_EXIT_USAGE;
            }
        } else {
            usage();
            return SIM_EXIT_USAGE;
        }
        i++;
    }
    if (until_ms == 0) {
        until_ms = gdb_port >= 0 ? 3600000u : 1000u;
    }
    if (board_id == NULL || boot_path == NULL) {
        usage();
        return SIM_EXIT_USAGE;
    }
    const struct board_desc *b = board_find(board_id);
    if (b == NULL) {
        fprintf(stderr, "extmem-sim: unknown board '%s'\n", board_id);
        usage();
        return SIM_EXIT_USAGE;
    }
    uint8_t *boot = NULL, *qspi = NULL;
    if (read_file(boot_path, &boot, &img.boot_len) != 0 ||
        (qspi_path && read_file(qspi_path, &qspi, &img.qspi_len) != 0)) {
        free(boot);
        return SIM_EXIT_USAGE;
    }
    img.boot = boot;
    img.qspi = qspi;
    /* NAME=FILE: cut the name, read the file. */
    static char names[CHIP_MAX_IMAGES + CHIP_MAX_OPTIONS][64];
    int bad = 0;
    for (unsigned i = 0; i < img.nimage; i++) {
        const char *path = (const char *)img.image[i].data;
        size_t n = (size_t)(strchr(img.image[i].name, '=') - img.image[i].name);
        snprintf(names[i], sizeof names[i], "%.*s", (int)n, img.image[i].name);
        img.image[i].name = names[i];
        img.image[i].data = NULL;
        if (!bad) {
            bad = read_file(path, &img.image[i].data, &img.image[i].len) != 0;
        }
    }
    for (unsigned i = 0; i < img.noption; i++) {
        size_t n = (size_t)(strchr(img.option[i].key, '=') - img.option[i].key);
        snprintf(names[CHIP_MAX_IMAGES + i], sizeof names[0], "%.*s", (int)n, img.option[i].key);
        img.option[i].key = names[CHIP_MAX_IMAGES + i];
    }

    static struct sim s;
    struct chip c = { 0 };
    enum sim_exit rc = SIM_EXIT_USAGE;
    setvbuf(stdout, NULL, _IOLBF, 0);
    bool built = !bad && sim_init(&s, b, stdout) == 0 && chip_build(&s, &c, &img) == 0;
    for (unsigned i = 0; built && i < img.nimage + img.noption; i++) {
        bool is_image = i < img.nimage;
        if (!(is_image ? img.image[i].claimed : img.option[i - img.nimage].claimed)) {
            fprintf(stderr, "extmem-sim: %s '%s': no memory model of %s uses it\n", is_image ? "--image" : "--set",
                    is_image ? img.image[i].name : img.option[i - img.nimage].key, b->id);
            built = false;
        }
    }
    if (built && check_resources && resources_watch(&s, &c) != 0) {
        built = false;
    }
    if (built) {
        s.trace = trace;
        sim_printf(&s, "sim: %s (%s as %s), boot %zu bytes, qspi image %zu bytes", b->id, b->name, b->value_line,
                   img.boot_len, img.qspi_len);
    }
    if (built && gdb_port >= 0 && gdb_attach(&s, (unsigned)gdb_port) != 0) {
        built = false;
    }
    if (built) {
        rc = sim_run(&s, until_ms * 1000000000ull);
        gdb_detach(&s, (int)rc);
        chip_finish(&s, &c);
        sim_printf(&s, "sim: end: %" PRIu64 " instructions, %u faults, %u errors, exit %d%s", s.instructions,
                   s.faults, s.violations, (int)rc, s.halted ? " (core halted)" : "");
    }
    chip_free(&c);
    sim_free(&s);
    free(boot);
    free(qspi);
    for (unsigned i = 0; i < img.nimage; i++) {
        free(img.image[i].data);
    }
    return (int)rc;
}
