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
    // The check can see a load: once features/ exists the same entry reaches for the CLI and fails.
    mkdirSync(join(p.root, 'features'));
    const r = await run('stop', input(p.root, 'Stop'));
    expect(r.exitCode).not.toBe(0);
  });
});
