# FMC: the memory parts table is shared by the firmware and the simulator's models. This
# fragment is read before sim.cmake defines the library, hence the deferred call.
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL
  target_sources extmem_sim PRIVATE ${CMAKE_SOURCE_DIR}/firmware/memories/fmc_parts.c)
