/*
 * The FP register file as a witness of context switches (see fp_regs.h). Register values are
 * bit patterns base+i in s<i>; only moves and compares touch them, so no FP rounding is
 * involved. AAPCS: s16-s31 and FPSCR belong to the caller, so both functions restore them.
 */
    .syntax unified
    .thumb
    .text

/* s<first>..s<last> = r2, r2+1, ... (r2 advances past the last value) */
    .macro fill first, last
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .if \n >= \first && \n <= \last
    vmov    s\n, r2
    adds    r2, r2, #1
    .endif
    .endr
    .endm

/* r0 += number of s<first>..s<last> that differ from r2, r2+1, ... (uses r3) */
    .macro count_changed first, last
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .if \n >= \first && \n <= \last
    vmov    r3, s\n
    cmp     r3, r2
    it      ne
    addne   r0, r0, #1
    adds    r2, r2, #1
    .endif
    .endr
    .endm

/*
 * uint32_t fp_hold_and_check(uint32_t base, uint32_t spins): s0-s31 = base..base+31, FPSCR.RMode
 * = base & 3, spin `spins` times (preemption happens here), return how many of them changed.
 */
    .global fp_hold_and_check
    .type fp_hold_and_check, %function
    .thumb_func
fp_hold_and_check:
    push    {r4, r5, lr}
    vpush   {s16-s31}
    vmrs    r5, fpscr
    mov     r2, r0
    fill    0, 31
    and     r4, r0, #3
    lsls    r4, r4, #22            /* FPSCR.RMode, bits 23:22 */
    bic     r3, r5, #(3 << 22)
    orr     r3, r3, r4
    vmsr    fpscr, r3
1:  subs    r1, r1, #1
    bhi     1b
    mov     r2, r0
    movs    r0, #0
    count_changed 0, 31
    vmrs    r3, fpscr
    and     r3, r3, #(3 << 22)
    cmp     r3, r4
    it      ne
    addne   r0, r0, #1
    vmsr    fpscr, r5
    vpop    {s16-s31}
    pop     {r4, r5, pc}
    .size fp_hold_and_check, . - fp_hold_and_check

/*
 * uint32_t fp_hold_across(uint32_t base, int (*fn)(void *), void *arg, int *rc): s16-s31 =
 * base+16..base+31, *rc = fn(arg), return how many of s16-s31 changed across the call.
 */
    .global fp_hold_across
    .type fp_hold_across, %function
    .thumb_func
fp_hold_across:
    push    {r4, r5, r6, r7, r8, lr}
    vpush   {s16-s31}
    mov     r4, r0
    mov     r5, r1
    mov     r6, r2
    mov     r7, r3
    add     r2, r4, #16
    fill    16, 31
    mov     r0, r6
    blx     r5
    str     r0, [r7]
    add     r2, r4, #16
    movs    r0, #0
    count_changed 16, 31
    vpop    {s16-s31}
    pop     {r4, r5, r6, r7, r8, pc}
    .size fp_hold_across, . - fp_hold_across
