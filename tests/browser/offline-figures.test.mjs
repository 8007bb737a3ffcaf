// Figures for the offline stage, printed, not asserted (except the byte target): bytes
// transferred and time until a first-time reader's language is kept offline, with Chromium's
// network throttled to slow 3G (400 kbit/s, 400 ms round trip), served gzipped as the free
// static hosts serve it, and uncompressed for comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, serve, launch } from './lib.mjs';

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

async function measure(dist, gzip) {
  const server = await serve(dist, { gzip });
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    // The service worker is a target of its own: throttle it too, as soon as it starts.
    const browserCdp = await browser.newBrowserCDPSession();
    await browserCdp.send('Target.setDiscoverTargets', { discover: true });
    const started = Date.now();
    await page.goto(server.url + 'en/');
    const shown = Date.now() - started;
    await page.waitForFunction(() => document.getElementById('vo')?.classList.contains('on'), null, { timeout: 120_000 });
    const ready = Date.now() - started;
    return { shown, ready, bytes: server.sent.bytes, requests: server.requests.length };
  } finally {
    await browser.close();
    await server.close();
  }
}

test('figures: bytes and time until offline ready for one language on slow 3G', async (t) => {
  const dist = await build();
  const gz = await measure(dist, true);
  const raw = await measure(dist, false);
  for (const [name, m] of [['gzip', gz], ['uncompressed', raw]]) {
    t.diagnostic(`${name}: first page shown after ${m.shown} ms; offline ready after ${m.ready} ms; ${m.requests} requests, ${(m.bytes / 1024).toFixed(1)} KB transferred`);
    console.log(`offline figures (${name}): shown ${m.shown} ms, offline ready ${m.ready} ms, ${m.requests} requests, ${(m.bytes / 1024).toFixed(1)} KB`);
  }
  assert.ok(gz.bytes <= 150 * 1024, `one language, gzipped as hosts serve it, is at most 150 KB: ${gz.bytes}`);
});
