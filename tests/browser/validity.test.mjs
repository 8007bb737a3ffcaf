// Every page of the shipped site passes the Nu HTML Checker (vnu, the W3C validator) with
// zero errors. vnu comes from npm (vnu-jar), Java from Debian (default-jre-headless).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, repo } from './lib.mjs';
import { htmlFiles } from './pages.mjs';

const vnuJar = path.join(repo, 'tests/browser/node_modules/vnu-jar/build/dist/vnu.jar');

/** Runs vnu on `files`; returns its error messages. */
function vnu(files) {
  const r = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  // vnu writes its report to stderr; exit code 1 means it found errors.
  const report = JSON.parse(r.stderr);
  return report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
}

let dist;
before(async () => { dist = await build(); });

test('vnu finds errors when there are some (the check can fail)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'varde-vnu-'));
  const bad = path.join(dir, 'bad.html');
  await writeFile(bad, '<!doctype html><html lang=en><title>x</title><p><div>unclosed');
  const errors = vnu([bad]);
  assert.ok(errors.length >= 1, JSON.stringify(errors));
});

test('every page of dist/ is valid HTML (Nu HTML Checker, zero errors)', async (t) => {
  const files = await htmlFiles(dist);
  assert.ok(files.length >= 20, `only ${files.length} pages built`);
  const errors = vnu(files);
  const shown = errors.map((m) => `${path.relative(dist, new URL(m.url).pathname)}:${m.lastLine}:${m.firstColumn ?? m.lastColumn}: ${m.message}\n    ${m.extract ?? ''}`);
  assert.deepEqual(shown, [], `${errors.length} vnu errors`);
  t.diagnostic(`vnu checked ${files.length} pages: 0 errors`);
});
