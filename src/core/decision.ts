/**
 * The stored decision (docs/contract.md §6): its JSON form, strict parsing and the state derived from it.
 * Pure functions: no DOM, no cookies. Anything that is not exactly a decision we wrote for this
 * revision and these categories parses as `null`, which means "no decision": nothing is granted.
 */
import type { ConsentState, DecisionMethod } from './types.js';
import { NECESSARY } from './types.js';
import { hasOwn, isPlainObject, own } from './util.js';
import { contains, everyOf, now as nowMs, parseJson, randomSource, stringify } from './builtins.js';

/** The cookie's JSON, field order as in docs/contract.md §6. */
export interface StoredDecision {
  v: 1;
  id: string;
  rev: string;
  ts: string;
  granted: string[];
  denied: string[];
  method: DecisionMethod;
  /**
   * The services chosen one by one (docs/contract.md §6), only with `method: "custom"` and only when
   * there are any: a service not listed follows its category. Cookies of earlier versions lack it.
   */
  services?: ServiceChoices;
}

/** Services granted or denied one by one, whatever their category says. */
export interface ServiceChoices {
  granted: string[];
  denied: string[];
}

/** A service id: a catalogue id (`youtube`) or one the site declares (`categories[].services`). */
export const SERVICE_ID = /^[a-z][a-z0-9_-]{0,63}$/;
/** At most this many services chosen one by one (the cookie stays well under 2048 characters). */
export const MAX_SERVICES = 48;

/** Longest cookie value we will read; real ones are about 250 bytes. */
export const MAX_COOKIE_LENGTH = 2048;
/** A v4 UUID, as the README documents and `newConsentId` makes: version nibble 4, variant 8–b. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const KEYS = ['v', 'id', 'rev', 'ts', 'granted', 'denied', 'method'];
/** A decision with service choices has one more key, last. */
const SERVICES_KEY = 'services';
const METHODS: readonly string[] = ['accept-all', 'reject-all', 'custom'];
/** Decisions claiming to be older than this are forged: the library did not exist. */
const EPOCH = Date.UTC(2024, 0, 1);
/** Clock skew tolerated between the device that decided and this one. */
const FUTURE_SKEW_MS = 24 * 3600 * 1000;

export function encodeDecision(decision: StoredDecision): string {
  const { v, id, rev, ts, granted, denied, method, services } = decision;
  // Without service choices the cookie is exactly what earlier versions wrote (and their readers read).
  if (!services || services.granted.length + services.denied.length === 0) return stringify({ v, id, rev, ts, granted, denied, method });
  return stringify({ v, id, rev, ts, granted, denied, method, services: { granted: services.granted, denied: services.denied } });
}

export interface ParseContext {
  revision: string;
  /** Optional categories configured now. */
  categories: readonly string[];
  /** Lifetime of a decision in days: an older timestamp is void even if the cookie outlived it. */
  maxAgeDays: number;
  now?: number;
}

/**
 * Parses a raw (already percent-decoded) cookie value. Returns the decision, or why it is void:
 * malformed, tampered, foreign to this revision, about other categories than the configured ones,
 * or absurd in time.
 */
