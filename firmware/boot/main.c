/* Boot application: runs from internal flash, brings up the clocks, the MPU, the caches and
 * the configured external memory, checks the application and jumps to it (seed section 3).
 * One log line per stage on the board's console; on failure one error line and a safe stop. */
#include <stdarg.h>
#include "boot.h"
#include "memory.h"
#include "chip.h"
#include "drivers/clock.h"
#include "drivers/console.h"
#include "drivers/deadline.h"
#include "drivers/errors.h"
#include "area.h"
#include "area_split.h"
#include "fail_led.h"
#include "load.h"
#include "drivers/iwdg.h"

#define BOARD (&EXTMEM_BOARD_SYMBOL)
extern const struct board_desc EXTMEM_BOARD_SYMBOL;

static uint32_t pre_clock_us; /* time spent before the PLL ran, measured at the HSI clock */
static void (*watchdog_refresh)(void); /* set once the IWDG runs */

static uint32_t boot_us(void)
{
    return pre_clock_us + cycles_to_us(cm7_cyccnt());
}

__attribute__((noreturn)) static void safe_stop(void)
{
    cm7_irq_disable();
    SYST_CSR = 0u;
    for (;;) {
        cm7_wfi();
    }
}

void boot_fail(enum boot_err e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    console_printf("E%02u ", (uint32_t)e);
    console_vprintf(fmt, ap);
    console_puts("\n");
    va_end(ap);
    const struct board_desc *b = BOARD;
    if (b->led_count != 0u) {
        fail_led_blink(&b->leds[b->led_count - 1u], (unsigned)e, watchdog_refresh);
    }
    safe_stop();
}

void fault_report(const char *what, const uint32_t *frame)
{
    if (frame) {
        boot_fail(BOOT_E_FAULT, "fault: %s in the boot at pc 0x%08x (CFSR 0x%08x, BFAR 0x%08x)", (uint32_t)(uintptr_t)what,
                  frame[6], SCB_CFSR, SCB_BFAR);
    }
    boot_fail(BOOT_E_FAULT, "fault: %s in the boot", (uint32_t)(uintptr_t)what);
}

/* One MPU region over [base, base + size): 2^n bytes at base when base is aligned to that
 * size (every XiP area, the H7 RAMs); otherwise the smallest aligned region that holds the
 * range, with the subregions (eighths) outside it disabled when the range falls on eighths
 * (F7 BootROM: SRAM1/SRAM2 above the boot's DTCM, 0x20010000). *span: what it covers. */
static struct mpu_region mpu_region_for(uint32_t base, uint32_t size, uint32_t attr, uint32_t *span)
{
    unsigned n = 5u; /* 32 bytes minimum */
    while ((1ull << n) < size) {
        n++;
    }
    if ((base & (uint32_t)((1ull << n) - 1u)) == 0u) {
        *span = (uint32_t)(1ull << n);
        return (struct mpu_region){ base, (uint8_t)n, attr };
    }
    while (n < 32u && (uint64_t)(base & ~(uint32_t)((1ull << n) - 1u)) + (1ull << n) < (uint64_t)base + size) {
        n++;
    }
    const uint32_t rbase = base & ~(uint32_t)((1ull << n) - 1u);
    const uint32_t sub = (uint32_t)((1ull << n) / 8u);
    *span = (uint32_t)(1ull << n);
    if (n >= 8u && (base - rbase) % sub == 0u && size % sub == 0u) {
        const uint32_t first = (base - rbase) / sub, last = first + size / sub;
        const uint32_t used = ((1u << last) - 1u) & ~((1u << first) - 1u);
        attr |= (0xFFu & ~used) << 8; /* RASR.SRD: a set bit disables that eighth */
        *span = size;
    }
    return (struct mpu_region){ rbase, (uint8_t)n, attr };
}

/* MPU as the seed's boots set it: the code area executable (read-only and write-through
 * when it is flash, so XiP code and constants are cached), the data RAM normal write-back
 * memory that never executes; the rest keeps the default map (PRIVDEFENA). */
