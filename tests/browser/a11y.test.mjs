// Accessibility of what the templates and the theme make, on the fixture site (every page
// type in English and an Arabic right-to-left draft): the tests of a11y-suite.mjs.
import { buildFixture, fixture } from './lib.mjs';
import { a11ySuite } from './a11y-suite.mjs';

a11ySuite(fixture, () => buildFixture());
