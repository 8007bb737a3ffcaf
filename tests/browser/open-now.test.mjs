// "Open now" on the clinic pages, in headless Chromium with the device in another time zone
// than the clinics (New York, Tokyo) and the clock set to chosen instants after the build
// date (2026-11-23): the status must follow Oslo time, week rules, public holidays (the
// fixture's clinics have not said whether they open: "maybe open, call first") and summer
// time, in the reader's language, and say to call when the embedded intervals have run out.
// Without JavaScript the static list of next openings stays. On the fixture site
// (tests/fixtures/site/content/clinics/: made-up clinics whose hours hold these cases).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildFixture, serve, launch, fixture } from './lib.mjs';

let browser, server, osloPhone;
before(async () => {
  server = await serve(await buildFixture());
  const oslo = await readFile(path.join(fixture, 'content/clinics/oslo.toml'), 'utf8');
  osloPhone = JSON.parse(/^display = (".*")$/m.exec(oslo)[1]);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Bidi isolation marks the script puts around filled-in values. */
const plain = (s) => s.replace(/[\u2066-\u2069]/g, '');

/**
 * Opens `<lang>/clinics/<slug>/` at instant `iso` with the device in `timezoneId`, and
 * returns {status: {label: text}, old, listHidden}.
 */
async function openNow(lang, slug, iso, timezoneId = 'America/New_York') {
  const context = await browser.newContext({ timezoneId, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(iso));
  try {
    await page.goto(`${server.url}${lang}/clinics/${slug}/`);
    const tz = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    assert.equal(tz, timezoneId, 'the device time zone is not Oslo');
    await page.waitForSelector('#on:not([hidden])');
    return await page.evaluate(() => {
      const status = {};
      for (const li of document.querySelectorAll('#on li')) {
        status[li.querySelector('b').textContent.replace(/:$/, '')] = li.lastChild.textContent;
      }
      const old = document.getElementById('on-old');
      return {
        status,
        old: old.hidden ? null : old.textContent,
        listHidden: document.querySelector('#on ul').hidden,
        live: document.getElementById('on').getAttribute('aria-live'),
      };
    });
  } finally {
    await context.close();
  }
}

test('Tuesday 17:30 in Oslo: open until 20:00, whatever the device time zone', async () => {
  // 2026-12-01 17:30 in Oslo (CET, UTC+1).
  for (const tz of ['America/New_York', 'Asia/Tokyo']) {
    const en = await openNow('en', 'oslo', '2026-12-01T16:30:00Z', tz);
    assert.equal(plain(en.status['Drop-in']), 'Open now, until 20:00', tz);
    assert.equal(en.live, 'polite');
  }
  const nb = await openNow('nb', 'oslo', '2026-12-01T16:30:00Z');
  assert.equal(plain(nb.status['Drop-in']), 'Åpent nå, til 20:00');
  const ar = await openNow('ar', 'oslo', '2026-12-01T16:30:00Z', 'Asia/Tokyo');
  assert.equal(plain(ar.status['الحضور دون موعد']), 'مفتوح الآن، حتى 20:00');
});

test('Tuesday 20:01 in Oslo: closed now, next Thursday 11:00', async () => {
  const en = await openNow('en', 'oslo', '2026-12-01T19:01:00Z');
  assert.equal(plain(en.status['Drop-in']), 'Closed now. Next: Thursday 3 December, 11:00');
  const nb = await openNow('nb', 'oslo', '2026-12-01T19:01:00Z', 'Asia/Tokyo');
  assert.equal(plain(nb.status['Drop-in']), 'Stengt nå. Neste gang: torsdag 3. desember, 11:00');
  const ar = await openNow('ar', 'oslo', '2026-12-01T19:01:00Z');
  assert.equal(plain(ar.status['الحضور دون موعد']), 'مغلق الآن. المرة القادمة: الخميس، 3 ديسمبر، 11:00');
});

test('Tuesday morning in Oslo: opens today at 17:00 (in Tokyo it is already evening)', async () => {
  const en = await openNow('en', 'oslo', '2026-12-01T09:00:00Z', 'Asia/Tokyo');
  assert.equal(plain(en.status['Drop-in']), 'Opens today at 17:00');
});

test('Bergen, a Wednesday of an odd ISO week: no women\'s drop-in that day', async () => {
  // 2026-12-02 is in week 49; 18:30 in Bergen. Next even-week Wednesday: 9 December.
  const en = await openNow('en', 'bergen', '2026-12-02T17:30:00Z');
  assert.equal(plain(en.status['Drop-in for women']), 'Closed today. Next: Wednesday 9 December, 18:00');
  assert.equal(plain(en.status['Drop-in']), 'Closed today. Next: Thursday 3 December, 18:00');
  // Week 53 of 2026 is odd too, and week 1 of 2027: the next one is on 13 January.
  const wk53 = await openNow('en', 'bergen', '2026-12-30T17:30:00Z', 'Asia/Tokyo');
  assert.equal(plain(wk53.status['Drop-in for women']), 'Closed today. Next: Wednesday 13 January, 18:00');
  // And in an even week it is open.
  const wk50 = await openNow('nb', 'bergen', '2026-12-09T17:30:00Z');
  assert.equal(plain(wk50.status['Drop-in for kvinner']), 'Åpent nå, til 20:30');
  const ar = await openNow('ar', 'bergen', '2026-12-02T17:30:00Z');
  assert.match(plain(ar.status['الحضور دون موعد للنساء']), /^مغلق اليوم\. المرة القادمة: الأربعاء، 9 ديسمبر، 18:00$/);
});

test('Public holiday the clinic has not spoken about: maybe open, call first (Maundy Thursday)', async () => {
  // Thursday 25 March 2027, 12:00 in Oslo (CET): a drop-in day, and a public holiday.
  const en = await openNow('en', 'oslo', '2027-03-25T11:00:00Z');
  assert.equal(plain(en.status['Drop-in']), 'Maybe open: call first. Public holiday, usual hours 11:00–15:00');
  assert.doesNotMatch(en.status['Drop-in'], /Closed|Open now/);
  const nb = await openNow('nb', 'oslo', '2027-03-25T11:00:00Z', 'Asia/Tokyo');
  assert.equal(plain(nb.status['Drop-in']), 'Kanskje åpent: ring først. Helligdag, vanlig tid 11:00–15:00');
  const ar = await openNow('ar', 'oslo', '2027-03-25T11:00:00Z');
  assert.match(plain(ar.status['الحضور دون موعد']), /^قد يكون مفتوحًا: اتصل أولًا\./);
  // Early that morning it says the same, not "opens today".
  const morning = await openNow('en', 'oslo', '2027-03-25T07:00:00Z');
  assert.equal(plain(morning.status['Drop-in']), 'Maybe open: call first. Public holiday, usual hours 11:00–15:00');
  // Before it, "next" carries the note; after it, the next ordinary opening has none.
  const tuesday = await openNow('en', 'oslo', '2027-03-23T19:01:00Z');
  assert.equal(plain(tuesday.status['Drop-in']), 'Closed now. Next: Thursday 25 March, 11:00 · Public holiday: call before you come');
  const after = await openNow('en', 'oslo', '2027-03-25T14:01:00Z');
  assert.equal(plain(after.status['Drop-in']), 'Closed now. Next: Tuesday 30 March, 17:00');
});

test('Summer time: open on Tuesday 17:30 CEST', async () => {
  // Tuesday 30 March 2027, 17:30 in Oslo is 15:30 UTC (CEST, after 2027-03-28).
  const summer = await openNow('en', 'oslo', '2027-03-30T15:30:00Z', 'Asia/Tokyo');
  assert.equal(plain(summer.status['Drop-in']), 'Open now, until 20:00');
  const before = await openNow('en', 'oslo', '2027-03-30T14:59:00Z');
  assert.equal(plain(before.status['Drop-in']), 'Opens today at 17:00');
});

test('After the embedded intervals end: the times may be out of date, call', async () => {
  for (const [lang, text] of [
    ['en', `These times may be out of date. Call ${osloPhone} to check.`],
    ['nb', `Disse tidene kan være utdatert. Ring ${osloPhone} for å sjekke.`],
    ['ar', `قد تكون هذه الأوقات قديمة. اتصل بالرقم ${osloPhone} للتأكد.`],
  ]) {
    const r = await openNow(lang, 'oslo', '2027-12-01T12:00:00Z');
    assert.equal(plain(r.old ?? ''), text, lang);
    assert.equal(r.listHidden, true, `${lang}: no stale "open now" lines`);
  }
  // The day before the window ends it still answers from the data.
  const last = await openNow('en', 'bergen', '2027-11-18T17:30:00Z');
  assert.equal(last.old, null);
  assert.equal(plain(last.status['Drop-in']), 'Open now, until 20:30');
});

test('The status follows the running clock, and is not rewritten while nothing changes', async () => {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    // 16:59 in Oslo on Tuesday 1 December 2026; the clock runs from there.
    await page.clock.install({ time: new Date('2026-12-01T15:59:00Z') });
    await page.goto(`${server.url}en/clinics/oslo/`);
    const status = () => page.evaluate(() => document.querySelector('#on li span').textContent.replace(/[\u2066-\u2069]/g, ''));
    assert.equal(await status(), 'Opens today at 17:00');
    await page.evaluate(() => {
      window.changes = 0;
      new MutationObserver((m) => { window.changes += m.length; })
        .observe(document.getElementById('on'), { childList: true, subtree: true, characterData: true });
    });
    await page.clock.runFor(35_000); // one update, same text: screen readers hear nothing
    assert.equal(await page.evaluate(() => window.changes), 0);
    await page.clock.runFor(60_000); // now 17:00:35 in Oslo
    assert.equal(await status(), 'Open now, until 20:00');
    assert.ok(await page.evaluate(() => window.changes) > 0);
  } finally {
    await context.close();
  }
});

test('Without JavaScript: no empty status, the next openings stay', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}en/clinics/oslo/`);
    assert.equal(await page.isVisible('#on'), false);
    const items = await page.locator('ol.next li').allTextContents();
    assert.equal(items.length, 5);
    assert.match(items[0], /^Tuesday 24 November, 17:00–20:00/);
  } finally {
    await context.close();
  }
});

test('Days after the build: the openings that are over are gone, on the clinic page and the home page', async () => {
  // Thursday 26 November 2026, 16:30 in Oslo: three days after the build; Oslo's Tuesday
  // and Thursday openings and Bergen's women's drop-in on Wednesday 25 November are over.
  // (More instants, offline and from disk: next-openings.test.mjs.)
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-11-26T15:30:00Z'));
  const visible = (selector) => page.locator(selector).evaluateAll((els) =>
    els.filter((e) => e.checkVisibility()).map((e) => e.textContent));
  try {
    await page.goto(`${server.url}en/clinics/oslo/`);
    const oslo = await visible('ol.next li');
    assert.equal(oslo.length, 5, oslo.join(' | '));
    assert.match(oslo[0], /^Tuesday 1 December, 17:00–20:00/);

    await page.goto(`${server.url}en/clinics/bergen/`);
    const dates = await visible('td small[data-dates] span');
    assert.ok(dates.length > 0);
    assert.ok(!dates.some((d) => d.includes('25 November')), dates.join(' | '));
    assert.match(dates[0], /^Wednesday 9 December/);

    await page.goto(`${server.url}en/`);
    const cards = await visible('.cards [data-list] li:first-child');
    assert.deepEqual(cards.map((c) => c.split(',')[0]), ['Thursday 26 November', 'Tuesday 1 December'],
      'Bergen: Thursday 18:00 is still to come; Oslo: its next opening');
  } finally {
    await context.close();
  }
});

test('Without JavaScript the home page shows each clinic\'s first openings as built', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}en/`);
    const cards = await page.locator('.cards [data-list] li:first-child').allTextContents();
    assert.deepEqual(cards.map((c) => c.split(',')[0]), ['Wednesday 25 November', 'Tuesday 24 November']);
  } finally {
    await context.close();
  }
});
