/**
 * What the site developer is told once the interface is up (docs/contract.md §2, §10): texts the
 * configuration leaves the visitor without, and a default operator on someone else's site. Each
 * problem is one `console.warn`, once per page; the visitor sees a neutral text instead. Part of the
 * second part of the interface, which loads on every first visit once the banner is painted.
 */
import { NECESSARY } from '../core/types.js';
import type { UiHost } from '../core/types.js';
import { LOG_PREFIX, hasOwn } from '../core/util.js';
import type { Localizer } from './i18n.js';

/**
 * Hosts where the default operator, ООО «ИНТЕГРУС», is right: its own sites (`integrus.ru` and
 * subdomains), and local development (`localhost`, `*.localhost`, `127.0.0.1`, `[::1]`, a file).
 */
export function isOperatorsOwnHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return (
    host === '' || host === 'integrus.ru' || host.endsWith('.integrus.ru') || host === 'localhost' ||
    host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]' || host === '::1'
  );
}

/** The warnings for this configuration in the current language, one message each. */
export function configWarnings(host: UiHost, i18n: Localizer, hostname: string): string[] {
  const warnings: string[] = [];
  const { lang } = host.config;
  if (lang && host.lang !== lang && host.lang !== lang.split('-')[0]) {
    warnings.push(`${LOG_PREFIX} No texts for language "${lang}" (option "lang"); using "${host.lang}". Add them with the "texts" option.`);
  }
  for (const name of host.categories) {
    if (name === NECESSARY) continue;
    const missing = ['title', 'description'].filter((field) => !i18n.t(`categories.${name}.${field}`));
    if (missing.length) {
      warnings.push(
        `${LOG_PREFIX} Category "${name}" has no ${missing.join(' or ')} in "${i18n.language}"; visitors see a neutral text. ` +
          `Give it with texts: { ${i18n.language}: { categories: { ${name}: { title: '…', description: '…' } } } }.`,
      );
    }
  }
  if (!hasOwn(host.options, 'operator') && !isOperatorsOwnHost(hostname)) {
    warnings.push(
      `${LOG_PREFIX} No "operator" configured: the banner names the default operator, ${host.config.operator.name}, on ${hostname}. ` +
        'Set operator: { name, address, inn, ogrn, email } to the organisation that processes the data on this site.',
    );
  }
  return warnings;
}