static void mpu_setup(const struct boot_area *code, const struct boot_area *data)
{
    const uint32_t code_attr = code->nonvolatile ? (MPU_RASR_AP_RO | MPU_RASR_C) /* WT */
                                                 : (MPU_RASR_AP_RW | MPU_RASR_TEX(1) | MPU_RASR_C | MPU_RASR_B);
    const uint32_t data_attr = MPU_RASR_AP_RW | MPU_RASR_TEX(1) | MPU_RASR_C | MPU_RASR_B | MPU_RASR_XN; /* WBWA */
    uint32_t code_span, data_span;
    /* The code region is the higher-numbered one, so it wins where the two overlap (ARMv7-M
     * B3.5.3): a region is a power of two aligned to its size, and over one RAM split in
     * halves (H735G-DK: 160 KiB + 160 KiB of AXI SRAM) the data region rounds out over the
     * code; with the data region winning the application's code would be execute-never. */
    const struct mpu_region r[] = {
        mpu_region_for(data->base, data->size, data_attr, &data_span),
        mpu_region_for(code->base, code->size, code_attr, &code_span),
    };
    cm7_mpu_configure(r, 2);
    console_printf("[boot] mpu: code 0x%08x %M %s executable, data 0x%08x %M no-execute\n", code->base, code_span,
                   (uint32_t)(uintptr_t)(code->nonvolatile ? "read-only" : "read-write"), data->base, data_span);
}

#if !defined(BINARY_AREA)
/* A raw application (the seed's format): its vector table at the start of the code area. */
static void check_app(uint32_t code_base, uint32_t code_size, uint32_t data_base, uint32_t data_size,
                      uint32_t *sp, uint32_t *pc)
{
    const volatile uint32_t *v = (const volatile uint32_t *)(uintptr_t)code_base;
    *sp = v[0];
    *pc = v[1];
    if (*sp == 0xFFFFFFFFu && *pc == 0xFFFFFFFFu) {
        boot_fail(BOOT_E_APP_ERASED, "app: no application at 0x%08x (flash erased): program the application image",
                  code_base);
    }
    int sp_ok = (*sp & 7u) == 0u && *sp > data_base && *sp - data_base <= data_size;
    int pc_ok = (*pc & 1u) != 0u && *pc - code_base < code_size;
    if (!sp_ok || !pc_ok) {
        boot_fail(BOOT_E_APP_VECTORS, "app: vector table at 0x%08x is not an application for this area "
                                      "(SP 0x%08x, reset 0x%08x): link it at 0x%08x with data at 0x%08x",
                  code_base, *sp, *pc, code_base, data_base);
    }
}

#endif

__attribute__((noreturn)) static void jump(uint32_t sp, uint32_t pc)
{
    /* Release what the application must not inherit (seed section 4): the tick, every
     * interrupt enabled or pending, the console. The memory interface stays as it is. */
    SYST_CSR = 0u;
    for (unsigned i = 0; i < NVIC_REG_COUNT; i++) {
        NVIC_ICER(i) = 0xFFFFFFFFu;
        NVIC_ICPR(i) = 0xFFFFFFFFu;
    }
    SCB_ICSR = SCB_ICSR_PENDSTCLR | SCB_ICSR_PENDSVCLR;
    console_release(BOARD);
    cm7_dsb();
    cm7_isb();
    __asm__ volatile("msr msp, %0\n"
                     "bx %1\n" ::"r"(sp), "r"(pc) : "memory");
    __builtin_unreachable();
}

