# Image header parser and placement checks (firmware/lib/image.c).
extmem_fuzzer(fuzz_image_header ${ROOT}/tests/fuzz/fuzz_image_header.c ${ROOT}/firmware/lib/image.c ${ROOT}/firmware/lib/crc32.c ${ROOT}/firmware/lib/sha256.c)
