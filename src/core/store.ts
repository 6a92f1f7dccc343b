/**
 * A tiny observable value. The consent state lives here and flows one way:
 * decide → persist → `store.set(state, change)` → subscribers (the gate, cookie clearing, the
 * signals, the DOM events, the interface), each registered once by `createConsent()`.
 */
import { LOG_PREFIX } from './util.js';

/** A subscriber hears the new value, the one before it and what caused the change. */
export type StoreListener<T, C> = (value: T, previous: T, change: C) => void;

export interface Store<T, C> {
  get(): T;
  /** Replaces the value and tells every subscriber, in the order they subscribed. */
  set(value: T, change: C): void;
  /** Returns the unsubscribe function. A throwing listener does not stop the others. */
  subscribe(listener: StoreListener<T, C>): () => void;
}

export function createStore<T, C>(initial: T): Store<T, C> {
  let value = initial;
  const listeners = new Set<StoreListener<T, C>>();
  return {
    get: () => value,
    set(next, change) {
      const previous = value;
      value = next;
      for (const listener of [...listeners]) {
        try {
          listener(value, previous, change);
        } catch (error) {
          console.error(`${LOG_PREFIX} A state listener threw:`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
