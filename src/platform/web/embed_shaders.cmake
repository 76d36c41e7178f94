# Turns shaders/*.vert|frag into a header of raw string literals (run by the build, cmake -P).
#   -DSHADER_DIR=<dir> -DOUT=<header>
file(READ "${SHADER_DIR}/imgui.vert" _vert)
file(READ "${SHADER_DIR}/imgui.frag" _frag)
file(WRITE "${OUT}.tmp"
"// Generated from shaders/ by src/platform/web/embed_shaders.cmake: do not edit.\n"
"#pragma once\n"
"namespace dd::web::shaders {\n"
"inline constexpr const char* kImguiVert = R\"dd_glsl(${_vert})dd_glsl\";\n"
"inline constexpr const char* kImguiFrag = R\"dd_glsl(${_frag})dd_glsl\";\n"
"}  // namespace dd::web::shaders\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
