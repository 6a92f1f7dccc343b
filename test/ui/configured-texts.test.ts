/**
 * Texts follow the configuration (issue 13, item 4): the first layer and the preferences speak only of
 * the categories the site configured; what the texts cannot say is said neutrally, and the site is told
 * once, in the console.
 */
import { expect } from '@open-wc/testing';
import en from '../../locales/en.json';
import ru from '../../locales/ru.json';
import type { ConsentOptions } from '../../src/core/types.js';
import { configWarnings } from '../../src/ui/warnings.js';
import { resolveUiOptions } from '../../src/ui/options.js';
import { createLocalizer } from '../../src/ui/i18n.js';
import { cleanup, createHost, inShadow, mountUi, shadowText } from '../helpers/ui.js';
import type { HostExtras } from '../helpers/ui.js';

/** Everything a visitor can read: the banner with "More" expanded, then the preferences. */
async function everyText(options: ConsentOptions, extras: HostExtras = {}): Promise<string> {
  const { ui, banner, preferences } = await mountUi(options, extras);
  await ui.showBanner();
  inShadow(banner, '[part="more"]').click();
  await banner.updateComplete;
  const first = shadowText(banner);
  await ui.showPreferences();
  return `${first} ${shadowText(preferences)}`;
}

const ADVERTISING = /реклам|advertis|\bads?\b/i;

/** Collects console.warn messages while `run` runs. */
async function warnings(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return seen;
}

describe('texts follow the configuration', () => {
  afterEach(cleanup);

  for (const lang of ['ru', 'en']) {
    it(`a site with analytics only says nothing of advertising (${lang})`, async () => {
      const texts = await everyText({ categories: ['analytics'] }, { lang });
      expect(texts).not.to.match(ADVERTISING);
      const locale = lang === 'ru' ? ru : en;
      expect(texts).to.contain(locale.banner.use.analytics).and.contain(locale.banner.recipient.analytics);
      expect(texts).not.to.contain(locale.banner.use.personalization);
      // The same check finds advertising where the site has it.
      expect(await everyText({ categories: ['analytics', 'marketing'] }, { lang })).to.match(ADVERTISING);
    });
  }

  it('a site with personalisation only mentions no third parties in the first layer', async () => {
    const { ui, banner } = await mountUi({ categories: ['personalization'] });
    await ui.showBanner();
    inShadow(banner, '[part="more"]').click();
    await banner.updateComplete;
    const text = shadowText(banner);
    expect(text).to.contain(ru.banner.use.personalization).and.contain(ru.banner.purpose.personalization);
    expect(text).not.to.contain('третьим лицам');
    expect(text).not.to.match(ADVERTISING);
  });

  it('a custom category without texts gets a neutral purpose and description (its name as title) and one warning', async () => {
    let mounted: Awaited<ReturnType<typeof mountUi>> | undefined;
    const seen = await warnings(async () => {
      mounted = await mountUi({ categories: ['analytics', 'chat'] });
    });
    const { ui, banner, preferences } = mounted!;
    expect(seen.filter((m) => m.includes('"chat"'))).to.have.length(1);
    expect(seen[0]).to.contain('texts');
    await ui.showBanner();
    expect(shadowText(banner)).to.contain(`${ru.banner.purpose.analytics} и ${ru.banner.purpose.other}`);
    await ui.showPreferences();
    const chat = inShadow(preferences, 'input[name="chat"]').closest('li')!;
    expect(chat.querySelector('.description')?.textContent).to.equal(ru.preferences.otherDescription);
    // Opening the layers again says nothing more.
    expect(await warnings(async () => {
      await ui.hide();
      await ui.showPreferences();
      await ui.setLanguage('en');
    })).to.deep.equal([]);
  });

  it('a custom category the site describes gets its texts and no warning', async () => {
    const seen = await warnings(() =>
      mountUi({ operator: { name: 'ООО «Ромашка»' }, categories: ['chat'], texts: { ru: { categories: { chat: { title: 'Чат', description: 'Онлайн-консультант.' } } } } }));
    expect(seen).to.deep.equal([]);
  });

  it('a lang without texts warns once and falls back', async () => {
    // The core picked "ru" for "de" (src/core/language.ts); the interface says why, once.
    const seen = await warnings(async () => {
      const { ui, banner } = await mountUi({ lang: 'de', operator: { name: 'ООО «Ромашка»' } }, { lang: 'ru' });
      await ui.showBanner();
      await ui.showPreferences();
      expect(inShadow(banner, '[part="banner"]').getAttribute('lang')).to.equal('ru');
    });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.contain('"de"').and.contain('"ru"');
    // A regional tag of a language with texts is no mistake.
    expect(await warnings(() => mountUi({ lang: 'en-GB', operator: { name: 'ООО «Ромашка»' } }, { lang: 'en' }))).to.deep.equal([]);
  });

  it('an unknown key in texts warns once, naming the nearest key; known, custom-category and catalogue keys do not', async () => {
    const operator = { name: 'ООО «Ромашка»' };
    const seen = await warnings(async () => {
      const { ui, banner } = await mountUi({
        operator,
        categories: ['analytics', 'chat'],
        texts: {
          ru: {
            titel: 'Куки',
            banner: { acceptAl: 'Да', title: 'Мы используем cookie' },
            'preferences.save': 'Сохранить',
            categories: { chat: { title: 'Чат', description: 'Онлайн-консультант.' } },
            vendors: { 'my-crm': 'CRM' },
          },
        },
      });
      await ui.showBanner();
      await ui.showPreferences();
      // The known key still applies.
      expect(inShadow(banner, '[part="title"]').textContent).to.equal('Мы используем cookie');
    });
    const unknown = seen.filter((m) => m.includes('Unknown text'));
    expect(unknown).to.deep.equal([
      '[IntegrusConsent] Unknown text "texts.ru.titel" (option "texts"); no text has this key, so nothing changes. Did you mean "banner.title"?',
      '[IntegrusConsent] Unknown text "texts.ru.banner.acceptAl" (option "texts"); no text has this key, so nothing changes. Did you mean "banner.acceptAll"?',
    ]);
    expect(seen).to.deep.equal(unknown);
  });

  it('no operator configured: one warning on every host but integrus.ru, this localhost page included', async () => {
    const i18n = await createLocalizer({}, 'ru');
    const operatorWarnings = (options: ConsentOptions, hostname: string): string[] => {
      const host = createHost(options);
      const config = resolveUiOptions(host.options, host.fullConfig, () => undefined, hostname);
      return configWarnings({ ...host, config }, i18n, hostname).filter((m) => m.includes('"operator'));
    };
    expect(operatorWarnings({}, 'shop.example.ru')).to.have.length(1);
    expect(operatorWarnings({}, 'shop.example.ru')[0]).to.contain('shop.example.ru').and.contain('Оператор сайта').and.not.contain('ИНТЕГРУС');
    expect(operatorWarnings({ operator: { inn: '7701234567' } }, 'shop.example.ru')[0]).to.contain('"operator.name"');
    expect(operatorWarnings({ operator: { name: 'ООО «Ромашка»' } }, 'shop.example.ru')).to.deep.equal([]);
    expect(operatorWarnings({}, 'integrus.ru')).to.deep.equal([]);
    // This page is served from localhost: mounting warns once, naming the host.
    const seen = (await warnings(() => mountUi())).filter((m) => m.includes('"operator"'));
    expect(seen).to.have.length(1);
    expect(seen[0]).to.contain(location.hostname);
  });
});

