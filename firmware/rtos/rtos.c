/*
 * rtos: portable part of the kernel. Ready bitmap and per-priority lists, the delay list, and
 * the semaphore, mutex and queue state machines. No hardware access: every interaction with the
 * core goes through rtos_port.h, so this file also builds and is tested on the host.
 *
 * Locking rule: every function that touches kernel state runs between rtos_port_crit_enter()
 * and rtos_port_crit_exit(); the helpers named *_locked assume the caller holds it.
 */
#include "rtos.h"

#include <string.h>

#include "rtos_port.h"

/* ---- Intrusive circular doubly linked lists with a sentinel head ---------------------------- */

static void list_init(struct rtos_node *h) { h->next = h->prev = h; }
static bool list_empty(const struct rtos_node *h) { return h->next == h; }
static bool node_linked(const struct rtos_node *n) { return n->next != NULL; }

static void list_insert_before(struct rtos_node *pos, struct rtos_node *n)
{
    n->next = pos;
    n->prev = pos->prev;
    pos->prev->next = n;
    pos->prev = n;
}

static void list_remove(struct rtos_node *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = n->prev = NULL; /* unlinked nodes are recognisable */
}

#define TASK_OF(node, member) \
    ((struct rtos_task *)(void *)((char *)(node) - offsetof(struct rtos_task, member)))

/* ---- Kernel state ---------------------------------------------------------------------------- */

static struct {
    uint32_t ready_bitmap;                       /* bit p set <=> ready[p] not empty */
    struct rtos_node ready[RTOS_PRIO_LEVELS];
    struct rtos_node delays;                     /* sorted by wake_tick, earliest first */
    struct rtos_task *current;
    uint32_t tick;
    uint32_t switches;
    bool started;
} k;

static struct rtos_task idle_task;
static uint64_t idle_stack[RTOS_IDLE_STACK_BYTES / sizeof(uint64_t)]
    __attribute__((aligned(RTOS_STACK_ALIGN)));

/* ---- Ready lists ------------------------------------------------------------------------------ */

static void ready_add_locked(struct rtos_task *t, bool at_head)
{
    struct rtos_node *h = &k.ready[t->prio];
    list_insert_before(at_head ? h->next : h, &t->link);
    k.ready_bitmap |= 1u << t->prio;
    t->state = RTOS_TASK_READY;
}

static void ready_remove_locked(struct rtos_task *t)
{
    list_remove(&t->link);
    if (list_empty(&k.ready[t->prio])) {
        k.ready_bitmap &= ~(1u << t->prio);
    }
}

static struct rtos_task *ready_top_locked(void)
{
    /* The idle task is always ready, so the bitmap is never empty once initialised. */
    unsigned p = 31u - (unsigned)__builtin_clz(k.ready_bitmap);
    return TASK_OF(k.ready[p].next, link);
}

/* Request a switch if the most urgent ready task is not the one running. */
static bool reschedule_locked(void)
{
    if (!k.started || ready_top_locked() == k.current) {
        return false;
    }
    rtos_port_request_switch();
    return true;
}

/* ---- Wait lists and the delay list ----------------------------------------------------------- */

static bool before(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }

static void waiters_add_locked(struct rtos_wait_list *wl, struct rtos_task *t)
{
    struct rtos_node *pos = wl->head.next;
    while (pos != &wl->head && TASK_OF(pos, link)->prio >= t->prio) {
        pos = pos->next;
    }
    list_insert_before(pos, &t->link);
    t->wait_list = wl;
}

static struct rtos_task *waiters_top_locked(const struct rtos_wait_list *wl)
{
    return list_empty(&wl->head) ? NULL : TASK_OF(wl->head.next, link);
}

static void delay_add_locked(struct rtos_task *t, uint32_t ticks)
{
    t->wake_tick = k.tick + ticks;
    struct rtos_node *pos = k.delays.next;
    while (pos != &k.delays && !before(t->wake_tick, TASK_OF(pos, delay_link)->wake_tick)) {
        pos = pos->next; /* equal deadlines keep arrival order */
    }
    list_insert_before(pos, &t->delay_link);
}

