// Leave quickly, leave no trace (issue 14), in headless Chromium, in nb, ar and ti, on a home
// page and a clinic page, with the site under a subpath: the quick exit is the Tab stop right
// after the skip link with and without JavaScript, visible at 360 px and above the update
// prompt; Shift pressed three times hides the page and replaces it with the exit address
// (Back does not return), a Shift used with another key does nothing; offline the page is
// hidden although the neutral site cannot load; the safety page's button removes this
// site's caches, service worker and stored items, and nothing of another site on the origin,
// also when pressed while the service worker's first install is still under way; going Back
// after it saves nothing again during that visit (the button still offers it).
// On the fixture site, with Tigrinya (Ethiopic script, its pages falling back to English)
// added to the copy built here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, copySite, addLanguages, fixture, siteSetting, serve, launch, uiString as string } from './lib.mjs';

const LANGS = ['nb', 'ar', 'ti'];
const PAGES = LANGS.flatMap((l) => [`${l}/`, `${l}/clinics/oslo/`]);

let dist, both, server, browser, site, other, exitUrl;
before(async () => {
  const copy = await copySite(fixture);
  await addLanguages(copy, [['ti', 'ትግርኛ', 'ltr']]);
  dist = await build(copy);
  // Two varde sites on one origin, as two projects on one github.io address.
  both = await mkdtemp(path.join(tmpdir(), 'varde-two-sites-'));
  await symlink(dist, path.join(both, 'health'));
  await symlink(dist, path.join(both, 'other'));
  server = await serve(both);
  site = server.url + 'health/';
  other = server.url + 'other/';
  exitUrl = await siteSetting(copy, 'quick_exit_url');
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** A browser context whose requests to the exit address get a small neutral page (there is
 *  no network), or fail as offline when `offline`, or wait for `hold` when given; its
 *  `exitAsked` counts them. */
async function context({ js = true, offline = false, hold } = {}) {
  const c = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 360, height: 740 } });
  c.exitAsked = 0;
  await c.route(`${exitUrl}**`, async (route) => {
    c.exitAsked++;
    if (hold) await hold;
    if (offline) return route.abort('internetdisconnected');
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Weather for today</p>' });
  });
  return c;
}

const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { cls: a.className, id: a.id, href: a.getAttribute('href'), text: a.textContent };
});

test('the quick exit is the second Tab stop, with and without JavaScript, and never covered', async () => {
  for (const js of [true, false]) {
    const c = await context({ js });
    const page = await c.newPage();
    for (const rel of PAGES) {
      const lang = rel.split('/')[0];
      await page.goto(site + rel);
      await page.keyboard.press('Tab');
      assert.equal((await active(page)).cls, 'skip', `${rel} (JS ${js}): the skip link comes first`);
      await page.keyboard.press('Tab');
      assert.deepEqual(await active(page), { cls: 'exit', id: 'exit', href: exitUrl, text: await string(lang, 'exit_link') }, `${rel} (JS ${js})`);
      // Visible at 360 px, in its own bar: on top at its centre, overlapping no heading or
      // brand, and still on top when the update prompt shows.
      const box = await page.evaluate(() => {
        document.getElementById('vu').hidden = false;
        const r = document.getElementById('exit').getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        const overlaps = [...document.querySelectorAll('.brand, h1, p, header nav a')].filter((e) => {
          const o = e.getBoundingClientRect();
          return o.width && !(o.right <= r.left || o.left >= r.right || o.bottom <= r.top || o.top >= r.bottom) && !e.closest('.exit-bar, .visually-hidden');
        }).map((e) => e.textContent.slice(0, 40));
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, onTop: hit?.id === 'exit', overlaps };
      });
      assert.ok(box.top >= 0 && box.bottom <= 740 && box.left >= 0 && box.right <= 360, `${rel}: inside the 360 px screen: ${JSON.stringify(box)}`);
      assert.equal(box.onTop, true, `${rel}: nothing covers the quick exit`);
      assert.deepEqual(box.overlaps, [], `${rel}: the quick exit covers no text`);
      // Every footer links to the safety page.
      assert.equal(await page.locator('footer a[href$="about/safety/"]').count(), 1, `${rel}: footer link`);
    }
    await c.close();
  }
});

