// The citizen app's service worker: it makes the app installable and lets it open without a network (its page and
// assets as last fetched). Nothing of the citizen API is ever cached: an SOS always goes to Sos.
const cache = 'sos-app-2';
const shell = ['/app', '/app/assets/sos-webrtc.js', '/app/assets/app.js', '/app/assets/app.css', '/app/assets/icon.svg', '/app/manifest.webmanifest'];
self.addEventListener('install', event => { event.waitUntil(caches.open(cache).then(c => c.addAll(shell)).catch(() => { })); self.skipWaiting(); });
self.addEventListener('activate', event => { event.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(k => k !== cache).map(k => caches.delete(k))))); self.clients.claim(); });
self.addEventListener('fetch', event => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || url.origin !== self.location.origin || !shell.includes(url.pathname)) { return; }
    // The network first (the app is always the newest when online), the last copy when offline.
    event.respondWith(fetch(event.request).then(response => {
        const copy = response.clone();
        caches.open(cache).then(c => c.put(event.request, copy));
        return response;
    }).catch(() => caches.match(event.request)));
});
