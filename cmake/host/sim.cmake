# The board simulator (Unicorn CPU engine from Debian's libunicorn-dev). Every C file of
# sim/core, sim/periph, sim/devices and sim/boards goes into one library, so a new model is a
# new file; model tests link the library, the CLI is sim/main.c.
pkg_check_modules(UNICORN REQUIRED unicorn)
file(GLOB EXTMEM_BOARD_SRC CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/firmware/boards/*.c)
list(FILTER EXTMEM_BOARD_SRC EXCLUDE REGEX "layout\\.c$")
add_library(extmem_boards STATIC ${EXTMEM_BOARD_SRC})
target_include_directories(extmem_boards PUBLIC firmware firmware/boards)

file(GLOB EXTMEM_SIM_SRC CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/sim/core/*.c ${CMAKE_SOURCE_DIR}/sim/periph/*.c
  ${CMAKE_SOURCE_DIR}/sim/devices/*.c ${CMAKE_SOURCE_DIR}/sim/boards/*.c)
add_library(extmem_sim STATIC ${EXTMEM_SIM_SRC} ${CMAKE_SOURCE_DIR}/firmware/memories/nor_parts.c)
target_include_directories(extmem_sim PUBLIC sim sim/devices firmware/memories ${UNICORN_INCLUDE_DIRS})
target_link_libraries(extmem_sim PUBLIC extmem_boards ${UNICORN_LIBRARIES})

add_executable(extmem-sim sim/main.c)
target_link_libraries(extmem-sim PRIVATE extmem_sim)
set_target_properties(extmem-sim PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/sim)

# Unicorn 2.0.1 takes a slow path on every guest store to RAM, which allocates and frees twice
# (notdirty_write -> page_collection_lock; unicorn issue #1970, fixed after 2.0.1). The
# optimised build (sanitizers off) links mimalloc when it is installed: the host allocator is
# then cheaper for the same simulated work (docs/simulator.md, "Speed").
option(EXTMEM_MIMALLOC "Link the simulator with mimalloc when the sanitizers are off" ON)
if(EXTMEM_MIMALLOC AND NOT EXTMEM_SANITIZE)
  find_package(mimalloc CONFIG QUIET)
  if(mimalloc_FOUND)
    # Before libc in the needed list, so that libunicorn's malloc and free bind to it too.
    target_link_libraries(extmem-sim PRIVATE -Wl,--no-as-needed mimalloc -Wl,--as-needed)
    message(STATUS "extmem-sim: linked with mimalloc")
  endif()
endif()
