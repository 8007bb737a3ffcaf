// Hides the openings that are over. A page kept offline for days (a shelter's tablet, a
// phone without data) must not offer a date that has passed as the next one; each opening
// carries the moment it ends (data-end, Unix seconds). In a box marked data-first only the
// first opening not yet over is shown (the home page's "next opening" of each clinic).
// Without JavaScript the list stays as built, and each box shows its first opening.
(function () {
  var now = Date.now() / 1000, over = function (e) { return +e.getAttribute('data-end') < now; };
  document.querySelectorAll('[data-end]').forEach(function (e) {
    if (over(e)) e.hidden = true;
  });
  document.querySelectorAll('[data-first]').forEach(function (box) {
    var shown = false;
    box.querySelectorAll('[data-end]').forEach(function (e) {
      e.hidden = shown || over(e);
      if (!e.hidden) shown = true;
    });
  });
})();
