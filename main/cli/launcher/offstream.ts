import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { codeCacheDir } from './cache-dir';
import { cacheVariant, loadBundle } from './code-cache';

// The `offstream` command: loads the command line's bundle through V8's code cache, which takes
// about a third off every command's start (README, "Performance").
const program = fileURLToPath(new URL('./offstream-main.cjs', import.meta.url));
const cacheDir = codeCacheDir(process.env, process.platform, homedir());
const bundle = loadBundle(program, cacheDir, cacheVariant(process.argv));
// Saved after a run that succeeded: a mistyped command leaves no cache behind.
if (bundle.cache !== 'used') {
  process.once('exit', (code) => {
    if (code === 0) bundle.save();
  });
}
bundle.run();
