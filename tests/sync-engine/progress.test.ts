import { describe, expect, it } from 'vitest';
import type { ItemResult } from '../../scripts/src/sync/executor.js';
import { progressReporter } from '../../scripts/src/sync/report.js';

const result = (outcome: ItemResult['outcome'], n: number): ItemResult =>
  ({ outcome, featureId: '003', tracker: 'github', item: `T00${n}`, label: `GitHub issue T00${n}`, key: `003-x/github/T00${n}`, remote: { id: String(n), display: `#${n}` } }) as unknown as ItemResult;

describe('sync progress', () => {
  it('draws one bar with counts on a terminal, redrawn in place, and ends the line', () => {
    const out: string[] = [];
    const p = progressReporter({ write: (s) => out.push(s), isTTY: true });
    p.onItem(result('created', 1), 1, 4);
    p.onItem(result('failed', 2), 2, 4);
    p.end();
    expect(out[0]).toBe('\r\x1b[2K[######..................] 1/4 1 created');
    expect(out[1]).toBe('\r\x1b[2K[############............] 2/4 1 created, 1 failed');
    expect(out[2]).toBe('\n');
  });

  it('prints one plain line per item elsewhere', () => {
    const out: string[] = [];
    const p = progressReporter({ write: (s) => out.push(s), isTTY: false });
    p.onItem(result('created', 1), 1, 2);
    p.end();
    expect(out).toEqual(['[1/2] 003: GitHub issue T001 created (#1)\n']);
  });
});
