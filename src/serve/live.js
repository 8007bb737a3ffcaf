// varde serve only (never in dist/): reloads this page when a change touches it, and shows
// the build's errors over the page until they are fixed. Styles go through the CSSOM, so
// the page's Content-Security-Policy needs no change.
(() => {
  const here = location.pathname.replace(/index\.html$/, '');
  let box = null;
  const show = (text) => {
    if (!box) {
      box = document.createElement('section');
      box.id = 'varde-errors';
      box.setAttribute('role', 'alert');
      box.setAttribute('dir', 'ltr');
      box.setAttribute('lang', 'en');
      Object.assign(box.style, {
        position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto', margin: '0',
        padding: '1.5rem', background: 'rgba(20, 20, 20, 0.96)', color: '#fff',
        font: '15px/1.5 ui-monospace, monospace', textAlign: 'left',
      });
      const h = document.createElement('h2');
      h.textContent = 'varde: this change does not build. The page shows the last version that did.';
      Object.assign(h.style, { font: 'bold 17px/1.4 sans-serif', margin: '0 0 1rem', color: '#ffb4a8' });
      const pre = document.createElement('pre');
      Object.assign(pre.style, { whiteSpace: 'pre-wrap', margin: '0' });
      box.append(h, pre);
      document.body.append(box);
    }
    box.lastChild.textContent = text;
  };
  const hide = () => { if (box) { box.remove(); box = null; } };
  const events = new EventSource('/__varde/events');
  // Tells tests (and the curious) that the page is listening.
  events.onopen = () => { document.documentElement.dataset.vardeServe = 'live'; };
  events.addEventListener('errors', (e) => show(e.data));
  events.addEventListener('ok', hide);
  events.addEventListener('reload', (e) => {
    const paths = JSON.parse(e.data);
    if (paths.includes('*') || paths.includes(here)) location.reload();
  });
})();
