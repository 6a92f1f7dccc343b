/**
 * Guards shared by every room. Objects that come from the page (options, texts, `setCategories`
 * choices) or are written as literals inherit from `Object.prototype`, which a hostile or buggy page
 * may have polluted (`Object.prototype.analytics = true`): every lookup by a name we did not write
 * ourselves goes through `own()`, so an inherited key never counts.
 */

/** Is `key` an own property of `object` (never an inherited one)? */
export const hasOwn = (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** `object[key]` if it is an own property, else `undefined`: a polluted prototype is never read. */
export function own<T>(object: Readonly<Record<string, T>> | readonly T[], key: PropertyKey): T | undefined {
  return hasOwn(object, key) ? (object as Record<PropertyKey, T>)[key] : undefined;
}

/** A plain object (`{}` or `Object.create(null)`): not an array, a class instance or a proxy of one. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
