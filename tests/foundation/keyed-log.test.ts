// The snapshot + append-only log store behind the sync journal: one line per record, torn lines
// survived, compaction idempotent, other writers' lines seen.
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactKeyed, readKeyed, updateKeyed, type KeyedLogOptions } from '../../scripts/src/state/keyed-log.js';
import { tempDir } from '../helpers/project.js';

type Entry = { n: number };
function store(compactAt?: number): KeyedLogOptions<Entry> {
  const dir = tempDir('spec-keyed-');
  return {
    file: join(dir, 'journal.json'),
    log: join(dir, 'journal.log'),
    display: 'journal.json',
    decode: (json) => ((json as { items?: Record<string, Entry> })?.items ?? {}),
    encode: (items) => `${JSON.stringify({ version: 1, items })}\n`,
    ...(compactAt ? { compactAt } : {}),
  };
}
const lines = (o: KeyedLogOptions<Entry>) => readFileSync(o.log, 'utf8').split('\n').filter(Boolean);

describe('keyed log', () => {
  it('records each update as appended lines for the keys it touched, without rewriting the snapshot', () => {
    const o = store();
    writeFileSync(o.file, JSON.stringify({ version: 1, items: { old: { n: 0 } } }));
    const before = readFileSync(o.file, 'utf8');
    for (let i = 0; i < 200; i++) updateKeyed(o, (items) => void (items[`k${i}`] = { n: i }));
    updateKeyed(o, (items) => void delete items.old);
    expect(readFileSync(o.file, 'utf8')).toBe(before);
    expect(lines(o)).toHaveLength(201);
    const items = readKeyed(o);
    expect(Object.keys(items)).toHaveLength(200);
    expect(items.k7).toEqual({ n: 7 });
    expect(items.old).toBeUndefined();
  });

  it('ignores a torn last line (a writer killed mid-append) and starts the next record on a fresh line', () => {
    const o = store();
    updateKeyed(o, (items) => void (items.a = { n: 1 }));
    appendFileSync(o.log, '{"k":"b","v":{"n"');
    expect(readKeyed(o)).toEqual({ a: { n: 1 } });
    updateKeyed(o, (items) => void (items.c = { n: 3 }));
    expect(readKeyed(o)).toEqual({ a: { n: 1 }, c: { n: 3 } });
    expect(lines(o).at(-1)).toBe('{"k":"c","v":{"n":3}}');
  });

  it('compacts once the log outgrows its limit, and replaying the log again over the snapshot changes nothing', () => {
    const o = store(2_000);
    for (let i = 0; i < 30; i++) updateKeyed(o, (items) => void (items[`k${i}`] = { n: i }));
    const copy = `${o.log}.copy`;
    copyFileSync(o.log, copy);
    for (let i = 30; i < 200; i++) updateKeyed(o, (items) => void (items[`k${i}`] = { n: i }));
    expect(existsSync(o.file)).toBe(true);
    const snapshot = JSON.parse(readFileSync(o.file, 'utf8')).items as Record<string, Entry>;
    expect(Object.keys(snapshot).length).toBeGreaterThan(30);
    compactKeyed(o);
    expect(existsSync(o.log)).toBe(false);
    const all = readKeyed(o);
    expect(Object.keys(all)).toHaveLength(200);
    // A crash between the snapshot's rename and the log's removal: the old lines come back.
    copyFileSync(copy, o.log);
    expect(readKeyed(o)).toEqual(all);
  });

  it("sees another writer's lines and a snapshot replaced behind its back", () => {
    const o = store();
    updateKeyed(o, (items) => void (items.a = { n: 1 }));
    appendFileSync(o.log, '{"k":"b","v":{"n":2}}\n');
    expect(readKeyed(o)).toEqual({ a: { n: 1 }, b: { n: 2 } });
    updateKeyed(o, (items) => void (items.b = { n: (items.b?.n ?? 0) + 1 }));
    expect(readKeyed(o).b).toEqual({ n: 3 });
    compactKeyed(o);
    writeFileSync(o.file, JSON.stringify({ version: 1, items: { z: { n: 26 } } }));
    expect(readKeyed(o)).toEqual({ z: { n: 26 } });
  });

  it('treats a damaged snapshot as empty (the log still replays)', () => {
    const o = store();
    writeFileSync(o.file, '{not json');
    updateKeyed(o, (items) => void (items.a = { n: 1 }));
    expect(readKeyed(o)).toEqual({ a: { n: 1 } });
  });
});
