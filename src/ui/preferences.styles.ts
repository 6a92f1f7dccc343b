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
