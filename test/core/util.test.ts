import { expect } from '@open-wc/testing';
import { hasOwn, isPlainObject, safeUrl, show } from '../../src/core/util.js';

describe('util', () => {
  it('accepts only http(s) and relative URLs', () => {
    for (const ok of ['/privacy', 'privacy.html', '../p', 'https://integrus.ru/privacy', 'http://x.ru', '//cdn.ru/p', '?a=1#b']) {
      expect(safeUrl(ok), ok).to.equal(ok);
    }
    for (const no of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'ftp://x', '', 5, null, 'a\u0000b']) {
      expect(safeUrl(no), String(no)).to.equal(null);
    }
  });

  it('hasOwn sees own keys only, not what a polluted prototype adds', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.analytics = true;
    try {
      expect(({} as Record<string, unknown>).analytics).to.equal(true);
      expect(hasOwn({}, 'analytics')).to.equal(false);
      expect(hasOwn({ analytics: false }, 'analytics')).to.equal(true);
    } finally {
      delete proto.analytics;
    }
  });

  it('isPlainObject takes literals and null-prototype objects only', () => {
    expect(isPlainObject({})).to.equal(true);
    expect(isPlainObject(Object.create(null))).to.equal(true);
    for (const no of [[], null, 'x', new Date(), new (class A {})()]) expect(isPlainObject(no), String(no)).to.equal(false);
  });

  it('show quotes values and cuts long ones', () => {
    expect(show('a')).to.equal('"a"');
    expect(show({ a: 1 })).to.equal('{"a":1}');
    expect(show('x'.repeat(300))).to.have.length(120);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(show(cyclic)).to.equal('[object Object]');
  });
});
