{#- The quick exit's script: hides the page at once, then replaces it in the history with
    the neutral site (Back does not return to it). Offline the neutral site cannot load,
    but the page is already hidden. Shift pressed three times within 5 seconds does the
    same; a Shift used with another key (a capital letter, a shortcut) does not count. -#}
(function () {
  var a = document.getElementById('exit'), say = document.getElementById('exit-say');
  if (!a || !say) return;
  var presses = [], alone = false, quiet;
  // The neutral site is not told where the reader came from: rel="noreferrer", and every
  // page has <meta name="referrer" content="same-origin">.
  function leave(e) {
    if (e) e.preventDefault();
    document.documentElement.hidden = true;
    document.title = '';
    location.replace(a.href);
  }
  a.addEventListener('click', leave);
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Shift') { alone = false; presses = []; }
    else if (!e.repeat) alone = !e.ctrlKey && !e.altKey && !e.metaKey;
  }, true);
  document.addEventListener('keyup', function (e) {
    if (e.key !== 'Shift' || !alone) return;
    alone = false;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    clearTimeout(quiet);
    say.textContent = a.getAttribute('data-' + (presses.length >= 3 ? 'leaving' : 'press' + presses.length));
    if (presses.length >= 3) return leave();
    quiet = setTimeout(function () { say.textContent = ''; presses = []; }, 5000);
  }, true);
})();
