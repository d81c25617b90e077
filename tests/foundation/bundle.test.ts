// The bundle must run from a marketplace install: the plugin's files, no node_modules, no build step.
import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, cleanEnv, REPO, tempDir } from '../helpers/project.js';

describe('the committed bundle', () => {
  it('runs with no node_modules anywhere above it', async () => {
    const plugin = tempDir('spec-plugin-');
    const distDir = join(BUNDLE, '..', '..', 'dist');
    for (const part of ['.claude-plugin', 'workflow']) cpSync(join(REPO, part), join(plugin, part), { recursive: true });
    mkdirSync(join(plugin, 'scripts'));
    cpSync(BUNDLE, join(plugin, 'scripts', 'spec.mjs'));
    cpSync(distDir, join(plugin, 'dist'), { recursive: true });
    expect(existsSync(join(plugin, 'node_modules'))).toBe(false);

    // Every import in the bundle is a Node built-in or one of its own chunks. (A `require(…)` right after a quote or
    // backtick is ajv's standalone-code text inside a string, never executed.)
    for (const file of [join(plugin, 'scripts', 'spec.mjs'), ...readdirSync(join(plugin, 'dist')).map((f) => join(plugin, 'dist', f))]) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/(?:^|\n)\s*import\s[^'"]*?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?<![`'])require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
      for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(/^(node:|\.\/|\.\.\/)|^(fs|path|os|url|util|crypto|events|stream|child_process|http|https|net|tty|zlib|buffer|assert|module|process|string_decoder|timers|worker_threads|readline|perf_hooks|v8|vm|constants|dns|querystring)(\/|$)/);
    }

    const project = tempDir('spec-user-');
    const spec = (args: string[]) =>
      execa('node', [join(plugin, 'scripts', 'spec.mjs'), ...args], { cwd: project, env: cleanEnv({ NODE_PATH: '' }), extendEnv: false, reject: false, input: '' });
    expect((await spec(['init'])).exitCode).toBe(0);
    const created = await spec(['new', 'From a clean install']);
    expect(created.exitCode).toBe(0);
    expect(readFileSync(join(project, 'features/001-from-a-clean-install/spec.md'), 'utf8')).toContain('From a clean install');
    expect((await spec(['status'])).stdout).toContain('001-from-a-clean-install');
    expect((await spec(['validate', '--config'])).exitCode).toBe(0);
  });

  it('a hook fails open when a chunk is broken: exit 0 and a systemMessage, while commands still fail', async () => {
    const plugin = tempDir('spec-broken-');
    mkdirSync(join(plugin, 'scripts'));
    cpSync(BUNDLE, join(plugin, 'scripts', 'spec.mjs'));
    cpSync(join(BUNDLE, '..', '..', 'dist'), join(plugin, 'dist'), { recursive: true });
    rmSync(join(plugin, 'dist', 'cli.mjs'));
    // A spec project (features/ exists), so the entry does not answer early and has to load the CLI.
    mkdirSync(join(plugin, 'features'));
    const run = (args: string[], input: string) => execa('node', [join(plugin, 'scripts', 'spec.mjs'), ...args], { cwd: plugin, env: cleanEnv(), extendEnv: false, reject: false, input });
    const hook = await run(['hook', 'post-tool-use'], JSON.stringify({ tool_input: { file_path: 'features/001-a/spec.md' } }));
    expect(hook.exitCode).toBe(0);
    expect(JSON.parse(hook.stdout).systemMessage).toMatch(/spec hook skipped/);
    expect((await run(['status'], '')).exitCode).not.toBe(0);
  });

  it('keeps the install light: no runtime dependencies, dev tools omitted by the plugin install', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(readFileSync(join(REPO, '.npmrc'), 'utf8')).toMatch(/^omit=dev$/m);
  });
});
