/** A tiny observable value: the consent state lives here, the UI and the gates listen. */
export interface Store<T> {
  get(): T;
  set(value: T): void;
  /** Returns the unsubscribe function. A throwing listener does not stop the others. */
  subscribe(listener: (value: T) => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          console.error('[IntegrusConsent] A state listener threw:', error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
