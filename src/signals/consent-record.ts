/**
 * Proof of consent (docs/contract.md §6, docs/records.md): one JSON record per decision or withdrawal,
 * POSTed to `logEndpoint`. Never before a decision, never blocking the page.
 *
 * Nothing lost: a record is put in an outbox (`localStorage["integrus_consent_outbox"]`, a necessary
 * purpose: it exists only to deliver the proof) before it is sent, and leaves it only when the
 * endpoint answers 2xx. What got no answer (network error, 5xx, 429, the page closed first) is sent
 * again on a later page view, with back-off (1 minute after the first failure, doubling, at most a
 * day apart), for up to `KEEP_MS` (30 days) from its first send; then it is given up with one warning.
 * The receiver stores a record sent twice once (by its `id`). `fetch` with `keepalive` is used, not `sendBeacon`: a beacon's answer cannot be read.
 */
import { now, parseJson, stringify } from '../core/builtins.js';
import type { ConsentState } from '../core/types.js';
import { LOG_PREFIX, hasOwn } from '../core/util.js';
import { shownContent, type ShownView } from './shown.js';

export interface ConsentRecord {
  id: string;
  ts: string;
  rev: string;
  granted: string[];
  denied: string[];
  /** How the decision was made; `reset` when the site forgot it (`IntegrusConsent.reset()`), a withdrawal. */
  method: 'accept-all' | 'reject-all' | 'custom' | 'reset';
  source: 'user' | 'gpc';
  /** Whether the browser sent Global Privacy Control at the decision (with `source: 'user'`, an explicit choice made under it). Always set by the browser; absent in records of earlier versions. */
  gpc?: boolean;
  policyUrl: string;
  consentUrl: string | null;
  lang: string;
  pageUrl: string;
  userAgent: string;
  /** The id of the decision this record changes or withdraws (the one in the cookie before), or null for a first decision. */
  replaces?: string | null;
  /**
   * The services the visitor chose one by one (a placeholder's «Загрузить видео YouTube», a service's
   * switch), as in the cookie; any other service followed its category. Absent when there are none.
   */
  services?: { granted: string[]; denied: string[] };
  /**
   * SHA-256 (hex) of `shownContent`: what the visitor was shown (texts in the language shown,
   * categories, recipients and services); null when no layer had been shown (a decision through the
   * JavaScript API). Absent in records of earlier versions.
   */
  shown?: string | null;
  /** The JSON text `shown` is the digest of, sent with the record; the receiver keeps each version once. */
  shownContent?: string;
}

/** What the interface had on screen (`UiController.shown()`), or null: nothing was shown. */
export type ShownContent = ShownView | null;

/**
 * The record's `shown` and `shownContent` for what the interface showed: the content
 * (`shownContent()`) as JSON text and its SHA-256 (`crypto.subtle`). Without `crypto.subtle` (a page not served over HTTPS or from
 * localhost) or when taking it fails, `shown` is left out, with a warning: the record still goes.
 */
export async function shownFields(view: ShownContent, warn: (m: string) => void): Promise<Pick<ConsentRecord, 'shown' | 'shownContent'>> {
  if (view === null) return { shown: null };
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    warn(`${LOG_PREFIX} The record cannot say what was shown: crypto.subtle needs a secure context (HTTPS).`);
    return {};
  }
  try {
    const text = stringify(shownContent(view));
    const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
    let hex = '';
    for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
    return { shown: hex, shownContent: text };
  } catch (error) {
    // The record still goes, without what was shown, rather than not at all.
    warn(`${LOG_PREFIX} The record cannot say what was shown (${String(error)}).`);
    return {};
  }
}

/** The `localStorage` key of records not yet acknowledged by the endpoint. */
export const OUTBOX_KEY = 'integrus_consent_outbox';
/** How long an unacknowledged record is kept, from its first send: 30 days. */
export const KEEP_MS = 30 * 86_400_000;
/** Back-off: the wait after the first failed send (1 minute), doubled after each, at most `MAX_DELAY_MS` (a day). */
export const FIRST_DELAY_MS = 60_000;
export const MAX_DELAY_MS = 86_400_000;
/** Records kept at most; the oldest goes first. */
export const MAX_PENDING = 20;