/* Take the running task off the ready lists and park it on wl (may be NULL) and, unless the
 * timeout is infinite, on the delay list. The switch happens when the caller leaves the kernel. */
static void block_current_locked(struct rtos_wait_list *wl, uint32_t timeout)
{
    struct rtos_task *t = k.current;
    ready_remove_locked(t);
    t->state = RTOS_TASK_BLOCKED;
    t->wait_rc = RTOS_EPENDING;
    if (wl != NULL) {
        waiters_add_locked(wl, t);
    }
    if (timeout != RTOS_WAIT_FOREVER) {
        delay_add_locked(t, timeout);
    }
    (void)reschedule_locked();
}

/* End a task's wait with rc and make it ready. True if it is more urgent than the running one. */
static bool wake_locked(struct rtos_task *t, int rc)
{
    if (t->wait_list != NULL) {
        list_remove(&t->link);
        t->wait_list = NULL;
    }
    if (node_linked(&t->delay_link)) {
        list_remove(&t->delay_link);
    }
    t->wait_mutex = NULL;
    t->wait_rc = rc;
    ready_add_locked(t, false);
    return k.current != NULL && t->prio > k.current->prio;
}

/* ---- Priority inheritance -------------------------------------------------------------------- */

static uint8_t effective_prio_locked(const struct rtos_task *t)
{
    uint8_t p = t->base_prio;
    for (const struct rtos_mutex *m = t->held; m != NULL; m = m->next_held) {
        const struct rtos_task *w = waiters_top_locked(&m->waiters);
        if (w != NULL && w->prio > p) {
            p = w->prio;
        }
    }
    return p;
}

static void set_prio_locked(struct rtos_task *t, uint8_t p)
{
    if (t->state == RTOS_TASK_READY) {
        ready_remove_locked(t);
        t->prio = p;
        ready_add_locked(t, t == k.current); /* the running task keeps its turn */
    } else if (t->wait_list != NULL) {
        struct rtos_wait_list *wl = t->wait_list;
        list_remove(&t->link);
        t->prio = p;
        waiters_add_locked(wl, t); /* keep the wait list in priority order */
    } else {
        t->prio = p;
    }
}

/* Recompute t's priority from its base and the waiters of the mutexes it holds; if it changed
 * and t itself waits for a mutex, carry the change to that mutex's owner (transitive). */
static void prio_propagate_locked(struct rtos_task *t)
{
    for (unsigned depth = 0; t != NULL && depth < RTOS_PI_MAX_DEPTH; depth++) {
        uint8_t p = effective_prio_locked(t);
        if (p == t->prio) {
            return;
        }
        set_prio_locked(t, p);
        t = (t->wait_mutex != NULL) ? t->wait_mutex->owner : NULL;
    }
}

static void mutex_give_to_locked(struct rtos_mutex *m, struct rtos_task *t)
{
    m->owner = t;
    m->next_held = t->held;
    t->held = m;
}

static void mutex_unlink_held_locked(struct rtos_mutex *m)
{
    struct rtos_mutex **pp = &m->owner->held;
    while (*pp != m) {
        pp = &(*pp)->next_held;
    }
    *pp = m->next_held;
    m->next_held = NULL;
}

/* ---- Kernel and tasks ------------------------------------------------------------------------- */

const char *rtos_strerror(int err)
{
    switch (err) {
    case RTOS_OK: return "ok";
    case RTOS_EINVAL: return "invalid argument";
    case RTOS_EAGAIN: return "not available now and the timeout was 0";
    case RTOS_ETIMEOUT: return "the wait ended at its timeout";
    case RTOS_EISR: return "blocking call from an interrupt handler";
    case RTOS_ESTATE: return "cannot block: scheduler not running or interrupts masked";
    case RTOS_EOVERFLOW: return "semaphore already at its maximum count";
    case RTOS_EPERM: return "mutex unlocked by a task that does not own it";
    case RTOS_EDEADLK: return "mutex already owned by the caller (not recursive)";
    case RTOS_EOVERRUN: return "periodic deadline already passed; no sleep, period grid kept";
    case RTOS_EPENDING: return "wait not finished (port without context switch)";
    default: return "unknown rtos error";
    }
}

