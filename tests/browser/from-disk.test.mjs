// The built folder opened from disk (file://, JavaScript on), as a reader with a USB stick or
// a shelter tablet's file manager opens it: every link of every page type (chooser, home,
// section, page, clinic, safety page, leaflets, offline pages, 404, translators' page)
// opens a page, never a folder listing. The reader trial found 13 of 30 links on the nb home
// page opening a listing, every link after the script that mends them among them.
// On the fixture site (nb, en, an Arabic draft).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import { pathToFileURL, fileURLToPath } from 'node:url';
import path from 'node:path';
import { buildFixture, launch } from './lib.mjs';

let browser, dist;
before(async () => {
  dist = await buildFixture();
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** Every HTML file of the built folder, relative to it. */
async function htmlFiles(dir, base = dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...await htmlFiles(p, base));
    else if (e.name.endsWith('.html')) out.push(path.relative(base, p));
  }
  return out.sort();
}

test('every link of every page type opened from disk opens a page, never a folder listing', async () => {
  const files = (await htmlFiles(dist)).filter((f) => !f.endsWith('all-in-one.html'));
  const types = ['index.html', 'nb/index.html', 'nb/rights/index.html', 'nb/rights/adults/index.html',
    'nb/clinics/oslo/index.html', 'nb/about/safety/index.html', 'nb/leaflet/index.html',
    'nb/leaflet/a5/index.html', 'nb/offline.html', 'offline.html', '404.html', 'translators/index.html'];
  for (const t of types) assert.ok(files.includes(t), `the fixture has a ${t}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const checked = new Map();
  let links = 0;
  for (const file of files) {
    await page.goto(pathToFileURL(path.join(dist, file)).href);
    // Some links are set by scripts (the 404 page's, after its own look for the root).
    await page.waitForLoadState('load');
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as
      // The one-file copy is a download, not a page to open.
      .filter((a) => !a.hasAttribute('download'))
      .map((a) => a.href.split('#')[0])
      .filter((h) => h.startsWith('file:')));
    assert.ok(hrefs.length > 0, `${file} has links to follow`);
    for (const href of new Set(hrefs)) {
      links++;
      if (!checked.has(href)) {
        // A folder (or a missing file) is what makes a listing or an error page.
        const isFile = await stat(fileURLToPath(href)).then((s) => s.isFile(), () => false);
        let title = '';
        if (isFile) {
          const target = await context.newPage();
          await target.goto(href);
          title = await target.title();
          assert.ok(await target.locator('html[lang] h1, html[lang] .sheet').count(), `${href}: a page of the site`);
          await target.close();
        }
        checked.set(href, { isFile, title });
      }
      const { isFile, title } = checked.get(href);
      assert.ok(isFile, `${file}: the link to ${href} opens a folder listing`);
      assert.ok(!/^Index of/.test(title), `${file}: ${href} shows "${title}"`);
    }
  }
  assert.deepEqual(errors, [], 'no script errors from disk');
  assert.ok(links > 300, `${links} links followed`);
  await context.close();
});
