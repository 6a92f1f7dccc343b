import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { NECESSARY } from '../core/types.js';
import { ConsentElement } from './consent-element.js';
import { declaration, recipients, switchableServices } from './category-details.js';
import type { DetailsContext, SwitchableService } from './category-details.js';
import { serviceGranted } from '../core/decision.js';
import { baseStyles } from './consent-element.styles.js';
import { deepActiveElement, trapTab } from './internal/focus.js';
import { categoryDetailsStyles } from './category-details.styles.js';
import { consentIdSection, consentIdStyles } from './consent-id.js';
import { preferencesFooterStyles } from './preferences-footer.styles.js';
import { preferencesStyles } from './preferences.styles.js';

/**
 * @tagname integrus-consent-preferences
 * @summary The preferences layer: a modal dialog with one switch per optional category (its
 * description, named recipients and, collapsed, its cookie declaration: the catalogue services in use
 * and the site's own cookies, with purpose and lifetime), `necessary` always on, who the operator is, the three decisions
 * (save, accept all, reject all) in the footer, and a close button (×) in the header beside the title.
 * Esc and the close button dismiss it without deciding; focus stays inside while it is open and returns
 * where it was when it closes. Tab order: title (focused on open), close, switches and links, decisions.
 *
 * @fires consent:show - (dispatched by the core on `document`) when the dialog opens; `detail.layer` is `"preferences"`.
 * @fires consent:hide - (dispatched by the core on `document`) when the dialog closes.
 *
 * @csspart dialog - the `<dialog>` element.
 * @csspart title - the heading.
 * @csspart text - the introduction.
 * @csspart category - the block of one category.
 * @csspart switch - the switch of a category (`input[type=checkbox][role=switch]`).
 * @csspart services - the list of a category's services, each with its own switch (under the category's).
 * @csspart service-switch - the switch of one service (`input[type=checkbox][role=switch]`).
 * @csspart declaration - a category's cookie declaration, a `<details>` element (collapsed at first).
 * @csspart declaration-summary - its `<summary>`: «Сервисы и cookie (N)», the disclosure.
 * @csspart actions - the footer with the three decision buttons.
 * @csspart button - each decision button (save, accept all, reject all: styled alike on purpose).
 * @csspart close-button - the close (×) button in the header; its accessible name is the text `preferences.close`.
 * @csspart copy-button - «Скопировать» beside the visitor's consent id (shown once a decision exists).
 *
 * @cssprop [--consent-bg=#ffffff] - background (dark theme: #1b1d21).
 * @cssprop [--consent-fg=#1d2025] - text colour (dark theme: #f2f3f5).
 * @cssprop [--consent-accent=#1f5bd6] - buttons, links, switches that are on (dark theme: #9cc3ff).
 * @cssprop [--consent-accent-fg=#ffffff] - text on buttons, knob of a switch that is on (dark theme: #0d1726).
 * @cssprop [--consent-radius=0.5rem] - corner radius.
 * @cssprop [--consent-font-family=system-ui, -apple-system, "Segoe UI", Roboto, sans-serif] - font.
 * @cssprop [--consent-font-size=1rem] - base font size.
 * @cssprop [--consent-shadow=0 0.5rem 2rem rgb(0 0 0 / 0.22)] - shadow of the dialog.
 */
export class ConsentPreferences extends ConsentElement {
  static override styles = [baseStyles, preferencesStyles, categoryDetailsStyles, preferencesFooterStyles, consentIdStyles];

  static override properties: PropertyDeclarations = {
    open: { type: Boolean, reflect: true },
    choice: { state: true, attribute: false },
    serviceChoice: { state: true, attribute: false },
  };

  /** The native dialog (like lit's `@query('dialog')`). */
  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Whether the dialog is showing. Use `show()` and `hide()`. */
  declare open: boolean;
  /** The switches as set since the dialog opened: not a decision until saved. */
  private declare choice: Record<string, boolean>;
  /** The service switches as set since the dialog opened (docs/contract.md §3, per-service choice). */
  private declare serviceChoice: Record<string, boolean>;

  #returnFocus: HTMLElement | null = null;

