/*
 * Local stand-in for Yandex Metrica's tag.js (https://mc.yandex.ru/metrika/tag.js): it loads nothing
 * from the internet. Like the real counter it writes `_ym_uid` and `_ym_d` and answers `ym(id, ...)`
 * calls, including the ones queued before it loaded; like it, it keeps copies in localStorage
 * (`_ym_uid`, `_ym12345678_lsid`), which withdrawal removes with the cookies. It honours `window.disableYaCounter12345678`,
 * which Integrus Consent sets when analytics is withdrawn.
 *
 * Records: `window.__demoRuns` gets 'metrika' (or 'metrika-disabled'); every accepted `ym()` call
 * lands in `window.__demoMetrika.hits`. A `demo:run` event tells the demo's status panel.
 */
(() => {
  'use strict';
  const COUNTER = 12345678;
  const YEAR = 365 * 24 * 60 * 60;

  const disabled = (id) => window[`disableYaCounter${id}`] === true;
  const announce = (name) => {
    (window.__demoRuns = window.__demoRuns || []).push(name);
    document.dispatchEvent(new CustomEvent('demo:run', { detail: { name } }));
  };
  const setCookie = (name, value) => {
    document.cookie = `${name}=${value}; path=/; max-age=${YEAR}; SameSite=Lax`;
  };

  if (disabled(COUNTER)) {
    announce('metrika-disabled');
    return;
  }

  const now = Math.floor(Date.now() / 1000);
  const random = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  setCookie('_ym_uid', `${now}${random}`);
  setCookie('_ym_d', String(now));
  try {
    localStorage.setItem('_ym_uid', JSON.stringify(`${now}${random}`));
    localStorage.setItem(`_ym${COUNTER}_lsid`, String(now));
  } catch {
    /* storage blocked: the cookies only */
  }

  const state = (window.__demoMetrika = { counters: {}, hits: [] });
  const queued = (typeof window.ym === 'function' && window.ym.a) || [];

  window.ym = function ym(id, method, ...args) {
    if (disabled(id)) return;
    if (method === 'init') state.counters[id] = args[0] || {};
    state.hits.push({ id, method, args, time: new Date().toISOString() });
  };
  for (const call of queued) window.ym(...call);

  announce('metrika');
})();
