import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readCapped } from '../../scripts/src/net/bounded-body.js';
import { clipCodePoints, commandWord, sanitizeServerText } from '../../scripts/src/net/server-text.js';

describe('text from a server', () => {
  it('becomes one printable line: no newlines, no terminal escapes, bounded', () => {
    expect(sanitizeServerText('bad\nfield\r\n2025-01-01 | JIRA | forged line\u001b[31mred\u001b]0;title\u0007')).toBe('bad field 2025-01-01 | JIRA | forged linered');
    expect(sanitizeServerText('x'.repeat(10_000)).length).toBeLessThanOrEqual(200);
  });
  it('clipping keeps whole code points', () => {
    const title = `${'a'.repeat(253)}😀😀`;
    const clipped = clipCodePoints(title, 255);
    expect(clipped.length).toBeLessThanOrEqual(255);
    expect(clipped).toBe(`${'a'.repeat(253)}…`);
    expect(() => encodeURIComponent(clipped)).not.toThrow();
    expect(clipCodePoints('short', 255)).toBe('short');
  });
  it('a server word goes into a suggested command only when it is a plain identifier', () => {
    expect(commandWord('customfield_10001')).toBe('customfield_10001');
    expect(commandWord('x; rm -rf ~')).toBeUndefined();
    expect(commandWord('$(id)')).toBeUndefined();
  });
});

describe('readCapped', () => {
  const stream = (chunks: number, size: number) =>
    new ReadableStream<Uint8Array>({
      pull(c) {
        if (chunks-- <= 0) c.close();
        else c.enqueue(new Uint8Array(size).fill(120));
      },
    });
  it('reads a body under the cap', async () => {
    expect(await readCapped(stream(3, 4), 100)).toBe('x'.repeat(12));
  });
  it('stops an endless body at the cap', async () => {
    await expect(readCapped(stream(Number.POSITIVE_INFINITY, 65536), 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
  it('refuses a declared length above the cap without reading', async () => {
    await expect(readCapped(stream(1, 1), 10, '2147483648')).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