  constructor() {
    super();
    this.open = false;
    this.choice = {};
    this.serviceChoice = {};
  }

  /** Whether Global Privacy Control keeps `category` off. */
  private blockedByGpc(category: string): boolean {
    return this.context !== undefined && category === this.context.host.gpcCategory;
  }

  /** The switches start from the stored decision, or all off before one. */
  private initialChoice(): Record<string, boolean> {
    const host = this.context?.host;
    const state = this.consent.state;
    const choice: Record<string, boolean> = {};
    for (const name of host?.categories ?? []) {
      choice[name] = state?.decided === true && state.categories[name] === true && !this.blockedByGpc(name);
    }
    return choice;
  }

  /** What the category rendering needs of the catalogue and the site's services, or `null` before the context. */
  private details(): DetailsContext | null {
    const host = this.context?.host;
    return host && this.context ? { host, t: (key: string, vars?: Record<string, string>) => this.t(key, vars), lang: this.context.i18n.language } : null;
  }

  /** The services of `category` with a switch of their own. */
  private servicesOf(category: string): SwitchableService[] {
    const details = category === NECESSARY ? null : this.details();
    return details ? switchableServices(details, category) : [];
  }

  /** Each service switch starts from the stored decision (its own choice, else its category's), or off before one. */
  private initialServiceChoice(): Record<string, boolean> {
    const state = this.consent.state;
    const choice: Record<string, boolean> = {};
    for (const category of this.context?.host.categories ?? []) {
      for (const { id } of this.servicesOf(category)) {
        choice[id] = state?.decided === true && serviceGranted(state, category, id) && !this.blockedByGpc(category);
      }
    }
    return choice;
  }

  /** The category switch sets every service of it. */
  private handleSwitch(event: Event): void {
    const input = event.target as HTMLInputElement;
    const value = input.checked && !this.blockedByGpc(input.name);
    this.choice = { ...this.choice, [input.name]: value };
    const services = this.servicesOf(input.name);
    if (services.length) this.serviceChoice = { ...this.serviceChoice, ...Object.fromEntries(services.map((s) => [s.id, value])) };
  }

  /** A service switch: the category is on when every service of it is (docs/contract.md §3). */
  private handleServiceSwitch(event: Event): void {
    const input = event.target as HTMLInputElement;
    const category = input.dataset.category ?? '';
    this.serviceChoice = { ...this.serviceChoice, [input.name]: input.checked && !this.blockedByGpc(category) };
    this.choice = { ...this.choice, [category]: this.servicesOf(category).every((s) => this.serviceChoice[s.id] === true) };
  }

  /**
   * The decision the switches stand for: each category as its switch; a category whose services are
   * not all alike records each service's choice. Choices made elsewhere (a service not shown on this
   * page) stay unless their category's switch was changed here.
   */
  private handleSave(): void {
    const host = this.context?.host;
    if (!host) return;
    const state = host.api.getState();
    const services: Record<string, boolean> = {};
    const shown = new Set<string>();
    const changed = new Set<string>();
    for (const category of host.categories) {
      if (state.categories[category] !== this.choice[category]) changed.add(category);
      const list = this.servicesOf(category);
      for (const { id } of list) shown.add(id);
      const on = list.filter((s) => this.serviceChoice[s.id] === true).length;
      if (on > 0 && on < list.length) for (const { id } of list) services[id] = this.serviceChoice[id] === true;
    }
    for (const [id, value] of Object.entries(state.services)) {
      const category = this.categoryOf(id);
      if (!shown.has(id) && !(category && changed.has(category))) services[id] = value;
    }
    // The core closes every layer once the decision is stored.
    host.api.setCategories({ ...this.choice }, services);
  }

  /** The category of a service, when this page knows it (the catalogue in use or the site's declaration). */
  private categoryOf(service: string): string | null {
    return this.context?.host.categories.find((c) => this.servicesOf(c).some((s) => s.id === service)) ?? null;
  }

  private handleCloseClick(): void {
    void this.hide();
  }

  /**
   * The dialog's `close` event (Esc, or our own `close()`). It comes a task after the dialog closed:
   * if the dialog was opened again meanwhile, it is not about the dialog now on screen.
   */
  private handleDialogClose(): void {
    if (!this.dialog?.open) this.handleClose();
  }

