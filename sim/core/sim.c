#include "sim.h"

#include "gdb.h"
#include "fault.h"
#include "insn.h"
#include "mpu.h"
#include "trap.h"
#include "xalias.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define ICACHE_SIZE 65536u

struct page_ctx {
    struct sim *s;
    uint32_t base;
};
static struct page_ctx page_ctx[SIM_MAX_PAGES];

static void vlog(struct sim *s, const char *prefix, const char *fmt, va_list ap)
{
    uint64_t ns = s->now_ps / 1000u;
    fprintf(s->out, "[%5" PRIu64 ".%06" PRIu64 " ms] %s", ns / 1000000u, ns % 1000000u, prefix);
    vfprintf(s->out, fmt, ap);
    fputc('\n', s->out);
}

void sim_printf(struct sim *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(s, "", fmt, ap);
    va_end(ap);
}

void sim_violation(struct sim *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(s, "sim: error: ", fmt, ap);
    va_end(ap);
    s->violations++;
}

void sim_set_core_clock(struct sim *s, uint32_t hz)
{
    s->core_hz = hz;
    s->period_ps = 1000000000000ull / hz;
    sim_systick_update(s);
}

void sim_schedule(struct sim *s, uint64_t when_ps)
{
    if (when_ps < s->next_event_ps) {
        s->next_event_ps = when_ps;
    }
}

/* ---- memory and peripherals ---- */

int sim_map_ram(struct sim *s, uint32_t base, uint32_t size, uint32_t prot, void *host)
{
    uc_err e = uc_mem_map_ptr(s->uc, base, size, prot, host);
    if (e != UC_ERR_OK) {
        fprintf(stderr, "extmem-sim: cannot map 0x%08x (+0x%x): %s\n", base, size, uc_strerror(e));
        return -1;
    }
    if (prot & UC_PROT_WRITE) {
        cache_track_ram(s, base, size, host); /* says on stderr when it cannot */
    }
    sim_xalias_note_map(s, base, size, host);
    return 0;
}

int sim_map_ram_fresh(struct sim *s, uint32_t base, uint32_t size, uint32_t prot, void *host)
{
    if (sim_map_ram(s, base, size, prot, host) != 0) {
        return -1;
    }
    /* Unicorn keeps translated blocks across an unmap and a map of the same range. */
    return uc_ctl_remove_cache(s->uc, (uint64_t)base, (uint64_t)base + size) == UC_ERR_OK ? 0 : -1;
}

void sim_unmap(struct sim *s, uint32_t base, uint32_t size)
{
    sim_xalias_note_unmap(s, base, size);
    uc_mem_unmap(s->uc, base, size);
}

int sim_load(struct sim *s, uint32_t addr, const void *data, size_t len)
{
    return uc_mem_write(s->uc, addr, data, len) == UC_ERR_OK ? 0 : -1;
}

int sim_bus_master_read(struct sim *s, uint32_t addr, void *data, size_t len)
{
    if (uc_mem_read(s->uc, addr, data, len) != UC_ERR_OK) { /* also proves it is all mapped */
        return -1;
    }
    cache_bus_read(s, addr, data, (uint32_t)len); /* memory behind the D-cache */
    return 0;
}

/* uc_mem_write ignores the protection of the mapping (it is the host's access), so the
 * region is looked up first: a bus master cannot write where the CPU cannot. */
int sim_bus_master_write(struct sim *s, uint32_t addr, const void *data, size_t len)
{
    uc_mem_region *r = NULL;
    uint32_t n = 0;
    if (len == 0u || uc_mem_regions(s->uc, &r, &n) != UC_ERR_OK) {
        return -1;
    }
    uint64_t end = (uint64_t)addr + len - 1u;
    bool writable = false;
    for (uint32_t i = 0; i < n; i++) {
        if (addr >= r[i].begin && end <= r[i].end) {
            writable = (r[i].perms & UC_PROT_WRITE) != 0u;
            break;
        }
    }
    uc_free(r);
    if (!writable) {
        return -1;
    }
    cache_bus_write(s, addr, data, (uint32_t)len); /* behind the D-cache: stale until invalidated */
    return 0;
}

static struct periph *find_periph(struct sim *s, uint32_t addr)
{
    for (unsigned i = 0; i < s->nperiph; i++) {
        struct periph *p = &s->periphs[i];
        if (addr >= p->base && addr - p->base < p->size) {
            return p;
        }
    }
    return NULL;
}

static uint64_t page_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    (void)uc;
    struct page_ctx *pc = ud;
    uint32_t addr = pc->base + (uint32_t)off;
    struct periph *p = find_periph(pc->s, addr);
    if (p == NULL) {
        sim_printf(pc->s, "sim: read of 0x%08x: no peripheral modelled there (not implemented), reads 0", addr);
        return 0;
    }
    return p->read(pc->s, p->self, addr - p->base, size);
}

static void page_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t val, void *ud)
{
    (void)uc;
    struct page_ctx *pc = ud;
    uint32_t addr = pc->base + (uint32_t)off;
    struct periph *p = find_periph(pc->s, addr);
    if (p == NULL) {
        sim_printf(pc->s, "sim: write of 0x%08x to 0x%08x: no peripheral modelled there (not implemented)",
                   (uint32_t)val, addr);
        return;
    }
    p->write(pc->s, p->self, addr - p->base, size, (uint32_t)val);
}

int sim_add_periph(struct sim *s, const struct periph *p)
{
    if (s->nperiph >= SIM_MAX_PERIPHS) {
        return -1;
    }
    s->periphs[s->nperiph++] = *p;
    for (uint32_t page = p->base & ~0xFFFu; page < p->base + p->size; page += 0x1000u) {
        bool have = false;
        for (unsigned i = 0; i < s->npages; i++) {
            have |= s->pages[i] == page;
        }
        if (have) {
            continue;
        }
        if (s->npages >= SIM_MAX_PAGES) {
            return -1;
        }
        struct page_ctx *ctx = &page_ctx[s->npages];
        ctx->s = s;
        ctx->base = page;
        s->pages[s->npages++] = page;
        if (uc_mmio_map(s->uc, page, 0x1000, page_read, ctx, page_write, ctx) != UC_ERR_OK) {
            return -1;
        }
    }
    return 0;
}

