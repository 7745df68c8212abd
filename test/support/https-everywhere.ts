import { readFileSync } from 'node:fs';
import { makeTestCa } from './test-ca';

/**
 * OFFSTREAM_TEST_HTTPS=1 runs the suites against an emulator that serves HTTPS, as Cloudflare
 * does: a throwaway CA is made once, before the workers start, and trusted by them through
 * NODE_EXTRA_CA_CERTS (read by Node at start-up, also by the CLI processes tests spawn).
 */
export async function prepareHttpsEverywhere(): Promise<void> {
  if (process.env.OFFSTREAM_TEST_HTTPS !== '1') return;
  const ca = await makeTestCa();
  process.env.NODE_EXTRA_CA_CERTS = ca.caCertPath;
  process.env.OFFSTREAM_TEST_TLS_KEY = `${ca.dir}/server.key`;
  process.env.OFFSTREAM_TEST_TLS_CERT = `${ca.dir}/server.crt`;
}

/** The emulator's TLS option under OFFSTREAM_TEST_HTTPS=1; nothing otherwise. */
export function testTls(): { tls: { key: string; cert: string } } | Record<string, never> {
  const key = process.env.OFFSTREAM_TEST_TLS_KEY;
  const cert = process.env.OFFSTREAM_TEST_TLS_CERT;
  if (process.env.OFFSTREAM_TEST_HTTPS !== '1' || !key || !cert) return {};
  return { tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') } };
}
