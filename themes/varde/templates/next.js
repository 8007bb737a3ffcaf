// The next openings as the device's clock sees them. A page is read long after it was
// built (a shelter's tablet offline for weeks, a saved language, a one-file copy passed
// on), so the list built then runs out. Each box marked data-next="<slug>" is filled
// again from the clinic's year of openings (the "open now" data, id nx-<slug>: UTC
// minutes with every text localized at build time, format in src/schedule/open_now.rs),
// data-n openings long, with the public-holiday note where it applies. Past the data's
// end the box says the dates are not known that far ahead; its weekly hours and phone
// number stay. The rule's next dates in the weekly tables (data-dates) are filled too.
// Without JavaScript the list stays as built, headed "as of <build date>".
(function () {
  var d = document, now = Date.now() / 6e4, cache = {};
  function data(slug) {
    if (!(slug in cache)) {
      var e = d.getElementById('nx-' + slug), D = null, t;
      try { D = JSON.parse(e.textContent); t = D.b; } catch (_) { }
      cache[slug] = D && D.i.map(function (r) {
        t += r[0];
        return {
          end: t + r[2], s: r[4], day: Math.floor((t - r[1] + 720) / 1440),
          date: D.s[r[5]], time: D.r.replace('{start}', D.s[r[6]]).replace('{end}', D.s[r[7]]),
          note: r.length > 9 ? D.s[r[9]] : '', label: D.l[r[4]]
        };
      }).filter(function (o) { return o.end > now && now < D.e; });
    }
    return cache[slug];
  }
  function add(parent, tag, text) {
    var e = tag ? d.createElement(tag) : d.createTextNode(text);
    if (tag && text) e.textContent = text;
    return parent.appendChild(e);
  }
  function date(parent, o) {
    add(parent, 'time', o.date).dateTime = new Date(o.day * 864e5).toISOString().slice(0, 10);
  }
  function note(parent, o) {
    if (o.note) { add(parent, 0, ' · '); add(parent, 'strong', o.note); }
  }
  // Anything else that ends (a closure on the clinic page or the home card) goes when over.
  d.querySelectorAll('[data-end]').forEach(function (e) { if (e.dataset.end / 60 < now) e.hidden = true; });
  d.querySelectorAll('[data-next]').forEach(function (box) {
    var x = data(box.dataset.next), list = box.querySelector('[data-list]');
    if (!x || !list) return;
    var dir = (box.closest('[dir]') || d.documentElement).dir || 'ltr';
    box.querySelectorAll('[data-as-of]').forEach(function (e) { e.hidden = true; });
    box.querySelectorAll('[data-past-end]').forEach(function (e) { e.hidden = x.length > 0; });
    list.hidden = !x.length;
    list.textContent = '';
    x.slice(0, +box.dataset.n || 5).forEach(function (o) {
      var li = add(list, 'li');
      date(li, o);
      add(li, 0, ', ');
      add(li, 'bdi', o.time).dir = dir;
      add(li, 0, ' · ' + o.label);
      note(li, o);
    });
  });
  d.querySelectorAll('[data-dates]').forEach(function (small) {
    var a = small.dataset.dates.split(' '), x = data(a[0]), first = small.firstChild;
    if (!x) return;
    x = x.filter(function (o) { return o.s == a[1] && (o.day + 3) % 7 + 1 == a[2]; }).slice(0, 4);
    small.hidden = !x.length;
    while (first.nextSibling) small.removeChild(first.nextSibling);
    x.forEach(function (o, i) {
      var span = add(small, 'span');
      date(span, o);
      note(span, o);
      if (i < x.length - 1) add(span, 0, '; ');
    });
  });
})();
