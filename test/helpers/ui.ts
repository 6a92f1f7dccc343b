/**
 * The UI's host for component tests, built from the real core: the real configuration resolvers, the
 * core's store and decision logic (`decisionFromChoice`, `stateFromDecision`), so `acceptAll`,
 * `rejectAll` and `setCategories` change the state as the core does and a decision closes the layers.
 * Only the cookie is left out. Calls and layer notifications are logged so tests can count them.
 */
import { sendKeys } from '@web/test-runner-commands';
import { resolveConfig } from '../../src/core/config.js';
import { mergeSources } from '../../src/core/sources.js';
import { cloneState, decisionFromChoice, stateFromDecision, undecidedState } from '../../src/core/decision.js';
import type { StoredDecision } from '../../src/core/decision.js';
import { createStore } from '../../src/core/store.js';
import { own } from '../../src/core/util.js';
import { GPC_CATEGORY } from '../../src/signals/gpc.js';
import { resolveUiOptions } from '../../src/ui/options.js';
import type {
  ConsentConfig, ConsentOptions, ConsentState, CoreUiHost, DecisionMethod, IntegrusConsentApi, UiController,
} from '../../src/core/types.js';
import { mount } from '../../src/ui/index.js';
import { collect } from './messages.js';
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
  const merged = mergeSources(options, {}, collect(errors));
  const config = resolveConfig(merged, collect(errors));
  const fullConfig = resolveUiOptions(merged, config, (m: string): number => errors.push(m), location.hostname);
  const categories = config.categories.map((c) => c.name);
  const gpcCategory = extras.gpc === true ? GPC_CATEGORY : null;
  const calls: string[] = [];

  // The core's own decision logic and store, without the cookie: decide → store → subscribers.
  const decisionOf = (choice: Record<string, unknown>, method: DecisionMethod): StoredDecision =>
    decisionFromChoice(choice, method, { revision: config.revision, categories, gpcCategory, id: crypto.randomUUID(), ts: new Date().toISOString() }).decision;
  const store = createStore<ConsentState, null>(
    extras.decided ? stateFromDecision(decisionOf(extras.decided, 'custom'), categories) : undecidedState(config.revision, categories),
  );
  // As the core does: a decision closes every open layer.
  store.subscribe((state) => state.decided && void host.ui?.hide());
  const decide = (choice: Record<string, unknown>, method: DecisionMethod): ConsentState => {
    store.set(stateFromDecision(decisionOf(choice, method), categories), null);
    return cloneState(store.get());
  };

  const api = {
    getState: () => cloneState(store.get()),
    isGranted: (c: string) => own(store.get().categories, c) === true,
    acceptAll() {
      calls.push('acceptAll');
      return decide(Object.fromEntries(categories.map((c) => [c, c !== gpcCategory])), 'accept-all');
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
    gpcCategory,
    subscribe: (listener) => store.subscribe((state) => listener(state)),
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
