// Every page the templates make passes the Nu HTML Checker (vnu, the W3C validator) with
// zero errors: on the fixture site, every page type in the source language, a reviewed
// translation and a right-to-left draft. (tests/browser/shipped-validity.test.mjs checks
// every page of the shipped site.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildFixture, fixture, siteLanguages } from './lib.mjs';
import { htmlFiles } from './pages.mjs';
import { vnu, vnuErrors } from './vnu.mjs';

let dist;
before(async () => { dist = await buildFixture(); });

test('vnu finds errors when there are some (the check can fail)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'varde-vnu-'));
  const bad = path.join(dir, 'bad.html');
  await writeFile(bad, '<!doctype html><html lang=en><title>x</title><p><div>unclosed');
  const errors = vnu([bad]);
  assert.ok(errors.length >= 1, JSON.stringify(errors));
});

test('every page of the fixture site is valid HTML (Nu HTML Checker, zero errors)', async (t) => {
  const files = await htmlFiles(dist);
  // At least one page per Markdown file in each language, besides the chooser, 404 and offline pages.
  const sources = (await readdir(path.join(fixture, 'content/en'), { recursive: true })).filter((f) => f.endsWith('.md'));
  const langs = await siteLanguages(fixture);
  assert.ok(files.length >= sources.length * langs.length + 3, `only ${files.length} pages built`);
  const shown = vnuErrors(dist, files);
  assert.deepEqual(shown, [], `${shown.length} vnu errors`);
  t.diagnostic(`vnu checked ${files.length} pages: 0 errors`);
});
