/**
 * Placeholders over gated iframes (docs/contract.md §3): one per iframe still blocked, just before it,
 * of its size; the iframe is hidden meanwhile. When the iframe is activated (`data-consent-activated`)
 * or every category it needs is granted, the placeholder goes and the iframe comes back.
 */
import type { UiContext } from './context.js';
import { TAGS } from './define.js';
import { gatedService, parseConsentAttribute } from '../core/categories.js';
import { serviceGranted } from '../core/decision.js';

interface Entry {
  placeholder: HTMLElement;
  /** The iframe's own `hidden` and inline `display`, put back on release. */
  hidden: boolean;
  display: string;
  priority: string;
}

const NUMBER = /^\d+(?:\.\d+)?$/;
const PERCENT = /^\d+(?:\.\d+)?%$/;

export function isBlocked(frame: HTMLIFrameElement): boolean {
  return frame.hasAttribute('data-consent') && frame.hasAttribute('data-src') && !frame.hasAttribute('data-consent-activated');
}

/** A CSS length for the placeholder: a percentage attribute as is, else the laid-out size, else the attribute, else the default. */
function length(frame: HTMLIFrameElement, attribute: 'width' | 'height', laidOut: number, fallback: number): string {
  const value = (frame.getAttribute(attribute) ?? '').trim();
  if (PERCENT.test(value)) return value;
  if (laidOut > 0) return `${laidOut}px`;
  if (NUMBER.test(value)) return `${value}px`;
  return `${fallback}px`;
}

export class Placeholders {
  readonly #context: UiContext;
  readonly #enabled: boolean;
  readonly #entries = new Map<HTMLIFrameElement, Entry>();
  readonly #observer = new MutationObserver(() => this.sync());

  constructor(context: UiContext, enabled: boolean) {
    this.#context = context;
    this.#enabled = enabled;
    context.host.subscribe(() => this.sync());
  }

  /** Whether every category `frame` needs is granted (for the service it names, when it names one). */
  #granted(frame: HTMLIFrameElement): boolean {
    const state = this.#context.host.api.getState();
    const needed = parseConsentAttribute(frame.getAttribute('data-consent'));
    const service = gatedService(frame);
    return needed.length > 0 && needed.every((name) => serviceGranted(state, name, service));
  }

  /** Puts a placeholder before each blocked iframe that has none yet. */
  add(frames: Iterable<HTMLIFrameElement>): void {
    if (!this.#enabled) return;
    for (const frame of frames) {
      if (this.#entries.has(frame) || !frame.isConnected || !isBlocked(frame) || this.#granted(frame)) continue;
      const placeholder = frame.ownerDocument.createElement(TAGS.placeholder);
      placeholder.context = this.#context;
      placeholder.category = frame.getAttribute('data-consent') ?? '';
      placeholder.service = gatedService(frame) ?? '';
      // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
      placeholder.style.setProperty('width', length(frame, 'width', frame.offsetWidth, 300));
      placeholder.style.setProperty('height', length(frame, 'height', frame.offsetHeight, 150));
      const display = getComputedStyle(frame).display;
      if (display !== 'inline' && display !== 'none') placeholder.style.setProperty('display', 'block');
      this.#entries.set(frame, {
        placeholder,
        hidden: frame.hidden,
        display: frame.style.getPropertyValue('display'),
        priority: frame.style.getPropertyPriority('display'),
      });
      frame.before(placeholder);
      frame.hidden = true;
      // Pages often say `iframe { display: block }`, which beats the `hidden` attribute.
      frame.style.setProperty('display', 'none', 'important');
      this.#observer.observe(frame, { attributes: true, attributeFilter: ['data-consent-activated', 'data-consent', 'data-src'] });
    }
  }

  /** Removes the placeholders whose iframe was activated, granted or removed. */
  sync(): void {
    for (const [frame, entry] of this.#entries) {
      if (frame.isConnected && isBlocked(frame) && !this.#granted(frame)) continue;
      this.#entries.delete(frame);
      entry.placeholder.remove();
      frame.hidden = entry.hidden;
      if (entry.display) frame.style.setProperty('display', entry.display, entry.priority);
      else frame.style.removeProperty('display');
    }
  }
}
