/**
 * The site's callbacks (docs/contract.md §4), as vanilla-cookieconsent users know them, mapped onto the
 * store the events come from: each runs after the `consent:ready` or `consent:change` event of the same
 * moment, with a copy of the state. What a callback throws is logged; the library goes on.
 *
 * - `onFirstConsent`: the page goes from no decision to one (a decision here, or adopted from another tab).
 * - `onConsent`: the same moment, and on a page load that finds a valid decision.
 * - `onChange`: a decision changes the categories of an earlier one, or is reset.
 * - `categories[].onAccept` / `onReject`: that category becomes granted (on load too) / is withdrawn.
 */
import { changedCategories, cloneState } from '../core/decision.js';
import type { Store } from '../core/store.js';
import type { ConsentCallback, ConsentCallbacks, ConsentState } from '../core/types.js';
import { own } from '../core/util.js';
import { sayer } from '../core/log.js';

const report = sayer('error');

function call(name: string, callback: ConsentCallback | null, state: ConsentState): void {
  if (!callback) return;
  try {
    callback(cloneState(state));
  } catch (error) {
    report('callbackThrew', name, error);
  }
}

/** Subscribes the callbacks to `store`; returns what to call once `consent:ready` has been dispatched. */
export function connectCallbacks<C>(store: Store<ConsentState, C>, callbacks: ConsentCallbacks): (state: ConsentState) => void {
  const categories = (state: ConsentState, previous: ConsentState | null): void => {
    for (const [name, { onAccept, onReject }] of Object.entries(callbacks.categories)) {
      const now = own(state.categories, name) === true;
      const before = previous !== null && own(previous.categories, name) === true;
      if (now && !before) call(`categories[${name}].onAccept`, onAccept, state);
      else if (!now && before) call(`categories[${name}].onReject`, onReject, state);
    }
  };
  store.subscribe((state, previous) => {
    if (state.decided && !previous.decided) {
      call('onFirstConsent', callbacks.onFirstConsent, state);
      call('onConsent', callbacks.onConsent, state);
    } else if (previous.decided && (!state.decided || state.consentId !== previous.consentId)) {
      const changed = changedCategories(previous, state);
      if (changed.length > 0 || !state.decided) call('onChange', callbacks.onChange, { ...state, changed });
    }
    categories(state, previous);
  });
  return (state) => {
    if (!state.decided) return;
    call('onConsent', callbacks.onConsent, state);
    categories(state, null);
  };
}
