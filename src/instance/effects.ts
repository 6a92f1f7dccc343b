/**
 * What follows a change of the consent state, each a subscriber of the store, in this order:
 * the gate (cookies of denied categories cleared, gated elements activated or reverted), Yandex
 * Metrica's opt-out, Google Consent Mode, the `consent:change` event and the consent record.
 */
import { isoNow } from '../core/builtins.js';
import { changedCategories, cloneState, newConsentId } from '../core/decision.js';
import { clearCookies } from '../core/cookie-jar.js';
import type { Store } from '../core/store.js';
import type { ConsentState, CoreConfig } from '../core/types.js';
import { own } from '../core/util.js';
import type { Gate } from '../gate/gate.js';
import { buildRecord, sendRecord } from '../signals/consent-record.js';
import { emit } from '../signals/events.js';
import { consentModeUpdate } from '../signals/google-consent-mode.js';
import { yandexMetricaOptOut } from '../signals/yandex-metrica.js';

/** What caused a change of state. */
export interface Change {
  /** `gpc` when Global Privacy Control, not the visitor, left a category denied. */
  source: 'user' | 'gpc';
  /** Made on this page (and recorded); another tab's decision is that tab's to record. */
  local: boolean;
}

export type ConsentStore = Store<ConsentState, Change>;

export interface EffectsContext {
  win: Window;
  config: Readonly<CoreConfig>;
  gate: Gate;
  /** The language the visitor reads now (for the record). */
  lang(): string;
  warn(message: string): void;
}

export function connectEffects(store: ConsentStore, ctx: EffectsContext): void {
  const { win, config } = ctx;
  const doc = win.document;
  const host = win.location.hostname;

  store.subscribe((state) => {
    clearOptionalCookies(config, host, state);
    void ctx.gate.update();
  });
  store.subscribe((state, previous) => yandexMetricaOptOut(win, config.yandexMetricaIds, state, previous));
  if (config.googleConsentMode) store.subscribe((state) => consentModeUpdate(win, state));
  store.subscribe((state, previous) => emit(doc, 'consent:change', { ...cloneState(state), changed: changedCategories(previous, state) }));

  const endpoint = config.logEndpoint;
  if (!endpoint) return;
  // Every decision, and the reset of one (a withdrawal), is recorded.
  store.subscribe((state, previous, change) => {
    if (!change.local || (!state.decided && !previous.decided)) return;
    let reset: { id: string; ts: string } | undefined;
    try {
      reset = state.decided ? undefined : { id: newConsentId(), ts: isoNow() };
    } catch {
      return; // no random source for the withdrawal's id: nothing to record
    }
    const record = buildRecord(state, {
      source: change.source,
      policyUrl: config.policyUrl,
      consentUrl: config.consentUrl,
      lang: ctx.lang(),
      // Without query and fragment: they may carry tokens or e-mail addresses.
      pageUrl: win.location.origin + win.location.pathname,
      userAgent: win.navigator.userAgent,
    }, reset);
    if (record) sendRecord(endpoint, record, ctx.warn);
  });
}

/** Deletes the cookies of every optional category `state` does not grant (the consent cookie stays). */
export function clearOptionalCookies(config: Readonly<CoreConfig>, host: string, state: ConsentState): void {
  const denied = config.categories.filter((c) => own(state.categories, c.name) !== true);
  clearCookies(denied.flatMap((c) => c.cookies), host, config.cookie.domain, [config.cookie.name]);
}