void sim_add_explain(struct sim *s, sim_explain_fn fn, void *self)
{
    if (s->nexplain < SIM_MAX_EXPLAIN) {
        s->explain[s->nexplain].fn = fn;
        s->explain[s->nexplain++].self = self;
    }
}

void sim_add_tick(struct sim *s, void (*fn)(struct sim *, void *), void *self)
{
    if (s->nticks < 8) {
        s->tick_fns[s->nticks] = fn;
        s->tick_selves[s->nticks++] = self;
    }
}

/* ---- exceptions (ARMv7-M B1.5) ---- */

static uint32_t reg(struct sim *s, int r)
{
    uint32_t v = 0;
    uc_reg_read(s->uc, r, &v);
    return v;
}

static void set_reg(struct sim *s, int r, uint32_t v)
{
    uc_reg_write(s->uc, r, &v);
}

static int group_prio(const struct sim *s, int prio)
{
    unsigned prigroup = (s->nvic.aircr >> 8) & 7u;
    int mask = ~((2 << prigroup) - 1) & 0xFF;
    return prio < 0 ? prio : (prio & mask);
}

static int exc_prio(const struct sim *s, unsigned exc)
{
    switch (exc) {
    case 1: return -3;
    case 2: return -2;
    case 3: return -1;
    default: return s->nvic.prio[exc];
    }
}

static bool exc_enabled(const struct sim *s, unsigned exc)
{
    switch (exc) {
    case 4: return (s->nvic.shcsr >> 16) & 1u;
    case 5: return (s->nvic.shcsr >> 17) & 1u;
    case 6: return (s->nvic.shcsr >> 18) & 1u;
    default: return exc < 16 || s->nvic.enabled[exc];
    }
}

static int exec_prio(struct sim *s)
{
    int p = 256;
    for (unsigned e = 1; e < SIM_NUM_EXC; e++) {
        if (s->nvic.active[e]) {
            int g = group_prio(s, exc_prio(s, e));
            if (g < p) {
                p = g;
            }
        }
    }
    if (reg(s, UC_ARM_REG_PRIMASK) & 1u) {
        p = p < 0 ? p : 0;
    }
    uint32_t basepri = reg(s, UC_ARM_REG_BASEPRI) & 0xF0u;
    if (basepri != 0u && group_prio(s, (int)basepri) < p) {
        p = group_prio(s, (int)basepri);
    }
    if (reg(s, UC_ARM_REG_FAULTMASK) & 1u) {
        p = -1;
    }
    return p;
}

static void update_any_pending(struct sim *s)
{
    bool any = false;
    for (unsigned e = 1; e < SIM_NUM_EXC && !any; e++) {
        any = s->nvic.pending[e] && exc_enabled(s, e);
    }
    s->nvic.any_pending = any;
}

void sim_set_pending(struct sim *s, unsigned exc)
{
    if (exc < SIM_NUM_EXC) {
        s->nvic.pending[exc] = 1;
        update_any_pending(s);
    }
}

void sim_irq_set(struct sim *s, unsigned irq, bool level)
{
    if (level) {
        sim_set_pending(s, 16u + irq);
    }
}

/* The pending exception that would preempt now, or 0. */
static unsigned preempting(struct sim *s)
{
    int cur = exec_prio(s);
    unsigned best = 0;
    int best_p = 256;
    for (unsigned e = 1; e < SIM_NUM_EXC; e++) {
        if (s->nvic.pending[e] && exc_enabled(s, e)) {
            int p = group_prio(s, exc_prio(s, e));
            if (p < best_p) {
                best_p = p;
                best = e;
            }
        }
    }
    return (best != 0 && best_p < cur) ? best : 0;
}

static const char *exc_name(unsigned exc)
{
    static const char *const n[16] = { "?", "Reset", "NMI", "HardFault", "MemManage", "BusFault", "UsageFault",
                                       "?", "?", "?", "?", "SVCall", "DebugMonitor", "?", "PendSV", "SysTick" };
    return exc < 16 ? n[exc] : "IRQ";
}

/* Where the CPU must run the code at real: its executable alias for code in the external
 * execute-never window when the MPU lets it execute there, else real itself (a fetch from
 * there then faults, see on_intr). */
static uint32_t exec_target(struct sim *s, uint32_t real, bool privileged)
{
    uint32_t alias;
    if (sim_xalias_in_window(real) && sim_mem_attr(s, real & ~1u, privileged).exec &&
        sim_xalias_enter(s, real & ~1u, &alias)) {
        return alias | (real & 1u);
    }
    return real;
}

/* MSP and PSP. Unicorn reads them through MRS, which gives 0 to unprivileged thread code:
 * there the current one is R13 and the other one cannot have changed since the privilege was
 * dropped (s->other_sp, kept by exception return and at MSR CONTROL). */
static void read_sps(struct sim *s, uint32_t *msp, uint32_t *psp)
{
    uint32_t control = reg(s, UC_ARM_REG_CONTROL);
    if (!s->handler && (control & 1u)) {
        uint32_t cur = reg(s, UC_ARM_REG_SP);
        *msp = (control & 2u) ? s->other_sp : cur;
        *psp = (control & 2u) ? cur : s->other_sp;
        return;
    }
    *msp = reg(s, UC_ARM_REG_MSP);
    *psp = reg(s, UC_ARM_REG_PSP);
}

/* The core's own stores (exception stacking) go through the D-cache like the CPU's. */
static uc_err stack_write(struct sim *s, uint32_t addr, const uint32_t *frame, uint32_t len)
{
    cache_cpu_store(s, addr, frame, len);
    return uc_mem_write(s->uc, addr, frame, len);
}

