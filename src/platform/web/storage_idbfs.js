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
//  * a page that closes right after an edit: our write transactions call commit() once their
//    requests are made, so IndexedDB commits them without another turn of this page's event
//    loop, and a page-hiding write aborts a sync still reading (writeNow);
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
    // {path: entry whose contents is still a Blob}: older snapshots web/boot.js left unread. In
    // MEMFS each is an empty file with the stored timestamp, so no sync ever writes it (only a
    // changed timestamp is written) and a removal still reaches IndexedDB; storage_idbfs.cpp
    // refuses to read or rename it until fetchUnread has put its bytes in.
    unread: {},
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
    // The stored set {path: {timestamp}} (names and timestamps, no contents), read with the
    // timestamp index's key cursor as IDBFS.getRemoteSet does, but in a transaction kept on
    // `sync.tx` so that a page-hiding write can abort it: a readonly transaction still walking
    // its cursor holds back every readwrite transaction created after it, and a closing page
    // never delivers the rest of the cursor, so the page-hiding write would never start.
    readStored: function (db, sync, done) {
      var entries = {};
      var finished = false;
      var finish = function (err, set) {
        if (finished) return;
        finished = true;
        sync.tx = null;
        done(err, set);
      };
      var tx, cursor;
      try {
        tx = db.transaction([IDBFS.DB_STORE_NAME], 'readonly');
        cursor = tx.objectStore(IDBFS.DB_STORE_NAME).index('timestamp').openKeyCursor();
      } catch (e) {
        return done(e);   // a closed connection, a missing index: an error to show and retry
      }
      sync.tx = tx;
      tx.onabort = function () { finish(tx.error || new Error('reading the stored files was aborted')); };
      cursor.onsuccess = function (event) {
        var at = event.target.result;
        if (!at) return finish(null, { type: 'remote', db: db, entries: entries });
        entries[at.primaryKey] = { timestamp: at.key };
        at.continue();
      };
    },
    // A snapshot file's record holds its contents as a Blob, every other file's as bytes
    // (Uint8Array, as IDBFS writes them). Why: Chrome stores a large value as a blob of its own
    // anyway, and reading one back as bytes made the page's thread receive, decompress and
    // deserialize the whole snapshot before getAll's result was usable (~0.6 s of a cold start at
    // 100,000 deals, 43 MB); a Blob is read as a handle, and its bytes are then fetched into one
    // ArrayBuffer (about half that time). Segments stay bytes: they are small, and written when
    // the page is closing, when nothing should wait on a Blob. Readers take either form
    // (readIn here, web/boot.js), so records written before this, or by hand, still load.
    asStored: function (path, entry) {
      if (!entry.contents || !/\.snap$/.test(path) || typeof Blob === 'undefined') return entry;
      return { timestamp: entry.timestamp, mode: entry.mode, contents: new Blob([entry.contents]) };
    },
    // Writes every local file whose timestamp differs from `remote`'s and removes the stored ones
    // no longer here, in one readwrite transaction (IDBFS.reconcile's diff), then calls commit():
    // the transaction is committed as soon as its requests are done, without waiting for this
    // page to see their results and go idle, which a closing page never does. No request error
    // is swallowed (IDBFS.reconcile prevents their default, which commits the other writes): any
    // failure aborts the whole transaction, and `done` gets the transaction's error.
    writeChanged: function (db, local, remote, done) {
      var create = [], remove = [];
      Object.keys(local.entries).forEach(function (path) {
        var stored = remote.entries[path];
        if (!stored || +stored.timestamp !== +local.entries[path].timestamp) create.push(path);
      });
      Object.keys(remote.entries).forEach(function (path) { if (!local.entries[path]) remove.push(path); });
      if (!create.length && !remove.length) return done(null, 0);
      var tx, store;
      try {
        tx = db.transaction([IDBFS.DB_STORE_NAME], 'readwrite');
        store = tx.objectStore(IDBFS.DB_STORE_NAME);
      } catch (e) {
        return done(e);
      }
      var sent = 0, failed = null;
      // Directories before the files in them; files before the directories holding them.
      create.sort().forEach(function (path) {
        if (failed) return;
        IDBFS.loadLocalEntry(path, function (err, entry) {
          if (err) { failed = err; return; }
          if (entry.contents) sent += entry.contents.length;
          try { store.put(DDSync.asStored(path, entry), path); } catch (e) { failed = e; }
        });
      });
      remove.sort().reverse().forEach(function (path) {
        if (!failed) try { store.delete(path); } catch (e) { failed = e; }
      });
      if (failed) {
        try { tx.abort(); } catch (e) { /* already finished */ }
        return done(failed);
      }
      tx.oncomplete = function () { done(null, sent); };
      tx.onabort = function () { done(tx.error || new Error('saving was aborted')); };
      if (tx.commit) tx.commit();
    },
    // One write sync: local files -> IndexedDB, only what changed. `urgent` (page hiding) skips
    // reading the stored set first, so the write transaction is created and committed before this
    // function returns. `sync` is {seq, tx, superseded}: see readStored and writeNow.
    syncOnce: function (urgent, sync, done) {
      var mount = DDSync.mountNode();
      sync.seq = ++DDSync.seq;
      // The fence compares the stored set with what this tab knew when the sync began: a
      // page-hiding write that completes meanwhile (writeNow) changes both, not another tab.
      var knownAtStart = DDSync.known;
      IDBFS.getLocalSet(mount, function (err, local) {
        if (err) return done(err);
        IDBFS.getDB(mount.mountpoint, function (err2, db) {
          if (err2) return done(err2);
          var write = function (remote) {
            DDSync.writeChanged(db, local, remote, function (err3, sent) {
              if (!err3) {
                // Two syncs can overlap (see writeNow): the newest one's view of the stored set wins.
                if (sync.seq > DDSync.knownSeq) { DDSync.known = DDSync.stamps(local.entries); DDSync.knownSeq = sync.seq; }
                DDSync.bytes += sent;
                DDSync.syncs++;
              }
              done(err3);
            });
          };
          if (urgent && DDSync.known) {
            var entries = {};
            Object.keys(DDSync.known).forEach(function (k) { entries[k] = { timestamp: new Date(DDSync.known[k]) }; });
            return write({ type: 'remote', db: db, entries: entries });
          }
          DDSync.readStored(db, sync, function (err4, remote) {
            if (err4) return done(err4);
            if (knownAtStart && !DDSync.sameSet(knownAtStart, DDSync.stamps(remote.entries))) {
              DDSync.fenced = true;
              return done(new Error('another tab or window saved newer data'));
            }
            write(remote);
          });
        });
      });
    },
    // IDBFS.reconcile's remote -> local half, for records whose contents may be a Blob
    // (asStored): reads every stored file whose timestamp differs from the local one in one
    // readonly transaction, fetches the Blobs' bytes, then places the files (directories first)
    // and removes the local ones no longer stored. Nothing local changes before every read is in.
    readIn: function (remote, local, done) {
      var create = Object.keys(remote.entries).filter(function (path) {
        var here = local.entries[path];
        return !here || +here.timestamp !== +remote.entries[path].timestamp;
      }).sort();
      var remove = Object.keys(local.entries).filter(function (path) { return !remote.entries[path]; }).sort().reverse();
      if (!create.length && !remove.length) return done(null);
      var got = {};
      var tx;
      try {
        tx = remote.db.transaction([IDBFS.DB_STORE_NAME], 'readonly');
        var store = tx.objectStore(IDBFS.DB_STORE_NAME);
        create.forEach(function (path) { store.get(path).onsuccess = function (e) { got[path] = e.target.result; }; });
      } catch (e) {
        return done(e);
      }
      tx.onabort = function () { done(tx.error || new Error('reading the stored files was aborted')); };
      tx.oncomplete = function () {
        var blobs = create.filter(function (path) { return got[path] && typeof Blob !== 'undefined' && got[path].contents instanceof Blob; });
        Promise.all(blobs.map(function (path) {
          return DDSync.bytesOf(got[path].contents).then(function (bytes) {
            got[path] = { timestamp: got[path].timestamp, mode: got[path].mode, contents: bytes };
          });
        })).then(function () {
          var err = null;
          var step = function (e) { err = err || e; };
          create.forEach(function (path) {
            if (err) return;
            if (!got[path]) return step(new Error(path + ' was removed while it was read'));
            delete DDSync.unread[path];
            IDBFS.storeLocalEntry(path, got[path], step);
          });
          remove.forEach(function (path) {
            delete DDSync.unread[path];
            if (!err) IDBFS.removeLocalEntry(path, step);
          });
          done(err);
        }, done);
      };
    },
    // A stored Blob's bytes (a Promise of a Uint8Array). One that cannot be read (its file gone
    // from the browser's profile) gives no bytes, an empty file: recovery reports a damaged
    // snapshot and uses the previous one (as web/boot.js does).
    bytesOf: function (blob) {
      return blob.arrayBuffer().catch(function () { return new ArrayBuffer(0); })
        .then(function (buf) { return new Uint8Array(buf); });
    },
    // Puts the bytes of every file left unread at start into MEMFS (its stored timestamp kept, so
    // no sync writes it back), then done(err). Bytes that cannot be taken (out of memory, anything
    // thrown while making or placing them) leave the file unread and `err` set: the caller must not
    // go on as if it were damaged. `done` is called once, whatever fails.
    fetchUnread: function (done) {
      var paths = Object.keys(DDSync.unread);
      var failed = null;
      Promise.all(paths.map(function (path) {
        var entry = DDSync.unread[path];
        return DDSync.bytesOf(entry.contents).then(function (bytes) {
          if (DDSync.unread[path] !== entry) return;   // removed or replaced meanwhile
          IDBFS.storeLocalEntry(path, { timestamp: entry.timestamp, mode: entry.mode, contents: bytes }, function (e) {
            if (e) failed = failed || e;
            else delete DDSync.unread[path];
          });
        }).catch(function (e) { failed = failed || e; });
      })).then(function () { done(failed); });
    },
    // IndexedDB -> the mounted directory (start-up, and a tab taking over from another).
    populate: function (done) {
      var mount = DDSync.mountNode();
      IDBFS.getRemoteSet(mount, function (err, remote) {
        if (err) return done(err);
        IDBFS.getLocalSet(mount, function (err2, local) {
          if (err2) return done(err2);
          DDSync.readIn(remote, local, function (err3) {
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
      var place = function (path) {
        var entry = files[path];
        if (entry && typeof Blob !== 'undefined' && entry.contents instanceof Blob) {
          DDSync.unread[path] = entry;
          entry = { timestamp: entry.timestamp, mode: entry.mode, contents: new Uint8Array(0) };
        }
        IDBFS.storeLocalEntry(path, entry, function (e) { err = e; });
      };
      for (var i = 0; i < paths.length && !err; i++) place(paths[i]);
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
    // every file changed since the last completed sync now, in a transaction created and
    // committed before this returns. A sync still reading the stored set is aborted first (its
    // readonly transaction would hold this write back, and a closing page never finishes that
    // read); its files are in this write. A sync already writing has committed its transaction
    // (writeChanged): IndexedDB runs readwrite transactions on one store in creation order, and
    // both send the files' current contents, so the stored set ends as this write left it;
    // whichever of the two completes last, `known` keeps the newer sync's set (seq), so no false
    // "another tab" fence.
    writeNow: function () {
      if (DDSync.urgentInflight || !DDSync.known) return;
      var normal = DDSync.current;
      if (normal && normal.tx) {
        normal.superseded = true;
        try { normal.tx.abort(); } catch (e) { /* finished meanwhile: it goes on to write */ }
      }
      var target = DDSync.requested;
      DDSync.urgentInflight = true;
      DDSync.syncOnce(true, { seq: 0, tx: null, superseded: false }, function (err) {
        DDSync.urgentInflight = false;
        if (!err) DDSync.durable = Math.max(DDSync.durable, target);
        if (DDSync.ctx) _dd_idbfs_sync_changed(DDSync.ctx);
        DDSync.pump(false);   // requests that arrived meanwhile, or a failed write retried
      });
    },
    current: null,    // the sync in flight that is not a page-hiding write ({seq, tx, superseded})
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
      var sync = { seq: 0, tx: null, superseded: false };
      DDSync.inflight = true;
      DDSync.current = sync;
      DDSync.syncOnce(!!urgent, sync, function (err) {
        DDSync.inflight = false;
        DDSync.current = null;
        if (err && sync.superseded) {
          // Aborted for a page-hiding write, which carries its files and pumps when it is done.
        } else if (err) {
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
  // Files left unread at start (DDSync.unread), by full path.
  dd_idbfs_js_unread_count__deps: ['$DDSync'],
  dd_idbfs_js_unread_count: function () { return Object.keys(DDSync.unread).length; },
  dd_idbfs_js_bytes_ready__deps: ['$DDSync'],
  dd_idbfs_js_bytes_ready: function (pathPtr) { return DDSync.unread[UTF8ToString(pathPtr)] ? 0 : 1; },
  dd_idbfs_js_forget_unread__deps: ['$DDSync'],
  dd_idbfs_js_forget_unread: function (pathPtr) { delete DDSync.unread[UTF8ToString(pathPtr)]; },
  dd_idbfs_js_fetch_unread__deps: ['$DDSync'],
  dd_idbfs_js_fetch_unread: function (ctx) {
    DDSync.fetchUnread(function (err) {
      if (err) DDSync.error = DDSync.describe(err);
      _dd_idbfs_unread_in(ctx, err ? 0 : 1);
    });
  },
});
