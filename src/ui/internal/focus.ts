/**
 * Focus helpers the layers share (Shoelace keeps the like in `src/internal/`): where focus is, and a
 * Tab cycle that keeps it inside a modal dialog.
 */

/** Elements a visitor can reach with Tab inside a layer. */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), summary';

/** The focused element, looking inside open shadow roots (the banner's buttons, say). */
export function deepActiveElement(doc: Document = document): HTMLElement | null {
  let element = doc.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element instanceof HTMLElement && element !== doc.body ? element : null;
}

/**
 * Tab and Shift+Tab cycle through `container`'s visible controls and never leave it: call from the
 * container's `keydown` handler. `active` is the focused element in the container's tree.
 */
export function trapTab(event: KeyboardEvent, container: Element, active: Element | null): void {
  if (event.key !== 'Tab') return;
  const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const inside = items.includes(active as HTMLElement);
  if (event.shiftKey && (active === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}
