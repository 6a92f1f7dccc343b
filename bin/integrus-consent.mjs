#!/usr/bin/env node
// The `integrus-consent` command (package.json "bin"): receive, export, find and prune consent records.
// The code is the built dist/cli.js (src/server/cli.ts); docs/records.md is the manual.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('integrus-consent: dist/ is not built. In a clone of the repository run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
