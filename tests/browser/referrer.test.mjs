// Outbound links tell no one where the reader came from, also on hosts that ignore
// `_headers` (GitHub, GitLab, Codeberg Pages): every page type, the one-file copy included,
// sets `<meta name="referrer" content="same-origin">` itself, and a link followed to another
// site is asked for without a Referer. (Same-origin, not no-referrer: the site's own requests
// keep it, so the service worker shows the offline page in the language the reader was
// reading; offline.test.mjs checks that.) Served here by a plain server that sends no
// Referrer-Policy header, as those hosts do. On the fixture site (its Bergen clinic page
// links the clinic's website).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { buildFixture, serve, launch } from './lib.mjs';

let browser, dist, server;
before(async () => {
  dist = await buildFixture();
  server = await serve(dist);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('every page type, the one-file copy too, sets the same-origin referrer policy in its own head', async () => {
  const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html')).sort();
  for (const f of ['index.html', 'nb/index.html', 'nb/leaflet/index.html', 'nb/offline.html', '404.html',
    'translators/index.html', 'nb/all-in-one.html']) assert.ok(files.includes(f), f);
  const page = await browser.newPage({ javaScriptEnabled: false });
  for (const f of files) {
    await page.goto(pathToFileURL(path.join(dist, f)).href);
    const metas = await page.locator('head meta[name="referrer"]').evaluateAll((ms) => ms.map((m) => m.content));
    assert.deepEqual(metas, ['same-origin'], f);
  }
  await page.close();
});

test('a link to another site followed from a page is asked for without a Referer', async () => {
  const context = await browser.newContext();
  const asked = [];
  await context.route('https://example.org/**', async (route) => {
    asked.push(await route.request().allHeaders());
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Clinic</title><p>Clinic</p>' });
  });
  const page = await context.newPage();
  for (const lang of ['nb', 'en', 'ar']) {
    await page.goto(`${server.url}${lang}/clinics/bergen/`);
    const link = page.locator('main a[href^="https://example.org/"]').first();
    await Promise.all([page.waitForURL('https://example.org/**'), link.click()]);
    assert.equal(await page.evaluate(() => document.referrer), '', `${lang}: document.referrer`);
  }
  assert.equal(asked.length, 3);
  for (const headers of asked) assert.equal(headers.referer, undefined, JSON.stringify(headers));
  await context.close();
});
