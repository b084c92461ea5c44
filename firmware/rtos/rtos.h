/*
 * rtos: a small preemptive kernel (portable part).
 *
 * Fixed priorities (RTOS_PRIO_LEVELS, higher number = more urgent), round-robin among tasks of
 * equal priority on every tick, static allocation only: the caller owns every TCB, stack,
 * semaphore, mutex, queue and queue buffer. See docs/rtos.md for the design in one page.
 *
 * Blocking calls take a timeout in ticks: 0 polls, RTOS_WAIT_FOREVER waits without limit, any
 * other value up to RTOS_MAX_TIMEOUT bounds the wait. Every call returns 0 or a negative
 * RTOS_E* code (rtos_strerror() gives a one-line message).
 *
 * Waits end by direct hand-off: the task that gives a semaphore, unlocks a mutex or sends to a
 * queue completes the waiter's operation (unit, ownership or message) before waking it, so a
 * woken task only returns its result and a late arrival cannot steal what was handed over.
 */
#ifndef RTOS_H
#define RTOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Configuration (the #ifndef settings may be overridden with -D) ---------------------- */

#define RTOS_PRIO_LEVELS 32u          /* one bit per level in a uint32_t ready bitmap */
#define RTOS_PRIO_IDLE 0u             /* reserved for the idle task */
#define RTOS_PRIO_MAX (RTOS_PRIO_LEVELS - 1u)

#ifndef RTOS_GUARD_WORDS
#define RTOS_GUARD_WORDS 8u           /* words at the stack bottom checked at every switch */
#endif
#define RTOS_STACK_FILL 0xA5A5A5A5u   /* whole stack filled at creation; guard + high-water mark */

/* Smallest stack accepted: the guard, a full context with FP (17 integer words saved by
 * hardware and kernel + 18 FP words stacked by hardware + 16 saved by the kernel, plus the
 * alignment pad) and a little slack for the task's first call. Real tasks need more. */
#define RTOS_STACK_MIN ((RTOS_GUARD_WORDS + 52u + 4u) * 4u)
/* Stacks aligned to this also get an MPU guard region over their guard words (Cortex-M7 port). */
#define RTOS_STACK_ALIGN 32u

#ifndef RTOS_IDLE_STACK_BYTES
#define RTOS_IDLE_STACK_BYTES 384u
#endif
#ifndef RTOS_PI_MAX_DEPTH
#define RTOS_PI_MAX_DEPTH 8u          /* bound on the priority-inheritance chain walk */
#endif

#define RTOS_WAIT_FOREVER UINT32_MAX
#define RTOS_NO_WAIT 0u
/* Deadlines are compared modulo 2^32, which is exact for distances below 2^31 ticks. */
#define RTOS_MAX_TIMEOUT 0x7FFFFFFFu

/* ---- Errors -------------------------------------------------------------------------------- */

enum rtos_err {
    RTOS_OK = 0,
    RTOS_EINVAL = -1,    /* invalid argument */
    RTOS_EAGAIN = -2,    /* not available now and the timeout was 0 */
    RTOS_ETIMEOUT = -3,  /* the wait ended at its timeout */
    RTOS_EISR = -4,      /* blocking call from an interrupt handler */
    RTOS_ESTATE = -5,    /* cannot block: scheduler not running or interrupts masked */
    RTOS_EOVERFLOW = -6, /* semaphore already at its maximum count */
    RTOS_EPERM = -7,     /* mutex unlocked by a task that does not own it */
    RTOS_EDEADLK = -8,   /* mutex already owned by the caller (not recursive) */
    RTOS_EOVERRUN = -9,  /* periodic deadline had already passed; no sleep, grid kept */
    RTOS_EPENDING = -10, /* wait not finished: only seen with a port that does not switch (host) */
};

const char *rtos_strerror(int err);

/* ---- Objects (fields are private to the kernel; public only for static allocation) ---------- */

struct rtos_node {
    struct rtos_node *next;
    struct rtos_node *prev;
};

struct rtos_wait_list {
    struct rtos_node head; /* waiting tasks, highest priority first, FIFO among equals */
};

enum rtos_task_state {
    RTOS_TASK_READY = 1,   /* in a ready list (the running task included) */
    RTOS_TASK_BLOCKED = 2, /* on a wait list and/or the delay list */
};

struct rtos_mutex;

