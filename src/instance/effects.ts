/**
 * What follows a change of the consent state, each a subscriber of the store, in this order:
 * the gate (cookies of denied categories cleared, gated elements activated or reverted), Yandex
 * Metrica's opt-out, Google Consent Mode, the `consent:change` event and the consent record.
 */
import { isoNow } from '../core/builtins.js';
import { changedCategories, cloneState, newConsentId } from '../core/decision.js';
import { clearCookies } from '../core/cookie-jar.js';
import type { Store } from '../core/store.js';
import type { ConsentState, CoreConfig, RecordModule } from '../core/types.js';
import { LOG_PREFIX, own } from '../core/util.js';
import type { Gate } from '../gate/gate.js';
import { emit } from '../signals/events.js';
import { consentModeUpdate } from '../signals/google-consent-mode.js';
import { gpcActive } from '../signals/gpc.js';
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
  /** The consent-record module, loaded on demand (`createRecorder`). */
  recorder: Recorder;
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
    const extra = {
      source: change.source,
      gpc: gpcActive(win.navigator),
      policyUrl: config.policyUrl,
      consentUrl: config.consentUrl,
      lang: ctx.lang(),
      // Without query and fragment: they may carry tokens or e-mail addresses.
      pageUrl: win.location.origin + win.location.pathname,
      userAgent: win.navigator.userAgent,
    };
    const snapshot = cloneState(state);
    void ctx.recorder().then((module) => {
      const record = module?.buildRecord(snapshot, extra, reset);
      if (record) module?.sendRecord(endpoint, record, ctx.warn);
    });
  });
}

/** Deletes the cookies of every optional category `state` does not grant (the consent cookie stays). */
export function clearOptionalCookies(config: Readonly<CoreConfig>, host: string, state: ConsentState): void {
  const denied = config.categories.filter((c) => own(state.categories, c.name) !== true);
  clearCookies(denied.flatMap((c) => c.cookies), host, config.cookie.domain, [config.cookie.name]);
}

/** The consent-record module, imported once when first asked for; `null` when it cannot be had. */
export type Recorder = () => Promise<RecordModule | null>;

/**
 * Decisions are rare, so the core does not carry the record code (`src/signals/consent-record.ts`):
 * it is imported when a layer shows (ready for the decision), at a decision, or when an earlier page
 * left records to send again.
 */
export function createRecorder(load: (() => Promise<RecordModule>) | undefined, warn: (message: string) => void): Recorder {
  let pending: Promise<RecordModule | null> | null = null;
  return () =>
    (pending ??= (load?.() ?? Promise.reject(new Error('this build has no record loader'))).catch((error: unknown) => {
      warn(`${LOG_PREFIX} Consent records cannot be sent (${String(error)}).`);
      pending = null;
      return null;
    }));
}
