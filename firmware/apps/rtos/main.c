/*
 * RTOS demo (the seed's FreeRTOS sample, on the kernel of firmware/rtos): an interrupt-driven,
 * context-switching application with its own vector table, running from the cell's execution
 * memory with its stacks in the data memory. Board-agnostic: LEDs, console and clock come from
 * the board data.
 *
 *   led1 (priority 3)  toggles the board's first LED every LED1_MS (periodic delay) and sends
 *                      the toggle's sequence number to the queue
 *   led2 (priority 2)  toggles the second LED every LED2_MS; between toggles it waits on the
 *                      queue with a timeout that ends exactly at its next toggle and checks
 *                      every message arrives in order; it waits with its own values in s16-s31
 *                      (callee-saved), which must survive the switches to the fp task
 *   fp   (priority 1)  floating-point work that checks its results: the whole FP register file
 *                      held across preemptions (fp_regs.S) and a series recomputed and compared;
 *                      it sleeps between rounds, so the idle task (WFI) runs too
 *
 * Once a second led2 prints a status line; any failed check prints "rtos: ERROR: ...".
 */
#include "chip.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "drivers/gpio.h"
#include "fp_regs.h"
#include "rtos/rtos.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;
extern const void *const __vector_table[];

#define TICK_HZ 1000u
#define LED1_MS 100u
#define LED2_MS 250u
#define STATUS_MS 1000u
/* Each hold lasts about 1.25 ticks (its loop turn is 2 instructions), so it always spans a tick
 * (SysTick preempts it, and led1/led2 on their ticks); then 2 ticks of sleep leave the idle task
 * (WFI) most of the time, which keeps simulated runs short. */
#define FP_HOLD_TICKS_X8 10u
#define FP_SLEEP_TICKS 2u
#define STACK_BYTES 1024u

static const struct board_desc *board;

static struct rtos_task led1_task, led2_task, fp_task;
static uint64_t led1_stack[STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static uint64_t led2_stack[STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));
static uint64_t fp_stack[STACK_BYTES / 8u] __attribute__((aligned(RTOS_STACK_ALIGN)));

static struct rtos_queue toggles;
static uint32_t toggles_buf[8];
static struct rtos_mutex console_lock;

static volatile uint32_t led1_count, led2_count, messages, fp_checks, errors;

/* Serialise console lines between tasks (the mutex also lends priority to a printing task). */
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)rtos_mutex_lock(&console_lock, RTOS_WAIT_FOREVER);
    console_vprintf(fmt, ap);
    (void)rtos_mutex_unlock(&console_lock);
    va_end(ap);
}

static void error(const char *what, uint32_t a, uint32_t b)
{
    errors++;
    say("rtos: ERROR: %s (%u, %u)\n", (uint32_t)(uintptr_t)what, a, b);
}

static void led_toggle(unsigned i)
{
    if (i < board->led_count) {
        gpio_toggle(board->leds[i].pin);
    }
}

static void led1_main(void *arg)
{
    (void)arg;
    uint32_t last = rtos_tick_count();
    for (;;) {
        int rc = rtos_delay_until(&last, LED1_MS * TICK_HZ / 1000u);
        if (rc != RTOS_OK) {
            error(rtos_strerror(rc), last, rtos_tick_count());
        }
        led_toggle(0);
        uint32_t seq = ++led1_count;
        rc = rtos_queue_send(&toggles, &seq, RTOS_NO_WAIT);
        if (rc != RTOS_OK) {
            error("led1: queue send", (uint32_t)-rc, seq);
        }
    }
}

struct receive_args {
    uint32_t *msg;
    uint32_t timeout;
};

static int receive(void *p)
{
    const struct receive_args *a = p;
    return rtos_queue_receive(&toggles, a->msg, a->timeout);
}

static void led2_main(void *arg)
{
    (void)arg;
    uint32_t next = rtos_tick_count() + LED2_MS * TICK_HZ / 1000u;
    uint32_t expected = 1;
    for (;;) {
        uint32_t now = rtos_tick_count();
        if ((int32_t)(next - now) > 0) {
            uint32_t msg = 0;
            struct receive_args a = { &msg, next - now };
            int rc;
            uint32_t changed = fp_hold_across(0x4B000000u + expected * 64u, receive, &a, &rc);
            if (changed != 0u) {
                error("led2: s16-s31 changed across a blocking receive (message, how many)", expected, changed);
            }
            if (rc == RTOS_OK) {
                if (msg != expected) {
                    error("led2: message out of order (expected, got)", expected, msg);
                }
                expected = msg + 1u;
                messages++;
                continue;
            }
            if (rc != RTOS_ETIMEOUT) {
                error(rtos_strerror(rc), (uint32_t)-rc, now);
            }
        }
        led_toggle(1);
        next += LED2_MS * TICK_HZ / 1000u;
        uint32_t n = ++led2_count;
        if ((n * LED2_MS) % STATUS_MS == 0u) {
            say("rtos: %u ms: led1 %u toggles, led2 %u, %u messages in order, fp %u checks, %u errors, "
                "%u switches\n",
                n * LED2_MS, led1_count, n, messages, fp_checks, errors, rtos_switch_count());
            say("rtos: stack headroom of %u: led1 %u, led2 %u, fp %u bytes\n", STACK_BYTES,
                (uint32_t)rtos_task_stack_unused(&led1_task), (uint32_t)rtos_task_stack_unused(&led2_task),
                (uint32_t)rtos_task_stack_unused(&fp_task));
        }
    }
}