static void exc_entry(struct sim *s, unsigned exc, uint32_t ret_pc)
{
    ret_pc = sim_xalias_real(s, ret_pc & ~1u);
    bool privileged = sim_privileged(s);
    uint32_t vec = 0;
    if (uc_mem_read(s->uc, s->nvic.vtor + 4u * exc, &vec, 4) != UC_ERR_OK) {
        /* vector read error: HardFault with HFSR.VECTTBL (B3.2.16), lock-up if that fails too */
        if (exc == 3u || exec_prio(s) < 0 ||
            uc_mem_read(s->uc, s->nvic.vtor + 4u * 3u, &vec, 4) != UC_ERR_OK) {
            sim_lockup(s, ret_pc, "vector table read failed during exception entry");
            return;
        }
        sim_printf(s, "sim: HardFault: vector table read of %s at 0x%08x failed (HFSR.VECTTBL)", exc_name(exc),
                   s->nvic.vtor + 4u * exc);
        s->nvic.hfsr |= HFSR_VECTTBL;
        s->nvic.pending[exc] = 0;
        s->faults++;
        exc = 3;
    }
    uint32_t xpsr = reg(s, UC_ARM_REG_XPSR);
    uint32_t control = reg(s, UC_ARM_REG_CONTROL);
    bool thread = (xpsr & 0x1FFu) == 0u;
    bool use_psp = thread && (control & 2u);
    bool fp = (control & 4u) != 0u;
    uint32_t msp, psp;
    read_sps(s, &msp, &psp);
    uint32_t sp = use_psp ? psp : msp;
    uint32_t frame_words = fp ? 26u : 8u;
    uint32_t frame[26];
    static const int regs[5] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R12 };
    for (unsigned i = 0; i < 5; i++) {
        frame[i] = reg(s, regs[i]);
    }
    frame[5] = sim_xalias_real(s, reg(s, UC_ARM_REG_LR));
    frame[6] = ret_pc & ~1u;
    uint32_t new_sp = sp - frame_words * 4u;
    uint32_t stacked_xpsr = xpsr;
    if (new_sp & 4u) { /* keep the handler's stack 8-byte aligned (CCR.STKALIGN) */
        new_sp -= 4u;
        stacked_xpsr |= 1u << 9;
    } else {
        stacked_xpsr &= ~(1u << 9);
    }
    frame[7] = stacked_xpsr;
    if (fp) {
        for (unsigned i = 0; i < 16; i++) {
            frame[8 + i] = reg(s, UC_ARM_REG_S0 + (int)i);
        }
        frame[24] = reg(s, UC_ARM_REG_FPSCR);
        frame[25] = 0;
    }
    if (!sim_mpu_range_ok(s, new_sp, frame_words * 4u, true, privileged)) {
        /* MemManage on stacking (MSTKERR): the frame is not written, the exception is taken
         * and MemManage becomes pending (B1.5.6, derived exception) */
        s->nvic.cfsr |= CFSR_MSTKERR;
        if (exc_enabled(s, 4)) {
            s->nvic.pending[4] = 1;
        } else {
            s->nvic.hfsr |= HFSR_FORCED;
            s->nvic.pending[3] = 1;
        }
        s->faults++;
        sim_printf(s, "sim: MemManage: stacking for %s to 0x%08x denied by the MPU (MSTKERR)", exc_name(exc), new_sp);
    } else if (stack_write(s, new_sp, frame, frame_words * 4u) != UC_ERR_OK) {
        sim_printf(s, "sim: %s entry: stacking to 0x%08x failed (no memory there): lock-up", exc_name(exc), new_sp);
        s->faults++;
        s->exit = SIM_EXIT_FAULT;
        s->stop = true;
        uc_emu_stop(s->uc);
        return;
    }
    if (use_psp) {
        psp = new_sp;
    } else {
        msp = new_sp;
    }
    uint32_t exc_return = 0xFFFFFFE0u | (fp ? 0u : 0x10u) | (!thread ? 0x1u : use_psp ? 0xDu : 0x9u);
    s->nvic.pending[exc] = 0;
    s->nvic.active[exc] = 1;
    s->mpu.dirty |= exc <= 3u; /* HFNMIENA: the MPU may be off in HardFault and NMI */
    update_any_pending(s);
    set_reg(s, UC_ARM_REG_XPSR, (xpsr & 0xF8000000u) | exc | (1u << 24)); /* IT state cleared */
    set_reg(s, UC_ARM_REG_CONTROL, control & ~4u);
    set_reg(s, UC_ARM_REG_MSP, msp);
    set_reg(s, UC_ARM_REG_PSP, psp);
    set_reg(s, UC_ARM_REG_SP, msp);
    set_reg(s, UC_ARM_REG_LR, exc_return);
    s->handler = true;
    s->event = true; /* exception entry sets the event register */
    sim_mpu_set_privileged(s, true);
    /* bit 0 of the vector is the T bit: a clear one faults (INVSTATE) at the handler */
    set_reg(s, UC_ARM_REG_PC, exec_target(s, vec, true));
    if (s->trace) {
        sim_printf(s, "sim: trace: %s (%u) entry, return to 0x%08x, handler 0x%08x", exc_name(exc), exc, ret_pc, vec);
    }
}

/* Enter exc from handler mode without stacking: the frame on the stack stays the one of the
 * interrupted context and LR keeps the EXC_RETURN that returns to it (B1.5.8). */
static void tail_chain(struct sim *s, unsigned exc, uint32_t excret)
{
    uint32_t vec = 0;
    if (uc_mem_read(s->uc, s->nvic.vtor + 4u * exc, &vec, 4) != UC_ERR_OK) {
        sim_lockup(s, excret, "vector table read failed on tail-chaining");
        return;
    }
    s->nvic.pending[exc] = 0;
    s->nvic.active[exc] = 1;
    s->mpu.dirty |= exc <= 3u;
    update_any_pending(s);
    uint32_t xpsr = reg(s, UC_ARM_REG_XPSR);
    set_reg(s, UC_ARM_REG_XPSR, (xpsr & ~0x1FFu) | exc);
    set_reg(s, UC_ARM_REG_LR, excret);
    set_reg(s, UC_ARM_REG_CONTROL, reg(s, UC_ARM_REG_CONTROL) & ~4u); /* FPCA, as on entry */
    s->handler = true;
    sim_mpu_set_privileged(s, true);
    set_reg(s, UC_ARM_REG_PC, exec_target(s, vec, true));
    if (s->trace) {
        sim_printf(s, "sim: trace: %s (%u) tail-chained, LR 0x%08x", exc_name(exc), exc, excret);
    }
}

/* A fault of the exception return itself (INVPC, MUNSTKERR): taken by tail-chaining, with
 * LR = 0xF0000000 | EXC_RETURN[27:0] (B1.5.8 ExceptionReturn). */
