/**
 * A decision, from the visitor's choice to the store: decide → persist (the cookie) → store. What
 * follows (gates, signals, events, the interface) is the store's subscribers' business.
 */
import { isoNow } from '../core/builtins.js';
import { cloneState, decisionFromChoice, newConsentId, stateFromDecision } from '../core/decision.js';
import type { DecisionCookie } from '../core/stored-decision.js';
import type { ConsentState, DecisionMethod } from '../core/types.js';
import type { Say } from '../core/log.js';
import type { ConsentStore } from './effects.js';

export interface DecideContext {
  store: ConsentStore;
  cookie: DecisionCookie;
  revision: string;
  categories: readonly string[];
  /** The category Global Privacy Control refuses, or `null`. */
  gpcCategory: string | null;
  /** A crawler: its decisions are ignored. */
  bot: boolean;
  report: Say;
  warn: Say;
}

/** `services`: the decision's service choices (a custom decision only; docs/contract.md §4). */
export type Decide = (choice: Readonly<Record<string, unknown>>, method: DecisionMethod, services?: Readonly<Record<string, boolean>>) => ConsentState;

export function createDecide(ctx: DecideContext): Decide {
  const { store, cookie, categories } = ctx;
  return (choice, method, services) => {
    if (ctx.bot) {
      // Crawlers get no grant: nothing is stored, announced or signalled.
      ctx.warn('crawlerDecision');
      return cloneState(store.get());
    }
    let id = '';
    try {
      id = newConsentId();
    } catch {
      // No random source: no identifier rather than a guessable one; storing fails below and says so.
    }
    const context = { revision: ctx.revision, categories, gpcCategory: ctx.gpcCategory, id, ts: isoNow() };
    const { decision, source } = decisionFromChoice(choice, method, context, services);
    try {
      if (!id) throw new Error('no crypto.getRandomValues on this page');
      cookie.persist(decision);
    } catch (error) {
      // The page took away what storing needs: the decision still holds here, and the visitor goes on.
      ctx.report('notStored', error);
    }
    const state = stateFromDecision(decision, categories);
    if (!id) state.consentId = null;
    store.set(state, { source, local: true });
    return cloneState(store.get());
  };
}
