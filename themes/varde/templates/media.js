{#- Keeps a page's videos and recordings for offline use, only when the reader asks (issue 24):
    each [data-keep-media] button (src/render/media.rs) stores its files in the cache
    "varde <scope> media", which no language pack, no update and no "keep all languages"
    touches; sw.js plays them from there, in ranges; a second tap removes them, and "Forget
    this site" (forget.js) deletes the cache with the others. Titles ride in a header so the
    offline page can list what is kept. -#}
(() => {
  const o = document.getElementById('vo');
  if (!window.caches || !o || !isSecureContext || !navigator.serviceWorker) return;
  const M = 'varde ' + new URL(o.dataset.root, location.href).href + ' media';
  // Every button shows its files' state again after any tap: the page's "save all" button
  // and a film's own button keep the same files.
  const all = [];
  for (const b of document.querySelectorAll('[data-keep-media]')) {
    const D = b.dataset, us = D.urls.split(' ').map((u) => new URL(u, location.href).href);
    const kept = async () => (await caches.has(M)) && (await Promise.all(us.map((u) => caches.match(u, { cacheName: M })))).every(Boolean);
    const show = (on) => { b.textContent = on ? D.drop : D.keep; b.setAttribute('aria-pressed', on); b.hidden = false };
    const again = () => kept().then(show);
    all.push(again);
    again();
    b.onclick = async () => {
      b.disabled = true;
      try {
        const c = await caches.open(M);
        if (await kept()) {
          for (const u of us) await c.delete(u);
          if (!(await c.keys()).length) await caches.delete(M);
        } else {
          for (const u of us) {
            const r = await fetch(u, { cache: 'no-store' });
            if (r.status != 200) throw Error(u);
            await c.put(u, new Response(await r.blob(), { headers: { 'content-type': r.headers.get('content-type') || '', 'x-varde-title': encodeURIComponent(D.title) } }));
          }
        }
      } catch (x) {}
      b.disabled = false;
      for (const f of all) await f();
    };
  }
})();
