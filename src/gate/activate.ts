/**
 * Bringing a gated element to life (docs/contract.md §3): a gated script is replaced by a live copy
 * that keeps every attribute, its nonce and its place; an iframe or image gets its `data-src`. Under
 * Trusted Types the engine uses its own named policy, which only passes on code the page author
 * already wrote into the page. The gate (`gate.ts`) decides when; this module only does it.
 */
import { LOG_PREFIX, safeUrl } from '../core/util.js';

type Policy = { createScript(s: string): unknown; createScriptURL(s: string): unknown };
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScript(s: string): string; createScriptURL(s: string): string }): Policy;
}

const POLICY_NAME = 'integrus-consent';
let policy: Policy | null | undefined;

/**
 * Trusted Types policy for the engine. It only passes on code the page author already wrote into the
 * page (inline text or `src` of a gated script), which is what a site allows by naming the policy.
 */
function trustedPolicy(warn: (m: string) => void): Policy | null {
  if (policy !== undefined) return policy;
  policy = null;
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (tt) {
    try {
      policy = tt.createPolicy(POLICY_NAME, { createScript: (s) => s, createScriptURL: (s) => s });
    } catch {
      warn(`${LOG_PREFIX} Could not create the Trusted Types policy "${POLICY_NAME}"; add it to your CSP "trusted-types" directive if gated scripts are blocked.`);
    }
  }
  return policy;
}

/** Longest wait for a gated external script before the ones after it get their turn anyway. */
const LOAD_TIMEOUT_MS = 30_000;
export const JS_TYPES = /^(|module|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript)$/i;

/**
 * Replaces a gated script by a live copy: same attributes, same place, real `type` from `data-type`.
 * Resolves when it has run (or failed, or will never run); never rejects.
 */
export function activateScript(original: HTMLScriptElement, warn: (m: string) => void): Promise<void> {
  try {
    const doc = original.ownerDocument;
    const script = doc.createElement('script');
    for (const { name, value } of Array.from(original.attributes)) {
      if (name === 'type' || name === 'src' || name === 'nonce' || name === 'data-type') continue;
      script.setAttribute(name, value);
    }
    const type = original.getAttribute('data-type') ?? '';
    if (type) script.setAttribute('type', type);
    // The nonce attribute reads empty once parsed under a CSP; the property keeps it.
    const nonce = original.nonce || original.getAttribute('nonce');
    if (nonce) script.nonce = nonce;
    script.setAttribute('data-consent-activated', '');
    const tt = trustedPolicy(warn);
    const src = original.getAttribute('src');
    // Scripts that will never fire load or error: not JavaScript, or nomodule in a browser with modules.
    const runs = JS_TYPES.test(type.trim()) && !original.hasAttribute('nomodule');
    let result: Promise<void> = Promise.resolve();
    if (src !== null) {
      if (runs) {
        result = new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            warn(`${LOG_PREFIX} Gated script still loading after ${LOAD_TIMEOUT_MS / 1000} s: ${src}; the next ones run now.`);
            resolve();
          }, LOAD_TIMEOUT_MS);
          const done = (): void => {
            clearTimeout(timer);
            resolve();
          };
          script.addEventListener('load', done, { once: true });
          script.addEventListener('error', () => {
            warn(`${LOG_PREFIX} Gated script failed to load: ${src}`);
            done();
          }, { once: true });
        });
      }
      // Dynamically inserted scripts are async unless told otherwise; keep document order like the parser.
      script.async = original.hasAttribute('async');
      (script as { src: unknown }).src = tt ? tt.createScriptURL(src) : src;
    } else {
      (script as { text: unknown }).text = tt ? tt.createScript(original.text) : original.text;
    }
    original.replaceWith(script);
    // Removed from the page before its turn: nothing will load.
    return script.isConnected ? result : Promise.resolve();
  } catch (error) {
    warn(`${LOG_PREFIX} Could not activate a gated script (${String(error)}); it stays blocked.`);
    return Promise.resolve();
  }
}

export function activateEmbed(el: HTMLIFrameElement | HTMLImageElement, warn: (m: string) => void): void {
  const src = el.getAttribute('data-src') ?? '';
  if (!safeUrl(src)) {
    warn(`${LOG_PREFIX} Refused data-src ${JSON.stringify(src.slice(0, 100))}: only http(s) and relative URLs are loaded.`);
    return;
  }
  const srcset = el instanceof HTMLImageElement ? el.getAttribute('data-srcset') : null;
  if (srcset) (el as HTMLImageElement).srcset = srcset;
  el.setAttribute('data-consent-activated', '');
  el.src = src;
}