static void return_fault(struct sim *s, unsigned exc, uint32_t bits, uint32_t excret, const char *what)
{
    s->nvic.cfsr |= bits;
    int cur = exec_prio(s);
    if (!exc_enabled(s, exc) || group_prio(s, exc_prio(s, exc)) >= cur) {
        s->nvic.hfsr |= HFSR_FORCED;
        exc = 3;
    }
    if (exc == 3 && cur < 0) {
        sim_lockup(s, excret, what);
        return;
    }
    s->faults++;
    sim_printf(s, "sim: %s: %s", exc_name(exc), what);
    tail_chain(s, exc, 0xF0000000u | (excret & 0x0FFFFFFFu));
}

static void exc_return(struct sim *s, uint32_t excret)
{
    uint32_t xpsr = reg(s, UC_ARM_REG_XPSR);
    unsigned exc = xpsr & 0x1FFu;
    if (exc == 0u) {
        /* not an exception return in thread mode: a branch into the execute-never system space */
        sim_fault(s, 4, CFSR_IACCVIOL, excret & ~1u, NULL, "instruction fetch from 0x%08x (execute-never, thread mode)",
                  excret & ~1u);
        return;
    }
    unsigned nactive = 0;
    for (unsigned e = 1; e < SIM_NUM_EXC; e++) {
        nactive += s->nvic.active[e];
    }
    unsigned kind = excret & 0xFu;
    bool bad = (excret & 0x0FFFFFE0u) != 0x0FFFFFE0u || (kind != 0x1u && kind != 0x9u && kind != 0xDu) ||
               !s->nvic.active[exc] || (kind == 0x1u && nactive < 2u) ||
               (kind != 0x1u && nactive != 1u && !(s->nvic.ccr & 1u)); /* CCR.NONBASETHRDENA */
    if (bad) {
        /* the returning exception is deactivated first (B1.5.8 ExceptionReturn) */
        char what[160];
        snprintf(what, sizeof what, "exception return 0x%08x from %s: invalid (UFSR.INVPC)", excret, exc_name(exc));
        s->nvic.active[exc] = 0;
        s->mpu.dirty |= exc <= 3u;
        return_fault(s, 6, CFSR_INVPC, excret, what);
        return;
    }
    s->nvic.active[exc] = 0;
    s->mpu.dirty |= exc <= 3u;
    bool to_thread = kind != 0x1u;
    bool use_psp = kind == 0xDu;
    bool fp = (excret & 0x10u) == 0u;
    uint32_t control = reg(s, UC_ARM_REG_CONTROL);
    uint32_t msp, psp;
    read_sps(s, &msp, &psp);
    uint32_t sp = use_psp ? psp : msp;
    uint32_t frame[26];
    unsigned words = fp ? 26u : 8u;
    /* Tail-chaining: a pending exception that would preempt the context being returned to is
     * taken now, on the frame already on the stack (B1.5.12). */
    unsigned next = preempting(s);
    if (next != 0u) {
        tail_chain(s, next, excret);
        return;
    }
    s->handler = !to_thread;
    bool privileged = !to_thread || !(control & 1u);
    sim_mpu_set_privileged(s, privileged);
    if (!sim_mpu_range_ok(s, sp, words * 4u, false, privileged)) {
        /* the returning exception stays deactivated; the derived MemManage is tail-chained
         * with the frame still on the stack (B1.5.8 ExceptionReturn, PopStack) */
        char what[160];
        snprintf(what, sizeof what, "unstacking from 0x%08x denied by the MPU (MUNSTKERR)", sp);
        s->handler = true;
        sim_mpu_set_privileged(s, true);
        return_fault(s, 4, CFSR_MUNSTKERR, excret, what);
        return;
    }
    if (uc_mem_read(s->uc, sp, frame, words * 4u) != UC_ERR_OK) {
        sim_printf(s, "sim: exception return: unstacking from 0x%08x failed: lock-up", sp);
        s->exit = SIM_EXIT_FAULT;
        s->stop = true;
        uc_emu_stop(s->uc);
        return;
    }
    static const int regs[5] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R12 };
    for (unsigned i = 0; i < 5; i++) {
        set_reg(s, regs[i], frame[i]);
    }
    set_reg(s, UC_ARM_REG_LR, frame[5]);
    if (fp) {
        for (unsigned i = 0; i < 16; i++) {
            set_reg(s, UC_ARM_REG_S0 + (int)i, frame[8 + i]);
        }
        set_reg(s, UC_ARM_REG_FPSCR, frame[24]);
    }
    sp += words * 4u + ((frame[7] >> 9) & 1u) * 4u;
    if (use_psp) {
        psp = sp;
    } else {
        msp = sp;
    }
    control = (control & ~6u) | (fp ? 4u : 0u) | (to_thread && use_psp ? 2u : 0u);
    s->other_sp = use_psp ? msp : psp; /* the one not in R13 once back in thread mode */
    set_reg(s, UC_ARM_REG_XPSR, frame[7] & ~(1u << 9));
    set_reg(s, UC_ARM_REG_MSP, msp);
    set_reg(s, UC_ARM_REG_PSP, psp);
    set_reg(s, UC_ARM_REG_CONTROL, control);
    set_reg(s, UC_ARM_REG_SP, use_psp ? psp : msp);
    /* the stacked PC's bit 0 is ignored; the T bit comes from the stacked xPSR (bit 24) */
    uint32_t target = (frame[6] & ~1u) | ((frame[7] >> 24) & 1u);
    set_reg(s, UC_ARM_REG_PC, exec_target(s, target, privileged));
    s->event = true; /* and so does exception return */
    update_any_pending(s);
}

/* Exception machinery for fault.c */
int sim_exec_prio(struct sim *s) { return exec_prio(s); }
int sim_exc_group_prio(struct sim *s, unsigned exc) { return group_prio(s, exc_prio(s, exc)); }
int sim_exc_enabled(struct sim *s, unsigned exc) { return exc_enabled(s, exc); }
void sim_exc_enter(struct sim *s, unsigned exc, uint32_t ret_pc) { exc_entry(s, exc, ret_pc); }
const char *sim_exc_name(unsigned exc) { return exc_name(exc); }

/* ---- faults ---- */

static struct {
    bool pending;
    bool fetch;
    bool write;
    bool exact;   /* pc and ctx hold the faulting instruction and the registers there */
    uint32_t addr, pc;
    uc_context *ctx;
    char why[200];
} fault;

/* A store that got a bus error in the current run of the CPU, reported imprecisely (see
 * pend_imprecise). Kept apart from `fault`, which a later precise fault overwrites. */
