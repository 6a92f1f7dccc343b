// Checks the relative links of the documentation: README.md, CHANGELOG.md, SECURITY.md and docs/**/*.md.
// A link must point to a file (or folder) inside the repository and, with a #fragment, to a heading
// (or an element id) of that file. Links to public sites (http:, https:, mailto:) are not fetched.
// Run by `npm run lint`; exits with 1 and one line per broken link.
//
//   node scripts/check-links.mjs
//   CHECK_LINKS_ALLOW_MISSING=docs/records.md node scripts/check-links.mjs   # tolerate named missing files
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const allowMissing = new Set(
  (process.env.CHECK_LINKS_ALLOW_MISSING ?? '').split(',').map((p) => p.trim()).filter(Boolean),
);

/** The Markdown files whose links are checked, relative to the repository root. */
function documents() {
  const files = ['README.md', 'CHANGELOG.md', 'SECURITY.md'].filter((f) => existsSync(join(root, f)));
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  return files;
}

/** Lines outside fenced code blocks, numbered from 1; inline code spans blanked out unless `keepCode`. */
function proseLines(text, keepCode = false) {
  const lines = [];
  let fence = null;
  text.split('\n').forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line);
    if (marker) {
      if (!fence) fence = marker[1];
      else if (marker[1][0] === fence[0] && marker[1].length >= fence.length) fence = null;
      return;
    }
    if (fence) return;
    lines.push({ number: index + 1, text: keepCode ? line : line.replace(/(`+)[^`]*?\1/g, (m) => ' '.repeat(m.length)) });
  });
  return lines;
}

/** Link targets of a line: inline links and images `[text](target "title")`, and definitions `[x]: target`. */
function linkTargets(line) {
  const targets = [];
  for (const match of line.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1]);
  const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
  if (definition) targets.push(definition[1]);
  for (const match of line.matchAll(/<(?:a|img)\s[^>]*?(?:href|src)="([^"]*)"/g)) targets.push(match[1]);
  return targets;
}

/**
 * GitHub's heading anchors: lowercase, punctuation dropped (letters of any script, digits, `-` and `_`
 * kept), spaces turned into hyphens, a repeated heading suffixed `-1`, `-2`…
 */
function anchors(file) {
  const seen = new Map();
  const result = new Set();
  for (const { text: line } of proseLines(readFileSync(file, 'utf8'), true)) {
    for (const match of line.matchAll(/<[^>]+\s(?:id|name)="([^"]+)"/g)) result.add(match[1]);
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const plain = heading[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
      .replace(/<[^>]+>/g, ''); // inline HTML
    let slug = plain.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    if (count > 0) slug = `${slug}-${count}`;
    result.add(slug);
  }
  return result;
}

const anchorCache = new Map();
const anchorsOf = (file) => {
  if (!anchorCache.has(file)) anchorCache.set(file, anchors(file));
  return anchorCache.get(file);
};

const problems = [];
let checked = 0;
for (const doc of documents()) {
  const path = join(root, doc);
  for (const { number, text } of proseLines(readFileSync(path, 'utf8'))) {
    for (const target of linkTargets(text)) {
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // a public site, mail
      checked++;
      const where = `${doc}:${number}`;
      const [rawPath, fragment] = target.split('#', 2);
      let filePart;
      try {
        filePart = decodeURIComponent(rawPath);
      } catch {
        problems.push(`${where}: "${target}" is not a valid URL`);
        continue;
      }
      const file = filePart ? resolve(dirname(path), filePart) : path;
      const inRepo = relative(root, file);
      if (inRepo.startsWith('..') || inRepo.split(sep)[0] === '..') {
        problems.push(`${where}: "${target}" leaves the repository`);
        continue;
      }
      const name = inRepo.split(sep).join('/');
      if (!existsSync(file)) {
        if (allowMissing.has(name)) continue;
        problems.push(`${where}: "${target}" points to ${name}, which does not exist`);
        continue;
      }
      if (fragment === undefined || fragment === '') continue;
      if (statSync(file).isDirectory() || !file.endsWith('.md')) {
        problems.push(`${where}: "${target}" has a #fragment, but ${name} is not a Markdown file`);
        continue;
      }
      if (!anchorsOf(file).has(decodeURIComponent(fragment).toLowerCase())) {
        problems.push(`${where}: "${target}": ${name} has no heading "#${fragment}"`);
      }
    }
  }
}

if (problems.length) {
  console.error(`check-links: ${problems.length} broken link(s) in the documentation:`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error('A link must point to a file of this repository (and to a heading of it), or to a public site.');
  process.exit(1);
}
console.log(`check-links: ${checked} relative links, all resolve${allowMissing.size ? ` (allowed missing: ${[...allowMissing].join(', ')})` : ''}.`);
