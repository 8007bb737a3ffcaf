// The reader's language in a real browser, on the fixture site: pages in the right direction
// on a 360 px wide phone screen, phone numbers that keep their digit order, no text spilling
// out of its box; the footer's links to every language; the language chooser (browser
// languages first, the last choice remembered on the device without cookies). The copy
// built here adds four languages to the fixture's nb, en and ar, their pages falling back to
// English: Tigrinya (Ethiopic script), Somali, Persian and Dari (two codes one browser tag
// could name). The shipped languages' real texts: shipped-languages.test.mjs.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, copySite, addLanguages, fixture, siteLanguages, serve, launch } from './lib.mjs';
import { checkPhoneLayout, checkFooter, PHONE, SHOTS } from './layout.mjs';

const ADDED = [['ti', 'ትግርኛ', 'ltr'], ['so', 'Soomaali', 'ltr'], ['fa', 'فارسی', 'rtl'], ['prs', 'دری', 'rtl']];
let browser, server, langs, osloPhone;
before(async () => {
  const copy = await copySite(fixture);
  await addLanguages(copy, ADDED);
  langs = await siteLanguages(copy);
  server = await serve(await build(copy));
  browser = await launch();
  const oslo = await readFile(path.join(copy, 'content/clinics/oslo.toml'), 'utf8');
  osloPhone = JSON.parse(/^display = (".*")$/m.exec(oslo)[1]);
});
after(async () => { await browser?.close(); await server?.close(); });

// Right to left: Arabic, whose draft pages are in Arabic (an added language's pages fall
// back to English, left to right inside the page). Ethiopic script: Tigrinya's interface.
const CASES = [
  ['ar', 'rtl'], ['nb', 'ltr'], ['ti', 'ltr'],
];
const PAGES = [['home', ''], ['oslo', 'clinics/oslo/']];

for (const [lang, dir] of CASES) {
  for (const [name, key] of PAGES) {
    test(`${lang} ${name} page at 360 px: ${dir}, phone numbers in order, nothing overflows`, async () => {
      await checkPhoneLayout(browser, `${server.url}${lang}/${key}`, {
        lang, dir, phone: name === 'oslo' ? osloPhone : null, shot: `fixture-${lang}-${name}`,
      });
    });
  }
}

test('the footer links to the same page in every language, and fits 360 px', async () => {
  assert.equal(langs.length, 7);
  await checkFooter(browser, `${server.url}ar/clinics/oslo/`, server.url, langs);
});

async function chooserOrder(options) {
  const context = await browser.newContext({ viewport: PHONE, ...options });
  const page = await context.newPage();
  await page.goto(server.url);
  const order = await page.locator('#choose a').evaluateAll((as) => as.map((a) => a.hreflang));
  return { context, page, order };
}

test('the chooser puts the browser languages first, in its own names and scripts', async () => {
  // fa-AF is Dari although Persian is there too; nn (Nynorsk) readers read Bokmål.
  for (const [locale, first] of [['ti-ER', 'ti'], ['fa-AF', 'prs'], ['fa-IR', 'fa'], ['so-SO', 'so'], ['ar-IQ', 'ar'], ['nn-NO', 'nb']]) {
    const { context, page, order } = await chooserOrder({ locale });
    assert.equal(order[0], first, `${locale}: ${order}`);
    assert.deepEqual([...order].sort(), [...langs].sort(), `${locale}: every language, once`);
    if (locale === 'ti-ER') {
      await page.screenshot({ path: path.join(SHOTS, 'fixture-chooser-ti.png'), fullPage: true });
      assert.equal(await page.locator('#choose a[hreflang=ti]').innerText(), 'ትግርኛ');
      const heights = await page.locator('#choose a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height));
      assert.ok(Math.min(...heights) >= 44, `touch targets ${heights}`);
    }
    await context.close();
  }
  const plain = await chooserOrder({ locale: 'ti-ER', javaScriptEnabled: false });
  assert.deepEqual(plain.order, langs, 'without JavaScript: the plain list, in site.toml\'s order');
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
  await page.screenshot({ path: path.join(SHOTS, 'fixture-chooser-remembered-ar.png'), fullPage: true });
  // Switching language in a page footer changes what is remembered.
  await page.goto(`${server.url}ar/clinics/oslo/`);
  await page.locator('#languages a[hreflang=so]').click();
  await page.waitForURL(`${server.url}so/clinics/oslo/`);
  await page.goto(server.url);
  assert.equal(await page.locator('#continue a').getAttribute('href'), 'so/');
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});
