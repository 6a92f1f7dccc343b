/**
 * Proof of consent (docs/contract.md §6, docs/records.md): one JSON record per decision or withdrawal,
 * POSTed to `logEndpoint`. Never before a decision, never blocking the page.
 *
 * Nothing lost: a record is put in an outbox (`localStorage["integrus_consent_outbox"]`, a necessary
 * purpose: it exists only to deliver the proof) before it is sent, and leaves it only when the
 * endpoint answers 2xx. What got no answer (network error, 5xx, 429, the page closed first) is sent
 * again on the next page view, `MAX_ATTEMPTS` sends in all; the receiver stores a record sent twice
 * once (by its `id`). `fetch` with `keepalive` is used, not `sendBeacon`: a beacon's answer cannot be read.
 */
import { parseJson, stringify } from '../core/builtins.js';
import type { ConsentState } from '../core/types.js';
import { LOG_PREFIX } from '../core/util.js';

export interface ConsentRecord {
  id: string;
  ts: string;
  rev: string;
  granted: string[];
  denied: string[];
  /** How the decision was made; `reset` when the site forgot it (`IntegrusConsent.reset()`), a withdrawal. */
  method: 'accept-all' | 'reject-all' | 'custom' | 'reset';
  source: 'user' | 'gpc';
  /** Whether the browser sent Global Privacy Control at the decision (with `source: 'user'`, an explicit choice made under it). Always set by the browser; optional for records of earlier versions (and the stores, which do not keep it yet). */
  gpc?: boolean;
  policyUrl: string;
  consentUrl: string | null;
  lang: string;
  pageUrl: string;
  userAgent: string;
}

/** The `localStorage` key of records not yet acknowledged by the endpoint. */
export const OUTBOX_KEY = 'integrus_consent_outbox';
/** Sends of one record in all (this page view's and the retries on later ones). */
export const MAX_ATTEMPTS = 5;
/** Records kept at most; the oldest goes first. */
export const MAX_PENDING = 20;


/** The record of a decision, or of forgetting one (`reset`: a new id, only `necessary` granted). */
export function buildRecord(
  state: ConsentState,
  extra: Pick<ConsentRecord, 'source' | 'gpc' | 'policyUrl' | 'consentUrl' | 'lang' | 'pageUrl' | 'userAgent'>,
  reset?: { id: string; ts: string },
): ConsentRecord | null {
  const decision = reset
    ? { id: reset.id, ts: reset.ts, method: 'reset' as const }
    : state.decided && state.consentId && state.timestamp && state.method
      ? { id: state.consentId, ts: state.timestamp, method: state.method }
      : null;
  if (!decision) return null;
  return { ...decision, rev: state.revision, granted: [...state.granted], denied: [...state.denied], ...extra };
}

interface Pending {
  record: ConsentRecord;
  /** Sends so far. */
  attempts: number;
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

/** One send; the outbox entry is counted before, and removed on 2xx or a refusal that retrying cannot fix. */
function deliver(endpoint: string, pending: Pending, warn: (m: string) => void): void {
  const { record } = pending;
  const attempts = pending.attempts + 1;
  update(record.id, () => ({ record, attempts }));
  const body = stringify(record);
  const left = MAX_ATTEMPTS - attempts;
  const later = left > 0 ? `kept to send again on the next page (${left} more ${left === 1 ? 'try' : 'tries'})` : 'given up';
  const giveUpIfLast = (): void => {
    if (left <= 0) update(record.id, () => null);
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
    if (!beaconed) warn(`${LOG_PREFIX} Consent record ${record.id} not sent to ${endpoint} (${String(error)}); ${later}.`);
    giveUpIfLast();
    return;
  }
  sent.then(
    (response) => {
      if (response.ok) return update(record.id, () => null);
      if (retryable(response.status)) {
        warn(`${LOG_PREFIX} Consent record ${record.id} not stored by ${endpoint} (HTTP ${response.status}); ${later}.`);
        return giveUpIfLast();
      }
      console.error(`${LOG_PREFIX} ${endpoint} refused consent record ${record.id} (HTTP ${response.status}); it will not be sent again.`);
      update(record.id, () => null);
    },
    (error: unknown) => {
      warn(`${LOG_PREFIX} Consent record ${record.id} not delivered to ${endpoint} (${String(error)}); ${later}.`);
      giveUpIfLast();
    },
  );
}

/** Keeps the record in the outbox and sends it; returns at once (delivery is reported on the console). */
export function sendRecord(endpoint: string, record: ConsentRecord, warn: (m: string) => void): void {
  deliver(endpoint, { record, attempts: 0 }, warn);
}

/** Sends again what earlier pages could not deliver (call once per page view, when `logEndpoint` is set). */
export function resendRecords(endpoint: string, warn: (m: string) => void): void {
  for (const pending of readOutbox()) {
    if (pending.attempts >= MAX_ATTEMPTS) update(pending.record.id, () => null);
    else deliver(endpoint, pending, warn);
  }
}
