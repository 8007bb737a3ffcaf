// Videos and recordings (issue 24) in a real browser, on the fixture site with the media of
// tests/fixtures/media/ laid over it: the player fetches nothing before play, nothing of the
// media rides in the saved language, the reader keeps a film with one tap and it then plays
// and seeks with the server gone (the worker answers byte ranges), the offline page lists it,
// and "Forget this site" removes it. A test of the code, not of the content.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build, copySite, serve, fixture, repo, uiString, launch } from './lib.mjs';
import { waitOfflineReady, cachesOf } from './offline-helpers.mjs';
import { vnuErrors } from './vnu.mjs';

let dist;
const isMedia = (u) => /\.(webm|opus)$/.test(new URL(u).pathname);
before(async () => {
  const site = await copySite(fixture);
  await cp(path.join(repo, 'tests/fixtures/media/en'), path.join(site, 'content/en'), { recursive: true });
  dist = await build(site);
});

/** A reader's profile in which a script may start playback (headless has no one to tap). */
async function profile() {
  const dir = await mkdtemp(path.join(tmpdir(), 'varde-profile-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--autoplay-policy=no-user-gesture-required',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Keeps the media of the player `n` (0: the film, 1: the recording) and waits until it is kept. */
async function keep(page, n) {
  const button = page.locator('figure.media [data-keep-media]').nth(n);
  const drop = await button.getAttribute('data-drop');
  await button.click();
  await page.waitForFunction(([i, t]) => document.querySelectorAll('figure.media [data-keep-media]')[i].textContent === t, [n, drop]);
}

/** Plays the element `sel` from `from` seconds until it has advanced, and returns where it got. */
function playFrom(page, sel, from) {
  return page.evaluate(async ([sel, from]) => {
    const m = document.querySelector(sel);
    m.muted = true;
    if (m.readyState < 1) await new Promise((ok, no) => { m.onloadedmetadata = ok; m.onerror = () => no(Error('media error ' + m.error?.code)); m.load(); });
    if (from) { m.currentTime = from; await new Promise((ok) => { m.onseeked = ok; }); }
    await m.play();
    await new Promise((ok) => { const t = () => (m.currentTime > from + 0.2 ? ok() : requestAnimationFrame(t)); t(); });
    m.pause();
    return { time: m.currentTime, duration: m.duration };
  }, [sel, from]);
}

test('the player: native controls, no autoplay, nothing fetched before play, captions, cost in words; the media never ride in the saved language', async () => {
  const server = await serve(dist);
  const context = await profile();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/film/');
    await waitOfflineReady(page);
    const video = page.locator('figure.media video');
    assert.equal(await video.getAttribute('controls'), '');
    assert.equal(await video.getAttribute('autoplay'), null);
    assert.equal(await video.getAttribute('preload'), 'none');
    assert.match(await video.getAttribute('poster'), /rights\.png$/);
    const track = video.locator('track');
    assert.equal(await track.getAttribute('kind'), 'captions');
    assert.equal(await track.getAttribute('srclang'), 'en');
    assert.equal(await track.getAttribute('default'), '');
    assert.equal(await page.locator('figure.media audio').getAttribute('preload'), 'none');
    // The title is the alt text; the cost is said before the tap, in words.
    assert.equal(await page.locator('figure.media figcaption b').first().innerText(), 'A short film about your rights');
    const [v, s, mb] = await Promise.all(['media_video', 'media_seconds', 'media_megabytes'].map((k) => uiString('en', k)));
    assert.equal(await page.locator('figure.media figcaption small').first().innerText(),
      `${v}, ${s.replace('{n}', '4')}, ${mb.replace('{n}', '0.1')}`);
    // The YouTube link stays a link; no iframe.
    assert.equal(await page.locator('a[href^="https://www.youtube.com/"]').count(), 1);
    assert.equal(await page.locator('iframe').count(), 0);
    assert.deepEqual(requests.filter(isMedia), [], 'no media request before play');
    const cached = Object.values(await cachesOf(page)).flat().map(([u]) => u);
    assert.ok(cached.some((u) => u.endsWith('en/film/')), 'the language was saved');
    assert.deepEqual(cached.filter(isMedia), [], 'no media in the saved language');
    // "Keep all languages" (the chooser) keeps no media either.
    const all = await context.newPage();
    await all.goto(server.url);
    await all.locator('#vk').click();
    await waitOfflineReady(all);
    assert.deepEqual(Object.values(await cachesOf(all)).flat().map(([u]) => u).filter(isMedia), []);
    assert.deepEqual(requests.filter(isMedia), []);
    // A tap on play fetches the film.
    await playFrom(page, 'figure.media video', 0);
    assert.ok(requests.some(isMedia));
  } finally {
    await context.close();
    await server.close();
  }
});

test('kept media play and seek offline; the worker answers byte ranges; the offline page lists them', async () => {
  const server = await serve(dist);
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/film/');
    await waitOfflineReady(page);
    const keepText = await page.locator('figure.media [data-keep-media]').first().innerText();
    assert.equal(keepText, (await uiString('en', 'media_keep')).replace('{size}', '0.1 MB'));
    await keep(page, 0);
    await keep(page, 1);
    await server.close();
    await page.reload();
    assert.equal(await page.locator('figure.media [data-keep-media]').first().innerText(),
      (await uiString('en', 'media_drop')).replace('{size}', '0.1 MB'), 'still kept after a reload');
    const src = await page.locator('figure.media video').evaluate((v) => v.src);
    const size = (await readFile(path.join(dist, new URL(src).pathname))).length;
    const ranges = await page.evaluate(async (src) => {
      const get = async (range) => {
        const r = await fetch(src, { headers: { range } });
        return [r.status, r.headers.get('content-range'), (await r.arrayBuffer()).byteLength];
      };
      return [await get('bytes=10-19'), await get('bytes=100-'), await get('bytes=-5'), await get('bytes=99999999-')];
    }, src);
    assert.deepEqual(ranges, [
      [206, `bytes 10-19/${size}`, 10],
      [206, `bytes 100-${size - 1}/${size}`, size - 100],
      [206, `bytes ${size - 5}-${size - 1}/${size}`, 5],
      [416, `bytes */${size}`, 0],
    ]);
    const start = await playFrom(page, 'figure.media video', 0);
    assert.ok(start.duration > 3, `the film's length is known offline: ${start.duration}`);
    const middle = await playFrom(page, 'figure.media video', start.duration / 2);
    assert.ok(middle.time > start.duration / 2, `played on from the middle: ${middle.time}`);
    const audio = await playFrom(page, 'figure.media audio', 0);
    assert.ok(audio.time > 0.2);
    // The offline page (a page not kept, reached offline) lists what is kept, by title.
    await page.goto(server.url + 'en/no-such-page/');
    await page.waitForFunction(() => document.querySelectorAll('#kept-media li').length === 2);
    assert.deepEqual((await page.locator('#kept-media li').allInnerTexts()).sort(),
      ['A message from the centre', 'A short film about your rights']);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a second tap removes the kept film; "Forget this site" removes kept media', async () => {
  const server = await serve(dist);
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/film/');
    await waitOfflineReady(page);
    await keep(page, 0);
    const button = page.locator('figure.media [data-keep-media]').first();
    const keepText = await button.getAttribute('data-keep');
    await button.click();
    await page.waitForFunction((t) => document.querySelector('figure.media [data-keep-media]').textContent === t, keepText);
    assert.deepEqual(Object.values(await cachesOf(page)).flat().map(([u]) => u).filter(isMedia), []);
    await keep(page, 0);
    await keep(page, 1);
    assert.equal(Object.values(await cachesOf(page)).flat().map(([u]) => u).filter(isMedia).length, 2);
    // The quick exit's neutral site, which this machine cannot reach, answered here.
    await context.route((u) => !u.href.startsWith(server.origin), (r) => r.fulfill({ body: 'elsewhere', contentType: 'text/plain' }));
    await page.goto(server.url + 'en/about/safety/');
    await page.locator('[data-forget]').click();
    await page.waitForURL((u) => !u.href.startsWith(server.url));
    const after = await context.newPage();
    await after.goto(server.url + 'en/no-such-page/');
    assert.deepEqual(await after.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('varde '))), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('one button keeps all of a page\'s films and recordings, with their total size, and a second tap removes them all', async () => {
  const server = await serve(dist);
  const context = await profile();
  try {
    const page = await context.newPage();
    await page.goto(server.url + 'en/film/');
    await waitOfflineReady(page);
    const all = page.locator('.media-all [data-keep-media]');
    assert.equal(await all.innerText(), (await uiString('en', 'media_keep_page')).replace('{size}', '0.1 MB'));
    assert.equal((await all.getAttribute('data-urls')).split(' ').length, 2);
    await all.click();
    const drop = await all.getAttribute('data-drop');
    await page.waitForFunction((t) => document.querySelector('.media-all [data-keep-media]').textContent === t, drop);
    assert.equal(Object.values(await cachesOf(page)).flat().map(([u]) => u).filter(isMedia).length, 2);
    // Each player's own button says its file is kept too.
    const dropOne = (await uiString('en', 'media_drop')).replace('{size}', '0.1 MB');
    await page.waitForFunction((t) => [...document.querySelectorAll('figure.media [data-keep-media]')].every((b) => b.textContent === t), dropOne);
    await all.click();
    await page.waitForFunction((t) => document.querySelector('.media-all [data-keep-media]').textContent === t, await all.getAttribute('data-keep'));
    assert.deepEqual(Object.values(await cachesOf(page)).flat().map(([u]) => u).filter(isMedia), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the page with players is valid HTML and accessible (axe), and paper shows where to play each instead of the player', async () => {
  assert.deepEqual(vnuErrors(dist, [path.join(dist, 'en/film/index.html')]), []);
  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await page.goto(server.url + 'en/film/');
    await page.evaluate(await readFile(path.join(repo, 'tests/browser/node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => (await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'],
    })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(violations, []);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('figure.media video').isVisible(), false);
    assert.equal(await page.locator('figure.media audio').isVisible(), false);
    const where = page.locator('figure.media .media-where');
    assert.deepEqual(await where.allInnerTexts(), Array(2).fill(await uiString('en', 'media_watch_site')));
    assert.equal(await where.first().isVisible(), true);
  } finally {
    await browser.close();
    await server.close();
  }
});
