/*
 * The configurator (demo/configurator.html, docs/configurator.md): a site owner picks the options, sees
 * the banner and the preferences live, and copies the `<script>` tag that gives the same banner.
 *
 * How it stays honest:
 * - The previews (demo/configurator-preview.html) run the real built drop-in with the chosen options.
 * - Validation is the library's own: the banner preview reports the library's `[IntegrusConsent]`
 *   console messages and `IntegrusConsent.config` (what it accepted). The snippet is built from that
 *   accepted config, never from the raw form, so a value the library refused (a `javascript:` URL, a
 *   bad category name) cannot reach it; the field shows the library's message instead.
 * - "Only non-default options": the defaults are the config the library reports for no options at all
 *   (the first preview), not a copy kept here.
 *
 * No inline script or style on the page (strict CSP); colours reach the preview through the CSSOM.
 */
(() => {
  'use strict';

  const PREVIEW_PAGE = '/configurator-preview.html';
  const REPORT = 'integrus-configurator:report';
  const DEFAULT_SRC = '/static/consent/consent.min.js';
  const TYPING_DELAY_MS = 300;

  /** Options the configurator offers that the library reads from the config as they are. */
  const PLAIN_OPTIONS = ['lang', 'layout', 'buttons', 'theme', 'policyUrl', 'consentUrl', 'revision', 'logEndpoint', 'googleConsentMode', 'respectGpc', 'reopenButton'];
  /** Options with a `data-*` attribute on the script tag (README, "Options"); the rest go in the object. */
  const ATTRIBUTE_OPTIONS = new Set([...PLAIN_OPTIONS, 'categories', 'position']);
  /** The operator's fields (`operator.name`…), in the order the form has them. */
  const OPERATOR_FIELDS = ['name', 'inn', 'ogrn', 'address', 'email'];
  const TEXT_LANGUAGES = ['ru', 'en'];

  /**
   * Hook for a catalogue of services (issue 14: "and services, where a catalogue exists"). No
   * catalogue exists yet, so this is `null` and the `#services` block stays hidden. A catalogue would
   * be reviewed data (`{ category: [{ id, name, url, cookies }] }`); the configurator would offer its
   * services per category and put the chosen ones in `categories[].vendors` and `.cookies`.
   */
  const serviceCatalogue = null;

  /* ------------------------------------------------------------------ the page's own texts */

  const UI_TEXTS = {
    ru: {
      pageTitle: 'Конфигуратор баннера — Integrus Consent',
      loading: 'Загружаем библиотеку…',
      checking: 'Проверяем настройки в библиотеке…',
      accepted: 'Библиотека приняла все значения.',
      rejected: (n) => `Библиотека не приняла значений: ${n}. В код они не попали.`,
      loadFailed: 'Превью не загрузилось. Соберите библиотеку (npm run build) и обновите страницу.',
      notAccepted: 'Не принято, в код не попало.',
      badSrc: 'Нужен адрес http(s) или относительный путь; в коде оставлен адрес по умолчанию.',
      copied: 'Код скопирован.',
      copyManual: 'Не удалось скопировать: код выделен, нажмите Ctrl+C (⌘C).',
      customLegend: (n) => `Своя категория ${n}`,
      lowContrast: (list) => `Контраст в превью ниже 4.5:1 (WCAG 2.2 AA): ${list}. Подберите цвета.`,
      contrast_text: 'текст',
      contrast_link: 'ссылки',
      contrast_button: 'кнопки',
      categoryAdded: 'Категория добавлена.',
      categoryRemoved: 'Категория удалена.',
    },
    en: {
      pageTitle: 'Banner configurator — Integrus Consent',
      skip: 'Skip to content',
      home: 'INTEGRUS — home',
      uiLanguage: 'Configurator language',
      title: 'Consent banner configurator',
      lead: 'Pick the options: the banner and the preferences in the preview “What a visitor sees” update as you go. The code for your site is under “Code for your site”: it holds only what differs from the defaults.',
      toSnippet: 'To the code for your site',
      copyShort: 'Copy code',
      layoutModal: 'Centred window (blocks the page until a choice)',
      position: 'Where on the screen',
      positionDefault: 'The layout’s usual place',
      positionBottom: 'Bottom (bar)',
      positionTop: 'Top (bar)',
      positionBottomRight: 'Bottom right (card)',
      positionBottomLeft: 'Bottom left (card)',
      positionTopRight: 'Top right (card)',
      positionTopLeft: 'Top left (card)',
      buttons: 'Buttons',
      buttonsInline: 'In a row',
      buttonsStacked: 'Stacked',
      operator: 'Personal data operator',
      operatorHint: 'Who processes your visitors’ data: your organisation. The banner and the preferences name it.',
      operatorName: 'Name',
      operatorInn: 'INN (taxpayer number)',
      operatorOgrn: 'OGRN (registration number)',
      operatorAddress: 'Address',
      operatorEmail: 'Contact email',
      settings: 'Banner options',
      look: 'Language and look',
      lang: 'Banner language',
      langAuto: 'Same as the page',
      layout: 'Layout',
      layoutBar: 'Bar at the bottom',
      layoutBox: 'Card in the corner',
      theme: 'Theme',
      themeAuto: 'System',
      themeLight: 'Light',
      themeDark: 'Dark',
      colours: 'Colours',
      coloursHint: 'Tick a colour to set your own; it applies in both themes. Keep text contrast at 4.5:1.',
      colourBg: 'Background',
      colourFg: 'Text',
      colourAccent: 'Accent: buttons and links',
      colourAccentFg: 'Text on buttons',
      pickBg: 'Colour: background',
      pickFg: 'Colour: text',
      pickAccent: 'Colour: accent',
      pickAccentFg: 'Colour: text on buttons',
      categories: 'Cookie categories',
      categoriesHint: '“Strictly necessary” is always there. Tick the optional categories you need and add your own.',
      catAnalytics: 'Analytics',
      catPersonalization: 'Personalisation',
      catMarketing: 'Advertising',
      customCategories: 'Your categories',
      addCategory: 'Add a category',
      customName: 'Category code (Latin letters)',
      customTitleRu: 'Name in Russian',
      customTitleEn: 'Name in English',
      customDescriptionRu: 'Description in Russian',
      customDescriptionEn: 'Description in English',
      removeCategory: 'Remove the category',
      links: 'Documents',
      policyUrl: 'Privacy policy address',
      consentUrl: 'Consent to personal data processing address',
      records: 'Revision and consent records',
      revision: 'Policy revision',
      revisionHint: 'Change the revision and visitors see the banner again.',
      logEndpoint: 'Address for consent records (logEndpoint)',
      signals: 'Signals and button',
      gcm: 'Google Consent Mode v2',
      gpc: 'Respect the Global Privacy Control signal',
      reopen: 'Floating “Cookie settings” button',
      install: 'Installation',
      src: 'Address of consent.min.js on your site',
      preview: 'What a visitor sees',
      loading: 'Loading the library…',
      previewBanner: 'Banner',
      previewPreferences: 'Preferences',
      previewHint: 'The preferences here are for viewing only; open them with the banner’s button to try them (Esc closes). Clicks in the preview save nothing: cookies stay inside the preview and no consent record is sent.',
      snippet: 'Code for your site',
      copy: 'Copy the code',
      snippetHint: 'Paste it into the <head> of every page. Upload the files of dist/browser/ (in node_modules/integrus-consent/) to the folder of the address given above.',
      checking: 'Checking the options in the library…',
      accepted: 'The library accepted every value.',
      rejected: (n) => `The library did not accept ${n} value(s). They are left out of the code.`,
      loadFailed: 'The preview did not load. Build the library (npm run build) and reload the page.',
      notAccepted: 'Not accepted, left out of the code.',
      badSrc: 'Needs an http(s) address or a relative path; the code keeps the default address.',
      copied: 'Code copied.',
      copyManual: 'Could not copy: the code is selected, press Ctrl+C (⌘C).',
      customLegend: (n) => `Your category ${n}`,
      lowContrast: (list) => `Contrast in the preview is below 4.5:1 (WCAG 2.2 AA): ${list}. Adjust the colours.`,
      contrast_text: 'text',
      contrast_link: 'links',
      contrast_button: 'buttons',
      categoryAdded: 'Category added.',
      categoryRemoved: 'Category removed.',
    },
  };

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  const form = $('#config-form');
  const fields = $('#config-fields');
  const customList = $('#custom-categories');
  const snippetBox = $('#snippet');
  const copyButton = $('#copy-snippet');
  const copyBarButton = $('#copy-snippet-bar');
  /** Both copy buttons (the snippet's own, and the bar that keeps it in reach on a phone) at once. */
  const setCopyDisabled = (disabled) => {
    copyButton.disabled = disabled;
    copyBarButton.disabled = disabled;
  };
  const previewStatus = $('#preview-status');
  const copyStatus = $('#copy-status');
  const frames = { banner: $('#preview-banner'), preferences: $('#preview-preferences') };

  const query = new URLSearchParams(location.search);
  let uiLang = query.get('ui') === 'en' ? 'en' : 'ru';
  /** Russian texts as the HTML has them, so switching back from English restores them. */
  const russian = new Map();

  const say = (key, ...args) => {
    const text = UI_TEXTS[uiLang][key] ?? UI_TEXTS.ru[key];
    return typeof text === 'function' ? text(...args) : text;
  };

  /** The translatable things on the page: an attribute naming the key, and how to read and write the text. */
  const TRANSLATED = [
    ['data-i18n', (e) => e.textContent, (e, text) => (e.textContent = text)],
    ['data-i18n-label', (e) => e.getAttribute('aria-label'), (e, text) => e.setAttribute('aria-label', text)],
    ['data-i18n-title', (e) => e.title, (e, text) => (e.title = text)],
  ];

  function applyUiLanguage(lang) {
    uiLang = lang;
    document.documentElement.lang = lang;
    for (const [attribute, read, write] of TRANSLATED) {
      for (const element of $$(`[${attribute}]`)) {
        const key = element.getAttribute(attribute);
        const slot = `${attribute}:${key}`;
        if (!russian.has(slot)) russian.set(slot, read(element));
        write(element, lang === 'ru' ? russian.get(slot) : (UI_TEXTS.en[key] ?? russian.get(slot)));
      }
    }
    document.title = say('pageTitle');
    for (const button of $$('[data-ui-lang]')) button.setAttribute('aria-pressed', String(button.dataset.uiLang === lang));
    $$('.custom-category').forEach((item, index) => labelCustomCategory(item, index));
  }

  /* ------------------------------------------------------------------ reading the form */

  const trimmed = (id) => $(id).value.trim();

  /** The custom categories as typed: `{ name, titles: { ru, en }, descriptions: { ru, en } }`. */
  function customCategories() {
    return $$('.custom-category', customList).map((item) => {
      const part = (name) => $(`[data-part="${name}"]`, item).value.trim();
      return {
        item,
        name: part('name'),
        titles: { ru: part('title-ru'), en: part('title-en') },
        descriptions: { ru: part('description-ru'), en: part('description-en') },
      };
    });
  }

  /** The texts the custom categories need, per language (`texts.ru.categories.chat.title`…). */
  function customTexts(names) {
    const texts = {};
    for (const category of customCategories()) {
      if (!names.includes(category.name)) continue;
      for (const lang of TEXT_LANGUAGES) {
        const entry = {};
        if (category.titles[lang]) entry.title = category.titles[lang];
        if (category.descriptions[lang]) entry.description = category.descriptions[lang];
        if (!Object.keys(entry).length) continue;
        texts[lang] ??= { categories: {} };
        texts[lang].categories[category.name] = entry;
      }
    }
    return texts;
  }

  /** The operator as typed: `{ name, inn, … }` with the fields filled in, or `null`. */
  function formOperator() {
    const operator = {};
    for (const field of OPERATOR_FIELDS) {
      const value = $(`[data-operator="${field}"]`).value.trim();
      if (value) operator[field] = value;
    }
    return Object.keys(operator).length ? operator : null;
  }

  /** Every option the form sets, as typed (the library validates them in the preview). */
  function formOptions() {
    const options = {
      layout: $('input[name="layout"]:checked', form).value,
      theme: $('input[name="theme"]:checked', form).value,
      googleConsentMode: $('#cfg-gcm').checked,
      respectGpc: $('#cfg-gpc').checked,
      reopenButton: $('#cfg-reopen').checked,
    };
    if ($('#cfg-lang').value) options.lang = $('#cfg-lang').value;
    options.buttons = $('input[name="buttons"]:checked', form).value;
    if ($('#cfg-position').value) options.position = $('#cfg-position').value;
    const operator = formOperator();
    if (operator) options.operator = operator;
    for (const [option, id] of [['policyUrl', '#cfg-policy-url'], ['consentUrl', '#cfg-consent-url'], ['revision', '#cfg-revision'], ['logEndpoint', '#cfg-log-endpoint']]) {
      if (trimmed(id)) options[option] = trimmed(id);
    }
    const builtIn = $$('input[name="category"]', form).filter((box) => box.checked).map((box) => box.value);
    const custom = customCategories().map((c) => c.name).filter(Boolean);
    options.categories = [...builtIn, ...custom];
    const texts = customTexts(options.categories);
    if (Object.keys(texts).length) options.texts = texts;
    return options;
  }

  /** The colours the owner ticked: `{ '--consent-bg': '#112233' }`; only values CSS reads as colours. */
  function formColours() {
    const colours = {};
    for (const row of $$('.colour')) {
      const value = $('input[type="color"]', row).value;
      if ($('input[type="checkbox"]', row).checked && CSS.supports('color', value)) colours[row.dataset.colour] = value;
    }
    return colours;
  }

  /**
   * The script's address: not a library option, so the library cannot check it; http(s) or relative
   * only, like every URL the library accepts. `null` when it is not usable.
   */
  function scriptSrc() {
    const value = trimmed('#cfg-src');
    // eslint-disable-next-line no-control-regex
    if (!value || /[\s\u0000-\u001f\u007f"'<>]/.test(value)) return null;
    try {
      const { protocol } = new URL(value, location.href);
      return protocol === 'https:' || protocol === 'http:' ? value : null;
    } catch {
      return null;
    }
  }

  /* ------------------------------------------------------------------ options → tag */

  const kebab = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

  /** Splits options into the script tag's `data-*` attributes and the `IntegrusConsentConfig` object. */
  function toTag(options) {
    const attributes = {};
    const object = {};
    for (const [key, value] of Object.entries(options)) {
      if (ATTRIBUTE_OPTIONS.has(key)) attributes[`data-${kebab(key)}`] = Array.isArray(value) ? value.join(',') : String(value);
      else object[key] = value;
    }
    return { attributes, object: Object.keys(object).length ? object : null };
  }

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  /**
   * The options to publish: what the library accepted (`accepted`, its resolved config) where it
   * differs from what it does with no options (`defaults`), plus the texts of the categories it kept.
   */
  function publishedOptions(accepted, defaults, typed, errors) {
    const options = {};
    for (const key of PLAIN_OPTIONS) {
      if (!same(accepted[key], defaults[key])) options[key] = accepted[key];
    }
    // The position only when chosen and kept: each layout has its own usual place.
    if (typed.position && accepted.position === typed.position) options.position = typed.position;
    // The operator is the interface's option (the core's config does not carry it): the typed fields
    // but those the library refused (`Invalid option "operator.inn"`); none at all if it refused the whole.
    if (typed.operator) {
      const refused = errors.map((message) => /"operator(?:\.(\w+))?"/.exec(message)).filter(Boolean);
      if (!refused.some((match) => !match[1])) {
        const operator = Object.fromEntries(Object.entries(typed.operator).filter(([field]) => !refused.some((match) => match[1] === field)));
        if (Object.keys(operator).length) options.operator = operator;
      }
    }
    const names = accepted.categories.map((c) => c.name);
    if (!same(names, defaults.categories.map((c) => c.name))) options.categories = names;
    const textsRefused = errors.some((message) => /"texts\b/.test(message));
    if (typed.texts && !textsRefused) {
      const texts = customTexts(names);
      if (Object.keys(texts).length) options.texts = texts;
    }
    return options;
  }

  /* ------------------------------------------------------------------ the snippet */

  const escapeAttribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  /** JSON that is also safe inside `<script>`: no `<` can close the element or open a comment. */
  const scriptJson = (value) => JSON.stringify(value, null, 2).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const indent = (text, by) => text.split('\n').map((line) => by + line).join('\n');

  /** The HTML a site pastes into its `<head>`. */
  function snippetHtml({ attributes, object }, colours, src) {
    const parts = [];
    const declarations = Object.entries(colours).map(([property, value]) => `    ${property}: ${value};`);
    if (declarations.length) parts.push(`<style>\n  :root {\n${declarations.join('\n')}\n  }\n</style>`);
    if (object) parts.push(`<script>\n  window.IntegrusConsentConfig = ${indent(scriptJson(object), '  ').trimStart()};\n</script>`);
    const tagAttributes = [`src="${escapeAttribute(src)}"`, 'defer', ...Object.entries(attributes).map(([name, value]) => `${name}="${escapeAttribute(value)}"`)];
    parts.push(`<script ${tagAttributes.join(' ')}></script>`);
    return parts.join('\n');
  }

  /* ------------------------------------------------------------------ previews and reports */

  let run = 0;
  let defaults = null;
  let typedForRun = null;
  let timer = 0;
  /** A change waits for its render: reports of the previous run no longer describe the form. */
  let pending = false;

  function previewUrl(layer, payload) {
    return `${PREVIEW_PAGE}?layer=${layer}&run=${run}#${encodeURIComponent(JSON.stringify(payload))}`;
  }

  /** Re-renders both previews with the form's options (or none, to learn the defaults). */
  function render() {
    clearTimeout(timer);
    pending = false;
    run += 1;
    typedForRun = defaults ? formOptions() : {};
    // The typed options go to the library in the object, one value per field as typed (an attribute
    // would split "chat widget" into two categories); the snippet then uses attributes where they exist.
    const payload = { config: typedForRun, css: defaults ? formColours() : {}, pageLang: uiLang };
    for (const [layer, frame] of Object.entries(frames)) frame.src = previewUrl(layer, payload);
    snippetBox.setAttribute('aria-busy', 'true');
    setCopyDisabled(true);
    previewStatus.classList.remove('is-problem');
    previewStatus.textContent = say('checking');
  }

  /** A change is pending: the snippet on screen is stale until the library has seen it. */
  const schedule = (delay) => {
    clearTimeout(timer);
    pending = true;
    snippetBox.setAttribute('aria-busy', 'true');
    setCopyDisabled(true);
    timer = setTimeout(render, delay);
  };

  /** The option a library message is about: `Invalid option "cookie.name"` → `cookie`. */
  function optionOf(message) {
    const match = /"(texts|categories|[A-Za-z]+)(?:[.[][^"]*)?"/.exec(message);
    if (!match) return null;
    return match[1] === 'texts' ? 'categories' : match[1];
  }

  function showErrors(errors) {
    const byOption = new Map();
    for (const message of errors) {
      const option = optionOf(message) ?? 'general';
      byOption.set(option, [...(byOption.get(option) ?? []), message.replace(/^\[IntegrusConsent\]\s*/, '')]);
    }
    for (const slot of $$('[data-error-for]')) {
      if (slot.dataset.errorFor === 'src') continue;
      const messages = byOption.get(slot.dataset.errorFor);
      slot.hidden = !messages;
      slot.textContent = messages ? `${say('notAccepted')} ${messages.join(' ')}` : '';
      const input = $(`[data-option="${slot.dataset.errorFor}"]`);
      if (input) input.setAttribute('aria-invalid', String(Boolean(messages)));
    }
    const srcError = $('[data-error-for="src"]');
    srcError.hidden = scriptSrc() !== null;
    srcError.textContent = srcError.hidden ? '' : say('badSrc');
    $('#cfg-src').setAttribute('aria-invalid', String(!srcError.hidden));
  }

  /** WCAG 2.2 AA for normal text (1.4.3). */
  const MIN_CONTRAST = 4.5;

  /** Warns when the banner as rendered in the preview falls short of 4.5:1 anywhere. */
  function showContrast(ratios) {
    const low = Object.entries(ratios ?? {}).filter(([, ratio]) => ratio !== null && ratio < MIN_CONTRAST);
    $('#cfg-contrast').textContent = low.length ? say('lowContrast', low.map(([part, ratio]) => `${say(`contrast_${part}`)} ${ratio.toFixed(1)}:1`).join(', ')) : '';
  }

  function receive(event) {
    const report = event.data;
    if (event.origin !== location.origin || event.source !== frames.banner.contentWindow) return;
    if (!report || report.type !== REPORT || report.run !== run || report.layer !== 'banner' || pending) return;
    if (!report.config) {
      previewStatus.classList.add('is-problem');
      previewStatus.textContent = say('loadFailed');
      return;
    }
    if (!defaults) {
      // The first preview ran with no options: what it reports are the library's defaults, and the
      // form (now filled with them) needs no second render.
      defaults = report.config;
      fillFromDefaults();
      fields.disabled = false;
    }
    const published = publishedOptions(report.config, defaults, typedForRun, report.errors);
    snippetBox.textContent = snippetHtml(toTag(published), formColours(), scriptSrc() ?? DEFAULT_SRC);
    snippetBox.setAttribute('aria-busy', 'false');
    setCopyDisabled(false);
    showErrors(report.errors);
    showContrast(report.contrast);
    previewStatus.classList.toggle('is-problem', report.errors.length > 0);
    previewStatus.textContent = report.errors.length ? say('rejected', report.errors.length) : say('accepted');
  }

  /** The form starts from the library's defaults: placeholders for the texts, states for the rest. */
  function fillFromDefaults() {
    $('#cfg-policy-url').placeholder = defaults.policyUrl;
    $('#cfg-revision').placeholder = defaults.revision;
    $(`input[name="layout"][value="${defaults.layout}"]`, form).checked = true;
    $(`input[name="theme"][value="${defaults.theme}"]`, form).checked = true;
    $(`input[name="buttons"][value="${defaults.buttons}"]`, form).checked = true;
    matchPositions();
    $('#cfg-gcm').checked = defaults.googleConsentMode;
    $('#cfg-gpc').checked = defaults.respectGpc;
    $('#cfg-reopen').checked = defaults.reopenButton;
    const names = defaults.categories.map((c) => c.name);
    for (const box of $$('input[name="category"]', form)) box.checked = names.includes(box.value);
  }

  /** The positions the chosen layout takes stay selectable; another one goes back to the layout's usual place. */
  function matchPositions() {
    const layout = $('input[name="layout"]:checked', form).value;
    const select = $('#cfg-position');
    for (const option of select.options) if (option.dataset.layout) option.disabled = option.dataset.layout !== layout;
    if (select.selectedOptions[0]?.disabled) select.value = '';
  }

  /* ------------------------------------------------------------------ custom categories */

  function labelCustomCategory(item, index = $$('.custom-category').indexOf(item)) {
    $('.custom-category__legend', item).textContent = say('customLegend', index + 1);
  }

  let customCount = 0;
  function addCustomCategory() {
    const item = $('#custom-category-template').content.firstElementChild.cloneNode(true);
    customCount += 1;
    const legend = $('.custom-category__legend', item);
    legend.id = `custom-${customCount}-legend`;
    $('[data-part="remove"]', item).setAttribute('aria-describedby', legend.id);
    for (const label of $$('label[data-for]', item)) {
      const input = $(`[data-part="${label.dataset.for}"]`, item);
      input.id = `custom-${customCount}-${label.dataset.for}`;
      label.htmlFor = input.id;
    }
    customList.append(item);
    if (uiLang !== 'ru') applyUiLanguage(uiLang);
    labelCustomCategory(item);
    $('[data-part="name"]', item).focus();
    copyStatus.textContent = say('categoryAdded');
  }

  customList.addEventListener('click', (event) => {
    const remove = event.target.closest('[data-part="remove"]');
    if (!remove) return;
    remove.closest('.custom-category').remove();
    $$('.custom-category').forEach((item, index) => labelCustomCategory(item, index));
    $('#add-category').focus();
    copyStatus.textContent = say('categoryRemoved');
    schedule(0);
  });

  /* ------------------------------------------------------------------ copying */

  async function copySnippet() {
    const text = snippetBox.textContent;
    try {
      await navigator.clipboard.writeText(text);
      copyStatus.textContent = say('copied');
      return;
    } catch {
      /* no Clipboard API (http, older browser, permission refused): select the text instead */
    }
    const range = document.createRange();
    range.selectNodeContents(snippetBox);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    copyStatus.textContent = copied ? say('copied') : say('copyManual');
    snippetBox.focus();
  }

  /* ------------------------------------------------------------------ wiring */

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', (event) => {
    const colour = event.target.closest('.colour');
    if (colour && event.target.type === 'color') $('input[type="checkbox"]', colour).checked = true;
    const typing = event.target.matches('input[type="text"], textarea');
    schedule(typing ? TYPING_DELAY_MS : 0);
  });
  form.addEventListener('change', (event) => {
    if (event.target.name === 'layout') matchPositions();
    if (!event.target.matches('input[type="text"], textarea')) schedule(0);
  });
  $('#add-category').addEventListener('click', addCustomCategory);
  copyButton.addEventListener('click', copySnippet);
  copyBarButton.addEventListener('click', copySnippet);
  for (const button of $$('[data-ui-lang]')) {
    button.addEventListener('click', () => {
      applyUiLanguage(button.dataset.uiLang);
      const url = new URL(location.href);
      url.searchParams.set('ui', uiLang);
      history.replaceState(null, '', url);
      if (defaults) {
        // The automatic banner language follows the page's language.
        schedule(0);
      } else {
        previewStatus.textContent = say('loading');
      }
    });
  }
  window.addEventListener('message', receive);

  $('#services').hidden = serviceCatalogue === null;
  if (uiLang !== 'ru') applyUiLanguage(uiLang);
  render();
})();
