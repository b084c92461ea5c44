/* Harness of the kernel's test firmwares (see rtos_test.h). */
#include "rtos_test.h"

#include "chip.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/deadline.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;
typedef void (*vector_fn)(void);
extern const vector_fn __vector_table[];

#define VECTORS (16u + CHIP_IRQ_COUNT) /* as startup.c's table */
#define TEST_IRQ (CHIP_IRQ_COUNT - 1u)

static const char *test_name;
static uint32_t checks, failures;
static char trace[128];
static volatile uint32_t trace_len;
/* VTOR needs the table aligned to its size rounded up to a power of two: 1024 covers 256 entries. */
static vector_fn ram_vectors[VECTORS] __attribute__((aligned(1024)));

void test_begin(const char *name)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    enum clock_stage st;
    test_name = name;
    cm7_cyccnt_start();
    int rc = clock_init(&b->clock, &st);
    console_init(b, b->clock.hclk_hz / b->clock.apb_div);
    console_printf("test: %s\n", (uint32_t)(uintptr_t)name);
    (void)test_check(rc == 0, "clock init", (uint32_t)-rc, st);
}

bool test_check(bool ok, const char *what, uint32_t a, uint32_t b)
{
    checks++;
    if (!ok) {
        failures++;
        console_printf("test: FAIL: %s (%u, %u)\n", (uint32_t)(uintptr_t)what, a, b);
    }
    return ok;
}

void test_end(void)
{
    if (failures == 0u) {
        console_printf("test: %s: pass (%u checks)\n", (uint32_t)(uintptr_t)test_name, checks);
    } else {
        console_printf("test: %s: FAIL (%u of %u checks failed)\n", (uint32_t)(uintptr_t)test_name, failures,
                       checks);
    }
    cm7_irq_disable();
    SYST_CSR = 0u;
    for (;;) {
        cm7_dsb();
        cm7_wfi();
    }
}

uint32_t test_tick_cycles(void) { return g_core_hz / TEST_TICK_HZ; }

void test_irq_install(void (*fn)(void))
{
    for (unsigned i = 0; i < VECTORS; i++) {
        ram_vectors[i] = __vector_table[i];
    }
    ram_vectors[16u + TEST_IRQ] = fn;
    cm7_dsb();
    SCB_VTOR = (uint32_t)(uintptr_t)ram_vectors;
    NVIC_IPR_BYTE(TEST_IRQ) = (uint8_t)TEST_IRQ_PRIO;
    NVIC_ISER(TEST_IRQ / 32u) = 1u << (TEST_IRQ % 32u);
    cm7_dsb();
    cm7_isb();
}

void test_irq_pend(void)
{
    REG32(0xE000EF00u) = TEST_IRQ; /* STIR (B3.4.3): pends the interrupt, as the line would */
    cm7_dsb();
    cm7_isb();
}

void test_trace(char c)
{
    if (trace_len < sizeof(trace) - 1u) {
        trace[trace_len++] = c;
    }
}

bool test_check_trace(const char *expected)
{
    trace[trace_len] = '\0';
    console_printf("test: trace %s, expected %s\n", (uint32_t)(uintptr_t)trace, (uint32_t)(uintptr_t)expected);
    uint32_t i = 0;
    while (expected[i] != '\0' && expected[i] == trace[i]) {
        i++;
    }
    return test_check(expected[i] == trace[i], "event order differs at index (index, char)", i, (uint8_t)trace[i]);
}

void test_start(void)
{
    int rc = rtos_start(g_core_hz, TEST_TICK_HZ);
    (void)test_check(false, "rtos_start returned", (uint32_t)-rc, 0);
    test_end();
}
