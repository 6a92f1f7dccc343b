/**
 * The decision as stored in the consent cookie: read it at start-up, notice another tab's decision
 * (or its reset) later, persist a new one, forget it. The only module that reads or writes the
 * consent cookie; it remembers what it last saw so that a change elsewhere shows up as a difference.
 */
import { checkDecision, encodeDecision, parseDecision } from './decision.js';
import type { StoredDecision } from './decision.js';
import { readCookie, removeCookie, writeCookie } from './cookie-jar.js';
import type { CoreConfig } from './types.js';
import type { Say } from './log.js';

export interface DecisionCookieOptions {
  cookie: CoreConfig['cookie'];
  revision: string;
  /** The optional categories configured now: a decision about others is void. */
  categories: readonly string[];
  host: string;
  /** Mark the cookie `Secure` (pages served over https). */
  secure: boolean;
  warn: Say;
}

/** What `poll()` found: nothing new, another tab's decision, or the decision gone (reset in another tab). */
export type CookieChange = null | { decision: StoredDecision } | 'forgotten';

export interface DecisionCookie {
  /**
   * The valid decision stored now, or `null` (with one console warning saying why, if it is void).
   * `voided`: a consent cookie was there but does not count (another revision, damaged, twice).
   */
  read(): { decision: StoredDecision | null; voided: boolean };
  /**
   * Looks at the cookie again (at most once per task: every read of `document.cookie` is a round trip
   * to the browser's cookie store). A cookie that cannot be read or is invalid changes nothing.
   */
  poll(current: { decided: boolean; consentId: string | null }): CookieChange;
  /**
   * Stores `decision`; returns whether the cookie stuck (cookies may be blocked). Throws when the
   * page broke what storing needs (a `JSON` replaced before the library loaded would store something
   * that reads back as no decision).
   */
  persist(decision: StoredDecision): boolean;
  /** Deletes the cookie on every domain it could be on. */
  forget(): void;
}

export function createDecisionCookie(options: DecisionCookieOptions): DecisionCookie {
  const { cookie, host, warn } = options;
  /** The raw value last read or written: another tab's decision shows up as a different one. */
  let lastRaw: string | undefined;
  /** Did our last write stick? Then a vanished cookie means another tab reset (or the visitor cleared it). */
  let persisted = false;
  let checkedThisTask = false;
  let blockedWarned = false;

  const readNow = (): ReturnType<typeof readCookie> => {
    checkedThisTask = true;
    queueMicrotask(() => (checkedThisTask = false));
    return readCookie(cookie.name);
  };

  const valid = (value: string | undefined, explain: boolean): StoredDecision | null => {
    if (value === undefined) return null;
    const maxAgeDays = Math.max(cookie.expiresDays, cookie.rejectedExpiresDays);
    const result = checkDecision(value, { revision: options.revision, categories: options.categories, maxAgeDays });
    if (typeof result !== 'string') return result;
    if (explain && result !== 'another revision') warn('ignored', result);
    return null;
  };

  return {
    read() {
      const { value, duplicated, blocked } = readNow();
      lastRaw = value;
      if (blocked) warn('unreadableCookies');
      if (duplicated) warn('twoCookies', cookie.name);
      const decision = duplicated ? null : valid(value, true);
      persisted = decision !== null;
      return { decision, voided: !decision && (duplicated || value !== undefined) };
    },

    poll(current) {
      if (checkedThisTask) return null;
      const { value, duplicated, blocked } = readNow();
      if (blocked || duplicated || value === lastRaw) return null;
      lastRaw = value;
      if (value === undefined) {
        if (!persisted || !current.decided) return null;
        persisted = false;
        return 'forgotten';
      }
      const decision = valid(value, false);
      if (!decision || decision.id === current.consentId) return null;
      persisted = true;
      return { decision };
    },

    persist(decision) {
      // An old copy on another domain would shadow the new one.
      removeCookie(cookie.name, host, cookie.domain);
      const days = decision.method === 'reject-all' ? cookie.rejectedExpiresDays : cookie.expiresDays;
      const value = encodeDecision(decision);
      const maxAgeDays = Math.max(cookie.expiresDays, cookie.rejectedExpiresDays);
      if (parseDecision(value, { revision: options.revision, categories: options.categories, maxAgeDays })?.id !== decision.id) {
        persisted = false;
        lastRaw = undefined;
        throw new Error('the decision does not survive JSON encoding on this page');
      }
      const ok = writeCookie(cookie.name, value, { domain: cookie.domain, maxAgeSeconds: days * 86_400, secure: options.secure });
      persisted = ok;
      lastRaw = ok ? value : undefined;
      if (!ok && !blockedWarned) {
        blockedWarned = true;
        warn('blockedCookies');
      }
      return ok;
    },

    forget() {
      removeCookie(cookie.name, host, cookie.domain);
      lastRaw = undefined;
      persisted = false;
    },
  };
}