static struct {
    bool located; /* insn is the store, ctx the registers there */
    struct sim_insn insn;
    uint32_t addr, block;
    uc_context *ctx;
    char why[200];
    /* the BusFault is not taken before the rest of the store's block has run (the write
     * buffer's response comes later than the next instruction): on_block does not let it
     * preempt at hold_pc, the instruction after the store, where the CPU goes on */
    bool hold;
    uint32_t hold_pc;
} imprecise;

static void explain(struct sim *s, uint32_t addr, char *why, size_t len)
{
    for (unsigned i = 0; i < s->nexplain; i++) {
        if (s->explain[i].fn(s, s->explain[i].self, addr, why, len)) {
            return;
        }
    }
    snprintf(why, len, "nothing is mapped at 0x%08x on this chip", addr);
}

/* A store that got a bus error (Cortex-M7: every store's bus fault is asynchronous, to Normal,
 * Device and strongly-ordered memory alike, PM0253 2.5.3; TRM 2.7.1 "external write faults
 * generate an asynchronous exception"): the store is not performed, the instructions after it
 * have run, CFSR.IMPRECISERR is set and BFAR is not written (BFARVALID stays as it was). The
 * BusFault is pended and taken when its priority lets it preempt (no escalation for lack of
 * priority: it waits, B3.2.15); with BusFault disabled in SHCSR, HardFault is pended instead with
 * HFSR.FORCED, which never locks up (PM0253 2.5.3): it waits for the execution priority to
 * allow it too. */
static void pend_imprecise(struct sim *s)
{
    s->nvic.cfsr |= CFSR_IMPRECISERR;
    unsigned exc = 5;
    if (!exc_enabled(s, 5)) {
        exc = 3;
        s->nvic.hfsr |= HFSR_FORCED;
    }
    s->faults++;
    s->nvic.pending[exc] = 1;
    update_any_pending(s);
    sim_printf(s, "sim: %s: imprecise data bus error, write to 0x%08x: %s", exc_name(exc), imprecise.addr,
               imprecise.why);
}

/* Go on after the store that got the bus error, as after a store that completed: the
 * registers saved at the store, its base write-back if QEMU had not done it yet, PC = the next
 * instruction. Nothing after the store in its block had run (Unicorn stops at the store), so
 * no later store is lost or doubled. */
static void continue_after_store(struct sim *s)
{
    static const int wb[16] = { UC_ARM_REG_R0,  UC_ARM_REG_R1,  UC_ARM_REG_R2,  UC_ARM_REG_R3,
                                UC_ARM_REG_R4,  UC_ARM_REG_R5,  UC_ARM_REG_R6,  UC_ARM_REG_R7,
                                UC_ARM_REG_R8,  UC_ARM_REG_R9,  UC_ARM_REG_R10, UC_ARM_REG_R11,
                                UC_ARM_REG_R12, UC_ARM_REG_SP,  UC_ARM_REG_LR,  UC_ARM_REG_PC };
    uc_context_restore(s->uc, imprecise.ctx);
    if (imprecise.insn.wb_reg >= 0 && imprecise.insn.wb_reg < 15) {
        set_reg(s, wb[imprecise.insn.wb_reg], imprecise.insn.wb_val);
    }
    set_reg(s, UC_ARM_REG_PC, (imprecise.insn.pc + imprecise.insn.len) | 1u);
    imprecise.hold = true;
    imprecise.hold_pc = imprecise.insn.pc + imprecise.insn.len;
}

static void take_fault(struct sim *s, uint32_t pc)
{
    /* Bus errors of loads: precise (BFARVALID, PRECISERR); IBUSERR for a fetch. */
    pc = sim_xalias_real(s, pc & ~1u);
    if (!fault.fetch) {
        s->nvic.bfar = fault.addr;
    }
    sim_fault(s, 5, fault.fetch ? CFSR_IBUSERR : (CFSR_PRECISERR | CFSR_BFARVALID), pc, fault.why, "%s %s 0x%08x",
              fault.fetch ? "instruction fetch from" : "precise data bus error,",
              fault.fetch ? "" : (fault.write ? "write to" : "read of"), fault.addr);
}

static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value, void *ud)
{
    (void)size;
    (void)value;
    struct sim *s = ud;
    fault.pending = true;
    fault.fetch = type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT;
    fault.write = type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT;
    fault.addr = (uint32_t)addr;
    if (type == UC_MEM_WRITE_PROT) {
        snprintf(fault.why, sizeof fault.why, "the memory at 0x%08x is read-only", (uint32_t)addr);
    } else {
        explain(s, (uint32_t)addr, fault.why, sizeof fault.why);
    }
    /* Another hook may still handle the access (the FMC NOR window turns into the flash's
     * command interface on a write): only note the instruction and the context here. Unicorn
     * reports the block start as PC, and lets the rest of the block run after a store. */
    fault.exact = false;
    if (fault.write) {
        /* Imprecise (pend_imprecise). Measured: Unicorn abandons the block at the failing
         * store (the instructions after it have not run, PC reads as the block start), so the
         * store is located and the registers there saved, to go on after it. */
        imprecise.addr = fault.addr;
        imprecise.block = s->last_block;
        memcpy(imprecise.why, fault.why, sizeof imprecise.why);
        imprecise.located = imprecise.ctx != NULL &&
                            sim_insn_locate(s, s->last_block, s->last_block_size, (uint32_t)addr, true,
                                            &imprecise.insn) &&
                            uc_context_save(uc, imprecise.ctx) == UC_ERR_OK;
        return false;
    }
    if (!fault.fetch && fault.ctx != NULL) {
        fault.exact = sim_insn_find_access(s, s->last_block, s->last_block_size, (uint32_t)addr, fault.write,
                                           &fault.pc) &&
                      uc_context_save(uc, fault.ctx) == UC_ERR_OK;
    }
    return false;
}

/* ---- time and the block hook ---- */

/* Also tells whether the block writes CONTROL (MSR CONTROL, Rn: the privilege may change)
 * or signals an event (SEV), which QEMU executes as a no-op. */
