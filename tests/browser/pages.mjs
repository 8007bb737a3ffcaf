// Which pages of a built site stand for each page type, in which languages: shared by the
// accessibility and privacy tests, so a new page type is tested by both once it exists.
import { readFile, readdir, access } from 'node:fs/promises';
import path from 'node:path';

const exists = (p) => access(p).then(() => true, () => false);

/**
 * The languages to test: English (left to right) and the first right-to-left language the
 * site declares (Arabic when it is there), read from the built language chooser, so a
 * language declared in site.toml is picked up without changing the test.
 */
export async function testLanguages(dist) {
  const chooser = await readFile(path.join(dist, 'index.html'), 'utf8');
  const langs = [...chooser.matchAll(/<a [^>]*>/g)]
    .map((m) => ({ code: /lang="?([\w-]+)/.exec(m[0])?.[1], dir: /dir="?(\w+)/.exec(m[0])?.[1] }))
    .filter((l) => l.code);
  const ltr = langs.find((l) => l.code === 'en') ?? langs.find((l) => l.dir === 'ltr');
  const rtl = langs.find((l) => l.code === 'ar' && l.dir === 'rtl') ?? langs.find((l) => l.dir === 'rtl');
  return [ltr, rtl].filter(Boolean).map((l) => l.code);
}

/**
 * One page of each type, as paths below the site root: [type, path]. Types that a later
 * stage adds (offline page, 404 page, leaflet) are included as soon as they are built.
 */
export async function pageTypes(dist) {
  const langs = await testLanguages(dist);
  const pages = [['chooser', '']];
  const candidates = [
    ['home', ''], ['section', 'rights/'], ['plain page', 'about/'], ['rights page', 'rights/adults/'],
    ['clinic page', 'clinics/oslo/'], ['offline', 'offline/'], ['leaflet', 'leaflet/'],
  ];
  for (const lang of langs) {
    for (const [type, key] of candidates) {
      if (await exists(path.join(dist, lang, key, 'index.html'))) pages.push([`${type} (${lang})`, `${lang}/${key}`]);
    }
  }
  for (const lang of langs) {
    if (await exists(path.join(dist, lang, 'offline.html'))) pages.push([`offline (${lang})`, `${lang}/offline.html`]);
  }
  for (const extra of ['404.html', 'offline.html']) {
    if (await exists(path.join(dist, extra))) pages.push([extra, extra]);
  }
  return pages;
}

/** Every .html file below `dir`. */
export async function htmlFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}
