// Helpers of the browser tests of the service worker (offline.test.mjs, updates.test.mjs):
// a reader's persistent browser profile, what a built site holds, what the worker keeps.
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile, mkdtemp } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { copySite, fixture } from './lib.mjs';

/** A fresh, non-incognito browser profile: Chromium reports incognito windows as not installable. */
export async function profile() {
  const dir = await mkdtemp(path.join(tmpdir(), 'varde-profile-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** URLs (relative to the site root) of every page of `lang` in `dir`. */
export async function pagesOf(dir, lang) {
  const files = await readdir(path.join(dir, lang), { recursive: true });
  return files.filter((f) => f === 'index.html' || f.endsWith('/index.html')).sort()
    .map((f) => `${lang}/${f.slice(0, -'index.html'.length)}`);
}

/** The text of the first <h1> of a built page, as a browser shows it. */
export async function h1Of(dir, url) {
  const file = url === '' || url.endsWith('/') ? path.join(dir, url, 'index.html') : path.join(dir, url);
  const html = await readFile(file, 'utf8');
  const m = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/);
  return m[1].replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').trim();
}

/** Waits until the page says, in its language, that it is kept offline. */
export async function waitOfflineReady(page) {
  await page.waitForFunction(() => document.getElementById('vo')?.classList.contains('on'), null, { timeout: 60_000 });
  const [shown, ready] = await page.evaluate(() => [document.getElementById('vs').textContent, document.getElementById('vo').dataset.ready]);
  assert.equal(shown, ready);
  assert.equal(await page.locator('#vs').isVisible(), true);
}

/** Names and entries of varde's caches, seen from the page. */
export function cachesOf(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const k of await caches.keys()) {
      if (!k.startsWith('varde ')) continue;
      const c = await caches.open(k);
      out[k] = await Promise.all((await c.keys()).map(async (r) => [r.url, new Uint8Array(await (await c.match(r)).arrayBuffer()).join(',')]));
    }
    return out;
  });
}

export const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A copy of the site whose English home page has a new title, built: a new version. */
export async function changedSite(title) {
  const site = await copySite(fixture);
  const file = path.join(site, 'content/en/_index.md');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^title = ".*"$/m, `title = "${title}"`));
  return site;
}

/**
 * After a navigation: the outcome of installing the version the server now has,
 * 'installed' (waiting) or 'redundant' (refused). If the navigation's own update check is
 * already over, checks again, as the page does when it becomes visible.
 */
export function nextInstall(page) {
  return page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    const watch = (w) => new Promise((ok) => {
      const done = () => { if (w.state === 'installed' || w.state === 'redundant') ok(w.state); };
      w.addEventListener('statechange', done);
      done();
    });
    if (r.waiting) return 'installed';
    if (r.installing) return watch(r.installing);
    const found = new Promise((ok) => r.addEventListener('updatefound', () => ok(watch(r.installing)), { once: true }));
    r.update().catch(() => {});
    return found;
  });
}
