/** Which language the interface speaks. */

/** A language tag as the options accept it: `ru`, `en`, `en-GB`… */
export const LANG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** Picks the UI language: configured, then `<html lang>`, then the browser's, then `ru`. */
export function resolveLanguage(
  configured: string | null,
  htmlLang: string | null | undefined,
  browserLangs: readonly string[],
  supported: readonly string[],
): string {
  const candidates = [configured, htmlLang, ...browserLangs];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = candidate.trim().toLowerCase();
    if (supported.includes(tag)) return tag;
    const base = tag.split('-')[0]!;
    if (supported.includes(base)) return base;
  }
  return 'ru';
}
