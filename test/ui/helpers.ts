/**
 * A fake-but-real host for the UI: the real configuration resolver, and a small store whose
 * `acceptAll`, `rejectAll` and `setCategories` really change the state, notify subscribers and then
 * hide the UI, as the core does. Layer notifications are logged so tests can count them.
 */
import { sendKeys } from '@web/test-runner-commands';
import { mergeSources, resolveConfig } from '../../src/core/config.js';
import { resolveUiOptions } from '../../src/core/ui-options.js';
import type {
  ConsentConfig, ConsentOptions, ConsentState, CoreUiHost, DecisionMethod, IntegrusConsentApi, UiController,
} from '../../src/core/types.js';
import { mount } from '../../src/ui/index.js';
import type { ConsentBanner, ConsentPreferences } from '../../src/ui/index.js';

export interface HostExtras {
  lang?: string;
  gpc?: boolean;
  /** A stored decision to start from. */
  decided?: Record<string, boolean>;
}

export interface FakeHost extends CoreUiHost {
  /** The whole configuration as the UI resolves it (core options and the UI's own). */
  readonly fullConfig: ConsentConfig;
  /** `show:banner`, `hide:preferences`… in order. */
  readonly layers: string[];
  /** `acceptAll`, `rejectAll`, `setCategories {"analytics":true,…}` in order. */
  readonly calls: string[];
  readonly errors: string[];
  ui?: UiController;
}

export function createHost(options: ConsentOptions = {}, extras: HostExtras = {}): FakeHost {
  const errors: string[] = [];
  const report = (m: string): number => errors.push(m);
  const merged = mergeSources(options, {}, report);
  const config = resolveConfig(merged, report);
  const fullConfig = resolveUiOptions(merged, config, report);
  const categories = config.categories.map((c) => c.name);
  const gpc = extras.gpc === true;
  const listeners = new Set<(state: ConsentState) => void>();
  const calls: string[] = [];

  const stateOf = (values: Record<string, boolean>, method: DecisionMethod | null): ConsentState => {
    const all: Record<string, boolean> = { necessary: true };
    for (const c of categories) all[c] = method !== null && values[c] === true;
    return {
      decided: method !== null,
      categories: all,
      granted: Object.keys(all).filter((c) => all[c]),
      denied: categories.filter((c) => !all[c]),
      revision: config.revision,
      consentId: method ? crypto.randomUUID() : null,
      timestamp: method ? new Date().toISOString() : null,
      method,
    };
  };
  let state = extras.decided ? stateOf(extras.decided, 'custom') : stateOf({}, null);

  const decide = (values: Record<string, boolean>, method: DecisionMethod): ConsentState => {
    state = stateOf(values, method);
    for (const listener of [...listeners]) listener(state);
    // The core hides the UI after every decision, a little later.
    void Promise.resolve().then(() => host.ui?.hide());
    return state;
  };

  const api = {
    getState: () => ({ ...state, categories: { ...state.categories } }),
    isGranted: (c: string) => state.categories[c] === true,
    acceptAll() {
      calls.push('acceptAll');
      return decide(Object.fromEntries(categories.map((c) => [c, !(gpc && c === 'marketing')])), 'accept-all');
    },
    rejectAll() {
      calls.push('rejectAll');
      return decide({}, 'reject-all');
    },
    setCategories(choice: Record<string, boolean>) {
      calls.push(`setCategories ${JSON.stringify(choice)}`);
      return decide(choice, 'custom');
    },
  } as unknown as IntegrusConsentApi;

  const layers: string[] = [];
  const host: FakeHost = {
    api,
    config,
    fullConfig,
    options: merged,
    categories,
    lang: extras.lang ?? 'ru',
    gpc,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notifyShown: (layer) => layers.push(`show:${layer}`),
    notifyHidden: (layer) => layers.push(`hide:${layer}`),
    root: document.body,
    layers,
    calls,
    errors,
  };
  return host;
}

const roots: HTMLElement[] = [];

export interface Mounted {
  host: FakeHost;
  ui: UiController;
  root: HTMLElement;
  banner: ConsentBanner;
  preferences: ConsentPreferences;
}

/**
 * Mounts the UI in a fresh root for `options`, with both parts loaded (the banner, and the preferences
 * of the second part); `cleanup()` removes it.
 */
export async function mountUi(options: ConsentOptions = {}, extras: HostExtras = {}): Promise<Mounted> {
  const host = createHost(options, extras);
  const root = document.createElement('div');
  root.className = 'ui-root';
  document.body.append(root);
  roots.push(root);
  host.root = root;
  const ui = mount(host);
  host.ui = ui;
  await ui.preload();
  const banner = root.querySelector('integrus-consent-banner');
  const preferences = root.querySelector('integrus-consent-preferences');
  if (!banner || !preferences) throw new Error('mount() did not add the banner and the preferences');
  return { host, ui, root, banner, preferences };
}

export async function cleanup(): Promise<void> {
  for (const root of roots.splice(0)) {
    for (const dialog of root.querySelectorAll('integrus-consent-preferences')) await dialog.hide();
    root.remove();
  }
  for (const el of document.querySelectorAll('.fixture')) el.remove();
}

/** An element inside `el`'s shadow root; throws when missing so tests fail loudly. */
export function inShadow<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in <${el.localName}>`);
  return found;
}

export function allInShadow<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/** The focused element, looking through open shadow roots. */
export function deepActive(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

/** Presses Tab until `predicate` holds for the focused element (at most `max` times). */
export async function tabTo(predicate: (el: Element | null) => boolean, max = 30): Promise<Element> {
  for (let i = 0; i < max; i += 1) {
    await sendKeys({ press: 'Tab' });
    const active = deepActive();
    if (active && predicate(active)) return active;
  }
  throw new Error(`Tab never reached the element (last: ${deepActive()?.outerHTML.slice(0, 120)})`);
}

export const action = (name: string) => (el: Element | null): boolean => el?.getAttribute('data-action') === name;

/** Visible text of an element's shadow root, whitespace collapsed. */
export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Shift+Tab (the puppeteer launcher wants the modifier held separately). */
export async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

/** Asserts where focus is, describing both elements on failure (chai's diff of live elements can hang). */
export function expectFocusOn(expected: Element | null | undefined, message = 'focus'): void {
  const active = deepActive();
  if (active !== expected) {
    const describe = (el: Element | null | undefined): string => (el ? el.outerHTML.slice(0, 100) : String(el));
    throw new Error(`${message}: expected ${describe(expected)}, found ${describe(active)}`);
  }
}
