/**
 * The core says a message code and its values (src/core/log.ts); these tests read the words, as the
 * console shows them once `consent-messages.min.js` (src/signals/messages.ts) has formatted them.
 */
import type { Say } from '../../src/core/log.js';
import { format } from '../../src/signals/messages.js';

/** A sayer that appends each message, worded and prefixed as the console prints it, to `sink`. */
export const collect = (sink: string[]): Say => (code, ...params) => void sink.push(format(code, params).map(String).join(' '));
