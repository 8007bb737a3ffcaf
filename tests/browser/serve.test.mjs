// `varde serve` in a real browser: a saved edit shows without a manual reload, a broken
// edit shows the error overlay with file and line, and fixing it brings the page back.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, repo, varde } from './lib.mjs';

let browser, server, site, origin;
const stderr = [];

before(async () => {
  site = await copyFixture('multilingual');
  server = spawn(varde, ['--root', site, 'serve', '--port', '0'], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1795392000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr.on('data', (d) => stderr.push(String(d)));
  origin = await new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/\S+?)\/\n/);
      if (m) ok(m[1]);
    });
    server.on('exit', (code) => fail(new Error(`varde serve exited with ${code}:\n${stderr.join('')}`)));
  });
  browser = await launch();
});

/** Resolves once the server's terminal output (stderr) includes `text`. */
const printed = (text) => new Promise((ok) => {
  const check = () => { if (stderr.join('').includes(text)) { server.stderr.off('data', check); ok(); } };
  server.stderr.on('data', check);
  check();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((ok) => server.on('exit', (code) => ok(code)));
    server.kill('SIGINT');
    assert.equal(await exited, 0, 'Ctrl-C stops the server cleanly');
  }
  if (site) await rm(site, { recursive: true, force: true });
});

// A fixture site with the shipped theme (fixtures have none of their own), in a temporary
// folder the test may change.
async function copyFixture(name) {
  const dir = await mkdtemp(path.join(tmpdir(), 'varde-serve-'));
  const from = path.join(repo, 'tests/fixtures', name);
  for (const p of ['site.toml', 'content']) await cp(path.join(from, p), path.join(dir, p), { recursive: true });
  await cp(path.join(repo, 'themes'), path.join(dir, 'themes'), { recursive: true });
  return dir;
}

test('an edit shows at once, a broken edit shows the overlay, a fix clears it', async () => {
  const file = path.join(site, 'content/en/about.md');
  const original = await readFile(file, 'utf8');
  const page = await browser.newPage();
  const violations = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${origin}/en/about/`);
  await page.locator('html[data-varde-serve=live]').waitFor({ state: 'attached', timeout: 20000 });
  assert.doesNotMatch(await page.locator('main').innerText(), /Saved from the editor/);

  // Save a change: the open page reloads itself.
  await writeFile(file, original.trimEnd() + '\n\nSaved from the editor.\n');
  await page.locator('main', { hasText: 'Saved from the editor.' }).waitFor({ timeout: 20000 });

  // Break the front matter: the overlay names the file and line, as the terminal does.
  await writeFile(file, original.replace('weight = 20', 'weight = twenty'));
  const overlay = page.locator('#varde-errors');
  await overlay.waitFor({ timeout: 20000 });
  const text = await overlay.innerText();
  assert.match(text, /content\/en\/about\.md:3/);
  assert.ok(stderr.join('').includes('content/en/about.md:3'), 'the terminal prints the same place');
  assert.equal(await overlay.getAttribute('role'), 'alert');
  // The last good page stays under the overlay.
  assert.match(await page.locator('main').innerText(), /Saved from the editor\./);

  // Fix it: the overlay goes and the page shows the fixed text.
  await writeFile(file, original.trimEnd() + '\n\nFixed again.\n');
  await page.locator('main', { hasText: 'Fixed again.' }).waitFor({ timeout: 20000 });
  await overlay.waitFor({ state: 'detached', timeout: 20000 });
  assert.deepEqual(violations, [], 'the injected script passes the page CSP');
  await page.close();
});

test('a page opened while the site is broken shows the overlay at once', async () => {
  const file = path.join(site, 'content/nb/about.md');
  const original = await readFile(file, 'utf8');
  await writeFile(file, original.replace('+++', '+++\ntitle = '));
  const page = await browser.newPage();
  try {
    // Wait until the server has seen the broken save, then open a page.
    await printed('content/nb/about.md:');
    await page.goto(`${origin}/nb/`);
    await page.locator('html[data-varde-serve=live]').waitFor({ state: 'attached', timeout: 20000 });
    const overlay = page.locator('#varde-errors');
    await overlay.waitFor({ timeout: 20000 });
    assert.match(await overlay.innerText(), /content\/nb\/about\.md:\d+/);
  } finally {
    await writeFile(file, original);
  }
  await page.locator('#varde-errors').waitFor({ state: 'detached', timeout: 20000 });
  await page.close();
});
