/**
 * The catalogue's part of the autoblock drop-in (`dist/browser/consent.autoblock.min.js`), run synchronously
 * before the core so that no tag after the drop-in escapes: validates `services`, starts auto-blocking
 * (unless `data-autoblock="false"` / `autoblock: false`) and stops the named and the found services on
 * withdrawal. Grants are read from the running core; until it runs, nothing is granted.
 * `consent.min.js` carries none of this (docs/autoblock.md, "Size"); for `services` it imports the
 * catalogue (src/catalogue/chunk.ts).
 */
import { LOG_PREFIX, isPlainObject, own } from '../core/util.js';
import { currentInstance } from '../consent.js';
import { resolveServices, serviceById } from '../catalogue/catalogue.js';
import type { Service } from '../catalogue/catalogue.js';
import { currentCatalogue, setCatalogue } from '../catalogue/runtime.js';
import { startAutoblock } from './autoblock.js';
import { stopServicesOnWithdrawal } from './services.js';

function off(value: unknown): boolean {
  return value === false || (typeof value === 'string' && /^(false|0|no)$/i.test(value.trim()));
}

try {
  const script = document.currentScript;
  // Own keys and attributes only: `Object.prototype.autoblock = false` must not turn it off.
  const attribute = (name: string): string | undefined => (script instanceof HTMLScriptElement ? script.getAttribute(`data-${name}`) ?? undefined : undefined);
  const raw = (window as { IntegrusConsentConfig?: unknown }).IntegrusConsentConfig;
  const config = isPlainObject(raw) ? raw : {};
  if (!currentCatalogue()) {
    const report = (m: string): void => console.error(m);
    const named = resolveServices(attribute('services') ?? own(config, 'services'), report);
    const blocker = off(attribute('autoblock') ?? own(config, 'autoblock'))
      ? null
      : startAutoblock(window, { isGranted: (c, s) => currentInstance(window)?.isGranted(c, s) ?? false });
    const inUse = (): Set<Service> => {
      const found = [...(blocker?.found ?? [])].map(serviceById).filter((s): s is Service => s !== undefined);
      return new Set([...named, ...found]);
    };
    setCatalogue(window, { named, blocker, inUse: () => [...inUse()] });
    stopServicesOnWithdrawal(window, () => currentInstance(window), inUse);
  }
} catch (error) {
  console.error(`${LOG_PREFIX} Auto-blocking failed to start; tags of known services are not held back.`, error);
}
