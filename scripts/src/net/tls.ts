// TLS failures, told apart from other network errors: a certificate the machine does not trust (a
// private CA, or a TLS-inspecting proxy re-signing traffic) is fixed with NODE_EXTRA_CA_CERTS, which
// Node's fetch honours. Nothing reaches the server before the handshake succeeds, so such a request
// was never sent and may be retried safely (a create included).

/** OpenSSL verification codes Node reports as error.code (https://nodejs.org/api/tls.html, X509 errors). */
const CERT_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export type TlsFailure = { type: 'certificate'; code: string } | { type: 'handshake'; code: string };

export function tlsFailure(code: string | undefined, message = ''): TlsFailure | undefined {
  if (code && CERT_CODES.has(code)) return { type: 'certificate', code };
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO' || /^ERR_SSL_/.test(code ?? '') || /handshake|ssl3_get_record|wrong version number/i.test(message)) {
    return { type: 'handshake', code: code || 'TLS handshake failed' };
  }
  return undefined;
}

/** The one line that explains a TLS failure and its fix. */
export function tlsMessage(service: string, host: string, f: TlsFailure): string {
  if (f.type === 'certificate') {
    if (f.code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `${service}: the certificate of ${host} is for another host name (ERR_TLS_CERT_ALTNAME_INVALID): check the URL; behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at your company's CA file`;
    if (f.code === 'CERT_HAS_EXPIRED' || f.code === 'CERT_NOT_YET_VALID') return `${service}: the certificate of ${host} is not valid now (${f.code}): check the machine's clock; behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at your company's CA file`;
    return `${service}: the certificate of ${host} is not trusted (${f.code}): export NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem (your private CA or TLS-inspecting proxy) and retry`;
  }
  return `${service}: the TLS handshake with ${host} failed (${f.code}): check the URL's scheme and port, and any proxy in between (HTTPS_PROXY)`;
}
