// Line numbers for JSON pointers in JSON text, in one pass that skips every subtree no wanted pointer
// enters (GitHub's 13 MB description is located in tens of milliseconds; a YAML parser would take seconds).
import { escapeToken } from './pointer.js';

/** Lines of the pointers and of every ancestor of them (so a missing key can fall back to its parent's line). */
export function jsonLines(text: string, pointers: Iterable<string>): Map<string, number> {
  // Each ancestor is both wanted and a subtree to enter.
  const wanted = new Set<string>();
  for (const p of pointers) {
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) wanted.add(parts.slice(0, i).join('/'));
  }
  const found = new Map<string, number>();
  if (wanted.has('')) found.set('', 1);
  let i = 0;
  let line = 1;

  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      i++;
    }
  };
  const readString = (): string => {
    const start = ++i; // after the opening quote
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) return text.slice(start, i);
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 34) break;
      i++;
    }
    const raw = text.slice(start, i++);
    if (!escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  };
  const skip = () => {
    let depth = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) return;
      if (c === 34) {
        i++;
        for (;;) {
          const d = text.charCodeAt(i);
          if (Number.isNaN(d)) return;
          if (d === 92) i += 2;
          else if (d === 34) break;
          else i++;
        }
        i++;
        if (depth === 0) return;
        continue;
      }
      if (c === 10) line++;
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) return; // end of the enclosing container: not ours to consume
        depth--;
        if (depth === 0) {
          i++;
          return;
        }
      } else if (depth === 0 && (c === 44 || c === 58)) return;
      i++;
    }
  };
  const value = (pointer: string): void => {
    ws();
    if (!wanted.has(pointer)) return skip();
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      for (;;) {
        ws();
        const d = text.charCodeAt(i);
        if (d === 125 || Number.isNaN(d)) {
          i++;
          return;
        }
        if (d === 44) {
          i++;
          continue;
        }
        const keyLine = line;
        const key = readString();
        const childPointer = `${pointer}/${escapeToken(key)}`;
        if (wanted.has(childPointer) && !found.has(childPointer)) found.set(childPointer, keyLine);
        ws();
        if (text.charCodeAt(i) === 58) i++;
        value(childPointer);
      }
    }
    if (c === 91) {
      i++;
      for (let index = 0; ; ) {
        ws();
        const d = text.charCodeAt(i);
        if (d === 93 || Number.isNaN(d)) {
          i++;
          return;
        }
        if (d === 44) {
          i++;
          index++;
          continue;
        }
        const childPointer = `${pointer}/${index}`;
        if (wanted.has(childPointer) && !found.has(childPointer)) found.set(childPointer, line);
        value(childPointer);
      }
    }
    skip();
  };
  value('');
  return found;
}
