/*
 * rtos port interface, and the few ARMv7-M core registers the Cortex-M7 port uses.
 *
 * The portable kernel (rtos.c) only calls the functions below. rtos_port_cm7.c implements them
 * on the target; on the host a fake port (tests/unit/rtos_fake_port.c) implements them so the
 * kernel's data structures can be unit-tested.
 */
#ifndef RTOS_PORT_H
#define RTOS_PORT_H

#include <stdbool.h>
#include <stdint.h>

/* Saved interrupt mask state of a critical section (BASEPRI on the Cortex-M7 port). */
typedef uint32_t rtos_crit_t;

/* Mask every interrupt that may call the kernel; nestable; usable in handlers. */
rtos_crit_t rtos_port_crit_enter(void);
void rtos_port_crit_exit(rtos_crit_t saved);

/* Ask for a context switch. From a task, with the kernel unlocked, it happens at once; from a
 * handler or inside a critical section, when the last one ends. */
void rtos_port_request_switch(void);

bool rtos_port_in_isr(void);
/* True when the caller is a task with interrupts unmasked (a blocking call may switch away). */
bool rtos_port_can_block(void);

/* Build the initial frame at the top of a new stack; returns the task's initial sp. */
void *rtos_port_stack_init(uint32_t *top, void (*fn)(void *), void *arg, void (*exit_fn)(void));

/* Start the tick and the first task (rtos_switch_context(NULL) picks it). On the target it does
 * not return on success. */
int rtos_port_start(uint32_t core_hz, uint32_t tick_hz);

/* Called at every switch, from the kernel lock: with NULL before the outgoing task's guard is
 * checked (the check reads it), then with the incoming task's stack bottom. A port with an MPU
 * makes the guard words of the running task inaccessible, so an overflow faults at the first
 * access instead of being found at the next switch. */
void rtos_port_guard(const uint32_t *stack_base);

void rtos_port_idle(void);  /* wait for an interrupt */
void rtos_port_halt(void);  /* stop for good: tick off, interrupts masked (default panic) */

#if defined(__arm__)
/* ---- ARMv7-M core registers (ARMv7-M Architecture Reference Manual, DDI 0403E, chapter B3) --- */

#define RTOS_REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* SysTick (B3.3.2): a 24-bit down counter clocked by the core when CLKSOURCE = 1. */
#define SYST_CSR RTOS_REG32(0xE000E010u) /* control and status */
#define SYST_RVR RTOS_REG32(0xE000E014u) /* reload value */
#define SYST_CVR RTOS_REG32(0xE000E018u) /* current value; any write clears it */
#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)   /* 1 = processor clock */
#define SYST_RVR_MAX 0x00FFFFFFu

/* System Control Block (B3.2.2). */
#define SCB_ICSR RTOS_REG32(0xE000ED04u)  /* interrupt control and state */
#define SCB_ICSR_PENDSVSET (1u << 28)
#define SCB_VTOR RTOS_REG32(0xE000ED08u)  /* vector table offset; word 0 = initial MSP */
#define SCB_SHPR2 RTOS_REG32(0xE000ED1Cu) /* byte 3: SVCall priority */
#define SCB_SHPR3 RTOS_REG32(0xE000ED20u) /* byte 2: PendSV, byte 3: SysTick priority */
#define SCB_SHPR2_SVC_Pos 24u
#define SCB_SHPR3_PENDSV_Pos 16u
#define SCB_SHPR3_SYSTICK_Pos 24u
#define SCB_CPACR RTOS_REG32(0xE000ED88u) /* coprocessor access (B3.2.20) */
#define SCB_CPACR_CP10_CP11_FULL (0xFu << 20)
#define SCB_SHCSR RTOS_REG32(0xE000ED24u) /* system handler control and state (B3.2.13) */
#define SCB_SHCSR_MEMFAULTENA (1u << 16)

/* MPU (B3.5): one region, the highest-numbered (it wins where regions overlap), guards the
 * running task's stack bottom. RASR AP = 000: no access, privileged or not; XN set. */
#define MPU_TYPE RTOS_REG32(0xE000ED90u)
#define MPU_CTRL RTOS_REG32(0xE000ED94u)
#define MPU_CTRL_ENABLE (1u << 0)
#define MPU_CTRL_PRIVDEFENA (1u << 2)
#define MPU_RNR RTOS_REG32(0xE000ED98u)
#define MPU_RBAR RTOS_REG32(0xE000ED9Cu)
#define MPU_RASR RTOS_REG32(0xE000EDA0u)
#define MPU_TYPE_DREGION(t) (((t) >> 8) & 0xFFu)
#define MPU_RASR_ENABLE (1u << 0)
#define MPU_RASR_SIZE_32B (4u << 1) /* SIZE = log2(bytes) - 1 */
#define MPU_RASR_XN (1u << 28)
#define RTOS_MPU_GUARD_BYTES 32u    /* smallest MPU region; base aligned to it */

/* Floating-point context control (B3.2.21). */
#define FPU_FPCCR RTOS_REG32(0xE000EF34u)
#define FPU_FPCCR_ASPEN (1u << 31) /* set CONTROL.FPCA on FP use: hardware stacks FP context */
#define FPU_FPCCR_LSPEN (1u << 30) /* lazy: reserve the FP frame, store it only if FP is used */

/* EXC_RETURN (B1.5.8): bit 4 = 0 when the stacked frame is the extended (FP) frame. */
#define EXC_RETURN_THREAD_PSP 0xFFFFFFFDu /* thread mode, process stack, basic frame */
#define EXC_RETURN_STD_FRAME (1u << 4)

/* xPSR: the Thumb bit must be set in every stacked xPSR (B1.4.2). */
#define XPSR_T (1u << 24)

/* Priorities are 8-bit fields of which the part implements the top bits (4 on STM32F7/H7);
 * lower value = more urgent. Interrupts at a value below RTOS_KERNEL_BASEPRI are never masked
 * by the kernel and must not call it. */
#ifndef RTOS_KERNEL_BASEPRI
#define RTOS_KERNEL_BASEPRI 0x50 /* no suffix: also pasted into assembly */
#endif
#define RTOS_PRIO_LOWEST 0xFFu     /* unimplemented low bits read as zero */
#endif /* __arm__ */

#endif /* RTOS_PORT_H */
