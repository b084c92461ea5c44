/*
 * Harness of the kernel's test firmwares (tests/sim/fw/rtos): they run from internal flash on
 * the board of a cell, print what they check on the console and end with one line
 *   "test: <name>: pass (<n> checks)"  or  "test: <name>: FAIL (<k> of <n> checks failed)"
 * then stop the core (tick off, interrupts masked, WFI), which the simulator reports as halted.
 */
#ifndef RTOS_TEST_H
#define RTOS_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include "rtos/rtos.h"

#define TEST_TICK_HZ 1000u
#define TEST_IRQ_PRIO 0x60u    /* less urgent than RTOS_KERNEL_BASEPRI: may call the kernel */
#define TEST_STACK_BYTES 1024u

/* Clock, console, cycle counter; prints "test: <name>". */
void test_begin(const char *name);
/* One check: counted; a failure prints "test: FAIL: <what> (<a>, <b>)". Returns ok. */
bool test_check(bool ok, const char *what, uint32_t a, uint32_t b);
/* Final line, then stop. Never returns. */
__attribute__((noreturn)) void test_end(void);

/* Cycles of one tick at the test tick rate. */
uint32_t test_tick_cycles(void);

/* A copy of the vector table in RAM (VTOR moved to it) with fn on the test interrupt (the
 * family's last line, which no model drives), enabled at TEST_IRQ_PRIO. test_irq_pend() sets
 * it pending from software (NVIC STIR). */
void test_irq_install(void (*fn)(void));
void test_irq_pend(void);

/* Event trace: one character per event, compared against the expected order. */
void test_trace(char c);
/* Prints the trace and checks it equals expected. */
bool test_check_trace(const char *expected);

/* Start the kernel at TEST_TICK_HZ; returns only on error (checked). */
void test_start(void);

#endif