/**
 * The schedule in use. Internal, for tests: a page may set `window.__integrusConsentOutboxSchedule =
 * { firstDelayMs, maxDelayMs, keepMs }` (own keys, numbers ≥ 0) before the drop-in; anything else is ignored.
 */
function schedule(): { firstDelayMs: number; maxDelayMs: number; keepMs: number } {
  const result = { firstDelayMs: FIRST_DELAY_MS, maxDelayMs: MAX_DELAY_MS, keepMs: KEEP_MS };
  const hook: unknown = hasOwn(globalThis, '__integrusConsentOutboxSchedule') ? (globalThis as Record<string, unknown>).__integrusConsentOutboxSchedule : undefined;
  if (typeof hook !== 'object' || hook === null) return result;
  for (const key of ['firstDelayMs', 'maxDelayMs', 'keepMs'] as const) {
    const value = hasOwn(hook, key) ? (hook as Record<string, unknown>)[key] : undefined;
    if (typeof value === 'number' && value >= 0 && value <= KEEP_MS * 12) result[key] = value;
  }
  return result;
}


/** The record of a decision, or of forgetting one (`reset`: a new id, only `necessary` granted). */
export function buildRecord(
  state: ConsentState,
  extra: Pick<ConsentRecord, 'source' | 'gpc' | 'policyUrl' | 'consentUrl' | 'lang' | 'pageUrl' | 'userAgent' | 'replaces' | 'shown' | 'shownContent'>,
  reset?: { id: string; ts: string },
): ConsentRecord | null {
  const decision = reset
    ? { id: reset.id, ts: reset.ts, method: 'reset' as const }
    : state.decided && state.consentId && state.timestamp && state.method
      ? { id: state.consentId, ts: state.timestamp, method: state.method }
      : null;
  if (!decision) return null;
  const record: ConsentRecord = { ...decision, rev: state.revision, granted: [...state.granted], denied: [...state.denied], ...extra };
  const chosen = reset ? [] : Object.keys(state.services ?? {});
  if (chosen.length) record.services = { granted: chosen.filter((s) => state.services[s] === true), denied: chosen.filter((s) => state.services[s] === false) };
  return record;
}

interface Pending {
  record: ConsentRecord;
  /** Sends so far. */
  attempts: number;
  /** When it was first sent (ms since the epoch); entries of older versions get the time they are read. */
  first?: number;
  /** Not to be sent again before this time (ms since the epoch). */
  next?: number;
}

/** The outbox in `localStorage`; without storage (blocked, full) records are sent once, unkept. */
function readOutbox(): Pending[] {
  try {
    const raw = globalThis.localStorage?.getItem(OUTBOX_KEY);
    if (!raw) return [];
    const list: unknown = parseJson(raw);
    return Array.isArray(list)
      ? list.filter((p): p is Pending =>
          typeof p === 'object' && p !== null && typeof p.record?.id === 'string' && Number.isInteger(p.attempts))
      : [];
  } catch {
    return [];
  }
}

function writeOutbox(list: Pending[]): void {
  try {
    if (list.length) globalThis.localStorage?.setItem(OUTBOX_KEY, stringify(list.slice(-MAX_PENDING)));
    else globalThis.localStorage?.removeItem(OUTBOX_KEY);
  } catch {
    /* storage blocked or full: this send is the only one */
  }
}

/** Changes one entry (read, change, write in one task, so other tabs' entries are kept). */
function update(id: string, change: (p: Pending | undefined) => Pending | null): void {
  const list = readOutbox();
  const index = list.findIndex((p) => p.record.id === id);
  const next = change(list[index]);
  if (index !== -1) list.splice(index, 1);
  if (next) list.push(next);
  writeOutbox(list);
}

/** Answers worth sending again: the endpoint or the network may recover. */
const retryable = (status: number): boolean => status >= 500 || status === 429 || status === 408;

