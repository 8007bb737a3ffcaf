// A test of the SHIPPED site (content/, site.toml as they are; see tests/README.md): what a
// reader downloads is a budget of the real pages, so it is measured on them.
//
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
    // The service worker is a target of its own, which the page's throttling does not
    // cover: the page's session attaches to it as it starts, paused, and throttles it before
    // it runs (the old, non-flat protocol: Playwright's sessions cannot address a child).
    let id = 1;
    const throttled = [];
    cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
      const send = (method, params = {}) => cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: id++, method, params }) });
      if (targetInfo.type === 'service_worker') {
        await send('Network.enable');
        await send('Network.emulateNetworkConditions', SLOW_3G);
        throttled.push(targetInfo.url);
      }
      await send('Runtime.runIfWaitingForDebugger');
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
    const started = Date.now();
    await page.goto(server.url + 'en/');
    const shown = Date.now() - started;
    await page.waitForFunction(() => document.getElementById('vo')?.classList.contains('on'), null, { timeout: 120_000 });
    const ready = Date.now() - started;
    assert.equal(throttled.length, 1, 'the service worker was throttled too');
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
  // 150 KB until 2026-12-03 (146.6 KB then). The first screen, the openings computed on the
  // device (a year of each clinic's openings on the home and clinic pages and in the one-file
  // copy), closures, the file's own safety text and the update code took it to 180.5 KB.
  // Sending the date names once instead of per opening would win some of it back.
  assert.ok(gz.bytes <= 190 * 1024, `one language, gzipped as hosts serve it, is at most 190 KB: ${gz.bytes}`);
});
