// The pinned Claude Code validator (`claude plugin validate --strict`) accepts the plugin and the
// marketplace. It runs offline with a throwaway HOME so no user setting or login leaks in.
import { execa } from 'execa';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, REPO, tempDir } from '../helpers/project.js';

const CLAUDE = join(REPO, 'node_modules', '.bin', 'claude');

async function validate(path: string): Promise<{ code: number; output: string }> {
  const home = tempDir('spec-claude-home-');
  const r = await execa(CLAUDE, ['plugin', 'validate', '--strict', path], {
    env: cleanEnv({ HOME: home, DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' }),
    extendEnv: false,
    reject: false,
    cwd: home,
  });
  return { code: r.exitCode ?? 1, output: `${r.stdout}\n${r.stderr}` };
}

describe('claude plugin validate --strict', () => {
  it('passes on the plugin (manifest, commands, agents, skills, hooks)', async () => {
    const r = await validate(join(REPO, '.claude-plugin', 'plugin.json'));
    expect(r.output).toContain('Validation passed');
    expect(r.code).toBe(0);
  });

  it('passes on the marketplace', async () => {
    const r = await validate(join(REPO, '.claude-plugin', 'marketplace.json'));
    expect(r.output).toContain('Validation passed');
    expect(r.code).toBe(0);
  });

  it('fails on a copy of the plugin with a broken command and hook (the check can fail)', async () => {
    const copy = tempDir('spec-plugin-copy-');
    for (const dir of ['.claude-plugin', 'commands', 'agents', 'skills', 'hooks']) cpSync(join(REPO, dir), join(copy, dir), { recursive: true });
    writeFileSync(join(copy, 'commands', 'broken.md'), '---\nallowed-tools: 3\n---\nbroken\n');
    const hooks = JSON.parse(readFileSync(join(copy, 'hooks', 'hooks.json'), 'utf8'));
    hooks.hooks.NoSuchEvent = [];
    writeFileSync(join(copy, 'hooks', 'hooks.json'), JSON.stringify(hooks));
    const r = await validate(join(copy, '.claude-plugin', 'plugin.json'));
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/allowed-tools/);
    expect(r.output).toMatch(/NoSuchEvent/);
  });

  it('manifest and marketplace agree with package.json', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    const plugin = JSON.parse(readFileSync(join(REPO, '.claude-plugin', 'plugin.json'), 'utf8'));
    const market = JSON.parse(readFileSync(join(REPO, '.claude-plugin', 'marketplace.json'), 'utf8'));
    expect(plugin.name).toBe('spec');
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.license).toBe('MIT');
    expect(typeof plugin.author?.name).toBe('string');
    expect(plugin.keywords.length).toBeGreaterThan(3);
    expect(typeof plugin.repository).toBe('string');
    expect(typeof market.owner?.name).toBe('string');
    const entry = market.plugins.find((p: { name: string }) => p.name === 'spec');
    expect(entry?.source).toBe('./');
    expect(entry?.version).toBe(pkg.version);
  });
});
