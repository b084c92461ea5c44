/* libFuzzer: arbitrary command streams into the simulator's SD card model (the host side a
 * firmware under test controls). Each 8-byte record is one command: index, argument, clock
 * choice, host bus width and a data-phase length. The model must never read outside its
 * image, never hang, and keep its answers consistent (a long response is a response; a data
 * phase is announced only with a response). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sdcard.h"

#define FZ_IMAGE (1u * 1024u * 1024u)
#define FZ_MAX_DATA 4096u

static uint8_t image[FZ_IMAGE];
static uint8_t data[FZ_MAX_DATA];

static void quiet(void *ctx, const char *msg)
{
    (void)ctx;
    (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
    static const uint32_t clocks[4] = { 400000u, 25000000u, 50000000u, 100000000u };
    struct sdcard_dev *c = sdcard_dev_create(image, sizeof image, (size & 1u) ? SDCARD_SDSC : SDCARD_SDHC, quiet, NULL);
    if (c == NULL) {
        return 0;
    }
    uint64_t now = 0;
    sdcard_dev_power(c, true, now);
    for (size_t i = 0; i + 8u <= size; i += 8u) {
        const uint8_t *r = in + i;
        unsigned index = r[0] & 0x3Fu;
        uint32_t arg = (uint32_t)r[1] | ((uint32_t)r[2] << 8) | ((uint32_t)r[3] << 16) | ((uint32_t)r[4] << 24);
        uint32_t hz = clocks[r[5] & 3u];
        unsigned width = (r[5] & 4u) ? 4u : 1u;
        now += (uint64_t)(r[6] + 1u) * 10000000ull; /* 10 us steps */
        if (r[5] == 0xFFu) {
            sdcard_dev_power(c, false, now);
            sdcard_dev_power(c, true, now);
            continue;
        }
        struct sdcard_cmd_result res;
        sdcard_dev_command(c, index, arg, hz, now, &res);
        if (res.long_resp && !res.responds) {
            abort();
        }
        if (res.data_len != 0u && !res.responds) {
            abort();
        }
        if (res.data_len != 0u) {
            uint32_t len = ((uint32_t)r[7] + 1u) * 16u;
            if (len > FZ_MAX_DATA) {
                len = FZ_MAX_DATA;
            }
            (void)sdcard_dev_data(c, data, len, width, hz);
        }
    }
    sdcard_dev_destroy(c);
    return 0;
}
