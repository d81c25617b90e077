// Reading user files: strict UTF-8, and errors that name the file and what to do.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { describeFsError, SpecError } from './errors.js';
import { guardRead } from './inside.js';

/** No document, state or config file is legitimately this large; reading one would cost gigabytes later. */
export const MAX_TEXT_BYTES = 10 * 1024 * 1024;

/** Reads a file under the project through its checked real path, never following a final link, at most MAX_TEXT_BYTES. */
function readBytes(file: string, display: string): Buffer {
  const fd = openSync(guardRead(file, display), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new SpecError(`${display} is not a regular file; refusing to read it`);
    if (st.size > MAX_TEXT_BYTES) {
      throw new SpecError(`${display} is ${Math.ceil(st.size / 1024 / 1024)} MB, above the ${MAX_TEXT_BYTES / 1024 / 1024} MB limit for a document`, { hint: 'split it into smaller documents' });
    }
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array, display: string): string {
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    let offset = 0;
    // Find the first bad byte so the user can locate it.
    for (let lo = 0, hi = bytes.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      try {
        decoder.decode(bytes.subarray(0, mid));
        lo = mid + 1;
        offset = mid;
      } catch {
        hi = mid;
      }
    }
    const line = bytes.subarray(0, offset).filter((b) => b === 10).length + 1;
    throw new SpecError(`${display}:${line}: not valid UTF-8; re-save the file with UTF-8 encoding`);
  }
}

export function readText(file: string, display: string = file): string {
  let bytes: Buffer;
  try {
    bytes = readBytes(file, display);
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw describeFsError(error, display);
  }
  return decodeUtf8(bytes, display);
}

export function readTextIfExists(file: string, display: string = file): string | undefined {
  try {
    return decodeUtf8(readBytes(file, display), display);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof SpecError) throw error;
    throw describeFsError(error, display);
  }
}
