# Test firmware for the simulator's L1 cache model: one rule each (tests/sim/fw/cache).
foreach(rule DIRTY_CODE DIRTY_CODE_IC_OFF CLEAN_AND_INV CLEAN_BY_POU NO_ICACHE_INV WRITE_THROUGH INV_DISCARDS CLEAN_INV_KEEPS DISABLED
             DC_OFF_HIDES CLEAN_DISABLE IC_REENABLED SET_WAY)
  string(TOLOWER ${rule} name)
  string(REPLACE "_" "-" name ${name})
  extmem_test_fw(cache-${name} SOURCES ${TESTFW}/cache/cache_rules.c DEFINES RULE_${rule})
endforeach()
# The set/way loop reads the geometry from CCSIDR: the F7 parts' smaller D-caches too. Their
# cells are made by f7.cmake, included after this file: deferred to the end of the directory.
function(extmem_cache_f7_fw)
  foreach(cell f723-xip-qspi f756-xip-qspi)
    extmem_test_fw(cache-set-way CELL ${cell} SOURCES ${TESTFW}/cache/cache_rules.c DEFINES RULE_SET_WAY)
  endforeach()
endfunction()
cmake_language(DEFER CALL extmem_cache_f7_fw)
# DMA and the D-cache: a bus master behind the cache (receive needs invalidate, transmit clean).
extmem_test_fw(cache-dma-coherence SOURCES ${TESTFW}/cache/dma_coherence.c)
