/**
 * Helpers every room shares: the console prefix and the guards for values that come from outside
 * (the site's config, cookies, `data-*` attributes). Written once here and imported, never retyped.
 */

/** Every console message of the library starts with this. */
export const LOG_PREFIX = '[IntegrusConsent]';

/** Reports a problem (the core passes `console.error` or `console.warn`). */
export type Reporter = (message: string) => void;

/** `o` has `key` as its own property (never an inherited one, such as a polluted `Object.prototype`'s). */
export const hasOwn = (o: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Keys that would reach a prototype when written: never copied from outside data. */
export const isUnsafeKey = (key: string): boolean => key === '__proto__' || key === 'constructor' || key === 'prototype';

/** An object literal or a null-prototype object (not an array, a class instance or a proxy of one). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Quotes a value for a console message, short enough to read. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * Accepts `http:`, `https:` and relative URLs only (no `javascript:`, `data:`, `vbscript:`…).
 * Returns the trimmed URL, or `null` when it is not safe to put in an `href` or to send a record to.
 */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const url = value.trim();
  if (!url || url.length > 2048) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) return null;
  try {
    const parsed = new URL(url, 'https://relative.invalid/');
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}
