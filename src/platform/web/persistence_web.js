// The page side of persistence_web.cpp (linked with --js-library): life-cycle hooks, the writer
// lock between tabs, the notices shown over the canvas, and the backup download / upload.
//
// Tabs: the tab holding the Web Lock "dealdeck-writer" is the only one that writes. Another tab
// opens read-only behind an overlay with "Use this tab here": it asks the writer (BroadcastChannel)
// to save and let go, waits for the lock (taking it by force after 3 s, for a frozen writer), then
// reloads the stored files and becomes the writer. A read-only tab also waits for the lock on its
// own, so when the writer tab closes, the next tab becomes the writer without a click. Without
// Web Locks every tab writes, and the stale-tab fence in storage_idbfs.js stops a tab as soon as
// another one has written.
mergeInto(LibraryManager.library, {
  $DDPersist__deps: ['$DDSync'],
  $DDPersist: {
    ctx: 0,
    channel: null,
    release: null,      // resolves the held lock's promise
    writer: false,
    reader: false,      // read-only: another tab holds the writer lock
    statusText: '',
    statusError: false,
    el: function (id, tag, parent) {
      var e = document.getElementById(id);
      if (!e) { e = document.createElement(tag || 'div'); e.id = id; (parent || document.body).appendChild(e); }
      return e;
    },
    notices: function () {
      var box = DDPersist.el('dd-notices');
      box.setAttribute('role', 'status');
      box.style.cssText = 'position:fixed;left:50%;transform:translateX(-50%);bottom:16px;z-index:20;max-width:720px;' +
        'font:14px system-ui,sans-serif;display:flex;flex-direction:column;gap:8px';
      return box;
    },
    notice: function (text, buttons) {
      var n = document.createElement('div');
      n.className = 'dd-notice';
      n.style.cssText = 'background:#fff8e1;color:#3b2f00;border:1px solid #e0b800;border-radius:8px;padding:10px 12px;' +
        'box-shadow:0 2px 8px rgba(0,0,0,.15);display:flex;gap:8px;align-items:center';
      var t = document.createElement('span');
      t.textContent = text;
      t.style.flex = '1';
      n.appendChild(t);
      (buttons || []).concat([['Dismiss', function () { n.remove(); }]]).forEach(function (b) {
        var btn = document.createElement('button');
        btn.textContent = b[0];
        btn.onclick = b[1];
        n.appendChild(btn);
      });
      DDPersist.notices().appendChild(n);
      return n;
    },
    exportNow: function () { _dd_persist_export(DDPersist.ctx); },
    importText: function (text) {
      var len = lengthBytesUTF8(text) + 1;
      var ptr = _malloc(len);
      stringToUTF8(text, ptr, len);
      var error = UTF8ToString(_dd_persist_import(DDPersist.ctx, ptr));
      _free(ptr);
      if (error) DDPersist.notice(error);
      return error;
    },
    pickImport: function () {
      var input = document.createElement('input');
      input.type = 'file';
      input.accept = 'application/json,.json';
      input.onchange = function () {
        if (input.files && input.files[0]) input.files[0].text().then(DDPersist.importText);
      };
      input.click();
    },
    backupBar: function () {
      var bar = DDPersist.el('dd-backup');
      if (bar.childNodes.length) return;
      bar.className = 'dd-backup';   // styled in dealdeck.css, light and dark
      [['Export backup', DDPersist.exportNow], ['Import backup', DDPersist.pickImport]].forEach(function (b) {
        var btn = document.createElement('button');
        btn.textContent = b[0];
        btn.onclick = b[1];
        bar.appendChild(btn);
      });
    },
    showReadOnly: function (on) {
      var o = DDPersist.el('dd-readonly');
      if (!on) { o.style.display = 'none'; return; }
      o.style.cssText = 'position:fixed;inset:0;z-index:30;background:rgba(20,24,32,.35);display:flex;align-items:flex-start;' +
        'justify-content:center;padding-top:80px;font:15px system-ui,sans-serif';
      if (!o.childNodes.length) {
        var card = document.createElement('div');
        card.style.cssText = 'background:#fff;color:#111;border-radius:10px;padding:16px 20px;box-shadow:0 4px 16px rgba(0,0,0,.25)';
        var t = document.createElement('p');
        t.textContent = 'This workspace is open in another tab. This tab is read-only.';
        var b = document.createElement('button');
        b.id = 'dd-use-this-tab';
        b.textContent = 'Use this tab here';
        b.onclick = function () { b.disabled = true; DDPersist.takeOver(); };
        card.appendChild(t);
        card.appendChild(b);
        o.appendChild(card);
      }
      var btn = document.getElementById('dd-use-this-tab');
      if (btn) btn.disabled = false;
    },
    // The role is known: make the files current (DDSync.settle), then recover as that role.
    lockGranted: function (lock) {
      if (!lock) { DDSync.settle(function () { _dd_persist_lock_result(DDPersist.ctx, 0); }); return undefined; }
      return new Promise(function (resolve) {
        DDPersist.release = resolve;
        DDSync.settle(function () { _dd_persist_lock_result(DDPersist.ctx, 1); });
      });
    },
    request: function (options) {
      navigator.locks.request('dealdeck-writer', options, DDPersist.lockGranted).catch(function () {
        // Our lock was taken by force (a tab that waited 3 s for us): stop writing.
        if (DDPersist.writer) _dd_persist_hand_over(DDPersist.ctx);
      });
    },
    // Read-only tab: reload the stored files after the writer's save, at most one reload at a
    // time (saves that arrive meanwhile are picked up by one more reload afterwards). A hidden tab
    // shows nothing: it follows once when it is shown again, not after every save of the writer
    // (each follow reads the new files and rebuilds the store, ~0.1-0.2 s of CPU at 100,000 deals,
    // taken from the tab the user is typing in on a laptop's few cores).
    following: false,
    followAgain: false,
    followWhenShown: false,
    compactions: 0,           // snapshots written by compaction in this page
    lastCompactionParts: 0,   // the ticks the last one was encoded in
    tailFollows: 0,     // follows that applied only the new journal segments
    fullFollows: 0,     // follows that recovered the whole stored state (after a compaction)
    follow: function () {
      if (document.visibilityState === 'hidden') { DDPersist.followWhenShown = true; return; }
      if (DDPersist.following) { DDPersist.followAgain = true; return; }
      DDPersist.following = true;
      DDSync.reload(function () {
        if (DDPersist.reader) _dd_persist_follow(DDPersist.ctx);
        DDPersist.following = false;
        if (DDPersist.followAgain) { DDPersist.followAgain = false; DDPersist.follow(); }
      });
    },
    // A read-only tab's one waiting request for the lock ({abort}), or null. Granted when the
    // writer lets go (it closed, or handed over after "Use this tab here"): reload the stored files
    // (the writer saved before letting go), then become the writer. Aborted when the tab became
    // the writer another way (a forced request): left queued, it would be granted to this tab
    // again the moment it hands over to another one, and take the lock back from that tab.
    waiting: null,
    waitForLock: function () {
      if (DDPersist.waiting || !(navigator.locks && navigator.locks.request)) return;
      var abort = typeof AbortController !== 'undefined' ? new AbortController() : null;
      var waiting = DDPersist.waiting = { abort: abort };
      navigator.locks.request('dealdeck-writer', abort ? { signal: abort.signal } : {}, function () {
        if (DDPersist.waiting === waiting) DDPersist.waiting = null;
        if (DDPersist.writer) return undefined;   // became the writer meanwhile: not needed
        DDPersist.stopWaiting();
        return new Promise(function (resolve) {
          DDPersist.release = resolve;
          DDSync.reload(function () { _dd_persist_lock_result(DDPersist.ctx, 1); });
        });
      }).catch(function () { if (DDPersist.waiting === waiting) DDPersist.waiting = null; });
    },
    stopWaiting: function () {
      var w = DDPersist.waiting;
      DDPersist.waiting = null;
      if (w && w.abort) w.abort.abort();
      if (DDPersist.stealTimer) { clearTimeout(DDPersist.stealTimer); DDPersist.stealTimer = 0; }
    },
    stealTimer: 0,
    takeOver: function () {
      if (DDPersist.channel) DDPersist.channel.postMessage({ type: 'hand-over' });
      if (DDPersist.stealTimer) clearTimeout(DDPersist.stealTimer);
      DDPersist.stealTimer = setTimeout(function () {
        DDPersist.stealTimer = 0;
        if (DDPersist.writer) return;
        DDPersist.stopWaiting();
        DDPersist.request({ steal: true });
      }, 3000);
      DDPersist.waitForLock();
    },
  },

  dd_persist_js_install__deps: ['$DDPersist'],
  dd_persist_js_install: function (ctx) {
    DDPersist.ctx = ctx;
    // The flush writes what is buffered; pump(true) also hurries edits flushed earlier whose sync
    // is queued behind one in flight (or waiting to retry): a closing page never starts it.
    var hiding = function () { if (DDPersist.writer) { _dd_persist_page_hiding(ctx); DDSync.pump(true); } };
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') hiding();
      else if (DDPersist.followWhenShown) {
        DDPersist.followWhenShown = false;
        if (DDPersist.reader) DDPersist.follow();
      }
    });
    window.addEventListener('pagehide', hiding);
    document.addEventListener('freeze', hiding);
    if (typeof BroadcastChannel !== 'undefined') {
      DDPersist.channel = new BroadcastChannel('dealdeck');
      DDPersist.channel.onmessage = function (e) {
        if (e.data && e.data.type === 'hand-over' && DDPersist.writer) _dd_persist_hand_over(ctx);
        // Another read-only tab asked for the lock ("Use this tab here"): queue again behind it,
        // so that the writer's lock goes to the tab that asked, not to one that waited longer.
        if (e.data && e.data.type === 'hand-over' && DDPersist.reader && DDPersist.waiting && !DDPersist.stealTimer) {
          DDPersist.stopWaiting();
          DDPersist.waitForLock();
        }
        if (e.data && e.data.type === 'saved' && DDPersist.reader) DDPersist.follow();
      };
      // The writer tells read-only tabs after each durable save; they reload the stored files.
      DDSync.onDurable = function () { if (DDPersist.writer) DDPersist.channel.postMessage({ type: 'saved' }); };
    }
    var dd = window.dealdeck || (window.dealdeck = {});
    dd.exportWorkspace = DDPersist.exportNow;
    dd.importWorkspace = DDPersist.importText;
    dd.storageStats = function () {
      return { bytesSynced: DDSync.bytes, syncs: DDSync.syncs, durable: DDSync.durable, requested: DDSync.requested, error: DDSync.error,
               writer: DDPersist.writer, follows: { tail: DDPersist.tailFollows, full: DDPersist.fullFollows, whenShown: DDPersist.followWhenShown },
               compactions: DDPersist.compactions, lastCompactionParts: DDPersist.lastCompactionParts,
               unread: Object.keys(DDSync.unread) };   // files whose bytes this start has not read (storage_idbfs.js)
    };
    // A new snapshot now (tests, benchmarks): encoded in parts between frames, as when it is due.
    // partRecords (tests): from then on, one step of that many records a tick.
    dd.compactNow = function (partRecords) { _dd_persist_request_compaction(ctx, partRecords | 0); };
    // What the top bar shows, and whether everything written reached IndexedDB.
    dd.saveStatus = function () {
      return { text: DDPersist.statusText, isError: DDPersist.statusError, durable: DDSync.durable >= DDSync.requested && !DDSync.inflight && !DDSync.urgentInflight,
               error: DDSync.error, writer: DDPersist.writer };
    };
    DDPersist.backupBar();
  },

  dd_persist_js_request_lock__deps: ['$DDPersist', '$DDSync'],
  dd_persist_js_request_lock: function (takeOver) {
    if (!(navigator.locks && navigator.locks.request)) { DDSync.settle(function () { _dd_persist_lock_result(DDPersist.ctx, 1); }); return; }
    if (takeOver) { DDPersist.takeOver(); return; }
    // web/boot.js asked for the lock before its early read: when it holds it (and it was not taken
    // by force meanwhile), this tab is the writer and its files are current (settle skips the
    // re-check). Otherwise ask as before; a read-only start re-checks the stored set.
    var early = DDSync.earlyLock;
    DDSync.earlyLock = null;
    if (early && early.held && !early.stolen) {
      DDPersist.release = early.release;
      early.lost.then(function (stolen) { if (stolen && DDPersist.writer) _dd_persist_hand_over(DDPersist.ctx); });
      DDSync.settle(function () { _dd_persist_lock_result(DDPersist.ctx, 1); }, true);
      return;
    }
    if (early && early.held && early.release) early.release();
    DDPersist.request({ ifAvailable: true });
  },

  // After a hand-over: let go of the lock once everything pending reached IndexedDB (or after 3 s).
  dd_persist_js_release_lock_when_saved__deps: ['$DDPersist', '$DDSync'],
  dd_persist_js_release_lock_when_saved: function () {
    var started = Date.now();
    (function wait() {
      var saved = DDSync.durable >= DDSync.requested && !DDSync.inflight && !DDSync.urgentInflight;
      if (!saved && Date.now() - started < 3000) { setTimeout(wait, 20); return; }
      if (DDPersist.release) { DDPersist.release(); DDPersist.release = null; }
    })();
  },

  dd_persist_js_set_role__deps: ['$DDPersist', '$DDSync'],
  dd_persist_js_set_role: function (writer) {
    DDPersist.writer = !!writer;
    DDPersist.reader = !writer;
    DDSync.writable = !!writer;
    if (writer) DDSync.pump(false);   // what was written before the role was known
    if (writer) DDPersist.stopWaiting();
    else DDPersist.waitForLock();     // become the writer when the writer tab lets go
    DDPersist.showReadOnly(!writer);
    // Ask the browser not to evict our data under storage pressure (best effort).
    if (writer && navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
  },

  dd_persist_js_status__deps: ['$DDPersist'],
  dd_persist_js_status: function (textPtr, isError) {
    DDPersist.statusText = UTF8ToString(textPtr);
    DDPersist.statusError = !!isError;
  },

  dd_persist_js_warn__deps: ['$DDPersist'],
  dd_persist_js_warn: function (textPtr) {
    var text = UTF8ToString(textPtr);
    console.warn('dealdeck storage: ' + text);
    DDPersist.notice(text, [['Export backup', DDPersist.exportNow]]);
  },

  dd_persist_js_compacted__deps: ['$DDPersist'],
  dd_persist_js_compacted: function (parts) {
    DDPersist.compactions++;
    DDPersist.lastCompactionParts = parts;
  },

  dd_persist_js_page_hidden: function () {
    return document.visibilityState === 'hidden' ? 1 : 0;
  },

  dd_persist_js_followed__deps: ['$DDPersist'],
  dd_persist_js_followed: function (tail) {
    if (tail) DDPersist.tailFollows++; else DDPersist.fullFollows++;
  },

  // Cold-start phases as performance marks (bench/browser/cold_start.mjs reads them).
  dd_persist_js_mark: function (namePtr) {
    if (typeof performance !== 'undefined' && performance.mark) performance.mark(UTF8ToString(namePtr));
  },

  dd_persist_js_download__deps: ['$DDPersist'],
  dd_persist_js_download: function (namePtr, textPtr) {
    var blob = new Blob([UTF8ToString(textPtr)], { type: 'application/json' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(namePtr);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  },
});
