// Next openings that never go blank (issue 20, part 2): a page is read long after its build
// (2026-11-23), so the boxes of next openings on the home page's cards, the clinic page and
// the one-file copy are computed on the device (next.js) from the clinic's year of openings.
// In headless Chromium with the device clock set 10, 45, 200 and 400 days after the build,
// online, offline (the service worker serving) and from disk: no opening that is over is
// shown, a box is never empty, and past the data's end (a year) it says the dates are not
// known that far ahead, with the usual weekly hours and the phone number. Without
// JavaScript the list stays as built, headed "as of <build date>", with the weekly hours.
// On the fixture site (tests/fixtures/site: Oslo Tu 17-20, Th 11-15; Bergen Th 18-20:30,
// women's drop-in Wednesdays of even weeks).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildFixture, serve, launch, uiString } from './lib.mjs';

let browser, dist, server;
before(async () => {
  dist = await buildFixture();
  server = await serve(dist);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const day = 864e5;
const built = Date.parse('2026-11-23T00:00:00+01:00');
/** Instants after the build, at 13:00 in Oslo (12:00 UTC in winter, 11:00 in summer). */
const LATER = {
  10: '2026-12-03T12:00:00Z', // Thursday: Oslo's 11:00-15:00 opening is still on
  45: '2027-01-07T12:00:00Z', // Thursday again
  200: '2027-06-11T11:00:00Z', // Friday
  400: '2027-12-28T12:00:00Z', // past the year of data
};
for (const [days, iso] of Object.entries(LATER)) {
  assert.equal(Math.floor((Date.parse(iso) - built) / day), +days, iso);
}
/** The first opening each box must show (Oslo's and Bergen's), by days after the build. */
const FIRST = {
  10: { oslo: '2026-12-03', bergen: '2026-12-03' },
  45: { oslo: '2027-01-07', bergen: '2027-01-07' },
  200: { oslo: '2027-06-15', bergen: '2027-06-16' },
};

/** Every box of next openings on the page, as a reader sees it. */
function boxes(page) {
  return page.locator('[data-next]').evaluateAll((els) => els.map((box) => ({
    clinic: box.dataset.next,
    n: +box.dataset.n, // how many the box holds: 1 on the home cards (the first screen), 5 on clinic pages
    asOf: box.querySelector('[data-as-of]').checkVisibility(),
    dates: [...box.querySelectorAll('[data-list] li')].filter((li) => li.checkVisibility())
      .map((li) => li.querySelector('time').getAttribute('datetime')),
    items: [...box.querySelectorAll('[data-list] li')].filter((li) => li.checkVisibility())
      .map((li) => li.textContent),
    text: box.innerText,
    pastEnd: [...box.querySelectorAll('[data-past-end]')].every((e) => e.checkVisibility()),
  })));
}

/**
 * Whether the reader sees a clinic's weekly hours exactly once around box `b`: a home card's
 * box (n = 1) says them itself; a clinic page's box (n = 5) has its weekly table just above
 * it, visible, and does not say them again.
 */
async function weeklyHoursShown(page, b) {
  if (b.n === 1) return b.text.includes('Usual hours:');
  const table = await page.locator(`[data-next="${b.clinic}"][data-n="5"]`).evaluate((box) => {
    let e = box.previousElementSibling;
    while (e && e.tagName !== 'TABLE') e = e.previousElementSibling;
    return e ? e.checkVisibility() && /\d\d:\d\d/.test(e.innerText) : false;
  });
  return table && !b.text.includes('Usual hours:');
}

/** The local (Oslo) date of an instant, ISO. */
const osloDate = (iso) => new Date(iso).toLocaleDateString('sv', { timeZone: 'Europe/Oslo' });

const phones = { oslo: '222 33 444', bergen: '555 66 777' };

/** Checks the boxes of one page read `days` after the build. */
async function check(page, where, days) {
  const found = await boxes(page);
  assert.ok(found.length > 0, `${where}: boxes of next openings`);
  const unknown = await uiString('en', 'next_unknown');
  for (const b of found) {
    const label = `${where} +${days} days, ${b.clinic}`;
    // The weekly hours: in the box on the home cards; on a clinic page in its table, just
    // above the box, and not again in the box.
    assert.ok(await weeklyHoursShown(page, b), `${label}: the weekly hours once: ${b.text}`);
    assert.ok(!b.asOf, `${label}: the device knows the date, no "as of"`);
    if (days >= 365) {
      assert.deepEqual(b.dates, [], `${label}: no dates past the data's end`);
      assert.ok(b.pastEnd, `${label}: says the dates are not known`);
      assert.ok(b.text.includes(unknown), `${label}: ${b.text}`);
      assert.ok(b.text.includes(phones[b.clinic]), `${label}: the phone number: ${b.text}`);
      assert.ok(b.text.indexOf(unknown) < b.text.indexOf(phones[b.clinic]), `${label}: ${b.text}`);
      if (b.n === 1) {
        assert.ok(b.text.indexOf(unknown) < b.text.indexOf('Usual hours:')
          && b.text.indexOf('Usual hours:') < b.text.indexOf(phones[b.clinic]), `${label}: ${b.text}`);
      }
    } else {
      assert.ok(b.dates.length >= Math.min(2, b.n), `${label}: openings shown: ${b.items}`);
      assert.ok(!b.pastEnd, label);
      const today = osloDate(LATER[days]);
      assert.ok(b.dates.every((d) => d >= today), `${label}: an opening that is over: ${b.dates}`);
      assert.deepEqual([...b.dates].sort(), b.dates, label);
      assert.equal(b.dates[0], FIRST[days][b.clinic], `${label}: ${b.items}`);
    }
  }
  if (days < 365) {
    // The rule's next dates in a weekly table (Bergen's women's drop-in) follow too.
    const dates = await page.locator('td small[data-dates] time').evaluateAll((els) =>
      els.filter((e) => e.checkVisibility()).map((e) => e.getAttribute('datetime')));
    assert.ok(dates.every((d) => d >= osloDate(LATER[days])), `${where}: ${dates}`);
  }
  return found;
}

const PAGES = ['en/', 'en/clinics/oslo/', 'en/clinics/bergen/'];

test('online: the home page and the clinic pages show the openings to come, 10 to 400 days after the build', async () => {
  const context = await browser.newContext({ timezoneId: 'America/New_York', serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    for (const days of Object.keys(LATER)) {
      await page.clock.setFixedTime(new Date(LATER[days]));
      for (const url of PAGES) {
        await page.goto(server.url + url);
        const found = await check(page, url, +days);
        if (url === 'en/') assert.deepEqual(found.map((b) => b.clinic).sort(), ['bergen', 'oslo']);
        if (url === 'en/clinics/oslo/' && days === '10') {
          assert.equal(found[0].dates.length, 5, 'the clinic page lists five');
          assert.match(found[0].items[0], /^Thursday 3 December, 11:00–15:00 · Drop-in$/);
        }
      }
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an opening computed on the device on a public holiday keeps the "call before you come" note', async () => {
  // Monday 3 May 2027: Oslo's next Thursday is Ascension Day (6 May 2027), far past the
  // five openings built in November.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    await page.clock.setFixedTime(new Date('2027-05-03T10:00:00Z'));
    await page.goto(server.url + 'en/clinics/oslo/');
    const [oslo] = await boxes(page);
    assert.equal(oslo.dates[1], '2027-05-06', oslo.items.join(' | '));
    const note = await uiString('en', 'holiday_call_first');
    const name = await uiString('en', 'holiday_ascension_day');
    assert.ok(oslo.items[1].includes(`· ${note} (${name})`), oslo.items[1]);
    assert.ok(!oslo.items[0].includes(note), oslo.items[0]);
  } finally {
    await context.close();
  }
});

test('offline, the service worker serving: the same, and past the data\'s end the phone number', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'varde-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const own = await serve(dist);
  try {
    const page = await context.newPage();
    await page.goto(own.url + 'en/');
    await page.waitForFunction(() => document.getElementById('vo')?.classList.contains('on'), null, { timeout: 60_000 });
    await own.close();
    for (const days of ['45', '400']) {
      await page.clock.setFixedTime(new Date(LATER[days]));
      for (const url of PAGES) {
        const response = await page.goto(own.url + url);
        assert.ok(response.fromServiceWorker(), `${url}: from the service worker`);
        await check(page, `offline ${url}`, +days);
      }
    }
  } finally {
    await context.close();
  }
});

test('the one-file copy, opened from disk with every other request refused', async () => {
  const file = pathToFileURL(path.join(dist, 'en', 'all-in-one.html')).href;
  for (const days of Object.keys(LATER)) {
    const page = await browser.newPage();
    const refused = [], errors = [];
    await page.route('**/*', (route) => {
      if (route.request().url() === file) return route.continue();
      refused.push(route.request().url());
      return route.abort();
    });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.clock.setFixedTime(new Date(LATER[days]));
    await page.goto(file);
    const found = await check(page, 'all-in-one.html', +days);
    assert.ok(found.length >= 4, 'the home cards and both clinic pages');
    await page.close();
    assert.deepEqual(errors, []);
    assert.deepEqual(refused, []);
  }
});

test('without JavaScript the built list stays, headed "as of" the build date, with the weekly hours', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    for (const url of [...PAGES.map((u) => server.url + u), pathToFileURL(path.join(dist, 'en', 'all-in-one.html')).href]) {
      await page.goto(url);
      for (const b of await boxes(page)) {
        assert.ok(b.asOf, `${url} ${b.clinic}`);
        assert.ok(b.text.startsWith('As of Monday 23 November:'), `${url}: ${b.text}`);
        assert.ok(b.dates.length >= Math.min(2, b.n) && b.dates[0] >= '2026-11-23', `${url}: ${b.dates}`);
        assert.ok(await weeklyHoursShown(page, b), `${url}: the weekly hours once: ${b.text}`);
        if (b.n === 1) assert.ok(b.text.indexOf('Usual hours:') > b.text.indexOf(b.items.at(-1)), `${url}: ${b.text}`);
        assert.ok(!b.pastEnd, url);
      }
    }
  } finally {
    await context.close();
  }
});
