// The test bridge, window.dealdeck (docs/testing.md, "The test bridge"). Always compiled in and
// free unless used: nothing is computed until JavaScript asks. The JavaScript half is bridge.js
// (an Emscripten --js-library); the C++ half below answers its calls with JSON strings.
#pragma once

namespace dd::web {

struct WebApp;

// Creates window.dealdeck's methods (bound to this app).
void bridge_install(WebApp& web);
// After every drawn frame: resolves nextFrame() waiters, and `ready` once data is loaded.
void bridge_frame_drawn(WebApp& web);

}  // namespace dd::web