/* Sum of 1/k^2 for k = 1..n, in single precision: a result that depends on every register the
 * compiler keeps live across the loop, recomputed and compared bit for bit. */
static float series(volatile const uint32_t *n)
{
    float sum = 0.0f;
    for (uint32_t k = 1; k <= *n; k++) {
        float fk = (float)k;
        sum += 1.0f / (fk * fk);
    }
    return sum;
}

static void fp_main(void *arg)
{
    (void)arg;
    static volatile const uint32_t terms = 500u;
    const float reference = series(&terms);
    if (!(reference > 1.642f && reference < 1.646f)) { /* pi^2/6 minus the tail 1/500 */
        error("fp: series reference out of range (x1000)", (uint32_t)(reference * 1000.0f), 0);
    }
    const uint32_t spins = g_core_hz / TICK_HZ / 2u * FP_HOLD_TICKS_X8 / 8u;
    for (uint32_t round = 0;; round++) {
        uint32_t bad = fp_hold_and_check(0x3F800000u + round * 32u, spins);
        if (bad != 0u) {
            error("fp: registers changed across a preemption (round, how many)", round, bad);
        }
        float again = series(&terms);
        if (again != reference) {
            union { float f; uint32_t u; } bits = { .f = again };
            error("fp: series result changed (round, bits)", round, bits.u);
        }
        fp_checks++;
        (void)rtos_delay(FP_SLEEP_TICKS);
    }
}

static void check(const char *what, int rc)
{
    if (rc != RTOS_OK) {
        console_printf("rtos: ERROR: %s: %s\n", (uint32_t)(uintptr_t)what, (uint32_t)(uintptr_t)rtos_strerror(rc));
    }
}

int main(void)
{
    board = &EXTMEM_BOARD_SYMBOL;
    g_core_hz = board->clock.sysclk_hz; /* the boot left the clock tree configured */
    cm7_cyccnt_start();
    console_init(board, board->clock.hclk_hz / board->clock.apb_div);
    console_printf("rtos: demo on %s: code 0x%08x, VTOR 0x%08x, stacks 0x%08x.., tick %u Hz, core %u MHz\n",
                   (uint32_t)(uintptr_t)board->name, (uint32_t)(uintptr_t)&main, SCB_VTOR,
                   (uint32_t)(uintptr_t)led1_stack, TICK_HZ, g_core_hz / 1000000u);
    for (unsigned i = 0; i < board->led_count && i < 2u; i++) {
        gpio_clock_enable(board->leds[i].pin.port);
        gpio_write(board->leds[i].pin, board->leds[i].active_low); /* off */
        gpio_configure(board->leds[i].pin, GPIO_MODE_OUTPUT, GPIO_SPEED_LOW);
    }
    const char *none = "(none)";
    console_printf("rtos: led1 %s every %u ms, led2 %s every %u ms, queue led1 -> led2, fp task checks s0-s31\n",
                   (uint32_t)(uintptr_t)(board->led_count > 0u ? board->leds[0].name : none), LED1_MS,
                   (uint32_t)(uintptr_t)(board->led_count > 1u ? board->leds[1].name : none), LED2_MS);

    rtos_init();
    check("mutex", rtos_mutex_init(&console_lock));
    check("queue", rtos_queue_init(&toggles, toggles_buf, sizeof(toggles_buf[0]), 8u));
    check("led1", rtos_task_create(&led1_task, "led1", led1_main, NULL, 3, led1_stack, sizeof(led1_stack)));
    check("led2", rtos_task_create(&led2_task, "led2", led2_main, NULL, 2, led2_stack, sizeof(led2_stack)));
    check("fp", rtos_task_create(&fp_task, "fp", fp_main, NULL, 1, fp_stack, sizeof(fp_stack)));
    check("start", rtos_start(g_core_hz, TICK_HZ)); /* returns only on error */
    for (;;) {
        cm7_wfi();
    }
}
