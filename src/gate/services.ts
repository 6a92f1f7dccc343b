/**
 * Stopping known services on withdrawal (docs/autoblock.md): their first-party cookies and their
 * `localStorage` / `sessionStorage` keys (from the catalogue) are cleared and Yandex Metrica's counters get their opt-out flag
 * (`window.disableYaCounter<id> = true`), for the services a site named in `services` or that
 * auto-blocking found on the page. DOM, no lit.
 */
import { removableCookies, removableStorage } from '../catalogue/catalogue.js';
import type { Service } from '../catalogue/catalogue.js';
import { clearCookies } from '../core/cookie-jar.js';
import { serviceGranted } from '../core/decision.js';
import { clearStorage } from '../core/web-storage.js';
import { OUTBOX_KEY } from '../signals/consent-record.js';
import type { ConsentState, CoreConfig, IntegrusConsentApi } from '../core/types.js';

const METRICA = 'yandex-metrica';

/**
 * Metrica counter ids this page uses: from the snippet's queue (`ym.a`, `ym(id, 'init')` calls made
 * before tag.js loaded), from `yaCounter<id>` globals and from `tag.js?id=` addresses.
 */
export function metricaCounterIds(win: Window): string[] {
  const ids = new Set<string>();
  const add = (id: unknown): void => {
    if ((typeof id === 'number' || typeof id === 'string') && /^\d{1,12}$/.test(String(id))) ids.add(String(id));
  };
  try {
    const queue = (win as unknown as { ym?: { a?: ArrayLike<ArrayLike<unknown>> } }).ym?.a;
    for (const call of Array.from(queue ?? [])) add(call[0]);
    for (const key of Object.keys(win)) add(/^yaCounter(\d+)$/.exec(key)?.[1]);
    for (const script of Array.from(win.document.querySelectorAll<HTMLScriptElement>('script[src*="/metrika/tag.js"]'))) {
      add(new URL(script.getAttribute('src') ?? '', win.document.baseURI).searchParams.get('id'));
    }
  } catch {
    /* a hostile global: the ids found so far */
  }
  return [...ids];
}

/**
 * Clears the cookies and storage keys of those of `services` that `state` does not grant (by the
 * visitor's choice of the service itself, else by its category; never the consent cookie `keep` names, nor the records outbox) and, when Yandex Metrica is
 * among them, sets the opt-out flag of every counter in `counters`.
 */
export function stopServices(
  win: Window, services: Iterable<Service>, state: ConsentState,
  config: Readonly<Pick<CoreConfig, 'cookie'>> | undefined, counters: Iterable<string>,
): void {
  const denied = [...services].filter((s) => !serviceGranted(state, s.category, s.id));
  if (!denied.length) return;
  const keep = config ? [config.cookie.name] : [];
  clearCookies(removableCookies(denied), win.location.hostname, config?.cookie.domain ?? null, keep);
  clearStorage(win, removableStorage(denied), [OUTBOX_KEY]);
  if (denied.some((s) => s.id === METRICA)) {
    for (const id of counters) (win as unknown as Record<string, unknown>)[`disableYaCounter${id}`] = true;
  }
}

/**
 * From now on, every `consent:change` that leaves a service denied (itself or by its category) clears
 * the cookies and storage keys of those of `services()` and, for Metrica, sets the opt-out flag of every counter seen (ids are gathered on every change
 * and when the page has parsed, since tag.js consumes its queue). Returns a function that stops.
 */
export function stopServicesOnWithdrawal(win: Window, api: () => IntegrusConsentApi | undefined, services: () => Iterable<Service>): () => void {
  const doc = win.document;
  const seen = new Set<string>();
  const gather = (): void => metricaCounterIds(win).forEach((id) => seen.add(id));
  const onChange = (event: DocumentEventMap['consent:change']): void => {
    gather();
    stopServices(win, services(), event.detail, api()?.config, seen);
  };
  doc.addEventListener('consent:change', onChange);
  doc.addEventListener('DOMContentLoaded', gather, { once: true });
  return () => doc.removeEventListener('consent:change', onChange);
}
