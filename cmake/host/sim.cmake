# The board simulator (Unicorn CPU engine from Debian's libunicorn-dev).
pkg_check_modules(UNICORN REQUIRED unicorn)
add_library(extmem_boards STATIC firmware/boards/boards.c firmware/boards/stm32h743i_eval.c)
target_include_directories(extmem_boards PUBLIC firmware firmware/boards)
add_executable(extmem-sim sim/main.c sim/core/sim.c sim/core/scs.c sim/boards/chip_h7.c
               sim/periph/h7_rcc.c sim/periph/gpio.c sim/periph/usart.c sim/periph/quadspi.c)
target_include_directories(extmem-sim PRIVATE sim sim/devices ${UNICORN_INCLUDE_DIRS})
target_link_libraries(extmem-sim PRIVATE extmem_sim_nor extmem_boards ${UNICORN_LIBRARIES})
set_target_properties(extmem-sim PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/sim)
