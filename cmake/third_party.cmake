# Third-party code comes from Debian's packages and is never committed.
#  - nlohmann/json and doctest: header-only (nlohmann-json3-dev, doctest-dev). For the Emscripten
#    build only their own folders go on the include path, never all of /usr/include, whose glibc
#    headers would shadow Emscripten's libc: we mirror them into the build tree.
#  - Dear ImGui 1.86: sources unpacked from Debian's source package into .deps/ (scripts/setup.sh).
set(_dd_sys_headers "${CMAKE_BINARY_DIR}/third_party_include")
foreach(_dir nlohmann doctest)
  if(NOT EXISTS "/usr/include/${_dir}")
    message(FATAL_ERROR "/usr/include/${_dir} is missing: run scripts/setup.sh first")
  endif()
  file(MAKE_DIRECTORY "${_dd_sys_headers}")
  if(NOT EXISTS "${_dd_sys_headers}/${_dir}")
    file(CREATE_LINK "/usr/include/${_dir}" "${_dd_sys_headers}/${_dir}" SYMBOLIC)
  endif()
endforeach()

add_library(dd_json INTERFACE)
target_include_directories(dd_json SYSTEM INTERFACE "${_dd_sys_headers}")
# The core never relies on exceptions from the json library (see the error rule in the top file).
target_compile_definitions(dd_json INTERFACE JSON_NOEXCEPTION=1)

add_library(dd_doctest INTERFACE)
target_include_directories(dd_doctest SYSTEM INTERFACE "${_dd_sys_headers}")

if(NOT EXISTS "${DEALDECK_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${DEALDECK_IMGUI_DIR}: run scripts/setup.sh first")
endif()
add_library(dd_imgui STATIC
  "${DEALDECK_IMGUI_DIR}/imgui.cpp"
  "${DEALDECK_IMGUI_DIR}/imgui_draw.cpp"
  "${DEALDECK_IMGUI_DIR}/imgui_tables.cpp"
  "${DEALDECK_IMGUI_DIR}/imgui_widgets.cpp")
target_include_directories(dd_imgui SYSTEM PUBLIC "${DEALDECK_IMGUI_DIR}")
# Our config (test-engine hooks always on: they feed window.dealdeck.items()).
target_compile_definitions(dd_imgui PUBLIC IMGUI_USER_CONFIG="${CMAKE_SOURCE_DIR}/src/ui/imgui_config.h")