test('Shift pressed three times hides the page at once, leaves for the exit address, and Back does not return', async () => {
  for (const rel of PAGES) {
    const lang = rel.split('/')[0];
    let release;
    const c = await context({ hold: new Promise((ok) => { release = ok; }) });
    const page = await c.newPage();
    await page.goto(site + rel);
    const say = () => page.locator('#exit-say').textContent();
    await page.keyboard.press('Shift');
    assert.equal(await say(), await string(lang, 'exit_press_1'), `${rel}: first press announced`);
    await page.keyboard.press('Shift');
    assert.equal(await say(), await string(lang, 'exit_press_2'), `${rel}: second press announced`);
    // What the page shows right after the third press, while the neutral site has not
    // answered yet (a page busy leaving cannot be asked, so it reports by itself).
    let seen;
    const reported = new Promise((ok) => { seen = ok; });
    await page.exposeFunction('seen', (v) => seen(v));
    await page.evaluate(() => addEventListener('keyup', () => window.seen([getComputedStyle(document.documentElement).display, document.title])));
    const left = page.waitForURL(exitUrl);
    await page.keyboard.press('Shift');
    assert.deepEqual(await reported, ['none', ''], `${rel}: hidden at once`);
    release();
    await left;
    assert.equal(await page.locator('p').textContent(), 'Weather for today');
    await page.goBack().catch(() => {});
    assert.ok(!page.url().startsWith(site), `${rel}: Back returned to ${page.url()}`);
    await c.close();
  }
});

test('a Shift used with another key does nothing', async () => {
  const c = await context();
  const page = await c.newPage();
  for (const rel of PAGES) {
    await page.goto(site + rel);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+KeyA');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift');
    // Two lone presses, a capital letter, one more lone press: the letter starts over.
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift+KeyB');
    await page.keyboard.press('Shift');
    // The last lone press counts as the first again: the page has handled it, and stays.
    await page.waitForFunction((want) => document.getElementById('exit-say').textContent === want, await string(rel.split('/')[0], 'exit_press_1'));
    assert.equal(page.url(), site + rel, `${rel}: still on the page`);
    assert.equal(await page.locator('h1').isVisible(), true);
  }
  assert.equal(c.exitAsked, 0, 'the exit address was never asked for');
  await c.close();
});

test('offline the page is hidden although the exit address cannot load', async () => {
  for (const rel of PAGES) {
    const c = await context({ offline: true });
    const page = await c.newPage();
    await page.goto(site + rel);
    const heading = await page.locator('h1').textContent();
    const failed = page.waitForEvent('requestfailed', (r) => r.url().startsWith(exitUrl));
    await page.locator('#exit').click();
    await failed;
    // What shows once the failed navigation has ended (Chromium's error page).
    await page.waitForURL((u) => !u.href.startsWith(site));
    const shown = await page.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    assert.ok(!shown.includes(heading), `${rel}: the page still shows "${heading}"`);
    await c.close();
  }
});

/** Waits until the page says its language is kept offline. */
const keptOffline = (page) => page.waitForFunction(() => document.getElementById('vo')?.classList.contains('on'), null, { timeout: 60_000 });

/** varde's caches, the service worker scopes and the stored items of the whole origin. */
const traces = (page) => page.evaluate(async () => ({
  caches: (await caches.keys()).filter((k) => k.startsWith('varde ')),
  entries: Object.fromEntries(await Promise.all((await caches.keys()).map(async (k) => [k, (await (await caches.open(k)).keys()).length]))),
  workers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
  local: Object.keys(localStorage),
}));

test('the safety page forgets this site, kept offline, and only this site', async () => {
  for (const lang of LANGS) {
    const c = await context();
    const page = await c.newPage();
    // The other site on the origin: kept offline, a language chosen.
    await page.goto(other + `${lang}/`);
    await keptOffline(page);
    await page.locator(`footer a[hreflang=${lang}]`).click();
    // This site: kept offline, a language chosen, then the about page's link to the safety page.
    await page.goto(site + `${lang}/clinics/oslo/`);
    await keptOffline(page);
    await page.locator(`footer a[hreflang=${lang}]`).click();
    await page.waitForLoadState();
    await page.goto(site + `${lang}/about/`);
    // (The fixture's about page links it in its text and in its list of subpages.)
    await page.locator('main a[href$="safety/"]').first().click();
    await page.waitForURL(site + `${lang}/about/safety/`);
    const before = await traces(page);
    assert.ok(before.caches.some((k) => k.startsWith(`varde ${site} `)), `${lang}: this site was kept: ${before.caches}`);
    assert.ok(before.workers.includes(site) && before.workers.includes(other), `${lang}: ${before.workers}`);
    assert.ok(before.local.includes(`varde-lang ${site}`) && before.local.includes(`varde-lang ${other}`), `${lang}: ${before.local}`);
    const button = page.locator('[data-forget]');
    assert.equal(await button.textContent(), await string(lang, 'forget_button'));
    assert.equal(await page.locator('#forget-nojs').isVisible(), false, 'no "needs JavaScript" text when it runs');
    await button.click();
    await page.waitForURL(exitUrl);
    // Look from the other site, which does not register this one again.
    const look = await c.newPage();
    await look.goto(other + `${lang}/`);
    const after = await traces(look);
    assert.deepEqual(after.caches.filter((k) => k.startsWith(`varde ${site} `)), [], `${lang}: this site's caches`);
    const kept = Object.entries(before.entries).filter(([k]) => k.startsWith(`varde ${other} `));
    assert.ok(kept.length && kept.every(([k, n]) => n > 0 && after.entries[k] === n), `${lang}: the other site's cache survives whole: ${JSON.stringify(after.entries)}`);
    assert.deepEqual(after.workers, [other], `${lang}: service workers`);
    assert.deepEqual(after.local, [`varde-lang ${other}`], `${lang}: stored items`);
    // Back goes to the page before the safety page (the safety page says so), not to it.
    await page.goBack();
    assert.equal(page.url(), site + `${lang}/about/`);
    // And forgetting sticks for the visit: that page saves nothing on its own, but offers the
    // button. Five seconds after it does, still no cache, no worker of this site.
    await page.locator('#vk').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#vs').textContent(), await string(lang, 'offline_not'));
    await new Promise((ok) => setTimeout(ok, 5000));
    const back = await traces(page);
    assert.deepEqual(back.caches.filter((k) => k.startsWith(`varde ${site} `)), [], `${lang}: after Back, caches`);
    assert.ok(!back.workers.includes(site), `${lang}: after Back, workers: ${back.workers}`);
    // The button still saves the language when the reader asks.
    await page.locator('#vk').click();
    await keptOffline(page);
    await c.close();
  }
});

