import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { ConsentConfig } from '../core/types.js';
import { bannerStyles } from './banner.styles.js';
import { ConsentElement } from './consent-element.js';
import { baseStyles, fixedLayerStyles } from './consent-element.styles.js';

/**
 * @tagname integrus-consent-banner
 * @summary The first layer, compact: one short paragraph (who processes the data, what is collected
 * automatically, for which of the configured purposes, that refusing keeps only the necessary cookies,
 * that the choice can be changed), links to the policy (and the consent document), a "More" disclosure
 * that expands the full summary in place, and the choices: accept all and reject all of equal size and
 * weight, customise secondary in look but not smaller. A labelled region, not a modal: it never traps
 * focus.
 *
 * @fires consent:show - (dispatched by the core on `document`) when the banner opens; `detail.layer` is `"banner"`.
 * @fires consent:hide - (dispatched by the core on `document`) when the banner closes.
 *
 * @csspart banner - the region (background, shadow, border).
 * @csspart title - the heading (visually hidden: the region's name for screen-reader navigation).
 * @csspart text - the summary, the expanded details and the links.
 * @csspart more - the "More" / "Less" disclosure button.
 * @csspart details - the full summary, shown when expanded.
 * @csspart actions - the buttons.
 * @csspart button - each of the three buttons (accept all and reject all alike; customise outlined, as large).
 *
 * @cssprop [--consent-bg=#ffffff] - background (dark theme: #1b1d21).
 * @cssprop [--consent-fg=#1d2025] - text colour (dark theme: #f2f3f5).
 * @cssprop [--consent-accent=#1f5bd6] - buttons and links (dark theme: #9cc3ff).
 * @cssprop [--consent-accent-fg=#ffffff] - text on buttons (dark theme: #0d1726).
 * @cssprop [--consent-radius=0.5rem] - corner radius of buttons and of the box layout.
 * @cssprop [--consent-font-family=system-ui, -apple-system, "Segoe UI", Roboto, sans-serif] - font.
 * @cssprop [--consent-font-size=1rem] - base font size; every size inside is relative to it.
 * @cssprop [--consent-shadow=0 0.5rem 2rem rgb(0 0 0 / 0.22)] - shadow of the banner.
 * @cssprop [--consent-z-index=2147483000] - stacking order of the banner.
 * @cssprop [--consent-max-width=72em] - width of the content in the bar layout (box layout: width of the card, 26em).
 */
export class ConsentBanner extends ConsentElement {
  static override styles = [baseStyles, fixedLayerStyles, bannerStyles];

  static override properties: PropertyDeclarations = {
    open: { type: Boolean, reflect: true },
    layout: { reflect: true },
    expanded: { state: true },
  };

  /** Whether the banner is showing. Use `show()` and `hide()`. */
  declare open: boolean;
  /** `bar`: full width at the bottom; `box`: a card in the corner. Taken from `config.layout`. */
  declare layout: ConsentConfig['layout'];
  /** Whether the full summary is expanded ("More"). */
  private declare expanded: boolean;

