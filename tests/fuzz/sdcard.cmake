# The simulator's SD card model under arbitrary command streams.
extmem_fuzzer(fuzz_sdcard_model ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_sdcard_model.c ${ROOT}/sim/devices/sdcard.c)
target_include_directories(fuzz_sdcard_model PRIVATE ${ROOT}/sim/devices)
