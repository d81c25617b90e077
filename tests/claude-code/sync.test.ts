// /spec:sync inside the real client against the sandbox: an injected auth fault gives exit 1 and the
// recovery line in the Bash result, the session ends normally, the next session's SessionStart tells
// the model about the failure, and /spec:sync --pending recovers it once the fault is gone.
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxClaudeMd, sandboxEnv, useSandbox } from '../helpers/sandbox.js';
import { clients, install, pluginTree, project, session, toolCalls, type Installed } from './client.js';
import { bash, call, commandText, fill, script } from './derive.js';

describe.concurrent.each(clients())('sync on the $name client ($version)', (client) => {
  let inst: Installed;
  let helper: string;
  beforeAll(async () => {
    const tree = await pluginTree();
    helper = join(tree, 'scripts/spec.mjs');
    inst = await install(client, tree);
  });

  it('an auth fault: exit 1 and the recovery line reach the model, the session ends normally, the next SessionStart says so, --pending recovers', async () => {
    const sb = await useSandbox();
    const env = sandboxEnv(sb, { SPEC_HTTP_TIMEOUT_SECONDS: '5' });
    const cwd = await project({ files: { 'CLAUDE.md': sandboxClaudeMd(sb, ['jira']) } });
    await execa('node', [helper, 'init'], { cwd, env });
    await execa('node', [helper, 'new', 'Export report'], { cwd, env });
    await sb.setFault('jira', 'auth');

    const failed = await session(inst, {
      cwd,
      env,
      prompt: '/spec:sync --feature=001',
      turn: script((req) => bash(fill(call(commandText(req, 'spec:sync'), 'sync --feature='), { feature: '001' }))),
    });
    expect(failed.model.errors).toEqual([]);
    const [sync] = toolCalls(failed);
    expect(sync?.isError).toBe(true);
    expect(sync?.result).toMatch(/^Exit code 1/);
    expect(sync?.result).toMatch(/✗ .*JIRA authentication error/);
    expect(sync?.result).toMatch(/→ .*spec sync --(feature=001|pending)/);
    expect(failed.exitCode).toBe(0);
    expect(failed.json.is_error).toBe(false);
    expect(failed.json.result).toBe('Done.');

    await sb.clearFault('jira');
    const recovered = await session(inst, {
      cwd,
      env,
      prompt: '/spec:sync --pending',
      turn: script((req) => bash(call(commandText(req, 'spec:sync'), 'sync --pending'))),
    });
    expect(recovered.model.errors).toEqual([]);
    expect(recovered.model.turns()[0]?.shown).toMatch(/Last sync failed for jira \(auth\)/);
    const [pending] = toolCalls(recovered);
    expect(pending?.isError, pending?.result).toBe(false);
    // Inside Claude Code sync is compact: the created story shows in its progress line, not as a ✓ line.
    expect(pending?.result).toMatch(/001: (PROJ-\d+ created|JIRA story created \(PROJ-\d+)/);
  });
});
