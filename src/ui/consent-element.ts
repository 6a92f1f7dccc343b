/**
 * The base of every Integrus Consent element: the context from `mount()`, the two controllers
 * (texts, consent state), the theme attribute, and text helpers shared by the layers.
 */
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { ConsentConfig } from '../core/types.js';
import { ConsentController } from './consent-controller.js';
import type { UiContext } from './context.js';
import { LocalizeController } from './texts.js';

export type Theme = ConsentConfig['theme'];

export class ConsentElement extends LitElement {
  /** Marks classes of this library, so a second copy of the UI on a page reuses the first one's elements. */
  static readonly integrusConsent = 1;

  static override properties: PropertyDeclarations = {
    context: { attribute: false },
    theme: { reflect: true },
  };

  protected readonly localize = new LocalizeController(this, () => this.context?.i18n);
  protected readonly consent = new ConsentController(this, () => this.context?.host);

  /** Set by `mount()`: the core's host, the texts and the layer intents. */
  declare context: UiContext | undefined;
  /** `auto` follows `prefers-color-scheme`; `light` and `dark` force a theme. Taken from `config.theme`. */
  declare theme: Theme;

  constructor() {
    super();
    this.theme = 'auto';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('context') && this.context) this.theme = this.context.host.config.theme;
  }

  /** Accept all, from whichever layer: the core decides and closes every open layer. */
  protected handleAcceptAll(): void {
    this.context?.host.api.acceptAll();
  }

  /** Reject all (necessary only), from whichever layer. */
  protected handleRejectAll(): void {
    this.context?.host.api.rejectAll();
  }

  /** A text of the current language (never a raw key). */
  protected t(key: string, vars?: Record<string, string>, fallback = ''): string {
    return this.context?.i18n.t(key, vars, fallback) ?? fallback;
  }

  /** The localized title of a category, or its name when no text names it. */
  protected categoryTitle(name: string): string {
    return this.t(`categories.${name}.title`, undefined, name) || name;
  }
}
