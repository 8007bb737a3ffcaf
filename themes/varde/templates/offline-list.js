// Lists the pages kept on this device, read from varde's caches ("varde <scope> <version>")
// of this site: the longest scope that holds this page, so a site in a subfolder of
// another is not mixed with it.
(async () => {
  const list = document.getElementById('cached');
  if (!window.caches) return;
  const scope = (k) => k.split(' ')[1];
  const names = (await caches.keys()).filter((k) => k.startsWith('varde ') && location.href.startsWith(scope(k)));
  const best = names.map(scope).sort((a, b) => b.length - a.length)[0];
  // Shown at another page's address, the relative link to the chooser would miss it.
  const languages = document.getElementById('lang-link');
  if (best && languages) languages.href = best;
  const pages = new Map();
  for (const k of names.filter((k) => scope(k) == best)) {
    const c = await caches.open(k);
    for (const r of await c.keys()) {
      if (!r.url.endsWith('/') || pages.has(r.url)) continue;
      // Only up to </title>: a parsed page's <style> would be checked against both its own
      // CSP and this page's, and be reported as a CSP violation.
      const html = await (await c.match(r)).text();
      const doc = new DOMParser().parseFromString(html.slice(0, html.indexOf('</title>') + 8), 'text/html');
      pages.set(r.url, doc);
    }
  }
  for (const url of [...pages.keys()].sort()) {
    const doc = pages.get(url), li = document.createElement('li'), a = document.createElement('a');
    a.href = url;
    a.textContent = doc.title;
    a.lang = doc.documentElement.lang;
    a.dir = doc.documentElement.dir;
    li.append(a);
    list.append(li);
  }
  document.getElementById('nojs').hidden = pages.size > 0;
  // The videos and recordings the reader kept (media.js), by the titles stored with them.
  const media = names.find((k) => scope(k) == best && k.endsWith(' media')), kept = document.getElementById('kept-media');
  if (!media || !kept) return;
  const c = await caches.open(media);
  for (const r of await c.keys()) {
    const li = document.createElement('li'), a = document.createElement('a');
    a.href = r.url;
    a.textContent = decodeURIComponent((await c.match(r)).headers.get('x-varde-title') || '') || r.url;
    li.append(a);
    kept.append(li);
  }
  kept.previousElementSibling.hidden = !kept.children.length;
})();
