/* Test firmware: the simulator's DMA1/DMA2 model against what the reference manuals state.
 * Each step prints one "test: dma: ..." line that a CTest checks:
 *   1. DMA1 registers read with the DMA1 clock off: 0 (the simulator logs it);
 *   2. DMA2 stream 0, memory-to-memory, 64 words from internal SRAM to internal SRAM: the
 *      bytes land, NDTR ends at 0, TCIF and HTIF are set, the TCIE interrupt is taken once,
 *      and the copy takes the model's 2 HCLK cycles per item;
 *   3. DMA2 stream 4, memory-to-memory, 16 bytes read one by one and written as 4 words;
 *   4. DMA2 stream 1, peripheral-to-memory (waits for requests): SxPAR written while EN = 1
 *      keeps its value; clearing EN stops it (EN polled until 0) with TCIF set;
 *   5. EN set again on a stream whose TCIF is still set: EN stays 0; TCIE set then: the
 *      interrupt is taken at once;
 *   6. H7: DMA2 stream 2 copies into the DTCM: TEIF, EN cleared.
 *      F7: DMA1 stream 0 memory-to-memory: TEIF, EN cleared (only DMA2 can), and DMA2
 *      stream 2 copies into the DTCM (reachable on the F7 through the core's AHBS port);
 *   7. RCC_AHB1RSTR DMA2RST puts DMA2's registers back to their reset values. */
#include "chip.h"
#include "drivers/console.h"
#include "drivers/deadline.h"

extern const struct board_desc EXTMEM_BOARD_SYMBOL;

#if defined(EXTMEM_FAMILY_STM32F7)
#define DMA1_BASE 0x40026000u
#define DMA2_BASE 0x40026400u
#define DMA_ENR REG32(0x40023830u) /* RCC_AHB1ENR */
#define DMA_RSTR REG32(0x40023810u) /* RCC_AHB1RSTR, same bit positions */
#define DMA1_EN (1u << 21)
#define DMA2_EN (1u << 22)
#define CR_CHSEL(n) ((uint32_t)(n) << 25)
#else
#define DMA1_BASE 0x40020000u
#define DMA2_BASE 0x40020400u
#define DMA_ENR REG32(0x58024400u + 0xD8u) /* RCC_AHB1ENR */
#define DMA_RSTR REG32(0x58024400u + 0x80u) /* RCC_AHB1RSTR, same bit positions */
#define DMA1_EN (1u << 0)
#define DMA2_EN (1u << 1)
#define DMAMUX1_CCR(ch) REG32(0x40020800u + 4u * (ch))
#endif

#define DMA_LISR(b) REG32((b) + 0x00u)
#define DMA_HISR(b) REG32((b) + 0x04u)
#define DMA_LIFCR(b) REG32((b) + 0x08u)
#define DMA_HIFCR(b) REG32((b) + 0x0Cu)
#define DMA_CR(b, x) REG32((b) + 0x10u + 0x18u * (x))
#define DMA_NDTR(b, x) REG32((b) + 0x14u + 0x18u * (x))
#define DMA_PAR(b, x) REG32((b) + 0x18u + 0x18u * (x))
#define DMA_M0AR(b, x) REG32((b) + 0x1Cu + 0x18u * (x))
#define DMA_FCR(b, x) REG32((b) + 0x24u + 0x18u * (x))

#define CR_EN (1u << 0)
#define CR_TCIE (1u << 4)
#define CR_M2M (2u << 6)
#define CR_PINC (1u << 9)
#define CR_MINC (1u << 10)
#define CR_PSIZE_BYTE (0u << 11)
#define CR_PSIZE_WORD (2u << 11)
#define CR_MSIZE_WORD (2u << 13)
/* Stream 0 flags (LISR bits 0..5); stream 1 at +6, stream 2 at +16, stream 4 in HISR. */
#define F_TEIF 0x08u
#define F_HTIF 0x10u
#define F_TCIF 0x20u
#define F_ALL 0x3Du

#define IRQ_DMA2_STREAM0 56u
#define IRQ_DMA2_STREAM1 57u
#define WORDS 64u

typedef void (*vector_fn)(void);
extern const vector_fn __vector_table[];
static vector_fn ram_vectors[16u + CHIP_IRQ_COUNT] __attribute__((aligned(1024)));
static volatile uint32_t irq_count, irq_lisr;

void fault_report(const char *what, const uint32_t *frame)
{
    console_printf("test: fault: %s at pc 0x%08x\n", (uint32_t)(uintptr_t)what, frame ? frame[6] : 0u);
    for (;;) {
        cm7_irq_disable();
        cm7_wfi();
    }
}

static void dma2_stream0_isr(void)
{
    irq_lisr = DMA_LISR(DMA2_BASE);
    DMA_LIFCR(DMA2_BASE) = F_ALL;
    irq_count++;
}

static volatile uint32_t irq1_count;
static void dma2_stream1_isr(void)
{
    DMA_LIFCR(DMA2_BASE) = F_ALL << 6;
    irq1_count++;
}