  /** The dialog closed, whichever way (Esc, the close button, `hide()`): never a decision. */
  private handleClose(): void {
    if (!this.open) return;
    this.open = false;
    this.dialog?.close();
    this.context?.layerChanged('preferences', false);
    const target = this.#returnFocus;
    this.#returnFocus = null;
    if (target?.isConnected) target.focus();
  }

  /** Tab and Shift+Tab cycle through the dialog's controls and never leave it. */
  private handleKeydown(event: KeyboardEvent): void {
    if (this.dialog) trapTab(event, this.dialog, this.shadowRoot?.activeElement ?? null);
  }

  /** Opens the dialog (modal); resolves once it is on screen. */
  async show(): Promise<void> {
    if (this.open || !this.context) return;
    this.#returnFocus = deepActiveElement();
    this.choice = this.initialChoice();
    this.serviceChoice = this.initialServiceChoice();
    // A category shows on only when every service of it is on.
    for (const category of this.context.host.categories) {
      const services = this.servicesOf(category);
      if (services.length && !services.every((s) => this.serviceChoice[s.id] === true)) this.choice = { ...this.choice, [category]: false };
    }
    this.open = true;
    await this.updateComplete;
    const dialog = this.dialog;
    if (!this.open) return;
    if (!dialog?.isConnected) {
      this.open = false;
      return;
    }
    if (!dialog.open) dialog.showModal();
    // Start at the top: the dialog's name and the introduction are read first, Tab goes on to the switches.
    dialog.querySelector<HTMLElement>('.title')?.focus();
    this.context?.layerChanged('preferences', true);
  }

  /** Closes the dialog without deciding (idempotent); focus returns where it was. */
  async hide(): Promise<void> {
    this.handleClose();
    await this.updateComplete;
  }

  private renderCategory(name: string): TemplateResult {
    const host = this.context?.host;
    const necessary = name === NECESSARY;
    const gpc = this.blockedByGpc(name);
    const details = host ? this.details() : null;
    const services = this.servicesOf(name);
    const on = services.filter((s) => this.serviceChoice[s.id] === true).length;
    // Some services on, not all: the category switch is off (untagged tags of it stay held) and says so.
    const partial = on > 0 && on < services.length;
    // A category the texts do not describe gets a neutral description (and the site a warning, details.ts).
    const description = this.t(`categories.${name}.description`) || this.t('preferences.otherDescription');
    const describedBy = [
      necessary ? `always-${name}` : '',
      description ? `description-${name}` : '',
      gpc ? `gpc-${name}` : '',
      partial ? `partial-${name}` : '',
    ].filter(Boolean);
    /* eslint-disable lit-a11y/role-has-required-aria-attrs -- the switch is a native checkbox: its checked
       state is exposed as aria-checked already, and ARIA in HTML says not to set aria-checked on it */
    return html`
      <li part="category" class="category">
        <div class="head">
          <label class="name" for="switch-${name}">${this.categoryTitle(name)}</label>
          ${necessary ? html`<span class="always" id="always-${name}">${this.t('preferences.alwaysOn')}</span>` : nothing}
          <input
            type="checkbox"
            role="switch"
            part="switch"
            class="switch"
            id="switch-${name}"
            name=${name}
            aria-describedby=${describedBy.join(' ') || nothing}
            .checked=${necessary || this.choice[name] === true}
            ?disabled=${necessary || gpc}
            @change=${this.handleSwitch}
          />
        </div>
        ${description ? html`<p class="description" id="description-${name}">${description}</p>` : nothing}
        ${gpc ? html`<p class="note" id="gpc-${name}">${this.t('preferences.gpcNote')}</p>` : nothing}
        ${partial
          ? html`<p class="partial" id="partial-${name}">${this.t('preferences.servicesPartial', { on: String(on), total: String(services.length) })}</p>`
          : nothing}
        ${services.length ? this.renderServices(name, services, gpc) : nothing}
        ${details ? recipients(details, name) : nothing}
        ${details ? declaration(details, name) : nothing}
      </li>
    `;
    /* eslint-enable lit-a11y/role-has-required-aria-attrs */
  }

