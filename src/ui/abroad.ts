/**
 * Where the data goes abroad (152-FZ art. 12): the countries of the recipients of the catalogue
 * services in use outside the operator's country (Russia), by name in the visitor's language. The
 * first layer says it in one clause (`banner.abroad`); the declaration names each provider's country.
 * Reads the services from what the drop-in left on `window` (the autoblock drop-in, or for
 * `consent.min.js` the catalogue module it loads with the interface; no catalogue data here).
 */
import { currentCatalogue } from '../catalogue/runtime.js';

/** The operator's country: "abroad" is anywhere else. */
export const OPERATOR_COUNTRY = 'RU';

/** `US` → "США" / "United States" in `lang`; the code itself where the browser has no names. */
export function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Names of the countries outside Russia the services in use send data to, each once, in order. */
export function abroadCountries(win: Window | null, lang: string): string[] {
  const runtime = win ? currentCatalogue(win) : undefined;
  const services = runtime?.inUse?.() ?? runtime?.named ?? [];
  const codes = [...new Set(services.map((s) => s.country).filter((c) => c && c !== OPERATOR_COUNTRY))];
  return codes.map((code) => countryName(code, lang));
}
