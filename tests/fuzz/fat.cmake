extmem_fuzzer(fuzz_fat ${ROOT}/tests/fuzz/fuzz_fat.c ${ROOT}/firmware/fs/fat.c)
