import { html, nothing, svg, type PropertyDeclarations } from 'lit';
import { ConsentElement } from './consent-element.js';
import { baseStyles, fixedLayerStyles } from './consent-element.styles.js';
import { reopenButtonStyles } from './reopen-button.styles.js';

/** A cookie with a bite out of it, drawn inline (no icon font, nothing fetched). */
const cookieIcon = svg`<path d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5Zm-3.5 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm-1 5.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm6 1a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z"/>`;

/**
 * @tagname integrus-consent-reopen-button
 * @summary The optional floating button (`reopenButton: true`) that opens the preferences again, for
 * sites without a "cookie settings" link. Shown while no layer is open.
 *
 * @csspart button - the round button.
 *
 * @cssprop [--consent-accent=#1f5bd6] - background of the button.
 * @cssprop [--consent-accent-fg=#ffffff] - the icon.
 * @cssprop [--consent-shadow=0 0.5rem 2rem rgb(0 0 0 / 0.22)] - shadow of the button.
 * @cssprop [--consent-z-index=2147483000] - stacking order.
 * @cssprop [--consent-font-size=1rem] - the button is 3em wide.
 */
export class ConsentReopenButton extends ConsentElement {
  static override styles = [baseStyles, fixedLayerStyles, reopenButtonStyles];

  static override properties: PropertyDeclarations = {
    open: { type: Boolean, reflect: true },
  };

  /** Whether the button is showing (reflected: the attribute hides it at once); `mount()` shows it while no layer is open. */
  declare open: boolean;

  constructor() {
    super();
    this.open = false;
  }

  private handleClick(): void {
    void this.context?.showPreferences();
  }

  protected override render(): unknown {
    // Rendered while hidden too: the same button gets focus back when the preferences close.
    if (!this.context) return nothing;
    const label = this.t('reopen.label');
    return html`
      <button
        type="button"
        part="button"
        class="button"
        data-action="open-preferences"
        aria-label=${label || 'Cookies'}
        title=${label}
        lang=${this.context.i18n.language}
        @click=${this.handleClick}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${cookieIcon}</svg>
      </button>
    `;
  }
}
