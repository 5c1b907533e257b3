# packaging_install: `cmake --install` into a DESTDIR puts exactly the expected files (the
# list in install-manifest.txt, prefix /usr) at the GNUInstallDirs paths, and the installed
# programs report the project's version.
# cmake -DBUILD_DIR=… -DSCRATCH=… -DEXPECTED=… -DVERSION=… -P installtree.cmake
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
execute_process(COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${SCRATCH}
  ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix /usr
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}${err}")
endif()

file(GLOB_RECURSE installed LIST_DIRECTORIES false RELATIVE ${SCRATCH} ${SCRATCH}/*)
list(SORT installed)
file(STRINGS ${EXPECTED} expected REGEX "^[^#]")
list(SORT expected)
if(NOT installed STREQUAL expected)
  set(missing ${expected})
  list(REMOVE_ITEM missing ${installed})
  set(extra ${installed})
  list(REMOVE_ITEM extra ${expected})
  message(FATAL_ERROR "installed files differ from ${EXPECTED}\n missing: ${missing}\n extra: ${extra}")
endif()
list(LENGTH installed count)
message(STATUS "${count} files installed as expected")

foreach(size 16 32 48 64 128 256)
  set(png ${SCRATCH}/usr/share/icons/hicolor/${size}x${size}/apps/io.github.lectern.Lectern.png)
  file(READ ${png} header LIMIT 24 HEX)
  # PNG signature, IHDR, then width and height as 32-bit big-endian numbers.
  string(SUBSTRING "${header}" 32 8 width_hex)
  math(EXPR width "0x${width_hex}")
  if(NOT header MATCHES "^89504e470d0a1a0a" OR NOT width EQUAL size)
    message(FATAL_ERROR "${png} is not a ${size}x${size} PNG (header ${header})")
  endif()
endforeach()

foreach(program lectern-cli lectern)
  execute_process(COMMAND ${SCRATCH}/usr/bin/${program} --version
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "${VERSION}")
    message(FATAL_ERROR "installed ${program} --version: exit ${rc}, '${out}${err}'")
  endif()
  message(STATUS "installed ${program} --version: ${out}")
endforeach()
file(REMOVE_RECURSE ${SCRATCH})