export function checkDecision(raw: unknown, ctx: ParseContext): StoredDecision | string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_COOKIE_LENGTH) return 'empty or oversized';
  let data: unknown;
  try {
    data = parseJson(raw);
  } catch {
    return 'not JSON';
  }
  if (!isPlainObject(data)) return 'not an object';
  const keys = Object.keys(data);
  const withServices = contains(keys, SERVICES_KEY);
  if (keys.length !== KEYS.length + (withServices ? 1 : 0) || !everyOf(KEYS, (k) => contains(keys, k))) return 'unexpected fields';
  const { v, id, rev, ts, granted, denied, method } = data;
  if (v !== 1) return 'unknown version';
  if (typeof id !== 'string' || !UUID_V4.test(id)) return 'bad id';
  if (typeof rev !== 'string' || rev !== ctx.revision) return 'another revision';
  if (typeof method !== 'string' || !contains(METHODS, method)) return 'bad method';
  if (typeof ts !== 'string' || !ISO_UTC.test(ts)) return 'bad timestamp';
  const time = Date.parse(ts);
  const now = ctx.now ?? nowMs();
  if (!Number.isFinite(time) || time < EPOCH || time > now + FUTURE_SKEW_MS) return 'timestamp out of range';
  if (now - time > ctx.maxAgeDays * 86_400_000) return 'expired';
  if (!isStringList(granted) || !isStringList(denied)) return 'bad category lists';
  // Exactly `necessary` plus every configured category, each once, granted or denied.
  if (!contains(granted, NECESSARY) || contains(denied, NECESSARY)) return 'necessary not granted';
  const seen = new Set<string>();
  for (const name of [...granted, ...denied]) {
    if (seen.has(name)) return 'a category listed twice';
    seen.add(name);
  }
  if (seen.size !== ctx.categories.length + 1 || !everyOf(ctx.categories, (c) => seen.has(c))) return 'categories differ from the configured ones';
  if (method === 'accept-all' && denied.length > 1) return 'inconsistent with accept-all'; // only GPC can deny one: marketing
  if (method === 'reject-all' && granted.length !== 1) return 'inconsistent with reject-all';
  const decision: StoredDecision = { v: 1, id, rev, ts, granted: [...granted], denied: [...denied], method: method as DecisionMethod };
  if (!withServices) return decision;
  // Service choices (docs/contract.md §6): only a custom decision makes them, each service once.
  const services = data[SERVICES_KEY];
  if (method !== 'custom') return 'service choices without a custom decision';
  if (!isPlainObject(services)) return 'bad service choices';
  const serviceKeys = Object.keys(services);
  if (serviceKeys.length !== 2 || !contains(serviceKeys, 'granted') || !contains(serviceKeys, 'denied')) return 'bad service choices';
  const { granted: on, denied: off } = services;
  if (!isServiceList(on) || !isServiceList(off) || on.length + off.length === 0 || on.length + off.length > MAX_SERVICES) return 'bad service choices';
  const chosen = new Set<string>();
  for (const name of [...on, ...off]) {
    if (chosen.has(name)) return 'a service listed twice';
    chosen.add(name);
  }
  decision.services = { granted: [...on], denied: [...off] };
  return decision;
}

function isServiceList(value: unknown): value is string[] {
  return Array.isArray(value) && everyOf(value as unknown[], (x) => typeof x === 'string' && SERVICE_ID.test(x));
}

/** Like `checkDecision`, `null` for anything that is not a valid decision. */
export function parseDecision(raw: unknown, ctx: ParseContext): StoredDecision | null {
  const result = checkDecision(raw, ctx);
  return typeof result === 'string' ? null : result;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= 64 && everyOf(value as unknown[], (x) => typeof x === 'string' && x.length <= 32);
}

/** The state before any decision: only `necessary` granted. */
export function undecidedState(revision: string, categories: readonly string[]): ConsentState {
  const values: Record<string, boolean> = { [NECESSARY]: true };
  for (const c of categories) values[c] = false;
  return {
    decided: false,
    categories: values,
    granted: [NECESSARY],
    denied: [...categories],
    services: {},
    revision,
    consentId: null,
    timestamp: null,
    method: null,
  };
}

/** The state a stored decision stands for. */
export function stateFromDecision(decision: StoredDecision, categories: readonly string[]): ConsentState {
  const values: Record<string, boolean> = { [NECESSARY]: true };
  for (const c of categories) values[c] = contains(decision.granted, c);
  return {
    decided: true,
    categories: values,
    granted: [NECESSARY, ...categories.filter((c) => values[c])],
    denied: categories.filter((c) => !values[c]),
    services: serviceValues(decision.services),
    revision: decision.rev,
    consentId: decision.id,
    timestamp: decision.ts,
    method: decision.method,
  };
}

