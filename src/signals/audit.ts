/**
 * The self-audit (`IntegrusConsent.audit()`, `data-debug`; docs/autoblock.md): what an auditor's
 * crawler would find, seen from inside the page. Built as `dist/browser/consent-audit.min.js` and imported
 * only when called, so the returning-visit core does not carry it. Reads cookies, the DOM and
 * Resource Timing; sends nothing and writes nothing.
 */
import { SERVICES, removableCookies, serviceForUrl } from '../catalogue/catalogue.js';
import type { Service } from '../catalogue/catalogue.js';
import { parseConsentAttribute } from '../core/categories.js';
import { LOG_PREFIX } from '../core/util.js';
import { cookieNames } from '../core/cookie-jar.js';
import { matchesPattern } from '../core/cookie-pattern.js';
import type { AuditReport, IntegrusConsentApi } from '../core/types.js';
import { NECESSARY } from '../core/types.js';
import { currentCatalogue } from '../catalogue/runtime.js';
import { GATED_SELECTOR } from '../gate/gate.js';

/** The mark of an auto-blocked tag (`AUTOBLOCKED` in src/gate/autoblock.ts; importing it would bring that module's tables into this file). */
const AUTOBLOCKED = 'data-consent-autoblocked';

/** A short, readable name for a tag in a table: `script src=https://mc.yandex.ru/metrika/tag.js`. */
function describe(el: Element): string {
  const src = el.getAttribute('src') ?? el.getAttribute('data-src');
  return `${el.localName}${src ? ` src=${src.slice(0, 120)}` : ''}`;
}

/** Runs the audit on `win`'s page for `api`; prints `console.table`s and returns the same findings. */
export function runAudit(win: Window, api: IntegrusConsentApi): AuditReport {
  const doc = win.document;
  const state = api.getState();
  const catalogue = currentCatalogue(win);
  const autoblocking = Boolean(catalogue?.blocker);
  // By id: this module carries its own copy of the catalogue, not the drop-in's objects.
  const ids = new Set([...(catalogue?.named ?? []).map((s) => s.id), ...(catalogue?.blocker?.found ?? [])]);
  const inUse: Service[] = SERVICES.filter((s) => ids.has(s.id));
  const known = new Set(api.config.categories.map((c) => c.name));
  const granted = (category: string): boolean => category === NECESSARY || state.categories[category] === true;

  // Cookies no category declares (the site's `cookies` lists, the services in use, the consent cookie).
  const declared = [api.config.cookie.name, ...api.config.categories.flatMap((c) => c.cookies), ...removableCookies(inUse)];
  const undeclaredCookies = [...cookieNames(doc).keys()]
    .filter((name) => !declared.some((p) => matchesPattern(name, p)))
    .map((cookie) => {
      const service = SERVICES.find((s) => s.cookies.some((c) => !c.thirdParty && matchesPattern(cookie, c.name)));
      return { cookie, service: service?.id ?? null, category: service?.category ?? null };
    });

  // Requests to known services before their category was granted (Resource Timing, ms since navigation).
  const decisionTime = state.timestamp ? Date.parse(state.timestamp) - win.performance.timeOrigin : null;
  const requestsBeforeConsent = (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).flatMap((entry) => {
    const service = serviceForUrl(entry.name, doc.baseURI);
    if (!service) return [];
    const before = !granted(service.category) || decisionTime === null || entry.startTime < decisionTime;
    if (!before) return [];
    return [{
      url: entry.name.slice(0, 200),
      service: service.id,
      category: service.category,
      initiator: entry.initiatorType,
      startTime: Math.round(entry.startTime),
      decisionTime: decisionTime === null ? null : Math.round(decisionTime),
    }];
  });

  // Tags naming categories this site does not configure: they stay blocked for good.
  const unknownCategories = Array.from(doc.querySelectorAll('[data-consent]')).flatMap((el) =>
    parseConsentAttribute(el.getAttribute('data-consent'))
      .filter((c) => !known.has(c))
      .map((category) => ({ tag: describe(el), category })));

  // Live tags of known services that nothing held back while their category was not granted.
  const gated = new Set(Array.from(doc.querySelectorAll(GATED_SELECTOR)));
  const ungatedServices = Array.from(doc.querySelectorAll('script[src], iframe[src], img[src]')).flatMap((el) => {
    if (gated.has(el) || el.hasAttribute('data-consent-activated') || el.hasAttribute(AUTOBLOCKED)) return [];
    if (el.localName === 'script' && (el.getAttribute('type') ?? '').trim().toLowerCase() === 'text/plain') return [];
    const service = serviceForUrl(el.getAttribute('src') ?? '', doc.baseURI);
    if (!service) return [];
    // With auto-blocking on, a tag of a granted category was rightly let through.
    if (autoblocking && granted(service.category)) return [];
    return [{ tag: describe(el), service: service.id, category: service.category }];
  });

  const outOfReach = findOutOfReach(win, granted);

  const decision = {
    decided: state.decided,
    method: state.method,
    timestamp: state.timestamp,
    granted: state.granted,
    denied: state.denied,
    autoblocking,
    services: inUse.map((s) => s.id),
  };
  const report: AuditReport = { decision, undeclaredCookies, requestsBeforeConsent, unknownCategories, ungatedServices, outOfReach };
  print(report);
  return report;
}

