/**
 * What every component of the UI receives from `mount()`: the core's host, the texts, and the few
 * intents a component may send that concern more than itself (open the preferences, close every layer).
 */
import type { UiHost } from '../core/types.js';
import type { Localizer } from './texts.js';

export type Layer = 'banner' | 'preferences';

export interface UiContext {
  readonly host: UiHost;
  readonly i18n: Localizer;
  /** Opens the preferences layer (from the banner, a placeholder or the re-open button). */
  showPreferences(): Promise<void>;
  /** Starts fetching the second part (preferences, placeholders) ahead of need: on intent to customise. */
  preloadDetails(): void;
  /** A layer reports that it opened or closed; `mount()` tells the core once per transition. */
  layerChanged(layer: Layer, open: boolean): void;
}
