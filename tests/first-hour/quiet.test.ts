// Item 8: output sized for Claude's Bash tool: --quiet (and the default inside Claude Code off a terminal)
// prints failures and the summary only, a few KB whatever the number of features; --json stays complete.
import { describe, expect, it } from 'vitest';
import { boundedText, QUIET_BUDGET } from '../../scripts/src/core/output.js';
import { makeProject } from '../helpers/project.js';

describe('quiet output', () => {
  it('keeps the head and the summary of a long report within the budget', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `✗ ${String(i).padStart(4, '0')}: JIRA refused the story: 400 Bad Request\n`);
    lines.push('3 features synced, 5000 failed → /spec:sync --pending\n');
    const text = boundedText(lines, 12);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(QUIET_BUDGET + 200);
    expect(text.startsWith('✗ 0000')).toBe(true);
    expect(text).toContain('more lines not shown (--json lists everything)');
    expect(text).toContain('5000 failed → /spec:sync --pending\n');
    expect(text).toContain('(12 success lines not shown: --quiet)');
  });

  it('validate --all over 150 features: full, --quiet, the Claude Code default and --json', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    const spec = (n: number) => `---\ntitle: "F${n}"\n---\n# F${n}\n\n### US1 [P1] As a user, I want ${n}\n\n- AC1.1 Given a, when b, then c\n`;
    for (let n = 1; n <= 150; n++) p.write(`features/${String(n).padStart(3, '0')}-f${n}/spec.md`, spec(n));
    p.write('features/151-broken/spec.md', '# Broken\n');
    p.write('features/151-broken/tasks.md', '# Tasks\n\n- [] T001 malformed\n');
    const full = await p.spec(['validate', '--all']);
    expect(full.stdout.length).toBeGreaterThan(QUIET_BUDGET * 2);
    for (const args of [['validate', '--all', '--quiet'], ['validate', '--all']] as const) {
      const r = await p.spec([...args], args.length === 2 ? { env: { CLAUDECODE: '1' } } : {});
      expect(r.code).toBe(1);
      expect(Buffer.byteLength(r.stdout), args.join(' ')).toBeLessThanOrEqual(QUIET_BUDGET + 200);
      expect(r.stdout).toContain('is not read as a task');
      expect(r.stdout).toMatch(/error.*fix the ✗ lines/);
      expect(r.stdout).not.toContain('Feature 001-f1:');
    }
    const verbose = await p.spec(['validate', '--all', '--verbose'], { env: { CLAUDECODE: '1' } });
    expect(verbose.stdout).toBe(full.stdout);
    const json = JSON.parse((await p.spec(['validate', '--all', '--json', '--quiet'])).stdout) as { artifacts: { features: unknown[] } };
    expect(json.artifacts.features).toHaveLength(151);
  });
});
