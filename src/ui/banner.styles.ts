import { css } from 'lit';

/*
 * The compact first layer. Budgets (test/ui/footprint.test.ts): at most 35 % of a 390×844 phone in
 * Russian and English in the bar and box layouts (the modal covers the page on purpose: its card at most
 * 60 %), a bar at most 180 px tall at 1280×800, each button label on one line at 390 px, no horizontal scroll at
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

  :host([layout='bar'][position='top']) {
    inset: 0 0 auto 0;
  }

  :host([layout='box'][position='bottom-left']) {
    inset: auto auto var(--_margin) var(--_margin);
  }

  :host([layout='box'][position='top-right']) {
    inset: var(--_margin) var(--_margin) auto auto;
  }

  :host([layout='box'][position='top-left']) {
    inset: var(--_margin) auto auto var(--_margin);
  }

  /* The modal lives in the top layer: the host takes no room. */
  :host([layout='modal']) {
    --_max-width: var(--consent-max-width, 34em);
    --_margin: 1em;
    position: static;
    display: contents;
  }

  .banner {
    container-type: inline-size;
    border-top: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: var(--_shadow);
  }

  :host([position='top']) .banner {
    border-top: 0;
    border-bottom: 1px solid var(--_border);
  }

  :host([layout='box']) .banner,
  :host([layout='modal']) .banner {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  dialog.banner {
    width: min(var(--_max-width), calc(100vw - 2 * var(--_margin)));
    max-width: none;
    max-height: none;
    margin: auto;
    padding: 0;
    overflow: hidden;
    font: inherit;
  }

  dialog.banner::backdrop {
    background: var(--consent-backdrop, rgb(0 0 0 / 0.55));
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

  :host([layout='box']) .inner,
  :host([layout='modal']) .inner {
    max-height: calc(100vh - 2 * var(--_margin) - 2px);
    max-height: calc(100dvh - 2 * var(--_margin) - 2px);
  }

  /* The modal is a card of its own: a little more room around its heading and buttons. */
  :host([layout='modal']) .inner {
    gap: 0.75em;
    padding: 1em;
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

  /* The modal is a page of its own: its heading shows, and takes focus when it opens. */
  :host([layout='modal']) .title {
    position: static;
    width: auto;
    height: auto;
    margin: 0;
    overflow: visible;
    clip-path: none;
    font-size: 1.125em;
    font-weight: 700;
    line-height: 1.3;
    white-space: normal;
  }

  /* The title takes focus when the modal opens (screen readers start at the top); it is not a control. */
  .title:focus {
    outline: none;
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
   * Three buttons in a row, of one size, down to a 360 px phone: the built-in labels («Принять»,
   * «Отклонить», «Настроить»; "Accept all", "Reject all", "Customise") fit one line there, and a row
   * fewer keeps the first layer at a quarter of a 390×844 screen. Narrower (a 320 px phone): accept
   * and reject side by side, customise below as wide as both; one column on the narrowest. With
   * buttons: 'stacked', one column always.
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


  .secondary {
    background: transparent;
    color: var(--_accent);
  }

  .secondary:hover {
    background-image: linear-gradient(rgb(127 127 127 / 0.12), rgb(127 127 127 / 0.12));
  }

  @container (max-width: 20.99em) {
    .actions {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }

    .secondary {
      grid-column: 1 / -1;
    }
  }

  /* The modal's wider padding leaves its buttons less room; it covers the page anyway. */
  @container (max-width: 27.99em) {
    :host([layout='modal']) .actions {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }

    :host([layout='modal']) .secondary {
      grid-column: 1 / -1;
    }
  }

  @container (max-width: 17.99em) {
    .actions,
    :host([layout='modal']) .actions {
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

  :host([buttons='stacked']) .actions {
    grid-template-columns: minmax(0, 1fr);
  }

  :host([buttons='stacked']) .secondary {
    grid-column: auto;
  }

  /* Stacked beside the text of a wide bar: a column of one width. */
  @container (min-width: 56em) {
    :host([buttons='stacked']) .actions {
      grid-template-columns: minmax(0, 14em);
      grid-auto-rows: auto;
      gap: 0.375em;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .banner {
      animation: enter 0.2s ease-out;
    }

    :host([position^='top']) .banner {
      animation-name: enter-top;
    }

    :host([layout='modal']) .banner {
      animation-name: enter-modal;
    }
  }

  @keyframes enter {
    from {
      opacity: 0;
      transform: translateY(0.75em);
    }
  }

  @keyframes enter-top {
    from {
      opacity: 0;
      transform: translateY(-0.75em);
    }
  }

  @keyframes enter-modal {
    from {
      opacity: 0;
      transform: scale(0.97);
    }
  }
`;
