# Read-only FAT reader (firmware/fs), the media tool and their tests.
add_library(extmem_fs STATIC ${CMAKE_SOURCE_DIR}/firmware/fs/fat.c)
target_include_directories(extmem_fs PUBLIC ${CMAKE_SOURCE_DIR}/firmware ${CMAKE_SOURCE_DIR}/firmware/fs)

add_executable(extmem-media ${CMAKE_SOURCE_DIR}/tools/extmem-media.c)
set_target_properties(extmem-media PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tools)

pkg_check_modules(CMOCKA REQUIRED cmocka)
# The tests need the tool's helpers; mkfs.fat lives in /usr/sbin on Debian, often not on a
# non-root PATH (the tool looks in /sbin and /usr/sbin itself).
find_program(EXTMEM_MKFS_FAT mkfs.fat PATHS /sbin /usr/sbin)
find_program(EXTMEM_MCOPY mcopy)
if(NOT EXTMEM_MKFS_FAT OR NOT EXTMEM_MCOPY)
  message(WARNING "mkfs.fat (dosfstools) or mcopy (mtools) missing: FAT tests not built")
  return()
endif()

add_executable(test_fat ${CMAKE_SOURCE_DIR}/tests/unit/test_fat.c)
target_include_directories(test_fat PRIVATE ${CMOCKA_INCLUDE_DIRS})
target_link_libraries(test_fat PRIVATE extmem_fs ${CMOCKA_LIBRARIES})
target_compile_definitions(test_fat PRIVATE EXTMEM_MEDIA_TOOL="$<TARGET_FILE:extmem-media>")
add_dependencies(test_fat extmem-media)

# One CTest case per cmocka test (the binary takes a test-name filter).
set(EXTMEM_FAT_TESTS
  fat12_mbr_files_read_byte_exact fat16_mbr_files_read_byte_exact
  fat32_mbr_files_read_byte_exact fat12_superfloppy_files_read_byte_exact
  fat16_superfloppy_files_read_byte_exact fat32_superfloppy_files_read_byte_exact
  contiguous_file_is_read_with_few_device_reads
  fragmented_files_read_byte_exact_fat12 fragmented_files_read_byte_exact_fat16
  fragmented_files_read_byte_exact_fat32
  long_name_matches_case_insensitively long_name_with_bad_checksum_falls_back_to_short_name
  long_name_filling_one_entry_exactly_matches_only_itself directory_cluster_loop_is_detected
  deleted_entry_is_skipped subdirectory_path_opens_and_errors_are_named
  missing_file_is_not_found empty_file_reads_zero_bytes
  bad_boot_signature_is_rejected zero_sectors_per_cluster_is_rejected
  zero_sectors_per_cluster_superfloppy_is_rejected bpb_fields_are_validated
  partition_table_is_validated device_read_failure_is_reported
  cluster_chain_loop_is_detected cluster_chain_loop_after_last_cluster_is_detected
  chain_pointing_past_volume_is_rejected truncated_chain_is_file_longer_than_chain
  over_long_chain_is_file_shorter_than_chain free_and_bad_clusters_in_chain_are_rejected
  every_error_has_a_message unmounted_and_null_arguments_are_rejected)
foreach(t ${EXTMEM_FAT_TESTS})
  add_test(NAME unit.fat.${t} COMMAND test_fat ${t})
endforeach()

# Tool behaviour: exit codes and the SPI-NOR image layout.
set(EXTMEM_MEDIA $<TARGET_FILE:extmem-media>)
add_test(NAME tool.extmem-media.no-arguments-is-usage-exit-2 COMMAND ${EXTMEM_MEDIA})
set_tests_properties(tool.extmem-media.no-arguments-is-usage-exit-2 PROPERTIES WILL_FAIL TRUE)
add_test(NAME tool.extmem-media.exit-codes
  COMMAND sh -c "d=$(mktemp -d) && cd $d && \
    { '${EXTMEM_MEDIA}' sdcard -o c.img; test $? -eq 2; } && \
    { '${EXTMEM_MEDIA}' bogus; test $? -eq 2; } && \
    { '${EXTMEM_MEDIA}' sdcard -o c.img --bogus x; test $? -eq 2; } && \
    { '${EXTMEM_MEDIA}' sdcard -o c.img missing.bin 2>err; test $? -eq 1; } && \
    grep -q 'missing.bin: not a readable regular file' err && test $(wc -l < err) -eq 1 && \
    echo x > a && { '${EXTMEM_MEDIA}' sdcard -o c.img --fat 32 --size-mib 16 a 2>err; test $? -eq 1; } && \
    grep -q 'needs a volume of at least 34 MiB' err && test ! -e c.img && \
    { '${EXTMEM_MEDIA}' sdcard -o c.img --fat 11 a; test $? -eq 1; } && \
    { '${EXTMEM_MEDIA}' sdcard -o c.img a=../x; test $? -eq 1; } && \
    { '${EXTMEM_MEDIA}' spinor -o f.img --size 16 --offset 15 a 2>err; test $? -eq 1; } && \
    grep -q 'does not fit' err && rm -rf $d")
add_test(NAME tool.extmem-media.spinor-places-file-at-offset-in-erased-flash
  COMMAND sh -c "d=$(mktemp -d) && cd $d && printf ABC > a && \
    '${EXTMEM_MEDIA}' spinor -o f.img --size 16 --offset 0x4 a && \
    printf '\\377\\377\\377\\377ABC\\377\\377\\377\\377\\377\\377\\377\\377\\377' > want && \
    cmp f.img want && '${EXTMEM_MEDIA}' spinor -o g.img --size 1K --offset 1021 a && \
    test $(wc -c < g.img) -eq 1024 && rm -rf $d")
add_test(NAME tool.extmem-media.sdcard-writes-mbr-fat-partition-and-files
  COMMAND sh -c "d=$(mktemp -d) && cd $d && echo hello > h.txt && \
    '${EXTMEM_MEDIA}' sdcard -o c.img --fat 16 h.txt=Dir/Hello.txt && \
    test $(wc -c < c.img) -eq 33554432 && \
    test $(od -An -tx1 -j 450 -N1 c.img | tr -d ' ') = 04 && \
    test $(od -An -tx1 -j 510 -N2 c.img | tr -d ' ') = 55aa && \
    MTOOLS_SKIP_CHECK=1 mtype -i c.img@@1048576 ::/Dir/Hello.txt | grep -q hello && rm -rf $d")
