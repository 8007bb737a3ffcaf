// varde's kill switch (`varde build --unregister-sw`): replaces the service worker, deletes
// this site's caches (and no one else's), unregisters, and reloads open pages from the network.
const S = self, P = 'varde ' + S.registration.scope + ' ';
const stop = () => S.registration.unregister();
S.oninstall = () => S.skipWaiting();
S.onactivate = (e) => e.waitUntil((async () => {
  for (const k of await caches.keys()) if (k.startsWith(P)) await caches.delete(k);
  await stop();
  for (const c of await S.clients.matchAll({ type: 'window' })) c.navigate(c.url);
})());
// An old page still open may register again, which cancels the unregistration: so stop
// again on every request, which goes to the network.
S.onfetch = stop;
