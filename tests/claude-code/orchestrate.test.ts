// /spec:orchestrate through every phase in the real client with every tracker configured and
// failing (connection refused): each local artifact is written, each phase's sync reports ✗ with a
// recovery command and the run goes on, and the closing summary has the seed's Scenario 3 shape
// (✓ per local artifact, ✗ per tracker, → recovery), built only from lines the helper printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxClaudeMd, sandboxEnv, useSandbox } from '../helpers/sandbox.js';
import { clients, install, pluginTree, project, REPO, session, toolCalls, type Installed } from './client.js';
import { bash, call, commandText, featureFrom, fill, helperCalls, rest } from './derive.js';
import type { Reply, Req } from './model-server.js';

const AGENT_BODY = readFileSync(join(REPO, 'agents/spec-implementer.md'), 'utf8').split('\n---\n')[1]?.trim().split('\n')[0] ?? '';
const TITLE = 'Export report';

describe.concurrent.each(clients())('orchestrate on the $name client ($version)', (client) => {
  let inst: Installed;
  beforeAll(async () => {
    inst = await install(client, await pluginTree());
  });

  it('/spec:orchestrate "<title>" with every integration failing: all phases done locally, the Scenario 3 summary', { timeout: 180_000 }, async () => {
    const sb = await useSandbox();
    for (const s of ['jira', 'confluence', 'linear', 'github'] as const) await sb.setFault(s, 'refused');
    const env = sandboxEnv(sb, { SPEC_HTTP_TIMEOUT_SECONDS: '3' });
    const cwd = await project({ files: { 'CLAUDE.md': sandboxClaudeMd(sb, undefined, { SPEC_SYNC_MODE: 'auto' }) } });
    let feature = '';
    let dir = '';
    const summary: string[] = [];

    const turn = (req: Req): Reply => {
      if (req.system.includes(AGENT_BODY)) {
        if (req.calls().length === 0) return bash(fill(call(req.system, 'task done T003'), { task: 'T001', feature }));
        return { text: 'T001 done.' };
      }
      const text = commandText(req, 'spec:orchestrate');
      const calls = helperCalls(text);
      const sync = fill(call(text, 'sync --feature=<N>'), { feature });
      const steps: ((r: Req) => Reply)[] = [
        () => bash(call(text, 'status --json')),
        () => bash(call(text, 'init')),
        () => bash(fill(call(text, `new '<the title>'`), { title: TITLE })),
        (r) => {
          feature = featureFrom(r.lastResult()?.result ?? '');
          dir = /features\/(\d{3}-[a-z0-9-]+)/.exec(r.lastResult()?.result ?? '')?.[1] ?? '';
          return { tool: 'Read', input: { file_path: join(cwd, 'features', dir, 'spec.md') } };
        },
        () => ({ tool: 'Write', input: { file_path: join(cwd, 'features', dir, 'spec.md'), content: spec(dir) } }),
        () => bash(fill(sync, { feature })),
        () => {
          const template = /`(\/[^`]*\/workflow\/templates\/plan\.md)`/.exec(text)?.[1];
          if (!template) throw new Error('orchestrate.md does not name the plan template');
          return { tool: 'Read', input: { file_path: template } };
        },
        (r) => ({ tool: 'Write', input: { file_path: join(cwd, 'features', dir, 'plan.md'), content: plan(r.lastResult()?.result ?? '', dir) } }),
        () => bash(fill(calls.find((c) => rest(c) === 'validate --feature=<N>') ?? '', { feature })),
        () => bash(fill(sync, { feature })),
        () => ({ tool: 'Write', input: { file_path: join(cwd, 'features', dir, 'tasks.md'), content: TASKS } }),
        () => bash(fill(calls.find((c) => rest(c) === 'validate --feature=<N>') ?? '', { feature })),
        () => bash(fill(sync, { feature })),
        (r) => ({
          tool: r.tools.includes('Agent') ? 'Agent' : 'Task',
          input: { description: 'Implement T001', subagent_type: 'spec:spec-implementer', prompt: `Feature ${feature} (features/${dir}/): ${TASKS.split('\n')[4]}`, ...(text.includes('`run_in_background: false`') ? { run_in_background: false } : {}) },
        }),
        () => bash(calls.find((c) => rest(c) === 'status') ?? 'false'),
        () => bash(fill(calls.filter((c) => rest(c) === 'validate --feature=<N>').at(-1) ?? '', { feature })),
        () => bash(call(text, 'audit --missing-integrations')),
      ];
      const n = req.calls().length;
      const step = steps[n];
      if (step) return step(req);
      // The closing summary, in the helper's style, from the lines it printed.
      const printed = req.calls().flatMap((c) => c.result.split('\n')).map((l) => l.trim());
      const fails = printed.filter((l) => l.startsWith('✗ '));
      const recovery = new Set(fails.flatMap((l) => (l.includes(' → ') ? [`→ ${l.split(' → ')[1]}`] : [])));
      summary.push(...new Set(printed.filter((l) => l.startsWith('✓ Created'))), ...new Set(fails.map((l) => l.split(' → ')[0] as string)), ...recovery);
      return { text: summary.join('\n') };
    };

    const r = await session(inst, { cwd, env, prompt: `/spec:orchestrate ${TITLE}`, turn });
    expect(r.model.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.json.is_error).toBe(false);
    expect(r.results.flatMap((x) => x.permission_denials ?? [])).toEqual([]);
    const calls = toolCalls(r);
    const syncs = calls.filter((c) => / sync --feature=/.test(String(c.input.command ?? '')));
    expect(syncs).toHaveLength(3);
    for (const s of syncs) {
      expect(s.result).toMatch(/^Exit code 1/);
      expect(s.result).toMatch(/✗ .*(network|connection|refused|unreachable)/i);
      expect(s.result).toMatch(/→ .*spec sync --/);
    }
    // Every phase happened locally.
    for (const f of ['spec.md', 'plan.md', 'tasks.md']) expect(readFileSync(join(cwd, 'features', dir, f), 'utf8').length).toBeGreaterThan(0);
    expect(readFileSync(join(cwd, 'features', dir, 'tasks.md'), 'utf8')).toMatch(/- \[x\] T001/);
    const status = calls.find((c) => /spec\.mjs" status$/.test(String(c.input.command)));
    expect(status?.result).toMatch(/1\/1/);
    // The seed's Scenario 3 shape: ✓ local artifact, ✗ per tracker, → recovery commands.
    const final = r.json.result ?? '';
    expect(final).toMatch(/^✓ /m);
    for (const t of ['JIRA', 'Confluence', 'Linear', 'GitHub']) expect(final, t).toMatch(new RegExp(`^✗ .*${t}`, 'mi'));
    expect(final).toMatch(/^→ .*spec sync --/m);
  });
});

const TASKS = `# Tasks: ${TITLE}

## Phase 1: Setup

- [ ] T001 [US1] P1 Write the CSV export and its test for AC1.1 (src/export.ts)
`;

function spec(dir: string): string {
  return `---
title: "${TITLE}"
feature: "${dir}"
status: draft
branch: "feature/${dir}"
---

# ${TITLE}

## User Stories

### US1 [P1] As an analyst, I want a CSV export, so that I can share numbers

- AC1.1 Given a report, when I export it, then I get a CSV file.
`;
}

function plan(template: string, dir: string): string {
  return template
    .replace(/^\s*\d+\t/gm, '')
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .replaceAll('{{title}}', TITLE)
    .replaceAll('{{id}}', dir.slice(0, 3))
    .replaceAll('{{feature}}', dir)
    .replaceAll('{{date}}', '2026-01-01')
    .replaceAll('{{branch}}', `feature/${dir}`);
}
