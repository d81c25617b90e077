// What we last wrote to each remote item, kept so a later sync can tell whether someone edited it
// there since (never overwrite that without --force) and `pull --apply` has the base of a three-way
// merge. One small file per item under .spec-state/written/, written atomically: the fields as
// they read back from the tracker (a JIRA description as markdown converted from the ADF we sent).
import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readTextIfExists } from '../core/text-file.js';
import { writeFileAtomic } from './atomic.js';
import { statePaths } from './paths.js';

export interface WrittenFields {
  /** The remote item these fields were written to. */
  remoteId: string;
  /** Field name → text as the tracker gives it back (summary/title, description/body as markdown). */
  fields: Record<string, string>;
  /** sha256 over the fields: the quick equality test. */
  hash: string;
  at: string;
}

const DIR = 'written';

export function writtenDir(root: string): string {
  return join(statePaths(root).stateDir, DIR);
}

function fileOf(root: string, key: string): { path: string; display: string } {
  const name = `${key.replace(/[^A-Za-z0-9._-]+/g, '__')}.json`;
  return { path: join(writtenDir(root), name), display: `.spec-state/${DIR}/${name}` };
}

export function fieldsHash(fields: Record<string, string>): string {
  const h = createHash('sha256');
  for (const k of Object.keys(fields).sort()) h.update(`${k}\u0000${fields[k]}\u0000`);
  return h.digest('hex');
}

export function readWritten(root: string, key: string): WrittenFields | undefined {
  const f = fileOf(root, key);
  const text = readTextIfExists(f.path, f.display);
  if (!text) return undefined;
  try {
    const w = JSON.parse(text) as WrittenFields;
    return w && typeof w.fields === 'object' && typeof w.remoteId === 'string' ? w : undefined;
  } catch {
    // A damaged copy only loses the edit check for this item until the next write.
    return undefined;
  }
}

export function recordWritten(root: string, key: string, remoteId: string, fields: Record<string, string>, now = new Date()): void {
  const f = fileOf(root, key);
  const w: WrittenFields = { remoteId, fields, hash: fieldsHash(fields), at: now.toISOString() };
  writeFileAtomic(f.path, `${JSON.stringify(w, null, 1)}\n`, f.display);
}

export function forgetWritten(root: string, key: string): void {
  rmSync(fileOf(root, key).path, { force: true });
}

export function listWritten(root: string): string[] {
  try {
    return readdirSync(writtenDir(root)).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
}

/**
 * The fields someone changed remotely since we wrote them, in the order given; [] when nothing
 * changed. Whitespace at the ends does not count (trackers trim what they store).
 */
export function editedFields(written: Record<string, string>, remote: Record<string, string | undefined>): string[] {
  const norm = (s: string | undefined) => (s ?? '').replace(/\r\n?/g, '\n').trim();
  return Object.keys(written).filter((k) => k in remote && norm(written[k]) !== norm(remote[k]));
}
