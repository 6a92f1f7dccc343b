import { css } from 'lit';

/** Styles of the preferences' footer: the three decisions, equal in every way that counts. */
export const preferencesFooterStyles = css`
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
`;
