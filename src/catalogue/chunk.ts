/**
 * The catalogue for `consent.min.js` (`dist/browser/consent-catalogue.min.js`, docs/contract.md §1): an ES
 * module the drop-in imports from its own folder only where the site names `services`: with the
 * interface (so the first layer's abroad clause and the preferences' declaration have it at their
 * first paint) and at a withdrawal (to clear those services' cookies and storage keys, even on a
 * returning visit where no interface loads). The autoblock drop-in carries the same catalogue itself
 * (src/gate/autoblock-start.ts) and never fetches this file.
 */
import type { IntegrusConsentApi } from '../core/types.js';
import { LOG_PREFIX } from '../core/util.js';
import { metricaCounterIds, stopServices } from '../gate/services.js';
import { resolveServices } from './catalogue.js';
import { currentCatalogue, setCatalogue } from './runtime.js';

/**
 * Validates `services` (each unknown id logs one `console.error` listing the known ones) and leaves
 * the services on `win` for the interface and the audit (`currentCatalogue`), once. Returns what
 * clears, for the services `api`'s current state denies (each by its own choice, else its category), their first-party cookies and
 * storage keys and sets Yandex Metrica's opt-out flag (`window.disableYaCounter<id>`).
 */
export function useCatalogue(win: Window, services: unknown): (api: IntegrusConsentApi) => void {
  if (!currentCatalogue(win)) {
    const named = resolveServices(services, (m) => console.error(m));
    setCatalogue(win, { named, blocker: null, inUse: () => named });
  }
  // The state when the catalogue arrived, not at the withdrawal: a category granted again meanwhile stays.
  return (api) => {
    try {
      stopServices(win, currentCatalogue(win)?.named ?? [], api.getState(), api.config, metricaCounterIds(win));
    } catch (error) {
      // Never into the page, never holding up the reload that waits for this (src/instance/effects.ts).
      console.error(`${LOG_PREFIX} Clearing the services' cookies failed.`, error);
    }
  };
}
