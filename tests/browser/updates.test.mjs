// Updates as a reader who saved the site gets them, with one persistent Chromium profile
// across two deploys on the same origin: a worker that differs in code only never costs the
// reader's copy (cut page, lost network), kept languages survive, a next-day rebuild fetches
// only the files whose bytes changed, "save this language" during a waiting update does what
// it says, and a rollback on a host that answers 304 by timestamp still arrives. On the
// fixture site: a test of the service worker, not of the content.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, cp, readdir, utimes } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, buildFixture, copySite, fixture, run, serve } from './lib.mjs';
import { profile, pagesOf, h1Of, waitOfflineReady, cachesOf, changedSite, nextInstall } from './offline-helpers.mjs';

let dist;
before(async () => { dist = await buildFixture(); });

/** The version written in a built sw.js, and the version varde gives to `sw` (its bytes with the version left out). */
const versionIn = (sw) => /V="([^"]+)"/.exec(sw)[1];
const versionOf = (sw) => createHash('sha256').update(sw.replace(`V="${versionIn(sw)}"`, 'V=__VERSION__')).digest('base64url').slice(0, 12);

/**
 * A copy of `dir` whose sw.js has one more harmless statement: a worker that differs in code
 * only. Its version is computed again as varde computes it (a varde release that changes
 * only the worker), or with `sameVersion` kept (a host that rewrites sw.js).
 */
async function codeOnly(dir, sameVersion) {
  const out = await mkdtemp(path.join(tmpdir(), 'varde-code-only-'));
  await cp(dir, out, { recursive: true });
  const file = path.join(out, 'sw.js');
  const sw = await readFile(file, 'utf8');
  assert.equal(versionOf(sw), versionIn(sw), 'the test computes the version as varde does');
  const changed = sw + ';self.vardeTest=1';
  const v = sameVersion ? versionIn(sw) : versionOf(changed);
  await writeFile(file, changed.replace(`V="${versionIn(sw)}"`, `V="${v}"`));
  return out;
}

/** The fixture built one day after `dist` (2026-11-24): a daily rebuild. */
async function nextDay() {
  const out = await mkdtemp(path.join(tmpdir(), 'varde-dist-'));
  const r = run(['--root', await copySite(fixture), 'build', '--output', out], { env: { SOURCE_DATE_EPOCH: String(1795392000 + 86400) } });
  assert.equal(r.status, 0, r.stderr);
  return out;
}

/** The file of a built site a URL under `base` stands for: `en/` → `en/index.html`. */
const fileOf = (base, url) => {
  const rel = decodeURIComponent(url.slice(base.length));
  return rel === '' || rel.endsWith('/') ? rel + 'index.html' : rel;
};

/** One cache's entries as url → bytes (the kept record as its list of languages). */
const entriesOf = (entries) => new Map(entries.map(([u, b]) => [u, u.endsWith('.varde-kept') ? JSON.parse(Buffer.from(b.split(',').map(Number)).toString()).sort().join() : b]));

/** Opens `lang`'s home and keeps it with its button, unless it is kept already. */
async function keepLanguage(page, url) {
  await page.goto(url);
  await page.locator('#vs').waitFor({ state: 'visible' });
  if (await page.locator('#vk').isVisible()) await page.locator('#vk').click();
  await waitOfflineReady(page);
}

/** Every page of `langs` in `dir`, read through `page` with the server gone: whole and of `dir`. */
async function readableOffline(page, base, dir, langs) {
  for (const lang of langs) {
    for (const url of await pagesOf(dir, lang)) {
      const response = await page.goto(base + url);
      assert.equal(response.status(), 200, url);
      assert.equal((await response.body()).length, (await readFile(path.join(dir, fileOf('', url)))).length, `${url} whole`);
      assert.equal(await page.locator('h1').first().innerText(), await h1Of(dir, url), `${url} offline`);
    }
  }
}

