import { css } from 'lit';

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
    inset: auto 1em 1em auto;
    width: min(var(--_max-width), calc(100vw - 2em));
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

  /* On a short screen the summary scrolls; the title and the three buttons always stay in view. */
  .inner {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    max-width: var(--_max-width);
    max-height: 100vh;
    max-height: 100dvh;
    margin: 0 auto;
    padding: 1em;
  }

  :host([layout='box']) .inner {
    max-height: calc(100vh - 2em);
    max-height: calc(100dvh - 2em);
  }

  .title {
    flex: none;
    font-size: 1.125em;
    font-weight: 700;
    line-height: 1.3;
  }

  .text {
    display: grid;
    flex: 0 1 auto;
    gap: 0.5em;
    min-height: 4em;
    overflow-y: auto;
    overscroll-behavior: contain;
    font-size: 0.875em;
  }

  @container (min-width: 28em) {
    .text {
      font-size: 0.9375em;
    }
  }

  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
  }

  /* Three buttons of one size: a single column on phones, one row when there is room. */
  .actions {
    flex: none;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5em;
  }

  @container (min-width: 28em) {
    .actions {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
  }

  @container (min-width: 56em) {
    .actions {
      grid-template-columns: repeat(3, minmax(0, 13em));
      justify-content: end;
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
