/**
 * The gating engine (docs/contract.md §3). Scripts typed `text/plain` with `data-consent`, and iframes or
 * images with `data-src`, stay inert until every category they name is granted. Scripts then run once,
 * in document order; elements added later (while the page parses, or by the site's own code) are seen by
 * a MutationObserver. Shadow roots (and other trees) the site hands to `observe()` are gated the same
 * way, after the document's own elements. Uses the DOM, never lit.
 */
import { gatedService, parseConsentAttribute } from '../core/categories.js';
import { NECESSARY } from '../core/types.js';
import type { Say } from '../core/log.js';
import { contains, everyOf } from '../core/builtins.js';
import { HELD, activateEmbed, activateScript, scriptUrl } from './activate.js';

export const GATED_SELECTOR = 'script[type="text/plain"][data-consent], iframe[data-consent][data-src], img[data-consent][data-src], [data-consent][data-consent-autoblocked]:not(script)';

export interface GateOptions {
  /** Is this category (or this service of it) granted right now? */
  isGranted(category: string, service?: string | null): boolean;
  /** Configured optional categories; other names in `data-consent` warn once and stay blocked. */
  categories: readonly string[];
  warn: Say;
  /** Called with gated iframes that stay blocked (for placeholders). */
  onBlockedFrames?(frames: HTMLIFrameElement[]): void;
}

export interface Gate {
  /** Activate everything now allowed; revert embeds of denied categories. Resolves when the scripts ran. */
  update(): Promise<void>;
  /** Gated iframes still blocked. */
  blockedFrames(): HTMLIFrameElement[];
  /**
   * Gates the elements inside `root` too (a shadow root the document's selectors cannot see), now and
   * as they are added. Returns the function that stops watching it (what already ran stays).
   */
  observe(root: ShadowRoot | Element): () => void;
  disconnect(): void;
}

export function createGate(doc: Document, options: GateOptions): Gate {
  const done = new WeakSet<Element>();
  const warned = new Set<string>();
  const known = new Set(options.categories);
  /** Runs activations one after the other so that scripts keep document order across updates. */
  let queue: Promise<void> = Promise.resolve();
  /** Where gated elements are looked for: the document, then each observed root in turn. */
  const roots = new Map<ParentNode, MutationObserver>();

  /** Every element matching `selector` in the document and the observed roots, each once. */
  const find = <T extends Element>(selector: string): T[] => {
    const found = new Set<T>(Array.from(doc.querySelectorAll<T>(selector)));
    for (const root of roots.keys()) for (const el of Array.from(root.querySelectorAll<T>(selector))) found.add(el);
    return [...found];
  };

  const allowed = (el: Element): boolean => {
    const attribute = el.getAttribute('data-consent');
    const needed = parseConsentAttribute(attribute);
    for (const c of needed) {
      if (!known.has(c) && !warned.has(c)) {
        warned.add(c);
        options.warn('unknownCategory', c, [...known]);
      }
    }
    // An empty data-consent names no category: blocked, unless it explicitly says "necessary".
    if (needed.length === 0) return contains(parseConsentAttribute(attribute, true), NECESSARY);
    const service = gatedService(el);
    return everyOf(needed, (c) => known.has(c) && options.isGranted(c, service));
  };

  /** Still allowed when its turn comes? Consent may have been withdrawn while earlier scripts loaded. */
  const stillAllowed = (el: Element): boolean => {
    if (allowed(el)) return true;
    done.delete(el);
    return false;
  };

  /**
   * Activates, in document order, every gated element now allowed. Consecutive ordered external
   * scripts are inserted together (the browser keeps their order with `async = false`); an inline
   * script waits until they have run, and what follows it waits for it, exactly as parsing would.
   * Each element is checked again when its turn comes.
   */
  const run = (): Promise<void> => {
    let chain = Promise.resolve();
    let batch: HTMLScriptElement[] | null = null;
    for (const el of find(GATED_SELECTOR)) {
      if (done.has(el) || !allowed(el)) continue;
      const isScript = el.localName === 'script';
      const inline = isScript && scriptUrl(el) === null;
      // While the page parses, an inline script's text may not have fully arrived: it and everything
      // after it wait for the parser to move past it (or for DOMContentLoaded).
      if (inline && doc.readyState === 'loading' && el.getRootNode() === doc && !parsedPast(el)) break;
      done.add(el);
      if (!isScript) {
        activateEmbed(el, options.warn);
      } else if (!inline && el.hasAttribute('async')) {
        void activateScript(el as HTMLScriptElement, options.warn);
      } else if (!inline) {
        if (!batch) {
          const scripts: HTMLScriptElement[] = (batch = []);
          chain = chain
            .then(() => Promise.all(scripts.filter(stillAllowed).map((script) => activateScript(script, options.warn))))
            .then(() => undefined);
        }
        batch.push(el as HTMLScriptElement);
      } else {
        batch = null;
        chain = chain.then(() => (stillAllowed(el) ? activateScript(el as HTMLScriptElement, options.warn) : undefined));
      }
    }
    return chain;
  };

  const revert = (): void => {
    for (const el of find('iframe[data-consent-activated], img[data-consent-activated], [data-consent-autoblocked][data-consent-activated]:not(script)')) {
      if (allowed(el)) continue;
      el.removeAttribute('data-consent-activated');
      done.delete(el);
      if (el instanceof HTMLIFrameElement) el.src = 'about:blank';
      // Every attribute it fetches through goes back to its held copy (`data-<name>`).
      for (const name of HELD) {
        if (el instanceof HTMLIFrameElement && name === 'src') continue;
        if (name === 'srcset' || el.hasAttribute(`data-${name}`)) el.removeAttribute(name);
      }
    }
  };

  const blockedFrames = (): HTMLIFrameElement[] =>
    find<HTMLIFrameElement>('iframe[data-consent][data-src]:not([data-consent-activated])');

  const update = (): Promise<void> => {
    revert();
    // A failure in one run (reported by activateScript) never stops later ones.
    queue = queue.then(run).catch((error: unknown) => options.warn('gating', error));
    const frames = blockedFrames();
    if (frames.length && options.onBlockedFrames) options.onBlockedFrames(frames);
    return queue;
  };

  const watch = (target: Node): MutationObserver => {
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (node.nodeType === 1 && ((node as Element).matches(GATED_SELECTOR) || (node as Element).querySelector(GATED_SELECTOR))) {
            void update();
            return;
          }
        }
      }
    });
    observer.observe(target, { childList: true, subtree: true });
    return observer;
  };
  const observer = watch(doc.documentElement);

  const observe = (root: ShadowRoot | Element): (() => void) => {
    if (!roots.has(root)) {
      roots.set(root, watch(root));
      void update();
    }
    return () => {
      roots.get(root)?.disconnect();
      roots.delete(root);
    };
  };
  // Inline scripts held back while the page parsed get their turn once it has.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => void update(), { once: true });

  const disconnect = (): void => {
    observer.disconnect();
    for (const watcher of roots.values()) watcher.disconnect();
    roots.clear();
  };
  return { update, blockedFrames, observe, disconnect };
}

/** Has the parser moved past `el` (so its text is complete)? Some node follows it in the document. */
function parsedPast(el: Node): boolean {
  for (let node: Node | null = el; node; node = node.parentNode) if (node.nextSibling) return true;
  return false;
}
