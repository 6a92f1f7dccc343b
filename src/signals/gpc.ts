/** Global Privacy Control (docs/contract.md §5): a refusal signal for marketing; never consent to anything. */
export const GPC_CATEGORY = 'marketing';

export function gpcActive(nav: Navigator | undefined = globalThis.navigator): boolean {
  return (nav as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true;
}
