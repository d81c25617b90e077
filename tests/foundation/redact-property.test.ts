// Property: whatever form a server, proxy or gateway echoes a credential in, nothing of it survives redact().
import { describe, expect, it } from 'vitest';
import { redact } from '../../scripts/src/config/redact.js';

// Small seeded generator: the same cases on every run, so a failure can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const TOKEN_CHARS = `${ALNUM}-_.=+/~`;
const pick = (r: () => number, chars: string, n: number) => Array.from({ length: n }, () => chars[Math.floor(r() * chars.length)]).join('');

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** Every form the secret could be found in, if redact missed it: decode each base64 run at each offset. */
function leaks(output: string, secret: string): string[] {
  const found: string[] = [];
  if (output.includes(secret)) found.push('raw');
  if (output.includes(encodeURIComponent(secret))) found.push('url-encoded');
  for (const run of output.match(/[A-Za-z0-9+/=_-]{4,}/g) ?? []) {
    for (let i = 0; i < 4; i++) {
      const part = run.slice(i);
      for (const text of [Buffer.from(part, 'base64').toString('latin1'), Buffer.from(part, 'base64url').toString('latin1')]) {
        if (text.includes(secret)) found.push(`base64 run ${run}`);
      }
    }
  }
  return found;
}

describe('redact: zero leaks over random emails and tokens', () => {
  it('masks raw, URL-encoded, JSON-escaped and base64 forms at every alignment, with or without a scheme', () => {
    const r = rng(18);
    let cases = 0;
    for (let n = 0; n < 400; n++) {
      const email = `${pick(r, ALNUM, 1 + Math.floor(r() * 12))}@${pick(r, ALNUM, 1 + Math.floor(r() * 8))}.com`;
      const token = pick(r, TOKEN_CHARS, 8 + Math.floor(r() * 40));
      const pair = `${email}:${token}`;
      const pad = pick(r, ALNUM, Math.floor(r() * 7));
      const echoes = [
        token,
        encodeURIComponent(token),
        JSON.stringify({ token }),
        b64(token),
        b64(pair),
        b64url(pair),
        `Basic ${b64(pair)}`,
        `Bearer ${token}`,
        `{"echo":"${b64(pair)}"}`,
        // inside a longer base64 string: the secret lands at any byte offset
        b64(`${pad}${pair}${pad}`),
        b64(`${pad}${token}`),
        `x-forwarded-auth=${b64(`${pad}:${pair}`)};`,
      ];
      for (const echo of echoes) {
        const text = `error from gateway: ${echo} (request id 42)`;
        const out = redact(text, [token]);
        expect(leaks(out, token), `${JSON.stringify(text)} → ${JSON.stringify(out)}`).toEqual([]);
        cases++;
      }
    }
    expect(cases).toBe(4800);
  });

  it('masks the password of any URL with user:password@, known or not', () => {
    const out = redact('GET https://bob:s3cr3t-pass@example.test/rest failed; retry https://bob:s3cr3t-pass@example.test', []);
    expect(out).not.toContain('s3cr3t-pass');
    expect(out).toContain('https://[hidden]@example.test/rest');
  });

  it('leaves ordinary prose alone', () => {
    expect(redact('Basic authentication failed; use a Bearer token', ['tok-12345'])).toBe('Basic authentication failed; use a Bearer token');
  });
});
