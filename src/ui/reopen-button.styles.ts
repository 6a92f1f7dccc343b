import { css } from 'lit';

export const reopenButtonStyles = css`
  :host {
    position: fixed;
    z-index: var(--_z-index);
    inset: auto auto 1em 1em;
    display: block;
  }

  .button {
    width: 3em;
    height: 3em;
    padding: 0;
    border-radius: 50%;
    box-shadow: var(--_shadow);
  }

  svg {
    width: 1.75em;
    height: 1.75em;
    fill: currentColor;
    fill-rule: evenodd;
  }
`;
