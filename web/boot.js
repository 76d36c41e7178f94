// Starts Dealdeck: checks WebGL2, creates window.dealdeck (its `ready` promise exists from the
// start; the app adds the methods), loads dealdeck.js, and turns every way of failing (no WebGL2,
// a missing file, a failed instantiate, an abort) into a clear message in #dd-error.
(function () {
  'use strict';
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

  function hasWebGL2() {
    try {
      var probe = document.createElement('canvas');
      return !!(window.WebGL2RenderingContext && probe.getContext('webgl2'));
    } catch (e) {
      return false;
    }
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
    // Called by the module when it cannot go on (failed fetch or instantiate of dealdeck.wasm).
    onAbort: function (what) {
      showError('The application code (dealdeck.wasm) could not be loaded or started' + (what ? ': ' + what : '') + '.');
    },
    ddFatal: showError,   // reported by main() itself (e.g. no WebGL2 context after all)
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
  };

  var script = document.createElement('script');
  script.src = 'dealdeck.js';
  script.async = true;
  script.onerror = function () { showError('The file dealdeck.js could not be loaded.'); };
  document.body.appendChild(script);
})();
