// The redirect rules, case by case: only a same-origin GET is followed; everything else is one line
// naming the Location and the setting to fix.
import { describe, expect, it } from 'vitest';
import { redirectVerdict, type RedirectInput } from '../../scripts/src/net/redirect.js';
import { tlsFailure, tlsMessage } from '../../scripts/src/net/tls.js';

const base: RedirectInput = { service: 'JIRA', baseKey: 'SPEC_ATLASSIAN_URL', baseUrl: 'https://old.atlassian.net', method: 'GET', url: 'https://old.atlassian.net/rest/api/3/myself', status: 301, location: '', visited: ['https://old.atlassian.net/rest/api/3/myself'] };
const v = (o: Partial<RedirectInput>) => redirectVerdict({ ...base, ...o });

describe('redirectVerdict', () => {
  it('follows a same-origin GET, also from a relative Location', () => {
    expect(v({ location: 'https://old.atlassian.net/x/rest/api/3/myself' })).toEqual({ follow: 'https://old.atlassian.net/x/rest/api/3/myself' });
    expect(v({ location: '/moved/rest/api/3/myself' })).toEqual({ follow: 'https://old.atlassian.net/moved/rest/api/3/myself' });
  });
  it('stops at another origin, naming the new site as the fix', () => {
    expect(v({ location: 'https://new-site.atlassian.net/rest/api/3/myself' })).toEqual({ stop: 'JIRA answered 301 → https://new-site.atlassian.net/rest/api/3/myself: set SPEC_ATLASSIAN_URL to https://new-site.atlassian.net (not followed: the credentials do not go to another host)' });
  });
  it('stops at http → https with the https URL as the fix', () => {
    const r = v({ baseUrl: 'http://acme.atlassian.net', url: 'http://acme.atlassian.net/rest/api/3/myself', location: 'https://acme.atlassian.net/rest/api/3/myself' });
    expect(r).toEqual({ stop: 'JIRA answered 301 → https://acme.atlassian.net/rest/api/3/myself: set SPEC_ATLASSIAN_URL to https://acme.atlassian.net (over http:// the credentials would be dropped on the way)' });
  });
  it('never follows a write, even to the same origin', () => {
    expect(v({ method: 'POST', url: 'https://old.atlassian.net/rest/api/3/issue', location: 'https://old.atlassian.net/_moved/rest/api/3/issue' })).toEqual({ stop: 'JIRA answered 301 to a POST → https://old.atlassian.net/_moved/rest/api/3/issue: not followed (it would turn the write into a GET); set SPEC_ATLASSIAN_URL to https://old.atlassian.net/_moved' });
  });
  it('a missing Location, a loop and too many hops each get their line', () => {
    expect(v({ status: 302, location: null })).toEqual({ stop: 'JIRA answered 302 without a Location header to GET https://old.atlassian.net/rest/api/3/myself: check SPEC_ATLASSIAN_URL (a proxy or a login page may be answering instead)' });
    expect(v({ location: base.url })).toEqual({ stop: `JIRA redirects in a loop (${base.url} → ${base.url}): check SPEC_ATLASSIAN_URL; open it in a browser to see where it goes` });
    expect('stop' in v({ location: '/a', visited: ['1', '2', '3', '4', '5', '6'] })).toBe(true);
  });
});

describe('TLS failures', () => {
  it('name NODE_EXTRA_CA_CERTS for an untrusted certificate; a handshake failure is its own line', () => {
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      const f = tlsFailure(code);
      expect(f?.type).toBe('certificate');
      expect(tlsMessage('JIRA', 'acme.atlassian.net', f as NonNullable<typeof f>)).toContain('NODE_EXTRA_CA_CERTS');
    }
    expect(tlsFailure('ECONNRESET')).toBeUndefined();
    expect(tlsFailure('ERR_SSL_WRONG_VERSION_NUMBER')?.type).toBe('handshake');
  });
});
