// A test of the SHIPPED site (content/, site.toml as they are; see tests/README.md): the
// accessibility tests of a11y-suite.mjs on the pages readers get, in English and Arabic.
// Content can fail where the templates pass (a table, a long word at 360 px, a link text),
// so the real pages are checked; the templates alone are checked by a11y.test.mjs.
import { build, repo } from './lib.mjs';
import { a11ySuite } from './a11y-suite.mjs';

a11ySuite(repo, () => build());
