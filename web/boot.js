// Starts Dealdeck: checks WebGL2, creates window.dealdeck (its `ready` promise exists from the
// start; the app adds the methods), loads dealdeck.js, and turns every way of failing (no WebGL2,
// a missing file, a failed instantiate, an abort) into a clear message in #dd-error.
(function () {
  'use strict';
  // The saved workspace is read from IndexedDB while dealdeck.wasm downloads and compiles (the
  // read does not need the module): storage_idbfs.js puts these files into its IDBFS directory
  // instead of reading them again, then re-checks the stored set once it holds the writer lock.
  //
  // The read starts once the tab knows whether it holds the writer lock (Web Locks, asked for
  // `ifAvailable`, held from here for as long as the page keeps it): read under the lock, the
  // files are the stored set as it stands (no other tab can write), so the module need not list
  // the stored set again before recovery (that re-check cost ~160 ms at 100,000 deals).
  var storedFiles = readStoredFiles('/dealdeck', takeWriterLock());
  var fontCache = openFontCache();
  var canvas = document.getElementById('canvas');
  var loading = document.getElementById('dd-loading');
  var started = false;   // the first frame was drawn: later errors are the app's, not the start's

  var dealdeck = window.dealdeck = window.dealdeck || {};
  dealdeck.ready = new Promise(function (resolve, reject) {
    dealdeck._resolveReady = function () { started = true; loading.hidden = true; resolve(); };
    dealdeck._rejectReady = reject;
  });
  dealdeck.ready.catch(function () {});   // a failed start is shown in #dd-error, not as an unhandled rejection

  function showError(detail) {
    if (started) return;
    var box = document.getElementById('dd-error');
    if (!box.hidden) return;   // the first reason is the real one
    document.getElementById('dd-error-detail').textContent = detail;
    box.hidden = false;
    loading.hidden = true;
    canvas.style.display = 'none';
    dealdeck._rejectReady(new Error(detail));
  }

  // Only whether the browser knows WebGL2 at all. No probe context here: creating one this early
  // blocks the page's only thread until the GPU process is up (360-520 ms measured in headless
  // Chromium, every cold start), holding back the IndexedDB read's callbacks and dealdeck.js,
  // while the app's own context made by main() a few hundred ms later costs 5-30 ms. A browser that
  // has the API but cannot make a context is told so by main() (dd_show_fatal -> ddFatal below).
  function hasWebGL2() {
    return typeof window.WebGL2RenderingContext !== 'undefined';
  }
  if (!hasWebGL2()) {
    showError('This browser or device does not offer WebGL2, which Dealdeck needs to draw its interface.');
    return;
  }

  window.addEventListener('error', function (e) {
    showError('Dealdeck failed while loading: ' + (e.message || 'unknown error') + '.');
  });
  window.addEventListener('unhandledrejection', function (e) {
    var reason = e.reason && e.reason.message ? e.reason.message : String(e.reason);
    showError('Dealdeck failed while loading: ' + reason + '.');
  });

  window.Module = {
    canvas: canvas,
    ddStoredFiles: storedFiles,
    ddFontCache: fontCache,
    // Called by the module when it cannot go on (failed fetch or instantiate of dealdeck.wasm).
    onAbort: function (what) {
      showError('The application code (dealdeck.wasm) could not be loaded or started' + (what ? ': ' + what : '') + '.');
    },
    ddFatal: showError,   // reported by main() itself (e.g. no WebGL2 context after all)
    // main() waits for the early read (an Emscripten run dependency). The page has one thread:
    // run early, main() held it for ~0.3 s making the WebGL2 context (waiting for the GPU process)
    // and then drew its first frames, while the read's callbacks (database open, transaction,
    // results) queued behind it: the read of a 100,000-deal workspace ended at 0.9-1.5 s. Held,
    // the read ends at 0.3-0.45 s and main() then finds the GPU ready and the files there
    // (dealdeck.ready 1.2-1.4 s instead of 1.4-2.6 s, interleaved runs at load 3.5-4.7). Recovery
    // needs the files anyway: nothing that shows data could have started sooner.
    // Once the read is in, storedFiles.settled holds it ({box, lock}) for main() to take at once.
    // The font cache's read (small, beside it) is in by then too, for the first frame.
    preRun: [function (mod) {
      mod.addRunDependency('dd-stored-files');
      Promise.all([storedFiles.files, storedFiles.lock, fontCache.read]).then(function (got) {
        storedFiles.settled = { box: got[0], lock: got[1] };
        mod.removeRunDependency('dd-stored-files');
      });
    }],
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
  };

  // Every record of the IDBFS database `dir` (Emscripten 3.1.6's layout: database named after the
  // mount point, version 21, one object store FILE_DATA keyed by path, values {timestamp, mode,
  // contents}), read in one readonly transaction once `lock` (takeWriterLock) settled: {dir, files:
  // Promise of {entries: {path: entry}} or null, lock}; the module takes `entries` and clears it,
  // so nothing here keeps the bytes alive.
  // null means "read it the usual way": no IndexedDB, nothing stored yet (the open would have to
  // create the database: that is aborted, IDBFS creates it as it always did), or any error.
  // The writer lock `dealdeck-writer` (persistence_web.js), asked for without waiting: a Promise
  // of {held, release, lost} (held false: another tab writes, or no Web Locks). `release` lets the
  // lock go; `lost` is a Promise that settles if another tab takes the lock by force (steal).
  function takeWriterLock() {
    return new Promise(function (resolve) {
      if (!(navigator.locks && navigator.locks.request)) { resolve({ held: false }); return; }
      var box = { held: false, release: null, lost: null };
      var request;
      try {
        request = navigator.locks.request('dealdeck-writer', { ifAvailable: true }, function (lock) {
          if (!lock) { resolve(box); return undefined; }
          box.held = true;
          return new Promise(function (release) { box.release = release; resolve(box); });
        });
      } catch (e) {
        resolve(box);
        return;
      }
      // Rejects when the lock is stolen; caught here so it is never an unhandled rejection.
      box.lost = request.then(function () { return false; }, function () { box.stolen = true; return true; });
    });
  }

  function readStoredFiles(dir, lock) {
    var mark = function (name) { if (window.performance && performance.mark) performance.mark(name); };
    // The database is opened at once, beside the lock request (opening reads nothing); the read
    // transaction is created only once the lock is settled, so that under the lock it sees the
    // stored set as it stands.
    var files = new Promise(function (resolve) {
      var req;
      try {
        req = window.indexedDB && window.indexedDB.open(dir, 21);
      } catch (e) {
        req = null;
      }
      if (!req) { resolve(null); return; }
      mark('dd-idb-load-start');
      req.onupgradeneeded = function (e) { e.target.transaction.abort(); };
      req.onerror = function (e) { e.preventDefault(); resolve(null); };
      req.onblocked = function () { resolve(null); };
      req.onsuccess = function () { lock.then(function (writer) {
        var db = req.result;
        var keys = null, values = null;
        var fail = function (e) { if (e && e.preventDefault) e.preventDefault(); db.close(); resolve(null); };
        mark('dd-idb-read-start');
        try {
          var tx = db.transaction(['FILE_DATA'], 'readonly');
          var store = tx.objectStore('FILE_DATA');
          store.getAllKeys().onsuccess = function (e) { keys = e.target.result; };
          store.getAll().onsuccess = function (e) { values = e.target.result; };
          tx.onerror = fail;
          tx.onabort = fail;
          tx.oncomplete = function () {
            db.close();
            if (!keys || !values || keys.length !== values.length) { resolve(null); return; }
            // A snapshot's contents are stored as a Blob (storage_idbfs.js, asStored): its bytes
            // are fetched here, still while the module loads; MEMFS takes bytes. A Blob that
            // cannot be read (its file gone from the browser's profile) becomes an empty file,
            // which recovery reports as a damaged snapshot before it uses the previous one.
            // Under the writer lock only the newest snapshot's bytes are fetched: the generation
            // before it is needed only if the newest does not load, and at 100,000 deals it is
            // another 42 MB (~0.3 s) before the first frame. It stays a Blob, which the module
            // keeps unread (storage_idbfs.js, `unread`) and fetches if recovery asks for it.
            // A read-only tab reads every file, as it always did.
            var newest = writer && writer.held ? newestSnapshot(keys) : null;
            var out = {};
            var fetches = [];
            keys.forEach(function (key, i) {
              var v = values[i];
              out[key] = v;
              if (v && typeof Blob !== 'undefined' && v.contents instanceof Blob) {
                if (newest !== null && key !== newest) return;
                fetches.push(v.contents.arrayBuffer().then(function (buf) { v.contents = new Uint8Array(buf); },
                                                           function () { v.contents = new Uint8Array(0); }));
              }
            });
            Promise.all(fetches).then(function () {
              mark('dd-idb-load-end');
              resolve({ entries: out });
            }, function () { resolve(null); });
          };
        } catch (e) {
          fail(e);
        }
      }); };
    });
    return { dir: dir, files: files, lock: lock };
  }

  // The live snapshot with the highest generation among IndexedDB's keys, or null. Its name is
  // s-<generation, 16 hex digits>.snap (journal_format.cpp): the greatest name is the newest.
  function newestSnapshot(keys) {
    var best = null;
    keys.forEach(function (key) {
      if (/\/s-[0-9a-f]{16}\.snap$/.test(key) && (best === null || key > best)) best = key;
    });
    return best;
  }

  // The font atlas cache (src/platform/web/font_cache.h): the bytes of atlases built at earlier
  // starts, one per devicePixelRatio, in a database of their own (IDBFS owns '/dealdeck' and
  // would take any other record there for a file). {entries: {key: Uint8Array} once `read`
  // settled, store(key, bytes)}. Any failure only means an empty cache: the fonts are rasterized.
  function openFontCache() {
    var cache = { entries: {} };
    var db = new Promise(function (resolve) {
      var req;
      try {
        req = window.indexedDB && window.indexedDB.open('dealdeck-cache', 1);
      } catch (e) {
        req = null;
      }
      if (!req) { resolve(null); return; }
      req.onupgradeneeded = function () { req.result.createObjectStore('fonts'); };
      req.onsuccess = function () {
        req.result.onversionchange = function () { req.result.close(); };
        resolve(req.result);
      };
      req.onerror = function (e) { e.preventDefault(); resolve(null); };
      req.onblocked = function () { resolve(null); };
    });
    // tx's requests and its end, with every failure turned into `done` (warned, never thrown).
    function run(d, mode, body, done) {
      try {
        var tx = d.transaction('fonts', mode);
        body(tx.objectStore('fonts'));
        tx.oncomplete = function () { done(); };
        tx.onerror = tx.onabort = function (e) {
          if (e && e.preventDefault) e.preventDefault();
          console.warn('dealdeck: the font cache could not be ' + (mode === 'readonly' ? 'read' : 'written'));
          done();
        };
      } catch (e) {
        done();
      }
    }
    cache.read = db.then(function (d) {
      if (!d) return undefined;
      return new Promise(function (resolve) {
        var got = {};
        run(d, 'readonly', function (store) {
          store.openCursor().onsuccess = function (e) {
            var c = e.target.result;
            if (!c) return;
            if (c.value && c.value.bytes instanceof Uint8Array) got[c.key] = c.value.bytes;
            c.continue();
          };
        }, function () { cache.entries = got; resolve(); });
      });
    });
    cache.store = function (key, bytes) {
      db.then(function (d) {
        if (!d) return;
        run(d, 'readwrite', function (store) {
          store.put({ bytes: bytes, at: Date.now() }, key);
          // A few scales at most (browser zoom changes devicePixelRatio too): the oldest go.
          var kept = [];
          store.openCursor().onsuccess = function (e) {
            var c = e.target.result;
            if (c) { kept.push({ key: c.key, at: (c.value && c.value.at) || 0 }); c.continue(); return; }
            kept.sort(function (a, b) { return b.at - a.at; });
            kept.slice(4).forEach(function (k) { store.delete(k.key); });
          };
        }, function () {});
      });
    };
    return cache;
  }

  var script = document.createElement('script');
  script.src = 'dealdeck.js';
  script.async = true;
  script.onerror = function () { showError('The file dealdeck.js could not be loaded.'); };
  document.body.appendChild(script);
})();
