/** How gated elements name their categories. */

/**
 * The categories a `data-consent` attribute names (space or comma separated), without `necessary`
 * unless `keepNecessary`. The gate and the placeholders read it the same way.
 */
export function parseConsentAttribute(attribute: string | null, keepNecessary = false): string[] {
  return (attribute ?? '').split(/[\s,]+/).filter((c) => c && (keepNecessary || c !== 'necessary'));
}
