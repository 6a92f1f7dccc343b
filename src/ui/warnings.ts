/**
 * What the site developer is told once the interface is up (docs/contract.md §2, §10): texts the
 * configuration leaves the visitor without, and an operator the site did not name. Each
 * problem is one `console.warn`, once per page; the visitor sees a neutral text instead. Part of the
 * second part of the interface, which loads on every first visit once the banner is painted.
 */
import { NECESSARY } from '../core/types.js';
import type { UiHost } from '../core/types.js';
import { LOG_PREFIX, hasOwn } from '../core/util.js';
import type { Localizer } from './i18n.js';

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
  if (!host.config.operator.name) {
    const what = hasOwn(host.options, 'operator') ? 'No "operator.name" configured' : 'No "operator" configured';
    warnings.push(
      `${LOG_PREFIX} ${what} on ${hostname || 'this page'}: the banner names no one ("${i18n.t('banner.operator')}"). ` +
        'Set operator: { name, address, inn, ogrn, email } to the organisation that processes the data on this site.',
    );
  }
  return warnings;
}
