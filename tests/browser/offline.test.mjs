// Offline-first in a real browser: the service worker keeps a whole language readable with
// the server gone, updates without ever mixing versions, refuses a corrupted version, can
// be switched off, makes no request to another origin, and the site is installable. On the
// fixture site (nb, en, an Arabic draft): a test of the service worker, not of the content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build, buildFixture, serve, launch, fixture, siteLanguages, uiString } from './lib.mjs';
import { profile, pagesOf, h1Of, waitOfflineReady, cachesOf, sha, changedSite, nextInstall } from './offline-helpers.mjs';

let dist;
before(async () => { dist = await buildFixture(); });

/** Scenario 1 and 2: one language read online stays whole offline, at `prefix`. */
async function languageStaysOffline(prefix) {
  const server = await serve(dist, { prefix });
  const context = await profile();
  const requests = [];
  const fromWorker = [];
  context.on('request', (r) => { requests.push(r.url()); if (r.serviceWorker()) fromWorker.push(r.url()); });
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/rights/');
    await waitOfflineReady(page);
    const pages = await pagesOf(dist, 'en');
    assert.ok(pages.length >= 8, `the English pack has its pages: ${pages}`);
    await server.close();
    for (const url of pages) {
      const response = await page.goto(server.url + url);
      assert.equal(response.status(), 200, url);
      assert.equal(await page.locator('h1').first().innerText(), await h1Of(dist, url), `${url} renders offline`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    }
    // A page of a language not kept, reached from an English page: the English offline
    // page, listing the English pages that are kept.
    await page.goto(server.url + 'en/');
    await page.locator('#languages a[lang=nb]').click();
    await page.waitForURL(server.url + 'nb/');
    assert.equal(await page.locator('h1').innerText(), await h1Of(dist, 'en/offline.html'));
    assert.equal(await page.locator('h1').innerText(), 'You are offline');
    await page.waitForFunction(() => document.querySelectorAll('#cached a').length > 0);
    const listed = await page.locator('#cached a').evaluateAll((as) => as.map((a) => a.href));
    assert.deepEqual(listed.sort(), ['', ...pages].map((u) => server.url + u).sort(), 'the language chooser and every English page');
    // Typed in directly (no English page before it): the site's offline page.
    await page.goto(server.url + 'nb/rights/adults/');
    assert.equal(await page.locator('h1').innerText(), await h1Of(dist, 'offline.html'));
    assert.ok(fromWorker.includes(server.url + 'en/rights/adults/'), 'the service worker\'s own requests are seen too');
    return requests;
  } finally {
    await context.close();
    await server.close();
  }
}

test('a language opened once is readable page by page with the server stopped', async () => {
  const requests = await languageStaysOffline('/');
  const origin = new URL(requests[0]).origin;
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], 'every request goes to the site\'s own origin');
});

test('the same holds for a site served under /a/sub/path/', async () => {
  await languageStaysOffline('/a/sub/path/');
});

/** What varde left on the origin: registrations, its caches, and whether a worker controls the page. */
const leftBehind = (page) => page.evaluate(async () => ({
  registrations: (await navigator.serviceWorker.getRegistrations()).length,
  caches: (await caches.keys()).filter((k) => k.startsWith('varde ')),
  controlled: navigator.serviceWorker.controller !== null,
}));
const NOTHING = { registrations: 0, caches: [], controlled: false };

/** Resolves at the page's `n`th load event from now. */
const loads = (page, n) => new Promise((ok) => {
  const seen = () => { if (--n === 0) { page.off('load', seen); ok(); } };
  page.on('load', seen);
});

