{#- "Forget this site on this phone": removes what this site (the one at data-root, not
    another site on the same origin) keeps in this browser, then leaves like the quick exit.
    Its caches are named "varde <scope> <version>" (src/offline/sw.js), its service worker is
    the registration whose scope is the site's root, and its stored items are the keys
    "varde-<name> <root>" (remember-lang.html); "varde-lang" alone is the remembered
    language of versions before issue 14, which no site can tell apart from another's. -#}
(function () {
  var b = document.querySelector('[data-forget]'), nojs = document.getElementById('forget-nojs');
  if (!b) return;
  var root = new URL(b.getAttribute('data-root'), location.href).href;
  var ours = function (k) { return k === 'varde-lang' || (/^varde-\S+ /.test(k) && k.slice(k.indexOf(' ') + 1) === root); };
  b.hidden = false;
  if (nojs) nojs.hidden = true;
  b.addEventListener('click', function () {
    document.documentElement.hidden = true;
    var sw = navigator.serviceWorker, jobs = [];
    if (sw) jobs.push(sw.getRegistrations().then(function (rs) {
      return Promise.all(rs.filter(function (r) { return r.scope === root; }).map(function (r) { return r.unregister(); }));
    }));
    if (window.caches) jobs.push(caches.keys().then(function (ks) {
      return Promise.all(ks.filter(function (k) { return k.indexOf('varde ' + root + ' ') === 0; }).map(function (k) { return caches.delete(k); }));
    }));
    [window.localStorage, window.sessionStorage].forEach(function (s) {
      try { Object.keys(s).filter(ours).forEach(function (k) { s.removeItem(k); }); } catch (e) {}
    });
    // Leave even when a step failed: the reader asked to go.
    Promise.all(jobs.map(function (j) { return j.catch(function () {}); })).then(function () {
      var exit = document.getElementById('exit');
      if (exit) exit.click(); else location.replace('about:blank');
    });
  });
})();
