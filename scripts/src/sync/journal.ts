// .spec-state/sync-journal.json: per item key, the hash and remote id of its last successful sync, and
// an INTENT written before every create call and cleared after the write-back. An intent left behind
// means a run died between creating and recording: the next run looks the item up (findOrphan) first.
import { renameSync } from 'node:fs';
import { basename } from 'node:path';
import { redact } from '../config/redact.js';
import { SpecError } from '../core/errors.js';
import { readTextIfExists } from '../core/text-file.js';
import { writeFileAtomic } from '../state/atomic.js';
import { withLockSync } from '../state/lock.js';
import { statePaths } from '../state/paths.js';
import type { DesiredItem, RemoteRef } from '../trackers/contract.js';

export interface JournalEntry {
  /** Hash of the payload last sent successfully. */
  hash?: string;
  remoteId?: string;
  url?: string;
  syncedAt?: string;
  /** Set before a create call; removed once the link is written back. */
  intent?: { at: string; hash: string };
}

export interface Journal {
  version: 1;
  items: Record<string, JournalEntry>;
}

const DISPLAY = '.spec-state/sync-journal.json';

/** The remote id the journal remembers for an item, whether or not a frontmatter link still names it. */
export function journalLink(journal: Journal, key: string): RemoteRef | undefined {
  const entry = journal.items[key];
  return entry?.remoteId ? { id: entry.remoteId, ...(entry.url ? { url: entry.url } : {}) } : undefined;
}

/** The remote item an item is linked to: its frontmatter link, or the journal's for items whose link lives there. */
export function linkOf(item: DesiredItem, journal: Journal): RemoteRef | undefined {
  return item.linked ?? (item.linkInJournal ? journalLink(journal, item.key) : undefined);
}

export function readJournal(root: string): Journal {
  const text = readTextIfExists(statePaths(root).syncJournal, DISPLAY);
  if (!text) return { version: 1, items: {} };
  let parsed: Partial<Journal> | undefined;
  try {
    parsed = JSON.parse(text) as Partial<Journal>;
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || (parsed.items !== undefined && (typeof parsed.items !== 'object' || parsed.items === null))) {
    // Never taken as empty: that would create every journal-linked item again. Moved aside, reported, and
    // the next run starts afresh (with the damaged copy kept for a person to look at).
    const aside = `${statePaths(root).syncJournal}.damaged-${Date.now()}`;
    try {
      renameSync(statePaths(root).syncJournal, aside);
    } catch {
      // moved by a concurrent run already
    }
    throw new SpecError(`${DISPLAY} is damaged (not the JSON a sync writes); moved it to ${DISPLAY}.damaged-… and sent nothing`, {
      hint: `run the sync again to continue; items created by the interrupted run may need 'spec link' (see ${basename(aside)})`,
    });
  }
  return { version: 1, items: parsed.items ?? {} };
}

/** Read-modify-write under the journal's lock; one atomic write per call (batch your changes). */
export function updateJournal(root: string, change: (items: Record<string, JournalEntry>) => void): Journal {
  const file = statePaths(root).syncJournal;
  return withLockSync(file, () => {
    const journal = readJournal(root);
    change(journal.items);
    writeFileAtomic(file, redact(`${JSON.stringify(journal, null, 1)}\n`), DISPLAY);
    return journal;
  });
}

export function recordIntents(root: string, intents: Array<{ key: string; hash: string }>, now = new Date()): void {
  if (!intents.length) return;
  updateJournal(root, (items) => {
    for (const { key, hash } of intents) items[key] = { ...items[key], intent: { at: now.toISOString(), hash } };
  });
}

export interface SyncedRecord {
  key: string;
  hash: string;
  remoteId: string;
  url?: string;
}

/** Record successful syncs (after their write-back) and clear their intents. */
export function recordSynced(root: string, records: SyncedRecord[], now = new Date()): void {
  if (!records.length) return;
  updateJournal(root, (items) => {
    for (const r of records) {
      items[r.key] = { hash: r.hash, remoteId: r.remoteId, ...(r.url ? { url: r.url } : {}), syncedAt: now.toISOString() };
    }
  });
}

/** Drop intents whose create surely never happened (the call failed before reaching the tracker). */
export function clearIntents(root: string, keys: string[]): void {
  if (!keys.length) return;
  updateJournal(root, (items) => {
    for (const k of keys) {
      const e = items[k];
      if (!e?.intent) continue;
      delete e.intent;
      if (!Object.keys(e).length) delete items[k];
    }
  });
}
