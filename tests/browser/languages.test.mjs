// Every language our readers speak, in a real browser on a 360 px wide phone screen:
// direction, phone numbers that keep their digit order, no text spilling out of its box,
// and the language chooser (browser languages first, the last choice remembered on the
// device without cookies). Screenshots go to $VARDE_SHOTS (default /tmp/varde-shots/) for
// a person to look at.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build, serve, launch } from './lib.mjs';

const SHOTS = process.env.VARDE_SHOTS || '/tmp/varde-shots';
const PHONE = { width: 360, height: 740 };
let browser, server;
before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve(await build());
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Left-to-right screen positions of every digit of every phone link, per link. */
function phoneDigits() {
  return [...document.querySelectorAll('a[href^="tel:"]')].map((a) => {
    const digits = [];
    const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        if (!/[0-9]/.test(n.data[i])) continue;
        const r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + 1);
        const box = r.getBoundingClientRect();
        digits.push({ d: n.data[i], x: box.left, y: Math.round(box.top) });
      }
    }
    const holder = a.querySelector('bdi,[dir=ltr]') || a;
    return { href: a.getAttribute('href'), text: a.textContent.trim(), direction: getComputedStyle(holder).direction, digits };
  });
}

/** Elements whose content is wider than their box, or that stick out of the screen. */
function overflowing() {
  const vw = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || cs.position === 'fixed') continue;
    if (el.closest('[hidden], .skip, script, style')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const scrolls = /(auto|scroll)/.test(cs.overflowX);
    const inside = el.parentElement && /(auto|scroll)/.test(getComputedStyle(el.parentElement).overflowX);
    const wide = cs.display !== 'inline' && !scrolls && el.scrollWidth > el.clientWidth + 1;
    const out = !inside && (r.right > vw + 1 || r.left < -1);
    if (wide || out) bad.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}" box ${Math.round(r.left)}..${Math.round(r.right)} scroll ${el.scrollWidth}/${el.clientWidth}`);
  }
  return { bad, doc: document.documentElement.scrollWidth, vw };
}

const CASES = [
  ['ar', 'rtl'], ['fa', 'rtl'], ['ti', 'ltr'], ['so', 'ltr'],
];
const PAGES = [['home', ''], ['oslo', 'clinics/oslo/']];

for (const [lang, dir] of CASES) {
  for (const [name, key] of PAGES) {
    test(`${lang} ${name} page at 360 px: ${dir}, phone numbers in order, nothing overflows`, async () => {
      const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2 });
      await page.goto(`${server.url}${lang}/${key}`);
      await page.screenshot({ path: path.join(SHOTS, `${lang}-${name}.png`), fullPage: true });
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).direction), dir);
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('main h1')).direction), dir);

      const phones = await page.evaluate(phoneDigits);
      assert.ok(phones.length >= 2, 'the emergency numbers are links');
      if (name === 'oslo') {
        assert.ok(phones.some((p) => p.text.replace(/\s/g, ' ') === '488 90 560'),
          `the clinic's number is a link: ${JSON.stringify(phones.map((p) => p.text))}`);
      }
      for (const p of phones) {
        assert.equal(p.direction, 'ltr', `${p.href} "${p.text}" is laid out left to right`);
        const rows = new Set(p.digits.map((d) => d.y));
        assert.equal(rows.size, 1, `${p.text} stays on one line`);
        const shown = [...p.digits].sort((a, b) => a.x - b.x).map((d) => d.d).join('');
        assert.equal(shown, p.digits.map((d) => d.d).join(''), `${p.text} reads in its own order on screen`);
      }

      const o = await page.evaluate(overflowing);
      assert.ok(o.doc <= o.vw, `the page is ${o.doc} px wide on a ${o.vw} px screen`);
      assert.deepEqual(o.bad, [], 'no text overflows its box');
      await page.close();
    });
  }
}

test('the footer links to the same page in every other language, and fits 360 px', async () => {
  const page = await browser.newPage({ viewport: PHONE });
  await page.goto(`${server.url}ar/clinics/oslo/`);
  const links = await page.locator('#languages a[hreflang]').evaluateAll((as) => as.map((a) => [a.hreflang, a.href, a.lang]));
  assert.equal(links.length, 11);
  for (const [code, href, lang] of links) {
    assert.equal(href, `${server.url}${code}/clinics/oslo/`);
    // Dari is `prs` in URLs, `fa-AF` for screen readers (they have no `prs` voice).
    assert.equal(lang, code === 'prs' ? 'fa-AF' : code);
  }
  const small = await page.locator('#languages a').evaluateAll((as) => as.filter((a) => a.getBoundingClientRect().height < 44).map((a) => a.textContent));
  assert.deepEqual(small, [], 'touch targets are at least 44 px high');
  await page.close();
});

async function chooserOrder(options) {
  const context = await browser.newContext({ viewport: PHONE, ...options });
  const page = await context.newPage();
  await page.goto(server.url);
  const order = await page.locator('#choose a').evaluateAll((as) => as.map((a) => a.hreflang));
  return { context, page, order };
}

test('the chooser puts the browser languages first, in its own names and scripts', async () => {
  for (const [locale, first] of [['ti-ER', 'ti'], ['fa-AF', 'prs'], ['so-SO', 'so'], ['ar-IQ', 'ar'], ['nn-NO', 'nb']]) {
    const { context, page, order } = await chooserOrder({ locale });
    assert.equal(order[0], first, `${locale}: ${order}`);
    assert.equal(order.length, 11);
    if (locale === 'ti-ER') {
      await page.screenshot({ path: path.join(SHOTS, 'chooser-ti.png'), fullPage: true });
      assert.equal(await page.locator('#choose a[hreflang=ti]').innerText(), 'ትግርኛ');
      const heights = await page.locator('#choose a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height));
      assert.ok(Math.min(...heights) >= 44, `touch targets ${heights}`);
    }
    await context.close();
  }
  const plain = await chooserOrder({ locale: 'ti-ER', javaScriptEnabled: false });
  assert.deepEqual(plain.order, ['nb', 'en', 'ro', 'am', 'ti', 'so', 'fa', 'prs', 'ps', 'ar', 'ckb'], 'without JavaScript: the plain list');
  await plain.context.close();
});

test('the chosen language is remembered on the device, without cookies', async () => {
  const { context, page, order } = await chooserOrder({ locale: 'en-GB' });
  assert.equal(order[0], 'en');
  assert.equal(await page.locator('#continue').isVisible(), false, 'nothing remembered yet');
  await page.locator('#choose a[hreflang=ar]').click();
  await page.waitForURL(`${server.url}ar/`);
  await page.goto(server.url);
  const go = page.locator('#continue a');
  assert.equal(await go.isVisible(), true);
  assert.equal(await go.getAttribute('href'), 'ar/');
  assert.equal(await go.getAttribute('lang'), 'ar');
  assert.match(await go.innerText(), /المتابعة بالعربية/);
  assert.equal((await page.locator('#choose a').first().getAttribute('hreflang')), 'ar', 'the remembered language comes first');
  await page.screenshot({ path: path.join(SHOTS, 'chooser-remembered-ar.png'), fullPage: true });
  // Switching language in a page footer changes what is remembered.
  await page.goto(`${server.url}ar/clinics/oslo/`);
  await page.locator('#languages a[hreflang=so]').click();
  await page.waitForURL(`${server.url}so/clinics/oslo/`);
  await page.goto(server.url);
  assert.equal(await page.locator('#continue a').getAttribute('href'), 'so/');
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});
