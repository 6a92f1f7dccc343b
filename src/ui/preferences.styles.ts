import { css } from 'lit';

export const preferencesStyles = css`
  /* The host takes no room in the page: the dialog lives in the top layer. */
  :host {
    display: contents;
  }

  dialog {
    container-type: inline-size;
    width: min(40em, calc(100vw - 2em));
    max-width: none;
    max-height: calc(100vh - 2em);
    max-height: calc(100dvh - 2em);
    margin: auto;
    padding: 0;
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: var(--_shadow);
    font: inherit;
  }

  dialog[open] {
    display: flex;
    flex-direction: column;
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }

  /*
   * Three rows: the header (title, close) and the footer (the decisions) stay in view, the body between
   * them scrolls. Phones get a little less padding so more of the categories shows; the inline padding is
   * the same in all three rows, so the title, the category blocks and the buttons line up.
   */
  dialog {
    --_pad: 1em;
  }

  @container (min-width: 38em) {
    .header,
    .body,
    .actions {
      --_pad: 1.25em;
    }
  }

  .header {
    display: flex;
    flex: none;
    align-items: flex-start;
    gap: 0.75em;
    padding: 1.25em var(--_pad) 1em;
    border-bottom: 1px solid var(--_border);
  }

  .body {
    display: grid;
    gap: 1em;
    padding: 1em var(--_pad) 1.25em;
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  .title {
    flex: 1 1 auto;
    min-width: 0;
    font-size: 1.25em;
    font-weight: 700;
    line-height: 1.3;
  }

  /*
   * Close without deciding: an icon button at the end of the title's row. 2.75rem square (44 px, the
   * target size of every button here), centred on the title's first line by negative block margins so
   * it does not make the header taller; its inline margin pulls the × towards the edge the text lines
   * up with. Its name is the text "preferences.close" (aria-label); the SVG is decoration.
   */
  .close {
    display: inline-grid;
    flex: none;
    place-items: center;
    width: 2.75rem;
    height: 2.75rem;
    margin-block: calc((1.625em - 2.75rem) / 2);
    margin-inline-end: -0.625rem;
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_fg);
    font: inherit;
    cursor: pointer;
  }

  .close svg {
    display: block;
    width: 1.5rem;
    height: 1.5rem;
  }

  /* A neutral grey reads as a hover on both the light and the dark background. */
  .close:hover {
    background: rgb(128 128 128 / 0.18);
  }

  .close:active {
    background: rgb(128 128 128 / 0.3);
  }

  /* The title takes focus when the dialog opens (screen readers start at the top); it is not a control. */
  .title:focus {
    outline: none;
  }

  .intro,
  .operator {
    font-size: 0.9375em;
  }

  .categories,
  .recipients ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .categories {
    display: grid;
    gap: 0.75em;
  }

  .category {
    display: grid;
    gap: 0.375em;
    padding: 0.75em 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.9375em;
  }

  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }

  .name {
    flex: 1 1 auto;
    font-size: 1.0667em;
    font-weight: 700;
    cursor: pointer;
  }

  .always {
    font-weight: 600;
  }

  .note {
    padding-left: 0.75em;
    border-left: 3px solid var(--_accent);
  }

  .recipients ul {
    display: grid;
    gap: 0.125em;
    padding-left: 1em;
  }

  .recipients-title,
  .operator h3 {
    font-size: 1em;
    font-weight: 700;
  }

  .operator {
    display: grid;
    gap: 0.25em;
  }

  .operator dl {
    display: grid;
    gap: 0.125em;
  }

  .operator dl div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
  }

  .operator dt {
    font-weight: 600;
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

  /*
   * The footer: the three decisions, equal in colour, height and weight (no highlighted accept).
   * - Wide (the dialog at least 38em, where the longest label, «Сохранить выбор», fits on one line in a
   *   third of the row): one row of three equal columns.
   * - Narrower, i.e. phones: save across the full width, accept all and reject all side by side below it at
   *   equal width. A row of three would wrap the Russian labels onto two or three lines below ~600 px, and
   *   one column of three costs about 170 px of a phone's height; this costs about 115. Accept and reject,
   *   the pair a visitor weighs against each other, stay identical and next to each other; save records
   *   the switches as set and is the first button in the tab order, so it comes first on screen too.
   *   "grid-auto-rows: 1fr" keeps the three buttons one height even when a label wraps (320 px, large text).
   */
  .actions {
    display: grid;
    flex: none;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    grid-auto-rows: 1fr;
    gap: 0.5em;
    padding: 0.75em var(--_pad);
    border-top: 1px solid var(--_border);
  }

  /* The labels are centred in wide buttons: little inline padding, slightly smaller text on phones. */
  .actions .button {
    padding-inline: 0.25em;
    font-size: 0.9375em;
  }

  .actions [data-action='save'] {
    grid-column: 1 / -1;
  }

  @container (min-width: 38em) {
    .actions {
      grid-template-columns: repeat(3, minmax(0, 1fr));
      padding-block: 1em;
    }
    .actions .button {
      padding-inline: 0.5em;
      font-size: 1em;
    }
    .actions [data-action='save'] {
      grid-column: auto;
    }
  }

  /* On a short screen the whole dialog scrolls, so the switches are not squeezed by the buttons. */
  @media (max-height: 32em) {
    dialog[open] {
      display: block;
      overflow-y: auto;
    }
    .body {
      overflow: visible;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: enter 0.2s ease-out;
    }
    .switch {
      transition: background-position 0.15s ease-out, background-color 0.15s ease-out;
    }
  }

  @keyframes enter {
    from {
      opacity: 0;
      transform: translateY(0.75em);
    }
  }
`;
