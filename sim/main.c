/* extmem-sim: runs the real boot and application binaries of a board.
 *
 *   extmem-sim --board ID --boot boot.bin [--qspi qspi.img] [--qspi-part PART]
 *              [--until-ms N] [--trace]
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
                    "                  [--until-ms N] [--trace]\n  boards:");
    for (unsigned i = 0; i < board_count; i++) {
        fprintf(stderr, " %s", board_list[i]->id);
    }
    fprintf(stderr, "\n");
}

int main(int argc, char **argv)
{
    const char *board_id = NULL, *boot_path = NULL, *qspi_path = NULL;
    struct chip_images img = { 0 };
    uint64_t until_ms = 1000;
    bool trace = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--trace") == 0) {
            trace = true;
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
        } else if (strcmp(a, "--until-ms") == 0) {
            char *end;
            until_ms = strtoull(v, &end, 10);
            if (*end != '\0' || until_ms == 0 || until_ms > 3600000u) {
                fprintf(stderr, "extmem-sim: --until-ms takes 1..3600000\n");
                return SIM_EXIT_USAGE;
            }
        } else {
            usage();
            return SIM_EXIT_USAGE;
        }
        i++;
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

    static struct sim s;
    struct chip c;
    enum sim_exit rc = SIM_EXIT_USAGE;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (sim_init(&s, b, stdout) == 0 && chip_build(&s, &c, &img) == 0) {
        s.trace = trace;
        sim_printf(&s, "sim: %s (%s as %s), boot %zu bytes, qspi image %zu bytes", b->id, b->name, b->value_line,
                   img.boot_len, img.qspi_len);
        rc = sim_run(&s, until_ms * 1000000000ull);
        chip_finish(&s, &c);
        sim_printf(&s, "sim: end: %" PRIu64 " instructions, %u faults, %u errors, exit %d%s", s.instructions,
                   s.faults, s.violations, (int)rc, s.halted ? " (core halted)" : "");
        chip_free(&c);
    }
    sim_free(&s);
    free(boot);
    free(qspi);
    return (int)rc;
}