/* Polls until EN reads 0; the number of polls, or 0 on timeout. */
static uint32_t wait_disabled(uint32_t base, unsigned x)
{
    struct deadline d = deadline_in_us(1000u);
    uint32_t polls = 0;
    while (DMA_CR(base, x) & CR_EN) {
        polls++;
        if (deadline_passed(&d)) {
            return 0;
        }
    }
    return polls + 1u;
}

static void m2m(uint32_t base, unsigned x, uint32_t src, uint32_t dst, uint32_t n, uint32_t cr)
{
    DMA_PAR(base, x) = src;
    DMA_M0AR(base, x) = dst;
    DMA_NDTR(base, x) = n;
    DMA_CR(base, x) = cr | CR_M2M | CR_EN;
}

int main(void)
{
    const struct board_desc *b = &EXTMEM_BOARD_SYMBOL;
    console_init(b, CHIP_HSI_HZ);
    cm7_cyccnt_start();
    volatile uint32_t *src = (volatile uint32_t *)(uintptr_t)(b->internal_sram.base + 0x10000u);
    volatile uint32_t *dst = src + WORDS;

    /* 1. clock off */
    console_printf("test: dma: DMA1 S0CR with the clock off reads 0x%08x\n", DMA_CR(DMA1_BASE, 0));
    DMA_ENR |= DMA1_EN | DMA2_EN;
    (void)DMA_ENR;

    /* 2. memory-to-memory with the transfer-complete interrupt */
    for (unsigned i = 0; i < 16u + CHIP_IRQ_COUNT; i++) {
        ram_vectors[i] = __vector_table[i];
    }
    ram_vectors[16u + IRQ_DMA2_STREAM0] = dma2_stream0_isr;
    ram_vectors[16u + IRQ_DMA2_STREAM1] = dma2_stream1_isr;
    SCB_VTOR = (uint32_t)(uintptr_t)ram_vectors;
    cm7_dsb();
    cm7_isb();
    for (uint32_t i = 0; i < WORDS; i++) {
        src[i] = 0xC0DE0000u | (i * 0x0101u);
        dst[i] = 0;
    }
    NVIC_ISER(IRQ_DMA2_STREAM0 / 32u) = 1u << (IRQ_DMA2_STREAM0 % 32u);
    cm7_irq_enable();
    uint32_t t0 = cm7_cyccnt();
    m2m(DMA2_BASE, 0, (uint32_t)(uintptr_t)src, (uint32_t)(uintptr_t)dst, WORDS,
        CR_PINC | CR_MINC | CR_PSIZE_WORD | CR_MSIZE_WORD | CR_TCIE);
    uint32_t polls = wait_disabled(DMA2_BASE, 0);
    uint32_t cycles = cm7_cyccnt() - t0;
    unsigned wrong = 0;
    for (uint32_t i = 0; i < WORDS; i++) {
        wrong += dst[i] != (0xC0DE0000u | (i * 0x0101u));
    }
    console_printf("test: dma: memory-to-memory copy of %u bytes: %u words wrong, NDTR %u, TCIF %u HTIF %u, "
                   "interrupt taken %u times, EN 0 after %u polls, %u cycles\n",
                   WORDS * 4u, wrong, DMA_NDTR(DMA2_BASE, 0), (irq_lisr & F_TCIF) ? 1u : 0u,
                   (irq_lisr & F_HTIF) ? 1u : 0u, irq_count, polls, cycles);
    NVIC_ICER(IRQ_DMA2_STREAM0 / 32u) = 1u << (IRQ_DMA2_STREAM0 % 32u);

    /* 3. bytes in, words out */
    volatile uint8_t *bsrc = (volatile uint8_t *)src;
    for (uint32_t i = 0; i < 16u; i++) {
        bsrc[i] = (uint8_t)(0x10u + i);
        dst[i / 4u] = 0;
    }
    m2m(DMA2_BASE, 4, (uint32_t)(uintptr_t)src, (uint32_t)(uintptr_t)dst, 16u,
        CR_PINC | CR_MINC | CR_PSIZE_BYTE | CR_MSIZE_WORD);
    (void)wait_disabled(DMA2_BASE, 4);
    console_printf("test: dma: 16 bytes packed into words 0x%08x 0x%08x 0x%08x 0x%08x, TCIF %u\n", dst[0], dst[1],
                   dst[2], dst[3], (DMA_HISR(DMA2_BASE) & F_TCIF) ? 1u : 0u);
    DMA_HIFCR(DMA2_BASE) = F_ALL;

    /* 4. a peripheral-to-memory stream: configuration locked while enabled, then disabled */
    uint32_t par = b->internal_sram.base + 0x20000u;
#if defined(EXTMEM_FAMILY_STM32F7)
    uint32_t req = CR_CHSEL(4);
#else
    uint32_t req = 0;
    DMAMUX1_CCR(9) = 41u; /* DMA2 stream 1 is served by DMAMUX1 channel 9 */
#endif
    DMA_PAR(DMA2_BASE, 1) = par;
    DMA_M0AR(DMA2_BASE, 1) = (uint32_t)(uintptr_t)dst;
    DMA_NDTR(DMA2_BASE, 1) = 16u;
    DMA_CR(DMA2_BASE, 1) = req | CR_MINC | CR_EN;
    DMA_PAR(DMA2_BASE, 1) = 0x12345678u;
    console_printf("test: dma: SxPAR written while EN = %u: reads 0x%08x, was 0x%08x\n", DMA_CR(DMA2_BASE, 1) & CR_EN,
                   DMA_PAR(DMA2_BASE, 1), par);
    DMA_CR(DMA2_BASE, 1) &= ~CR_EN;
    polls = wait_disabled(DMA2_BASE, 1);
    console_printf("test: dma: stream disabled: EN 0 after %u polls, TCIF %u, NDTR %u\n", polls,
                   (DMA_LISR(DMA2_BASE) & (F_TCIF << 6)) ? 1u : 0u, DMA_NDTR(DMA2_BASE, 1));

    /* 5. EN with the flags of the last transfer left set */
    DMA_CR(DMA2_BASE, 1) |= CR_EN;
    console_printf("test: dma: EN set with TCIF still set: EN reads %u\n", DMA_CR(DMA2_BASE, 1) & CR_EN);
    /* an interrupt enable set while its flag is set: the interrupt comes at once */
    NVIC_ISER(IRQ_DMA2_STREAM1 / 32u) = 1u << (IRQ_DMA2_STREAM1 % 32u);
    DMA_CR(DMA2_BASE, 1) |= CR_TCIE;
    cm7_dsb();
    cm7_isb();
    console_printf("test: dma: TCIE set with TCIF still set: interrupt taken %u times, TCIF now %u\n", irq1_count,
                   (DMA_LISR(DMA2_BASE) & (F_TCIF << 6)) ? 1u : 0u);
    NVIC_ICER(IRQ_DMA2_STREAM1 / 32u) = 1u << (IRQ_DMA2_STREAM1 % 32u);
    DMA_LIFCR(DMA2_BASE) = F_ALL << 6;

    /* 6. what the controllers cannot reach */
    uint32_t dtcm = 0x20008000u;
    m2m(DMA2_BASE, 2, (uint32_t)(uintptr_t)src, dtcm, 16u, CR_PINC | CR_MINC | CR_PSIZE_WORD | CR_MSIZE_WORD);
    (void)wait_disabled(DMA2_BASE, 2);
    uint32_t f = DMA_LISR(DMA2_BASE) >> 16;
    console_printf("test: dma: copy into the DTCM: TEIF %u TCIF %u, EN %u, NDTR %u, first word 0x%08x\n",
                   (f & F_TEIF) ? 1u : 0u, (f & F_TCIF) ? 1u : 0u, DMA_CR(DMA2_BASE, 2) & CR_EN,
                   DMA_NDTR(DMA2_BASE, 2), *(volatile uint32_t *)(uintptr_t)dtcm);
    DMA_LIFCR(DMA2_BASE) = F_ALL << 16;
#if defined(EXTMEM_FAMILY_STM32F7)
    m2m(DMA1_BASE, 0, (uint32_t)(uintptr_t)src, (uint32_t)(uintptr_t)dst, 16u, CR_PINC | CR_MINC);
    (void)wait_disabled(DMA1_BASE, 0);
    console_printf("test: dma: DMA1 memory-to-memory: TEIF %u TCIF %u, EN %u, NDTR %u\n",
                   (DMA_LISR(DMA1_BASE) & F_TEIF) ? 1u : 0u, (DMA_LISR(DMA1_BASE) & F_TCIF) ? 1u : 0u,
                   DMA_CR(DMA1_BASE, 0) & CR_EN, DMA_NDTR(DMA1_BASE, 0));
    DMA_LIFCR(DMA1_BASE) = F_ALL;
#endif

    /* 7. the controller's reset */
    DMA_NDTR(DMA2_BASE, 3) = 0x55u;
    DMA_PAR(DMA2_BASE, 3) = 0x1234u;
    DMA_FCR(DMA2_BASE, 3) = 0x07u;
    uint32_t before = DMA_NDTR(DMA2_BASE, 3);
    DMA_RSTR |= DMA2_EN;
    DMA_RSTR &= ~DMA2_EN;
    console_printf("test: dma: DMA2 reset: S3NDTR 0x%x -> 0x%x, S3PAR 0x%x, S3FCR 0x%x\n", before,
                   DMA_NDTR(DMA2_BASE, 3), DMA_PAR(DMA2_BASE, 3), DMA_FCR(DMA2_BASE, 3));
    DMA_ENR &= ~(DMA1_EN | DMA2_EN);
    console_printf("test: dma: done\n");
    return 0;
}
