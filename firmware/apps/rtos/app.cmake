# The RTOS demo: the kernel (firmware/rtos, with its console report) and the FP witness.
set(APP_EXTRA_SRC ${EXTMEM_RTOS_SRC} ${FW}/apps/rtos/fp_regs.S)
