// hooks/hooks.json wires each event to the helper; each hook, fed the stdin JSON Claude Code documents
// for its event (or garbage), exits 0 and prints nothing or valid hook output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO, type Project } from '../helpers/project.js';

interface HookEntry {
  matcher?: string;
  hooks: Array<{ type: string; command: string; args?: string[]; timeout?: number }>;
}
const config = JSON.parse(readFileSync(join(REPO, 'hooks', 'hooks.json'), 'utf8')) as { hooks: Record<string, HookEntry[]> };

const EVENTS = ['SessionStart', 'PostToolUse', 'Stop'] as const;
type Event = (typeof EVENTS)[number];

/** The helper arguments of the event's hook command (`hook session-start`, …). */
function hookArgs(event: Event): string[] {
  // Exec form: `node` with the helper path and its arguments as a list (no shell to quote for).
  const hook = config.hooks[event]?.[0]?.hooks[0];
  const [script, ...rest] = hook?.args ?? [];
  if (hook?.command !== 'node' || script !== '${CLAUDE_PLUGIN_ROOT}/scripts/spec.mjs') throw new Error(`hooks.json ${event}: does not call the helper in exec form: ${JSON.stringify(hook)}`);
  return rest;
}

function stdinFor(event: Event, root: string, file?: string): string {
  const common = { session_id: 'test-session', transcript_path: join(root, 'transcript.jsonl'), cwd: root, permission_mode: 'default' };
  if (event === 'SessionStart') return JSON.stringify({ ...common, hook_event_name: 'SessionStart', source: 'startup' });
  if (event === 'Stop') return JSON.stringify({ ...common, hook_event_name: 'Stop', stop_hook_active: false });
  return JSON.stringify({
    ...common,
    hook_event_name: 'PostToolUse',
    tool_name: 'Write',
    tool_input: { file_path: file ?? join(root, 'src', 'index.ts'), content: 'x' },
    tool_response: { filePath: file ?? join(root, 'src', 'index.ts'), success: true },
  });
}

const ALLOWED_KEYS = new Set(['continue', 'suppressOutput', 'stopReason', 'decision', 'reason', 'systemMessage', 'hookSpecificOutput']);

/** Empty, or one JSON object Claude Code accepts as hook output for this event. */
function expectValidOutput(event: Event, stdout: string): Record<string, unknown> | undefined {
  if (!stdout.trim()) return undefined;
  const out = JSON.parse(stdout) as Record<string, unknown>;
  expect(typeof out).toBe('object');
  for (const key of Object.keys(out)) expect(ALLOWED_KEYS, `unexpected key ${key}`).toContain(key);
  if ('systemMessage' in out) expect(typeof out.systemMessage).toBe('string');
  if ('decision' in out) expect(out.decision).not.toBe('block'); // our hooks never block
  if ('continue' in out) expect(out.continue).not.toBe(false);
  const specific = out.hookSpecificOutput as Record<string, unknown> | undefined;
  if (specific) {
    expect(specific.hookEventName).toBe(event);
    if ('additionalContext' in specific) expect(typeof specific.additionalContext).toBe('string');
  }
  return out;
}

describe('hooks/hooks.json', () => {
  it('has exactly one entry per event, each calling the helper', () => {
    expect(Object.keys(config.hooks).sort()).toEqual([...EVENTS].sort());
    for (const event of EVENTS) {
      expect(config.hooks[event]).toHaveLength(1);
      expect(config.hooks[event]?.[0]?.hooks).toHaveLength(1);
      expect(config.hooks[event]?.[0]?.hooks[0]?.type).toBe('command');
    }
    expect(config.hooks.PostToolUse?.[0]?.matcher).toBe('Write|Edit');
    expect(hookArgs('SessionStart')).toEqual(['hook', 'session-start']);
    expect(hookArgs('PostToolUse')).toEqual(['hook', 'post-tool-use']);
    expect(hookArgs('Stop')).toEqual(['hook', 'stop']);
  });
});

describe('hook commands fed their documented stdin', () => {
  let project: Project;
  let specFile: string;
  beforeAll(async () => {
    project = await makeProject({ git: true });
    expect((await project.spec(['init'])).code).toBe(0);
    const made = await project.spec(['new', 'Hook check']);
    expect(made.code).toBe(0);
    specFile = join(project.root, 'features', '001-hook-check', 'spec.md');
  });

  it('SessionStart gives the current feature and next step as additionalContext', async () => {
    const r = await project.spec(hookArgs('SessionStart'), { input: stdinFor('SessionStart', project.root) });
    expect(r.code).toBe(0);
    const out = expectValidOutput('SessionStart', r.stdout);
    const context = (out?.hookSpecificOutput as { additionalContext?: string } | undefined)?.additionalContext ?? '';
    expect(context).toContain('001-hook-check');
  });

  it('PostToolUse on a feature file and on another file', async () => {
    for (const file of [specFile, join(project.root, 'src', 'index.ts')]) {
      const r = await project.spec(hookArgs('PostToolUse'), { input: stdinFor('PostToolUse', project.root, file) });
      expect(r.code).toBe(0);
      expectValidOutput('PostToolUse', r.stdout);
    }
  });

  it('PostToolUse with validate-on-save enabled', async () => {
    const r = await project.spec(hookArgs('PostToolUse'), {
      input: stdinFor('PostToolUse', project.root, specFile),
      env: { SPEC_VALIDATE_ON_SAVE: 'true' },
    });
    expect(r.code).toBe(0);
    expectValidOutput('PostToolUse', r.stdout);
  });

  it('Stop saves the session', async () => {
    const r = await project.spec(hookArgs('Stop'), { input: stdinFor('Stop', project.root) });
    expect(r.code).toBe(0);
    expectValidOutput('Stop', r.stdout);
    expect(project.read('.spec-state/current-session.md')).toContain('001-hook-check');
  });

  it.each(EVENTS)('%s outside a spec project, with empty stdin and with non-JSON stdin', async (event) => {
    const outside = await makeProject();
    for (const input of [stdinFor(event, outside.root), '', 'not json at all', '[1,2]']) {
      const r = await outside.spec(hookArgs(event), { input });
      expect(r.code, `${event} with ${JSON.stringify(input).slice(0, 30)}`).toBe(0);
      expectValidOutput(event, r.stdout);
    }
  });
});
