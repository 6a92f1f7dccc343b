import { expect } from '@open-wc/testing';
import { defaultConfig, resolveConfig } from '../../src/core/config.js';
import { mergeSources } from '../../src/core/sources.js';
import { resolveUiOptions } from '../../src/ui/options.js';
import type { ConsentConfig } from '../../src/core/types.js';
import { collect } from '../helpers/messages.js';

/**
 * Resolves a config the way the drop-in (core options) and then the UI (operator, vendors, texts) do,
 * and collects what they report.
 */
function resolve(object: unknown, attributes: Record<string, string> = {}, hostname = location.hostname) {
  const errors: string[] = [];
  const report = collect(errors);
  const merged = mergeSources(object, attributes, report);
  const core = resolveConfig(merged, report);
  const config = resolveUiOptions(merged, core, (m: string) => errors.push(m), hostname);
  return { core, config, errors };
}

describe('configuration', () => {
  it('uses the defaults of docs/contract.md §2 when nothing is given', () => {
    const { config, errors } = resolve(undefined);
    expect(errors).to.deep.equal([]);
    expect(config.policyUrl).to.equal('/privacy');
    expect(config.consentUrl).to.equal(null);
    expect(config.revision).to.equal('1');
    expect(config.cookie).to.deep.equal({ name: 'integrus_consent', domain: null, expiresDays: 365, rejectedExpiresDays: 180 });
    expect(config.categories.map((c) => c.name)).to.deep.equal(['analytics', 'personalization', 'marketing']);
    expect(config.layout).to.equal('bar');
    expect(config.googleConsentMode).to.equal(false);
    expect(config.respectGpc).to.equal(true);
    // This page is on localhost, not integrus.ru: no operator configured names no one.
    expect(config.operator).to.deep.equal({ name: '' });
    const analytics = config.categories[0]!;
    expect(analytics.cookies).to.include.members(['_ga', '_ga_*', '_gid', '_ym*', 'yandexuid']);
    expect(analytics.vendors.map((v) => v.id)).to.deep.equal(['yandex-metrica', 'google-analytics']);
  });

  it('lets data-* attributes win over the config object', () => {
    const { config, errors } = resolve(
      { policyUrl: '/object-policy', revision: 'object', layout: 'box', cookie: { name: 'from_object', expiresDays: 30 } },
      { policyUrl: '/attr-policy', revision: '2025-09-01', cookieName: 'from_attr', googleConsentMode: '', categories: 'analytics, marketing' },
    );
    expect(errors).to.deep.equal([]);
    expect(config.policyUrl).to.equal('/attr-policy');
    expect(config.revision).to.equal('2025-09-01');
    expect(config.layout).to.equal('box');
    expect(config.cookie.name).to.equal('from_attr');
    expect(config.cookie.expiresDays).to.equal(30);
    expect(config.cookie.rejectedExpiresDays).to.equal(30, 'a rejection never outlives an acceptance');
    expect(config.googleConsentMode).to.equal(true, 'a bare data-google-consent-mode attribute means true');
    expect(config.categories.map((c) => c.name)).to.deep.equal(['analytics', 'marketing']);
  });

  const bad: Array<[string, Record<string, unknown>, string, (c: ConsentConfig) => unknown, unknown]> = [
    ['policyUrl', { policyUrl: 'javascript:alert(1)' }, 'policyUrl', (c) => c.policyUrl, '/privacy'],
    ['policyUrl with a tab', { policyUrl: 'java\tscript:alert(1)' }, 'policyUrl', (c) => c.policyUrl, '/privacy'],
    ['consentUrl', { consentUrl: 'data:text/html,<script>alert(1)</script>' }, 'consentUrl', (c) => c.consentUrl, null],
    ['logEndpoint', { logEndpoint: 'vbscript:x' }, 'logEndpoint', (c) => c.logEndpoint, null],
    ['layout', { layout: 'diagonal' }, 'layout', (c) => c.layout, 'bar'],
    ['theme', { theme: 'neon' }, 'theme', (c) => c.theme, 'auto'],
    ['revision', { revision: '<b>' }, 'revision', (c) => c.revision, '1'],
    ['lang', { lang: 'русский' }, 'lang', (c) => c.lang, null],
    ['googleConsentMode', { googleConsentMode: 'maybe' }, 'googleConsentMode', (c) => c.googleConsentMode, false],
    ['cookie.name', { cookie: { name: 'a b;c' } }, 'cookie.name', (c) => c.cookie.name, 'integrus_consent'],
    ['cookie.domain', { cookie: { domain: 'evil com' } }, 'cookie.domain', (c) => c.cookie.domain, null],
    ['cookie.expiresDays', { cookie: { expiresDays: -5 } }, 'cookie.expiresDays', (c) => c.cookie.expiresDays, 365],
    ['categories', { categories: 42 }, 'categories', (c) => c.categories.length, 3],
    ['yandexMetricaIds', { yandexMetricaIds: ['12a'] }, 'yandexMetricaIds', (c) => c.yandexMetricaIds, []],
    ['bots', { bots: 'yes' }, 'bots', (c) => c.bots, true],
    ['operator', { operator: 'ООО' }, 'operator', (c) => c.operator.name, ''],
    ['texts', { texts: ['x'] }, 'texts', (c) => c.texts, {}],
  ];
  for (const [what, input, option, read, fallback] of bad) {
    it(`reports a bad ${what} once, naming option and value, and uses the default`, () => {
      const { config, errors } = resolve(input);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain(`"${option}"`);
      expect(read(config)).to.deep.equal(fallback);
    });
  }

  it('refuses a config that is not an object, with the defaults', () => {
    const { core, errors } = resolve('policyUrl=/x');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('IntegrusConsentConfig');
    expect(core).to.deep.equal(defaultConfig());
  });

  it('warns about unknown options (typos) and ignores prototype keys', () => {
    const input = JSON.parse('{"polcyUrl":"/x","__proto__":{"layout":"box"}}');
    const { config, errors } = resolve(input);
    expect(errors).to.deep.equal(['[IntegrusConsent] Unknown option "polcyUrl" ignored.']);
    expect(config.layout).to.equal('bar');
  });

  it('survives an option getter that throws', () => {
    const input = { get layout(): string { throw new Error('boom'); } };
    const { config, errors } = resolve(input);
    expect(config.layout).to.equal('bar');
    expect(errors[0]).to.contain('"layout"');
  });

  it('accepts category objects with their own cookies and vendors, and drops bad entries', () => {
    const { config, errors } = resolve({
      categories: [
        { name: 'analytics', cookies: ['_my_stat*'], vendors: ['Matomo', { name: 'Evil', url: 'javascript:alert(1)' }] },
        'necessary',
        'Bad Name',
        'marketing',
        'marketing',
      ],
    });
    expect(config.categories.map((c) => c.name)).to.deep.equal(['analytics', 'marketing']);
    expect(config.categories[0]!.cookies).to.deep.equal(['_my_stat*']);
    expect(config.categories[0]!.vendors).to.deep.equal([{ name: 'Matomo' }, { name: 'Evil' }]);
    expect(errors).to.have.length(2);
    expect(errors.join('\n')).to.contain('javascript:alert(1)').and.to.contain('Bad Name');
  });

  it('keeps only strings in texts overrides and drops prototype keys', () => {
    const texts = JSON.parse('{"ru":{"banner":{"title":"Свой заголовок","x":5},"__proto__":{"y":"z"}},"en":{"banner.title":"Own"}}');
    const { config, errors } = resolve({ texts });
    expect(config.texts).to.deep.equal({ ru: { banner: { title: 'Свой заголовок' } }, en: { 'banner.title': 'Own' } });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('texts.ru.banner.x');
  });

  it('accepts an operator with INN and OGRN and rejects malformed numbers', () => {
    const { config, errors } = resolve({ operator: { name: 'ООО «Ромашка»', inn: '7701234567', ogrn: '12', email: 'dpo@example.ru' } });
    expect(config.operator).to.deep.equal({ name: 'ООО «Ромашка»', inn: '7701234567', email: 'dpo@example.ru' });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('operator.ogrn').and.contain('13 or 15 digits');
    expect(resolve({ operator: { name: 'ООО «Ромашка»', inn: '123' } }).errors).to.deep.equal([
      '[IntegrusConsent] Invalid option "operator.inn": "123"; expected 10 or 12 digits. Ignored.',
    ]);
  });

  it('names the default operator only on its own hosts; a site\'s operator never borrows its name or contacts', () => {
    for (const own of ['integrus.ru', 'www.integrus.ru', 'INTEGRUS.RU.']) {
      expect(resolve(undefined, {}, own).config.operator, own).to.deep.equal({ name: 'ООО «ИНТЕГРУС»', email: 'sales@integrus.ru' });
    }
    for (const other of ['localhost', '127.0.0.1', '', 'integrus.ru.example.com', 'notintegrus.ru', 'shop.example.ru']) {
      expect(resolve(undefined, {}, other).config.operator, other).to.deep.equal({ name: '' });
    }
    expect(resolve({ operator: { inn: '7701234567' } }, {}, 'www.integrus.ru').config.operator).to.deep.equal({ name: '', inn: '7701234567' });
    expect(resolve({ operator: { inn: '7701234567' } }, {}, 'shop.example.ru').config.operator).to.deep.equal({ name: '', inn: '7701234567' });
  });
});

