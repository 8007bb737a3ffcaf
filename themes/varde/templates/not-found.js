// Points the links at the site's root: the folder before a language folder in the path,
// else the deepest folder above this path that holds the site's sw.js.
(async () => {
  const m = document.getElementById('main'), codes = m.dataset.codes.split(' '), parts = location.pathname.split('/');
  const i = parts.findIndex((p, j) => j > 0 && codes.includes(p));
  // Opened from disk, this is the root's own 404.html, and a folder needs its index.html.
  const disk = location.protocol === 'file:', index = disk ? 'index.html' : '';
  let root = disk ? new URL('./', location.href).href : i > 0 ? parts.slice(0, i).join('/') + '/' : null;
  for (let j = parts.length - 1; !root && j > 0; j--) {
    const r = parts.slice(0, j).join('/') + '/';
    try { if ((await fetch(r + 'sw.js', { method: 'HEAD' })).ok) root = r } catch (e) { /* offline: keep the plain links */ }
  }
  if (root) for (const a of m.querySelectorAll('a[data-to]')) a.href = root + a.dataset.to + index;
  // The language link at the top leads to the chooser, at the root.
  const languages = document.getElementById('lang-link');
  if (root && languages) languages.href = root + index;
})();
