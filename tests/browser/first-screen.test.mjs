// The first screen (issue 20), on the fixture site, in headless Chromium at 360 x 640: every
// home page and the root show the call links to 113, 116 117 and each centre (made-up numbers,
// read from the fixture's clinic files) inside the screen without scrolling, covered by
// nothing, with and without JavaScript; the check fails when a link is pushed off the screen
// or covered. The root's quick exit speaks the reader's language; the leaflet page can be
// left and printed on screen, and paper shows neither button. The shipped site's eleven
// languages: shipped-first-screen.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildFixture, fixture, serve, launch, siteLanguages, uiString } from './lib.mjs';
import { callLinks, firstScreenProblems, SCREEN } from './first-screen.mjs';

let browser, server, langs, hrefs;
before(async () => {
  server = await serve(await buildFixture(), { prefix: '/health/' });
  browser = await launch();
  langs = await siteLanguages(fixture);
  hrefs = await callLinks(fixture);
});
after(async () => { await browser?.close(); await server?.close(); });

test('every home page and the root: 113, 116 117 and each centre can be called from the first screen', async () => {
  assert.equal(hrefs.length, 4, `two emergency numbers and the two fixture clinics: ${hrefs}`);
  const problems = [];
  for (const js of [true, false]) {
    for (const rel of ['', ...langs.map((l) => `${l}/`)]) {
      problems.push(...await firstScreenProblems(browser, server.url + rel, hrefs, { js, shot: js && `fixture-${rel.replace('/', '') || 'root'}` }));
    }
  }
  assert.deepEqual(problems, []);
});

test('the check fails when a call link is pushed below the screen or covered', async () => {
  const pushed = await firstScreenProblems(browser, `${server.url}en/`, hrefs, {
    change: () => document.querySelector('main').prepend(Object.assign(document.createElement('div'), { style: 'height:400px' })),
  });
  assert.ok(pushed.some((p) => /tel:\+47\d+: .* is not inside the 360 x 640 screen/.test(p)), pushed.join('\n'));
  const covered = await firstScreenProblems(browser, `${server.url}en/`, hrefs, {
    change: () => document.body.append(Object.assign(document.createElement('div'), { style: 'position:fixed;inset:300px 0 0;background:#fff' })),
  });
  assert.ok(covered.some((p) => /covered at its centre/.test(p)), covered.join('\n'));
});

test("the root's quick exit is labelled in the reader's language: the one chosen before, else the browser's", async () => {
  const label = async (options, before) => {
    const context = await browser.newContext({ viewport: SCREEN, ...options });
    const page = await context.newPage();
    if (before) { await page.goto(server.url); await page.evaluate(before); }
    await page.goto(server.url);
    const exit = await page.evaluate(() => { const a = document.getElementById('exit'); return { text: a.textContent, lang: a.lang, dir: a.dir || getComputedStyle(a).direction }; });
    await context.close();
    return exit;
  };
  assert.deepEqual(await label({ locale: 'ar-EG' }), { text: await uiString('ar', 'exit_link'), lang: 'ar', dir: 'rtl' });
  assert.deepEqual(await label({ locale: 'en-GB' }), { text: await uiString('en', 'exit_link'), lang: 'en', dir: 'ltr' });
  // A language chosen on this phone before wins over the browser's.
  const chosen = await label({ locale: 'en-GB' }, () => document.querySelector('#choose a[hreflang=ar]').click());
  assert.equal(chosen.text, await uiString('ar', 'exit_link'));
  // Without JavaScript: the default language's label, beside the sign that needs no words.
  const plain = await label({ javaScriptEnabled: false, locale: 'ar-EG' });
  assert.equal(plain.text, await uiString('nb', 'exit_link'));
});

test('the leaflet page on screen has the quick exit and a print button; the printed sheet has neither', async () => {
  const context = await browser.newContext({ viewport: SCREEN });
  await context.addInitScript(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  const page = await context.newPage();
  await page.goto(`${server.url}ar/leaflet/`);
  const exit = page.locator('a#exit');
  assert.equal((await exit.textContent()).trim(), await uiString('ar', 'exit_link'));
  assert.ok(await exit.isVisible(), 'the quick exit shows on screen');
  const print = page.locator('button#print');
  assert.equal((await print.textContent()).trim(), await uiString('ar', 'leaflet_print'));
  await print.click();
  assert.equal(await page.evaluate(() => window.printed), 1, 'the button opens the print dialog');
  await page.emulateMedia({ media: 'print' });
  assert.ok(!(await exit.isVisible()) && !(await print.isVisible()), 'paper shows neither the quick exit nor the print button');
  // Without JavaScript the button could do nothing, so it is not there.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await nojs.newPage();
  await plain.goto(`${server.url}ar/leaflet/`);
  assert.ok(await plain.locator('a#exit').isVisible() && !(await plain.locator('button#print').isVisible()));
  await nojs.close();
  await context.close();
});