  constructor() {
    super();
    this.open = false;
    this.layout = 'bar';
    this.expanded = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('context') && this.context) this.layout = this.context.host.config.layout;
  }

  private handleChoose(): void {
    void this.context?.showPreferences();
  }

  /** Pointer or focus on Customise: fetch the preferences before the click. */
  private handleChooseIntent(): void {
    this.context?.preloadDetails();
  }

  /** "More" / "Less": the full summary in place; focus stays on the button, which says its state. */
  private handleMore(): void {
    this.expanded = !this.expanded;
  }

  /** Opens the banner; resolves once it is on screen. */
  async show(): Promise<void> {
    if (this.open) return;
    this.open = true;
    await this.updateComplete;
    if (this.open) this.context?.layerChanged('banner', true);
  }

  /** Closes the banner (idempotent); resolves once it is gone. */
  async hide(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.expanded = false;
    await this.updateComplete;
    if (!this.open) this.context?.layerChanged('banner', false);
  }

  private paragraph(key: string): TemplateResult | typeof nothing {
    const text = this.t(key);
    return text ? html`<p>${text}</p>` : nothing;
  }

  /**
   * The texts of `group` (`banner.purpose`, `banner.use`, `banner.recipient`) for the configured
   * categories, each once: a category without its own text gets its title (with `titled`), else the
   * group's neutral `other` text, else nothing. Nothing is said about a category the site does not use.
   */
  private phrases(group: string, titled = false): string[] {
    const names = this.context?.host.categories ?? [];
    const phrases = names.map((name) => this.t(`${group}.${name}`) || (titled && this.t(`categories.${name}.title`)) || this.t(`${group}.other`));
    return [...new Set(phrases.filter(Boolean))];
  }

  /**
   * Phrases as one list in the current language ("аналитика, персонализация и реклама"), from the
   * texts `list.pair`, `list.middle` and `list.end` (CLDR's list patterns) when the language has them:
   * the first `Intl.ListFormat` of a page costs 15–40 ms of ICU set-up before the first paint (issue 17).
   * A language the site added without them gets `Intl.ListFormat`.
   */
  private list(items: string[]): string {
    const i18n = this.context?.i18n;
    if (items.length < 2) return items.join('');
    if (i18n?.has('list.pair') && i18n.has('list.middle') && i18n.has('list.end')) {
      const join = (key: string, first: string, second: string): string => i18n.t(key, { first, second });
      if (items.length === 2) return join('list.pair', items[0] as string, items[1] as string);
      let text = join('list.end', items[items.length - 2] as string, items[items.length - 1] as string);
      for (let i = items.length - 3; i >= 0; i--) text = join('list.middle', items[i] as string, text);
      return text;
    }
    try {
      return new Intl.ListFormat(i18n?.language, { type: 'conjunction' }).format(items);
    } catch {
      return items.join(', ');
    }
  }

  /** The expanded purposes: what the data is used for and who may receive it, for the configured categories only. */
  private purposesParagraph(): TemplateResult | typeof nothing {
    const uses = this.phrases('banner.use');
    if (!uses.length) return nothing;
    const recipients = this.phrases('banner.recipient');
    const third = recipients.length ? this.t('banner.thirdParties', { recipients: this.list(recipients) }) : '';
    return html`<p>${this.t('banner.purposes', { uses: this.list(uses) })} ${third}</p>`;
  }

  protected override render(): unknown {
    if (!this.open || !this.context) return nothing;
    const { config } = this.context.host;
    const { language, dir } = this.context.i18n;
    const title = this.t('banner.title');
    const summary = this.t('banner.summary', { operator: config.operator.name, purposes: this.list(this.phrases('banner.purpose', true)) });
    return html`
      <div
        part="banner"
        class="banner"
        role="region"
        aria-label=${this.t('banner.label') || title || 'Cookies'}
        lang=${language}
        dir=${dir}
      >
        <div class="inner">
          ${title ? html`<h2 part="title" class="title">${title}</h2>` : nothing}
          <div part="text" class="text">
            <p class="summary">
              ${summary}
              <a href=${config.policyUrl}>${this.t('banner.policyLink') || config.policyUrl}</a>
              ${config.consentUrl
                ? html`<a href=${config.consentUrl}>${this.t('banner.consentLink') || config.consentUrl}</a>`
                : nothing}
              <button
                type="button"
                part="more"
                class="more"
                aria-expanded=${this.expanded ? 'true' : 'false'}
                aria-controls="details"
                @click=${this.handleMore}
              >
                ${this.expanded ? this.t('banner.less') : this.t('banner.more')}
              </button>
            </p>
            <div part="details" class="details" id="details" ?hidden=${!this.expanded}>
              ${this.paragraph('banner.collected')} ${this.purposesParagraph()}
              ${this.paragraph('banner.withdraw')}
            </div>
          </div>
          <div part="actions" class="actions">
            <button type="button" part="button" class="button" data-action="accept-all" @click=${this.handleAcceptAll}>
              ${this.t('banner.acceptAll')}
            </button>
            <button type="button" part="button" class="button" data-action="reject-all" @click=${this.handleRejectAll}>
              ${this.t('banner.rejectAll')}
            </button>
            <button
              type="button"
              part="button"
              class="button secondary"
              data-action="open-preferences"
              @click=${this.handleChoose}
              @pointerenter=${this.handleChooseIntent}
              @focus=${this.handleChooseIntent}
            >
              ${this.t('banner.choose')}
            </button>
          </div>
        </div>
      </div>
    `;
  }
}
