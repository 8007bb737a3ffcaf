// A test of the SHIPPED site (content/, site.toml as they are; see tests/README.md): every
// page readers get, in all its languages, passes the Nu HTML Checker (vnu, the W3C validator)
// with zero errors. The shipped content can break validity where the templates do not (a
// table or raw HTML in one translation), so this checks what readers get. The templates'
// own validity is checked on the fixture site by validity.test.mjs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { build } from './lib.mjs';
import { htmlFiles } from './pages.mjs';
import { vnuErrors } from './vnu.mjs';

let dist;
before(async () => { dist = await build(); });

test('every page of the shipped site is valid HTML (Nu HTML Checker, zero errors)', async (t) => {
  const files = await htmlFiles(dist);
  assert.ok(files.length >= 20, `only ${files.length} pages built`);
  const shown = vnuErrors(dist, files);
  assert.deepEqual(shown, [], `${shown.length} vnu errors`);
  t.diagnostic(`vnu checked ${files.length} pages: 0 errors`);
});
