// `npm run dev`: rollup in watch mode over rollup.config.mjs, and the demo server once the first build
// is written, answering every file `no-cache`, so a reload after an edit gets the rebuilt files. Unlike
// `npm start` it does not empty dist/ first nor build the types; Ctrl+C stops both.
import { resolve } from 'node:path';
import { watch } from 'rollup';
import { loadConfigFile } from 'rollup/loadConfigFile';
import { startDemoServer } from '../demo/server.mjs';

const { options, warnings } = await loadConfigFile(resolve('rollup.config.mjs'), {});
warnings.flush();

let demo = null;
let starting = false;
const watcher = watch(options.map((o) => ({ ...o, watch: { clearScreen: false, ...o.watch } })));
watcher.on('event', async (event) => {
  if (event.code === 'BUNDLE_END') {
    await event.result.close();
    console.log(`dev: built ${(typeof event.input === 'object' && !Array.isArray(event.input) ? Object.values(event.input) : [].concat(event.input)).join(', ')} in ${event.duration} ms`);
  } else if (event.code === 'ERROR') {
    await event.result?.close();
    console.error(`dev: build failed: ${event.error.message}`);
  } else if (event.code === 'END' && !demo && !starting) {
    starting = true;
    demo = await startDemoServer({ port: process.env.PORT || undefined, fresh: true }).catch((error) => {
      console.error(`dev: the demo server cannot start: ${error.message}`);
      process.exitCode = 1;
      return null;
    });
    if (demo) console.log('dev: watching src/ and locales/; reload the page after "built".');
  }
});

const stop = async () => {
  await watcher.close();
  await demo?.close().catch(() => {});
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
