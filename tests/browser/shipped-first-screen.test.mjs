// A test of the SHIPPED site (content/, site.toml as they are; see tests/README.md): the
// first screen (issue 20) of the eleven home pages our readers have, with their real texts
// and draft notices, and of the root, at 360 x 640 in headless Chromium. The call links to
// 113, 116 117 and both real centres (numbers read from content/clinics/*.toml) lie fully
// inside the screen without scrolling and nothing covers them, the sticky quick exit
// included, with and without JavaScript. The check itself and its failing cases are tested
// on the fixture site (first-screen.test.mjs). Screenshots go to $VARDE_SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { build, serve, launch, repo, siteLanguages } from './lib.mjs';
import { callLinks, firstScreenProblems } from './first-screen.mjs';

let browser, server, langs, hrefs;
before(async () => {
  server = await serve(await build());
  browser = await launch();
  langs = await siteLanguages(repo);
  hrefs = await callLinks(repo);
});
after(async () => { await browser?.close(); await server?.close(); });

test('the root and all eleven home pages: 113, 116 117 and both centres can be called from the first screen', async () => {
  assert.equal(langs.length, 11);
  assert.deepEqual(hrefs, ['tel:113', 'tel:116117', 'tel:+4740049094', 'tel:+4748890560']);
  const problems = [];
  for (const js of [true, false]) {
    for (const rel of ['', ...langs.map((l) => `${l}/`)]) {
      problems.push(...await firstScreenProblems(browser, server.url + rel, hrefs, { js, shot: js && `shipped-${rel.replace('/', '') || 'root'}` }));
    }
  }
  assert.deepEqual(problems, []);
});
