/**
 * Yandex Metrica's own opt-out (docs/contract.md §5): `window.disableYaCounter<ID> = true` stops a
 * counter that already runs on the page from sending more hits, after analytics is withdrawn, or
 * Metrica alone (per-service choice); switching off another analytics service leaves it running.
 */
import { serviceGranted } from '../core/decision.js';
import type { ConsentState } from '../core/types.js';

/** Metrica runs while its own choice, or else analytics, grants it (`serviceGranted`). */
const metrica = (state: ConsentState): boolean => serviceGranted(state, 'analytics', 'yandex-metrica');

export function yandexMetricaOptOut(win: Window, ids: readonly string[], state: ConsentState, previous: ConsentState): void {
  if (metrica(state) || !metrica(previous)) return;
  for (const id of ids) (win as unknown as Record<string, unknown>)[`disableYaCounter${id}`] = true;
}