  /** One switch per service of the category, under its switch (docs/contract.md §3). */
  private renderServices(category: string, services: SwitchableService[], gpc: boolean): TemplateResult {
    /* eslint-disable lit-a11y/role-has-required-aria-attrs -- a native checkbox, as the category's switch */
    return html`<ul part="services" class="service-switches" aria-label=${this.t('preferences.servicesLabel', { category: this.categoryTitle(category) })}>
      ${services.map(({ id, label }) => html`<li class="service-switch">
        <label for="service-${category}-${id}">${label}</label>
        <input
          type="checkbox"
          role="switch"
          part="service-switch"
          class="switch"
          id="service-${category}-${id}"
          name=${id}
          data-category=${category}
          aria-describedby=${gpc ? `gpc-${category}` : nothing}
          .checked=${this.serviceChoice[id] === true}
          ?disabled=${gpc}
          @change=${this.handleServiceSwitch}
        />
      </li>`)}
    </ul>`;
    /* eslint-enable lit-a11y/role-has-required-aria-attrs */
  }

  private renderOperator(): TemplateResult | typeof nothing {
    const operator = this.context?.host.config.operator;
    // No operator configured (docs/contract.md §2): no section rather than a name the site did not give.
    if (!operator || !(operator.name || operator.address || operator.inn || operator.ogrn || operator.email)) return nothing;
    const row = (key: 'address' | 'inn' | 'ogrn' | 'email'): TemplateResult | typeof nothing => {
      const value = operator[key];
      if (!value) return nothing;
      return html`<div>
        <dt>${this.t(`preferences.operator.${key}`, undefined, key.toUpperCase())}</dt>
        <dd>${key === 'email' ? html`<a href="mailto:${value}">${value}</a>` : value}</dd>
      </div>`;
    };
    return html`
      <section class="operator" aria-labelledby="operator-title">
        <h3 id="operator-title">${this.t('preferences.operator.heading')}</h3>
        <p>${operator.name || this.t('banner.operator')}</p>
        ${operator.address || operator.inn || operator.ogrn || operator.email
          ? html`<dl>${row('address')}${row('inn')}${row('ogrn')}${row('email')}</dl>`
          : nothing}
      </section>
    `;
  }

  private renderContent(): TemplateResult {
    const categories = this.context?.host.categories ?? [];
    const intro = this.t('preferences.intro');
    const button = (action: string, key: string, handler: () => void): TemplateResult =>
      html`<button type="button" part="button" class="button" data-action=${action} @click=${handler}>${this.t(key)}</button>`;
    return html`
      <div class="header">
        <h2 part="title" class="title" id="title" tabindex="-1">${this.t('preferences.title')}</h2>
        <button
          type="button"
          part="close-button"
          class="close"
          data-action="close"
          aria-label=${this.t('preferences.close')}
          @click=${this.handleCloseClick}
        >
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      </div>
      <div class="body">
        ${intro ? html`<p part="text" class="intro">${intro}</p>` : nothing}
        <ul class="categories">
          ${this.renderCategory(NECESSARY)} ${categories.map((name) => this.renderCategory(name))}
        </ul>
        ${this.renderOperator()}
        ${consentIdSection(this.consent.state, (key, vars) => this.t(key, vars), this.context?.i18n.language ?? 'ru')}
      </div>
      <div part="actions" class="actions">
        ${button('save', 'preferences.save', this.handleSave)}
        ${button('accept-all', 'preferences.acceptAll', this.handleAcceptAll)}
        ${button('reject-all', 'preferences.rejectAll', this.handleRejectAll)}
      </div>
    `;
  }

  protected override render(): unknown {
    if (!this.context) return nothing;
    const { language, dir } = this.context.i18n;
    return html`
      <dialog
        part="dialog"
        aria-labelledby="title"
        lang=${language}
        dir=${dir}
        @close=${this.handleDialogClose}
        @keydown=${this.handleKeydown}
      >
        ${this.open ? this.renderContent() : nothing}
      </dialog>
    `;
  }
}