test('a new version shows a banner, and after reload only the new version is served', async () => {
  const site = await changedSite('Health care in Norway: new version');
  const v2 = await build(site);
  const server = await serve(dist);
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/');
    await waitOfflineReady(page);
    const oldTitle = await h1Of(dist, 'en/');
    server.setDir(v2);
    await page.goto(server.url + 'en/about/'); // a navigation checks for a new sw.js
    assert.equal(await nextInstall(page), 'installed');
    await page.locator('#vu').waitFor({ state: 'visible' });
    assert.match(await page.locator('#vu').innerText(), /new version/);
    // Until the reader chooses, every page still comes from the old version.
    await page.goto(server.url + 'en/');
    assert.equal(await page.locator('h1').innerText(), oldTitle);
    await page.locator('#vu').waitFor({ state: 'visible' });
    await Promise.all([page.waitForEvent('load'), page.locator('#vu button').click()]);
    await page.waitForFunction((t) => document.querySelector('h1')?.innerText === t, 'Health care in Norway: new version');
    await waitOfflineReady(page);
    // One cache is left, and every file in it is byte for byte the new version's file.
    const stored = await cachesOf(page);
    assert.equal(Object.keys(stored).length, 1, `one cache: ${Object.keys(stored)}`);
    const [entries] = Object.values(stored);
    let compared = 0;
    for (const [url, bytes] of entries) {
      let rel = decodeURIComponent(url.slice(server.url.length));
      if (rel.startsWith('.varde')) continue;
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const expected = await readFile(path.join(v2, rel));
      assert.equal(sha(Uint8Array.from(bytes.split(',').map(Number))), sha(expected), `${rel} is the new version's`);
      compared++;
    }
    assert.ok(compared >= 15, `compared ${compared} files`);
    await server.close();
    await page.goto(server.url + 'en/rights/');
    assert.equal(await page.locator('h1').innerText(), await h1Of(v2, 'en/rights/'));
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new version with one corrupted file is refused and the old one keeps working offline', async () => {
  const v2 = await build(await changedSite('Health care: corrupted version'));
  let corrupt = false;
  // The changed page: a file whose bytes did not change is copied from the reader's cache
  // (checked against its hash there), so only a changed one travels and can arrive corrupt.
  const rewrite = (rel, body) => (corrupt && rel === 'en/index.html' ? body.subarray(0, body.length - 100) : body);
  const server = await serve(dist, { rewrite });
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/');
    await waitOfflineReady(page);
    const before = Object.keys(await cachesOf(page));
    server.setDir(v2);
    corrupt = true;
    await page.goto(server.url + 'en/about/');
    assert.equal(await nextInstall(page), 'redundant', 'the install fails');
    assert.equal(await page.locator('#vu').isVisible(), false, 'no update banner');
    assert.deepEqual(Object.keys(await cachesOf(page)), before, 'the old cache is kept and no partial new one is left');
    await server.close();
    for (const url of await pagesOf(dist, 'en')) {
      await page.goto(server.url + url);
      assert.equal(await page.locator('h1').first().innerText(), await h1Of(dist, url), `${url} is the old version`);
    }
  } finally {
    await context.close();
    await server.close();
  }
});

test('the kill switch deletes the caches and the registration', async () => {
  const off = await buildFixture(['--unregister-sw']);
  const server = await serve(dist);
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/');
    await waitOfflineReady(page);
    server.setDir(off);
    // The navigation fetches the kill switch, which deletes the caches, unregisters and then
    // reloads the open pages: the reload is the second load.
    const reloaded = loads(page, 2);
    await page.goto(server.url + 'en/about/');
    await reloaded;
    assert.deepEqual(await leftBehind(page), NOTHING, 'no registration and no cache left');
    // The pages of the kill-switch build register nothing, and show no offline controls.
    await page.goto(server.url + 'en/');
    assert.deepEqual(await leftBehind(page), NOTHING, 'and a page of that build registers none');
    assert.equal(await page.locator('#vk').isVisible(), false);
    assert.ok(!(await page.content()).includes('serviceWorker'), 'no registration script');
    await server.close();
    const response = await page.goto(server.url + 'en/rights/').catch((e) => e);
    assert.ok(response instanceof Error, 'nothing is served from a cache any more');
  } finally {
    await context.close();
    await server.close();
  }
});

