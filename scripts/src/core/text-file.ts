// Reading user files: strict UTF-8, and errors that name the file and what to do.
import { readFileSync } from 'node:fs';
import { describeFsError, SpecError } from './errors.js';

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
    bytes = readFileSync(file);
  } catch (error) {
    throw describeFsError(error, display);
  }
  return decodeUtf8(bytes, display);
}

export function readTextIfExists(file: string, display: string = file): string | undefined {
  try {
    return decodeUtf8(readFileSync(file), display);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof SpecError) throw error;
    throw describeFsError(error, display);
  }
}
