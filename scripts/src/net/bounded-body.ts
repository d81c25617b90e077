// A response body read as a stream with a cap: a 2 GB or endless body killed Node (V8 "invalid string
// length", a native trace, nothing logged). The largest answer we legitimately read (a page of 100
// issues, a Confluence page body) is far below the cap.

/** The most we read of one response body. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the response body is larger than ${Math.round(limit / 1024 / 1024)} MB`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads `body` up to `cap` bytes, then cancels the stream (the connection is dropped, not drained). */
export async function readCapped(body: ReadableStream<Uint8Array> | null, cap = MAX_BODY_BYTES, declaredLength?: string | null): Promise<string> {
  if (!body) return '';
  if (declaredLength && Number(declaredLength) > cap) {
    await body.cancel().catch(() => {});
    throw new BodyTooLargeError(cap);
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(cap);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
