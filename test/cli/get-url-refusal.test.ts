import { describe, expect, it } from 'vitest';
import { tempFolder } from '../library/helpers';
import { runCli } from './run-cli';

describe('offstream get --url', () => {
  it.each([
    ['http://customer-x.cloudflarestream.com/a/downloads/default.mp4', 'https://'],
    ['not a url', 'not a URL'],
    ['https://customer-x.cloudflarestream.com/elsewhere', 'looks like'],
  ])('refuses %s with exit 2 and says why', async (url, why) => {
    const refused = await runCli(['get', '--url', url], { OFFSTREAM_LIBRARY: tempFolder() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--url');
    expect(refused.stderr).toContain(why);
  });
});
