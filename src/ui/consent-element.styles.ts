/**
 * Styles shared by every element: the one place where the public `--consent-*` custom properties
 * (docs/contract.md §7) are read into the private `--_*` ones the rest of the CSS uses, the light and dark
 * defaults (WCAG 2.2 AA contrast with the default colours), buttons, links and focus rings.
 */
import { css } from 'lit';

/** Dark defaults; a property the page sets wins in both themes. */
const dark = css`
  --_bg: var(--consent-bg, #1b1d21);
  --_fg: var(--consent-fg, #f2f3f5);
  --_accent: var(--consent-accent, #9cc3ff);
  --_accent-fg: var(--consent-accent-fg, #0d1726);
  --_border: #8d939c;
  --_shadow: var(--consent-shadow, 0 0.5rem 2rem rgb(0 0 0 / 0.6));
  color-scheme: dark;
`;

export const baseStyles = css`
  :host {
    /* Nothing inherited from the page but the custom properties. */
    all: initial;
    --_bg: var(--consent-bg, #ffffff);
    --_fg: var(--consent-fg, #1d2025);
    --_accent: var(--consent-accent, #1f5bd6);
    --_accent-fg: var(--consent-accent-fg, #ffffff);
    --_border: #6b717b;
    --_radius: var(--consent-radius, 0.5rem);
    --_font-family: var(
      --consent-font-family,
      system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif
    );
    --_font-size: var(--consent-font-size, 1rem);
    --_shadow: var(--consent-shadow, 0 0.5rem 2rem rgb(0 0 0 / 0.22));
    --_z-index: var(--consent-z-index, 2147483000);
    color-scheme: light;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_fg);
    -webkit-text-size-adjust: 100%;
    text-size-adjust: 100%;
  }

  :host([theme='dark']) {
    ${dark}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  p,
  ul,
  dl,
  dd,
  h2,
  h3 {
    margin: 0;
  }

  a {
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  a:hover {
    text-decoration-thickness: 0.15em;
  }

  /* Every button looks the same: no choice is more prominent than another. */
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    margin: 0;
    padding: 0.5rem 1rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-fg);
    font: inherit;
    font-weight: 600;
    line-height: 1.25;
    text-align: center;
    cursor: pointer;
  }

  .button:hover {
    background-image: linear-gradient(rgb(0 0 0 / 0.12), rgb(0 0 0 / 0.12));
  }

  .button:active {
    background-image: linear-gradient(rgb(0 0 0 / 0.22), rgb(0 0 0 / 0.22));
  }

  :focus-visible {
    outline: 3px solid var(--_fg);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
  }
`;

/** Layers fixed over the page (banner, reopen button): shown only while open, never printed. */
export const fixedLayerStyles = css`
  :host(:not([open])) {
    display: none;
  }

  @media print {
    :host {
      display: none;
    }
  }
`;
