/*
 * sw.js: the site's service worker, for installs over http(s). The core
 * prepends VERSION (a digest of the site's data) and PRECACHE (the pages
 * and data every level needs); other files are cached the first time
 * they are fetched. Pages work from file:// without it.
 */


var CACHE = "tiku-" + VERSION;

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) {
    return c.addAll(PRECACHE);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("tiku-") === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

/* the cache first (the site changes only with a new build, and a new
 * build brings a new VERSION), then the network, keeping what came */
self.addEventListener("fetch", function (e) {
  if (e.request.method !== "GET") return;
  e.respondWith(caches.open(CACHE).then(function (c) {
    return c.match(e.request, { ignoreSearch: true }).then(function (hit) {
      return hit || fetch(e.request).then(function (r) {
        if (r.ok && r.type === "basic") c.put(e.request, r.clone());
        return r;
      });
    });
  }));
});
