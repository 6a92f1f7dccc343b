/**
 * Removing a withdrawn category's copies in the browser's storage (docs/contract.md §3): the keys of
 * `localStorage` and `sessionStorage` that match cookie-style names or `*`-patterns (`_ym_uid`,
 * `_ym*_lsid`, `tmr_*`). Survives storage that is blocked or throws; never touches `keep`.
 */
import { matchesPattern } from './cookie-pattern.js';

/** Removes every key of the page's local and session storage matching one of `patterns`. */
export function clearStorage(win: Window, patterns: readonly string[], keep: readonly string[] = []): void {
  if (!patterns.length) return;
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    try {
      const storage = win[area];
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key !== null && !keep.includes(key) && patterns.some((p) => matchesPattern(key, p))) keys.push(key);
      }
      for (const key of keys) storage.removeItem(key);
    } catch {
      /* storage blocked (sandboxed frame, privacy settings): nothing of ours there either */
    }
  }
}
