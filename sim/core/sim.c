#include "sim.h"

#include "gdb.h"

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

static void exc_entry(struct sim *s, unsigned exc, uint32_t ret_pc)
{
    uint32_t xpsr = reg(s, UC_ARM_REG_XPSR);
    uint32_t control = reg(s, UC_ARM_REG_CONTROL);
    bool thread = (xpsr & 0x1FFu) == 0u;
    bool use_psp = thread && (control & 2u);
    bool fp = (control & 4u) != 0u;
    uint32_t msp = reg(s, UC_ARM_REG_MSP), psp = reg(s, UC_ARM_REG_PSP);
    uint32_t sp = use_psp ? psp : msp;
    uint32_t frame_words = fp ? 26u : 8u;
    uint32_t frame[26];
    static const int regs[5] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R12 };
    for (unsigned i = 0; i < 5; i++) {
        frame[i] = reg(s, regs[i]);
    }
    frame[5] = reg(s, UC_ARM_REG_LR);
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
    cache_cpu_store(s, new_sp, frame, frame_words * 4u);
    if (uc_mem_write(s->uc, new_sp, frame, frame_words * 4u) != UC_ERR_OK) {
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
    uint32_t vec = 0;
    uc_mem_read(s->uc, s->nvic.vtor + 4u * exc, &vec, 4);
    s->nvic.pending[exc] = 0;
    s->nvic.active[exc] = 1;
    update_any_pending(s);
    set_reg(s, UC_ARM_REG_XPSR, (xpsr & 0xF8000000u) | exc | (1u << 24)); /* IT state cleared */
    set_reg(s, UC_ARM_REG_CONTROL, control & ~4u);
    set_reg(s, UC_ARM_REG_MSP, msp);
    set_reg(s, UC_ARM_REG_PSP, psp);
    set_reg(s, UC_ARM_REG_SP, msp);
    set_reg(s, UC_ARM_REG_LR, exc_return);
    set_reg(s, UC_ARM_REG_PC, vec | 1u);
    if (s->trace) {
        sim_printf(s, "sim: trace: %s (%u) entry, return to 0x%08x, handler 0x%08x", exc_name(exc), exc, ret_pc, vec);
    }
}

static void exc_return(struct sim *s, uint32_t excret)
{
    uint32_t xpsr = reg(s, UC_ARM_REG_XPSR);
    unsigned exc = xpsr & 0x1FFu;
    if (exc == 0u || !s->nvic.active[exc]) {
        sim_printf(s, "sim: exception return 0x%08x from thread mode or an inactive exception: UsageFault (INVPC)",
                   excret);
        s->nvic.cfsr |= 1u << 18;
    }
    s->nvic.active[exc] = 0;
    bool to_thread = (excret & 0xFu) != 0x1u;
    bool use_psp = (excret & 0xFu) == 0xDu;
    bool fp = (excret & 0x10u) == 0u;
    uint32_t control = reg(s, UC_ARM_REG_CONTROL);
    uint32_t msp = reg(s, UC_ARM_REG_MSP), psp = reg(s, UC_ARM_REG_PSP);
    uint32_t sp = use_psp ? psp : msp;
    uint32_t frame[26];
    unsigned words = fp ? 26u : 8u;
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
    set_reg(s, UC_ARM_REG_XPSR, frame[7] & ~(1u << 9));
    set_reg(s, UC_ARM_REG_MSP, msp);
    set_reg(s, UC_ARM_REG_PSP, psp);
    set_reg(s, UC_ARM_REG_CONTROL, control);
    set_reg(s, UC_ARM_REG_SP, use_psp ? psp : msp);
    set_reg(s, UC_ARM_REG_PC, frame[6] | 1u);
    update_any_pending(s);
}

/* ---- faults ---- */

static struct {
    bool pending;
    bool fetch;
    bool write;
    uint32_t addr;
    char why[200];
} fault;

static void explain(struct sim *s, uint32_t addr, char *why, size_t len)
{
    for (unsigned i = 0; i < s->nexplain; i++) {
        if (s->explain[i].fn(s, s->explain[i].self, addr, why, len)) {
            return;
        }
    }
    snprintf(why, len, "nothing is mapped at 0x%08x on this chip", addr);
}

