/**
 * The core's console messages, without their words (docs/contract.md §1): a message is a code and the
 * values it names; `consent-messages.min.js` (`src/signals/messages.ts`) holds the words and is fetched
 * the first time there is something to say, so a page whose configuration is valid never fetches it.
 * Until it has arrived, messages wait in order; a message that comes later waits behind them, so the
 * console reads exactly as if the words had been here. What is valid, and the fallback, is decided at
 * once by the caller: only the printing is a few milliseconds late.
 */
import { LOG_PREFIX } from './util.js';

export type Level = 'error' | 'warn' | 'info';

/** Says message `code` (a key of `src/signals/messages.ts`) naming `params`. */
export type Say = (code: string, ...params: unknown[]) => void;

/** The messages module: the console arguments (words first) of message `code`; the `debug` option's run. */
export interface MessagesModule {
  format(code: string, params: readonly unknown[]): unknown[];
  debug(win: Window, api: { audit?: () => Promise<unknown> }): void;
}

/** A message waiting for the words: `code` `null` is a message another module already worded. */
type Entry = [level: Level, code: string | null, params: readonly unknown[]];

let load: (() => Promise<MessagesModule>) | undefined;
let format: MessagesModule['format'] | undefined;
let waiting: Entry[] | undefined;

/** Where the words come from (the drop-in: its folder; the ES module: its lazy chunk). The first wins. */
export function useMessages(loader: () => Promise<MessagesModule>): void {
  load ??= loader;
}

/** The messages module itself (the drop-in's `debug` hook lives there). */
export const loadMessages = (): Promise<MessagesModule> => (load ?? (() => Promise.reject(new Error('no messages loader'))))();

function print([level, code, params]: Entry): void {
  try {
    console[level](...(code === null ? params : (format as MessagesModule['format'])(code, params)));
  } catch {
    // A value whose toString throws: that one message is lost, the page is not.
  }
}

function say(entry: Entry): void {
  if (waiting) waiting.push(entry);
  else if (format || entry[1] === null) print(entry);
  else {
    const queue: Entry[] = (waiting = [entry]);
    const flush = (words: MessagesModule['format']): void => {
      format = words;
      waiting = undefined;
      queue.forEach(print);
    };
    // Without the words (blocked, offline): the code and the values, and why.
    loadMessages().then(
      (module) => flush(module.format),
      (error: unknown) => flush((code, values) => [LOG_PREFIX, code, ...values, error]),
    );
  }
}

/** The sayer of one console method. */
export const sayer = (level: Level): Say => (code, ...params) => say([level, code, params]);

/** Prints a message another module worded (the record module's), in turn with the core's own. */
export const printer = (level: Level) => (message: string): void => say([level, null, [message]]);
