// Installing the plugin as a user does: a marketplace added from a git URL (served on loopback) or a
// directory, then `plugin install`. The install must run no package manager: npm's registry is a
// counting server on loopback, and the plugin cache must hold no node_modules.
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clients, install, pluginRepo, pluginTree, project, session } from './client.js';
import { bash, call, commandText, script } from './derive.js';
import { serveGit } from './git-server.js';

/** A registry that answers nothing and counts what it was asked. */
async function countingRegistry(): Promise<{ url: string; asked: string[]; stop: () => Promise<void> }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, asked, stop: () => new Promise((ok) => server.close(() => ok())) };
}

const registries: Awaited<ReturnType<typeof countingRegistry>>[] = [];
afterAll(async () => {
  await Promise.all(registries.map((r) => r.stop()));
});

function findNodeModules(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    if (e.name === 'node_modules') out.push(join(dir, e.name));
    else if (e.name !== '.git') out.push(...findNodeModules(join(dir, e.name)));
  }
  return out;
}

describe.concurrent.each(clients())('install on the $name client ($version)', (client) => {
  it.concurrent.each(['git URL on loopback', 'directory'])('from a marketplace added as a %s: no npm run, no node_modules, /spec:status works', async (kind) => {
    const registry = await countingRegistry();
    registries.push(registry);
    const npmEnv = { npm_config_registry: registry.url, NPM_CONFIG_REGISTRY: registry.url };
    const source = kind === 'directory' ? await pluginTree() : `${await serveGit(dirname(await pluginRepo()))}/spec.git`;
    const inst = await install(client, source, npmEnv);
    expect(inst.log).toMatch(/Successfully installed plugin: spec@/);
    expect(registry.asked).toEqual([]);
    const cache = join(inst.home, '.claude/plugins/cache');
    expect(existsSync(cache)).toBe(true);
    expect(findNodeModules(cache)).toEqual([]);
    expect(findNodeModules(inst.root)).toEqual([]);
    expect(existsSync(join(inst.root, 'scripts/spec.mjs'))).toBe(true);
    if (kind !== 'directory') expect(inst.root.startsWith(cache)).toBe(true);

    // The installed copy runs: /spec:status's own call, from the root the client substituted.
    const cwd = await project();
    const r = await session(inst, { cwd, prompt: '/spec:status', env: npmEnv, turn: script((req) => bash(call(commandText(req, 'spec:status'), 'status'))) });
    expect(r.model.errors).toEqual([]);
    const status = r.model.turns().at(-1)?.lastResult();
    expect(status?.isError).toBe(false);
    expect(String(status?.input.command)).toContain('/scripts/spec.mjs" status');
    expect(registry.asked).toEqual([]);
  });
});
