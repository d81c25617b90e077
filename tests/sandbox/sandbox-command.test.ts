// `spec sandbox` as a user runs it: start it, paste the printed CLAUDE.md lines, export the printed
// variables, and `spec test-integration --all` reports 4/4 ready.
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE, cleanEnv, makeProject, tempDir } from '../helpers/project.js';

const children: ResultPromise[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.kill('SIGINT');
    await c.catch(() => undefined);
  }
});

/** Start `spec sandbox` and collect its stdout until the closing hint line. */
async function startSandbox(args: string[]): Promise<{ child: ResultPromise; printed: string }> {
  const child = execa('node', [BUNDLE, 'sandbox', ...args], { cwd: tempDir(), env: cleanEnv(), extendEnv: false, reject: false });
  children.push(child);
  let printed = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      printed += d.toString();
      if (printed.includes('→ spec test-integration --all')) resolve();
    });
    child.on('exit', () => reject(new Error(`sandbox exited early:\n${printed}`)));
  });
  return { child, printed };
}

function parse(printed: string) {
  const claudeMd = printed.split('\n').filter((l) => /^SPEC_[A-Z_]+=/.test(l));
  const env = Object.fromEntries(
    printed
      .split('\n')
      .filter((l) => l.startsWith('export '))
      .map((l) => l.slice('export '.length).split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
  const admin = /Admin\s+(\S+)\/faults/.exec(printed)?.[1] as string;
  return { claudeMd, env, admin };
}

describe('spec sandbox', () => {
  it('prints config lines that make test-integration --all report 4/4 ready', async () => {
    const { child, printed } = await startSandbox(['--port=0']);
    expect(printed).toMatch(/JIRA\s+http:\/\/127\.0\.0\.1:\d+\/rest\/api\/3/);
    expect(printed).toMatch(/Confluence\s+http:\/\/127\.0\.0\.1:\d+\/wiki\/api\/v2/);
    const { claudeMd, env, admin } = parse(printed);
    expect(claudeMd.some((l) => /TOKEN|API_KEY/.test(l))).toBe(false); // secrets go to the environment, not CLAUDE.md
    const p = await makeProject({ claudeMd: `# My project\n\n${claudeMd.join('\n')}\n`, env });
    const r = await p.spec(['test-integration', '--all']);
    expect(r.stdout).toContain('→ 4/4 integrations ready');
    expect(r.code).toBe(0);

    // A separate process faults and un-faults it through the admin endpoint.
    await fetch(`${admin}/faults`, { method: 'POST', body: JSON.stringify({ service: 'confluence', fault: 'auth' }) });
    const failing = await p.spec(['test-integration', '--confluence']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('✗ Confluence connection failed: authentication error');
    await fetch(`${admin}/faults?service=confluence`, { method: 'DELETE' });
    expect((await p.spec(['test-integration', '--confluence'])).code).toBe(0);

    child.kill('SIGINT');
    const done = await child;
    expect(done.exitCode).toBe(0);
    expect(done.stdout).toContain('Sandbox stopped.');
  });

  it('starts with faults from --faults', async () => {
    const { printed } = await startSandbox(['--port=0', '--faults=jira:auth,github:issues-disabled']);
    expect(printed).toContain('Faults      jira:auth,github:issues-disabled');
    const { claudeMd, env } = parse(printed);
    const p = await makeProject({ claudeMd: claudeMd.join('\n'), env });
    const r = await p.spec(['test-integration', '--all']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ JIRA connection failed: authentication error');
    expect(r.stdout).toContain('✗ Issues enabled: invalid configuration');
    expect(r.stdout).toContain('→ 2/4 integrations ready');
  });

  it('rejects an unknown fault as a usage error', async () => {
    const p = await makeProject();
    const r = await p.spec(['sandbox', '--port=0', '--faults=jira:explode']);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toContain('unknown fault "explode"');
  });
});

describe('spec sandbox limits and clock', () => {
  it('applies --limits on a --clock-scale clock and prints the shared clock for clients', async () => {
    const { printed } = await startSandbox(['--port=0', '--limits=github:3/min', '--clock-scale=60']);
    const { claudeMd, env } = parse(printed);
    expect(env.SPEC_SANDBOX_CLOCK).toMatch(/^60:\d+$/);
    const api = /SPEC_GITHUB_API_URL=(\S+)/.exec(claudeMd.join('\n'))?.[1] as string;
    const get = () => fetch(`${api}/user`, { headers: { Authorization: `Bearer ${env.SPEC_GITHUB_TOKEN}`, 'User-Agent': 't' } });
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  });
  it('rejects a malformed --limits value as a usage error', async () => {
    const p = await makeProject();
    const r = await p.spec(['sandbox', '--port=0', '--limits=jira:lots']);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toContain('bad limit "jira:lots"');
  });
});
