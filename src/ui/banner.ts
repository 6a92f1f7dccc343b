import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { ConsentConfig } from '../core/types.js';
import { abroadCountries } from './abroad.js';
import { bannerStyles } from './banner.styles.js';
import { ConsentElement } from './consent-element.js';
import { baseStyles, fixedLayerStyles } from './consent-element.styles.js';
import { trapTab } from './internal/focus.js';

/**
 * @tagname integrus-consent-banner
 * @summary The first layer, compact: one short paragraph (who processes the data, what is collected
 * automatically, for which of the configured purposes, that refusing keeps only the necessary cookies,
 * that the choice can be changed), links to the policy (and the consent document), a "More" disclosure
 * that expands the full summary in place, and the choices: accept all and reject all of equal size and
 * weight, customise secondary in look but not smaller. In the `bar` and `box` layouts a labelled region,
 * not a modal: it never traps focus. In the `modal` layout a modal `<dialog>` in the middle of the page
 * (the page behind inert and not scrolling) that takes focus on its title, keeps Tab inside and is
 * closed only by a decision: Esc does nothing.
 *
 * @fires consent:show - (dispatched by the core on `document`) when the banner opens; `detail.layer` is `"banner"`.
 * @fires consent:hide - (dispatched by the core on `document`) when the banner closes.
 *
 * @csspart banner - the region (background, shadow, border); in the modal layout the `<dialog>`
 *   (`::part(banner)::backdrop` is its backdrop).
 * @csspart title - the heading (visually hidden in the bar and box layouts, where it names the region; shown in the modal).
 * @csspart text - the summary, the expanded details and the links.
 * @csspart more - the "More" / "Less" disclosure button.
 * @csspart details - the full summary, shown when expanded.
 * @csspart actions - the buttons.
 * @csspart button - each of the three buttons (accept all and reject all alike; customise outlined, as large).
 * @csspart primary-button - accept all and reject all, together: one part, so they stay alike.
 * @csspart secondary-button - customise.
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
 * @cssprop [--consent-max-width=72em] - width of the content in the bar layout (box: width of the card, 26em; modal: 34em).
 * @cssprop [--consent-backdrop=rgb(0 0 0 / 0.55)] - the modal layout's backdrop.
 */
export class ConsentBanner extends ConsentElement {
  static override styles = [baseStyles, fixedLayerStyles, bannerStyles];

  static override properties: PropertyDeclarations = {
    open: { type: Boolean, reflect: true },
    layout: { reflect: true },
    position: { reflect: true },
    buttons: { reflect: true },
    expanded: { state: true },
  };

  /** Whether the banner is showing. Use `show()` and `hide()`. */
  declare open: boolean;
  /** `bar`: full width; `box`: a card in a corner; `modal`: a centred modal dialog. Taken from `config.layout`. */
  declare layout: ConsentConfig['layout'];
  /** `bottom`/`top` (bar), a corner (box), `center` (modal). Taken from `config.position`. */
  declare position: ConsentConfig['position'];
  /** `inline` or `stacked`. Taken from `config.buttons`. */
  declare buttons: ConsentConfig['buttons'];
  /** Whether the full summary is expanded ("More"). */
  private declare expanded: boolean;

  constructor() {
    super();
    this.open = false;
    this.layout = 'bar';
    this.position = 'bottom';
    this.buttons = 'inline';
    this.expanded = false;
  }

  /** The modal layout's native dialog. */
  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** The page's own `overflow` on `<html>`, kept while the modal layout locks scrolling. */
  #scrollLock: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('context') && this.context) {
      const { layout, position, buttons } = this.context.host.config;
      Object.assign(this, { layout, position, buttons });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unlockScroll();
  }

  private lockScroll(): void {
    if (this.#scrollLock !== null) return;
    const root = this.ownerDocument.documentElement;
    this.#scrollLock = root.style.overflow;
    root.style.overflow = 'hidden';
  }

  private unlockScroll(): void {
    if (this.#scrollLock === null) return;
    this.ownerDocument.documentElement.style.overflow = this.#scrollLock;
    this.#scrollLock = null;
  }

  /** The modal layout: Tab stays inside; Esc (keydown, and the dialog's cancel) decides nothing and closes nothing. */
  private handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') event.preventDefault();
    if (this.dialog) trapTab(event, this.dialog, this.shadowRoot?.activeElement ?? null);
  }

  private handleCancel(event: Event): void {
    event.preventDefault();
  }

  /** Closed other than by `hide()` (a browser that would not let Esc be refused): back on screen. */
  private handleDialogClose(): void {
    const dialog = this.dialog;
    if (this.open && dialog?.isConnected && !dialog.open) dialog.showModal();
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
    if (!this.open) return;
    const dialog = this.dialog;
    if (dialog && !dialog.open) {
      dialog.showModal();
      this.lockScroll();
      dialog.querySelector<HTMLElement>('.title')?.focus();
    }
    this.context?.layerChanged('banner', true);
  }

  /** Closes the banner (idempotent); resolves once it is gone. */
  async hide(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.expanded = false;
    this.dialog?.close();
    this.unlockScroll();
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
    const summary = this.t('banner.summary', { operator: config.operator.name || this.t('banner.operator'), purposes: this.list(this.phrases('banner.purpose', true)) });
    // 152-FZ art. 12: where data of the services in use goes abroad, in one clause of the first layer.
    const countries = abroadCountries(this.ownerDocument.defaultView, language);
    const abroad = countries.length ? this.t('banner.abroad', { countries: this.list(countries) }) : '';
    const label = this.t('banner.label') || title || 'Cookies';
    const content = html`
        <div class="inner">
          ${title ? html`<h2 part="title" class="title" id="title" tabindex="-1">${title}</h2>` : nothing}
          <div part="text" class="text">
            <p class="summary">
              ${summary} ${abroad}
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
            <button type="button" part="button primary-button" class="button" data-action="accept-all" @click=${this.handleAcceptAll}>
              ${this.t('banner.acceptAll')}
            </button>
            <button type="button" part="button primary-button" class="button" data-action="reject-all" @click=${this.handleRejectAll}>
              ${this.t('banner.rejectAll')}
            </button>
            <button
              type="button"
              part="button secondary-button"
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
    `;
    if (this.layout === 'modal') {
      return html`
        <dialog
          part="banner"
          class="banner"
          aria-labelledby=${title ? 'title' : nothing}
          aria-label=${title ? nothing : label}
          lang=${language}
          dir=${dir}
          @keydown=${this.handleKeydown}
          @cancel=${this.handleCancel}
          @close=${this.handleDialogClose}
        >${content}</dialog>
      `;
    }
    return html`
      <div part="banner" class="banner" role="region" aria-label=${label} lang=${language} dir=${dir}>${content}</div>
    `;
  }
}
