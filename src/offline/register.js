// Registers varde's service worker and shows, in the reader's language, whether the
// language is kept offline. Quietly does nothing where service workers cannot run.
(() => {
  const n = navigator.serviceWorker, d = document, g = (i) => d.getElementById(i);
  const o = g('vo'), s = g('vs'), k = g('vk'), u = g('vu');
  if (!n || !o || !isSecureContext || !/^https?:$/.test(location.protocol)) return;
  const D = o.dataset, L = D.lang, root = new URL(D.root, location.href).href;
  const say = (t) => { s.textContent = D[t]; s.hidden = false };
  let w, r, c = n.controller;
  // Saving goes to the version that will serve the language: a newer one that is arriving
  // (once installed; it then takes over), else the active one.
  const next = () => {
    const t = r.installing || r.waiting;
    return t && new Promise((ok) => {
      const f = t.onstatechange = () => t.state != 'installing' && ok(t.state == 'installed' && t);
      f();
    });
  };
  const save = async () => { const t = await next(); (t || w).postMessage({ keep: L || '*', take: !!t }) };
  n.onmessage = (e) => {
    const m = e.data, on = L ? m.kept.includes(L) : m.all.every((l) => m.kept.includes(l));
    say(on ? 'ready' : m.ok ? 'not' : 'failed');
    k.hidden = on;
    o.classList.toggle('on', on);
  };
  k.onclick = () => {
    say('saving');
    k.hidden = true;
    navigator.storage?.persist?.();
    save();
  };
  // A new version took over (the reader chose to reload, here or in another tab): reload,
  // so no page shows files of two versions. Not on the first install.
  n.oncontrollerchange = () => { if (c) location.reload(); c = 1 };
  n.register(new URL('sw.js', root), { scope: root, updateViaCache: 'none' }).then((x) => {
    r = x;
    const up = () => r.update().catch(() => {}), wait = () => { u.hidden = !(r.waiting && n.controller) };
    d.addEventListener('visibilitychange', () => d.hidden || up());
    addEventListener('online', up);
    r.addEventListener('updatefound', () => r.installing.addEventListener('statechange', wait));
    wait();
    u.querySelector('button').onclick = () => r.waiting && r.waiting.postMessage('skip');
    return n.ready;
  }).then((x) => { w = x.active; w.postMessage({}) }, () => {});
})();
