# Writes the service worker into the app folder with this build's version stamped in
# (cmake -DAPP_DIR=<app> -DWEB_DIR=<web sources> -P stamp_sw.cmake).
#
# The version is a hash of every file the worker caches, so any change to the shell gives sw.js
# new bytes: browsers then install the new worker into a cache of its own and the page offers
# "update available" (web/sw-register.js) instead of mixing two builds' files.
configure_file("${WEB_DIR}/sw-register.js" "${APP_DIR}/sw-register.js" COPYONLY)
set(_all "")
foreach(_name index.html dealdeck.css boot.js sw-register.js favicon.svg dealdeck.js dealdeck.wasm dealdeck.data)
  if(NOT EXISTS "${APP_DIR}/${_name}")
    message(FATAL_ERROR "stamp_sw: ${APP_DIR}/${_name} is missing; the service worker would cache a broken shell")
  endif()
  file(SHA256 "${APP_DIR}/${_name}" _hash)
  string(APPEND _all "${_name}:${_hash}\n")
endforeach()
file(SHA256 "${WEB_DIR}/sw.js" _hash)
string(APPEND _all "sw.js:${_hash}\n")
string(SHA256 _build "${_all}")
string(SUBSTRING "${_build}" 0 16 DD_BUILD)
configure_file("${WEB_DIR}/sw.js" "${APP_DIR}/sw.js" @ONLY)
