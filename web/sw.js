// Dealdeck's service worker: the app shell (page, code, fonts) cached per build so the app opens
// with no network after the first visit, and one build served at a time.
//
//  * The build stamps DD_BUILD with a hash of every shell file (src/platform/web/stamp_sw.cmake),
//    so each deploy has its own sw.js bytes, hence a new worker, and its own cache.
//  * Cache-first for the shell, from THIS worker's cache only: a page never mixes files of two builds.
//  * A new worker installs its files into its own cache and then waits. The page (sw-register.js)
//    shows "update available"; only the user's Reload click sends 'skip-waiting'. Never skipWaiting
//    by itself: the running page would then get the next build's files mid-session.
//  * Every URL is relative to the worker's scope (the app's folder): works under any sub-path.
//  * The user's data is not here: it lives in IndexedDB (docs/storage.md), untouched by updates.
'use strict';

const DD_BUILD = '@DD_BUILD@';
const CACHE = 'dealdeck-shell-' + DD_BUILD;
const SHELL = ['./', 'index.html', 'dealdeck.css', 'boot.js', 'sw-register.js', 'favicon.svg',
               'dealdeck.js', 'dealdeck.wasm', 'dealdeck.data'];

const scoped = (name) => new URL(name, self.registration.scope).href;

// A route for each shell file, to this build's cache: the browser serves them itself, without
// starting this worker first (static routing, Chromium 123+). At a cold start that start is on
// the page's critical path: ~90 ms before the navigation's response, then every file after it.
// Only the exact URLs (no query): the fetch handler below still serves the rest as it always did.
// What the cache lacks goes to the network, as the fetch handler does.
function shellRoutes() {
  const special = /[:*?+(){}\\]/g;   // URLPattern's syntax
  return SHELL.map((name) => {
    const url = new URL(scoped(name));
    return {
      condition: {
        requestMethod: 'GET',
        urlPattern: new URLPattern({
          protocol: url.protocol.slice(0, -1), hostname: url.hostname, port: url.port,
          pathname: url.pathname.replace(special, '\\$&'), search: '',
        }),
      },
      source: { cacheName: CACHE },
    };
  });
}

self.addEventListener('install', (event) => {
  // Routes are an optimization: a browser that refuses them still has the fetch handler.
  let routed = Promise.resolve();
  try {
    if (event.addRoutes && typeof URLPattern === 'function') routed = Promise.resolve(event.addRoutes(shellRoutes())).catch(() => {});
  } catch (e) {
    // no routes: every request goes through the fetch handler
  }
  // cache: 'reload' skips the HTTP cache: the files must be this build's, not older copies.
  event.waitUntil(Promise.all([routed, caches.open(CACHE).then((cache) =>
    cache.addAll(SHELL.map((name) => new Request(scoped(name), { cache: 'reload' }))))]));
});

self.addEventListener('activate', (event) => {
  // Only now (first install, or after the user chose to reload) are older builds' caches unused.
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((k) => k.startsWith('dealdeck-shell-') && k !== CACHE).map((k) => caches.delete(k)))));
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'build' && event.source) event.source.postMessage({ type: 'build', build: DD_BUILD });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const key = request.mode === 'navigate' ? scoped('./') : url.origin + url.pathname;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(key).then((hit) => hit || fetch(request))));
});