#define BLK_MSR_CONTROL 1u
#define BLK_SEV         2u
static uint16_t count_instructions(struct sim *s, uint32_t addr, uint32_t size, uint8_t *special)
{
    *special = 0;
    uint8_t buf[512];
    if (size > sizeof buf) {
        size = sizeof buf;
    }
    if (uc_mem_read(s->uc, addr, buf, size) != UC_ERR_OK) {
        return (uint16_t)(size / 2u);
    }
    uint16_t n = 0;
    for (uint32_t i = 0; i + 1u < size;) {
        uint16_t hw = (uint16_t)(buf[i] | (buf[i + 1u] << 8));
        if ((hw & 0xFFF0u) == 0xF380u && i + 3u < size) {
            uint16_t hw2 = (uint16_t)(buf[i + 2u] | (buf[i + 3u] << 8));
            *special |= (hw2 & 0xF3FFu) == 0x8014u ? BLK_MSR_CONTROL : 0u; /* SYSm 20 = CONTROL */
        }
        *special |= hw == 0xBF40u ? BLK_SEV : 0u;
        if ((hw >> 11) >= 0x1Du && i + 3u < size) {
            *special |= (uint8_t)sim_trap_classify(hw, (uint16_t)(buf[i + 2u] | (buf[i + 3u] << 8)));
        }
        i += ((hw >> 11) >= 0x1Du) ? 4u : 2u; /* 0b11101/0b11110/0b11111: 32-bit Thumb-2 */
        n++;
    }
    return n;
}

static void process_events(struct sim *s)
{
    s->next_event_ps = UINT64_MAX;
    for (unsigned i = 0; i < s->nticks; i++) {
        s->tick_fns[i](s, s->tick_selves[i]);
    }
    sim_systick_update(s);
}

/* A block seen for the first time, or under another fetch-permission key: count its
 * instructions, check that it may be fetched, arm its instruction traps. False when it does not
 * run now (a fault was taken, or it runs again translated with trap hooks). Out of line: the
 * address-taken locals would cost every block hook a sanitizer stack frame. */
static __attribute__((noinline)) bool block_slow(struct sim *s, unsigned slot, uint32_t a, uint32_t size, uint64_t tag)
{
    if ((uint32_t)s->icache[slot].tag != a || s->icache[slot].size != size) {
        uint8_t special = 0;
        s->icache[slot].size = (uint16_t)size;
        s->icache[slot].count = count_instructions(s, a, size, &special);
        s->icache[slot].special = special;
    }
    /* Fetch permission of the MPU (QEMU's own check is the default map only), cached per
     * block while the key holds. A block that writes CONTROL or has a SEV comes here every
     * time: the next block rechecks the privilege, SEV sets the event register. */
    uint32_t key = s->mpu.key;
    uint32_t real = sim_xalias_real(s, a);
    struct sim_mem_attr m = sim_mem_attr(s, real, (key & 2u) != 0u);
    if (!m.exec) {
        s->icache[slot].tag = a; /* key 0 is never current: checked again next time */
        sim_fault(s, 4, CFSR_IACCVIOL, real, NULL, "instruction fetch from 0x%08x: %s", real,
                  m.region >= 0 ? "execute-never or no read access in its MPU region"
                                : (s->mpu.ctrl & 1u) ? "no MPU region (background)" : "execute-never in the default map");
        return false;
    }
    unsigned trapped = s->icache[slot].special & key & (SIM_BLK_DIV | SIM_BLK_FP);
    if (trapped != 0u && sim_trap_hook_block(s, a, size, trapped)) {
        /* run the block again, translated with its trap hooks */
        s->icache[slot].tag = a;
        set_reg(s, UC_ARM_REG_PC, a | 1u);
        return false;
    }
    if (s->icache[slot].special & (BLK_MSR_CONTROL | BLK_SEV)) {
        s->icache[slot].tag = a; /* comes here every time */
        if ((s->icache[slot].special & BLK_MSR_CONTROL) && s->mpu.privileged && !s->handler) {
            /* the privilege may be dropped in this block: keep the SP that R13 will not show */
            uint32_t control = reg(s, UC_ARM_REG_CONTROL);
            s->other_sp = reg(s, (control & 2u) ? UC_ARM_REG_MSP : UC_ARM_REG_PSP);
        }
        if (s->icache[slot].special & BLK_MSR_CONTROL) {
            s->recheck_privilege = true;
            s->mpu.dirty = true;
        }
        if (s->icache[slot].special & BLK_SEV) {
            s->event = true; /* the event register (B1.5.18) */
        }
    } else {
        s->icache[slot].tag = tag;
    }
    return true;
}

static void on_block(uc_engine *uc, uint64_t address, uint32_t size, void *ud)
{
    struct sim *s = ud;
    uint32_t a = (uint32_t)address;
    if (cache_fetch_needed(&s->cache_fast, a, size) && cache_fetch(s, a, size)) {
        return; /* retranslated from the bytes the instruction side sees, then run */
    }
    unsigned slot = (a >> 1) & (ICACHE_SIZE - 1u);
    if (__builtin_expect(s->mpu.dirty, 0)) { /* also set for a pending fault and after MSR CONTROL */
        if (s->mpu.fault_pending) {
            uc_emu_stop(uc); /* a denied access in the previous block: nothing more runs */
            return;
        }
        if (s->recheck_privilege) {
            s->recheck_privilege = false;
            sim_mpu_set_privileged(s, sim_privileged(s));
        }
        sim_mpu_sync(s);
    }
    /* one compare for the common case: same block, same fetch-permission key */
    uint64_t tag = ((uint64_t)s->mpu.key << 32) | a;
    if (__builtin_expect(s->icache[slot].tag != tag || s->icache[slot].size != size, 0) &&
        !block_slow(s, slot, a, size, tag)) {
        return;
    }
    if (s->gdb == NULL) {
        uint64_t n = s->icache[slot].count;
        s->instructions += n;
        s->cycles += n;
        s->now_ps += n * s->period_ps;
    }
    s->last_block = a;
    s->last_block_size = size;
    if (s->now_ps >= s->next_event_ps) {
        process_events(s);
    }
    if (s->nvic.any_pending) {
        bool held = false;
        if (__builtin_expect(imprecise.hold, 0)) {
            imprecise.hold = false;
            held = a == imprecise.hold_pc;
        }
        unsigned e = held ? 0u : preempting(s);
        if (e != 0) {
            exc_entry(s, e, a);
        }
    }
    if (s->now_ps >= s->until_ps || s->stop) {
        uc_emu_stop(uc);
    }
}

