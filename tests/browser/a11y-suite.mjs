// The accessibility tests, run on a built site by a11y.test.mjs (the fixture site: what the
// templates and the theme make) and shipped-a11y.test.mjs (the shipped site: what readers
// get). In headless Chromium: axe-core finds no WCAG 2.2 A/AA violation on any page type,
// in a left-to-right and a right-to-left language, at phone and desktop widths; every link
// and button is reachable by keyboard with a visible focus ring; targets in the menus, the
// footer and buttons are at least 44 px; the skip link works; the language link is at the
// top of every page; pages read in order without JavaScript and without CSS.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, repo } from './lib.mjs';
import { pageTypes, testLanguages } from './pages.mjs';

const axeSource = await readFile(path.join(repo, 'tests/browser/node_modules/axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [360, 1280];

/**
 * Registers the accessibility tests of the site whose source is `root` and which
 * `buildSite()` builds, returning the output folder.
 */
export function a11ySuite(root, buildSite) {
  let browser, server, pages, dist;
  before(async () => {
    dist = await buildSite();
    server = await serve(dist, { prefix: '/health/' });
    browser = await launch();
    pages = await pageTypes(dist);
  });
  after(async () => { await browser?.close(); await server?.close(); });

  async function open(url, { width = 360, javaScriptEnabled = true } = {}) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled });
    const page = await context.newPage();
    const response = await page.goto(url);
    assert.ok(response && response.status() < 500, `${url}: ${response?.status()}`);
    return { context, page };
  }

  test('the test covers every page type, in a left-to-right and a right-to-left language', async () => {
    const names = pages.map(([type]) => type).join(', ');
    for (const type of ['chooser', 'home', 'section', 'plain page', 'clinic page']) {
      assert.ok(pages.some(([t]) => t.startsWith(type)), `no ${type} in ${names}`);
    }
    const langs = await testLanguages(dist);
    assert.equal(langs[0], 'en');
    if (/\bdir\s*=\s*"rtl"/.test(await readFile(path.join(root, 'site.toml'), 'utf8'))) {
      assert.equal(langs.length, 2, 'the site declares a right-to-left language: test it');
    }
  });

  test('axe-core: zero WCAG 2.2 A and AA violations on every page type at 360 and 1280 px', async (t) => {
    const failures = [];
    let rules = 0;
    for (const width of WIDTHS) {
      for (const [type, rel] of pages) {
        const { context, page } = await open(server.url + rel, { width });
        // Evaluated through the DevTools protocol, so the page's CSP does not block axe.
        await page.evaluate(axeSource);
        const result = await page.evaluate(async (tags) => {
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return { rules: window.axe.getRules(tags).length, violations: r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })) };
        }, TAGS);
        rules = result.rules;
        for (const v of result.violations) failures.push(`${type} @${width}px: ${v.id} (${v.help})\n    ${v.nodes.join('\n    ')}`);
        await context.close();
      }
    }
    assert.deepEqual(failures, []);
    t.diagnostic(`axe: ${rules} rules (${TAGS.join(', ')}) on ${pages.length} pages x ${WIDTHS.length} widths, 0 violations`);
  });

  /** Tabs through the page; returns what had focus at each step, with its focus styles. */
  async function tabThrough(page, max = 150) {
    const seen = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
          html: el.outerHTML.slice(0, 120),
          id: el.id,
          inMain: !!el.closest('main'),
          inLanguages: !!el.closest('#languages, #choose'),
          inHeader: !!el.closest('header'),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          shadow: s.boxShadow !== 'none',
          visible: r.width > 0 && r.height > 0,
          index: [...document.querySelectorAll('*')].indexOf(el),
        };
      });
      if (!info) break;
      if (seen.length && seen[0].index === info.index) break; // wrapped around
      seen.push(info);
    }
    return seen;
  }

  test('keyboard: every focusable element shows a focus ring; Tab reaches the content and the language switcher', async () => {
    const failures = [];
    for (const [type, rel] of pages) {
      const { context, page } = await open(server.url + rel, { width: 360 });
      const focusable = await page.evaluate(() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
        .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden' && e.tabIndex >= 0).length);
      const seen = await tabThrough(page);
      if (seen.length < focusable) failures.push(`${type}: Tab reached ${seen.length} of ${focusable} focusable elements`);
      for (const f of seen) {
        if (!f.outline && !f.shadow) failures.push(`${type}: no visible focus on ${f.html}`);
        if (!f.visible) failures.push(`${type}: focus on an invisible element ${f.html}`);
      }
      const mainLinks = await page.locator('main a[href], main button:visible').count();
      if (mainLinks && !seen.some((f) => f.inMain)) failures.push(`${type}: Tab never reaches the main content`);
      const langLinks = await page.locator('#languages a, #choose a').count();
      if (langLinks && !seen.some((f) => f.inLanguages)) failures.push(`${type}: Tab never reaches the language switcher`);
      await context.close();
    }
    assert.deepEqual(failures, []);
  });

  test('the skip link is the first Tab stop and moves the keyboard to the main content', async () => {
    for (const [type, rel] of pages.filter(([t]) => /^(home|section|plain page|clinic page|rights page)/.test(t))) {
      const { context, page } = await open(server.url + rel, { width: 360 });
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => ({ href: document.activeElement.getAttribute('href'), top: document.activeElement.getBoundingClientRect().top }));
      assert.equal(first.href, '#main', `${type}: first Tab stop`);
      assert.ok(first.top >= 0, `${type}: the focused skip link is on screen`);
      await page.keyboard.press('Enter');
      // The fragment navigation is asynchronous: wait for it rather than race it.
      await page.waitForFunction(() => location.hash === '#main', null, { timeout: 5000 });
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => {
        const el = document.activeElement;
        const main = document.querySelector('main');
        return { inHeader: !!el.closest('header'), afterMain: !!(main.compareDocumentPosition(el) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)) };
      });
      assert.ok(!next.inHeader && next.afterMain, `${type}: after the skip link, Tab goes into or past the main content`);
      await context.close();
    }
  });

  test('the language link: at the top of every page type, one line at 360 px, the keyboard reaches it after the brand, and it leads to the languages', async () => {
    // The chooser is itself the list of languages.
    for (const [type, rel] of pages.filter(([t]) => t !== 'chooser')) {
      const { context, page } = await open(server.url + rel, { width: 360 });
      const box = await page.evaluate(() => {
        const a = document.querySelector('a.lang-link'), main = document.querySelector('main');
        if (!a) return null;
        const r = a.getBoundingClientRect(), text = a.firstElementChild ?? a;
        const before = main.getBoundingClientRect().top;
        a.style.display = 'none';
        const pushed = before - main.getBoundingClientRect().top;
        a.style.display = '';
        // One rectangle per bidi run: on one line they all start within a letter's height.
        const tops = [...text.getClientRects()].map((q) => q.top);
        const oneLine = Math.max(...tops) - Math.min(...tops) < parseFloat(getComputedStyle(a).fontSize);
        return { top: r.top, height: r.height, oneLine, left: r.left, right: r.right, pushed, beforeMain: !!(a.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING) };
      });
      assert.ok(box, `${type}: no language link`);
      assert.ok(box.beforeMain && box.top >= 0 && box.top < 200, `${type}: the language link is at the top: ${JSON.stringify(box)}`);
      assert.ok(box.height >= 44 && box.oneLine && box.left >= 0 && box.right <= 360, `${type}: one line, inside the screen: ${JSON.stringify(box)}`);
      assert.ok(box.pushed <= 60, `${type}: the link pushes the content down ${box.pushed} px, more than one line`);
      // Tab: the skip link first, the quick exit second, then the brand (where there is one),
      // then the language link.
      const stops = [];
      for (let i = 0; i < 5 && !stops.at(-1)?.lang; i++) {
        await page.keyboard.press('Tab');
        stops.push(await page.evaluate(() => ({ href: document.activeElement.getAttribute('href'), lang: document.activeElement.classList.contains('lang-link') })));
      }
      assert.equal(stops[0].href, '#main', `${type}: the skip link stays the first Tab stop`);
      // Every page with a quick exit has it second (the printed leaflet has none).
      if (await page.evaluate(() => !!document.querySelector('a.exit'))) {
        assert.ok(stops[1].href?.startsWith('https://'), `${type}: the quick exit is the second Tab stop: ${JSON.stringify(stops)}`);
      }
      assert.ok(stops.at(-1).lang && stops.length <= 4, `${type}: Tab reaches the language link fourth at the latest: ${JSON.stringify(stops)}`);
      // The 404 page's script points its links at the site's root first.
      await page.waitForFunction(() => new URL(document.querySelector('a.lang-link').href).pathname.startsWith('/health/'), null, { timeout: 5000 });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#languages' || document.getElementById('choose'), null, { timeout: 5000 });
      const landed = await page.evaluate(() => {
        const list = document.getElementById('languages') ?? document.getElementById('choose');
        const r = list.getBoundingClientRect();
        return { links: list.querySelectorAll('a[hreflang]').length, onScreen: r.top < innerHeight && r.bottom > 0 };
      });
      assert.ok(landed.links >= 2 && landed.onScreen, `${type}: Enter shows the languages: ${JSON.stringify(landed)}`);
      await context.close();
    }
  });

  test('touch targets in menus, the footer and buttons are at least 44 x 44 px', async () => {
    const failures = [];
    for (const width of WIDTHS) {
      for (const [type, rel] of pages) {
        const { context, page } = await open(server.url + rel, { width });
        const small = await page.evaluate(() => [...document.querySelectorAll('nav a, footer a, footer button, button, .button, .tel, #choose a, .cards a')]
          .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
          .map((e) => ({ html: e.outerHTML.slice(0, 100), w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height }))
          .filter((r) => r.w < 44 || r.h < 44)
          .map((r) => `${Math.round(r.w)}x${Math.round(r.h)} ${r.html}`));
        for (const s of small) failures.push(`${type} @${width}px: ${s}`);
        await context.close();
      }
    }
    assert.deepEqual(failures, []);
  });

  test('without JavaScript every page shows its heading and content', async () => {
    for (const [type, rel] of pages) {
      const { context, page } = await open(server.url + rel, { javaScriptEnabled: false });
      assert.equal(await page.evaluate(() => typeof window.navigator), 'object'); // evaluate still works: it is the page's scripts that are off
      const h1 = (await page.locator('h1').first().innerText()).trim();
      assert.ok(h1.length > 0, `${type}: no h1`);
      const text = (await page.locator('main').innerText()).trim();
      assert.ok(text.length > h1.length + 10, `${type}: main holds only ${JSON.stringify(text)}`);
      await context.close();
    }
  });

  test('without CSS pages read in order: skip link, menu as a list, h1 before the content', async () => {
    for (const [type, rel] of pages) {
      const { context, page } = await open(server.url + rel, { width: 360 });
      const order = await page.evaluate(() => {
        document.querySelectorAll('style, link[rel=stylesheet]').forEach((s) => s.remove());
        for (const el of document.querySelectorAll('[style]')) el.removeAttribute('style');
        const main = document.querySelector('main');
        const h1 = main?.querySelector('h1');
        // A notice (role=note: draft or fallback translation) may come first, by design, and
        // a heading's own header may name the site above it (the leaflet's sheet).
        const firstContent = [...(main?.querySelectorAll('p, ul, ol, table, section, h2') ?? [])].find((e) => e.offsetParent !== null && e.textContent.trim() && !e.contains(h1) && !e.closest('[role=note], header'));
        return {
          mainCount: document.querySelectorAll('main').length,
          h1Count: document.querySelectorAll('h1').length,
          h1Top: h1?.getBoundingClientRect().top,
          contentTop: firstContent?.getBoundingClientRect().top,
          h1First: !!h1 && [...main.querySelectorAll('h1, h2, h3, h4, h5, h6')][0] === h1,
          navWithoutList: [...document.querySelectorAll('nav')].filter((n) => n.querySelectorAll('a').length > 1 && !n.querySelector('ul, ol')).length,
          linksOutsideLi: [...document.querySelectorAll('nav a')].filter((a) => !a.closest('li')).length,
          // A skip link matters where links come before main (menus); a page with none has no need.
          firstLink: [...document.querySelectorAll('a[href]')].find((a) => a.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING)?.getAttribute('href'),
        };
      });
      assert.equal(order.mainCount, 1, `${type}: one main`);
      assert.equal(order.h1Count, 1, `${type}: one h1`);
      assert.ok(order.h1First, `${type}: the first heading of main is its h1`);
      if (order.contentTop !== undefined) assert.ok(order.h1Top < order.contentTop, `${type}: h1 above the content`);
      assert.equal(order.navWithoutList, 0, `${type}: menus are lists`);
      assert.equal(order.linksOutsideLi, 0, `${type}: menu links are list items`);
      if (order.firstLink !== undefined) assert.equal(order.firstLink, '#main', `${type}: skip link first`);
      await context.close();
    }
  });
}
