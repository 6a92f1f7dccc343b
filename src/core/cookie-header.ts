/**
 * The one reading of a cookie string, shared by the browser (`document.cookie`, in `cookie-jar.ts`)
 * and the server (a `Cookie` header, in `src/server.ts`), so both take the same cookie as the decision
 * on every input. No DOM, no dependencies.
 */

/**
 * Splits `a=1; b=2` into name → raw values, in order. Names are exact: never decoded, so
 * `integrus%5Fconsent` is not `integrus_consent`. A part without `=` is a cookie with an empty name
 * (that is how browsers store `document.cookie = "x"`), not a cookie named `x`: it is skipped.
 */
export function parseCookieHeader(header: string): Map<string, string[]> {
  const jar = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (!name) continue;
    const values = jar.get(name) ?? [];
    values.push(part.slice(eq + 1).trim());
    jar.set(name, values);
  }
  return jar;
}

/** A raw cookie value as text: one pair of surrounding double quotes dropped, then percent-decoded. `undefined` if the encoding is broken. */
export function decodeCookieValue(raw: string): string | undefined {
  const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
