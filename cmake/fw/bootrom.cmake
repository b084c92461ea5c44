# BootROM model (seed 3.2): cells that load the application from an SD card or a SPI-NOR
# store into a RAM, and the packing of their applications with the image header
# (extmem-image pack, built here for the build machine with HOST_CC as the layout tool is).
set(BINARY_BASE_OFFSET "0x100000" CACHE STRING "BootROM SPI-NOR: offset of the image in the flash")
set(BINARY_SIZE "0x40000" CACHE STRING "BootROM SPI-NOR: bytes reserved for the image at BINARY_BASE_OFFSET")
set(BINARY_FILENAME "PROJECT.BIN" CACHE STRING "BootROM SD card: file name of the image")
set(ALLOW_RAW_IMAGE "" CACHE STRING "1: accept raw binaries without header (seed format, with a warning)")
set(SPINOR_FAST "0" CACHE STRING "BootROM SPI-NOR: 1 = fastest read of the part instead of the seed's line count")
set(BOOT_WATCHDOG_MS "" CACHE STRING "IWDG period over the boot in ms (default: 2000 for BootROM, none for XiP)")

set(EXTMEM_IMAGE_TOOL ${CMAKE_BINARY_DIR}/extmem-image-host)
file(GLOB EXTMEM_LIB_HOST_C CONFIGURE_DEPENDS ${FW}/lib/*.c)
execute_process(COMMAND ${HOST_CC} -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -I${FW}/lib -I${FW}
                        -o ${EXTMEM_IMAGE_TOOL} ${CMAKE_SOURCE_DIR}/../tools/extmem-image.c ${EXTMEM_LIB_HOST_C}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot build extmem-image for the build machine:\n${err}")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/../tools/extmem-image.c
             ${EXTMEM_LIB_HOST_C})

# Defines of a BootROM boot, and every application of the cell packed as <app>.img.
function(extmem_bootrom_setup cell binary)
  cmake_parse_arguments(B "" "" "DEFINES" ${ARGN})
  set(defs BINARY_AREA=${binary} ${B_DEFINES})
  if(binary STREQUAL "USE_SPI_NOR")
    list(APPEND defs BINARY_BASE_OFFSET=${BINARY_BASE_OFFSET} BINARY_SIZE=${BINARY_SIZE})
  else()
    list(APPEND defs "BINARY_FILENAME=\"${BINARY_FILENAME}\"")
  endif()
  target_compile_definitions(${cell}.boot PRIVATE ${defs})
  set(out ${CMAKE_BINARY_DIR}/${cell})
  set(imgs "")
  foreach(app led hello rtos)
    add_custom_command(OUTPUT ${out}/${app}.img DEPENDS ${cell}.${app} ${EXTMEM_IMAGE_TOOL}
      COMMAND ${EXTMEM_IMAGE_TOOL} pack --version 1.0.0 -o ${out}/${app}.img ${out}/${app}.elf
      COMMENT "extmem-image pack ${cell}/${app}.img" VERBATIM)
    list(APPEND imgs ${out}/${app}.img)
  endforeach()
  add_custom_target(${cell}.packed ALL DEPENDS ${imgs})
endfunction()

# A BootROM cell: board, code RAM, data RAM, store (+ DEFINES for the boot).
function(extmem_bootrom_cell cell board code data binary)
  set(BINARY_AREA ${binary})
  extmem_cell(${cell} ${board} ${code} ${data})
  extmem_bootrom_setup(${cell} ${binary} ${ARGN})
endfunction()

set(raw_def "")
if(NOT ALLOW_RAW_IMAGE STREQUAL "")
  set(raw_def ALLOW_RAW_IMAGE=${ALLOW_RAW_IMAGE})
endif()
if(NOT BOOT_WATCHDOG_MS STREQUAL "")
  target_compile_definitions(demo.boot PRIVATE BOOT_WATCHDOG_MS=${BOOT_WATCHDOG_MS})
endif()
if(NOT BINARY_AREA STREQUAL "")
  extmem_bootrom_setup(demo ${BINARY_AREA} DEFINES ${raw_def} SPINOR_FAST=${SPINOR_FAST})
elseif(raw_def)
  target_compile_definitions(demo.boot PRIVATE ${raw_def})
endif()

# The test matrix of the BootROM model on every board with a store (today: H743I-EVAL).
foreach(b stm32h743i-eval)
  extmem_bootrom_cell(bootrom-sd-${b} ${b} USE_INTERNAL_SRAM USE_INTERNAL_SRAM USE_SDCARD)
  extmem_bootrom_cell(bootrom-spinor-${b} ${b} USE_INTERNAL_SRAM USE_INTERNAL_SRAM USE_SPI_NOR)
  extmem_bootrom_cell(bootrom-spinor-fast-${b} ${b} USE_INTERNAL_SRAM USE_INTERNAL_SRAM USE_SPI_NOR
                      DEFINES SPINOR_FAST=1)
  extmem_bootrom_cell(bootrom-sd-raw-${b} ${b} USE_INTERNAL_SRAM USE_INTERNAL_SRAM USE_SDCARD
                      DEFINES ALLOW_RAW_IMAGE=1)
endforeach()

# STM32756G-EVAL (F7, SDMMC1 v1, N25Q512A 2 lines): the SD and SPI-NOR cells with code in
# internal SRAM (0x20010000, 256 KiB above the boot's DTCM) and data in SDRAM are the matrix
# cells (cmake/fw/matrix.cmake); only the fastest-read variant is a cell of its own.
extmem_bootrom_cell(bootrom-spinor-fast-stm32756g-eval stm32756g-eval USE_INTERNAL_SRAM USE_EXTERNAL_SDRAM
                    USE_SPI_NOR DEFINES SPINOR_FAST=1)
# Test firmwares on that board (they run from internal flash like the boot): the F7's IWDG
# (another address than the H7's IWDG1) under the same driver, and the SDMMC v1 with one
# deliberate mistake each.
foreach(t EXPIRE LOCKED)
  string(TOLOWER ${t} n)
  extmem_test_fw(iwdg-${n} CELL bootrom-spinor-fast-stm32756g-eval SOURCES ${TESTFW}/bootrom/iwdg_test.c
                 DEFINES TEST_${t})
endforeach()
foreach(m IDENT_FAST NO_HWFC WRONG_WIDTH NO_CLKEN PIN_ANALOG)
  string(TOLOWER ${m} n)
  string(REPLACE "_" "-" n ${n})
  extmem_test_fw(sdmmc-${n} CELL bootrom-spinor-fast-stm32756g-eval SOURCES ${TESTFW}/bootrom/sdmmc_mistakes.c
                 DEFINES MISTAKE_${m})
endforeach()

# The OCTOSPI boards: SD card on SDMMC1 and the MX25LM51245G as SPI-NOR store (1 line, seed
# Table 2; octal DTR with SPINOR_FAST=1), into internal SRAM. The other code RAMs of these
# boards are the matrix's BootROM cells (cmake/fw/matrix.cmake).
foreach(b stm32h7b3i-eval stm32h7b3i-dk stm32h735g-dk)
  extmem_bootrom_cell(bootrom-sd-${b} ${b} USE_INTERNAL_SRAM USE_INTERNAL_SRAM USE_SDCARD)
  extmem_bootrom_cell(bootrom-spinor-${b} ${b} USE_INTERNAL_SRAM USE_INTERNAL_SRAM USE_SPI_NOR)
  extmem_bootrom_cell(bootrom-spinor-fast-${b} ${b} USE_INTERNAL_SRAM USE_INTERNAL_SRAM USE_SPI_NOR
                      DEFINES SPINOR_FAST=1)
endforeach()

# The card-detect switch model: the detect input read without its pull-up (H7B3I-DK).
extmem_test_fw(sd-detect-no-pull SOURCES ${TESTFW}/bootrom/sd_detect_no_pull.c CELL bootrom-sd-stm32h7b3i-dk)

# IWDG model tests: the watchdog driver and raw register writes, one behaviour per firmware.
foreach(t EXPIRE LOCKED REFRESH)
  string(TOLOWER ${t} n)
  extmem_test_fw(iwdg-${n} SOURCES ${TESTFW}/bootrom/iwdg_test.c DEFINES TEST_${t})
endforeach()

# XiP with a header, verified in place: the LED application linked 0x400 above the start of
# the demo cell's flash window (after the header), packed with --xip.
if(BINARY_AREA STREQUAL "" AND CODE_AREA STREQUAL "USE_QSPI")
  function(extmem_xip_header_app)
    include(${CMAKE_BINARY_DIR}/demo/layout.cmake)
    math(EXPR CODE_BASE "${CODE_BASE} + 0x400" OUTPUT_FORMAT HEXADECIMAL)
    math(EXPR CODE_SIZE "${CODE_SIZE} - 0x400" OUTPUT_FORMAT HEXADECIMAL)
    set(ld ${CMAKE_BINARY_DIR}/demo/app-xip-header.ld)
    configure_file(${FW}/ld/app.ld.in ${ld} @ONLY)
    extmem_test_fw(led-xip-header SOURCES ${FW}/apps/led/main.c LINKER_SCRIPT ${ld})
    set(dir ${CMAKE_BINARY_DIR}/demo/test)
    add_custom_command(OUTPUT ${dir}/led-xip-header.img DEPENDS demo.test.led-xip-header ${EXTMEM_IMAGE_TOOL}
      COMMAND ${EXTMEM_IMAGE_TOOL} pack --xip --version 2.0.0 -o ${dir}/led-xip-header.img ${dir}/led-xip-header.elf
      VERBATIM)
    add_custom_target(demo.xip-header-image ALL DEPENDS ${dir}/led-xip-header.img)
  endfunction()
  extmem_xip_header_app()
endif()

# The SD card drivers with one deliberate mistake each (sim must refuse them).
foreach(m IDENT_FAST NO_HWFC WRONG_WIDTH)
  string(TOLOWER ${m} n)
  string(REPLACE "_" "-" n ${n})
  extmem_test_fw(sdmmc-${n} SOURCES ${TESTFW}/bootrom/sdmmc_mistakes.c DEFINES MISTAKE_${m})
endforeach()
