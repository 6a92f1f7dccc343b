/**
 * The shape of lit's `LocalizeController`, shared by the UI's controllers: listen to a source from
 * `hostConnected` to `hostDisconnected` and `requestUpdate()` on every change. The source comes from a
 * getter because a component receives its context as a property, possibly after it was connected;
 * `hostUpdate` follows a change of source.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SourceController<S> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #source: () => S | undefined;
  readonly #listen: (source: S, onChange: () => void) => () => void;
  #current: S | undefined;
  #unsubscribe: (() => void) | undefined;

  /** `listen` subscribes to `source` and returns the unsubscribe function. */
  constructor(host: ReactiveControllerHost, source: () => S | undefined, listen: (source: S, onChange: () => void) => () => void) {
    this.#host = host;
    this.#source = source;
    this.#listen = listen;
    host.addController(this);
  }

  /** The source now (`undefined` until the component has its context). */
  protected get source(): S | undefined {
    return this.#source();
  }

  hostConnected(): void {
    this.#subscribe();
  }

  hostUpdate(): void {
    if (this.#source() !== this.#current) this.#subscribe();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = this.#current = undefined;
  }

  #subscribe(): void {
    this.hostDisconnected();
    this.#current = this.#source();
    if (this.#current !== undefined) this.#unsubscribe = this.#listen(this.#current, () => this.#host.requestUpdate());
  }
}
