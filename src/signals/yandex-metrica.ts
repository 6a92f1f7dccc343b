/**
 * Yandex Metrica's own opt-out (docs/contract.md §5): `window.disableYaCounter<ID> = true` stops a
 * counter that already runs on the page from sending more hits, after analytics is withdrawn.
 */
import type { ConsentState } from '../core/types.js';
import { own } from '../core/util.js';

export function yandexMetricaOptOut(win: Window, ids: readonly string[], state: ConsentState, previous: ConsentState): void {
  if (own(state.categories, 'analytics') === true || own(previous.categories, 'analytics') !== true) return;
  for (const id of ids) (win as unknown as Record<string, unknown>)[`disableYaCounter${id}`] = true;
}
