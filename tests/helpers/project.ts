// Shared test harness: real temp projects, the real bundle run as a child process, a clean environment.
import { execa, type Result } from 'execa';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// SPEC_BUNDLE points tests at a private build (node scripts/build.mjs --outdir=.build/NAME, then .build/NAME/scripts/spec.mjs).
export const BUNDLE = process.env.SPEC_BUNDLE ? resolve(REPO, process.env.SPEC_BUNDLE) : join(REPO, 'scripts', 'spec.mjs');
export const SHARED = resolve(REPO, '..', 'shared');

/** The environment of a user with no spec settings: no SPEC_* or GitHub tokens leak in from this machine. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('SPEC_') || k === 'GITHUB_TOKEN' || k === 'GH_TOKEN' || k.startsWith('VITEST') || k === 'CLAUDE_PLUGIN_ROOT' || k === 'CLAUDECODE' || k === 'CLAUDE_PROJECT_DIR') continue;
    env[k] = v;
  }
  return { ...env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com', ...extra };
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'spec-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Project {
  root: string;
  env: Record<string, string>;
  /** Run the bundle: `spec <args>` in the project (or `cwd`). */
  spec(args: string[], options?: { input?: string; cwd?: string; env?: Record<string, string> }): Promise<RunResult>;
  write(rel: string, content: string): void;
  read(rel: string): string;
  git(args: string[]): Promise<Result>;
}

export async function makeProject(options: { git?: boolean; claudeMd?: string; env?: Record<string, string> } = {}): Promise<Project> {
  const root = tempDir('spec-project-');
  const env: Record<string, string> = { ...(options.env ?? {}) };
  if (options.claudeMd !== undefined) writeFileSync(join(root, 'CLAUDE.md'), options.claudeMd);
  const project: Project = {
    root,
    env,
    async spec(args, o = {}) {
      const r = await execa('node', [BUNDLE, ...args], {
        cwd: o.cwd ?? root,
        env: cleanEnv({ ...env, ...(o.env ?? {}) }),
        extendEnv: false,
        reject: false,
        input: o.input ?? '',
      });
      return { code: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr };
    },
    write(rel, content) {
      const file = join(root, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    },
    read(rel) {
      return readFileSync(join(root, rel), 'utf8');
    },
    git(args) {
      return execa('git', args, { cwd: root, env: cleanEnv(), extendEnv: false });
    },
  };
  if (options.git) {
    await project.git(['init', '-q', '-b', 'main']);
    await project.git(['commit', '-q', '--allow-empty', '-m', 'init']);
  }
  return project;
}
