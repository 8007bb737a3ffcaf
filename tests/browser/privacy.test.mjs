// Privacy and script safety of what the templates make, in headless Chromium, on the fixture
// site (every page type, in nb, en and an Arabic draft): the tests of privacy-suite.mjs.
import { buildFixture } from './lib.mjs';
import { privacySuite } from './privacy-suite.mjs';

privacySuite(() => buildFixture());
