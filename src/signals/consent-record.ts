/**
 * Proof of consent (SPEC section 6): one JSON record per decision or withdrawal, sent with
 * `navigator.sendBeacon` (fallback `fetch` with `keepalive`). Never before a decision, never blocking.
 */
import type { ConsentState } from '../core/types.js';

export interface ConsentRecord {
  id: string;
  ts: string;
  rev: string;
  granted: string[];
  denied: string[];
  method: string;
  source: 'user' | 'gpc';
  policyUrl: string;
  consentUrl: string | null;
  lang: string;
  pageUrl: string;
  userAgent: string;
}

export function buildRecord(
  state: ConsentState,
  extra: { source: 'user' | 'gpc'; policyUrl: string; consentUrl: string | null; lang: string; pageUrl: string; userAgent: string },
): ConsentRecord | null {
  if (!state.decided || !state.consentId || !state.timestamp || !state.method) return null;
  return {
    id: state.consentId,
    ts: state.timestamp,
    rev: state.revision,
    granted: [...state.granted],
    denied: [...state.denied],
    method: state.method,
    ...extra,
  };
}

/** Sends the record; resolves `true` when the browser accepted it for delivery. Never rejects. */
export function sendRecord(endpoint: string, record: ConsentRecord, warn: (m: string) => void): boolean {
  const body = JSON.stringify(record);
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
    }).catch((error: unknown) => warn(`[IntegrusConsent] Consent record not delivered to ${endpoint}: ${String(error)}`));
    return true;
  } catch (error) {
    warn(`[IntegrusConsent] Consent record not sent to ${endpoint}: ${String(error)}`);
    return false;
  }
}
