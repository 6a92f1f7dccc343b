/**
 * Crawlers and headless browsers get no banner and no grant (docs/contract.md §3). The list covers the
 * search engines that matter in Russia and the EU, social previews and common automation markers.
 */
const BOT_PATTERN =
  /bot\b|crawl|spider|slurp|yandex(?:bot|images|metrika|direct|accessibility|mobilebot|webmaster)|googlebot|google-inspectiontool|adsbot-google|mediapartners-google|bingbot|bingpreview|duckduckbot|baiduspider|applebot|petalbot|sogou|exabot|facebookexternalhit|facebot|twitterbot|linkedinbot|telegrambot|vkshare|whatsapp|discordbot|slackbot|ahrefs|semrush|mj12bot|dotbot|rogerbot|screaming frog|lighthouse|chrome-lighthouse|pagespeed|gtmetrix|headlesschrome|phantomjs|puppeteer|playwright|selenium|python-requests|curl\/|wget\//i;

/** `extra`: site-provided substrings, matched case-insensitively. */
export function isBot(userAgent: string, extra: readonly string[] = []): boolean {
  if (!userAgent) return false;
  if (BOT_PATTERN.test(userAgent)) return true;
  const ua = userAgent.toLowerCase();
  return extra.some((s) => ua.includes(s.toLowerCase()));
}