static void on_intr(uc_engine *uc, uint32_t intno, void *ud)
{
    struct sim *s = ud;
    uint32_t pc = reg(s, UC_ARM_REG_PC);
    if (s->mpu.fault_pending) {
        return; /* undone with the denied access */
    }
    if ((intno == 8 || intno == 3) && pc >= 0xFFFFFFE0u) {
        /* The EXC_RETURN value is the branch target (bx lr, pop {..., pc}, ldr pc): QEMU has
         * put it in PC without its bit 0. LR holds it only for bx lr. */
        exc_return(s, pc | 1u);
        return;
    }
    if (intno == 2) { /* SVC: PC already points past the instruction */
        s->nvic.pending[11] = 1;
        exc_entry(s, 11, pc);
        return;
    }
    uint32_t real = sim_xalias_real(s, pc & ~1u);
    if (intno == 1) { /* undefined instruction */
        sim_fault(s, 6, CFSR_UNDEFINSTR, real, NULL, "undefined instruction");
        return;
    }
    if (intno == 3) { /* prefetch abort: QEMU's default map says execute-never */
        bool privileged = sim_privileged(s);
        uint32_t to = exec_target(s, real | 1u, privileged);
        if (to != (real | 1u)) {
            set_reg(s, UC_ARM_REG_PC, to);
            return;
        }
        struct sim_mem_attr m = sim_mem_attr(s, real, privileged);
        sim_fault(s, 4, CFSR_IACCVIOL, real, NULL, "instruction fetch from 0x%08x: %s", real,
                  m.exec ? "not executable here" : m.region >= 0 ? "execute-never in its MPU region"
                                                 : "execute-never in the default map");
        return;
    }
    if (intno == 18) { /* EXCP_INVSTATE: executing with EPSR.T clear */
        sim_fault(s, 6, CFSR_INVSTATE, real, NULL, "instruction executed with EPSR.T = 0 (a branch or vector to"
                                                   " an even address)");
        return;
    }
    if (intno == 17) { /* EXCP_NOCP */
        sim_fault(s, 6, CFSR_NOCP, real, NULL, "coprocessor instruction with no coprocessor access");
        return;
    }
    sim_printf(s, "sim: unhandled CPU exception %u at pc 0x%08x (not implemented): stopping", intno, pc);
    s->exit = SIM_EXIT_FAULT;
    s->stop = true;
    uc_emu_stop(uc);
}

int sim_init(struct sim *s, const struct board_desc *b, FILE *out)
{
    memset(s, 0, sizeof *s);
    s->board = b;
    s->out = out;
    s->next_event_ps = UINT64_MAX;
    s->icache = calloc(ICACHE_SIZE, sizeof *s->icache);
    if (s->icache == NULL || cache_init(s) != 0) {
        return -1;
    }
    if (uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &s->uc) != UC_ERR_OK ||
        uc_ctl_set_cpu_model(s->uc, UC_CPU_ARM_CORTEX_M7) != UC_ERR_OK) {
        fprintf(stderr, "extmem-sim: cannot create the Cortex-M7 CPU\n");
        return -1;
    }
    uc_hook h;
    uc_hook_add(s->uc, &h, UC_HOOK_BLOCK, (void *)on_block, s, 1, 0);
    uc_hook_add(s->uc, &h, UC_HOOK_INTR, (void *)on_intr, s, 1, 0);
    uc_hook_add(s->uc, &h, UC_HOOK_MEM_INVALID, (void *)on_unmapped, s, 1, 0);
    if (fault.ctx == NULL && uc_context_alloc(s->uc, &fault.ctx) != UC_ERR_OK) {
        fault.ctx = NULL;
    }
    if (imprecise.ctx == NULL && uc_context_alloc(s->uc, &imprecise.ctx) != UC_ERR_OK) {
        imprecise.ctx = NULL;
    }
    if (sim_mpu_init(s) != 0) {
        fprintf(stderr, "extmem-sim: cannot set up the MPU model\n");
        return -1;
    }
    for (unsigned e = 0; e < SIM_NUM_EXC; e++) {
        s->nvic.prio[e] = 0;
    }
    s->nvic.ccr = 0x00000200u; /* STKALIGN */
    s->nvic.aircr = 0xFA050000u;
    s->nvic.fpccr = 0xC0000000u; /* ASPEN | LSPEN at reset */
    s->mpu.privileged = true;    /* privileged thread mode out of reset */
    s->mpu.dirty = true;
    return 0;
}

void sim_free(struct sim *s)
{
    if (fault.ctx != NULL) {
        uc_context_free(fault.ctx);
        fault.ctx = NULL;
    }
    if (imprecise.ctx != NULL) {
        uc_context_free(imprecise.ctx);
        imprecise.ctx = NULL;
    }
    sim_mpu_free(s);
    if (s->uc) {
        uc_close(s->uc);
    }
    free(s->icache);
    cache_free(s);
}

static uint32_t insn_at(struct sim *s, uint32_t addr)
{
    uint16_t hw[2] = { 0, 0 };
    uc_mem_read(s->uc, addr, hw, 4);
    return (hw[0] >> 11) >= 0x1Du ? ((uint32_t)hw[0] << 16) | hw[1] : hw[0];
}

/* WFI/WFE: skip virtual time to the next scheduled event until an interrupt is pending;
 * take it if it preempts. False when the run ends here. */
static bool sleep_until_wake(struct sim *s, const char *what, uint32_t *pc)
{
    while (!s->nvic.any_pending && s->next_event_ps != UINT64_MAX && s->next_event_ps < s->until_ps) {
        uint64_t dt = s->next_event_ps - s->now_ps;
        uint64_t cyc = dt / s->period_ps;
        s->cycles += cyc;
        s->now_ps = s->next_event_ps;
        process_events(s);
    }
    if (!s->nvic.any_pending) {
        if (s->next_event_ps == UINT64_MAX) {
            s->halted = true;
            sim_printf(s, "sim: core halted: %s with no interrupt source that can wake it", what);
            return false;
        }
        s->now_ps = s->until_ps;
        return false;
    }
    unsigned exc = preempting(s);
    if (exc != 0) {
        exc_entry(s, exc, *pc);
        *pc = reg(s, UC_ARM_REG_PC) | 1u;
    }
    return true;
}

