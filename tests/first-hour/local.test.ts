// Items 4 and 9 (helper part): closed pipes, malformed task lines, [CLARIFY] in comments, one phase.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BUNDLE, cleanEnv, makeProject } from '../helpers/project.js';

describe('a closed pipe', () => {
  it('is a quiet exit 0 for status, validate and test-integration', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    for (let i = 1; i <= 3; i++) await p.spec(['new', `Feature ${i}`, '--no-branch']);
    // `| true` closes the pipe before the helper writes: every write after that is EPIPE.
    for (const command of ['status', 'validate --all', 'test-integration --all', 'status --json', '--help']) {
      const r = await execa('bash', ['-c', `set -o pipefail; node "${BUNDLE}" ${command} | true`], { cwd: p.root, env: cleanEnv(), extendEnv: false, reject: false });
      expect(r.stderr, command).toBe('');
      expect(r.exitCode, command).toBe(0);
    }
  });
});

describe('validate and status read tasks and markers the same way', () => {
  it('reports malformed task lines with their line numbers', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Tasks', '--no-branch']);
    p.write('features/001-tasks/plan.md', '# Plan\n');
    p.write('features/001-tasks/tasks.md', '# Tasks\n\n- [ ] T001 Fine\n- [] T008 No space\n- [ ] T11 Two digits\n- [ ]T012 Glued\n1. [ ] T013 Numbered\n<!-- - [] T099 in a comment -->\n');
    const r = await p.spec(['validate']);
    expect(r.code).toBe(1);
    for (const [line, id] of [[4, 'T008'], [5, 'T11'], [6, 'T012'], [7, 'T013']] as const) {
      expect(r.stdout).toMatch(new RegExp(`tasks\\.md:${line}\\b.*${id}.*is not read as a task`));
    }
    expect(r.stdout).not.toContain('T099');
  });

  it('ignores [CLARIFY] inside HTML comments in both status and validate, and new agrees with status', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    p.write('.spec/templates/spec.md', '---\ntitle: "{{title}}"\n---\n# {{title}}\n\n<!-- Write [CLARIFY: question] for open points. -->\n\n### US1 [P1] As a user, I want it\n\n- AC1.1 Given x, when y, then z\n');
    const made = await p.spec(['new', 'Commented', '--no-branch', '--json']);
    expect((JSON.parse(made.stdout) as { feature: { phase: string } }).feature.phase).toBe('Specification');
    expect(p.read('.spec-state/current-session.md')).toContain('phase: Specification');
    const status = JSON.parse((await p.spec(['status', '--json'])).stdout) as { feature: { phase: string } };
    expect(status.feature.phase).toBe('Specification');
    const v = await p.spec(['validate']);
    expect(v.stdout).toContain('no open [CLARIFY] markers');
  });
});
