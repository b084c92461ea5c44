# The simulator's L1 cache model (issue 3, "Caches"): one rule per test firmware
# (tests/sim/fw/cache/cache_rules.c), each with the result hardware gives.
if(EXTMEM_FW_DIR)
  set(EXPECT ${CMAKE_SOURCE_DIR}/tests/e2e/expect.sh)
  set(B stm32h743i-eval)
  set(T ${EXTMEM_FW_DIR}/demo/test)
  set(U uart1)
  set(names "")
  function(cache_test name status fw)
    add_test(NAME core.cache-${name} COMMAND ${EXPECT} ${status} "--board ${B} --boot ${T}/cache-${fw}.bin --until-ms 20"
      ${ARGN})
    set(names ${names} core.cache-${name} PARENT_SCOPE)
  endfunction()

  cache_test(code-copied-without-dcache-clean-runs-stale 3 dirty-code
    "+sim: error: instruction fetch at 0x24001000: line 0x24001000 is dirty in the D-cache, not cleaned"
    "+${U}: test: new code copied without D-cache clean returns 1"
    "+sim: end: .* 0 faults, 1 errors, exit 3")
  cache_test(code-copied-without-dcache-clean-runs-stale-with-icache-off-too 3 dirty-code-ic-off
    "+sim: error: instruction fetch at 0x24001000: line 0x24001000 is dirty in the D-cache, not cleaned"
    "+${U}: test: I-cache off, new code copied without D-cache clean returns 1"
    "+sim: end: .* 0 faults, 1 errors, exit 3")
  cache_test(code-changed-with-clean-and-invalidate-by-address-to-pou-runs 0 clean-by-pou
    "+${U}: test: old code returns 1"
    "+${U}: test: new code, DCCMVAU and ICIMVAU on its line, returns 2"
    "+sim: end: .* 0 faults, 0 errors, exit 0" "!sim: error")
  cache_test(code-copied-with-clean-and-icache-invalidate-runs 0 clean-and-inv
    "+${U}: test: old code returns 1"
    "+${U}: test: new code, D-cache cleaned, I-cache invalidated, returns 2"
    "+sim: end: .* 0 faults, 0 errors, exit 0" "!sim: error")
  cache_test(code-changed-without-icache-invalidate-runs-old-code 3 no-icache-inv
    "+${U}: test: old code returns 1"
    "+sim: error: instruction fetch at 0x24001000: the I-cache still holds line 0x24001000 as it was before memory changed"
    "+${U}: test: new code, D-cache cleaned, no I-cache invalidate, returns 1"
    "+sim: end: .* 0 faults, 1 errors, exit 3")
  cache_test(write-through-region-needs-no-clean 0 write-through
    "+${U}: test: new code copied into write-through memory, no clean, returns 2"
    "+sim: end: .* 0 faults, 0 errors, exit 0" "!sim: error")
  cache_test(invalidate-without-clean-discards-writes 0 inv-discards
    "+${U}: test: dirty word invalidated without clean reads 0x11111111" "!sim: error")
  cache_test(clean-and-invalidate-keeps-writes 0 clean-inv-keeps
    "+${U}: test: dirty word cleaned and invalidated reads 0x22222222" "!sim: error")
  cache_test(disabled-has-no-stale-data 0 disabled
    "+${U}: test: caches off: old code returns 1"
    "+${U}: test: caches off: new code, no maintenance, returns 2"
    "+${U}: test: caches off: word written then invalidated reads 0x22222222"
    "+sim: end: .* 0 faults, 0 errors, exit 0" "!sim: error")
  cache_test(disabled-dcache-hides-dirty-lines-until-enabled 0 dc-off-hides
    "+${U}: test: D-cache off, dirty line not cleaned: word reads 0x11111111"
    "+${U}: test: D-cache on again: word reads 0x22222222" "!sim: error")
  cache_test(clean-after-disable-writes-dirty-lines-back-and-caches-off-run-new-code 0 clean-disable
    "+${U}: test: old code returns 1"
    "+${U}: test: both caches off after clean: word reads 0x22222222"
    "+${U}: test: both caches off: new code, no maintenance, returns 2"
    "+sim: end: .* 0 faults, 0 errors, exit 0" "!sim: error")
  cache_test(icache-enabled-again-without-invalidate-runs-the-lines-it-kept 3 ic-reenabled
    "+${U}: test: old code returns 1"
    "+${U}: test: both caches off: new code returns 2"
    "+sim: error: instruction fetch at 0x24001000: the I-cache still holds line 0x24001000 as it was before memory changed"
    "+${U}: test: I-cache on again without invalidate: returns 1"
    "+sim: end: .* 0 faults, 1 errors, exit 3")
  cache_test(set-way-operations-act-on-the-addressed-set 0 set-way
    "+${U}: test: D-cache geometry from CCSIDR: 128 sets, 4 ways"
    "+${U}: test: new code, D-cache cleaned by set/way, returns 2"
    "+${U}: test: dirty word invalidated by set/way reads 0x11111111"
    "+${U}: test: dirty word, clean of the next set, invalidate: reads 0x11111111"
    "+${U}: test: dirty word, clean of its set 3, invalidate: reads 0x44444444"
    "+sim: end: .* 0 faults, 0 errors, exit 0" "!sim: error")

  # The F7 parts' smaller D-caches (8 KiB on F730, 4 KiB on F750: 64 and 32 sets of 4 ways).
  foreach(v "f723-xip-qspi;stm32f723e-disco;uart6;64" "f756-xip-qspi;stm32756g-eval;uart1;32")
    list(GET v 0 cell)
    list(GET v 1 board)
    list(GET v 2 uart)
    list(GET v 3 sets)
    add_test(NAME core.${board}.cache-set-way-operations-follow-the-ccsidr-geometry
      COMMAND ${EXPECT} 0 "--board ${board} --boot ${EXTMEM_FW_DIR}/${cell}/test/cache-set-way.bin --until-ms 20"
        "+${uart}: test: D-cache geometry from CCSIDR: ${sets} sets, 4 ways"
        "+${uart}: test: new code, D-cache cleaned by set/way, returns 2"
        "+${uart}: test: dirty word invalidated by set/way reads 0x11111111"
        "+${uart}: test: dirty word, clean of the next set, invalidate: reads 0x11111111"
        "+${uart}: test: dirty word, clean of its set 3, invalidate: reads 0x44444444"
        "!sim: error")
    list(APPEND names core.${board}.cache-set-way-operations-follow-the-ccsidr-geometry)
  endforeach()
  # The DMA model is a bus master behind the D-cache (sim_bus_master_read/write).
  add_test(NAME core.cache-dma-writes-behind-the-dcache-read-stale-until-invalidated-and-need-a-clean-to-send
    COMMAND ${EXPECT} 0 "--board ${B} --boot ${T}/cache-dma-coherence.bin --until-ms 20"
      "+${U}: test: rx: after the DMA wrote it, no invalidate: 0x11111111"
      "+${U}: test: rx: after DCIMVAC: 0xa5a5a5a5"
      "+${U}: test: tx: DMA copy of a dirty line, no clean, delivers 0x00000000"
      "+${U}: test: tx: after DCCMVAC the DMA copy delivers 0x5a5a5a5a"
      "+${U}: test: done" "!test: fault" "!sim: error")
  list(APPEND names core.cache-dma-writes-behind-the-dcache-read-stale-until-invalidated-and-need-a-clean-to-send)
  set_tests_properties(${names} PROPERTIES ENVIRONMENT "SIM=$<TARGET_FILE:extmem-sim>")
