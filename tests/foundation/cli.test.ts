import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../scripts/src/commands/registry.js';
import { makeProject } from '../helpers/project.js';

describe('spec command line', () => {
  it('prints the version and the command list', async () => {
    const p = await makeProject();
    const version = await p.spec(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = await p.spec(['--help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(c.name);
  });

  it('gives every command a --help that lists its flags', async () => {
    const p = await makeProject();
    for (const c of COMMANDS) {
      const r = await p.spec([c.name, '--help']);
      expect(r.code, c.name).toBe(0);
      expect(r.stdout).toContain(`spec ${c.name}`);
      for (const flag of Object.keys(c.flags)) expect(r.stdout, `${c.name} --${flag}`).toContain(`--${flag}`);
    }
  });

  it('rejects an unknown command with exit 2 and the list of commands', async () => {
    const p = await makeProject();
    const r = await p.spec(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("✗ unknown command 'frobnicate'");
    expect(r.stderr).toContain('status');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('rejects an unknown flag with exit 2 naming the flag', async () => {
    const p = await makeProject();
    const r = await p.spec(['status', '--feture=3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown flag --feture');
  });

  it('accepts --x=v and --x v alike', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    await p.spec(['new', 'First thing', '--no-branch']);
    const a = await p.spec(['status', '--feature=1', '--json']);
    const b = await p.spec(['status', '--feature', '001', '--json']);
    expect(JSON.parse(a.stdout).feature.name).toBe('001-first-thing');
    expect(JSON.parse(b.stdout).feature.name).toBe('001-first-thing');
  });

  it('reports usage errors as JSON with --json', async () => {
    const p = await makeProject();
    const r = await p.spec(['task', 'maybe', 'T001', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 2 });
  });
});
