/* March C- and byte lanes (see march.h). Volatile accesses: every read and write reaches
 * the memory in program order. */
#include "march.h"

static int fail(struct march_fail *f, unsigned e, volatile uint32_t *p, uint32_t exp, uint32_t got)
{
    f->element = e;
    f->addr = (uintptr_t)p;
    f->expected = exp;
    f->got = got;
    return -1;
}

/* Eight cells per step, with one branch per step: each cell is read (when the element reads)
 * and then written before the next cell is touched, as March C- requires; mismatches are
 * gathered and located afterwards. Straight-line steps keep simulated runs fast too. */
#define STEP 8u

static inline __attribute__((always_inline)) int step(volatile uint32_t *p, int read, int write, uint32_t r, uint32_t w, unsigned e, int descending,
                struct march_fail *f)
{
    uint32_t v[STEP], diff = 0u;
#pragma GCC unroll 8
    for (unsigned k = 0; k < STEP; k++) {
        unsigned i = descending ? STEP - 1u - k : k;
        if (read) {
            v[i] = p[i];
            diff |= v[i] ^ r;
        }
        if (write) {
            p[i] = w;
        }
    }
    if (diff != 0u) {
        for (unsigned k = 0; k < STEP; k++) {
            unsigned i = descending ? STEP - 1u - k : k;
            if (v[i] != r) {
                return fail(f, e, &p[i], r, v[i]);
            }
        }
    }
    return 0;
}

static inline __attribute__((always_inline)) int element(volatile uint32_t *p, uint32_t n, unsigned e, int descending, int read, int write, uint32_t r,
                   uint32_t w, struct march_fail *f)
{
    uint32_t steps = n / STEP;
    for (uint32_t s = 0; s < steps; s++) {
        uint32_t at = descending ? (steps - 1u - s) * STEP : s * STEP;
        if (step(p + at, read, write, r, w, e, descending, f) != 0) {
            return -1;
        }
    }
    return 0;
}

int march_c_minus(uintptr_t base, uint32_t size, struct march_fail *f)
{
    volatile uint32_t *p = (volatile uint32_t *)base;
    uint32_t n = size / 4u;
    const uint32_t z = 0u, o = 0xFFFFFFFFu;
    if (element(p, n, 0, 0, 0, 1, z, z, f) || element(p, n, 1, 0, 1, 1, z, o, f) ||
        element(p, n, 2, 0, 1, 1, o, z, f) || element(p, n, 3, 1, 1, 1, z, o, f) ||
        element(p, n, 4, 1, 1, 1, o, z, f) || element(p, n, 5, 1, 1, 0, z, z, f)) {
        return -1;
    }
    return 0;
}

int march_lanes(uintptr_t base, struct march_fail *f)
{
    volatile uint32_t *w = (volatile uint32_t *)base;
    volatile uint16_t *h = (volatile uint16_t *)base;
    volatile uint8_t *b = (volatile uint8_t *)base;
    w[0] = 0u;
    for (unsigned i = 0; i < 4u; i++) {
        b[i] = (uint8_t)(0x11u * (i + 1u));
    }
    if (w[0] != 0x44332211u) {
        return fail(f, 0, w, 0x44332211u, w[0]);
    }
    h[1] = 0xA55Au;
    if (w[0] != 0xA55A2211u) {
        return fail(f, 1, w, 0xA55A2211u, w[0]);
    }
    return 0;
}
