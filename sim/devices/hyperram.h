/* HyperRAM model: S70KL1281 (two S27KL0641-class 64 Mbit dies in one package, 16 MiB), fed
 * whole HyperBus transactions by the OCTOSPI model in HyperBus mode. Facts: nor-flash-parts.md
 * section 11 (ST-S70, CY-MODEL, LNX-HB, DS-HRAM). Each die keeps its ID0/ID1 and CR0/CR1;
 * byte address bit 23 (CA bit 35) selects the die. A transaction is refused (one log line,
 * reads all ones) when the controller's framing, latency, strobe or clock does not match
 * what the die is configured for. */
#ifndef SIM_HYPERRAM_H
#define SIM_HYPERRAM_H

#include "xspi_bus.h"

struct hyperram;

/* How the controller runs one transaction (from OCTOSPI CCR/HLCR/DCR). */
struct hyperbus_xfer {
    bool write;
    bool reg_space;          /* CA[46]: register space (OCTOSPI MTYP = HyperBus register) */
    uint32_t byte_addr;      /* AR */
    uint8_t *buf;
    uint32_t len;
    struct xspi_phase addr, data; /* must be 8 lines DTR; no instruction phase */
    bool instr;              /* an instruction phase was configured */
    bool dqs;                /* read data sampled with RWDS (CCR.DQSE) */
    uint8_t latency_clocks;  /* HLCR.TACC */
    bool fixed_latency;      /* HLCR.LM */
    bool write_zero_latency; /* HLCR.WZL */
    uint8_t rwr_clocks;      /* HLCR.TRWR */
    uint64_t clk_hz;
};

struct hyperram *hyperram_create(uint8_t *storage, uint32_t size, xspi_log_fn log, void *log_ctx,
                                 const char *name);
void hyperram_destroy(struct hyperram *h);
void hyperram_power_on(struct hyperram *h, uint64_t now_ps);
/* 0 when the die(s) accepted it, -1 when refused (logged; a read buffer is all 0xFF). */
int hyperram_xfer(struct hyperram *h, const struct hyperbus_xfer *x, uint64_t now_ps);
/* Would memory-mapped reads (and writes, when wr is not NULL) with these settings work right
 * now? If not, the one-line reason. max_burst_bytes: the controller's CSBOUND split (0 = none),
 * cs_low_max_ps: its DCR4 refresh bound (0 = none). */
bool hyperram_mmap_ok(const struct hyperram *h, const struct hyperbus_xfer *rd, const struct hyperbus_xfer *wr,
                      uint32_t max_burst_bytes, uint64_t cs_low_max_ps, uint64_t now_ps, char *why,
                      size_t why_len);
#endif
