import { css } from 'lit';

export const placeholderStyles = css`
  /* Sized like the iframe it stands in for (width and height are set on the host by mount()). */
  :host {
    display: inline-block;
    box-sizing: border-box;
    max-width: 100%;
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }

  .placeholder {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.75em;
    min-height: 100%;
    padding: 1em;
    font-size: 0.9375em;
    text-align: center;
  }

  .text {
    max-width: 36em;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5em;
  }
`;
