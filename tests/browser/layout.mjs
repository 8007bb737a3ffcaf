// A page on a 360 px wide phone screen, checked as a reader sees it: its language and
// direction, phone numbers that keep their digit order on one line, no text spilling out of
// its box. Shared by languages.test.mjs (the fixture site) and shipped-languages.test.mjs.
// Screenshots go to $VARDE_SHOTS (default /tmp/varde-shots/) for a person to look at.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export const SHOTS = process.env.VARDE_SHOTS || '/tmp/varde-shots';
export const PHONE = { width: 360, height: 740 };

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

/**
 * Opens `url` at 360 px, saves a screenshot as `<shot>.png`, and checks: `lang` and `dir` on
 * the page and its heading, the emergency numbers (and `phone`, when given) as links laid out
 * left to right on one line in their own order, and nothing wider than the screen or its box.
 */
export async function checkPhoneLayout(browser, url, { lang, dir, phone, shot }) {
  await mkdir(SHOTS, { recursive: true });
  const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2 });
  await page.goto(url);
  await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
  assert.equal(await page.locator('html').getAttribute('lang'), lang);
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).direction), dir);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('main h1')).direction), dir);

  const phones = await page.evaluate(phoneDigits);
  assert.ok(phones.length >= 2, 'the emergency numbers are links');
  if (phone) {
    assert.ok(phones.some((p) => p.text.replace(/\s/g, ' ') === phone),
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
}

/**
 * Opens `url` (a page of the clinic `slug`) at 360 px and checks its footer: a link to the
 * same page in each of `langs` (its own language among them), at
 * `<root><code>/clinics/<slug>/`, with the `lang` screen readers need (Dari, `prs` in URLs,
 * is `fa-AF`: they have no `prs` voice), each at least 44 px high.
 */
export async function checkFooter(browser, url, root, langs, slug = 'oslo') {
  const page = await browser.newPage({ viewport: PHONE });
  await page.goto(url);
  const links = await page.locator('#languages a[hreflang]').evaluateAll((as) => as.map((a) => [a.hreflang, a.href, a.lang]));
  assert.equal(links.length, langs.length);
  assert.deepEqual(links.map(([code]) => code).sort(), [...langs].sort());
  for (const [code, href, lang] of links) {
    assert.equal(href, `${root}${code}/clinics/${slug}/`);
    assert.equal(lang, code === 'prs' ? 'fa-AF' : code);
  }
  const small = await page.locator('#languages a').evaluateAll((as) => as.filter((a) => a.getBoundingClientRect().height < 44).map((a) => a.textContent));
  assert.deepEqual(small, [], 'touch targets are at least 44 px high');
  await page.close();
}
