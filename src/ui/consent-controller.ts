/**
 * Re-renders a component when the consent state changes. Same shape as `LocalizeController`:
 * subscribe in `hostConnected`, unsubscribe in `hostDisconnected`, `requestUpdate()` on change.
 * It keeps no copy of the state: `state` asks the core every time.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsentState, UiHost } from '../core/types.js';

export class ConsentController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #source: () => UiHost | undefined;
  #current: UiHost | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, source: () => UiHost | undefined) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  /** The current consent state, `undefined` until the component has a host. */
  get state(): ConsentState | undefined {
    return this.#source()?.api.getState();
  }

  hostConnected(): void {
    this.#listen();
  }

  hostUpdate(): void {
    if (this.#source() !== this.#current) this.#listen();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = this.#current = undefined;
  }

  #listen(): void {
    this.hostDisconnected();
    this.#current = this.#source();
    this.#unsubscribe = this.#current?.subscribe(() => this.#host.requestUpdate());
  }
}
