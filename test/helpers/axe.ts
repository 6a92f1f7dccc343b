/**
 * Axe checks on settled styles. An entrance animation or a switch's transition blends colours while it
 * runs, and axe measuring contrast then reports a contrast the visitor never reads (3.76:1 mid-fade).
 * `expectAccessible` waits until no animation or transition runs in the element's document or in any
 * shadow root under it (`getAnimations()` flushes styles first, so one just triggered counts), then runs
 * axe through chai-a11y.
 */
import { expect } from '@open-wc/testing';

/** Every animation and transition now in `root` and in the shadow roots inside it, nested ones included. */
export function runningAnimations(root: Document | ShadowRoot): Animation[] {
  const found = root.getAnimations().filter((a) => a.playState === 'running' || a.pending);
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...runningAnimations(element.shadowRoot));
  }
  return found;
}

/** Resolves once nothing animates in `element`'s document (a finished animation may start another). */
export async function stylesSettled(element: Element): Promise<void> {
  for (let running = runningAnimations(element.ownerDocument); running.length; running = runningAnimations(element.ownerDocument)) {
    await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
  }
}

/** `expect(element).to.be.accessible()` once styles have settled. */
export async function expectAccessible(element: Element): Promise<void> {
  await stylesSettled(element);
  await expect(element).to.be.accessible();
}
