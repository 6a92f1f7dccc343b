// readConsentCookie (integrus-consent/server, the built dist/server.js): a call that cannot work says
// so at once, naming what is missing; with the site's revision and categories it reads the cookie the
// browser writes, and a cookie about other categories is no decision (docs/contract.md §8).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { server } from './helpers.mjs';

const { readConsentCookie } = server;
const REVISION = '2025-09-01';

/** A cookie header as the browser sends it: the decision's JSON, percent-encoded as js-cookie does. */
function header(granted, denied) {
  const value = {
    v: 1, id: '0b5e2f4c-8a1d-4c3e-9f00-123456789abc', rev: REVISION, ts: new Date(Date.now() - 60_000).toISOString(),
    granted: ['necessary', ...granted], denied, method: 'custom',
  };
  return `theme=dark; integrus_consent=${encodeURIComponent(JSON.stringify(value))}`;
}

describe('readConsentCookie', () => {
  it('without options, or without revision or categories, throws a TypeError naming what is missing', () => {
    const cookie = header(['analytics'], ['personalization', 'marketing']);
    const cases = [
      [undefined, /options are missing/],
      [null, /options are missing/],
      [{ categories: ['analytics'] }, /"revision" is missing/],
      [{ revision: REVISION }, /"categories" is missing/],
      [{ revision: REVISION, categories: 'analytics' }, /"categories" is not a list/],
      [{ revision: REVISION, categories: ['necessary', 'analytics'] }, /"categories" is not a list/],
      [{ revision: 20250901, categories: ['analytics'] }, /"revision" is not a non-empty string/],
      [{ revision: REVISION, categories: ['analytics'], maxAgeDays: -1 }, /"maxAgeDays"/],
    ];
    for (const [options, message] of cases) {
      assert.throws(() => readConsentCookie(cookie, options), (error) => {
        assert.ok(error instanceof TypeError, `${JSON.stringify(options)}: ${error}`);
        assert.match(error.message, message);
        assert.match(error.message, /^\[IntegrusConsent\] readConsentCookie: /);
        assert.match(error.message, /categories: \[/, 'the message shows the call');
        return true;
      });
    }
    // Even with no cookie at all: the mistake is the call's, not the visitor's.
    assert.throws(() => readConsentCookie(undefined, { revision: REVISION }), /"categories" is missing/);
  });

  it('reads a site\'s own categories, and a cookie about other categories is no decision', () => {
    const site = { revision: REVISION, categories: ['analytics', 'chat'] };
    const consent = readConsentCookie(header(['chat'], ['analytics']), site);
    assert.deepEqual(consent?.granted, ['necessary', 'chat']);
    assert.equal(readConsentCookie(header(['chat'], ['analytics']), { revision: REVISION, categories: ['analytics', 'personalization', 'marketing'] }), null);
    assert.equal(readConsentCookie('theme=dark', site), null, 'no cookie');
  });
});

describe('readConsentCookie: service choices', () => {
  const site = { revision: REVISION, categories: ['analytics', 'personalization', 'marketing'] };
  const withServices = (services) => {
    const value = {
      v: 1, id: '0b5e2f4c-8a1d-4c3e-9f00-123456789abc', rev: REVISION, ts: new Date(Date.now() - 60_000).toISOString(),
      granted: ['necessary'], denied: ['analytics', 'personalization', 'marketing'], method: 'custom', services,
    };
    return `integrus_consent=${encodeURIComponent(JSON.stringify(value))}`;
  };

  it('returns the services the visitor chose one by one, and isGranted reads them as the browser does', () => {
    const consent = readConsentCookie(withServices({ granted: ['youtube'], denied: ['yandex-direct'] }), site);
    assert.deepEqual(consent?.services, { granted: ['youtube'], denied: ['yandex-direct'] });
    assert.equal(server.isGranted(consent, 'marketing', 'youtube'), true);
    assert.equal(server.isGranted(consent, 'marketing', 'yandex-direct'), false);
    assert.equal(server.isGranted(consent, 'marketing'), false, 'the category as a whole is not granted');
    assert.equal(server.isGranted(null, 'marketing', 'youtube'), false);
    assert.equal(server.isGranted(null, 'necessary'), true);
  });

  it('an old cookie without services reads as before: its categories grant all their services', () => {
    const consent = readConsentCookie(header(['marketing'], ['analytics', 'personalization']), site);
    assert.equal(consent?.services, undefined);
    assert.equal(server.isGranted(consent, 'marketing', 'youtube'), true);
  });

  it('a damaged service list is no decision', () => {
    assert.equal(readConsentCookie(withServices({ granted: ['youtube'] }), site), null);
    assert.equal(readConsentCookie(withServices({ granted: ['youtube'], denied: ['youtube'] }), site), null);
    assert.equal(readConsentCookie(withServices(['youtube']), site), null);
  });
});