/** Waits until `cond()` is true, checking every 25 ms. */
const until = async (cond, what) => {
  for (const end = Date.now() + 20_000; !(await cond());) {
    if (Date.now() > end) throw new Error(`still waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
};

test('forget pressed while the first install is under way leaves no cache and no service worker', async (t) => {
  // The reader opens the safety page for the first time and presses at once. Two moments: the
  // worker's script still on the way (the worker has not opened its cache yet), and a file of
  // the packs still on the way (it has). The chosen file is held until 1.5 s after the press.
  for (const held of ['sw.js', 'offline.html']) {
    let release;
    const hold = new Promise((ok) => { release = ok; });
    const slow = await serve(both, { delay: (rel) => (rel === `health/${held}` ? hold : undefined) });
    t.after(() => { release(); return slow.close(); });
    const here = slow.url + 'health/', asked = `/health/${held}`;
    const c = await context();
    const page = await c.newPage();
    await page.goto(here + 'nb/about/safety/');
    await until(() => slow.requests.includes(asked), `${held} to be asked for`);
    // The install is under way: the registration exists, no worker is installed yet, and the
    // worker's own state is "installing" once its script has come.
    const now = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return r && { scope: r.scope, installing: r.installing?.state ?? null, done: !!(r.waiting || r.active) };
    });
    assert.deepEqual(now, { scope: here, installing: held === 'sw.js' ? null : 'installing', done: false }, held);
    assert.ok(!slow.answered.includes(asked), `${held}: not answered before the press`);
    await page.locator('[data-forget]').click();
    setTimeout(release, 1500);
    await page.waitForURL(exitUrl);
    // What would happen has happened: the held file was sent, and the install has ended (the
    // browser unregisters a scope only after the install running in it, so the registration
    // is gone only then). Looked at from a page of the origin that registers nothing.
    await until(() => slow.answered.includes(asked), `${held} to be sent`);
    const look = await c.newPage();
    await look.goto(slow.url + 'nothing-here');
    await until(() => look.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length === 0), `${held}: the registration to go`);
    assert.deepEqual(await look.evaluate(() => caches.keys()), [], `${held}: no cache left on the phone`);
    await c.close();
  }
});

test('nothing is stored before the reader chooses a language', async () => {
  const c = await context();
  const page = await c.newPage();
  await page.goto(site);
  await page.goto(site + 'ar/clinics/oslo/');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.deepEqual(await page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage)]), [[], []]);
  await page.locator('footer a[hreflang=ti]').click();
  await page.waitForURL(site + 'ti/clinics/oslo/');
  assert.deepEqual(await page.evaluate(() => ({ ...localStorage })), { [`varde-lang ${site}`]: 'ti' });
  await c.close();
});

test('without JavaScript the safety page says how to clear the site by hand and shows no dead button', async () => {
  const c = await context({ js: false });
  const page = await c.newPage();
  for (const lang of LANGS) {
    await page.goto(site + `${lang}/about/safety/`);
    assert.equal(await page.locator('[data-forget]').isVisible(), false);
    assert.equal(await page.locator('#forget-nojs').textContent(), await string(lang, 'forget_nojs'));
    assert.equal(await page.locator('#forget-nojs').isVisible(), true);
  }
  await c.close();
});
