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
  const keep = { keep: L || '*' };
  const save = async () => { const t = await next(); (t || w).postMessage({ ...keep, take: !!t }) };
  n.onmessage = (e) => {
    const m = e.data, on = L ? m.kept.includes(L) : m.all.every((l) => m.kept.includes(l));
    say(on ? 'ready' : m.ok ? 'not' : 'failed');
    k.hidden = on;
    o.classList.toggle('on', on);
  };
  // "Forget this site" (forget.js) leaves this mark for the rest of the visit (this tab), so
  // going Back to a page of the site does not save the language again.
  const gone = 'varde-forgot ' + root;
  // Registering saves the open page's language (the worker's install): do it on its own only
  // where the reader has not asked for less, by the phone's data saver (Save-Data) or by
  // forgetting the site in this tab.
  let held = !!navigator.connection?.saveData;
  try { held = held || !!sessionStorage.getItem(gone) } catch (e) {}
  k.onclick = () => {
    say('saving');
    k.hidden = true;
    try { sessionStorage.removeItem(gone) } catch (e) {}
    navigator.storage?.persist?.();
    w ? save() : start(keep);
  };
  // A new version took over (the reader chose to reload, here or in another tab): reload,
  // so no page shows files of two versions. Not on the first install.
  n.oncontrollerchange = () => { if (c) location.reload(); c = 1 };
  const start = (m) => n.register(new URL('sw.js', root), { scope: root, updateViaCache: 'none' }).then((x) => {
    r = x;
    const up = () => r.update().catch(() => {}), wait = () => { u.hidden = !(r.waiting && n.controller) };
    d.addEventListener('visibilitychange', () => d.hidden || up());
    addEventListener('online', up);
    r.addEventListener('updatefound', () => r.installing.addEventListener('statechange', wait));
    wait();
    u.querySelector('button').onclick = () => r.waiting && r.waiting.postMessage('skip');
    return n.ready;
  }).then((x) => { w = x.active; w.postMessage(m) }, () => {});
  // Held, a language saved before is still looked after; otherwise the button offers it.
  if (!held) start({});
  else n.getRegistration(root).then((x) => {
    if (x && x.scope == root) return start({});
    say('not');
    k.hidden = false;
  }, () => {});
})();
