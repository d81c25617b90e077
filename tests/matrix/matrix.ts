// The failure matrix (issue 4): every failure the seed lists × every tracker it applies to. For each:
// local artifacts intact, the warning and recovery command printed, the log line written, the exit code
// as DESIGN §6 says, and the recovery command succeeding once the fault is cleared.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { FaultName, ServiceName } from '../../scripts/src/sandbox/faults.js';
import { REPO, type Project } from '../helpers/project.js';
import { sandboxClaudeMd, sandboxProject, useSandbox, type Sandbox } from '../helpers/sandbox.js';
import { useContract } from '../helpers/contract.js';

export interface MatrixCase {
  /** The seed's name for the failure. */
  name: string;
  fault?: FaultName;
  /** Instead of a fault: CLAUDE.md settings that break the configuration. */
  config?: Record<string, string>;
  /** The log line's status column. */
  logStatus: RegExp;
  /** Words the ✗ line must contain. */
  says: RegExp;
  /** Recovery command printed (and then run once the fault is cleared). */
  recovery: RegExp;
}

const SERVICE: Record<ServiceName, string> = { jira: 'JIRA', confluence: 'Confluence', linear: 'Linear', github: 'GitHub' };
const EXAMPLE = join(REPO, 'workflow', 'examples', 'user-authentication');
const DOCS = ['spec.md', 'plan.md', 'tasks.md'];

/** The operation that mirrors a feature to one tracker. */
function operation(tracker: ServiceName): string[] {
  return tracker === 'confluence' ? ['publish', '--confluence', '--feature=001'] : ['sync', '--feature=001', `--only=${tracker}`];
}

async function projectFor(sb: Sandbox, tracker: ServiceName, settings: Record<string, string> = {}): Promise<Project> {
  const p = await sandboxProject(sb, [tracker], settings, { SPEC_HTTP_TIMEOUT_SECONDS: '1', SPEC_RATE_LIMIT_MAX_WAIT_SECONDS: '5' });
  await p.spec(['new', 'User Authentication', '--no-branch']);
  const dir = join(p.root, 'features', '001-user-authentication');
  for (const f of DOCS) copyFileSync(join(EXAMPLE, f), join(dir, f));
  return p;
}

const bodies = (p: Project) => DOCS.map((f) => p.read(`features/001-user-authentication/${f}`));
const logLines = (p: Project) => {
  try {
    return readFileSync(join(p.root, '.spec-state', 'integration-errors.log'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

/** The recovery command as the helper's argv (`spec sync --feature=001` → ['sync', '--feature=001']). */
function recoveryArgs(output: string, pattern: RegExp): string[] {
  const m = pattern.exec(output);
  expect(m, `recovery command ${pattern} in:\n${output}`).not.toBeNull();
  return (m as RegExpExecArray)[0].replace(/^\/?spec[: ]/, '').trim().split(/\s+/);
}

export function matrix(tracker: ServiceName, cases: MatrixCase[]): void {
  for (const c of cases) {
    it(`${SERVICE[tracker]}: ${c.name}`, async () => {
      // Emulated time runs 60× faster, so Retry-After and pacing waits cost milliseconds.
      const sb = await useSandbox({ clockScale: 60 });
      const contract = useContract(sb);
      // GitHub answers bad credentials with 401 and a missing push right with 403 on every endpoint, though
      // its description declares them on only some: under exactly those faults, excuse exactly that.
      if (c.fault === 'auth' || c.fault === 'permission') {
        const status = c.fault === 'auth' ? 401 : 403;
        contract?.allow((v) => v.where === 'response' && v.problem.startsWith(`status ${status} is not declared`));
      }
      const p = await projectFor(sb, tracker, c.config);
      const before = bodies(p);
      if (c.fault) await sb.setFault(tracker, c.fault);

      const failed = await p.spec(operation(tracker));
      const output = `${failed.stdout}\n${failed.stderr}`;
      expect(failed.code, output).toBe(1);
      // The ✗ line names the tracker; the reason is on it or on the indented lines under it.
      expect(output).toMatch(new RegExp(`✗ [^\\n]*${SERVICE[tracker]}[^\\n]*(\\n {2,}[^\\n]*)*?(${c.says.source})`, 'i'));
      expect(bodies(p), 'local artifacts intact').toEqual(before);
      const log = logLines(p);
      expect(log.some((l) => new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\| ${SERVICE[tracker]} \\| ${c.logStatus.source} \\| .+`).test(l)), log.join('\n')).toBe(true);
      // No secret in the output, the log or any state file.
      const state = readdirSync(join(p.root, '.spec-state'), { withFileTypes: true }).filter((d) => d.isFile()).map((d) => readFileSync(join(p.root, '.spec-state', d.name), 'utf8')).join('\n');
      expect(`${output}\n${log.join('\n')}\n${state}`).not.toMatch(/sandbox-atlassian-token|lin_api_sandbox|ghp_sandbox|c2FuZGJveE/);
      const status = await p.spec(['status']);
      expect(status.stdout).toMatch(new RegExp(`✗ ${SERVICE[tracker]}: (Last sync failed|Enabled but incomplete)`));

      // Fix the cause, then run exactly the recovery command the output named.
      const retry = recoveryArgs(output, c.recovery);
      await sb.clearFault(tracker);
      const fixed = c.config ? await projectFixed(p, sb, tracker) : p;
      const again = await fixed.spec(retry);
      expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
      const after = bodies(fixed).join('\n');
      expect(after).toMatch(tracker === 'jira' ? /jira_id: PROJ-\d+/ : tracker === 'confluence' ? /confluence_page_id:/ : tracker === 'linear' ? /linear_id: / : /github_issues:/);
      await contract?.assertClean();
    });
  }
}

async function projectFixed(p: Project, sb: Sandbox, tracker: ServiceName): Promise<Project> {
  p.write('CLAUDE.md', sandboxClaudeMd(sb, [tracker]));
  return p;
}

/** Failures every tracker can have (seed §1–5, plus server errors and proxies' HTML pages). */
export function commonCases(tracker: ServiceName, recovery: RegExp): MatrixCase[] {
  const cases: MatrixCase[] = [
    { name: 'authentication failed', fault: 'auth', logStatus: /401 Unauthorized/, says: /authentication/, recovery },
    { name: 'permission denied', fault: 'permission', logStatus: /40[34] [A-Z][\w ]+/, says: /permission|not found/, recovery },
    { name: 'network timeout (retried once)', fault: 'timeout', logStatus: /Timeout/, says: /timed out|timeout|network/, recovery },
    { name: 'connection refused', fault: 'refused', logStatus: /Connection refused/, says: /network|refused|unable to reach/, recovery },
    { name: 'rate limit exceeded twice', fault: 'rate-limit', logStatus: /(429 Too Many Requests|403 Forbidden|400 Bad Request)/, says: /rate limit/, recovery: /spec sync --(pending|feature=001)|spec publish --confluence --feature=001/ },
    { name: 'server error', fault: 'server-error', logStatus: /5\d\d [A-Z][\w ]+/, says: /server error|unavailable|5\d\d/, recovery },
    { name: "a proxy's HTML error page", fault: 'html', logStatus: /502 Bad Gateway/, says: /server error|bad gateway|502/, recovery },
    { name: 'project, space, team or repository not found', fault: tracker === 'confluence' ? 'space-not-found' : 'not-found', logStatus: tracker === 'jira' ? /400 Bad Request/ : /404 Not Found/, says: /not found/, recovery },
  ];
  return cases;
}
