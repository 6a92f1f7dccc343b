/** How gated elements name their categories. */

/**
 * The categories a `data-consent` attribute names (space or comma separated), without `necessary`
 * unless `keepNecessary`. The gate and the placeholders read it the same way.
 */
export function parseConsentAttribute(attribute: string | null, keepNecessary = false): string[] {
  // A plain loop: a page may have replaced `Array.prototype.filter` before the drop-in loaded.
  const names = (attribute ?? '').split(/[\s,]+/);
  const result: string[] = [];
  for (let i = 0; i < names.length; i += 1) {
    const c = names[i] as string;
    if (c && (keepNecessary || c !== 'necessary')) result[result.length] = c;
  }
  return result;
}

/**
 * The service a gated element names (docs/gating.md): its `data-service`, else the catalogue service
 * auto-blocking held it for (`data-consent-autoblocked`), else `null` (the whole category decides).
 */
export function gatedService(el: { getAttribute(name: string): string | null }): string | null {
  return el.getAttribute('data-service') || el.getAttribute('data-consent-autoblocked') || null;
}
