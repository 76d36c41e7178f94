# The app is built and tested with the Emscripten version pinned in emsdk-version.txt.
file(READ "${CMAKE_SOURCE_DIR}/emsdk-version.txt" _dd_want)
string(STRIP "${_dd_want}" _dd_want)
if(DEFINED EMSCRIPTEN_VERSION AND NOT EMSCRIPTEN_VERSION STREQUAL _dd_want)
  if(DEFINED ENV{DEALDECK_ALLOW_EMCC_MISMATCH})
    message(WARNING "Emscripten is ${EMSCRIPTEN_VERSION} but emsdk-version.txt pins ${_dd_want}; building anyway")
  else()
    message(FATAL_ERROR "Emscripten is ${EMSCRIPTEN_VERSION} but emsdk-version.txt pins ${_dd_want}. "
      "Install ${_dd_want} (Debian bookworm's emscripten package, or emsdk install/activate ${_dd_want}), "
      "or set DEALDECK_ALLOW_EMCC_MISMATCH=1 to build anyway.")
  endif()
endif()