/** Where each kind of tag that no script can hold back is named, and what the site should do instead. */
const REACH = {
  scanner: ['Chromium fetched it from the HTML (preload scanner) before any script ran', 'write it in the gated form (type="text/plain" data-consent / data-src) or insert it from code'],
  css: ['a CSS url(): no script sees the request', 'move the image into an <img data-src data-consent>, or add the rule only after consent'],
  code: ['page code fetches it itself (import(), a worker, fetch, sendBeacon)', 'gate this script: type="text/plain" data-consent="<category>"'],
  shadow: ['a tag in a declarative shadow root written in the HTML', 'use the gated form inside the <template shadowrootmode>, or render it from code'],
} as const;
type Reach = AuditReport['outOfReach'][number];

/**
 * Tags of known services whose category is not granted and that no script can hold back
 * (docs/autoblock.md, "Limits"): each named with the fix. Reads the DOM, same-origin stylesheets and
 * Resource Timing.
 */
function findOutOfReach(win: Window, granted: (category: string) => boolean): Reach[] {
  const doc = win.document;
  const rows: Reach[] = [];
  const add = (tag: string, url: string, kind: keyof typeof REACH): void => {
    const service = serviceForUrl(url, doc.baseURI);
    if (!service || granted(service.category) || rows.some((r) => r.tag === tag && r.service === service.id)) return;
    const [why, fix] = REACH[kind];
    rows.push({ tag, service: service.id, category: service.category, why, fix: fix.replace('<category>', service.category) });
  };
  const fetched = new Set(win.performance.getEntriesByType('resource').map((e) => e.name));
  const absolute = (url: string): string => {
    try {
      return new URL(url, doc.baseURI).href;
    } catch {
      return url;
    }
  };
  // Held back, yet requested: the preload scanner got there first.
  for (const el of Array.from(doc.querySelectorAll(`[${AUTOBLOCKED}]`))) {
    const url = el.getAttribute('src') ?? el.getAttribute('href') ?? el.getAttribute('data-src');
    if (url && fetched.has(absolute(url))) add(describe(el), url, 'scanner');
  }
  // CSS url(): style attributes, <style> elements and the rules of same-origin stylesheets.
  const URLS = /url\(\s*(['"]?)([^'")\s]+)\1\s*\)/g;
  const fromCss = (tag: string, css: string): void => {
    for (const m of css.matchAll(URLS)) add(tag, m[2]!, 'css');
  };
  for (const el of Array.from(doc.querySelectorAll('[style*="url("]'))) fromCss(`${el.localName} style`, el.getAttribute('style') ?? '');
  for (const sheet of Array.from(doc.styleSheets)) {
    const owner = sheet.ownerNode as Element | null;
    const tag = owner ? describe(owner) || owner.localName : 'stylesheet';
    try {
      fromCss(tag, Array.from(sheet.cssRules, (r) => r.cssText).join('\n'));
    } catch {
      /* a cross-origin stylesheet: its rules are not readable */
    }
  }
  // Inline code that fetches a known service's address itself.
  for (const el of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const type = (el.getAttribute('type') ?? '').trim().toLowerCase();
    if (type === 'text/plain' || type === 'application/json' || type === 'application/ld+json' || type === 'importmap') continue;
    const text = el.textContent ?? '';
    if (!/\b(import\s*\(|(Shared)?Worker\s*\(|importScripts|fetch\s*\(|sendBeacon|XMLHttpRequest)/.test(text)) continue;
    for (const m of text.matchAll(/(?:https?:)?\/\/[^\s'"`)]+/g)) add('script (inline)', m[0], 'code');
  }
  // Open shadow roots (declarative ones from the HTML included): live tags nothing held back, and
  // held ones the parser had already fetched (an image's request starts as the parser creates it).
  for (const host of Array.from(doc.querySelectorAll('*'))) {
    const root = host.shadowRoot;
    if (!root) continue;
    for (const el of Array.from(root.querySelectorAll(`script[src], img[src], iframe[src], [${AUTOBLOCKED}]`))) {
      const held = el.hasAttribute(AUTOBLOCKED);
      const url = el.getAttribute('src') ?? el.getAttribute('data-src') ?? '';
      if (held ? !fetched.has(absolute(url)) : el.hasAttribute('data-consent')) continue;
      add(`${host.localName} > #shadow-root > ${describe(el)}`, url, 'shadow');
    }
  }
  return rows;
}

function print(report: AuditReport): void {
  const problems = report.undeclaredCookies.length + report.requestsBeforeConsent.length + report.unknownCategories.length + report.ungatedServices.length + report.outOfReach.length;
  console.group(`${LOG_PREFIX} Audit: ${problems === 0 ? 'nothing found' : `${problems} finding(s)`}`);
  const section = (title: string, rows: object[]): void => {
    console.info(`${title}: ${rows.length === 0 ? 'none' : rows.length}`);
    if (rows.length) console.table(rows);
  };
  console.info('Current decision');
  console.table([report.decision]);
  section('Cookies no category declares', report.undeclaredCookies);
  section('Requests to known services before consent', report.requestsBeforeConsent);
  section('Tags naming unknown categories', report.unknownCategories);
  section('Tags of known services neither gated nor auto-blocked', report.ungatedServices);
  section('Tags no script can hold back (fix each as the table says)', report.outOfReach);
  console.groupEnd();
}
