/*
 * fp_hold_and_check(base, spins): the whole FP register file as a witness of the context
 * switch. Loads s0-s31 with base, base+1, ... base+31 (bit patterns) and FPSCR's rounding mode
 * with base & 3, spins `spins` times (preemption happens here), then counts the registers (and
 * FPSCR) that no longer hold their value. Returns that count: 0 when every switch restored the
 * FP context. AAPCS: s16-s31 and FPSCR are the caller's, so they are saved and restored.
 */
    .syntax unified
    .thumb
    .text
    .global fp_hold_and_check
    .type fp_hold_and_check, %function
    .thumb_func
fp_hold_and_check:
    push    {r4, r5, lr}
    vpush   {s16-s31}
    vmrs    r5, fpscr
    mov     r2, r0
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov    s\n, r2
    adds    r2, r2, #1
    .endr
    and     r4, r0, #3
    lsls    r4, r4, #22            /* FPSCR.RMode, bits 23:22 */
    bic     r3, r5, #(3 << 22)
    orr     r3, r3, r4
    vmsr    fpscr, r3
1:  subs    r1, r1, #1
    bhi     1b
    mov     r2, r0
    movs    r0, #0
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov    r3, s\n
    cmp     r3, r2
    it      ne
    addne   r0, r0, #1
    adds    r2, r2, #1
    .endr
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
 * fp_hold_across(base, fn, arg, rc): s16-s31 are callee-saved (AAPCS), so they must survive any
 * call, including one that blocks in the kernel while other tasks use the FPU. Loads s16-s31
 * with base+16 .. base+31, calls fn(arg) (its result goes to *rc), and returns how many of
 * s16-s31 changed.
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
    .irp n, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov    s\n, r2
    adds    r2, r2, #1
    .endr
    mov     r0, r6
    blx     r5
    str     r0, [r7]
    add     r2, r4, #16
    movs    r0, #0
    .irp n, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    vmov    r3, s\n
    cmp     r3, r2
    it      ne
    addne   r0, r0, #1
    adds    r2, r2, #1
    .endr
    vpop    {s16-s31}
    pop     {r4, r5, r6, r7, r8, pc}
    .size fp_hold_across, . - fp_hold_across
