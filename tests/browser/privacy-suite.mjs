// The privacy and script-safety tests, run on a built site: by privacy.test.mjs on the fixture
// (what the templates make) and by shipped-privacy.test.mjs on the shipped site (what readers
// get: content can link an image or a script elsewhere where the templates never do).
//
// Every page of dist/ is opened (with its service worker running) while every request is
// recorded; none may leave the site's origin, no cookie may be set, and each page's
// Content-Security-Policy (the <meta> and the same policy sent as a header from _headers)
// allows exactly the page's own inline style and scripts by hash, so Chromium reports no
// violation and the style really applies.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, launch } from './lib.mjs';
import { htmlFiles } from './pages.mjs';

/** Registers the privacy tests for the site `buildSite()` builds (it returns dist/). */
export function privacySuite(buildSite) {
  let browser, server, dist, headerPolicy;
  before(async () => {
    dist = await buildSite();
    server = await serve(dist, { prefix: '/health/' });
    browser = await launch();
    headerPolicy = await headersPolicy(dist);
  });
  after(async () => { await browser?.close(); await server?.close(); });

  /** The Content-Security-Policy that `_headers` gives every path (`/*`), if any. */
  async function headersPolicy(dir) {
    let text;
    try { text = await readFile(path.join(dir, '_headers'), 'utf8'); } catch { return null; }
    let inAll = false;
    for (const line of text.split('\n')) {
      if (/^\S/.test(line)) inAll = line.trim() === '/*';
      const m = /^\s+Content-Security-Policy:\s*(.+)$/.exec(line);
      if (inAll && m) return m[1].trim();
    }
    return null;
  }

  const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

  /** The sources a CSP directive allows. */
  function directive(policy, name) {
    const d = policy.split(';').map((s) => s.trim().split(/\s+/)).find(([n]) => n === name);
    return d ? d.slice(1) : null;
  }

  test('every page: no request leaves the origin, no cookies, CSP hashes match and nothing is blocked', async (t) => {
    const files = await htmlFiles(dist);
    assert.ok(files.length >= 20);
    const context = await browser.newContext();
    const offsite = [];
    const setCookies = [];
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (u.origin !== server.origin && u.protocol !== 'data:') offsite.push(`${r.url()} (from ${r.frame()?.url?.() ?? 'service worker'})`);
    });
    context.on('response', async (r) => {
      const h = await r.allHeaders().catch(() => ({}));
      if (h['set-cookie']) setCookies.push(`${r.url()}: ${h['set-cookie']}`);
    });
    // Serve the policy of _headers as a real header too, as Netlify or Cloudflare would:
    // the browser then enforces both policies, and a page must satisfy each of them.
    if (headerPolicy) {
      await context.route(`${server.origin}/**`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': headerPolicy } });
      });
    }
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => e.target.dataset?.probe === undefined && window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
    });
    const failures = [];
    let scripts = 0;
    for (const file of files) {
      const rel = path.relative(dist, file).split(path.sep).join('/');
      const page = await context.newPage();
      const consoleCsp = [];
      // Chromium reports a violation in a task of its own, after the fact. So, once the page has
      // loaded, one more inline script is blocked on purpose, a probe: when its report has
      // arrived (in the page and on the console), the page's own reports came before it.
      const probe = `/* a probe for ${rel} */`;
      const probeHash = sha256(probe).slice(1, -1);
      page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text()) && !m.text().includes(probeHash)) consoleCsp.push(m.text()); });
      page.on('pageerror', (e) => failures.push(`${rel}: script error ${e.message}`));
      await page.goto(server.url + rel.replace(/index\.html$/, ''), { waitUntil: 'load' });
      const probeOnConsole = page.waitForEvent('console', (m) => m.text().includes(probeHash));
      await page.evaluate((code) => new Promise((ok) => {
        const s = document.createElement('script');
        s.dataset.probe = '';
        s.textContent = code;
        s.addEventListener('securitypolicyviolation', ok);
        document.body.append(s);
      }), probe);
      await probeOnConsole;
      const info = await page.evaluate(() => ({
        cookie: document.cookie,
        metas: [...document.querySelectorAll('meta[http-equiv]')].filter((m) => /content-security-policy/i.test(m.httpEquiv)).map((m) => m.content),
        cookieMetas: document.querySelectorAll('meta[http-equiv=set-cookie i]').length,
        styles: [...document.querySelectorAll('style')].map((s) => s.textContent),
        scripts: [...document.querySelectorAll('script:not([src]):not([data-probe])')].filter((s) => !/json/.test(s.type)).map((s) => s.textContent),
        violations: window.__violations,
        bodyMargin: getComputedStyle(document.body).marginTop,
      }));
      scripts += info.scripts.length;
      if (info.cookie !== '') failures.push(`${rel}: document.cookie = ${info.cookie}`);
      if (info.cookieMetas) failures.push(`${rel}: <meta http-equiv=set-cookie>`);
      if (info.metas.length !== 1) failures.push(`${rel}: ${info.metas.length} CSP <meta> elements`);
      const policies = [['<meta>', info.metas[0] ?? '']];
      if (headerPolicy) policies.push(['_headers', headerPolicy]);
      for (const [where, policy] of policies) {
        if (/unsafe-inline|unsafe-eval|\*/.test(policy)) failures.push(`${rel}: ${where} CSP allows unsafe code: ${policy}`);
        for (const [kind, texts] of [['style-src', info.styles], ['script-src', info.scripts]]) {
          const allowed = directive(policy, kind) ?? directive(policy, 'default-src') ?? [];
          for (const text of texts) {
            if (!allowed.includes(sha256(text))) failures.push(`${rel}: ${where} ${kind} lacks ${sha256(text)}`);
          }
        }
      }
      if (info.styles.length && info.bodyMargin !== '0px') failures.push(`${rel}: the inline style did not apply`);
      for (const v of [...info.violations, ...consoleCsp]) failures.push(`${rel}: CSP violation: ${v}`);
      await page.close();
    }
    const cookies = await context.cookies();
    await context.close();
    assert.deepEqual(offsite, [], 'requests that left the origin');
    assert.deepEqual(setCookies, []);
    assert.deepEqual(cookies, []);
    assert.deepEqual(failures, []);
    t.diagnostic(`${files.length} pages, ${scripts} inline scripts checked; CSP from <meta>${headerPolicy ? ' and _headers' : ''}`);
  });

  test('the check sees an off-site request and a blocked inline script (it can fail)', async () => {
    const context = await browser.newContext();
    const seen = [];
    context.on('request', (r) => seen.push(r.url()));
    await context.route('https://tracker.example/**', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(server.url + 'en/');
    const violations = await page.evaluate(async () => {
      const found = [];
      document.addEventListener('securitypolicyviolation', (e) => found.push(e.violatedDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
      // An inserted script runs at once, if at all; the image ends in an error either way.
      const ran = window.__ran === true;
      const img = new Image();
      const ended = new Promise((ok) => { img.onerror = ok; img.onload = ok; });
      img.src = 'https://tracker.example/pixel.gif';
      await ended;
      return { found, ran };
    });
    await context.close();
    assert.ok(violations.found.some((d) => d.startsWith('script-src')), JSON.stringify(violations));
    assert.equal(violations.ran, false, 'the CSP blocks an inline script without a hash');
    assert.ok(violations.found.some((d) => d.startsWith('img-src')) || seen.some((u) => u.startsWith('https://tracker.example/')));
  });
}
