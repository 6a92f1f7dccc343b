/** DOM events on `document` (docs/contract.md §4). Listener errors never reach the library's own flow. */
import type { ConsentEventType } from '../core/types.js';

export function emit<K extends ConsentEventType>(doc: Document, type: K, detail: DocumentEventMap[K]['detail']): void {
  doc.dispatchEvent(new CustomEvent(type, { detail }));
}
