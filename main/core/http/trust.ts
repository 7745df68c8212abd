import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';

export interface TrustSources {
  /** Also trust the operating system's store (a company's TLS-inspection root lives there). */
  system: boolean;
  /** PEM text of further authorities (a file given on the command line, a test CA). */
  extra?: string[];
  env?: Record<string, string | undefined>;
}

type CaKind = 'default' | 'system' | 'bundled' | 'extra';
/** Node 22.15+ and Electron's Node have it; Node 20 (the command line's floor) does not. */
const getCaCertificates = (tls as { getCACertificates?: (kind: CaKind) => string[] })
  .getCACertificates;

/**
 * The authorities to trust, or undefined to keep Node's own default (bundled roots plus
 * NODE_EXTRA_CA_CERTS). A list passed as `ca` replaces that default, so it is rebuilt whole.
 */
export function trustedAuthorities(sources: TrustSources): string[] | undefined {
  const extra = sources.extra ?? [];
  if (!sources.system && extra.length === 0) return undefined;
  const system = sources.system ? systemAuthorities() : [];
  if (system.length === 0 && extra.length === 0) return undefined;
  return [...defaultAuthorities(sources.env ?? process.env), ...system, ...extra];
}

/** The bundled roots and NODE_EXTRA_CA_CERTS, as Node would trust them without a `ca`. */
function defaultAuthorities(env: Record<string, string | undefined>): string[] {
  if (getCaCertificates) return getCaCertificates('default');
  const file = env.NODE_EXTRA_CA_CERTS;
  return [...tls.rootCertificates, ...(file ? pemCertificates(readQuietly(file)) : [])];
}

function systemAuthorities(): string[] {
  try {
    return getCaCertificates ? getCaCertificates('system') : [];
  } catch {
    return [];
  }
}

function readQuietly(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS.
  }
}

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates in a PEM text; anything else in it (keys, comments) is ignored. */
export function pemCertificates(text: string): string[] {
  return text.match(pemBlock) ?? [];
}
