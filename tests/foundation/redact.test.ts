import { describe, expect, it } from 'vitest';
import { redact } from '../../scripts/src/config/redact.js';

describe('redact', () => {
  it('hides secret values, their Basic-auth encoding and any Authorization credential', () => {
    const basic = Buffer.from('me@example.com:tok-12345').toString('base64');
    expect(redact('token tok-12345 in a message', ['tok-12345'])).toBe('token [hidden] in a message');
    expect(redact(`Authorization: Basic ${basic}; Accept: x`, [])).toBe('Authorization: Basic [hidden]; Accept: x');
    expect(redact('{"Authorization":"lin_api_abcdef"}', [])).toBe('{"Authorization":"[hidden]"}');
    expect(redact('authorization=Bearer abc.def', [])).toBe('authorization=Bearer [hidden]');
  });
  it('masks base64(email:token) without a scheme whatever the email length (abc@example.com leaked before)', () => {
    for (const email of ['abc@example.com', 'me@example.com', 'ab@example.com']) {
      const echoed = Buffer.from(`${email}:tok-12345-abcdef`).toString('base64');
      expect(redact(`gateway said: ${echoed}`, ['tok-12345-abcdef'])).not.toMatch(new RegExp(echoed.slice(-8).replace(/[+/=]/g, '.')));
    }
  });
  it('leaves short values alone (they would blank out ordinary words)', () => {
    expect(redact('a b c', ['b'])).toBe('a b c');
  });
});
