/**
 * The preferences' «Ваш идентификатор согласия» section: the visitor's consent id and the date of their
 * decision, so that they can quote it to the operator (docs/records.md, "When a visitor quotes their
 * id"). Shown only when a decision exists. «Скопировать» copies the id with the Clipboard API; where
 * there is none (a page not on HTTPS) or it refuses, the id is selected for Ctrl+C instead. A live
 * region says which happened.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ConsentState } from '../core/types.js';

type Translate = (key: string, vars?: Record<string, string>) => string;

/** The decision's date and time in the language on screen, or the ISO text when it cannot be read. */
function decisionDate(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  } catch {
    return date.toLocaleString();
  }
}

/** Copies the id, or selects it; says which in the section's status line. */
async function copyId(event: Event, id: string, t: Translate): Promise<void> {
  const section = (event.currentTarget as HTMLElement).closest('section');
  const value = section?.querySelector('.consent-id-value');
  const status = section?.querySelector('.consent-id-status');
  try {
    await navigator.clipboard.writeText(id);
    if (status) status.textContent = t('consentId.copied');
  } catch {
    // No Clipboard API here (not a secure context), or no permission: the visitor copies it themselves.
    const selection = value?.ownerDocument.getSelection();
    if (value && selection) selection.selectAllChildren(value);
    if (status) status.textContent = t('consentId.selected');
  }
}

/** The section, or nothing before a decision. */
export function consentIdSection(state: ConsentState | undefined, t: Translate, lang: string): TemplateResult | typeof nothing {
  if (!state?.decided || !state.consentId) return nothing;
  const id = state.consentId;
  return html`
    <section class="consent-id" aria-labelledby="consent-id-title">
      <h3 id="consent-id-title">${t('consentId.heading')}</h3>
      <div class="consent-id-row">
        <code class="consent-id-value" id="consent-id-value">${id}</code>
        <button type="button" part="copy-button" class="button consent-id-copy" data-action="copy-id" aria-describedby="consent-id-value" @click=${(event: Event) => void copyId(event, id, t)}>
          ${t('consentId.copy')}
        </button>
      </div>
      ${state.timestamp
        ? html`<p>${t('consentId.date')} <time datetime=${state.timestamp}>${decisionDate(state.timestamp, lang)}</time></p>`
        : nothing}
      <p class="consent-id-hint">${t('consentId.hint')}</p>
      <p class="consent-id-status" role="status"></p>
    </section>
  `;
}

export const consentIdStyles = css`
  .consent-id {
    display: grid;
    gap: 0.25em;
    font-size: 0.9375em;
  }

  .consent-id h3 {
    margin: 0;
    font-size: 1em;
    font-weight: 700;
  }

  .consent-id p {
    margin: 0;
  }

  .consent-id-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }

  .consent-id-value {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    overflow-wrap: anywhere;
    user-select: all;
  }

  /* Not a decision: outlined, so the three decisions stay the only filled buttons. */
  .consent-id-copy {
    padding-block: 0.25rem;
    background: transparent;
    color: var(--_accent);
  }

  .consent-id-status:empty {
    display: none;
  }
`;
