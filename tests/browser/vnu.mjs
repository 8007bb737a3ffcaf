// The Nu HTML Checker (vnu, the W3C validator), shared by the validity tests of the fixture
// site and of the shipped site. vnu comes from npm (vnu-jar), Java from Debian
// (default-jre-headless).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repo } from './lib.mjs';

const vnuJar = path.join(repo, 'tests/browser/node_modules/vnu-jar/build/dist/vnu.jar');

/** CSS that every browser the site aims at reads (container queries: Chrome 105, Safari 16,
 * Firefox 110) and vnu's CSS checker does not know yet; the leaflet's tear-off strips use it.
 * Only these exact messages are let through: any other CSS error still fails. */
const CSS_VNU_DOES_NOT_KNOW = [
  /^CSS: “container-type”: Property “container-type” doesn't exist\.$/,
  /^CSS: Unrecognized at-rule “@container”$/,
];

/** Runs vnu on `files`; returns its error messages. */
export function vnu(files) {
  const r = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  // vnu writes its report to stderr; exit code 1 means it found errors.
  const report = JSON.parse(r.stderr);
  return report.messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .filter((m) => !CSS_VNU_DOES_NOT_KNOW.some((re) => re.test(m.message)));
}

/** vnu's errors on `files` below `dist`, one line each: `path:line:column: message`. */
export function vnuErrors(dist, files) {
  return vnu(files).map((m) => `${path.relative(dist, new URL(m.url).pathname)}:${m.lastLine}:${m.firstColumn ?? m.lastColumn}: ${m.message}\n    ${m.extract ?? ''}`);
}
