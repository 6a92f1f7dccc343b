/**
 * Registration of the elements, kept out of the class files so that importing a class has no side
 * effect (docs/development.md, "Conventions"). Each part of the interface registers its own: the first
 * part the banner (`index.ts`), the second part the preferences, placeholder and re-open button
 * (`details.ts`).
 */
import { LOG_PREFIX } from '../core/util.js';
import type { ConsentBanner } from './banner.js';
import type { ConsentPlaceholder } from './placeholder.js';
import type { ConsentPreferences } from './preferences.js';
import type { ConsentReopenButton } from './reopen-button.js';

export const TAGS = {
  banner: 'integrus-consent-banner',
  preferences: 'integrus-consent-preferences',
  placeholder: 'integrus-consent-placeholder',
  reopen: 'integrus-consent-reopen-button',
} as const;

export type Tag = (typeof TAGS)[keyof typeof TAGS];

/**
 * Defines each of `elements` not yet defined and returns the names this UI can use: its own, or those
 * of another copy of this library on the page. A name some other script took is reported with one
 * `console.error` (that part of the interface is then left out) and never throws.
 */
export function defineElements(
  elements: ReadonlyArray<readonly [Tag, CustomElementConstructor]>,
  registry: CustomElementRegistry = customElements,
): Set<Tag> {
  const usable = new Set<Tag>();
  for (const [tag, ctor] of elements) {
    const existing = registry.get(tag) as (CustomElementConstructor & { integrusConsent?: unknown }) | undefined;
    if (existing === ctor || existing?.integrusConsent === 1) {
      usable.add(tag);
      continue;
    }
    try {
      if (existing) throw new Error('the name is taken by another script');
      registry.define(tag, ctor);
      // A page may have replaced `define` by a no-op: an element that is not ours has no show().
      if (registry.get(tag) !== ctor) throw new Error('customElements.define did not register it');
      usable.add(tag);
    } catch (error) {
      console.error(`${LOG_PREFIX} Cannot define <${tag}> (${String(error)}); that part of the consent interface is not shown.`);
    }
  }
  return usable;
}

declare global {
  interface HTMLElementTagNameMap {
    'integrus-consent-banner': ConsentBanner;
    'integrus-consent-preferences': ConsentPreferences;
    'integrus-consent-placeholder': ConsentPlaceholder;
    'integrus-consent-reopen-button': ConsentReopenButton;
  }
}