enum sim_exit sim_run(struct sim *s, uint64_t until_ps)
{
    s->until_ps = until_ps;
    uint32_t vt[2];
    if (uc_mem_read(s->uc, s->nvic.vtor, vt, sizeof vt) != UC_ERR_OK) {
        fprintf(stderr, "extmem-sim: no vector table at 0x%08x\n", s->nvic.vtor);
        return SIM_EXIT_USAGE;
    }
    set_reg(s, UC_ARM_REG_MSP, vt[0]);
    set_reg(s, UC_ARM_REG_SP, vt[0]);
    uint32_t pc = vt[1] | 1u;
    while (!s->stop && s->now_ps < s->until_ps) {
        if (s->gdb != NULL && !gdb_serve(s, &pc)) {
            break;
        }
        fault.pending = false;
        uc_err e = uc_emu_start(s->uc, pc, 0xFFFFFFFFull, 0, 0);
        sim_mpu_emu_returned(s);
        uint32_t fpc, faddr;
        bool fwrite;
        enum sim_access_fault fkind;
        bool mpu_fault = sim_mpu_take_data_fault(s, &fpc, &faddr, &fwrite, &fkind);
        /* A store's bus error (another model, the FMC NOR window, may have taken the access:
         * then Unicorn reports no error). With an MPU fault in the same block the context goes
         * back to the denied access: the store counts only if it came before it. A store that
         * cannot be located is reported precisely, as before (its next instruction is unknown). */
        bool write_error = (e == UC_ERR_WRITE_UNMAPPED || e == UC_ERR_WRITE_PROT) && fault.pending && fault.write;
        bool imprecise_store = write_error && imprecise.located &&
                               (!mpu_fault || (imprecise.block == s->last_block && imprecise.insn.pc < fpc));
        if (imprecise_store) {
            pend_imprecise(s);
            if (!mpu_fault) {
                continue_after_store(s);
            }
        }
        if (mpu_fault) {
            fpc = sim_xalias_real(s, fpc & ~1u);
            if (fkind == SIM_FAULT_UNALIGNED) { /* UNALIGN_TRP: UsageFault UNALIGNED, no address register */
                sim_fault(s, 6, CFSR_UNALIGNED, fpc, NULL, "unaligned %s 0x%08x with CCR.UNALIGN_TRP",
                          fwrite ? "write to" : "read of", faddr);
            } else { /* a data access the MPU denied: precise, DACCVIOL with MMFAR (B3.2.15) */
                s->nvic.mmfar = faddr;
                struct sim_mem_attr m = sim_mem_attr(s, faddr, sim_privileged(s));
                sim_fault(s, 4, CFSR_DACCVIOL | CFSR_MMARVALID, fpc, NULL, "MPU: %s 0x%08x denied (%s)",
                          fwrite ? "write to" : "read of", faddr,
                          m.region >= 0 ? "its region's access permissions" : "no region, background");
            }
            pc = reg(s, UC_ARM_REG_PC) | 1u;
            if (s->stop || s->now_ps >= s->until_ps) {
                break;
            }
            continue;
        }
        pc = reg(s, UC_ARM_REG_PC) | 1u;
        if (s->stop || s->now_ps >= s->until_ps) {
            break;
        }
        if (e == UC_ERR_OK && gdb_halted(s)) {
            continue;
        }
        if (s->mpu.restart) {
            s->mpu.restart = false;
            continue;
        }
        if (e != UC_ERR_OK) {
            if (imprecise_store) {
                continue; /* pended above, the CPU goes on after the store */
            }
            if (fault.pending) {
                if (write_error) { /* a store that was not located: its next instruction is unknown */
                    sim_printf(s, "sim: note: the store to 0x%08x was not found in the block at 0x%08x: reported as a"
                                  " precise bus error at the block start", fault.addr,
                               sim_xalias_real(s, imprecise.block));
                }
                if (fault.exact) {
                    uc_context_restore(s->uc, fault.ctx);
                }
                take_fault(s, fault.fetch ? fault.addr : fault.exact ? fault.pc : (pc & ~1u));
                pc = reg(s, UC_ARM_REG_PC) | 1u;
                continue;
            }
            if (e == UC_ERR_INSN_INVALID && !(reg(s, UC_ARM_REG_XPSR) & (1u << 24))) {
                /* QEMU stops on an instruction to run with EPSR.T = 0 (a BX/BLX/POP/LDR to PC
                 * with bit 0 clear): INVSTATE, the stacked PC is that target (B1.5.14) */
                sim_fault(s, 6, CFSR_INVSTATE, sim_xalias_real(s, pc & ~1u), NULL,
                          "instruction with EPSR.T = 0 (branch to an even address)");
                pc = reg(s, UC_ARM_REG_PC) | 1u;
                continue;
            }
            uint16_t insn = 0;
            uc_mem_read(s->uc, (pc & ~1u) - 2u, &insn, 2);
            if (e == UC_ERR_INSN_INVALID && insn == 0xBF20u) {
                /* WFE (QEMU stops there with PC past it): a set event register is cleared
                 * and execution goes on, else the core sleeps like WFI (B1.5.18) */
                if (s->event) {
                    s->event = false;
                    continue;
                }
                if (!sleep_until_wake(s, "WFE", &pc)) {
                    break;
                }
                s->event = false;
                continue;
            }
            if (e == UC_ERR_INSN_INVALID) {
                /* QEMU found no instruction it can execute there: UNDEFINSTR (B1.5.14) */
                sim_fault(s, 6, CFSR_UNDEFINSTR, sim_xalias_real(s, pc & ~1u), NULL, "undefined instruction 0x%04x",
                          insn_at(s, pc & ~1u));
                pc = reg(s, UC_ARM_REG_PC) | 1u;
                continue;
            }
            sim_printf(s, "sim: CPU stopped at pc 0x%08x: %s", pc & ~1u, uc_strerror(e));
            s->exit = SIM_EXIT_FAULT;
            break;
        }
        /* Stopped without an error and without a stop request: a WFI. Sleep until the next
         * event that can set an interrupt pending. */
        uint16_t insn = 0;
        uc_mem_read(s->uc, (pc & ~1u) - 2u, &insn, 2);
        if (insn != 0xBF30u) {
            continue;
        }
        if (!sleep_until_wake(s, "WFI", &pc)) {
            break;
        }
    }
    if (s->exit == SIM_EXIT_OK && s->faults) {
        s->exit = SIM_EXIT_FAULT;
    }
    if (s->exit == SIM_EXIT_OK && s->violations) {
        s->exit = SIM_EXIT_VIOLATION;
    }
    return s->exit;
}
