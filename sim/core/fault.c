/* Fault entry with escalation and lock-up (ARMv7-M ARM B1.5.14-B1.5.16). */
#include "fault.h"

#include <stdarg.h>
#include <stdio.h>

#include "sim.h"

void sim_lockup(struct sim *s, uint32_t pc, const char *why)
{
    sim_printf(s, "sim: lock-up: %s at pc 0x%08x (CFSR 0x%08x, HFSR 0x%08x): the core stops", why, pc, s->nvic.cfsr,
               s->nvic.hfsr);
    s->faults++;
    s->exit = SIM_EXIT_FAULT;
    s->stop = true;
    uc_emu_stop(s->uc);
}

void sim_fault(struct sim *s, unsigned exc, uint32_t cfsr_bits, uint32_t ret_pc, const char *why, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    s->nvic.cfsr |= cfsr_bits;
    int cur = sim_exec_prio(s);
    unsigned take = exc;
    if (exc != EXC_HARDFAULT && (!sim_exc_enabled(s, exc) || sim_exc_group_prio(s, exc) >= cur)) {
        take = EXC_HARDFAULT; /* escalation (B1.5.15) */
        s->nvic.hfsr |= HFSR_FORCED;
    }
    if (take == EXC_HARDFAULT && cur < 0) {
        char lk[400];
        snprintf(lk, sizeof lk, "%s (%s%s%s) with execution priority %d (%s)", sim_exc_name(exc), what,
                 why ? ": " : "", why ? why : "", cur,
                 s->nvic.active[EXC_NMI] ? "in NMI" : s->nvic.active[EXC_HARDFAULT] ? "in HardFault" : "FAULTMASK set");
        sim_lockup(s, ret_pc, lk);
        return;
    }
    s->faults++;
    sim_printf(s, "sim: %s: %s at pc 0x%08x%s%s", sim_exc_name(take), what, ret_pc, why ? ": " : "", why ? why : "");
    sim_exc_enter(s, take, ret_pc);
}
