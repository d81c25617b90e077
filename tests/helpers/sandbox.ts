// Start the emulators in-process on free ports, and point a test project at them.
import { afterAll } from 'vitest';
import { makeProject, type Project } from './project.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../scripts/src/sandbox/server.js';
import type { ServiceName } from '../../scripts/src/sandbox/faults.js';

export type { Sandbox, SandboxOptions };

const running: Sandbox[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** A sandbox on port 0, stopped after the test file. */
export async function useSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const s = await startSandbox({ port: 0, ...options });
  running.push(s);
  return s;
}

/** CLAUDE.md text that enables the given integrations (all by default) against this sandbox. */
export function sandboxClaudeMd(sandbox: Sandbox, only: ServiceName[] = ['jira', 'confluence', 'linear', 'github'], extra: Record<string, string> = {}): string {
  const { claudeMd } = sandbox.config();
  const keep = (k: string) => {
    if (k.startsWith('SPEC_ATLASSIAN') || k.startsWith('SPEC_JIRA')) return only.includes('jira') || only.includes('confluence');
    if (k.startsWith('SPEC_CONFLUENCE')) return only.includes('confluence');
    if (k.startsWith('SPEC_LINEAR')) return only.includes('linear');
    if (k.startsWith('SPEC_GITHUB')) return only.includes('github');
    return true;
  };
  const lines = Object.entries({ ...claudeMd, ...extra }).filter(([k]) => keep(k) || k in extra).map(([k, v]) => `${k}=${v}`);
  return `# Project\n\n## Spec configuration\n${lines.join('\n')}\n`;
}

/** The secret settings (tokens) as environment variables, as a user would export them. */
export function sandboxEnv(sandbox: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return { ...sandbox.config().env, ...extra };
}

/** A temp project whose CLAUDE.md and environment point the given integrations at this sandbox. */
export async function sandboxProject(sandbox: Sandbox, only: ServiceName[], extra: Record<string, string> = {}, env: Record<string, string> = {}): Promise<Project> {
  return makeProject({ claudeMd: sandboxClaudeMd(sandbox, only, extra), env: sandboxEnv(sandbox, { SPEC_HTTP_TIMEOUT_SECONDS: '5', ...env }) });
}
