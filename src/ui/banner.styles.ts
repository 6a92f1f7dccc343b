import { css } from 'lit';

/*
 * The compact first layer. Budgets (test/ui/footprint.test.ts): at most 35 % of a 390×844 phone in
 * Russian and English in both layouts, a bar at most 180 px tall at 1280×800, no horizontal scroll at
 * 320 px, and at 200 % text size the buttons stay in view while the text scrolls inside the layer.
 * Breakpoints are container queries in em, so a larger text size moves them as well.
 */
export const bannerStyles = css`
  :host {
    --_max-width: var(--consent-max-width, 72em);
    position: fixed;
    z-index: var(--_z-index);
    inset: auto 0 0 0;
    display: block;
  }

  :host([layout='box']) {
    --_max-width: var(--consent-max-width, 26em);
    --_margin: min(1em, 2vw);
    inset: auto var(--_margin) var(--_margin) auto;
    width: min(var(--_max-width), calc(100vw - 2 * var(--_margin)));
  }

  .banner {
    container-type: inline-size;
    border-top: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: var(--_shadow);
  }

  :host([layout='box']) .banner {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  /* On a short screen (or a large text size) the text scrolls; the buttons always stay in view. */
  .inner {
    display: flex;
    flex-direction: column;
    gap: 0.625em;
    max-width: var(--_max-width);
    /* The whole layer, its 1px border included, fits the viewport. */
    max-height: calc(100vh - 1px);
    max-height: calc(100dvh - 1px);
    margin: 0 auto;
    padding: 0.75em;
  }

  :host([layout='box']) .inner {
    max-height: calc(100vh - 2 * var(--_margin) - 2px);
    max-height: calc(100dvh - 2 * var(--_margin) - 2px);
  }

  /* The region's heading for screen-reader navigation; the summary says the same to the eye. */
  .title {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .text {
    display: grid;
    flex: 0 1 auto;
    align-content: start;
    gap: 0.375em;
    min-height: 3em;
    overflow-y: auto;
    overscroll-behavior: contain;
    font-size: 0.875em;
    line-height: 1.45;
  }

  .details {
    display: grid;
    gap: 0.375em;
  }

  /* The links and "More" follow the summary in the same paragraph: no line of their own. */
  .summary a,
  .more {
    margin-inline-start: 0.5em;
  }

  /* "More" looks like the links next to it; it is a button because it acts on this page. */
  .more {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }

  .more::after {
    content: ' ▾';
    text-decoration: none;
  }

  .more[aria-expanded='true']::after {
    content: ' ▴';
  }

  /*
   * Three buttons in a row, of one size (labels may wrap). Where three do not fit: accept all and
   * reject all side by side, customise below as tall and as wide as both; one column on the narrowest.
   */
  .actions {
    flex: none;
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    /* Rows of one height: customise is never lower than a choice whose label wraps. */
    grid-auto-rows: 1fr;
    gap: 0.5em;
  }

  .button {
    min-width: 0;
    min-height: 2.75em;
    padding: 0.5em 0.25em;
    /* A label wraps between words; only a word wider than its button (at a huge text size) is cut. */
    overflow-wrap: anywhere;
  }

  /* Three in a row on a phone: a little smaller type, the same for all three, so no word is cut. */
  @container (max-width: 27.99em) {
    .button {
      font-size: 0.9375em;
    }
  }

  .secondary {
    background: transparent;
    color: var(--_accent);
  }

  .secondary:hover {
    background-image: linear-gradient(rgb(127 127 127 / 0.12), rgb(127 127 127 / 0.12));
  }

  @container (max-width: 21.99em) {
    .actions {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }

    .secondary {
      grid-column: 1 / -1;
    }
  }

  @container (max-width: 17.99em) {
    .actions {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  @container (min-width: 36em) {
    .text {
      font-size: 0.9375em;
    }
  }

  /* A wide bar: the text beside the buttons, so the bar stays low. */
  @container (min-width: 56em) {
    .inner {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
      column-gap: 2em;
    }

    .actions {
      grid-template-columns: repeat(3, minmax(0, 11em));
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .banner {
      animation: enter 0.2s ease-out;
    }
  }

  @keyframes enter {
    from {
      opacity: 0;
      transform: translateY(0.75em);
    }
  }
`;
