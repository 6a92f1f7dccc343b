/**
 * Cookie name patterns (`_ga_*`), as categories, the catalogue and the declaration write them. Apart
 * from the cookie jar so that the interface can read patterns without carrying js-cookie.
 */

/** Does `name` match a cookie pattern (`*` matches any run of characters)? */
export function matchesPattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}