test('the language home is installable: Chromium reports no installability errors', async () => {
  const server = await serve(dist, { prefix: '/a/sub/path/' });
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'ar/');
    await waitOfflineReady(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, []);
    const m = JSON.parse(manifest.data);
    assert.equal(m.lang, 'ar');
    assert.equal(m.dir, 'rtl');
    assert.equal(new URL(m.scope, manifest.url).href, server.url + 'ar/');
  } finally {
    await context.close();
    await server.close();
  }
});

test('keep this language, and keep all languages from the chooser, in the reader\'s language', async () => {
  const server = await serve(dist);
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/');
    await waitOfflineReady(page);
    // Another language, not kept yet: kept with its own button, and said in that language.
    await page.goto(server.url + 'ar/');
    const status = page.locator('#vs');
    await status.waitFor({ state: 'visible' });
    assert.equal(await status.innerText(), await page.locator('#vo').getAttribute('data-not'));
    assert.equal(await page.locator('#vk').isVisible(), true);
    await page.locator('#vk').click();
    await waitOfflineReady(page);
    assert.equal(await status.innerText(), await uiString('ar', 'offline_ready'));
    await page.goto(server.url);
    await page.locator('#vk').click();
    await waitOfflineReady(page);
    await server.close();
    // Every language, among them those kept only by the chooser's button (nb).
    const langs = await siteLanguages(fixture);
    assert.ok(langs.includes('nb'));
    for (const lang of langs) {
      await page.goto(`${server.url}${lang}/`);
      assert.equal(await page.locator('h1').innerText(), await h1Of(dist, `${lang}/`), `${lang} kept`);
    }
  } finally {
    await context.close();
    await server.close();
  }
});

test('without JavaScript there are no offline buttons, and 404.html links to the site\'s root', async () => {
  const server = await serve(dist, { prefix: '/a/sub/path/' });
  const context = await profile();
  try {
    const page = await context.newPage();
    const response = await page.goto(server.url + 'en/no-such-page/');
    assert.equal(response.status(), 404);
    await page.waitForFunction(() => document.querySelector('a[data-to="en/"]').getAttribute('href') !== '/en/');
    assert.equal(await page.locator('a[data-to="en/"]').evaluate((a) => a.href), server.url + 'en/');
    await page.goto(server.url + 'nowhere/deeper/');
    await page.waitForFunction(() => document.querySelector('a[data-to=""]').getAttribute('href') !== '/');
    assert.equal(await page.locator('a[data-to=""]').evaluate((a) => a.href), server.url);
  } finally {
    await context.close();
  }
  const browser = await launch();
  try {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(server.url + 'en/');
    assert.equal(await page.locator('button:visible').count(), 0, 'no dead buttons');
    assert.equal(await page.locator('#vs').isVisible(), false);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('where service workers cannot run (plain http on a real host name, file://) the site works and says nothing', async () => {
  const server = await serve(dist);
  const port = new URL(server.origin).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP clinic.example 127.0.0.1'],
  });
  try {
    for (const url of [`http://clinic.example:${port}/en/rights/`, `file://${dist}/en/rights/index.html`]) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      // The status could only show once a service worker answers, and no worker answers
      // unless the page registers one: count the registrations the page asks for.
      await page.addInitScript(() => {
        window.__registered = 0;
        const c = globalThis.ServiceWorkerContainer?.prototype;
        if (c) c.register = new Proxy(c.register, { apply: (f, self, args) => { window.__registered++; return Reflect.apply(f, self, args); } });
      });
      await page.goto(url);
      assert.equal(await page.locator('h1').first().innerText(), await h1Of(dist, 'en/rights/'), url);
      // The registration script runs while the page is parsed, so by the load event it has
      // registered or given up.
      assert.equal(await page.evaluate(() => window.__registered), 0, `${url}: no registration asked for`);
      assert.equal(await page.locator('#vs').isVisible(), false, `${url}: no offline status`);
      assert.equal(await page.locator('#vk').isVisible(), false, `${url}: no button`);
      assert.deepEqual(errors, [], `${url}: no error`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
