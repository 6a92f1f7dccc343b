import { expect } from '@open-wc/testing';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import { buildResource, createLocalizer } from '../../src/ui/i18n.js';

/** Dotted paths of every text in a locale tree. */
function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value as Record<string, unknown>, `${prefix}${key}.`),
  );
}

describe('i18n', () => {
  it('English has every text Russian has, so an English visitor never needs the Russian texts', () => {
    expect(keys(en)).to.have.members(keys(ru));
  });

  it('has the built-in Russian and English texts', async () => {
    expect((await createLocalizer({}, 'ru')).t('banner.acceptAll')).to.equal(ru.banner.acceptAll);
    expect((await createLocalizer({}, 'en')).t('banner.acceptAll')).to.equal(en.banner.acceptAll);
  });

  it('merges overrides per language, nested or dotted, leaving the other texts alone', async () => {
    const i18n = await createLocalizer(
      { ru: { banner: { title: 'Заголовок' }, 'banner.choose': 'Выбрать' }, en: { 'preferences.operator.inn': 'TIN' } },
      'ru',
    );
    expect(i18n.t('banner.title')).to.equal('Заголовок');
    expect(i18n.t('banner.choose')).to.equal('Выбрать');
    expect(i18n.t('banner.acceptAll')).to.equal(ru.banner.acceptAll);
    await i18n.setLanguage('en');
    expect(i18n.t('preferences.operator.inn')).to.equal('TIN');
    expect(i18n.t('banner.title')).to.equal(en.banner.title);
  });

  it('never shows a key: missing texts fall back to Russian, then to an empty string', async () => {
    const i18n = await createLocalizer({ de: { banner: { title: 'Cookies' } } }, 'de');
    expect(i18n.language).to.equal('de');
    expect(i18n.t('banner.title')).to.equal('Cookies');
    expect(i18n.t('banner.rejectAll')).to.equal(ru.banner.rejectAll);
    expect(i18n.t('no.such.key')).to.equal('');
    expect(i18n.t('no.such.key', undefined, 'fallback')).to.equal('fallback');
    // A group of texts asked for as one text is not a text either.
    expect(i18n.t('banner')).to.equal('');
  });

  it('an English page switched to a language with no built-in texts falls back to Russian', async () => {
    const i18n = await createLocalizer({ de: { 'banner.title': 'Cookies' } }, 'en');
    await i18n.setLanguage('de');
    expect([i18n.t('banner.title'), i18n.t('banner.rejectAll')]).to.deep.equal(['Cookies', ru.banner.rejectAll]);
  });

  it('finds overrides for a regional language, falling back to its base language, then Russian', async () => {
    const i18n = await createLocalizer({ 'en-gb': { 'banner.choose': 'Customise…' } }, 'en-gb');
    expect(i18n.t('banner.choose')).to.equal('Customise…');
    expect(i18n.t('banner.acceptAll')).to.equal(en.banner.acceptAll);
    const ca = await createLocalizer({ 'pt-br': { 'banner.title': 'Cookies' } }, 'pt-br');
    expect([ca.t('banner.title'), ca.t('banner.rejectAll')]).to.deep.equal(['Cookies', ru.banner.rejectAll]);
  });

  it('does not let an override turn a group of texts into one text, or the reverse', () => {
    const resource = buildResource(ru, { banner: 'oops', 'banner.title': { nested: 'x' } });
    const banner = resource.translation.banner as Record<string, unknown>;
    expect(banner.title).to.equal(ru.banner.title);
    expect(banner.acceptAll).to.equal(ru.banner.acceptAll);
  });

  it('ignores prototype keys in overrides', () => {
    buildResource(ru, { '__proto__.polluted': 'yes', 'constructor.prototype.polluted': 'yes' });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('fills {{placeholders}} without escaping (lit escapes)', async () => {
    const i18n = await createLocalizer({ ru: { placeholder: { allow: 'Разрешить {{category}}' } } }, 'ru');
    expect(i18n.t('placeholder.allow', { category: '<Реклама & co>' })).to.equal('Разрешить <Реклама & co>');
  });

  it('tells listeners about a language switch', async () => {
    const i18n = await createLocalizer({}, 'ru');
    let calls = 0;
    const stop = i18n.onChange(() => (calls += 1));
    await i18n.setLanguage('en');
    expect([calls, i18n.language, i18n.dir]).to.deep.equal([1, 'en', 'ltr']);
    stop();
    await i18n.setLanguage('ru');
    expect(calls).to.equal(1);
  });

  it('does not share state between instances', async () => {
    const a = await createLocalizer({ ru: { 'banner.title': 'A' } }, 'ru');
    const b = await createLocalizer({}, 'en');
    expect([a.t('banner.title'), b.t('banner.title')]).to.deep.equal(['A', en.banner.title]);
    await b.setLanguage('ru');
    expect([a.language, a.t('banner.title'), b.t('banner.title')]).to.deep.equal(['ru', 'A', ru.banner.title]);
  });

  it('takes no texts from a polluted Object.prototype', async () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.ru = { banner: { title: 'PWNED' } };
    proto.en = { banner: { acceptAll: 'PWNED' } };
    try {
      const russian = await createLocalizer({}, 'ru');
      expect(russian.t('banner.title')).to.equal(ru.banner.title);
      const i18n = await createLocalizer({ en: {} }, 'en');
      expect(i18n.t('banner.acceptAll')).to.equal(en.banner.acceptAll);
    } finally {
      delete proto.ru;
      delete proto.en;
    }
  });
});
