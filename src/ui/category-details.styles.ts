import { css } from 'lit';

/**
 * Styles of one category in the preferences: its switch, its recipients and its cookie declaration
 * (`category-details.ts`).
 */
export const categoryDetailsStyles = css`
  /* A switch: the track is the checkbox itself, the knob a gradient that slides. */
  .switch {
    --_knob: var(--_border);
    flex: none;
    appearance: none;
    width: 3.25em;
    height: 1.875em;
    margin: 0;
    border: 2px solid var(--_border);
    border-radius: 1em;
    background: var(--_bg) radial-gradient(circle, var(--_knob) 0.5em, transparent calc(0.5em + 1px)) no-repeat
      left center / calc(1.875em - 4px) calc(1.875em - 4px);
    cursor: pointer;
  }

  .switch:checked {
    --_knob: var(--_accent-fg);
    border-color: var(--_accent);
    background-color: var(--_accent);
    background-position: right center;
  }

  .switch:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }

  @media (forced-colors: active) {
    .switch {
      border-color: ButtonText;
    }
    .switch:checked {
      background-color: Highlight;
    }
  }

  /* A category's services, each with its own switch, indented under the category's. */
  .service-switches {
    display: grid;
    gap: 0.375em;
    margin: 0;
    padding: 0 0 0 1em;
    list-style: none;
  }

  .service-switch {
    display: flex;
    align-items: center;
    gap: 0.5em 1em;
  }

  .service-switch label {
    flex: 1 1 auto;
    cursor: pointer;
  }

  .partial {
    font-style: italic;
  }

  .recipients ul {
    display: grid;
    gap: 0.125em;
    padding-left: 1em;
  }

  /*
   * The cookie declaration: a native disclosure, collapsed. The summary is a 44 px target with the
   * browser's own marker; each service is a captioned table (cookie, purpose, lifetime) that wraps long
   * names instead of widening the dialog, then the provider, the description and the policy link.
   */
  .declaration summary {
    display: list-item;
    min-height: 2.75rem;
    padding-block: 0.625em;
    box-sizing: border-box;
    color: var(--_accent);
    font-weight: 600;
    cursor: pointer;
  }

  .declaration .services {
    display: grid;
    gap: 1em;
    margin: 0.25em 0 0.5em;
    padding: 0;
    list-style: none;
  }

  .declaration table {
    width: 100%;
    table-layout: fixed;
    border-collapse: collapse;
    font-size: 0.9375em;
  }

  .declaration caption {
    padding-bottom: 0.25em;
    font-weight: 700;
    text-align: start;
  }

  .declaration th,
  .declaration td {
    padding: 0.25em 0.5em 0.25em 0;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }

  /* Column headings wrap between words only («Срок / хранения»), never inside one. */
  .declaration thead th {
    font-weight: 600;
    overflow-wrap: normal;
  }

  .declaration tbody th {
    font-weight: 400;
  }

  .declaration th:first-child {
    width: 30%;
  }

  .declaration th:last-child {
    width: 25%;
  }

  /* Phones: a little more room for the lifetime, so its heading and "365 дней" fit their column. */
  @container (max-width: 30em) {
    .declaration th:last-child {
      width: 30%;
    }
  }

  .service-about {
    margin-top: 0.375em;
  }
`;