static void take_fault(struct sim *s, uint32_t pc)
{
    /* Bus errors: precise for data (BFARVALID, PRECISERR), IBUSERR for a fetch. */
    unsigned exc = 5;
    s->nvic.cfsr |= fault.fetch ? (1u << 8) : ((1u << 9) | (1u << 15));
    if (!fault.fetch) {
        s->nvic.bfar = fault.addr;
    }
    int cur = exec_prio(s);
    if (!exc_enabled(s, 5) || group_prio(s, exc_prio(s, 5)) >= cur) {
        exc = 3;
        s->nvic.hfsr |= 1u << 30; /* FORCED */
        if (cur <= -1) {
            sim_printf(s, "sim: lock-up: bus fault while in HardFault or with FAULTMASK set, at pc 0x%08x", pc);
            s->exit = SIM_EXIT_FAULT;
            s->stop = true;
            return;
        }
    }
    s->faults++;
    sim_printf(s, "sim: %s: %s %s 0x%08x at pc 0x%08x: %s", exc_name(exc),
               fault.fetch ? "instruction fetch from" : "precise data bus error,",
               fault.fetch ? "" : (fault.write ? "write to" : "read of"), fault.addr, pc, fault.why);
    exc_entry(s, exc, pc);
}

static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value, void *ud)
{
    (void)uc;
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
    return false;
}

/* ---- time and the block hook ---- */

static uint16_t count_instructions(struct sim *s, uint32_t addr, uint32_t size)
{
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

static void on_block(uc_engine *uc, uint64_t address, uint32_t size, void *ud)
{
    struct sim *s = ud;
    uint32_t a = (uint32_t)address;
    if (cache_fetch_needed(&s->cache_fast, a, size) && cache_fetch(s, a, size)) {
        return; /* retranslated from the bytes the instruction side sees, then run */
    }
    unsigned slot = (a >> 1) & (ICACHE_SIZE - 1u);
    if (s->icache[slot].addr != a || s->icache[slot].size != size) {
        s->icache[slot].addr = a;
        s->icache[slot].size = (uint16_t)size;
        s->icache[slot].count = count_instructions(s, a, size);
    }
    if (s->gdb == NULL) {
        uint64_t n = s->icache[slot].count;
        s->instructions += n;
        s->cycles += n;
        s->now_ps += n * s->period_ps;
    }
    s->last_block = a;
    if (s->now_ps >= s->next_event_ps) {
        process_events(s);
    }
    if (s->nvic.any_pending) {
        unsigned e = preempting(s);
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
    if (intno == 1) { /* undefined instruction */
        s->nvic.cfsr |= 1u << 16;
        sim_printf(s, "sim: UsageFault: undefined instruction at pc 0x%08x", pc);
        s->faults++;
        exc_entry(s, exc_enabled(s, 6) ? 6 : 3, pc);
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
    for (unsigned e = 0; e < SIM_NUM_EXC; e++) {
        s->nvic.prio[e] = 0;
    }
    s->nvic.ccr = 0x00000200u; /* STKALIGN */
    s->nvic.aircr = 0xFA050000u;
    s->nvic.fpccr = 0xC0000000u; /* ASPEN | LSPEN at reset */
    return 0;
}

void sim_free(struct sim *s)
{
    if (s->uc) {
        uc_close(s->uc);
    }
    free(s->icache);
    cache_free(s);
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
        pc = reg(s, UC_ARM_REG_PC) | 1u;
        if (s->stop || s->now_ps >= s->until_ps) {
            break;
        }
        if (e == UC_ERR_OK && gdb_halted(s)) {
            continue;
        }
        if (e != UC_ERR_OK) {
            if (fault.pending) {
                take_fault(s, fault.fetch ? fault.addr : (pc & ~1u));
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
                sim_printf(s, "sim: core halted: WFI with no interrupt source that can wake it");
                break;
            }
            s->now_ps = s->until_ps;
            break;
        }
        unsigned exc = preempting(s);
        if (exc != 0) {
            exc_entry(s, exc, pc);
            pc = reg(s, UC_ARM_REG_PC) | 1u;
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