for (const [what, sameVersion] of [['a varde release that changes only the worker', false], ['a host that rewrites sw.js', true]]) {
  test(`${what}: with a page cut short and the network lost mid-install, the reader's copy stays whole online and offline`, async () => {
    const v2 = await codeOnly(dist, sameVersion);
    let deployed = false;
    const cut = 'en/rights/adults/index.html', lost = 'en/about/index.html';
    const server = await serve(dist, {
      rewrite: (rel, body) => (deployed && rel === cut ? body.subarray(0, body.length >> 1) : body),
      drop: (rel) => deployed && rel === lost,
    });
    const context = await profile();
    try {
      const page = await context.newPage();
      await page.goto(server.url + 'en/');
      await waitOfflineReady(page);
      const [[name, entries]] = Object.entries(await cachesOf(page));
      server.setDir(v2);
      deployed = true;
      const mark = server.requests.length;
      await page.goto(server.url + 'en/about/');
      assert.equal(await nextInstall(page), 'installed', 'nothing but the worker changed, so nothing needs the network');
      assert.deepEqual(server.requests.slice(mark).filter((p) => p !== '/sw.js'), [], 'only the worker travels');
      const now = await cachesOf(page);
      assert.deepEqual(entriesOf(now[name]), entriesOf(entries), 'the live cache is untouched by the install');
      assert.equal(Object.keys(now).length, 2, 'the new version has a cache of its own');
      // Online, through the old worker: every page whole, the cut one too.
      const pages = await pagesOf(dist, 'en');
      assert.ok(pages.includes('en/rights/adults/') && pages.includes('en/about/'));
      await readableOffline(page, server.url, dist, ['en']);
      await server.close();
      await readableOffline(page, server.url, dist, ['en']);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test(`${what}, intact: after the update every kept language is still kept`, async () => {
    const v2 = await codeOnly(dist, sameVersion);
    const server = await serve(dist);
    const context = await profile();
    try {
      const page = await context.newPage();
      await keepLanguage(page, server.url + 'en/');
      await keepLanguage(page, server.url + 'ar/');
      const [[name, entries]] = Object.entries(await cachesOf(page));
      server.setDir(v2);
      await page.goto(server.url + 'ar/about/');
      assert.equal(await nextInstall(page), 'installed');
      await page.locator('#vu').waitFor({ state: 'visible' });
      assert.deepEqual(entriesOf((await cachesOf(page))[name]), entriesOf(entries), 'the live cache is whole while the update waits');
      await Promise.all([page.waitForEvent('load'), page.locator('#vu button').click()]);
      await waitOfflineReady(page);
      const after = await cachesOf(page);
      assert.equal(Object.keys(after).length, 1, `one cache: ${Object.keys(after)}`);
      assert.notEqual(Object.keys(after)[0], name, 'a new cache');
      const kept = entriesOf(Object.values(after)[0]);
      assert.deepEqual(kept, entriesOf(entries), 'the same files, byte for byte, and the same kept languages');
      assert.equal([...kept].find(([u]) => u.endsWith('.varde-kept'))[1], ',ar,en');
      await server.close();
      await readableOffline(page, server.url, dist, ['ar', 'en']);
    } finally {
      await context.close();
      await server.close();
    }
  });
}

test('an update with changed files and the network lost mid-install is refused, and the old version keeps working', async () => {
  const v2 = await build(await changedSite('Health care: lost network'));
  let deployed = false;
  const server = await serve(dist, { drop: (rel) => deployed && rel === 'en/index.html' });
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/');
    await waitOfflineReady(page);
    const before = await cachesOf(page);
    server.setDir(v2);
    deployed = true;
    await page.goto(server.url + 'en/about/');
    assert.equal(await nextInstall(page), 'redundant', 'the install fails');
    assert.deepEqual(Object.keys(await cachesOf(page)), Object.keys(before), 'no partial new cache');
    const [[name, entries]] = Object.entries(before);
    assert.deepEqual(entriesOf((await cachesOf(page))[name]), entriesOf(entries));
    await page.goto(server.url + 'en/');
    assert.equal(await page.locator('h1').innerText(), await h1Of(dist, 'en/'), 'online, the old version is served whole');
    await server.close();
    await readableOffline(page, server.url, dist, ['en']);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a next-day rebuild fetches only the files whose bytes changed', async (t) => {
  const v2 = await nextDay();
  const server = await serve(dist, { gzip: true });
  const context = await profile();
  try {
    const page = await context.newPage();
    await keepLanguage(page, server.url + 'en/');
    await keepLanguage(page, server.url + 'ar/');
    const [name] = Object.keys(await cachesOf(page));
    server.setDir(v2);
    const mark = server.requests.length, sent = server.sent.bytes;
    await page.goto(server.url + 'en/about/');
    assert.equal(await nextInstall(page), 'installed');
    const fetched = server.requests.slice(mark).filter((p) => p !== '/sw.js').map((p) => fileOf('/', p)).sort();
    // The waiting version's cache holds every kept file of the new build.
    const [, entries] = Object.entries(await cachesOf(page)).find(([k]) => k !== name);
    const kept = entries.map(([u]) => u).filter((u) => !u.endsWith('.varde-kept')).map((u) => fileOf(server.url, u)), changed = [];
    for (const f of kept) {
      const [a, b] = await Promise.all([readFile(path.join(dist, f)), readFile(path.join(v2, f))]);
      if (!a.equals(b)) changed.push(f);
    }
    assert.ok(changed.length > 0 && changed.length < kept.length, `${changed.length} of ${kept.length} kept files changed`);
    assert.deepEqual(fetched, changed.sort(), 'exactly the changed files travel, each once');
    t.diagnostic(`next-day update: ${fetched.length} of ${kept.length} kept files fetched, ${server.sent.bytes - sent} bytes sent gzipped (sw.js included)`);
    await Promise.all([page.waitForEvent('load'), page.locator('#vu button').click()]);
    await waitOfflineReady(page);
    const [now] = Object.values(await cachesOf(page));
    assert.equal(now.length, entries.length);
    for (const [u, bytes] of now) {
      if (u.endsWith('.varde-kept')) continue;
      const expected = await readFile(path.join(v2, fileOf(server.url, u)));
      assert.ok(Buffer.from(bytes.split(',').map(Number)).equals(expected), `${u} is the new build's`);
    }
  } finally {
    await context.close();
    await server.close();
  }
});

test('"save this language" while an update waits saves it with the new version, and says so truly', async () => {
  const v2 = await nextDay();
  const server = await serve(dist);
  const context = await profile();
  try {
    const page = await context.newPage();
    const said = [];
    await page.exposeFunction('vardeSaid', (text) => said.push(text));
    await page.addInitScript(() => addEventListener('DOMContentLoaded', () => {
      const s = document.getElementById('vs');
      if (s) new MutationObserver(() => window.vardeSaid(s.textContent)).observe(s, { childList: true });
    }));
    await keepLanguage(page, server.url + 'en/');
    const changed = [];
    for (const f of await readdir(path.join(dist, 'ar'), { recursive: true })) {
      const a = await readFile(path.join(dist, 'ar', f)).catch(() => null);
      if (a && !a.equals(await readFile(path.join(v2, 'ar', f)))) changed.push(f);
    }
    assert.ok(changed.length > 0, 'the Arabic files of the two builds differ, so the old version cannot keep them');
    server.setDir(v2);
    await page.goto(server.url + 'en/about/');
    assert.equal(await nextInstall(page), 'installed');
    await page.goto(server.url + 'ar/');
    await page.locator('#vk').waitFor({ state: 'visible' });
    await page.locator('#vu').waitFor({ state: 'visible' });
    const [failed, ready] = await page.locator('#vo').evaluate((o) => [o.dataset.failed, o.dataset.ready]);
    // Saved with the waiting version, which then takes over: the page reloads into it.
    await Promise.all([page.waitForEvent('load'), page.locator('#vk').click()]);
    await waitOfflineReady(page);
    assert.equal(await page.locator('#vs').innerText(), ready);
    assert.ok(!said.includes(failed), `never "${failed}": ${said}`);
    assert.equal(await page.locator('#vu').isVisible(), false, 'the new version serves');
    const caches = await cachesOf(page);
    assert.equal(Object.keys(caches).length, 1);
    await server.close();
    await readableOffline(page, server.url, v2, ['ar', 'en']);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a rollback on a host that answers 304 by timestamp still reaches the reader', async () => {
  const newer = await build(await changedSite('Health care: the version rolled back'));
  const older = await mkdtemp(path.join(tmpdir(), 'varde-rollback-'));
  await cp(dist, older, { recursive: true });
  // The rollback publishes the older build's files, with older times than the newer's.
  const past = new Date(Date.now() - 7 * 86400_000);
  for (const f of await readdir(older, { recursive: true })) await utimes(path.join(older, f), past, past);
  const server = await serve(newer, { lastModified: true });
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/');
    await waitOfflineReady(page);
    assert.equal(await page.locator('h1').innerText(), 'Health care: the version rolled back');
    server.setDir(older);
    // The reader comes back later: the browser has stopped the idle worker meanwhile.
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.goto(server.url + 'en/about/');
    assert.equal(await Promise.race([nextInstall(page), new Promise((ok) => setTimeout(() => ok('no update seen'), 15000))]), 'installed', 'the older sw.js is seen as new: its bytes differ');
    await Promise.all([page.waitForEvent('load'), page.locator('#vu button').click()]);
    await page.goto(server.url + 'en/');
    assert.equal(await page.locator('h1').innerText(), await h1Of(older, 'en/'));
  } finally {
    await context.close();
    await server.close();
  }
});
