// A reader whose phone asks to save data (Chrome's navigator.connection.saveData, from the
// phone's data saver) is asked before the whole language is saved: opening a page registers
// no service worker and fetches nothing more, the page offers the button, and the button
// saves the language. A language saved before stays looked after. Without Save-Data, the
// page saves its language on its own as before. Save-Data is set as DevTools sets it, with
// the CDP command Emulation.setDataSaverOverride (what the renderer reads for
// navigator.connection.saveData). On the fixture site, served on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildFixture, serve, launch, uiString as string } from './lib.mjs';

let browser, dist, server;
before(async () => {
  dist = await buildFixture();
  server = await serve(dist);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** A page in a new context, its phone's data saver on or off. */
async function phone(saveData) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDataSaverOverride', { dataSaverEnabled: saveData });
  return { context, page };
}

/** This site's caches (with their number of entries) and service worker scopes. */
const traces = (page) => page.evaluate(async () => ({
  caches: await Promise.all((await caches.keys()).map(async (k) => [k, (await (await caches.open(k)).keys()).length])),
  workers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
}));

const kept = (page) => page.waitForFunction(() => document.getElementById('vo')?.classList.contains('on'), null, { timeout: 60_000 });

test('with Save-Data a page saves nothing on its own, and offers the button', async () => {
  for (const [rel, lang, button] of [['nb/', 'nb', 'keep_language'], ['ar/clinics/oslo/', 'ar', 'keep_language'], ['', 'nb', 'keep_all']]) {
    const { context, page } = await phone(true);
    const from = server.requests.length;
    await page.goto(server.url + rel);
    assert.equal(await page.evaluate(() => navigator.connection.saveData), true);
    // The page has decided once it offers the button; a registration would have come first.
    await page.locator('#vk').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#vk').textContent(), await string(lang, button), rel);
    assert.equal(await page.locator('#vs').textContent(), await string(lang, 'offline_not'), rel);
    assert.deepEqual(await traces(page), { caches: [], workers: [] }, `${rel}: nothing saved`);
    const asked = server.requests.slice(from);
    assert.ok(!asked.some((u) => u.endsWith('/sw.js') || u.endsWith('offline.html') || u.endsWith('all-in-one.html')), `${rel}: asked for ${asked}`);
    await context.close();
  }
});

test('with Save-Data the button saves the language, and a saved language stays looked after', async () => {
  const { context, page } = await phone(true);
  await page.goto(server.url + 'en/rights/');
  const button = page.locator('#vk');
  await button.waitFor({ state: 'visible' });
  const from = server.requests.length;
  await button.click();
  await kept(page);
  assert.ok(server.requests.slice(from).includes('/sw.js'), 'the button registers the worker');
  const after = await traces(page);
  assert.deepEqual(after.workers, [server.url]);
  assert.ok(after.caches.length === 1 && after.caches[0][1] > 5, JSON.stringify(after.caches));
  // Next visit, still with Save-Data: the page says it is saved, and offers nothing more.
  await page.goto(server.url + 'en/');
  await kept(page);
  assert.equal(await page.locator('#vs').textContent(), await string('en', 'offline_ready'));
  assert.equal(await button.isVisible(), false);
  await context.close();
});

test('without Save-Data the page saves its language on its own', async () => {
  const { context, page } = await phone(false);
  await page.goto(server.url + 'nb/');
  await kept(page);
  assert.equal((await traces(page)).workers.length, 1);
  await context.close();
});
