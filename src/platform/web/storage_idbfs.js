// The IndexedDB half of storage_idbfs.cpp (linked with --js-library): one directory on Emscripten's
// IDBFS and the syncs that make it durable.
//
// The traps this file exists for (docs/storage.md):
//  * two FS.syncfs at once race (each diffs against a remote set read before the other wrote):
//    syncs here are serialized, and requests made meanwhile are coalesced into the next one. The
//    one exception is the page going away during a sync (writeNow): the newest edits are written
//    at once beside it, without reading the stored set, since nothing would run after the page;
//  * a failed sync must not leave the app silently not saving: the error is kept (C++ shows it)
//    and the sync is retried with a growing delay until it succeeds;
//  * Chrome commits IndexedDB with relaxed durability by default: our readwrite transactions ask
//    for 'strict', and a sync counts as done only on the transaction's `complete` event (IDBFS
//    3.1.6 calls back from oncomplete);
//  * a stale tab (frozen, discarded, or another tab took over) must not write old state over newer
//    data: before each sync the stored file set is compared with the one this tab last saw, and a
//    difference stops all writing from this tab for good ("fenced").
mergeInto(LibraryManager.library, {
  $DDSync__deps: ['$FS', '$IDBFS'],
  $DDSync: {
    ctx: 0,
    dir: '',
    requested: 0,     // highest ticket asked for
    durable: 0,       // highest ticket whose transaction completed
    inflight: false,
    urgentInflight: false,  // a page-hiding write started beside a sync already in flight
    seq: 0,           // syncs started, in order
    knownSeq: 0,      // the sync whose file set `known` holds (the newest that completed)
    timer: 0,
    retryMs: 0,
    error: '',
    quota: false,
    fenced: false,
    writable: false,  // only the tab holding the writer lock syncs (persistence_web.js sets it)
    known: null,      // {path: timestamp ms} of the stored set as this tab last wrote or read it
    onDurable: null,  // called after each successful sync
    bytes: 0,         // bytes this tab sent to IndexedDB (benchmarks)
    syncs: 0,

    mountNode: function () { return FS.lookupPath(DDSync.dir).node.mount; },
    stamps: function (entries) {
      var out = {};
      Object.keys(entries).forEach(function (k) { out[k] = +entries[k].timestamp; });
      return out;
    },
    sameSet: function (a, b) {
      var ka = Object.keys(a), kb = Object.keys(b);
      if (ka.length !== kb.length) return false;
      for (var i = 0; i < ka.length; i++) if (a[ka[i]] !== b[ka[i]]) return false;
      return true;
    },
    // Asks IndexedDB for strict durability on our database's readwrite transactions.
    strictDurability: function () {
      if (IDBFS.ddStrict) return;
      IDBFS.ddStrict = true;
      var getDB = IDBFS.getDB;
      IDBFS.getDB = function (name, callback) {
        getDB(name, function (err, db) {
          if (!err && db && !db.ddStrict) {
            db.ddStrict = true;
            var open = db.transaction.bind(db);
            db.transaction = function (stores, mode, options) {
              if (mode === 'readwrite') {
                try { return open(stores, mode, Object.assign({ durability: 'strict' }, options || {})); } catch (e) { /* old browser: no options */ }
              }
              return open(stores, mode);
            };
          }
          callback(err, db);
        });
      };
    },
    describe: function (err) {
      if (!err) return 'unknown error';
      if (err.name && err.message) return err.name + ': ' + err.message;
      if (err.target && err.target.error) return DDSync.describe(err.target.error);
      if (typeof err.errno === 'number') return 'file system error ' + err.errno;
      return String(err);
    },
    isQuota: function (err) {
      var text = DDSync.describe(err);
      return /quota/i.test(text) || (err && err.name === 'QuotaExceededError');
    },
    // One write sync: local files -> IndexedDB, only what changed. `urgent` (page hiding) skips
    // reading the stored set first, so the write transaction starts before this function returns.
    syncOnce: function (urgent, done) {
      var mount = DDSync.mountNode();
      var seq = ++DDSync.seq;
      // The fence compares the stored set with what this tab knew when the sync began: a
      // page-hiding write that completes meanwhile (writeNow) changes both, not another tab.
      var knownAtStart = DDSync.known;
      IDBFS.getLocalSet(mount, function (err, local) {
        if (err) return done(err);
        var write = function (remote) {
          var sent = 0;
          Object.keys(local.entries).forEach(function (path) {
            var known = remote.entries[path];
            if (!known || +known.timestamp !== +local.entries[path].timestamp) {
              try { var st = FS.stat(path); if (FS.isFile(st.mode)) sent += st.size; } catch (e) { /* gone */ }
            }
          });
          IDBFS.reconcile(local, remote, function (err2) {
            if (!err2) {
              // Two syncs can overlap (see writeNow): the newest one's view of the stored set wins.
              if (seq > DDSync.knownSeq) { DDSync.known = DDSync.stamps(local.entries); DDSync.knownSeq = seq; }
              DDSync.bytes += sent;
              DDSync.syncs++;
            }
            done(err2);
          });
        };
        if (urgent && DDSync.known) {
          IDBFS.getDB(mount.mountpoint, function (err3, db) {
            if (err3) return done(err3);
            var entries = {};
            Object.keys(DDSync.known).forEach(function (k) { entries[k] = { timestamp: new Date(DDSync.known[k]) }; });
            write({ type: 'remote', db: db, entries: entries });
          });
          return;
        }
        IDBFS.getRemoteSet(mount, function (err4, remote) {
          if (err4) return done(err4);
          if (knownAtStart && !DDSync.sameSet(knownAtStart, DDSync.stamps(remote.entries))) {
            DDSync.fenced = true;
            return done(new Error('another tab or window saved newer data'));
          }
          write(remote);
        });
      });
    },
    // IndexedDB -> the mounted directory (start-up, and a tab taking over from another).
    populate: function (done) {
      var mount = DDSync.mountNode();
      IDBFS.getRemoteSet(mount, function (err, remote) {
        if (err) return done(err);
        IDBFS.getLocalSet(mount, function (err2, local) {
          if (err2) return done(err2);
          IDBFS.reconcile(remote, local, function (err3) {
            if (!err3) { DDSync.known = DDSync.stamps(remote.entries); DDSync.fenced = false; DDSync.error = ''; }
            done(err3);
          });
        });
      });
    },
    // The same from the files web/boot.js read while the module loaded ({path: entry}, straight
    // from IndexedDB): placed as IDBFS itself would (directories first, contents owned by MEMFS,
    // not copied), no second read. `preloaded` makes settle() check the stored set again once
    // the tab holds the writer lock.
    populateFrom: function (files, underLock, done) {
      var prefix = DDSync.dir + '/';
      var paths = Object.keys(files).filter(function (p) { return p.indexOf(prefix) === 0; }).sort();
      var err = null;
      for (var i = 0; i < paths.length && !err; i++) IDBFS.storeLocalEntry(paths[i], files[paths[i]], function (e) { err = e; });
      if (!err) {
        var stored = {};
        paths.forEach(function (p) { stored[p] = files[p]; });
        DDSync.known = DDSync.stamps(stored);
        DDSync.preloaded = true;
        DDSync.preloadedUnderLock = !!underLock;
      }
      done(err);
    },
    preloaded: false,
    preloadedUnderLock: false,   // boot.js read them while holding the writer lock
    // The writer lock boot.js took before its read ({held, release, lost, stolen}), or null:
    // persistence_web.js adopts it instead of asking for the lock again.
    earlyLock: null,
    // Before recovery: files read ahead of the writer lock may be older than what is stored now
    // (a tab that wrote and let go meanwhile): read the stored set again (names and timestamps,
    // no contents) and fetch only what changed. Nothing to do after a normal populate, nor when
    // the files were read while this tab already held the lock it still holds (`underLock`): no
    // other tab could have written since.
    settle: function (done, underLock) {
      if (!DDSync.preloaded) { done(); return; }
      var current = underLock && DDSync.preloadedUnderLock;
      DDSync.preloaded = false;
      DDSync.preloadedUnderLock = false;
      if (current) { done(); return; }
      DDSync.reload(done);
    },
    reload: function (done) {
      DDSync.populate(function (err) {
        if (err) DDSync.error = DDSync.describe(err);
        done();
      });
    },
    // The page is being hidden or closed while a sync is still in flight: waiting for it would
    // leave the newest edits in memory when the page goes (the queued sync never starts). Write
    // every changed file now, in a transaction created before this returns. IndexedDB runs
    // readwrite transactions on one store in creation order, and both syncs send the files'
    // current contents, so the stored set ends as this write left it; whichever of the two
    // completes last, `known` keeps the newer sync's set (seq), so no false "another tab" fence.
    writeNow: function () {
      if (DDSync.urgentInflight || !DDSync.known) return;
      var target = DDSync.requested;
      DDSync.urgentInflight = true;
      DDSync.syncOnce(true, function (err) {
        DDSync.urgentInflight = false;
        if (!err) DDSync.durable = Math.max(DDSync.durable, target);
        if (DDSync.ctx) _dd_idbfs_sync_changed(DDSync.ctx);
        DDSync.pump(false);   // requests that arrived meanwhile
      });
    },
    pump: function (urgent) {
      if (!DDSync.writable) return;
      if (DDSync.fenced || DDSync.durable >= DDSync.requested) return;
      if (DDSync.inflight || DDSync.urgentInflight) {
        if (urgent) DDSync.writeNow();
        return;
      }
      if (DDSync.timer && !urgent) return;
      if (DDSync.timer) { clearTimeout(DDSync.timer); DDSync.timer = 0; }
      var target = DDSync.requested;
      DDSync.inflight = true;
      DDSync.syncOnce(!!urgent, function (err) {
        DDSync.inflight = false;
        if (err) {
          DDSync.error = DDSync.fenced ? 'Another tab or window saved newer data; this tab stopped saving. Reload it to continue.'
                                       : DDSync.describe(err);
          DDSync.quota = !DDSync.fenced && DDSync.isQuota(err);
          if (!DDSync.fenced) {
            DDSync.retryMs = Math.min(Math.max(1000, DDSync.retryMs * 2), 30000);
            DDSync.timer = setTimeout(function () { DDSync.timer = 0; DDSync.pump(false); }, DDSync.retryMs);
          }
        } else {
          DDSync.durable = Math.max(DDSync.durable, target);
          if (DDSync.onDurable) DDSync.onDurable();   // read-only tabs follow (persistence_web.js)
          DDSync.error = '';
          DDSync.quota = false;
          DDSync.retryMs = 0;
        }
        if (DDSync.ctx) _dd_idbfs_sync_changed(DDSync.ctx);
        DDSync.pump(false);   // requests that arrived meanwhile, coalesced into one sync
      });
    },
  },

  // Mounts `dir` on IDBFS and loads it from IndexedDB; calls dd_idbfs_mounted(ctx, ok) when done.
  dd_idbfs_js_mount__deps: ['$DDSync'],
  dd_idbfs_js_mount: function (dirPtr, ctx) {
    DDSync.dir = UTF8ToString(dirPtr);
    DDSync.ctx = ctx;
    DDSync.strictDurability();
    try { FS.mkdir(DDSync.dir); } catch (e) { /* exists */ }
    try {
      FS.mount(IDBFS, {}, DDSync.dir);
    } catch (e) {
      DDSync.error = DDSync.describe(e);
      _dd_idbfs_mounted(ctx, 0);
      return;
    }
    var mark = function (name) { if (typeof performance !== 'undefined' && performance.mark) performance.mark(name); };
    var finish = function (err) {
      if (err) DDSync.error = DDSync.describe(err);
      mark('dd-mounted');
      _dd_idbfs_mounted(ctx, err ? 0 : 1);
    };
    mark('dd-mount');
    // web/boot.js began reading the stored files before the module loaded: take them.
    var ahead = Module['ddStoredFiles'];
    Module['ddStoredFiles'] = null;
    if (ahead && ahead.dir === DDSync.dir && ahead.files) {
      var take = function (box, lock) {
        DDSync.earlyLock = lock;
        // Taken out of the box: the resolved promise must not keep the first snapshot's bytes
        // alive after MEMFS drops them (a compaction replaces that file).
        var files = box && box.entries;
        if (box) box.entries = null;
        if (files) DDSync.populateFrom(files, !!(lock && lock.held), finish);
        else DDSync.populate(finish);
      };
      // main() normally runs once the read is in (boot.js holds it): take the files now, so that
      // a tab holding the lock recovers inside this call (main_web.cpp mounts before it creates
      // the WebGL2 context, whose wait for the GPU process then overlaps nothing else).
      if (ahead.settled) {
        var settled = ahead.settled;
        ahead.settled = null;
        take(settled.box, settled.lock);
        return;
      }
      Promise.all([ahead.files, ahead.lock || null]).then(function (got) { take(got[0], got[1]); });
      return;
    }
    mark('dd-idb-load-start');
    DDSync.populate(function (err) {
      mark('dd-idb-load-end');
      finish(err);
    });
  },

  dd_idbfs_js_request_sync__deps: ['$DDSync'],
  dd_idbfs_js_request_sync: function (urgent) {
    DDSync.requested++;
    DDSync.pump(!!urgent);
    return DDSync.requested;
  },
  dd_idbfs_js_durable__deps: ['$DDSync'],
  dd_idbfs_js_durable: function () { return DDSync.durable; },
  dd_idbfs_js_quota__deps: ['$DDSync'],
  dd_idbfs_js_quota: function () { return DDSync.quota ? 1 : 0; },
  dd_idbfs_js_fenced__deps: ['$DDSync'],
  dd_idbfs_js_fenced: function () { return DDSync.fenced ? 1 : 0; },
  // The last error ("" when none), as a malloc'ed string the caller frees.
  dd_idbfs_js_error__deps: ['$DDSync'],
  dd_idbfs_js_error: function () {
    var len = lengthBytesUTF8(DDSync.error) + 1;
    var ptr = _malloc(len);
    stringToUTF8(DDSync.error, ptr, len);
    return ptr;
  },
  dd_idbfs_js_stats__deps: ['$DDSync'],
  dd_idbfs_js_stats: function () { return DDSync.bytes; },
});
