// varde's service worker (see src/offline/mod.rs). V: this version; F: every file of the
// site by pack ("" = shared files, else a language), as [relative URL, SHA-256 prefix, size].
const V = __VERSION__, F = __FILES__, S = self, R = S.registration.scope;
// Caches are named by scope and version; the space cannot occur in a URL, so a site at
// /a/ never touches the caches of a site at /a/b/.
const P = 'varde ' + R + ' ', C = P + V, K = R + '.varde-kept';
const lang = (u) => { const l = u.startsWith(R) ? u.slice(R.length).split('/')[0] : ''; return l && F[l] ? l : '' };
const kept = async (c) => { const r = await c.match(K); return r ? r.json() : [] };
const b64 = (b) => btoa(String.fromCharCode(...new Uint8Array(b)));
// All or nothing: every file of the packs must arrive with its size and hash, or nothing
// is stored and the caller fails.
const keep = async (c, langs) => {
  const have = await kept(c), need = [...new Set(['', ...langs])].filter((l) => F[l] && !have.includes(l));
  const got = await Promise.all(need.flatMap((l) => F[l]).map(async ([p, h, z]) => {
    const r = await fetch(R + p, { cache: 'reload' }), b = await r.arrayBuffer();
    if (!r.ok || b.byteLength != z || !b64(await crypto.subtle.digest('SHA-256', b)).startsWith(h)) throw Error(p);
    return [R + p, new Response(b, { headers: { 'content-type': r.headers.get('content-type') || '' } })];
  }));
  for (const [u, r] of got) await c.put(u, r);
  await c.put(K, new Response(JSON.stringify([...have, ...need])));
};
// Install: the languages kept by the previous version, and those of the open pages.
S.oninstall = (e) => e.waitUntil((async () => {
  const langs = [];
  for (const k of await caches.keys()) if (k.startsWith(P) && k != C) langs.push(...await kept(await caches.open(k)));
  for (const c of await S.clients.matchAll({ includeUncontrolled: true, type: 'window' })) langs.push(lang(c.url));
  await caches.delete(C);
  try { await keep(await caches.open(C), langs) } catch (x) { await caches.delete(C); throw x }
})());
// Only once this version is active may the previous one's caches go.
S.onactivate = (e) => e.waitUntil((async () => {
  for (const k of await caches.keys()) if (k.startsWith(P) && k != C) await caches.delete(k);
  await S.clients.claim();
})());
S.onfetch = (e) => {
  const q = e.request, u = q.url.replace(/[?#].*/, '').replace(/\/index\.html$/, '/');
  if (q.method != 'GET' || !u.startsWith(R)) return;
  e.respondWith((async () => {
    const c = await caches.open(C), o = (l) => c.match(R + (l && l + '/') + 'offline.html');
    return await c.match(u) || fetch(q).catch(async (x) => {
      if (q.mode != 'navigate') throw x;
      return await o(lang(u)) || await o(lang(q.referrer)) || await o('') || Response.error();
    });
  })());
};
// From pages: 'skip' (the reader chose to reload into the waiting version), or
// {keep: lang | '*'} (keep languages offline; {} only asks what is kept).
S.onmessage = (e) => {
  const m = e.data;
  if (m == 'skip') return S.skipWaiting();
  e.waitUntil((async () => {
    const c = await caches.open(C);
    let ok = 1;
    try { if (m.keep) await keep(c, m.keep == '*' ? Object.keys(F) : [m.keep]) } catch (x) { ok = 0 }
    e.source.postMessage({ kept: await kept(c), all: Object.keys(F), ok });
  })());
};
