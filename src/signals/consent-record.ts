/**
 * Proof of consent (docs/contract.md §6): one JSON record per decision or withdrawal, sent with
 * `navigator.sendBeacon` (fallback `fetch` with `keepalive`). Never before a decision, never blocking.
 */
import { stringify } from '../core/builtins.js';
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
  policyUrl: string;
  consentUrl: string | null;
  lang: string;
  pageUrl: string;
  userAgent: string;
}

/** The record of a decision, or of forgetting one (`reset`: a new id, only `necessary` granted). */
export function buildRecord(
  state: ConsentState,
  extra: Pick<ConsentRecord, 'source' | 'policyUrl' | 'consentUrl' | 'lang' | 'pageUrl' | 'userAgent'>,
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

/** Sends the record; resolves `true` when the browser accepted it for delivery. Never rejects. */
export function sendRecord(endpoint: string, record: ConsentRecord, warn: (m: string) => void): boolean {
  const body = stringify(record);
  try {
    const blob = new Blob([body], { type: 'application/json' });
    if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(endpoint, blob)) return true;
  } catch {
    /* fall through to fetch */
  }
  try {
    void fetch(endpoint, {
      method: 'POST',
      body,
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
    }).catch((error: unknown) => warn(`${LOG_PREFIX} Consent record not delivered to ${endpoint}: ${String(error)}`));
    return true;
  } catch (error) {
    warn(`${LOG_PREFIX} Consent record not sent to ${endpoint}: ${String(error)}`);
    return false;
  }
}
