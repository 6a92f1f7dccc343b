import { expect } from '@open-wc/testing';
import data from '../../src/catalogue/services.json';
import ru from '../../src/catalogue/texts.ru.json';
import en from '../../src/catalogue/texts.en.json';
import provenance from '../../src/catalogue/sources.json';
import { SERVICES, removableCookies, removableStorage, resolveServices, serviceForUrl } from '../../src/catalogue/catalogue.js';
import type { ServiceProvenance, ServiceTexts } from '../../src/catalogue/catalogue.js';
import { DEFAULT_CATEGORIES } from '../../src/core/config.js';
import { NECESSARY } from '../../src/core/types.js';

const TEXTS: Record<string, Record<string, ServiceTexts>> = { ru, en };
const ID = /^[a-z][a-z0-9-]{1,39}$/;
/** `host`, `*.host` or `host/path-prefix`: lowercase labels, at least one dot, no scheme. */
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(\/[^\s]*)?$/;
const COOKIE = /^[A-Za-z0-9!#$%&'+\-.^_`|~*]{1,64}$/;
/** A lifetime, or `unknown` where the vendor's documentation gives none (then `unverified` says so). */
const MAX_AGE = /^(session|unknown|\d{1,4}[mhd])$/;
/** ISO 3166-1 alpha-2. */
const COUNTRY = /^[A-Z]{2}$/;
/** The services issues 13 and 19 name. */
const REQUIRED = [
  'yandex-metrica', 'yandex-direct', 'vk-ads', 'vk-pixel', 'google-analytics', 'google-ads', 'meta-pixel', 'hotjar', 'roistat',
  'calltouch', 'comagic', 'jivochat', 'youtube', 'rutube', 'vk-video', 'yandex-maps', 'google-maps',
  'bitrix24', 'amocrm', 'callibri', 'mango-office', 'envybox', 'carrot-quest', 'yandex-smartcaptcha', 'recaptcha',
  'microsoft-clarity', 'tiktok-pixel',
];
const FIELDS = ['id', 'category', 'country', 'hosts', 'cookies', 'storage'];
const PROVENANCE = provenance as unknown as Record<string, ServiceProvenance>;
const byId = (id: string) => SERVICES.find((s) => s.id === id)!;
const cookieNamesOf = (id: string): string[] => byId(id).cookies.map((c) => c.name);

describe('service catalogue (src/catalogue/services.json, texts.ru.json, texts.en.json)', () => {
  it('lists every service the issue requires, each id once', () => {
    const ids = SERVICES.map((s) => s.id);
    expect(new Set(ids).size, 'duplicate ids').to.equal(ids.length);
    for (const id of REQUIRED) expect(ids, id).to.include(id);
    expect(data.reviewed).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  for (const service of SERVICES) {
    it(`${service.id}: a known category, valid host patterns and cookie declarations`, () => {
      expect(service.id).to.match(ID);
      expect(Object.keys(service).every((k) => FIELDS.includes(k)), 'fields').to.equal(true);
      expect([NECESSARY, ...DEFAULT_CATEGORIES], 'category').to.include(service.category);
      expect(service.country, 'country').to.match(COUNTRY);
      expect(service.hosts.length, 'hosts').to.be.greaterThan(0);
      for (const host of service.hosts) {
        expect(host, 'host pattern').to.match(HOST);
        // Every pattern really matches an https address built from it.
        const sample = `https://${host.replace(/^\*\./, 'sub.')}${host.includes('/') ? '' : '/x.js'}`;
        expect(serviceForUrl(sample, location.href)?.id, `${host} → ${sample}`).to.equal(service.id);
      }
      expect(service.cookies, 'cookies').to.be.an('array');
      for (const cookie of service.cookies) {
        expect(cookie.name, 'cookie name').to.match(COOKIE);
        // A bare "*" would remove every cookie of the site.
        expect(cookie.name, 'cookie name').to.match(/[^*]/);
        expect(cookie.maxAge, `${cookie.name} maxAge`).to.match(MAX_AGE);
        expect(Object.keys(cookie).every((k) => ['name', 'maxAge', 'thirdParty'].includes(k)), `${cookie.name} fields`).to.equal(true);
        if (cookie.maxAge === 'unknown') expect(PROVENANCE[service.id]?.unverified, `${cookie.name}: an unknown lifetime is explained`).to.be.a('string');
      }
      expect(service.storage, 'storage').to.be.an('array');
      for (const key of service.storage) {
        expect(key, 'storage key').to.match(/^[A-Za-z0-9_\-.:*]{1,64}$/);
        expect(key, 'storage key').to.match(/[^*]/);
      }
      // Every fact is checked against the vendor's own pages (sources.json), or it says which is not.
      const checked = PROVENANCE[service.id];
      expect(checked, 'an entry in sources.json').to.be.an('object');
      expect(Object.keys(checked!).every((k) => ['sources', 'unverified'].includes(k)), 'provenance fields').to.equal(true);
      expect(checked!.sources.length, 'sources').to.be.greaterThan(0);
      for (const source of checked!.sources) expect(new URL(source).protocol, source).to.equal('https:');
      if (checked!.unverified !== undefined) expect(checked!.unverified.trim().length, 'unverified').to.be.greaterThan(20);
      // A service with nothing documented still says so.
      if (!service.cookies.length && !service.storage.length) expect(checked!.unverified, 'why no cookies').to.be.a('string');
    });

    for (const lang of ['ru', 'en']) {
      it(`${service.id}: complete texts in ${lang} (name, provider, https policy link, description, every cookie's purpose)`, () => {
        const texts = TEXTS[lang]![service.id];
        expect(texts, `${lang} texts`).to.be.an('object');
        for (const key of ['name', 'provider', 'description'] as const) {
          expect(texts![key], key).to.be.a('string');
          expect(texts![key].trim().length, key).to.be.greaterThan(2);
        }
        const url = new URL(texts!.policyUrl);
        expect(url.protocol, 'policyUrl').to.equal('https:');
        expect(Object.keys(texts!.cookies).sort(), 'cookie purposes').to.deep.equal(service.cookies.map((c) => c.name).sort());
        for (const purpose of Object.values(texts!.cookies)) expect(purpose.trim().length).to.be.greaterThan(2);
      });
    }
  }

  it('has no texts or provenance for services the catalogue does not list', () => {
    const ids = SERVICES.map((s) => s.id).sort();
    expect(Object.keys(provenance).filter((k) => !['$comment', 'reviewed'].includes(k)).sort()).to.deep.equal(ids);
    expect(provenance.reviewed).to.equal(data.reviewed);
    expect(Object.keys(ru).sort()).to.deep.equal(ids);
    expect(Object.keys(en).sort()).to.deep.equal(ids);
  });

  it('tells the vendors\' tags apart: gtag.js with a Google Ads id is Google Ads, any other is Google Analytics', () => {
    const base = location.href;
    expect(serviceForUrl('https://www.googletagmanager.com/gtag/js?id=G-X1', base)?.id).to.equal('google-analytics');
    expect(serviceForUrl('https://www.googletagmanager.com/gtag/js?id=AW-123', base)?.id).to.equal('google-ads');
    expect(serviceForUrl('https://mc.yandex.ru/metrika/tag.js', base)?.id).to.equal('yandex-metrica');
    expect(serviceForUrl('https://region1.google-analytics.com/g/collect?v=2', base)?.id).to.equal('google-analytics');
    expect(serviceForUrl('https://www.youtube.com/embed/abc', base)?.id).to.equal('youtube');
    // Look-alikes, other paths and other schemes are not the service.
    expect(serviceForUrl('https://mc.yandex.ru.evil.example/tag.js', base)).to.equal(null);
    expect(serviceForUrl('https://www.youtube.com/watch?v=abc', base)).to.equal(null);
    expect(serviceForUrl('javascript:alert(1)', base)).to.equal(null);
    expect(serviceForUrl('/local.js', base)).to.equal(null);
  });

  it('survives the URL tricks of issue 18: case, trailing dot, missing or extra www, //, credentials, protocol-relative, the vendors\' own alternative CDNs and paths', () => {
    const base = 'https://shop.example/catalog/page.html';
    const cases: Array<[string, string]> = [
      ['https://cdn.jsdelivr.net/npm/yandex-metrica-watch/tag.js', 'yandex-metrica'],
      ['https://CDN.JSDELIVR.NET/npm/yandex-metrica-watch/watch.js', 'yandex-metrica'],
      ['https://mc.yandex.ru./metrika/tag.js', 'yandex-metrica'],
      ['https://MC.Yandex.RU/metrika/tag.js', 'yandex-metrica'],
      ['https://www.mc.yandex.ru/metrika/tag.js', 'yandex-metrica'],
      ['//mc.yandex.ru/metrika/tag.js', 'yandex-metrica'],
      ['https://user:pass@mc.yandex.ru/metrika/tag.js', 'yandex-metrica'],
      ['https://googletagmanager.com/gtag/js?id=G-X1', 'google-analytics'],
      ['https://www.googletagmanager.com//gtag/js?id=G-X1', 'google-analytics'],
      ['https://www.googletagmanager.com/gtag/destination?id=G-X1', 'google-analytics'],
      ['https://www.googletagmanager.com/ns.html?id=GTM-X1', 'google-analytics'],
      ['https://googletagmanager.com//gtag/js?id=AW-1', 'google-ads'],
      ['https://youtube.com/player_api', 'youtube'],
      ['https://www.youtube.com/iframe_api', 'youtube'],
      ['https://youtube.com/embed?listType=playlist&list=X', 'youtube'],
      ['https://youtube-nocookie.com/embed/abc', 'youtube'],
      ['https://facebook.com/tr?id=1&ev=PageView', 'meta-pixel'],
      ['https://www.vk.com/js/api/openapi.js?169', 'vk-pixel'],
    ];
    for (const [url, id] of cases) expect(serviceForUrl(url, base)?.id, url).to.equal(id);
    // Still not the service: look-alike hosts and an unrelated package on the same CDN.
    expect(serviceForUrl('https://mc.yandex.ru.evil.example./metrika/tag.js', base)).to.equal(null);
    expect(serviceForUrl('https://cdn.jsdelivr.net/npm/lit/index.js', base)).to.equal(null);
    expect(serviceForUrl('https://notgoogletagmanager.com/gtag/js', base)).to.equal(null);
  });

  it('validates the services option: unknown ids are reported once, naming the known ones, and skipped', () => {
    const errors: string[] = [];
    const list = resolveServices('yandex-metrica, nope google-analytics yandex-metrica', (m) => errors.push(m));
    expect(list.map((s) => s.id)).to.deep.equal(['yandex-metrica', 'google-analytics']);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('Unknown service "nope"').and.contain('yandex-metrica');
    expect(resolveServices(42, (m) => errors.push(m))).to.deep.equal([]);
    expect(errors[1]).to.contain('Invalid option "services"');
  });

  it('has the vendors\' documented cookies: GA4 sets _ga and _ga_<container-id> (not Universal Analytics\' _gid/_gat), Metrica its full list, Meta fr', () => {
    expect(cookieNamesOf('google-analytics')).to.deep.equal(['_ga', '_ga_*']);
    expect(cookieNamesOf('yandex-metrica')).to.include.members(['_ym_uid', '_ym_d', '_ym_isad', '_ym_visorc', '_ym_hostIndex', '_ym_metrika_enabled']);
    expect(removableStorage([byId('yandex-metrica')])).to.include.members(['_ym_uid', '_ym*_lsid']);
    expect(removableStorage([byId('vk-ads')])).to.include('tmr_*');
    expect(byId('meta-pixel').cookies.find((c) => c.name === 'fr')).to.deep.include({ maxAge: '90d', thirdParty: true });
    expect(cookieNamesOf('microsoft-clarity')).to.include.members(['_clck', '_clsk', 'MUID']);
    expect(byId('jivochat').category, 'a chat is not personalisation').not.to.equal('personalization');
    expect(byId('recaptcha').category, 'bot protection of forms').to.equal(NECESSARY);
  });

  it('names each recipient and its country; Russian texts naming Meta Platforms, Inc. carry the legally required note', () => {
    expect(byId('google-analytics').country).to.equal('US');
    expect(byId('yandex-metrica').country).to.equal('RU');
    expect(en['meta-pixel']!.provider).to.equal('Meta Platforms, Inc.');
    expect(ru['meta-pixel']!.provider).to.contain('Meta Platforms, Inc.').and.contain('признана экстремистской организацией, её деятельность запрещена в России');
    for (const [id, texts] of Object.entries(ru)) {
      if (id !== 'meta-pixel') expect(JSON.stringify(texts), id).not.to.contain('Meta Platforms');
    }
  });

  it('removes only first-party cookies on withdrawal (a vendor\'s own-domain cookie is out of reach)', () => {
    const metrica = SERVICES.filter((s) => s.id === 'yandex-metrica');
    expect(removableCookies(metrica)).to.include('_ym_uid').and.not.include('yandexuid');
  });
});
