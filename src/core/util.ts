/**
 * Helpers every room shares: the console prefix and the guards for values that come from outside.
 * Objects that come from the page (options, texts, `setCategories` choices) or are written as
 * literals inherit from `Object.prototype`, which a hostile or buggy page may have polluted
 * (`Object.prototype.analytics = true`): every lookup by a name we did not write ourselves goes
 * through `own()`, so an inherited key never counts. Written once here and imported, never retyped.
 */

/** Every console message of the library starts with this. */
export const LOG_PREFIX = '[IntegrusConsent]';

/** Reports a problem (the core passes `console.error` or `console.warn`). */
export type Reporter = (message: string) => void;

/** Is `key` an own property of `object` (never an inherited one)? */
export const hasOwn = (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** `object[key]` if it is an own property, else `undefined`: a polluted prototype is never read. */
export function own<T>(object: Readonly<Record<string, T>> | readonly T[], key: PropertyKey): T | undefined {
  return hasOwn(object, key) ? (object as Record<PropertyKey, T>)[key] : undefined;
}

/** Keys that would reach a prototype when written: never copied from outside data. */
export const isUnsafeKey = (key: string): boolean => key === '__proto__' || key === 'constructor' || key === 'prototype';

/** A plain object (`{}` or `Object.create(null)`): not an array, a class instance or a proxy of one. */
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