static void idle_main(void *arg)
{
    (void)arg;
    for (;;) {
        rtos_port_idle();
    }
}

static int task_prepare(struct rtos_task *t, const char *name, void (*fn)(void *), void *arg,
                        uint8_t prio, void *stack, size_t stack_size)
{
    /* Trim the stack to 8-byte boundaries: AAPCS and exception entry keep sp 8-byte aligned. */
    uintptr_t lo = ((uintptr_t)stack + 7u) & ~(uintptr_t)7u;
    uintptr_t hi = ((uintptr_t)stack + stack_size) & ~(uintptr_t)7u;
    if (hi <= lo || hi - lo < RTOS_STACK_MIN) {
        return RTOS_EINVAL;
    }
    memset(t, 0, sizeof(*t));
    t->name = name;
    t->fn = fn;
    t->arg = arg;
    t->prio = t->base_prio = prio;
    t->stack_base = (uint32_t *)lo;
    t->stack_words = (hi - lo) / 4u;
    for (size_t i = 0; i < t->stack_words; i++) {
        t->stack_base[i] = RTOS_STACK_FILL;
    }
    t->sp = rtos_port_stack_init((uint32_t *)hi, fn, arg, rtos_task_returned);
    return RTOS_OK;
}

void rtos_init_at_tick(uint32_t first_tick)
{
    memset(&k, 0, sizeof(k));
    for (unsigned p = 0; p < RTOS_PRIO_LEVELS; p++) {
        list_init(&k.ready[p]);
    }
    list_init(&k.delays);
    k.tick = first_tick;
    (void)task_prepare(&idle_task, "idle", idle_main, NULL, RTOS_PRIO_IDLE, idle_stack,
                       sizeof(idle_stack));
    ready_add_locked(&idle_task, false);
}

void rtos_init(void) { rtos_init_at_tick(0u); }