struct rtos_task {
    void *sp; /* saved stack pointer; first member: the context switch reads it at offset 0 */
    struct rtos_node link;         /* ready list or wait list */
    struct rtos_node delay_link;   /* delay list, while a deadline is armed */
    uint32_t wake_tick;
    struct rtos_wait_list *wait_list; /* wait list the task is on, or NULL */
    struct rtos_mutex *wait_mutex;    /* mutex waited for (priority inheritance chain), or NULL */
    struct rtos_mutex *held;          /* mutexes held, most recent first */
    const void *wait_src;             /* queue send: message to hand over */
    void *wait_dst;                   /* queue receive: where the message goes */
    int wait_rc;                      /* result of the last wait */
    const char *name;
    uint32_t *stack_base;             /* lowest word (8-byte aligned); the guard starts here */
    size_t stack_words;
    void (*fn)(void *);
    void *arg;
    uint8_t prio;                     /* effective priority (base or inherited) */
    uint8_t base_prio;
    uint8_t state;
};

struct rtos_sem {
    uint32_t count;
    uint32_t max;
    struct rtos_wait_list waiters;
};

struct rtos_mutex {
    struct rtos_task *owner;
    struct rtos_mutex *next_held; /* link in the owner's list of held mutexes */
    struct rtos_wait_list waiters;
};

struct rtos_queue {
    uint8_t *buf;
    size_t item_size;
    uint32_t capacity;
    uint32_t head;  /* index of the oldest item */
    uint32_t count;
    struct rtos_wait_list senders;
    struct rtos_wait_list receivers;
};

/* ---- Kernel and tasks ---------------------------------------------------------------------- */

/* Reset the kernel and create the idle task; call once before anything else. */
void rtos_init(void);
/* Same, with the tick counter starting at first_tick (tests use it to cross the wrap). */
void rtos_init_at_tick(uint32_t first_tick);

/* Prepare a task; it becomes ready at once. prio 1..RTOS_PRIO_MAX; stack_size >= RTOS_STACK_MIN.
 * May be called before rtos_start() or from a running task (a more urgent new task preempts). */
int rtos_task_create(struct rtos_task *t, const char *name, void (*fn)(void *), void *arg,
                     uint8_t prio, void *stack, size_t stack_size);

/* Start SysTick at tick_hz and run the most urgent task. On target it returns only on error. */
int rtos_start(uint32_t core_hz, uint32_t tick_hz);

struct rtos_task *rtos_task_self(void);
uint8_t rtos_task_prio(const struct rtos_task *t);       /* effective (possibly inherited) */
uint32_t rtos_tick_count(void);
uint32_t rtos_switch_count(void);
/* Headroom: bytes above the guard words never written so far (fill pattern intact). Safe for
 * the running task on itself (the guard words, which the MPU may protect, are not read). */
size_t rtos_task_stack_unused(const struct rtos_task *t);

int rtos_yield(void);                                    /* let equal-priority tasks run */
int rtos_delay(uint32_t ticks);                          /* 0 = yield */
/* Sleep until *last_wake + period, then advance *last_wake by period (no drift). */
int rtos_delay_until(uint32_t *last_wake, uint32_t period);

/* For fault handlers: lift the MPU guard of the running task's stack, so a report may read
 * its guard words (rtos_task_stack_unused) without faulting again. */
void rtos_stack_guard_off(void);

/* Called when a task overflows its stack or returns. Weak; the default halts. */
void rtos_panic(const char *what, const struct rtos_task *t);

/* ---- Synchronisation ----------------------------------------------------------------------- */

int rtos_sem_init(struct rtos_sem *s, uint32_t initial, uint32_t max); /* max 1 = binary */
int rtos_sem_take(struct rtos_sem *s, uint32_t timeout);
int rtos_sem_give(struct rtos_sem *s);
/* From an interrupt handler: *switch_needed (may be NULL) tells whether a task more urgent than
 * the interrupted one became ready; the switch is requested and happens when the handler ends. */
int rtos_sem_give_from_isr(struct rtos_sem *s, bool *switch_needed);

int rtos_mutex_init(struct rtos_mutex *m);
int rtos_mutex_lock(struct rtos_mutex *m, uint32_t timeout);
int rtos_mutex_unlock(struct rtos_mutex *m);

/* buf holds capacity items of item_size bytes each. */
int rtos_queue_init(struct rtos_queue *q, void *buf, size_t item_size, uint32_t capacity);
int rtos_queue_send(struct rtos_queue *q, const void *item, uint32_t timeout);
int rtos_queue_receive(struct rtos_queue *q, void *item, uint32_t timeout);
int rtos_queue_send_from_isr(struct rtos_queue *q, const void *item, bool *switch_needed);
uint32_t rtos_queue_count(const struct rtos_queue *q);

/* ---- Port interface (the kernel calls these; rtos_port_cm7.c or a test fake provides them) -- */

/* SysTick handler body and the context switch call back into the kernel: */
bool rtos_tick(void);                  /* kernel locked; true if a switch is needed */
void *rtos_switch_context(void *sp);   /* kernel locked; saves sp, returns the next task's sp */
void rtos_task_returned(void);         /* a task function's return address */

#endif /* RTOS_H */
