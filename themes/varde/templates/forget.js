{#- "Forget this site on this phone": removes what this site (the one at data-root, not
    another site on the same origin) keeps in this browser, then leaves like the quick exit.
    Its caches are named "varde <scope> <version>" (src/offline/sw.js) and "varde <scope> media"
    (the films and recordings the reader kept, media.js), its service worker is
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
    [window.localStorage, window.sessionStorage].forEach(function (s) {
      try { Object.keys(s).filter(ours).forEach(function (k) { s.removeItem(k); }); } catch (e) {}
    });
    // For the rest of this visit (this tab), a page of the site opened again (Back) saves
    // nothing on its own (src/offline/register.js); the mark goes when the tab is closed.
    try { sessionStorage.setItem('varde-forgot ' + root, '1'); } catch (e) {}
    // Unregister first and delete the caches only after: on a first visit the worker may still
    // be installing (its script still on the way, or the packs) and would write its cache after
    // an earlier delete. Browsers run a scope's register and unregister jobs in turn, so
    // unregister() ends once that install has; a worker seen installing is also waited for
    // until it is installed or redundant, in case a browser answers sooner. At most 4 s, so a
    // reader on a slow line still leaves.
    var sw = navigator.serviceWorker, settled = function (w) {
      return new Promise(function (ok) {
        var done = function () { if (w.state !== 'installing') ok(); };
        w.addEventListener('statechange', done);
        done();
      });
    };
    var gone = sw ? sw.getRegistrations().then(function (rs) {
      return Promise.all(rs.filter(function (r) { return r.scope === root; }).map(function (r) {
        var w = r.installing;
        return r.unregister().then(function () { return w && settled(w); });
      }));
    }) : Promise.resolve();
    var late = new Promise(function (ok) { setTimeout(ok, 4000); });
    var clear = function () {
      return window.caches && caches.keys().then(function (ks) {
        return Promise.all(ks.filter(function (k) { return k.indexOf('varde ' + root + ' ') === 0; }).map(function (k) { return caches.delete(k); }));
      });
    };
    // Leave even when a step failed: the reader asked to go.
    var nothing = function () {};
    Promise.race([gone.catch(nothing), late]).then(clear).catch(nothing).then(function () {
      var exit = document.getElementById('exit');
      if (exit) exit.click(); else location.replace('about:blank');
    });
  });
})();
