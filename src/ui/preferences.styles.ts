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

  .body {
    display: grid;
    gap: 1em;
    padding: 1.25em;
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  .title {
    font-size: 1.25em;
    font-weight: 700;
    line-height: 1.3;
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

  .actions {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.5em;
    padding: 1em 1.25em;
    border-top: 1px solid var(--_border);
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
