// Registers the service worker (sw.js: the app shell cached per build, so Dealdeck opens offline)
// and shows "A new version of Dealdeck is available [Reload]" when a new build is installed and
// waiting. The page keeps running the build it started with until the user clicks Reload: only
// then is the waiting worker told to take over ('skip-waiting'), and the page reloads once it has.
// Saving is not at risk: the reload fires pagehide, which flushes the journal (docs/storage.md).
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;   // old browser, or not a secure context: online only

  var reloading = false;

  function showPrompt(worker) {
    var bar = document.getElementById('dd-update');
    if (!bar) {
      bar = document.createElement('div');
      bar.id = 'dd-update';
      bar.setAttribute('role', 'status');
      bar.style.cssText = 'position:fixed;top:12px;left:50%;transform:translateX(-50%);z-index:40;display:flex;gap:10px;' +
        'align-items:center;background:#1f3a5f;color:#fff;border-radius:8px;padding:8px 12px;' +
        'font:14px system-ui,sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.25)';
      var text = document.createElement('span');
      text.textContent = 'A new version of Dealdeck is available.';
      var button = document.createElement('button');
      button.id = 'dd-update-reload';
      button.textContent = 'Reload';
      bar.appendChild(text);
      bar.appendChild(button);
      document.body.appendChild(bar);
    }
    document.getElementById('dd-update-reload').onclick = function () {
      this.disabled = true;
      reloading = true;
      worker.postMessage({ type: 'skip-waiting' });
    };
    var dd = window.dealdeck || (window.dealdeck = {});
    dd.updateAvailable = true;
  }

  // A worker that finished installing while another one controls this page is a new build.
  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) showPrompt(registration.waiting);
    registration.addEventListener('updatefound', function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', function () {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) showPrompt(worker);
      });
    });
  }

  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (reloading) window.location.reload();   // the user asked: now the new build serves the page
  });

  window.addEventListener('load', function () {
    navigator.serviceWorker.register('sw.js').then(function (registration) {
      watch(registration);
      // A tab left open for days still learns about new deploys.
      setInterval(function () { registration.update().catch(function () {}); }, 60 * 60 * 1000);
    }).catch(function (e) {
      console.warn('dealdeck: offline support unavailable (' + (e && e.message ? e.message : e) + ')');
    });
  });
})();
