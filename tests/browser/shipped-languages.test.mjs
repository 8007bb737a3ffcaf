// A test of the SHIPPED site (content/, site.toml as they are; see tests/README.md): every
// language our readers speak, with its real texts, in a real browser on a 360 px wide phone
// screen: direction, the real clinic's phone number keeping its digit order, no text of any
// translation spilling out of its box, the footer and the chooser holding the eleven
// languages. The behaviour of the chooser and the footer is tested on the fixture site by
// languages.test.mjs. Screenshots go to $VARDE_SHOTS (default /tmp/varde-shots/).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, serve, launch, repo, siteLanguages } from './lib.mjs';
import { checkPhoneLayout, checkFooter, PHONE, SHOTS } from './layout.mjs';

let browser, server, osloPhone;
before(async () => {
  server = await serve(await build());
  browser = await launch();
  const oslo = await readFile(path.join(repo, 'content/clinics/oslo.toml'), 'utf8');
  osloPhone = JSON.parse(/^display = (".*")$/m.exec(oslo)[1]);
});
after(async () => { await browser?.close(); await server?.close(); });

const CASES = [
  ['ar', 'rtl'], ['fa', 'rtl'], ['ti', 'ltr'], ['so', 'ltr'],
];
const PAGES = [['home', ''], ['oslo', 'clinics/oslo/']];

for (const [lang, dir] of CASES) {
  for (const [name, key] of PAGES) {
    test(`${lang} ${name} page at 360 px: ${dir}, phone numbers in order, nothing overflows`, async () => {
      await checkPhoneLayout(browser, `${server.url}${lang}/${key}`, {
        lang, dir, phone: name === 'oslo' ? osloPhone : null, shot: `${lang}-${name}`,
      });
    });
  }
}

test('the footer links to the same page in all eleven languages, and fits 360 px', async () => {
  const langs = await siteLanguages(repo);
  assert.equal(langs.length, 11);
  await checkFooter(browser, `${server.url}ar/clinics/oslo/`, server.url, langs);
});

test('the chooser holds the eleven languages in their own names and scripts, browser languages first', async () => {
  const chooser = async (options) => {
    const context = await browser.newContext({ viewport: PHONE, ...options });
    const page = await context.newPage();
    await page.goto(server.url);
    return { context, page, order: await page.locator('#choose a').evaluateAll((as) => as.map((a) => a.hreflang)) };
  };
  for (const [locale, first] of [['ti-ER', 'ti'], ['fa-AF', 'prs'], ['so-SO', 'so'], ['ar-IQ', 'ar'], ['nn-NO', 'nb']]) {
    const { context, page, order } = await chooser({ locale });
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
  const plain = await chooser({ locale: 'ti-ER', javaScriptEnabled: false });
  assert.deepEqual(plain.order, ['nb', 'en', 'ro', 'am', 'ti', 'so', 'fa', 'prs', 'ps', 'ar', 'ckb'], 'without JavaScript: the plain list');
  await plain.context.close();
});
