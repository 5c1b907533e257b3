# packaging_validate: the launcher and the AppStream metadata pass the freedesktop validators
# (desktop-file-validate, appstreamcli validate --no-net); the MIME XML is well formed for
# update-mime-database when that tool is present.
# cmake -DDESKTOP_FILE=… -DMETAINFO=… -DMIME_XML=… -P validate.cmake
foreach(var DESKTOP_FILE METAINFO MIME_XML)
  if(NOT EXISTS "${${var}}")
    message(FATAL_ERROR "${var}: '${${var}}' does not exist")
  endif()
endforeach()

function(run_tool)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message(STATUS "${ARGN}: exit ${rc}\n${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "FAILED: ${ARGN}")
  endif()
endfunction()

find_program(DESKTOP_FILE_VALIDATE desktop-file-validate REQUIRED)
find_program(APPSTREAMCLI appstreamcli REQUIRED)
run_tool(${DESKTOP_FILE_VALIDATE} ${DESKTOP_FILE})
run_tool(${APPSTREAMCLI} validate --no-net --explain ${METAINFO})

# The desktop file names what the metainfo's launchable and the icon file name promise.
file(READ ${DESKTOP_FILE} desktop)
foreach(line "Exec=lectern %F" "Icon=io.github.lectern.Lectern"
    "MimeType=text/x-arxiv-digest;text/markdown;text/x-markdown;")
  string(FIND "${desktop}" "${line}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${DESKTOP_FILE} lacks the line '${line}'")
  endif()
endforeach()

find_program(UPDATE_MIME update-mime-database)
if(UPDATE_MIME)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/validate-mime)
  file(REMOVE_RECURSE ${dir})
  file(MAKE_DIRECTORY ${dir}/packages)
  file(COPY ${MIME_XML} DESTINATION ${dir}/packages)
  run_tool(${UPDATE_MIME} ${dir})
  if(NOT EXISTS ${dir}/text/x-arxiv-digest.xml)
    message(FATAL_ERROR "update-mime-database did not register text/x-arxiv-digest")
  endif()
  file(REMOVE_RECURSE ${dir})
else()
  message(STATUS "update-mime-database absent: MIME XML not checked")
endif()
