import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCa {
  /** Where the keys, certificates and openssl configs were written; the caller removes it. */
  dir: string;
  caCertPath: string;
  /** PEM of the throwaway CA: what a client passes as `ca` to trust the server. */
  caCert: string;
  /** PEM key and certificate for a server on 127.0.0.1 / localhost, signed by the CA. */
  key: string;
  cert: string;
}

const caConfig = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = Offstream throwaway test CA
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;

const serverConfig = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = 127.0.0.1
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
`;

/** One day, SHA-256: enough for a test run, useless afterwards. */
const signing = ['-days', '1', '-sha256'];

/**
 * A CA and a server certificate made now with the `openssl` command, in a fresh temp dir (or
 * `dir`): nothing secret is committed and every run trusts a different CA.
 */
export async function makeTestCa(dir?: string): Promise<TestCa> {
  const home = dir ?? (await mkdtemp(join(tmpdir(), 'offstream-test-ca-')));
  await mkdir(home, { recursive: true });
  const at = (name: string) => join(home, name);
  await writeFile(at('ca.cnf'), caConfig);
  await writeFile(at('server.cnf'), serverConfig);
  await newKey(at('ca.key'));
  await openssl(
    ['req', '-x509', '-new', '-key', at('ca.key'), '-config', at('ca.cnf'), '-extensions', 'ca'],
    [...signing, '-out', at('ca.crt')],
  );
  await newKey(at('server.key'));
  await openssl(
    ['req', '-new', '-key', at('server.key'), '-config', at('server.cnf')],
    ['-out', at('server.csr')],
  );
  await openssl(
    ['x509', '-req', '-in', at('server.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key')],
    ['-set_serial', `0x${randomBytes(8).toString('hex')}`, ...signing],
    ['-extfile', at('server.cnf'), '-extensions', 'server', '-out', at('server.crt')],
  );
  return {
    dir: home,
    caCertPath: at('ca.crt'),
    caCert: await readFile(at('ca.crt'), 'utf8'),
    key: await readFile(at('server.key'), 'utf8'),
    cert: await readFile(at('server.crt'), 'utf8'),
  };
}

function newKey(path: string): Promise<void> {
  return openssl(
    ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    ['-out', path],
  );
}

/** One openssl run, its arguments given in readable groups; no shell is involved. */
async function openssl(...groups: string[][]): Promise<void> {
  await run('openssl', groups.flat());
}
