/* GDB remote serial protocol server of the simulator (--gdb PORT).
 *
 * One debugger on a TCP socket bound to 127.0.0.1 only. The target starts halted at the
 * reset vector of the boot, so the boot brings external memory up before anything in it
 * runs (the seed's section 5.3 precaution, by default). Breakpoints live in the simulator
 * (a per-instruction hook, installed only with --gdb), never in the target's memory, so they
 * work in flash and in external memory that is not mapped yet. Virtual time advances one
 * core clock per executed instruction while the debugger is attached. */
#ifndef SIM_CORE_GDB_H
#define SIM_CORE_GDB_H

#include <stdbool.h>

#include "sim.h"

/* Listens on 127.0.0.1:port (0: any free port), logs the port, waits for the debugger and
 * installs the instruction hook. Returns 0, or -1 with a message on stderr. */
int gdb_attach(struct sim *s, unsigned port);
/* Called by the run loop before it resumes the CPU at *pc: while the debugger holds the
 * target halted, serves its requests, then updates *pc (the debugger may have moved it).
 * Returns false when the debugger ends the run (kill, or the connection is lost). */
bool gdb_serve(struct sim *s, uint32_t *pc);
/* Called by the run loop when the CPU returned without a fault: true when the debugger's
 * hook stopped it (breakpoint, single step, interrupt). */
bool gdb_halted(const struct sim *s);
/* The run is over: tells a waiting debugger the exit status and closes the connection. */
void gdb_detach(struct sim *s, int exit_status);

#endif
