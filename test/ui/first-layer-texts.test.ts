/**
 * The first layer's view of the texts (src/ui/texts.ts) stands in for i18next only until i18next has
 * loaded, so it must say exactly what i18next says: the same text for every key the first layer
 * reads, for the built-in languages and for a site's overrides, with values and without. Where it
 * cannot (a language without a built-in locale, a text beyond plain `{{name}}` placeholders) the
 * banner waits for i18next instead.
 */
import { expect } from '@open-wc/testing';
import ru from '../../locales/ru.json';
import type { TextOverrides } from '../../src/core/types.js';
import { i18nextLocalizer } from '../../src/ui/i18n.js';
import { firstLayerTexts, isPlainText, loadResources, type Localizer } from '../../src/ui/texts.js';

/** Dotted paths of every text and group in a tree. */
function paths(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : [`${prefix}${key}`, ...paths(value as Record<string, unknown>, `${prefix}${key}.`)],
  );
}

/** Both localizers for `lang`, each over its own copy of the resources. */
async function both(texts: TextOverrides, lang: string): Promise<{ first: Localizer | null; i18next: Localizer }> {
  const load = (): ReturnType<typeof loadResources> => loadResources(lang, texts, () => false);
  return { first: firstLayerTexts(lang, await load()), i18next: i18nextLocalizer(texts, lang, await load()) };
}

/** What the banner passes, and values that look like placeholders or nesting (inserted as they are). */
const VARS: Array<Record<string, string> | undefined> = [
  undefined,
  { operator: 'ООО «Ромашка»', purposes: 'аналитика и реклама', countries: 'США', recipients: 'Яндекс', uses: 'статистика', first: 'а', second: 'б' },
  { operator: '{{purposes}}', purposes: '$t(banner.title)', first: '{{second}}', second: '$' },
];

const FIRST_LAYER = ['banner', 'list', 'categories'];

async function expectSame(texts: TextOverrides, lang: string, extraKeys: string[] = []): Promise<void> {
  const { first, i18next } = await both(texts, lang);
  expect(first, `the first layer's texts for ${lang}`).not.to.equal(null);
  const tree = ru as Record<string, unknown>;
  const keys = [...paths(tree).filter((key) => FIRST_LAYER.includes(key.split('.')[0] as string)), ...extraKeys, 'banner.purpose.nothing', 'no.such.key', 'banner'];
  for (const key of keys) {
    for (const vars of VARS) {
      for (const fallback of [undefined, '', 'Видео']) {
        expect(first?.t(key, vars, fallback), `${lang} ${key} ${JSON.stringify(vars)} ${String(fallback)}`).to.equal(i18next.t(key, vars, fallback));
      }
    }
    expect(first?.has(key), `${lang} has ${key}`).to.equal(i18next.has(key));
  }
  expect([first?.language, first?.dir]).to.deep.equal([i18next.language, i18next.dir]);
}

describe('the first layer\'s texts, before i18next', () => {
  it('are i18next\'s for every first-layer text of the built-in languages', async () => {
    await expectSame({}, 'ru');
    await expectSame({}, 'en');
    await expectSame({}, 'en-gb');
  });

  it('are i18next\'s with a site\'s overrides, nested or dotted, regional, added categories and odd placeholders', async () => {
    await expectSame(
      {
        ru: {
          banner: { title: 'Наши cookie', use: { video: 'видео' } },
          'banner.summary': 'Сайт {{ operator }} ({{operator}}) — {{purposes}}; {{unknown}}, {{defaultValue}}, {{ не закрыто, {одна}, $ и $t без скобки.',
          'categories.video.title': 'Видео',
          'list.pair': '{{first}} и {{second}}',
        },
        en: { 'banner.title': 'Cookies here' },
      },
      'ru',
      ['banner.use.video', 'categories.video.title'],
    );
    await expectSame({ 'en-gb': { 'banner.choose': 'Customise…', banner: { purpose: { analytics: 'statistics' } } }, en: { 'banner.acceptAll': 'OK' } }, 'en-gb');
  });

  it('are not used where i18next would do more than fill plain placeholders, or for a language without built-in texts', async () => {
    for (const text of ['$t(banner.title)!', '{{operator, uppercase}}', '{{- operator}}', '{{a.b}}']) {
      expect(isPlainText(text), text).to.equal(false);
      expect((await both({ ru: { 'banner.summary': text } }, 'ru')).first, text).to.equal(null);
    }
    expect((await both({ ru: { 'preferences.title': '$t(banner.title)' } }, 'ru')).first, 'a text the first layer never reads').not.to.equal(null);
    expect((await both({ de: { 'banner.title': 'Cookies' } }, 'de')).first).to.equal(null);
    expect(isPlainText('Сайт {{ operator }}: {{purposes}}, {не}, $')).to.equal(true);
  });
});
