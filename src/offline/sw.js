// varde's service worker (see src/offline/mod.rs). V: this version, a hash of this file
// with V left out (so of the code and of the file list); F: every file of the site by pack
// ("" = shared files, else a language), as [relative URL, SHA-256 prefix, size].
const V = __VERSION__, F = __FILES__, S = self, R = S.registration.scope;
// Caches are named "varde <scope> <version> <install>": the space cannot occur in a URL, so
// a site at /a/ never touches the caches of a site at /a/b/; every install writes a cache of
// its own, so it never touches the one a live worker serves from, even with the same V.
// M: the media the reader chose to keep (media.js), in no version: kept until removed.
const P = 'varde ' + R + ' ', C = P + V + ' ', K = R + '.varde-kept', M = P + 'media';
const lang = (u) => { const l = u.startsWith(R) ? u.slice(R.length).split('/')[0] : ''; return l && F[l] ? l : '' };
const kept = async (n) => { const r = n && await caches.match(K, { cacheName: n }); return r ? r.json() : [] };
const good = async (b, h, z) => b.byteLength == z && btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', b)))).startsWith(h);
// This site's caches other than `n`, and this version's complete one (a cache is complete
// once its kept record, written last, is there), found again whenever the worker restarts.
const others = async (n) => (await caches.keys()).filter((k) => k.startsWith(P) && k != n && k != M);
let mine;
const own = async () => {
  if (!mine) for (const k of await others()) if (k.startsWith(C) && (await kept(k)).length) mine = k;
  return mine;
};
// All or nothing: every file of the packs must arrive with its size and hash, or nothing is
// stored and the caller fails. A file already in one of this site's caches with the same
// hash (checked again here) is copied from there: only changed and new files travel.
const keep = async (n, ls) => {
  const c = await caches.open(n), have = await kept(n), from = await others(n);
  const need = [...new Set(['', ...ls])].filter((l) => F[l] && !have.includes(l));
  const got = await Promise.all(need.flatMap((l) => F[l]).map(async ([p, h, z]) => {
    for (const k of [...from, '']) {
      const r = k ? await caches.match(R + p, { cacheName: k }) : await fetch(R + p, { cache: 'reload' });
      const b = r && r.ok && await r.arrayBuffer();
      if (b && await good(b, h, z)) return [R + p, new Response(b, { headers: { 'content-type': r.headers.get('content-type') || '' } })];
    }
    throw Error(p);
  }));
  for (const [u, r] of got) await c.put(u, r);
  await c.put(K, new Response(JSON.stringify([...have, ...need])));
};
// Install, into a new cache: the languages kept by any earlier version, and those of the
// open pages. A failure removes only that new cache.
S.oninstall = (e) => e.waitUntil((async () => {
  const ls = [];
  for (const k of await others()) ls.push(...await kept(k));
  for (const c of await S.clients.matchAll({ includeUncontrolled: true, type: 'window' })) ls.push(lang(c.url));
  const n = C + Math.random();
  try { await keep(n, ls) } catch (x) { await caches.delete(n); throw x }
  mine = n;
})());
// Only once this complete, verified version is active may the earlier caches go.
S.onactivate = (e) => e.waitUntil((async () => {
  const n = await own();
  if (n) for (const k of await others(n)) await caches.delete(k);
  await S.clients.claim();
})());
// A byte range of a kept film, as players ask when they seek: bytes=a-b, a- and -n give 206
// with Content-Range, anything else unsatisfiable 416 (the semantics of Workbox's
// range-requests module).
const part = async (r, h) => {
  const b = await r.arrayBuffer(), z = b.byteLength, g = /^bytes=(\d*)-(\d*)$/.exec(h.trim()) || [];
  let a = g[1] ? +g[1] : g[2] ? z - g[2] : NaN, e = g[1] && g[2] ? Math.min(+g[2], z - 1) : z - 1;
  a = Math.max(a, 0);
  if (!(a <= e)) return new Response(null, { status: 416, headers: { 'content-range': 'bytes */' + z } });
  return new Response(b.slice(a, e + 1), { status: 206, headers: { 'content-type': r.headers.get('content-type') || '', 'content-range': 'bytes ' + a + '-' + e + '/' + z } });
};
S.onfetch = (e) => {
  const q = e.request, u = q.url.replace(/[?#].*/, '').replace(/\/index\.html$/, '/');
  if (q.method != 'GET' || !u.startsWith(R)) return;
  e.respondWith((async () => {
    // Only a media file can be in the reader's kept media (__MEDIA__: varde's media
    // extensions). Matched by name: opening a cache that is gone would make an empty one.
    const x = /\.(__MEDIA__)$/i.test(u) && await caches.match(u, { cacheName: M }), h = q.headers.get('range');
    if (x) return h ? part(x, h) : x;
    const n = await own(), m = (x) => n && caches.match(x, { cacheName: n });
    const o = (l) => m(R + (l && l + '/') + 'offline.html');
    return await m(u) || fetch(q).catch(async (x) => {
      if (q.mode != 'navigate') throw x;
      return await o(lang(u)) || await o(lang(q.referrer)) || await o('') || Response.error();
    });
  })());
};
// Some hosts answer the browser's own update check of this file with 304 Not Modified by
// date, so a rollback (older files) would never arrive. Once per start, asked by a page: read
// the first bytes of the published sw.js past every cache (a hundred bytes where the host
// serves ranges, as the free static hosts do); a version not seen here yet refreshes the
// browser's copy and checks again.
let probed = 0;
const probe = async () => {
  if (probed++) return;
  const r = await fetch(R + 'sw.js', { cache: 'no-store', headers: { range: 'bytes=0-99' } });
  const v = /V="([^"]+)"/.exec(await r.text());
  if (v && !(await caches.keys()).some((k) => k.startsWith(P + v[1] + ' '))) {
    await fetch(R + 'sw.js', { cache: 'reload' });
    await S.registration.update();
  }
};
// From pages: 'skip' (the reader chose to reload into the waiting version), or
// {keep: lang | '*', take} (keep languages offline, and with take, a waiting version then
// takes over; {} only asks what is kept).
S.onmessage = (e) => {
  const m = e.data;
  if (m == 'skip') return S.skipWaiting();
  e.waitUntil((async () => {
    const n = await own();
    let ok = !!n;
    try { if (n && m.keep) await keep(n, m.keep == '*' ? Object.keys(F) : [m.keep]) } catch (x) { ok = false }
    e.source.postMessage({ kept: await kept(n), all: Object.keys(F), ok });
    if (ok && m.take) await S.skipWaiting();
    if (!m.keep) await probe().catch(() => {});
  })());
};
