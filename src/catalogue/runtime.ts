/**
 * What the autoblock drop-in (or, for `consent.min.js`, the catalogue module `chunk.ts`) leaves on
 * `window` (under a global symbol) for the interface, the audit and the plain drop-in to find: the
 * services the site named and the running auto-blocker. Side-effect free.
 */
import type { Autoblocker } from '../gate/autoblock.js';
import type { Service } from './catalogue.js';

export const CATALOGUE = Symbol.for('integrus-consent.catalogue');

export interface CatalogueRuntime {
  /** Services the site named (`services` / `data-services`), validated. */
  named: Service[];
  /** Running auto-blocking, unless turned off. */
  blocker: Autoblocker | null;
  /**
   * The services in use: those named, then those auto-blocking found on the page (their tags ran, or
   * run once their category is granted). Read by the first layer (countries) and by withdrawal.
   */
  inUse?: () => Service[];
}

/** The catalogue module `consent.min.js` imports for `services` (`dist/browser/consent-catalogue.min.js`, `chunk.ts`). */
export type CatalogueModule = typeof import('./chunk.js');

type Holder = { [CATALOGUE]?: CatalogueRuntime };

export function currentCatalogue(win: Window = window): CatalogueRuntime | undefined {
  return (win as unknown as Holder)[CATALOGUE];
}

export function setCatalogue(win: Window, runtime: CatalogueRuntime): void {
  (win as unknown as Holder)[CATALOGUE] = runtime;
}
