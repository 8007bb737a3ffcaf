// A test of the SHIPPED site (content/, site.toml as they are; see tests/README.md): the
// privacy tests of privacy-suite.mjs on every page readers get, in all eleven languages. A
// page's content could load an image from elsewhere, or need a hash the templates never
// make; the templates alone are checked by privacy.test.mjs.
import { build } from './lib.mjs';
import { privacySuite } from './privacy-suite.mjs';

privacySuite(() => build());