endif()

# Other bus masters behind the D-cache (cmocka, the model driven directly).
pkg_check_modules(CMOCKA REQUIRED cmocka)
add_executable(test_cache_model ${CMAKE_SOURCE_DIR}/tests/sim/test_cache_model.c)
target_include_directories(test_cache_model PRIVATE ${CMOCKA_INCLUDE_DIRS})
target_link_libraries(test_cache_model PRIVATE extmem_sim ${CMOCKA_LIBRARIES})
foreach(t bus-master-write-with-dcache-on-reads-stale-until-invalidated:bus_write_with_dcache_on_reads_stale_until_invalidated
          bus-master-write-with-dcache-off-is-seen-at-once:bus_write_with_dcache_off_is_seen_at_once
          clean-after-bus-master-write-overwrites-it-with-dirty-cpu-data:clean_after_bus_write_overwrites_it_with_dirty_cpu_data
          bus-master-write-to-uncached-mpu-region-is-seen-at-once:bus_write_to_uncached_mpu_region_is_seen_at_once
          a-fifth-dirty-line-in-a-set-writes-one-back:a_fifth_dirty_line_in_a_set_writes_one_back
          shareable-write-back-memory-is-not-cached-without-siwt:shareable_write_back_memory_is_not_cached_without_siwt)
  string(REPLACE ":" ";" t ${t})
  list(GET t 0 name)
  list(GET t 1 fn)
  add_test(NAME core.cache-${name} COMMAND test_cache_model ${fn})
  # a filter that matches nothing must not pass as "0 tests run"
  set_tests_properties(core.cache-${name} PROPERTIES PASS_REGULAR_EXPRESSION "\\[  PASSED  \\] 1 test")
endforeach()