describe('lists in the first layer', () => {
  afterEach(cleanup);

  it('join with the language\'s own list texts, which the site may override; a language the site added gets the browser\'s list format', async () => {
    const custom = await mountUi({ categories: ['analytics', 'marketing'], texts: { ru: { 'list.pair': '{{first}}, а также {{second}}' } } });
    await custom.ui.showBanner();
    expect(shadowText(custom.banner)).to.contain(`${ru.banner.purpose.analytics}, а также ${ru.banner.purpose.marketing}`);
    cleanup();
    const german = await mountUi(
      { categories: ['analytics', 'marketing'], texts: { de: { banner: { summary: 'Wir nutzen {{purposes}}.', purpose: { analytics: 'Analyse', marketing: 'Werbung' } } } } },
      { lang: 'de' },
    );
    await german.ui.showBanner();
    expect(shadowText(german.banner)).to.contain('Wir nutzen Analyse und Werbung.');
  });

  for (const lang of ['ru', 'en']) {
    it(`the first paint (${lang}) sets up no Intl.ListFormat, whose first use costs tens of milliseconds`, async () => {
      const intl = Intl as { ListFormat: typeof Intl.ListFormat };
      const original = intl.ListFormat;
      let made = 0;
      intl.ListFormat = new Proxy(original, { construct: (target, args: ConstructorParameters<typeof Intl.ListFormat>) => (made++, new target(...args)) });
      try {
        const { ui, banner } = await mountUi({ categories: ['analytics', 'personalization', 'marketing'] }, { lang });
        await ui.showBanner();
        inShadow(banner, '[part="more"]').click();
        await banner.updateComplete;
        const locale = lang === 'ru' ? ru : en;
        const sep = lang === 'ru' ? ' и ' : ', and ';
        expect(shadowText(banner)).to.contain(`${locale.banner.use.analytics}, ${locale.banner.use.personalization}${sep}${locale.banner.use.marketing}`);
      } finally {
        intl.ListFormat = original;
      }
      expect(made).to.equal(0);
    });
  }
});
