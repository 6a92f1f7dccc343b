/**
 * The auto-blocking drop-in (`dist/browser/consent.autoblock.min.js`): the core of `consent.min.js` with
 * auto-blocking of the catalogue's known services started first (docs/autoblock.md). Include it as
 * the first script in `<head>`, without `async` or `defer`.
 */
import './gate/autoblock-start.js';
import './drop-in.js';
