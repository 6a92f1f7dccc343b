/**
 * What follows a change of the consent state, each a subscriber of the store, in this order:
 * the gate (cookies and storage keys of denied categories cleared, at a withdrawal those of the
 * site's catalogue `services` too, gated elements activated or reverted), Yandex Metrica's opt-out,
 * Google Consent Mode, the `consent:change` event, the consent record and, when code of a withdrawn
 * category already ran on this page, a reload (`reloadOnWithdraw`).
 */
import { isoNow } from '../core/builtins.js';
import { changedCategories, changedServices, cloneState, newConsentId, serviceGranted } from '../core/decision.js';
import { currentCatalogue } from '../catalogue/runtime.js';
import { clearCookies } from '../core/cookie-jar.js';
import { gatedService, parseConsentAttribute } from '../core/categories.js';
import { clearStorage } from '../core/web-storage.js';
import type { Store } from '../core/store.js';
import { NECESSARY } from '../core/types.js';
import type { ConsentState, CoreConfig, RecordModule } from '../core/types.js';
import { own } from '../core/util.js';
import { matchesPattern } from '../core/cookie-pattern.js';
import type { Say } from '../core/log.js';
import type { Gate } from '../gate/gate.js';
import type { ShownView } from '../signals/shown.js';
import { emit } from '../signals/events.js';
import { consentModeUpdate } from '../signals/google-consent-mode.js';
import { OUTBOX_KEY } from '../signals/consent-record.js';
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
  /** What the interface has shown so far (`UiController.shown()`), or null: asked at the decision. */
  shown(): ShownView | null;
  /** At a withdrawal: clears what the site's catalogue `services` left (ConsentEnvironment.clearServices). */
  clearServices?: () => Promise<unknown>;
  /** Prints the record module's warnings (worded there). */
  warn(message: string): void;
}

export function connectEffects(store: ConsentStore, ctx: EffectsContext): void {
  const { win, config } = ctx;
  const doc = win.document;
  const host = win.location.hostname;

  // What the named catalogue services left goes too (once the drop-in has the catalogue): a reload waits.
  let cleared: Promise<unknown> = Promise.resolve();
  store.subscribe((state, previous) => {
    clearOptionalCookies(config, host, state, win);
    // A service switched off one by one counts too (it clears only what the state now denies).
    if (ctx.clearServices && (withdrawn(previous, state).length || changedServices(previous, state).length)) cleared = ctx.clearServices();
    void ctx.gate.update();
  });
  store.subscribe((state, previous) => yandexMetricaOptOut(win, config.yandexMetricaIds, state, previous));
  if (config.googleConsentMode) store.subscribe((state) => consentModeUpdate(win, state));
  store.subscribe((state, previous) =>
    emit(doc, 'consent:change', { ...cloneState(state), changed: changedCategories(previous, state), changedServices: changedServices(previous, state) }));

  // The record of the latest change, queued in the outbox before a reload may leave the page.
  let recorded: Promise<unknown> = Promise.resolve();
  const endpoint = config.logEndpoint;
  // Every decision, and the reset of one (a withdrawal), is recorded.
  if (endpoint) store.subscribe((state, previous, change) => {
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
      // A change or a withdrawal names the decision it replaces (contract §6).
      replaces: previous.decided && previous.consentId && previous.consentId !== state.consentId ? previous.consentId : null,
    };
    const snapshot = cloneState(state);
    // Taken now, as the decision is made: a language switch or a re-render later does not change it.
    const shown = ctx.shown();
    recorded = ctx.recorder().then((module) => module?.recordDecision(endpoint, snapshot, extra, shown, reset, ctx.warn));
  });
  // Code that already ran keeps running (timers, listeners, a chat's socket): only a reload stops it.
  if (config.reloadOnWithdraw) store.subscribe((state, previous) => {
    if (ranWithdrawn(win, previous, state)) void Promise.all([recorded, cleared]).then(() => win.location.reload());
  });
}

/** The optional categories `previous` granted and `state` does not. */
function withdrawn(previous: ConsentState, state: ConsentState): string[] {
  return previous.granted.filter((c) => c !== NECESSARY && !state.granted.includes(c));
}

/**
 * Did code this change withdraws run on this page? A gated script was activated that `previous`
 * allowed and `state` does not (by its categories and its service: `data-service` or
 * `data-consent-autoblocked`), or auto-blocking found a tag of a catalogue service that was granted
 * and is not now (it ran, or was held back until granted and then ran).
 */
export function ranWithdrawn(win: Window, previous: ConsentState, state: ConsentState): boolean {
  const withdrawn = (category: string, service: string | null): boolean =>
    category !== NECESSARY && serviceGranted(previous, category, service) && !serviceGranted(state, category, service);
  try {
    for (const script of Array.from(win.document.querySelectorAll('script[data-consent-activated][data-consent]'))) {
      const service = gatedService(script);
      if (parseConsentAttribute(script.getAttribute('data-consent')).some((c) => withdrawn(c, service))) return true;
    }
    const runtime = currentCatalogue(win);
    return runtime?.inUse?.().some((s) => runtime.blocker?.found.has(s.id) === true && withdrawn(s.category, s.id)) ?? false;
  } catch {
    return false;
  }
}

/**
 * Deletes the cookies of every optional category `state` does not grant (the consent cookie stays),
 * and the `localStorage` / `sessionStorage` keys its cookie patterns name (vendors keep copies there:
 * Metrica's `_ym_uid`); the consent records' outbox stays. A catalogue service in use that the visitor
 * granted on its own keeps what it sets: a category pattern that covers one of its cookies or keys
 * (`_ym*` for Metrica's `_ym_uid`) is left alone.
 */
export function clearOptionalCookies(config: Readonly<CoreConfig>, host: string, state: ConsentState, win: Window = window): void {
  const denied = config.categories.filter((c) => own(state.categories, c.name) !== true);
  const granted = (currentCatalogue(win)?.inUse?.() ?? []).filter((s) => own(state.services, s.id) === true);
  const theirs = granted.flatMap((s) => [...s.cookies.filter((c) => !c.thirdParty).map((c) => c.name), ...s.storage]);
  const patterns = denied.flatMap((c) => c.cookies).filter((p) => !theirs.some((name) => matchesPattern(name, p)));
  clearCookies(patterns, host, config.cookie.domain, [config.cookie.name]);
  clearStorage(win, patterns, [OUTBOX_KEY]);
}

/** The consent-record module, imported once when first asked for; `null` when it cannot be had. */
export type Recorder = () => Promise<RecordModule | null>;

/**
 * Decisions are rare, so the core does not carry the record code (`src/signals/consent-record.ts`):
 * it is imported when a layer shows (ready for the decision), at a decision, or when an earlier page
 * left records to send again.
 */
export function createRecorder(load: (() => Promise<RecordModule>) | undefined, warn: Say): Recorder {
  let pending: Promise<RecordModule | null> | null = null;
  return () =>
    (pending ??= (load?.() ?? Promise.reject(new Error('this build has no record loader'))).catch((error: unknown) => {
      warn('noRecords', error);
      pending = null;
      return null;
    }));
}
