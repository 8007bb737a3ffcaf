// A site opens in a real browser with the right language and direction (the fixture site:
// a test of the templates, not of the shipped content).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { buildFixture, serve, launch, fixture, siteLanguages } from './lib.mjs';

let browser, server;
before(async () => {
  server = await serve(await buildFixture(), { prefix: '/some/sub/path/' });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('the language chooser links to every language, under a subpath', async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  const links = await page.locator('#choose a').evaluateAll((as) => as.map((a) => [a.hreflang, a.href]));
  assert.ok(links.length >= 2);
  // (In the browser's order: its own language, English, first.)
  assert.deepEqual(links.map(([lang]) => lang).sort(), (await siteLanguages(fixture)).sort(), 'every declared language');
  for (const [lang, href] of links) assert.equal(href, `${server.url}${lang}/`);
  await page.locator('#choose a[lang=en]').click();
  await page.waitForURL(`${server.url}en/`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'ltr');
  assert.match(await page.locator('h1').innerText(), /\S/);
});