int rtos_task_create(struct rtos_task *t, const char *name, void (*fn)(void *), void *arg,
                     uint8_t prio, void *stack, size_t stack_size)
{
    if (t == NULL || fn == NULL || stack == NULL || prio == RTOS_PRIO_IDLE ||
        prio > RTOS_PRIO_MAX) {
        return RTOS_EINVAL;
    }
    int rc = task_prepare(t, name, fn, arg, prio, stack, stack_size);
    if (rc != RTOS_OK) {
        return rc;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    ready_add_locked(t, false);
    (void)reschedule_locked();
    rtos_port_crit_exit(c);
    return RTOS_OK;
}

int rtos_start(uint32_t core_hz, uint32_t tick_hz)
{
    if (tick_hz == 0u || core_hz < tick_hz || k.started || k.ready_bitmap == 0u) {
        return RTOS_EINVAL;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    k.started = true;
    rtos_port_crit_exit(c);
    int rc = rtos_port_start(core_hz, tick_hz); /* on the target, returns only on error */
    if (rc != RTOS_OK) {
        c = rtos_port_crit_enter();
        k.started = false;
        rtos_port_crit_exit(c);
    }
    return rc;
}

struct rtos_task *rtos_task_self(void) { return k.current; }
uint8_t rtos_task_prio(const struct rtos_task *t) { return t->prio; }
uint32_t rtos_tick_count(void) { return k.tick; }
uint32_t rtos_switch_count(void) { return k.switches; }

size_t rtos_task_stack_unused(const struct rtos_task *t)
{
    /* The guard words are not read here: under the MPU guard the running task may not. */
    size_t n = RTOS_GUARD_WORDS;
    while (n < t->stack_words && t->stack_base[n] == RTOS_STACK_FILL) {
        n++;
    }
    return (n - RTOS_GUARD_WORDS) * 4u;
}

void rtos_stack_guard_off(void) { rtos_port_guard(NULL); }

__attribute__((weak)) void rtos_panic(const char *what, const struct rtos_task *t)
{
    (void)what;
    (void)t;
    rtos_port_halt();
}

void rtos_task_returned(void)
{
    rtos_panic("task function returned", k.current);
    rtos_port_halt();
}

static bool guard_intact(const struct rtos_task *t)
{
    for (unsigned i = 0; i < RTOS_GUARD_WORDS; i++) {
        if (t->stack_base[i] != RTOS_STACK_FILL) {
            return false;
        }
    }
    return (uintptr_t)t->sp >= (uintptr_t)(t->stack_base + RTOS_GUARD_WORDS);
}

void *rtos_switch_context(void *sp)
{
    struct rtos_task *prev = k.current;
    rtos_port_guard(NULL);
    if (prev != NULL) {
        prev->sp = sp;
        if (!guard_intact(prev)) {
            rtos_panic("stack overflow", prev);
        }
    }
    k.current = ready_top_locked();
    if (k.current != prev) {
        k.switches++;
    }
    rtos_port_guard(k.current->stack_base);
    return k.current->sp;
}

bool rtos_tick(void)
{
    k.tick++;
    while (!list_empty(&k.delays)) {
        struct rtos_task *t = TASK_OF(k.delays.next, delay_link);
        if (before(k.tick, t->wake_tick)) {
            break;
        }
        struct rtos_mutex *m = t->wait_mutex;
        /* A plain delay ends with success; a wait on an object ends with a timeout. */
        (void)wake_locked(t, t->wait_list != NULL ? RTOS_ETIMEOUT : RTOS_OK);
        if (m != NULL) {
            prio_propagate_locked(m->owner); /* the owner may give back what t lent it */
        }
    }
    /* Round-robin: the running task moves behind its equals. */
    struct rtos_task *cur = k.current;
    if (cur != NULL && cur->state == RTOS_TASK_READY && k.ready[cur->prio].next->next !=
                                                            &k.ready[cur->prio]) {
        ready_remove_locked(cur);
        ready_add_locked(cur, false);
    }
    return k.started && ready_top_locked() != k.current;
}

/* Common entry of the blocking calls: 0 if the caller may block, else the reason. */
static int check_can_block(uint32_t timeout)
{
    if (timeout != RTOS_WAIT_FOREVER && timeout > RTOS_MAX_TIMEOUT) {
        return RTOS_EINVAL;
    }
    if (rtos_port_in_isr()) {
        return RTOS_EISR;
    }
    if (timeout != 0u && (!k.started || !rtos_port_can_block())) {
        return RTOS_ESTATE;
    }
    return RTOS_OK;
}

/* Leave the kernel after block_current_locked(): on the target the switch happens inside
 * rtos_port_crit_exit() and this task resumes only when its wait has ended. */
static int finish_wait(struct rtos_task *self, rtos_crit_t c)
{
    rtos_port_crit_exit(c);
    return self->wait_rc;
}

int rtos_yield(void)
{
    if (rtos_port_in_isr()) {
        return RTOS_EISR;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    struct rtos_task *cur = k.current;
    if (k.started && cur != NULL) {
        ready_remove_locked(cur);
        ready_add_locked(cur, false);
        (void)reschedule_locked();
    }
    rtos_port_crit_exit(c);
    return RTOS_OK;
}

int rtos_delay(uint32_t ticks)
{
    if (ticks == 0u) {
        return rtos_yield();
    }
    if (ticks == RTOS_WAIT_FOREVER) {
        return RTOS_EINVAL; /* a sleep without end is a bug; wait on an object instead */
    }
    int rc = check_can_block(ticks);
    if (rc != RTOS_OK) {
        return rc;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    struct rtos_task *self = k.current;
    block_current_locked(NULL, ticks);
    return finish_wait(self, c);
}

int rtos_delay_until(uint32_t *last_wake, uint32_t period)
{
    if (last_wake == NULL || period == 0u || period > RTOS_MAX_TIMEOUT) {
        return RTOS_EINVAL;
    }
    int rc = check_can_block(period);
    if (rc != RTOS_OK) {
        return rc;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    uint32_t deadline = *last_wake + period;
    *last_wake = deadline; /* the next period starts from the deadline, not from now */
    if (!before(k.tick, deadline)) {
        rtos_port_crit_exit(c);
        return RTOS_EOVERRUN;
    }
    struct rtos_task *self = k.current;
    block_current_locked(NULL, deadline - k.tick);
    return finish_wait(self, c);
}

/* ---- Semaphores ------------------------------------------------------------------------------- */

int rtos_sem_init(struct rtos_sem *s, uint32_t initial, uint32_t max)
{
    if (s == NULL || max == 0u || initial > max) {
        return RTOS_EINVAL;
    }
    s->count = initial;
    s->max = max;
    list_init(&s->waiters.head);
    return RTOS_OK;
}

int rtos_sem_take(struct rtos_sem *s, uint32_t timeout)
{
    if (s == NULL) {
        return RTOS_EINVAL;
    }
    int rc = check_can_block(timeout);
    if (rc != RTOS_OK) {
        return rc;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    if (s->count > 0u) {
        s->count--;
        rtos_port_crit_exit(c);
        return RTOS_OK;
    }
    if (timeout == 0u) {
        rtos_port_crit_exit(c);
        return RTOS_EAGAIN;
    }
    struct rtos_task *self = k.current;
    block_current_locked(&s->waiters, timeout);
    return finish_wait(self, c);
}

static int sem_give_locked(struct rtos_sem *s, bool *switch_needed)
{
    struct rtos_task *w = waiters_top_locked(&s->waiters);
    bool more_urgent = false;
    if (w != NULL) {
        more_urgent = wake_locked(w, RTOS_OK); /* the unit goes straight to the waiter */
    } else if (s->count < s->max) {
        s->count++;
    } else {
        return RTOS_EOVERFLOW;
    }
    (void)reschedule_locked();
    if (switch_needed != NULL) {
        *switch_needed = more_urgent;
    }
    return RTOS_OK;
}

int rtos_sem_give(struct rtos_sem *s)
{
    if (s == NULL) {
        return RTOS_EINVAL;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    int rc = sem_give_locked(s, NULL);
    rtos_port_crit_exit(c);
    return rc;
}

int rtos_sem_give_from_isr(struct rtos_sem *s, bool *switch_needed)
{
    if (switch_needed != NULL) {
        *switch_needed = false;
    }
    if (s == NULL) {
        return RTOS_EINVAL;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    int rc = sem_give_locked(s, switch_needed);
    rtos_port_crit_exit(c);
    return rc;
}

/* ---- Mutexes ---------------------------------------------------------------------------------- */

int rtos_mutex_init(struct rtos_mutex *m)
{
    if (m == NULL) {
        return RTOS_EINVAL;
    }
    m->owner = NULL;
    m->next_held = NULL;
    list_init(&m->waiters.head);
    return RTOS_OK;
}

int rtos_mutex_lock(struct rtos_mutex *m, uint32_t timeout)
{
    if (m == NULL) {
        return RTOS_EINVAL;
    }
    int rc = check_can_block(timeout);
    if (rc != RTOS_OK) {
        return rc;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    struct rtos_task *self = k.current;
    if (self == NULL) {
        rtos_port_crit_exit(c);
        return RTOS_ESTATE;
    }
    if (m->owner == NULL) {
        mutex_give_to_locked(m, self);
        rtos_port_crit_exit(c);
        return RTOS_OK;
    }
    if (m->owner == self) {
        rtos_port_crit_exit(c);
        return RTOS_EDEADLK;
    }
    if (timeout == 0u) {
        rtos_port_crit_exit(c);
        return RTOS_EAGAIN;
    }
    block_current_locked(&m->waiters, timeout);
    self->wait_mutex = m;
    prio_propagate_locked(m->owner); /* lend our priority down the chain of owners */
    return finish_wait(self, c);
}

int rtos_mutex_unlock(struct rtos_mutex *m)
{
    if (m == NULL) {
        return RTOS_EINVAL;
    }
    if (rtos_port_in_isr()) {
        return RTOS_EISR;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    struct rtos_task *self = k.current;
    if (self == NULL || m->owner != self) {
        rtos_port_crit_exit(c);
        return RTOS_EPERM;
    }
    mutex_unlink_held_locked(m);
    m->owner = NULL;
    struct rtos_task *w = waiters_top_locked(&m->waiters);
    if (w != NULL) {
        (void)wake_locked(w, RTOS_OK); /* ownership goes straight to the most urgent waiter */
        mutex_give_to_locked(m, w);
        prio_propagate_locked(w);      /* it inherits from the waiters left behind */
    }
    prio_propagate_locked(self);       /* give back what was lent through m */
    (void)reschedule_locked();
    rtos_port_crit_exit(c);
    return RTOS_OK;
}

/* ---- Queues ----------------------------------------------------------------------------------- */

int rtos_queue_init(struct rtos_queue *q, void *buf, size_t item_size, uint32_t capacity)
{
    /* capacity < 2^31 keeps head + index below 2^32 in slot() */
    if (q == NULL || buf == NULL || item_size == 0u || capacity == 0u ||
        capacity > UINT32_MAX / 2u || item_size > SIZE_MAX / capacity) {
        return RTOS_EINVAL;
    }
    q->buf = buf;
    q->item_size = item_size;
    q->capacity = capacity;
    q->head = 0;
    q->count = 0;
    list_init(&q->senders.head);
    list_init(&q->receivers.head);
    return RTOS_OK;
}

uint32_t rtos_queue_count(const struct rtos_queue *q) { return q->count; }

static uint8_t *slot(const struct rtos_queue *q, uint32_t i)
{
    return q->buf + (size_t)((q->head + i) % q->capacity) * q->item_size;
}

/* Try to send without blocking: RTOS_OK or RTOS_EAGAIN (full). */
static int queue_put_locked(struct rtos_queue *q, const void *item, bool *more_urgent)
{
    struct rtos_task *r = waiters_top_locked(&q->receivers);
    if (r != NULL) { /* the queue is empty: hand the message to the receiver directly */
        memcpy(r->wait_dst, item, q->item_size);
        *more_urgent = wake_locked(r, RTOS_OK);
        return RTOS_OK;
    }
    if (q->count == q->capacity) {
        return RTOS_EAGAIN;
    }
    memcpy(slot(q, q->count), item, q->item_size);
    q->count++;
    return RTOS_OK;
}

int rtos_queue_send(struct rtos_queue *q, const void *item, uint32_t timeout)
{
    if (q == NULL || item == NULL) {
        return RTOS_EINVAL;
    }
    int rc = check_can_block(timeout);
    if (rc != RTOS_OK) {
        return rc;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    bool more_urgent = false;
    rc = queue_put_locked(q, item, &more_urgent);
    if (rc == RTOS_OK || timeout == 0u) {
        (void)reschedule_locked();
        rtos_port_crit_exit(c);
        return rc;
    }
    struct rtos_task *self = k.current;
    self->wait_src = item;
    block_current_locked(&q->senders, timeout);
    return finish_wait(self, c);
}

int rtos_queue_send_from_isr(struct rtos_queue *q, const void *item, bool *switch_needed)
{
    if (switch_needed != NULL) {
        *switch_needed = false;
    }
    if (q == NULL || item == NULL) {
        return RTOS_EINVAL;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    bool more_urgent = false;
    int rc = queue_put_locked(q, item, &more_urgent);
    (void)reschedule_locked();
    rtos_port_crit_exit(c);
    if (switch_needed != NULL) {
        *switch_needed = more_urgent;
    }
    return rc;
}

int rtos_queue_receive(struct rtos_queue *q, void *item, uint32_t timeout)
{
    if (q == NULL || item == NULL) {
        return RTOS_EINVAL;
    }
    int rc = check_can_block(timeout);
    if (rc != RTOS_OK) {
        return rc;
    }
    rtos_crit_t c = rtos_port_crit_enter();
    if (q->count > 0u) {
        memcpy(item, slot(q, 0), q->item_size);
        q->head = (q->head + 1u) % q->capacity;
        q->count--;
        struct rtos_task *s = waiters_top_locked(&q->senders);
        if (s != NULL) { /* a slot is free: complete the most urgent blocked send */
            memcpy(slot(q, q->count), s->wait_src, q->item_size);
            q->count++;
            (void)wake_locked(s, RTOS_OK);
            (void)reschedule_locked();
        }
        rtos_port_crit_exit(c);
        return RTOS_OK;
    }
    if (timeout == 0u) {
        rtos_port_crit_exit(c);
        return RTOS_EAGAIN;
    }
    struct rtos_task *self = k.current;
    self->wait_dst = item;
    block_current_locked(&q->receivers, timeout);
    return finish_wait(self, c);
}
