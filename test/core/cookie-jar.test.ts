import { expect } from '@open-wc/testing';
import { ancestorPaths, clearCookies, cookieNames, parentDomains, readCookie, writeCookie } from '../../src/core/cookie-jar.js';
import { matchesPattern } from '../../src/core/cookie-pattern.js';
import { clearAllCookies, closePages, openPage } from '../helpers/page.js';

describe('cookie jar (real document.cookie)', () => {
  afterEach(clearAllCookies);

  it('writes path=/, SameSite=Lax and max-age, and reads the value back', async () => {
    expect(writeCookie('jar_test', '{"a":1}', { domain: null, maxAgeSeconds: 3600, secure: false })).to.equal(true);
    expect(readCookie('jar_test')).to.deep.equal({ value: '{"a":1}', duplicated: false, blocked: false });
    const store = (globalThis as unknown as { cookieStore: { get(n: string): Promise<{ path: string; sameSite: string; expires: number; domain: string | null }> } }).cookieStore;
    const info = await store.get('jar_test');
    expect(info.path).to.equal('/');
    expect(info.sameSite).to.equal('lax');
    expect(info.domain).to.equal(null, 'host-only by default');
    const days = (info.expires - Date.now()) / 1000;
    expect(days).to.be.within(3590, 3601);
  });

  it('counts two cookies of one name (root path and page path) as a duplicate', async () => {
    const page = await openPage({ noDropIn: true });
    page.doc.cookie = 'dup=1; path=/';
    expect(cookieNames(page.doc).get('dup')).to.equal(1);
    page.doc.cookie = 'dup=2; path=/__page';
    expect(cookieNames(page.doc).get('dup')).to.equal(2);
    page.doc.cookie = 'dup=; max-age=0; path=/__page';
    closePages();
  });

  it('matches cookie patterns with *', () => {
    expect(matchesPattern('_ga', '_ga')).to.equal(true);
    expect(matchesPattern('_ga_ABC123', '_ga_*')).to.equal(true);
    expect(matchesPattern('_ga', '_ga_*')).to.equal(false);
    expect(matchesPattern('_ym_uid', '_ym*')).to.equal(true);
    expect(matchesPattern('x_ga', '_ga*')).to.equal(false);
    expect(matchesPattern('a.b', 'a.*')).to.equal(true);
    expect(matchesPattern('aXb', 'a.b')).to.equal(false, 'a dot is literal');
  });

  it('lists the parent domains a tracker may have used, but not the top-level domain', () => {
    expect(parentDomains('www.shop.integrus.ru')).to.deep.equal(['.www.shop.integrus.ru', '.shop.integrus.ru', '.integrus.ru']);
    expect(parentDomains('localhost')).to.deep.equal([]);
    expect(parentDomains('127.0.0.1')).to.deep.equal([]);
  });

  it('clears cookies matching the patterns and keeps the others', () => {
    document.cookie = '_ga=GA1.1.1.1; path=/';
    document.cookie = '_ga_XYZ=1; path=/';
    document.cookie = '_ym_uid=1; path=/';
    document.cookie = 'session=keep; path=/';
    const cleared = clearCookies(['_ga', '_ga_*', '_ym*'], location.hostname, null);
    expect(cleared.sort()).to.deep.equal(['_ga', '_ga_XYZ', '_ym_uid']);
    expect(document.cookie).to.equal('session=keep');
  });

  it('lists every path a cookie visible here can have, with and without the trailing slash', () => {
    expect(ancestorPaths('/')).to.deep.equal(['/']);
    expect(ancestorPaths('/sub/page')).to.deep.equal(['/', '/sub', '/sub/', '/sub/page', '/sub/page/']);
    expect(ancestorPaths('/sub/')).to.deep.equal(['/', '/sub', '/sub/']);
  });
});
