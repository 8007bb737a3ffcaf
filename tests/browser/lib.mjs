// Shared helpers for varde's browser tests: build a site with the real binary, serve a
// folder on 127.0.0.1 (optionally under a subpath), and start Debian's headless Chromium.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, writeFile, stat, mkdtemp, cp, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const varde = path.join(repo, 'target/release/varde');
/**
 * The fixture site of the tests of varde's code (tests/README.md): nb, en and an Arabic
 * draft, two made-up clinics. It has no themes/: `copySite` and `buildFixture` add the repo's.
 */
export const fixture = path.join(repo, 'tests/fixtures/site');

/** Runs `varde <args>` and returns {status, stdout, stderr}. */
export function run(args, opts = {}) {
  const r = spawnSync(varde, args, {
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1795392000', ...(opts.env || {}) }, // 2026-11-23
    cwd: opts.cwd || repo,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Builds the site at `root` into a new temporary folder and returns its path. */
export async function build(root = repo, extraArgs = []) {
  const out = await mkdtemp(path.join(tmpdir(), 'varde-dist-'));
  const r = run(['--root', root, 'build', '--output', out, ...extraArgs]);
  if (r.status !== 0) throw new Error(`varde build failed:\n${r.stderr}`);
  return out;
}

/**
 * Copies a site folder (the shipped site by default) to a temporary place, so a test can
 * change it; a site without its own themes/ (a fixture) gets the repo's, as the Rust harness
 * does.
 */
export async function copySite(root = repo) {
  const dir = await mkdtemp(path.join(tmpdir(), 'varde-site-'));
  for (const p of ['site.toml', 'content']) {
    await cp(path.join(root, p), path.join(dir, p), { recursive: true });
  }
  const themes = (await exists(path.join(root, 'themes'))) ? root : repo;
  await cp(path.join(themes, 'themes'), path.join(dir, 'themes'), { recursive: true });
  return dir;
}

/** Builds a copy of the fixture site (with the repo's themes) and returns the output folder. */
export async function buildFixture(extraArgs = []) {
  return build(await copySite(fixture), extraArgs);
}

/**
 * Appends languages to the site.toml of the site copy `dir`: `[[code, name, dir]]`, each
 * falling back to English. They have no pages of their own: every page falls back.
 */
export async function addLanguages(dir, langs) {
  const file = path.join(dir, 'site.toml');
  let text = await readFile(file, 'utf8');
  for (const [code, name, direction] of langs) {
    text += `\n[languages.${code}]\nname = "${name}"\ntitle = "${name}"\ndir = "${direction}"\nfallback = ["en"]\n`;
  }
  await writeFile(file, text);
}

/** The language codes `root`'s site.toml declares, in its order. */
export async function siteLanguages(root) {
  const text = await readFile(path.join(root, 'site.toml'), 'utf8');
  return [...text.matchAll(/^\[languages\.([\w-]+)\]$/gm)].map((m) => m[1]);
}

/** The value of a top-level `key = "…"` of `root`'s site.toml. */
export async function siteSetting(root, key) {
  const text = await readFile(path.join(root, 'site.toml'), 'utf8');
  return JSON.parse(new RegExp(`^${key} = (".*")$`, 'm').exec(text)[1]);
}

/** The interface string `key` of `lang`, as the translators wrote it in the repo's theme. */
export async function uiString(lang, key) {
  const text = await readFile(path.join(repo, 'themes/varde/i18n', `${lang}.toml`), 'utf8');
  return JSON.parse(new RegExp(`^${key} = (".*")$`, 'm').exec(text)[1]);
}

const exists = (p) => access(p).then(() => true, () => false);

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webm': 'video/webm', '.opus': 'audio/ogg', '.vtt': 'text/vtt', '.ics': 'text/calendar; charset=utf-8', '.pdf': 'application/pdf', '.txt': 'text/plain',
};

/**
 * Serves `dir` on 127.0.0.1 under `prefix` (default `/`). Returns {url, origin, setDir, close,
 * requests, answered}. `url` ends with `/`. `requests` records every URL asked for, `answered`
 * every URL whose response was sent in full.
 * `rewrite(relPath, bytes)` may alter a response (to corrupt a file, say). `delay(relPath)` may
 * return a promise (or a number of milliseconds) the response waits for (to make a service
 * worker's install slow, say). `gzip` compresses text responses; `sent.bytes` counts the body
 * bytes of the files served. `drop(relPath)` true loses the connection instead of answering (the
 * network lost mid-download). `lastModified` sends each file's mtime as Last-Modified and
 * answers `304 Not Modified` when If-Modified-Since is not older than it, by timestamp alone,
 * as some hosts do.
 */
export async function serve(dir, { prefix = '/', rewrite, delay, gzip = false, drop, lastModified = false } = {}) {
  let root = dir;
  const requests = [], answered = [];
  const sent = { bytes: 0 };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(url.pathname);
    res.on('finish', () => answered.push(url.pathname));
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404); res.end('not here'); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel.includes('..')) { res.writeHead(400); res.end(); return; }
    let file = path.join(root, rel);
    try {
      if ((await stat(file)).isDirectory()) {
        if (!url.pathname.endsWith('/')) { res.writeHead(301, { location: url.pathname + '/' }); res.end(); return; }
        file = path.join(file, 'index.html');
        rel = path.posix.join(rel, 'index.html');
      }
      if (drop?.(rel)) { req.socket.destroy(); return; }
      const mtime = new Date(Math.floor((await stat(file)).mtimeMs / 1000) * 1000);
      const since = Date.parse(req.headers['if-modified-since'] || '');
      if (lastModified && since >= mtime.getTime()) {
        res.writeHead(304, { 'last-modified': mtime.toUTCString() }); res.end(); return;
      }
      let body = await readFile(file);
      const wait = delay?.(rel);
      if (wait != null) await (typeof wait === 'number' ? new Promise((ok) => setTimeout(ok, wait)) : wait);
      if (rewrite) body = rewrite(rel, body) ?? body;
      const type = TYPES[path.extname(file)] || 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': 'no-cache' };
      if (lastModified) headers['last-modified'] = mtime.toUTCString();
      // As the free static hosts do: text compressed when the browser accepts gzip.
      if (gzip && /text|json|svg/.test(type) && /gzip/.test(req.headers['accept-encoding'] || '')) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
      }
      sent.bytes += body.length;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      try {
        const body = await readFile(path.join(root, '404.html'));
        res.writeHead(404, { 'content-type': TYPES['.html'] }); res.end(body);
      } catch { res.writeHead(404); res.end('not found'); }
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + prefix,
    requests,
    answered,
    sent,
    setDir(d) { root = d; },
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

/** Starts Debian's Chromium headless, as root-safe and offline-safe as CI needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
