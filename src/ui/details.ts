/**
 * The second part of the interface (`dist/browser/consent-ui-details.min.js`): the preferences dialog with the
 * cookie details, the iframe placeholders and the re-open button. The first part (`index.ts`) imports
 * it when one of them is needed or on intent (pointer or focus on Customise); the drop-in has fetched
 * it, without running it, once the banner was on screen; it shares lit and the texts with the first part and brings i18next, which takes over the texts from
 * the banner's first paint on (`texts.ts`). It brings the catalogue's
 * data for the cookie declaration; the catalogue's texts follow in one chunk per language
 * (`catalogueTexts`, added to the localizer), and the configuration warnings (`configWarnings`).
 */
import { defineElements, TAGS, type Tag } from './define.js';
import { ConsentPlaceholder } from './placeholder.js';
import { ConsentPreferences } from './preferences.js';
import { ConsentReopenButton } from './reopen-button.js';

export { Placeholders } from './placeholders.js';
export { catalogueTexts } from './declaration.js';
export { servicesInUse } from './declaration.js';
export { configWarnings, unknownTextWarnings } from './warnings.js';
// i18next comes with this part and takes over the texts from the first layer's view (texts.ts).
export { i18nextLocalizer } from './i18n.js';

/** Defines the second part's elements; returns the names usable on this page (see `defineElements`). */
export function defineDetails(registry: CustomElementRegistry = customElements): Set<Tag> {
  return defineElements(
    [
      [TAGS.preferences, ConsentPreferences],
      [TAGS.placeholder, ConsentPlaceholder],
      [TAGS.reopen, ConsentReopenButton],
    ],
    registry,
  );
}