/** The wait after `attempts` failed sends: first delay, doubled each time, capped. */
const backOff = (attempts: number, plan: ReturnType<typeof schedule>): number =>
  Math.min(plan.maxDelayMs, plan.firstDelayMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));

/** A whole number of minutes, hours or days, for messages. */
function duration(ms: number): string {
  const [n, unit] =
    ms >= 86_400_000 ? [ms / 86_400_000, 'day'] : ms >= 3_600_000 ? [ms / 3_600_000, 'hour'] : ms >= 60_000 ? [ms / 60_000, 'minute'] : [ms / 1000, 'second'];
  const whole = Math.round(n);
  return `${whole} ${unit}${whole === 1 ? '' : 's'}`;
}

/** One send; the outbox entry is counted before, and removed on 2xx or a refusal that retrying cannot fix. */
function deliver(endpoint: string, pending: Pending, warn: (m: string) => void): void {
  const { record } = pending;
  const plan = schedule();
  const attempts = pending.attempts + 1;
  const first = pending.first ?? now();
  const wait = backOff(attempts, plan);
  const next = now() + wait;
  update(record.id, () => ({ record, attempts, first, next }));
  const body = stringify(record);
  const later = `kept to send again on a page viewed after ${duration(wait)}`;
  const failed = (why: string): void => {
    warn(`${LOG_PREFIX} Consent record ${record.id} ${why}; ${later}.`);
  };
  let sent: Promise<Response>;
  try {
    sent = fetch(endpoint, {
      method: 'POST',
      body,
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
    });
  } catch (error) {
    // No fetch (or it refused the request): a beacon still goes, unanswered; the outbox keeps the record.
    const beaconed = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }));
    if (!beaconed) failed(`not sent to ${endpoint} (${String(error)})`);
    return;
  }
  sent.then(
    (response) => {
      if (response.ok) return update(record.id, () => null);
      if (retryable(response.status)) return failed(`not stored by ${endpoint} (HTTP ${response.status})`);
      console.error(`${LOG_PREFIX} ${endpoint} refused consent record ${record.id} (HTTP ${response.status}); it will not be sent again.`);
      update(record.id, () => null);
    },
    (error: unknown) => failed(`not delivered to ${endpoint} (${String(error)})`),
  );
}

/**
 * The record of a decision (or a reset) with what was shown, kept in the outbox and sent: what the
 * core calls at each decision, so that the digest's code stays in this chunk.
 */
export async function recordDecision(
  endpoint: string,
  state: ConsentState,
  extra: Parameters<typeof buildRecord>[1],
  shown: ShownContent,
  reset: { id: string; ts: string } | undefined,
  warn: (m: string) => void,
): Promise<void> {
  const record = buildRecord(state, { ...extra, ...(await shownFields(shown, warn)) }, reset);
  if (record) sendRecord(endpoint, record, warn);
}

/** Keeps the record in the outbox and sends it; returns at once (delivery is reported on the console). */
export function sendRecord(endpoint: string, record: ConsentRecord, warn: (m: string) => void): void {
  deliver(endpoint, { record, attempts: 0 }, warn);
}

/**
 * Sends again what earlier pages could not deliver and whose back-off has passed (call once per page
 * view, when `logEndpoint` is set). A record kept past `KEEP_MS` since its first send is given up,
 * with one warning (the warning is given as the entry leaves the outbox, so only once).
 */
export function resendRecords(endpoint: string, warn: (m: string) => void): void {
  const plan = schedule();
  const time = now();
  for (const pending of readOutbox()) {
    const first = pending.first ?? time;
    if (time - first >= plan.keepMs) {
      update(pending.record.id, () => null);
      warn(`${LOG_PREFIX} Consent record ${pending.record.id} not acknowledged by ${endpoint} in ${duration(plan.keepMs)} (${pending.attempts} sends): given up. The decision still holds in the cookie.`);
    } else if ((pending.next ?? 0) <= time) deliver(endpoint, { ...pending, first }, warn);
  }
}
