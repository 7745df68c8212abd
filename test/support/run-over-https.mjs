// `npm test`'s second pass: the suites that talk to the emulator, again with the emulator
// serving HTTPS under a throwaway CA (test/support/https-everywhere.ts), as Cloudflare does.
import { spawnSync } from 'node:child_process';

const suites = ['test/stream', 'test/app', 'test/queue', 'test/cli', 'test/crash', 'test/contract'];
const vitest = new URL('../../node_modules/vitest/vitest.mjs', import.meta.url).pathname;
const run = spawnSync(process.execPath, [vitest, 'run', ...suites], {
  stdio: 'inherit',
  env: { ...process.env, OFFSTREAM_TEST_HTTPS: '1' },
});
process.exit(run.status ?? 1);
