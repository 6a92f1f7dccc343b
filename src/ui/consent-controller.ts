/**
 * Re-renders a component when the consent state changes (subscribes to the core's store through the
 * host). It keeps no copy of the state: `state` asks the core every time.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ConsentState, UiHost } from '../core/types.js';
import { SourceController } from './source-controller.js';

export class ConsentController extends SourceController<UiHost> {
  constructor(host: ReactiveControllerHost, source: () => UiHost | undefined) {
    super(host, source, (uiHost, onChange) => uiHost.subscribe(onChange));
  }

  /** The current consent state, `undefined` until the component has a host. */
  get state(): ConsentState | undefined {
    return this.source?.api.getState();
  }
}