/** `{ youtube: true, 'yandex-direct': false }` from the stored lists (a decision without them: `{}`). */
function serviceValues(services: ServiceChoices | undefined): Record<string, boolean> {
  const values: Record<string, boolean> = {};
  for (const s of services?.granted ?? []) values[s] = true;
  for (const s of services?.denied ?? []) values[s] = false;
  return values;
}

/**
 * Is `service` of `category` granted in `state`? Its own choice when the visitor made one, else its
 * category's (docs/contract.md §4). Without a service: the category's.
 */
export function serviceGranted(state: ConsentState, category: string, service?: string | null): boolean {
  if (service) {
    const own_ = own(state.services, service);
    if (typeof own_ === 'boolean') return own_;
  }
  return own(state.categories, category) === true;
}

/** A copy a listener may keep or change without touching the library's state. */
export function cloneState(state: ConsentState): ConsentState {
  return { ...state, categories: { ...state.categories }, granted: [...state.granted], denied: [...state.denied], services: { ...state.services } };
}

export interface ChoiceContext {
  revision: string;
  /** The optional categories configured now. */
  categories: readonly string[];
  /** The category Global Privacy Control refuses, when GPC is on and respected; else `null`. */
  gpcCategory: string | null;
  id: string;
  ts: string;
}

/**
 * The decision a choice stands for: a category is granted only when the choice has it as its own
 * property set to `true` (an inherited key, say from a polluted `Object.prototype`, grants nothing).
 * `source` is `gpc` when Global Privacy Control, not the visitor, left its category denied.
 */
export function decisionFromChoice(
  choice: Readonly<Record<string, unknown>>,
  method: DecisionMethod,
  ctx: ChoiceContext,
  services: Readonly<Record<string, unknown>> = {},
): { decision: StoredDecision; source: 'user' | 'gpc' } {
  const granted = (c: string): boolean => hasOwn(choice, c) && choice[c] === true;
  const values = new Map(ctx.categories.map((c) => [c, granted(c)]));
  const gpc = ctx.gpcCategory;
  const source = gpc !== null && method !== 'reject-all' && values.get(gpc) === false ? 'gpc' : 'user';
  const decision: StoredDecision = {
    v: 1,
    id: ctx.id,
    rev: ctx.revision,
    ts: ctx.ts,
    granted: [NECESSARY, ...ctx.categories.filter((c) => values.get(c))],
    denied: ctx.categories.filter((c) => !values.get(c)),
    method,
  };
  // Service choices belong to a custom decision only: accept all and reject all set every service.
  const ids = method === 'custom' ? Object.keys(services).filter((s) => SERVICE_ID.test(s) && typeof services[s] === 'boolean').slice(0, MAX_SERVICES) : [];
  if (ids.length) decision.services = { granted: ids.filter((s) => services[s] === true), denied: ids.filter((s) => services[s] === false) };
  return { decision, source };
}

/** Services whose own choice differs between two states. */
export function changedServices(before: ConsentState, after: ConsentState): string[] {
  const ids = new Set([...Object.keys(before.services ?? {}), ...Object.keys(after.services ?? {})]);
  return [...ids].filter((s) => own(before.services ?? {}, s) !== own(after.services ?? {}, s));
}

/** Categories whose value differs between two states (an undecided category counts as denied). */
export function changedCategories(before: ConsentState, after: ConsentState): string[] {
  return Object.keys(after.categories).filter((c) => own(before.categories, c) !== own(after.categories, c));
}

/**
 * A v4 UUID: `crypto.randomUUID` where the context is secure, `getRandomValues` elsewhere (plain http).
 * By default from the `crypto` the page had when the library started (`builtins.ts`); throws if there
 * was none (the caller then applies the decision to the page without storing it).
 */
export function newConsentId(cryptoObj: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } | undefined = randomSource): string {
  if (!cryptoObj) throw new Error('no crypto.getRandomValues in this browser');
  if (typeof cryptoObj.randomUUID === 'function') return cryptoObj.randomUUID();
  const b = cryptoObj.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
