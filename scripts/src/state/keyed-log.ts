// A map of JSON entries kept as a snapshot file plus an append-only log beside it, so recording one
// entry costs one appended line (and one fsync), not a rewrite of every entry: a run that records N
// items is linear, where rewriting the whole file per record made it quadratic.
//   snapshot  written atomically (temp + rename) by compact(): at the end of a run, or when the log
//             has grown past the snapshot's size
//   log       one line per changed key, `{"k":key,"v":entry}` (`"v":null`: removed), fsynced per
//             update; replay is last-line-wins, so replaying over a snapshot that already has the
//             lines (a crash between compaction's rename and the log's removal) changes nothing
// A process killed mid-append leaves at most one torn last line: replay ignores it, and the next
// append starts on a fresh line. Every update happens under the snapshot's cross-process lock; the
// state read last is reused while neither file has changed since (stat only), so a run does not
// re-read the log for every record.
import { closeSync, fsyncSync, openSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { readTextIfExists } from '../core/text-file.js';
import { describeFsError } from '../core/errors.js';
import { writeFileAtomic } from './atomic.js';
import { withLockSync } from './lock.js';

export interface KeyedLogOptions<T> {
  /** The snapshot file and the log beside it. */
  file: string;
  log: string;
  display: string;
  /** The snapshot's JSON → entries (damaged or foreign content gives {}), and entries → snapshot text. */
  decode(json: unknown): Record<string, T>;
  encode(items: Record<string, T>): string;
  /** Compact once the log passes this many bytes, or the snapshot's size if larger. Default 256 KiB. */
  compactAt?: number;
}

interface Cached<T> {
  items: Record<string, T>;
  base: string;
  log: string;
  logBytes: number;
  /** The log ends in a torn line: the next append starts with a newline. */
  torn: boolean;
  baseBytes: number;
}

const cache = new Map<string, Cached<unknown>>();

function stamp(file: string): { id: string; size: number } {
  let s: Stats;
  try {
    s = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { id: 'none', size: 0 };
    throw describeFsError(error, file);
  }
  return { id: `${s.ino}:${s.size}:${s.mtimeMs}`, size: s.size };
}

function load<T>(o: KeyedLogOptions<T>): Cached<T> {
  const base = stamp(o.file);
  const log = stamp(o.log);
  const hit = cache.get(o.file) as Cached<T> | undefined;
  if (hit && hit.base === base.id && hit.log === log.id) return hit;
  let items: Record<string, T> = {};
  const text = readTextIfExists(o.file, o.display);
  if (text) {
    try {
      items = o.decode(JSON.parse(text));
    } catch {
      items = {};
    }
  }
  const logText = readTextIfExists(o.log, o.display) ?? '';
  const lines = logText.split('\n');
  const torn = lines.pop() !== '';
  for (const line of lines) {
    let rec: { k?: unknown; v?: unknown };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch {
      continue; // a torn line, then a newline from the next writer: skip it, keep the rest
    }
    if (typeof rec?.k !== 'string' || rec.k === '__proto__') continue;
    if (rec.v === null || rec.v === undefined) delete items[rec.k];
    else items[rec.k] = rec.v as T;
  }
  const fresh: Cached<T> = { items, base: base.id, log: log.id, logBytes: log.size, torn, baseBytes: base.size };
  cache.set(o.file, fresh as Cached<unknown>);
  return fresh;
}

/** The current entries (a copy: callers may keep or change it freely). */
export function readKeyed<T>(o: KeyedLogOptions<T>): Record<string, T> {
  return { ...load(o).items };
}

/**
 * Applies `change` to the entries under the lock and appends one line per key it touched (read, set
 * or deleted). Returns the entries after the change (a copy).
 */
export function updateKeyed<T>(o: KeyedLogOptions<T>, change: (items: Record<string, T>) => void): Record<string, T> {
  return withLockSync(o.file, () => {
    const state = load(o);
    const touched = new Set<string>();
    let all = false;
    const view = new Proxy(state.items, {
      get(target, key, receiver) {
        if (typeof key === 'string') touched.add(key);
        return Reflect.get(target, key, receiver);
      },
      set(target, key, value, receiver) {
        if (typeof key === 'string') touched.add(key);
        return Reflect.set(target, key, value, receiver);
      },
      deleteProperty(target, key) {
        if (typeof key === 'string') touched.add(key);
        return Reflect.deleteProperty(target, key);
      },
      ownKeys(target) {
        all = true;
        return Reflect.ownKeys(target);
      },
    });
    change(view);
    if (all) {
      compactLocked(o, state);
      return { ...state.items };
    }
    const lines = [...touched].map((k) => JSON.stringify({ k, v: Object.hasOwn(state.items, k) ? state.items[k] : null })).join('\n');
    if (!lines) return { ...state.items };
    const text = `${state.torn ? '\n' : ''}${lines}\n`;
    let fd: number | undefined;
    try {
      fd = openSync(o.log, 'a', 0o644);
      writeSync(fd, text);
      fsyncSync(fd);
    } catch (error) {
      cache.delete(o.file);
      throw describeFsError(error, o.display);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    state.torn = false;
    state.logBytes += Buffer.byteLength(text);
    state.log = stamp(o.log).id;
    if (state.logBytes > Math.max(o.compactAt ?? 256 * 1024, state.baseBytes)) compactLocked(o, state);
    return { ...state.items };
  });
}

function compactLocked<T>(o: KeyedLogOptions<T>, state: Cached<T>): void {
  writeFileAtomic(o.file, o.encode(state.items), o.display);
  // The snapshot holds every line now; a crash before this removal only replays them again.
  rmSync(o.log, { force: true });
  const base = stamp(o.file);
  Object.assign(state, { base: base.id, baseBytes: base.size, log: 'none', logBytes: 0, torn: false });
}

/** Folds the log into the snapshot (nothing to do when there is no log). */
export function compactKeyed<T>(o: KeyedLogOptions<T>): void {
  if (stamp(o.log).id === 'none') return;
  withLockSync(o.file, () => compactLocked(o, load(o)));
}