int main(void)
{
    const struct board_desc *b = BOARD;
    cm7_cyccnt_start();
    enum clock_stage stage;
    int rc = clock_init(&b->clock, &stage);
    uint32_t hsi_cycles = cm7_cyccnt();
    pre_clock_us = (uint32_t)(((uint64_t)hsi_cycles * 1000000u) / CHIP_HSI_HZ);
    DWT_CYCCNT = 0u;
    console_init(b, rc == 0 ? b->clock.hclk_hz / b->clock.apb_div : CHIP_HSI_HZ);
    struct boot_area code, data;
    int code_rc = area_describe(b, CODE_AREA, &code), data_rc = area_describe(b, DATA_AREA, &data);
#if defined(BINARY_AREA)
    if (CODE_AREA == USE_INTERNAL_SRAM) {
        area_skip_boot_ram(&code.base, &code.size, b->boot_ram.base, b->boot_ram.size);
    }
    if (DATA_AREA == USE_INTERNAL_SRAM) {
        area_skip_boot_ram(&data.base, &data.size, b->boot_ram.base, b->boot_ram.size);
    }
#endif
    area_split_shared(&code.base, &code.size, &data.base, &data.size);
    console_printf("extmem-boot on %s (as %s, %M internal flash): %s from %s, data in %s\n",
                   (uint32_t)(uintptr_t)b->name, (uint32_t)(uintptr_t)b->value_line, b->vl_flash_size,
                   (uint32_t)(uintptr_t)(code.nonvolatile ? "execute in place" : "run"),
                   (uint32_t)(uintptr_t)(code_rc == 0 ? code.name : "?"),
                   (uint32_t)(uintptr_t)(data_rc == 0 ? data.name : "?"));
    if (code_rc != 0 || data_rc != 0) {
        boot_fail(BOOT_E_CONFIG, "config: CODE_AREA or DATA_AREA is not a memory of %s: rebuild with a supported "
                                 "configuration", (uint32_t)(uintptr_t)b->name);
    }
#if BOOT_WATCHDOG_MS > 0
    {
        /* Bounds the whole boot: a wait that never ends resets the chip (IWDG, LSI clock). */
        const struct iwdg_setting wd = iwdg_setting_for(BOOT_WATCHDOG_MS);
        if (iwdg_start(&wd) != 0) {
            boot_fail(BOOT_E_WATCHDOG, "watchdog: " CHIP_IWDG_NAME " did not take prescaler/reload: check the LSI");
        }
        watchdog_refresh = iwdg_refresh;
        console_printf("[boot] watchdog: " CHIP_IWDG_NAME " %u ms over the boot (LSI 32 kHz, /%u, reload %u)\n",
                       wd.timeout_ms, 4u << wd.prescaler, (uint32_t)wd.reload);
    }
#endif
    if (rc != 0) {
        boot_fail(BOOT_E_CLOCK, "clock: %s did not complete (%s): check the board's clock data",
                  (uint32_t)(uintptr_t)clock_stage_name(stage),
                  (uint32_t)(uintptr_t)(rc == DRV_EINVAL ? "inconsistent PLL settings" : "timeout"));
    }
    console_printf("[boot] clock: SYSCLK %u MHz, HCLK %u MHz, flash %u WS (HSE %u MHz, PLL1 /%u x%u /%u) at %u us\n",
                   b->clock.sysclk_hz / 1000000u, b->clock.hclk_hz / 1000000u, (uint32_t)b->clock.flash_ws,
                   b->clock.hse_hz / 1000000u, (uint32_t)b->clock.pll_m, (uint32_t)b->clock.pll_n,
                   (uint32_t)b->clock.pll_p, boot_us());

    mpu_setup(&code, &data);
    cm7_icache_enable();
    cm7_dcache_enable();
    console_printf("[boot] cache: I-cache %M and D-cache %M enabled\n", b->icache_size, b->dcache_size);

    area_bring_up(b, DATA_AREA, &data);
    if (CODE_AREA != DATA_AREA) { /* one RAM split between code and data comes up once */
        area_bring_up(b, CODE_AREA, &code);
    }
    const uint32_t code_base = code.base, code_size = code.size;
    const uint32_t data_base = data.base, data_size = data.size;

    uint32_t sp, pc;
    struct load_result ld;
#if defined(BINARY_AREA)
    (void)code_base, (void)code_size, (void)data_base, (void)data_size;
    load_bootrom(b, &code, &data, &ld);
    sp = ld.sp;
    pc = ld.entry;
    console_printf("[boot] app: loaded at 0x%08x, SP 0x%08x, reset 0x%08x\n", ld.base, sp, pc);
#else
    uint32_t vectors = code_base;
    if (load_verify_xip(b, &code, &data, &ld)) {
        sp = ld.sp;
        pc = ld.entry;
        vectors = ld.base;
    } else {
        check_app(code_base, code_size, data_base, data_size, &sp, &pc);
    }
    console_printf("[boot] app: vector table at 0x%08x, SP 0x%08x, reset 0x%08x\n", vectors, sp, pc);
#endif
#if BOOT_WATCHDOG_MS > 0
    {
        /* The IWDG cannot be stopped: the application gets the longest period to take it over. */
        const struct iwdg_setting wd = iwdg_setting_for(UINT32_MAX / 2u);
        if (iwdg_start(&wd) != 0) {
            boot_fail(BOOT_E_WATCHDOG, "watchdog: " CHIP_IWDG_NAME " did not take the hand-over period: check the LSI");
        }
        console_printf("[boot] watchdog: handed over with %u ms: the application must refresh " CHIP_IWDG_NAME "\n",
                       wd.timeout_ms);
    }
#endif
    console_printf("[boot] jump: to 0x%08x after %u us\n", pc, boot_us());
    jump(sp, pc);
}
