// The first screen (issue 20): on a 360 x 640 phone, without scrolling, the call links to
// 113, 116 117 and every health centre lie fully inside the screen and nothing covers them
// (the sticky quick-exit bar included). Shared by first-screen.test.mjs (the fixture site)
// and shipped-first-screen.test.mjs (the shipped site). Screenshots go to $VARDE_SHOTS.
import { readFile, readdir, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { SHOTS } from './layout.mjs';

/** The screen of the smallest phones our readers have. */
export const SCREEN = { width: 360, height: 640 };

/** The `tel:` addresses to find on every first screen: the emergency numbers and each
 * clinic's number, read from the site's clinic files (`content/clinics/*.toml`). */
export async function callLinks(root) {
  const dir = path.join(root, 'content/clinics');
  const clinics = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.toml')).sort()) {
    const text = await readFile(path.join(dir, file), 'utf8');
    clinics.push(`tel:${JSON.parse(/^e164 = (".*")$/m.exec(text)[1])}`);
  }
  return ['tel:113', 'tel:116117', ...clinics];
}

/**
 * For each of `hrefs`, the first link to it on the page as laid out now: where it is and
 * whether it is the topmost element at its centre. Runs in the page.
 */
function placeLinks(hrefs) {
  const vw = document.documentElement.clientWidth, vh = innerHeight;
  return hrefs.map((href) => {
    const a = document.querySelector(`a[href="${href}"]`);
    if (!a) return `${href}: no link`;
    const r = a.getBoundingClientRect();
    const box = `${Math.round(r.left)},${Math.round(r.top)}..${Math.round(r.right)},${Math.round(r.bottom)}`;
    if (r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > vh || r.right > vw) return `${href}: ${box} is not inside the ${vw} x ${vh} screen`;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!a.contains(hit)) return `${href}: covered at its centre by ${hit?.outerHTML.slice(0, 80)}`;
    return null;
  }).filter(Boolean);
}

/**
 * Opens `url` on a 360 x 640 screen (`js`: with or without JavaScript), optionally changes
 * the page first (`change`, run in the page: for the test that the check can fail), saves
 * `<shot>.png` and returns what is wrong with the first screen's call links: [] when all of
 * `hrefs` are inside the screen and on top.
 */
export async function firstScreenProblems(browser, url, hrefs, { js = true, shot, change } = {}) {
  const context = await browser.newContext({ viewport: SCREEN, javaScriptEnabled: js });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(() => document.fonts.ready);
    if (change) await page.evaluate(change);
    if (shot) {
      await mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `first-screen-${shot}.png`) });
    }
    return (await page.evaluate(placeLinks, hrefs)).map((p) => `${url}${js ? '' : ' (no JavaScript)'}: ${p}`);
  } finally {
    await context.close();
  }
}
