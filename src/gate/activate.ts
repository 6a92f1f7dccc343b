/**
 * Bringing a gated element to life (docs/contract.md §3): a gated script is replaced by a live copy
 * that keeps every attribute, its nonce and its place; an iframe or image gets its `data-src`. Under
 * Trusted Types the engine uses its own named policy, which only passes on code the page author
 * already wrote into the page. The gate (`gate.ts`) decides when; this module only does it.
 */
import { safeUrl } from '../core/util.js';
import type { Say } from '../core/log.js';

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
function trustedPolicy(warn: Say): Policy | null {
  if (policy !== undefined) return policy;
  policy = null;
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (tt) {
    try {
      policy = tt.createPolicy(POLICY_NAME, { createScript: (s) => s, createScriptURL: (s) => s });
    } catch {
      warn('trustedTypes', POLICY_NAME);
    }
  }
  return policy;
}

/** Longest wait for a gated external script before the ones after it get their turn anyway. */
const LOAD_TIMEOUT_MS = 30_000;
/**
 * Every `type` a browser runs as a script (HTML's "JavaScript MIME type essence match", plus `module`
 * and the empty type): `text/javascript1.5`, `text/jscript`, `application/x-ecmascript` … run too.
 */
const JS_TYPES = /^(|module|(text|application)\/(x-)?(java|ecma)script|text\/javascript1\.[0-5]|text\/(jscript|livescript))$/i;

/**
 * Would a script with this `type` and `language` attribute run? With no `type`, a non-empty
 * `language` names one (`language="vbscript"` does not run). The whole `type` must match: with
 * parameters (`text/javascript; charset=utf-8`) Chromium neither fetches nor runs it, nor fires `load`.
 */
export function isScriptType(type: string | null, language: string | null = null): boolean {
  if (type === null) return language === null || language.trim() === '' || JS_TYPES.test(`text/${language.trim()}`);
  return JS_TYPES.test(type.trim());
}

/** The address a script fetches: `src`, or an SVG script's `href` / `xlink:href`. */
export const scriptUrl = (el: Element): string | null => el.getAttribute('src') ?? el.getAttribute('href') ?? el.getAttribute('xlink:href');

/** Attributes through which an auto-blocked element fetches, held back as `data-<name>` (docs/autoblock.md). */
export const HELD = ['src', 'srcset', 'poster', 'data', 'href', 'srcdoc', 'imagesrcset'] as const;

/**
 * Replaces a gated script by a live copy: same attributes, same place, real `type` from `data-type`.
 * Resolves when it has run (or failed, or will never run); never rejects.
 */
export function activateScript(original: HTMLScriptElement | SVGScriptElement, warn: Say): Promise<void> {
  try {
    const doc = original.ownerDocument;
    const script = doc.createElement('script');
    for (const { name, value } of Array.from(original.attributes)) {
      if (name === 'type' || name === 'src' || name === 'href' || name === 'xlink:href' || name === 'nonce' || name === 'data-type') continue;
      script.setAttribute(name, value);
    }
    const type = original.getAttribute('data-type') ?? '';
    if (type) script.setAttribute('type', type);
    // The nonce attribute reads empty once parsed under a CSP; the property keeps it.
    const nonce = (original as HTMLScriptElement).nonce || original.getAttribute('nonce');
    if (nonce) script.nonce = nonce;
    script.setAttribute('data-consent-activated', '');
    const tt = trustedPolicy(warn);
    const src = scriptUrl(original);
    // Scripts that will never fire load or error: not JavaScript, or nomodule in a browser with modules.
    const runs = isScriptType(type) && !original.hasAttribute('nomodule');
    let result: Promise<void> = Promise.resolve();
    if (src !== null) {
      if (runs) {
        result = new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            warn('slowScript', LOAD_TIMEOUT_MS / 1000, src);
            resolve();
          }, LOAD_TIMEOUT_MS);
          const done = (): void => {
            clearTimeout(timer);
            resolve();
          };
          script.addEventListener('load', done, { once: true });
          script.addEventListener('error', () => {
            warn('scriptFailed', src);
            done();
          }, { once: true });
        });
      }
      // Dynamically inserted scripts are async unless told otherwise; keep document order like the parser.
      script.async = original.hasAttribute('async');
      (script as { src: unknown }).src = tt ? tt.createScriptURL(src) : src;
    } else {
      const text = original.textContent ?? '';
      (script as { text: unknown }).text = tt ? tt.createScript(text) : text;
    }
    original.replaceWith(script);
    // Removed from the page before its turn: nothing will load.
    return script.isConnected ? result : Promise.resolve();
  } catch (error) {
    warn('notActivated', error);
    return Promise.resolve();
  }
}

export function activateEmbed(el: Element, warn: Say): void {
  // Auto-blocked elements of any kind hold every fetching attribute; the manual form holds src/srcset.
  const names = el.hasAttribute('data-consent-autoblocked') ? HELD : (['src', 'srcset'] as const);
  const values: Array<[string, string]> = [];
  for (const name of names) {
    const value = el.getAttribute(`data-${name}`);
    if (value === null) continue;
    if ((name === 'src' || name === 'data' || name === 'href' || name === 'poster') && !safeUrl(value)) {
      warn('refused', name, value);
      return;
    }
    values.push([name, value]);
  }
  if (!values.length) {
    warn('refused', 'src', '');
    return;
  }
  el.setAttribute('data-consent-activated', '');
  // srcset before src, as the parser sets them: the image is chosen once.
  for (const [name, value] of values) if (name !== 'src') el.setAttribute(name, value);
  for (const [name, value] of values) if (name === 'src') el.setAttribute(name, value);
}