describe('configuration: hostile input', () => {
  describe('under a polluted Object.prototype', () => {
    const POLLUTED: Record<string, unknown> = {
      name: 'pwned', domain: '.evil.example', expiresDays: 3650, cookies: ['site_session'], vendors: ['Evil Corp'],
      url: 'https://evil.example/', id: 'evil', cookie: {}, texts: { ru: { banner: { title: 'PWNED' } } }, categories: ['spying'],
      operator: { name: 'Evil' }, analytics: true, 0: 'x',
    };
    afterEach(() => {
      for (const key of Object.keys(POLLUTED)) delete (Object.prototype as Record<string, unknown>)[key];
    });

    it('resolves exactly as without it, and never writes into it', () => {
      const input = () => ({ cookie: { rejectedExpiresDays: 90 }, categories: ['analytics', { name: 'marketing' }, { name: 'personalization', vendors: [{ name: 'Acme' }] }] });
      const attributes = { cookieName: 'site_consent', revision: '3' };
      const clean = resolve(input(), attributes);
      Object.assign(Object.prototype, POLLUTED);
      const dirty = resolve(input(), attributes);
      const cookieProto = (Object.prototype as Record<string, unknown>).cookie;
      for (const key of Object.keys(POLLUTED)) delete (Object.prototype as Record<string, unknown>)[key];
      expect(cookieProto).to.deep.equal({}, 'data-cookie-name wrote into Object.prototype.cookie');
      expect(dirty.errors).to.deep.equal(clean.errors);
      expect(JSON.parse(JSON.stringify(dirty.config))).to.deep.equal(JSON.parse(JSON.stringify(clean.config)));
      expect(clean.config.cookie.name).to.equal('site_consent');
    });
  });

  it('refuses a cookie name with "%": it would not be written as given', () => {
    const { config, errors } = resolve({ cookie: { name: 'integrus%5Fconsent' } });
    expect(config.cookie.name).to.equal('integrus_consent');
    expect(errors.join()).to.contain('cookie.name');
  });

  describe('placement: layout, position, buttons', () => {
    it('takes each layout with its positions, from the object or the data-* attributes', () => {
      expect(resolve({ layout: 'bar', position: 'top' }).core).to.include({ layout: 'bar', position: 'top', buttons: 'inline' });
      expect(resolve({ layout: 'box', position: 'top-left', buttons: 'stacked' }).core).to.include({ layout: 'box', position: 'top-left', buttons: 'stacked' });
      expect(resolve({}, { layout: 'modal', buttons: 'stacked' }).core).to.include({ layout: 'modal', position: 'center', buttons: 'stacked' });
      expect(resolve({}, { layout: 'box', position: 'bottom-left' }).core).to.include({ position: 'bottom-left' });
      // Each layout's default position.
      expect(resolve({}).core.position).to.equal('bottom');
      expect(resolve({ layout: 'box' }).core.position).to.equal('bottom-right');
      expect(resolve({ layout: 'modal' }).errors).to.deep.equal([]);
    });

    it('explains a position the layout does not take and falls back safely', () => {
      const corner = resolve({ layout: 'bar', position: 'top-left' });
      expect(corner.core.position).to.equal('top');
      expect(corner.errors).to.deep.equal(['[IntegrusConsent] Option "position": "top-left" is a corner; the bar layout spans the width, so it is placed at the top.']);
      const edge = resolve({ layout: 'box', position: 'top' });
      expect(edge.core.position).to.equal('bottom-right');
      expect(edge.errors[0]).to.contain('the box layout takes "bottom-right", "bottom-left", "top-right", "top-left". Using "bottom-right".');
      const modal = resolve({ layout: 'modal', position: 'bottom' });
      expect(modal.core.position).to.equal('center');
      expect(modal.errors[0]).to.contain('the modal layout takes "center"');
      const bad = resolve({ layout: 'sidebar', buttons: 'vertical' });
      expect(bad.core).to.include({ layout: 'bar', position: 'bottom', buttons: 'inline' });
      expect(bad.errors).to.deep.equal([
        '[IntegrusConsent] Invalid option "layout": "sidebar"; expected "bar", "box" or "modal". Using the default "bar".',
        '[IntegrusConsent] Invalid option "buttons": "vertical"; expected "inline" or "stacked". Using the default "inline".',
      ]);
    });
  });
});
