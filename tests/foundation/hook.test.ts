import { execa } from 'execa';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, cleanEnv, makeProject, tempDir } from '../helpers/project.js';

const input = (root: string, event: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ session_id: 'sess-1', transcript_path: '/tmp/t.jsonl', cwd: root, hook_event_name: event, ...extra });

describe('spec hook', () => {
  it('returns at once, silently, for a PostToolUse outside features/', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['init']);
    const r = await p.spec(['hook', 'post-tool-use'], { input: input(p.root, 'PostToolUse', { tool_name: 'Edit', tool_input: { file_path: join(p.root, 'src/index.ts') } }) });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refreshes progress and session when a feature file changes', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Hooked', '--no-branch']);
    p.write('features/001-hooked/plan.md', '# Plan\n');
    p.write('features/001-hooked/tasks.md', '- [x] T001 a\n- [ ] T002 b\n');
    const file = join(p.root, 'features/001-hooked/tasks.md');
    const r = await p.spec(['hook', 'post-tool-use'], { input: input(p.root, 'PostToolUse', { tool_name: 'Write', tool_input: { file_path: file } }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(p.read('.spec-memory/WORKFLOW-PROGRESS.md')).toContain('| 001-hooked | Hooked | Implementation | 1/2 (50%) | - |');
    expect(p.read('.spec-state/current-session.md')).toContain('phase: Implementation');
  });

  it('gives SessionStart the current feature, phase and next step as additionalContext', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Resume me', '--no-branch']);
    const r = await p.spec(['hook', 'session-start'], { input: input(p.root, 'SessionStart', { source: 'startup' }) });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.hookSpecificOutput.hookEventName).toBe('SessionStart');
    expect(out.hookSpecificOutput.additionalContext).toContain('001-resume-me');
    expect(out.hookSpecificOutput.additionalContext).toContain('Next step: /spec:');
  });

  it('saves the session on Stop and prints nothing that could block', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Stopper', '--no-branch']);
    const r = await p.spec(['hook', 'stop'], { input: input(p.root, 'Stop', { stop_hook_active: false }) });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(p.read('.spec-state/current-session.md')).toContain('session_id: sess-1');
  });

  it('stays silent in a project that does not use spec', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    const r = await p.spec(['hook', 'session-start'], { input: input(p.root, 'SessionStart') });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reports empty or non-JSON stdin through systemMessage and exits 0', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    for (const stdin of ['', 'not json', '[1,2]']) {
      const r = await p.spec(['hook', 'post-tool-use'], { input: stdin });
      expect(r.code, stdin).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.systemMessage).toMatch(/^spec hook post-tool-use: stdin/);
      expect(Object.keys(out)).toEqual(['systemMessage']);
    }
  });

  it('never fails the session on a broken feature file', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'Broken', '--no-branch']);
    p.write('features/001-broken/spec.md', '---\ntitle: [oops\n---\n');
    const r = await p.spec(['hook', 'session-start'], { input: input(p.root, 'SessionStart') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).systemMessage).toContain('features/001-broken/spec.md');
  });

  it('answers every event outside a spec project from the entry file alone, loading nothing else', async () => {
    // The entry copied without its chunks: any import of the CLI would fail the run.
    const lone = join(tempDir('spec-entry-'), 'spec.mjs');
    copyFileSync(BUNDLE, lone);
    const p = await makeProject({ claudeMd: '# p\n' });
    const run = (event: string, stdin: string) => execa('node', [lone, 'hook', event], { cwd: p.root, input: stdin, env: cleanEnv(), reject: false });
    for (const [event, name] of [['session-start', 'SessionStart'], ['stop', 'Stop'], ['post-tool-use', 'PostToolUse']] as const) {
      const r = await run(event, input(p.root, name, { tool_name: 'Edit', tool_input: { file_path: join(p.root, 'features/001-x/spec.md') } }));
      expect({ code: r.exitCode, stdout: r.stdout, stderr: r.stderr }, event).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    // The check can see a load: once features/ exists the same entry reaches for the CLI, cannot load it,
    // and fails open with a note (so the lone entry would have said so above, had it tried).
    mkdirSync(join(p.root, 'features'));
    const r = await run('stop', input(p.root, 'Stop'));
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).systemMessage).toContain('could not load');
  });

  it('updates only the edited feature\'s progress row, reading no other feature, and regenerates the table when features change', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'First', '--no-branch']);
    await p.spec(['new', 'Second', '--no-branch']);
    p.write('features/002-second/plan.md', '# Plan\n');
    p.write('features/002-second/tasks.md', '- [x] T001 a\n- [ ] T002 b\n');
    const edit = (file: string) => p.spec(['hook', 'post-tool-use'], { input: input(p.root, 'PostToolUse', { tool_name: 'Write', tool_input: { file_path: join(p.root, file) } }) });
    expect((await edit('features/002-second/tasks.md')).stdout).toBe('');
    const firstRow = p.read('.spec-memory/WORKFLOW-PROGRESS.md').split('\n').find((l) => l.startsWith('| 001-first |'));
    expect(firstRow).toBeDefined();
    // Another feature's files made unreadable: a hook that re-read every feature would now fail.
    p.write('features/001-first/spec.md', '---\ntitle: [broken\n---\n');
    p.write('features/002-second/tasks.md', '- [x] T001 a\n- [x] T002 b\n');
    const r = await edit('features/002-second/tasks.md');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const table = p.read('.spec-memory/WORKFLOW-PROGRESS.md');
    expect(table).toContain('| 002-second | Second | Complete | 2/2 (100%) | - |');
    expect(table).toContain(`${firstRow}\n`);
    const stop = await p.spec(['hook', 'stop'], { input: input(p.root, 'Stop') });
    expect(stop).toEqual({ code: 0, stdout: '', stderr: '' });
    // A feature added behind the hooks' back: the rows no longer match features/, so the table is rebuilt.
    p.write('features/001-first/spec.md', '# First\n');
    p.write('features/003-third/spec.md', '# Third\n');
    await edit('features/002-second/tasks.md');
    expect(p.read('.spec-memory/WORKFLOW-PROGRESS.md')).toContain('| 003-third | Third | Specification | - | - |');
  });
});
