# The layering rules of ARCHITECTURE.md, checked on the sources (run by CTest as `layering`):
# - core/ never includes QtWidgets/QtGui widgets headers;
# - ui/ and app/ never include SQL headers (QtSql, sqlite3.h) nor core's private *_p.h headers;
# - includes of core headers are written "folder/name.h".
# Usage: cmake -DSOURCE_DIR=<tree> -P layering.cmake
set(problems "")
function(check_files glob regex what)
  file(GLOB_RECURSE files "${SOURCE_DIR}/${glob}")
  foreach(f IN LISTS files)
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
      if(line MATCHES "${regex}")
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
        list(APPEND problems "${rel}: ${what}: ${line}")
      endif()
    endforeach()
  endforeach()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()

foreach(ext h cpp)
  check_files("core/*.${ext}" "[<\"](QtWidgets/|QWidget|QApplication|QMainWindow|QDialog)"
    "core/ includes a widgets header")
  foreach(dir ui app)
    check_files("${dir}/*.${ext}" "[<\"](QtSql/|QSql|sqlite3\\.h)" "SQL outside core/store")
    check_files("${dir}/*.${ext}" "\"[a-z]+/[a-z0-9_]+_p\\.h\"" "core's private header")
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "layering rules broken:\n  ${text}")
endif()
message(STATUS "layering: ok")
