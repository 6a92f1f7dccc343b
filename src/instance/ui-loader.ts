/**
 * The interface, loaded on demand: fetched the first time a layer must show (or a placeholder, or the
 * re-open button), mounted once the body exists (the drop-in may run in `<head>`). A returning visitor
 * with a valid decision never gets here.
 */
import type { CoreUiHost, UiController, UiModule } from '../core/types.js';
import type { Say } from '../core/log.js';

export interface UiLoader {
  /** Loads and mounts the interface once; `null` when it cannot be had (reported once per attempt). */
  ensure(): Promise<UiController | null>;
  /** The mounted interface, once there is one: decisions close its layers synchronously. */
  readonly mounted: UiController | null;
  /** The interface if it was asked for (loaded or loading), without asking for it. */
  requested(): Promise<UiController | null> | null;
}

export function createUiLoader(
  doc: Document,
  host: Omit<CoreUiHost, 'root'>,
  load: (() => Promise<UiModule>) | undefined,
  root: HTMLElement | undefined,
  report: Say,
  /** Called when the interface is first asked for (to fetch what a decision will need alongside). */
  onRequest?: () => void,
): UiLoader {
  let pending: Promise<UiController | null> | null = null;
  let mounted: UiController | null = null;

  const ensure = (): Promise<UiController | null> => {
    if (pending) return pending;
    if (!load) {
      report('noUi');
      return Promise.resolve(null);
    }
    onRequest?.();
    pending = Promise.all([load(), domReady(doc)])
      .then(([module]) => (mounted = module.mount({ ...host, root: root ?? doc.body ?? doc.documentElement } as CoreUiHost)))
      .catch((error: unknown) => {
        report('uiFailed', error);
        pending = null;
        return null;
      });
    return pending;
  };

  return {
    ensure,
    get mounted() {
      return mounted;
    },
    requested: () => pending,
  };
}

function domReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
