// The JavaScript half of the test bridge: window.dealdeck (see docs/testing.md, "The test
// bridge"). Linked with --js-library. The page (web/boot.js) creates window.dealdeck early with
// a `ready` promise; we add the methods once the app runs, and resolve `ready` after the first
// frame drawn with data loaded. Nothing runs per frame unless a test waits on nextFrame().
mergeInto(LibraryManager.library, {
  dd_bridge_js_install: function (web) {
    var dd = window.dealdeck || (window.dealdeck = {});
    if (!dd.ready) {
      dd.ready = new Promise(function (resolve, reject) { dd._resolveReady = resolve; dd._rejectReady = reject; });
    }
    var waiters = [];
    Module['ddBridge'] = { waiters: waiters, isReady: false };

    function callString(fn, text) {
      var ptr = 0;
      if (text !== undefined) {
        var len = lengthBytesUTF8(text) + 1;
        ptr = _malloc(len);
        stringToUTF8(text, ptr, len);
      }
      try {
        return UTF8ToString(text !== undefined ? fn(web, ptr) : fn(web));
      } finally {
        if (ptr) _free(ptr);
      }
    }
    // Rectangles come in canvas CSS pixels; tests click in page CSS pixels.
    function toPage(item) {
      var rect = Module['canvas'].getBoundingClientRect();
      item.x += rect.left + window.scrollX;
      item.y += rect.top + window.scrollY;
      return item;
    }

    dd.items = function () { return JSON.parse(callString(_dd_bridge_items)).map(toPage); };
    dd.find = function (label) {
      var all = dd.items();
      for (var i = 0; i < all.length; i++) if (all[i].label === label) return all[i];
      return null;
    };
    dd.findAll = function (label) { return dd.items().filter(function (i) { return i.label === label; }); };
    dd.snapshot = function () { return JSON.parse(callString(_dd_bridge_snapshot)); };
    dd.load = function (json) {
      var text = typeof json === 'string' ? json : JSON.stringify(json);
      return JSON.parse(callString(_dd_bridge_load, text));
    };
    // loadSample(deals, seed): a generated workspace of that size, built in the page (benchmarks).
    dd.loadSample = function (deals, seed) {
      return JSON.parse(UTF8ToString(_dd_bridge_load_sample(web, deals, seed === undefined ? 1 : seed)));
    };
    // {state, lines}: the store's history lines, "pending" while a start still reads the snapshot's.
    dd.history = function () { return JSON.parse(callString(_dd_bridge_history)); };
    dd.frameStats = function () { return JSON.parse(callString(_dd_bridge_frame_stats)); };
    // {rasterized, restored}: font atlases this page built, and took from the font cache.
    dd.fontAtlas = function () { return JSON.parse(callString(_dd_bridge_font_atlas)); };
    // Starts the frame statistics afresh (a benchmark phase counts only its own frames).
    dd.resetFrameStats = function () { _dd_bridge_reset_frame_stats(web); };
    dd.frames = function () { return _dd_bridge_frames(web); };
    // Resolves after the next drawn frame (and asks for one, so it never waits on idleness).
    dd.nextFrame = function () {
      return new Promise(function (resolve) {
        waiters.push(resolve);
        _dd_bridge_request_frame(web);
      });
    };
  },

  dd_bridge_js_frame_drawn: function (ready) {
    var bridge = Module['ddBridge'];
    if (!bridge) return;
    if (ready && !bridge.isReady) {
      bridge.isReady = true;
      if (window.dealdeck && window.dealdeck._resolveReady) window.dealdeck._resolveReady();
    }
    if (bridge.waiters.length) {
      var waiting = bridge.waiters.splice(0, bridge.waiters.length);
      for (var i = 0; i < waiting.length; i++) waiting[i]();
    }
  },
});
