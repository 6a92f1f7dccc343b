import { html, nothing, type PropertyDeclarations } from 'lit';
import { own } from '../core/util.js';
import { ConsentElement } from './consent-element.js';
import { baseStyles } from './consent-element.styles.js';
import { placeholderStyles } from './placeholder.styles.js';
import { parseConsentAttribute } from '../core/categories.js';

/**
 * @tagname integrus-consent-placeholder
 * @summary Stands in for a gated iframe until its categories are granted: says which category the
 * embed needs, and offers to allow it or to open the preferences. When the iframe names a service
 * (`data-service`, or the catalogue service auto-blocking held it for), its button loads that service
 * only («Загрузить видео YouTube»: `data-action="allow-service"`), not the whole category. Inserted by
 * `mount()` just before the iframe, with the iframe's size.
 *
 * @csspart placeholder - the inner box.
 * @csspart text - the explanation.
 * @csspart actions - the two buttons.
 * @csspart button - each button.
 *
 * @cssprop [--consent-bg=#ffffff] - background.
 * @cssprop [--consent-fg=#1d2025] - text colour.
 * @cssprop [--consent-accent=#1f5bd6] - buttons.
 * @cssprop [--consent-accent-fg=#ffffff] - text on buttons.
 * @cssprop [--consent-radius=0.5rem] - corner radius.
 * @cssprop [--consent-font-family=system-ui, -apple-system, "Segoe UI", Roboto, sans-serif] - font.
 * @cssprop [--consent-font-size=1rem] - base font size.
 */
export class ConsentPlaceholder extends ConsentElement {
  static override styles = [baseStyles, placeholderStyles];

  static override properties: PropertyDeclarations = {
    category: { reflect: true },
    service: { reflect: true },
  };

  /** The categories the embed needs, space separated (the iframe's `data-consent`). */
  declare category: string;
  /** The service the embed is of (`data-service` or `data-consent-autoblocked`), or '' for none. */
  declare service: string;

  constructor() {
    super();
    this.category = '';
    this.service = '';
  }

  /** The service's name: from the texts (`services.<id>.name`), else as the site declared it, else ''. */
  private get serviceName(): string {
    const id = this.service;
    if (!id || !this.context) return '';
    const declared = this.context.host.config.categories.flatMap((c) => c.services).find((s) => s.id === id);
    return this.t(`services.${id}.name`) || declared?.name || '';
  }

  /** The button's label: the service's own (`placeholder.load.<id>`: «Загрузить видео YouTube»), else «Загрузить <name>». */
  private get loadLabel(): string {
    const name = this.serviceName;
    return (this.service && this.t(`placeholder.load.${this.service}`)) || (name ? this.t('placeholder.loadService', { service: name }) : '');
  }

  /** Loads this service only: a custom decision granting it, every category and other service as it was. */
  private handleLoad(): void {
    if (this.service) this.context?.host.api.setServices({ [this.service]: true });
  }

  /** Configured categories the embed needs. */
  private get categories(): string[] {
    const known = this.context?.host.categories ?? [];
    return parseConsentAttribute(this.category).filter((name) => known.includes(name));
  }

  private handleAllow(): void {
    const host = this.context?.host;
    if (!host) return;
    const state = host.api.getState();
    const choice: Record<string, boolean> = {};
    for (const name of host.categories) choice[name] = own(state.categories, name) === true;
    for (const name of this.categories) choice[name] = true;
    // The core closes every layer once the decision is stored.
    host.api.setCategories(choice);
  }

  private handleSettings(): void {
    void this.context?.showPreferences();
  }

  protected override render(): unknown {
    if (!this.context) return nothing;
    const { host, i18n } = this.context;
    const names = this.categories;
    const category = names.map((name) => this.categoryTitle(name)).join(', ') || this.category;
    // Global Privacy Control keeps marketing off; allowing it here would go round the preferences.
    const gpc = host.gpcCategory !== null && names.includes(host.gpcCategory);
    const load = names.length ? this.loadLabel : '';
    const service = this.serviceName || this.service;
    return html`
      <div part="placeholder" class="placeholder" lang=${i18n.language} dir=${i18n.dir}>
        <p part="text" class="text">${load ? this.t('placeholder.serviceText', { service, category }) : this.t('placeholder.text', { category })}</p>
        ${gpc ? html`<p class="text">${this.t('preferences.gpcNote')}</p>` : nothing}
        <div part="actions" class="actions">
          ${load && !gpc
            ? html`<button type="button" part="button" class="button" data-action="allow-service" @click=${this.handleLoad}>${load}</button>`
            : nothing}
          ${names.length && !gpc && !load
            ? html`<button type="button" part="button" class="button" data-action="allow-category" @click=${this.handleAllow}>
                ${this.t('placeholder.allow', { category })}
              </button>`
            : nothing}
          <button type="button" part="button" class="button" data-action="open-preferences" @click=${this.handleSettings}>
            ${this.t('placeholder.settings')}
          </button>
        </div>
      </div>
    `;
  }
}
