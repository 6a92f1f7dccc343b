/**
 * The built-ins the core needs, kept as they were when the library started: a page (or one of its
 * scripts) that later replaces `JSON.stringify`, deletes `window.crypto` or swaps `Date` cannot break
 * or forge what a decision stores. Evaluated once, when the drop-in (or the ESM entry) is loaded.
 * Replacing them before the library loads is out of reach; `consent.ts` then checks what it stored.
 */
const json = JSON;
export const stringify: typeof JSON.stringify = json.stringify.bind(json);
export const parseJson: typeof JSON.parse = json.parse.bind(json);

/** The page's `crypto` functions, bound, or `undefined` where there is none. */
interface RandomSource {
  randomUUID?: () => string;
  getRandomValues: <T extends ArrayBufferView>(array: T) => T;
}
function captureCrypto(): RandomSource | undefined {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c || typeof c.getRandomValues !== 'function') return undefined;
  return {
    randomUUID: typeof c.randomUUID === 'function' ? c.randomUUID.bind(c) : undefined,
    getRandomValues: c.getRandomValues.bind(c) as RandomSource['getRandomValues'],
  };
}
export const randomSource: RandomSource | undefined = captureCrypto();

const NativeDate = Date;
const toISOString = Date.prototype.toISOString;
/** The current time as ISO 8601 UTC (`2025-09-02T10:00:00.000Z`). */
export const isoNow = (): string => toISOString.call(new NativeDate());
/** Milliseconds since the epoch. */
export const now: () => number = NativeDate.now.bind(NativeDate);

/**
 * `list.includes(x)` and `list.every(test)` as plain loops: a page may replace `Array.prototype`
 * methods before the drop-in loads (capturing them then would capture the page's), and the decision
 * path must not answer "granted" because `includes` says so.
 */
export function contains<T>(list: ArrayLike<T>, x: T): boolean {
  for (let i = 0; i < list.length; i += 1) if (list[i] === x) return true;
  return false;
}
export function everyOf<T>(list: ArrayLike<T>, test: (x: T) => boolean): boolean {
  for (let i = 0; i < list.length; i += 1) if (!test(list[i] as T)) return false;
  return true;
}
