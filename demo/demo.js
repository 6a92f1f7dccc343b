/*
 * The demo site's own script. It is deferred and placed just before the drop-in, so it runs first:
 * its listeners are in place for the very first `consent:ready`, and it can adjust the drop-in's tag
 * before the drop-in reads it.
 *
 * What it does, top to bottom: the ?rev= override, the events journal, the status panel, the
 * controls (API buttons and query links), the theme playground, the contact form.
 *
 * For tests it keeps `window.__demoEvents` ({ type, detail } of every consent event, in order) and
 * `window.__demoEmbeds` (gated iframes that loaded); the stand-ins fill `window.__demoRuns`.
 */
(() => {
  'use strict';

  const query = new URLSearchParams(location.search);
  const $ = (selector) => document.querySelector(selector);
  const $$ = (selector) => Array.from(document.querySelectorAll(selector));
  const api = () => window.IntegrusConsent;

  window.__demoRuns = window.__demoRuns || [];
  window.__demoEvents = window.__demoEvents || [];
  window.__demoEmbeds = window.__demoEmbeds || [];

  // ?rev=: the inline config put the revision in the object, but the tag's data-revision would win.
  const dropIn = document.querySelector('script[src$="/consent.min.js"]');
  if (dropIn && query.has('rev')) dropIn.removeAttribute('data-revision');

  /* ---------------------------------------------------------------- events journal */

  const EVENT_TYPES = ['consent:ready', 'consent:change', 'consent:show', 'consent:hide'];
  const LOG_LIMIT = 100;
  const log = $('#event-log');
  let lastState = null;

  const clock = (date) =>
    `${date.toLocaleTimeString('ru-RU', { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;

  /** The part of an event's detail worth a line in the journal. */
  function summary(type, detail) {
    if (!detail) return {};
    if (type === 'consent:show' || type === 'consent:hide') return { layer: detail.layer };
    const short = { decided: detail.decided, granted: detail.granted, method: detail.method };
    if (type === 'consent:change') short.changed = detail.changed;
    return short;
  }

  function addLogEntry(type, detail) {
    if (!log) return;
    const item = document.createElement('li');
    item.className = `event-log__item event-log__item--${type.split(':')[1]}`;
    const time = document.createElement('time');
    time.dateTime = new Date().toISOString();
    time.textContent = clock(new Date());
    const name = document.createElement('strong');
    name.textContent = type;
    const body = document.createElement('code');
    body.textContent = JSON.stringify(summary(type, detail));
    item.append(time, ' ', name, ' ', body);
    log.prepend(item);
    while (log.children.length > LOG_LIMIT) log.lastElementChild.remove();
    $('#event-log-empty')?.setAttribute('hidden', '');
  }

  for (const type of EVENT_TYPES) {
    document.addEventListener(type, (event) => {
      window.__demoEvents.push({ type, detail: event.detail });
      if (type !== 'consent:show' && type !== 'consent:hide') lastState = event.detail;
      addLogEntry(type, event.detail);
      refreshStatus();
    });
  }

  $('#log-clear')?.addEventListener('click', () => {
    log.replaceChildren();
    $('#event-log-empty')?.removeAttribute('hidden');
  });

  /* ---------------------------------------------------------------- status panel */

  const KNOWN_RUNS = [
    ['metrika', 'Яндекс Метрика'],
    ['inline-analytics', 'Встроенный код аналитики'],
    ['ga', 'Google Analytics'],
  ];

  const METHODS = { 'accept-all': 'приняты все', 'reject-all': 'отклонены все', custom: 'выборочно' };

  function currentState() {
    try {
      return api()?.getState() ?? lastState;
    } catch {
      return lastState;
    }
  }

  function setText(selector, text) {
    const element = $(selector);
    if (element && element.textContent !== text) element.textContent = text;
  }

  function chip(text, on) {
    const item = document.createElement('li');
    item.className = on ? 'chip chip--on' : 'chip';
    item.textContent = `${on ? '✓' : '–'} ${text}`;
    return item;
  }

  /** The last Google Consent Mode command in dataLayer: what Google tags would be told. */
  function consentModeSummary() {
    const commands = (window.dataLayer || []).filter((entry) => entry && entry[0] === 'consent');
    if (commands.length === 0) return 'нет команд';
    const [, kind, values] = commands[commands.length - 1];
    const pick = ['analytics_storage', 'ad_storage', 'personalization_storage'].map((key) => `${key}: ${values[key]}`);
    return `${commands.length} ком. (последняя: ${kind}) — ${pick.join(', ')}`;
  }

  function refreshStatus() {
    const state = currentState();
    if (!state) setText('#status-decision', 'скрипт согласия ещё не сообщил состояние');
    else if (!state.decided) setText('#status-decision', `нет решения (редакция ${state.revision})`);
    else {
      const when = state.timestamp ? new Date(state.timestamp).toLocaleString('ru-RU') : '';
      const method = METHODS[state.method] ?? state.method ?? 'решение принято';
      setText('#status-decision', `${method}, ${when}, редакция ${state.revision}`);
    }
    setText('#status-granted', state ? state.granted.join(', ') : '—');
    setText('#status-gpc', navigator.globalPrivacyControl === true ? 'передаётся (true)' : 'нет');
    setText('#status-gcm', consentModeSummary());
    setText('#status-ym', window.disableYaCounter12345678 === true ? 'счётчик 12345678 отключён (disableYaCounter12345678)' : 'не отключалась');
    setText('#status-bot', window.__demoBot ? 'посетитель считается роботом: баннера нет, ничего не разрешено' : 'нет');

    const runs = $('#status-runs');
    if (runs) {
      const items = KNOWN_RUNS.map(([id, label]) => chip(label, window.__demoRuns.includes(id)));
      if (window.__demoRuns.includes('metrika-disabled')) items.push(chip('Метрика отключена', true));
      runs.replaceChildren(...items);
    }

    const frame = $('iframe[data-consent]');
    const loaded = window.__demoEmbeds.includes('video');
    setText('#status-embed', loaded ? 'загружено' : frame?.getAttribute('src') ? 'загружается' : 'заблокировано');

    refreshCookies();
  }

  let shownCookies = null;
  function refreshCookies() {
    const list = $('#status-cookies');
    if (!list || document.cookie === shownCookies) return;
    shownCookies = document.cookie;
    const cookies = shownCookies ? shownCookies.split('; ') : [];
    if (cookies.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'muted';
      empty.textContent = 'нет';
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(
      ...cookies.map((pair) => {
        const at = pair.indexOf('=');
        const item = document.createElement('li');
        const name = document.createElement('code');
        name.textContent = at < 0 ? pair : pair.slice(0, at);
        let value = at < 0 ? '' : pair.slice(at + 1);
        try {
          value = decodeURIComponent(value);
        } catch {
          /* show it as stored */
        }
        item.title = value;
        item.append(name, ` = ${value.length > 90 ? `${value.slice(0, 87)}…` : value}`);
        return item;
      }),
    );
  }

  document.addEventListener('demo:run', refreshStatus);
  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || event.data?.type !== 'demo:embed') return;
    window.__demoEmbeds.push(event.data.name);
    refreshStatus();
  });
  setInterval(refreshCookies, 1000); // cookies change without events too (vendors, other tabs)

  $('#records-load')?.addEventListener('click', async () => {
    const output = $('#records-output');
    output.hidden = false;
    try {
      const response = await fetch('/consent-log', { cache: 'no-store' });
      const records = await response.json();
      output.textContent = records.length
        ? `Записей: ${records.length}. Последняя:\n${JSON.stringify(records[records.length - 1], null, 2)}`
        : 'Записей нет: сервер получает запись при каждом решении.';
    } catch (error) {
      output.textContent = `Не удалось загрузить: ${error.message}`;
    }
  });

  /* ---------------------------------------------------------------- controls */

  /** Calls the consent API, or says why it cannot. */
  async function callApi(method, ...args) {
    const consent = api();
    if (!consent) {
      $('#dropin-missing')?.removeAttribute('hidden');
      return;
    }
    try {
      await consent[method](...args);
    } catch (error) {
      console.error(`[demo] IntegrusConsent.${method}() failed:`, error);
    }
    refreshStatus();
  }

  for (const button of $$('[data-api]')) {
    button.addEventListener('click', () => callApi(button.dataset.api));
  }
  for (const button of $$('[data-lang]')) {
    button.addEventListener('click', () => callApi('setLanguage', button.dataset.lang));
  }

  // Query links keep the other parameters; a data-toggle link removes its parameter when it is on.
  for (const link of $$('a[data-query]')) {
    const [key, value] = link.dataset.query.split('=');
    const params = new URLSearchParams(location.search);
    const active = params.get(key) === value || (key === 'theme' && value === 'auto' && !params.has(key)) ||
      (key === 'layout' && value === 'bar' && !params.has(key));
    if (link.hasAttribute('data-toggle') && params.get(key) === value) params.delete(key);
    else params.set(key, value);
    const search = params.toString();
    link.href = `${location.pathname}${search ? `?${search}` : ''}#sandbox`;
    if (link.hasAttribute('data-toggle')) link.classList.toggle('is-on', active);
    if (active) link.setAttribute('aria-current', 'true');
  }

  /* ---------------------------------------------------------------- theme playground */

  const form = $('#theme-form');
  const cssOutput = $('#theme-css');
  const root = document.documentElement.style;
  const controls = form ? Array.from(form.querySelectorAll('[data-prop]')) : [];

  const PRESETS = {
    brand: {
      '--consent-bg': '#ffffff', '--consent-fg': '#1b2333', '--consent-accent': '#1746a2',
      '--consent-accent-fg': '#ffffff', '--consent-radius': '12',
      '--consent-shadow': '0 4px 16px rgb(15 23 42 / 0.12)',
    },
    night: {
      '--consent-bg': '#0f172a', '--consent-fg': '#e2e8f0', '--consent-accent': '#5eead4',
      '--consent-accent-fg': '#0f172a', '--consent-radius': '4',
      '--consent-shadow': '0 12px 40px rgb(15 23 42 / 0.35)',
    },
    warm: {
      '--consent-bg': '#fff8ef', '--consent-fg': '#3b2a1a', '--consent-accent': '#9a3412',
      '--consent-accent-fg': '#ffffff', '--consent-radius': '20',
      '--consent-font-family': "Georgia, 'Times New Roman', serif",
    },
  };

  const valueOf = (control) => (control.value === '' ? '' : `${control.value}${control.dataset.unit ?? ''}`);

  function applyControl(control) {
    const value = valueOf(control);
    if (value) root.setProperty(control.dataset.prop, value);
    else root.removeProperty(control.dataset.prop);
    control.dataset.changed = value ? 'true' : '';
    const output = form.querySelector(`[data-output="${control.id}"]`);
    if (output) output.textContent = value;
    renderCss();
  }

  function renderCss() {
    const lines = controls
      .filter((control) => control.dataset.changed === 'true')
      .map((control) => `  ${control.dataset.prop}: ${valueOf(control)};`);
    cssOutput.textContent = lines.length
      ? `:root {\n${lines.join('\n')}\n}`
      : '/* Измените параметр — здесь появится CSS */';
  }

  if (form) {
    form.addEventListener('input', (event) => {
      if (event.target.dataset?.prop) applyControl(event.target);
    });
    form.addEventListener('submit', (event) => event.preventDefault());

    $('#theme-reset')?.addEventListener('click', () => {
      form.reset();
      for (const control of controls) {
        root.removeProperty(control.dataset.prop);
        control.dataset.changed = '';
        const output = form.querySelector(`[data-output="${control.id}"]`);
        if (output) output.textContent = valueOf(control);
      }
      renderCss();
    });

    for (const button of $$('[data-preset]')) {
      button.addEventListener('click', () => {
        for (const [prop, value] of Object.entries(PRESETS[button.dataset.preset])) {
          const control = controls.find((c) => c.dataset.prop === prop);
          if (!control) continue;
          control.value = value;
          applyControl(control);
        }
      });
    }
  }

  /* ---------------------------------------------------------------- contact form */

  $('#contact-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    setText('#contact-status', 'Это демонстрационная страница: заявка никуда не отправлена.');
  });

  /* ---------------------------------------------------------------- start */

  refreshStatus();
  window.addEventListener('load', () => {
    if (!api()) $('#dropin-missing')?.removeAttribute('hidden');
    refreshStatus();
  });
})();
