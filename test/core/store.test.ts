import { expect } from '@open-wc/testing';
import { createStore } from '../../src/core/store.js';

describe('store', () => {
  it('tells every subscriber, in order, the new value, the previous one and the change', () => {
    const store = createStore<number, string>(1);
    const heard: string[] = [];
    store.subscribe((value, previous, change) => heard.push(`a:${previous}->${value}:${change}`));
    const stop = store.subscribe((value) => heard.push(`b:${value}`));
    store.set(2, 'first');
    stop();
    store.set(3, 'second');
    expect(heard).to.deep.equal(['a:1->2:first', 'b:2', 'a:2->3:second']);
    expect(store.get()).to.equal(3);
  });

  it('a throwing subscriber does not stop the others', () => {
    const store = createStore<number, null>(0);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      let heard = 0;
      store.subscribe(() => {
        throw new Error('listener bug');
      });
      store.subscribe((value) => (heard = value));
      store.set(5, null);
      expect(heard).to.equal(5);
      expect(errors).to.have.length(1);
    } finally {
      console.error = original;
    }
  });
});
