/** Why the HTTP layer refused or could not complete a request, before any caller's meaning. */
export type HttpFailureCode =
  | 'proxy_auth'
  | 'proxy_config'
  | 'tls_untrusted'
  | 'redirect_refused'
  | 'too_many_redirects'
  | 'body_too_large';

export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';

  constructor(
    readonly code: HttpFailureCode,
    message: string,
  ) {
    super(message);
  }
}

export function isHttpFailure(error: unknown): error is HttpFailure {
  return error instanceof HttpFailure;
}

/** OpenSSL's verdicts that mean "this certificate is not from an authority we trust". */
const untrustedCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

/** A system error code (from Node, OpenSSL or got) that says the TLS peer was not trusted. */
export function isUntrustedCertificate(code: string | undefined): boolean {
  return code !== undefined && untrustedCodes.has(code);
}

/** The sentence for a certificate failure; `host` is the server that presented it. */
export function untrustedCertificate(host: string): HttpFailure {
  return new HttpFailure(
    'tls_untrusted',
    `The certificate of ${host} is not from an authority this computer trusts. A company network that inspects HTTPS needs its root certificate installed.`,
  );
}

/** The proxy answered 407: the credentials are missing or wrong. */
export function proxyAuthRequired(): HttpFailure {
  return new HttpFailure(
    'proxy_auth',
    'The proxy server asked for a user name and password, or refused the ones given.',
  );
}
