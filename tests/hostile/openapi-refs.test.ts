// Hostile $refs: files outside the project, devices, FIFOs. Each is a finding naming the ref; nothing
// outside the project is read, printed or logged, and the run ends at once.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, tempDir } from '../helpers/project.js';

const api = (ref: string) => `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '${ref}'
`;

async function validateWith(ref: string, setup?: (dir: string) => void) {
  const p = await makeProject({ claudeMd: '# project\n' });
  p.write('features/001-things/spec.md', '# Things\n');
  p.write('features/001-things/openapi.yaml', api(ref));
  setup?.(join(p.root, 'features/001-things'));
  const started = Date.now();
  const r = await p.spec(['validate', '--openapi'], {});
  const log = join(p.root, '.spec-state/integration-errors.log');
  return { r, p, ms: Date.now() - started, log: existsSync(log) ? readFileSync(log, 'utf8') : '', all: `${r.stdout}${r.stderr}` };
}

describe('OpenAPI $refs stay inside the project', () => {
  it('refuses an absolute path and never prints or logs its content', async () => {
    const { r, all, log } = await validateWith('/etc/passwd#/Thing');
    expect(r.code).not.toBe(0);
    expect(all).toContain(`$ref '/etc/passwd#/Thing' is not followed: an absolute path`);
    expect(all).not.toMatch(/root:|\/bin\/(ba)?sh/);
    expect(log).toContain('/etc/passwd');
    expect(log).not.toMatch(/root:|\/bin\/(ba)?sh/);
  });

  it('refuses a relative path that climbs out of the project', async () => {
    const outside = tempDir('spec-outside-');
    writeFileSync(join(outside, 'secret.yaml'), 'Thing: { type: string, description: OUTSIDE-MARKER }\n');
    const { r, all } = await validateWith(`../../../${outside.split('/').pop()}/secret.yaml#/Thing`, () => {});
    expect(r.code).not.toBe(0);
    expect(all).toMatch(/is not followed: it resolves outside the project/);
    expect(all).not.toContain('OUTSIDE-MARKER');
  });

  it('refuses a symlink inside the project that points outside it', async () => {
    const outside = tempDir('spec-outside-');
    writeFileSync(join(outside, 'secret.yaml'), 'Thing: { type: string, description: OUTSIDE-MARKER }\n');
    const { r, all } = await validateWith('./linked.yaml#/Thing', (dir) => symlinkSync(join(outside, 'secret.yaml'), join(dir, 'linked.yaml')));
    expect(r.code).not.toBe(0);
    expect(all).toMatch(/\$ref '\.\/linked\.yaml#\/Thing' is not followed: it resolves outside the project/);
    expect(all).not.toContain('OUTSIDE-MARKER');
  });

  it('refuses devices and FIFOs at once instead of growing or hanging', async () => {
    const zero = await validateWith('/dev/zero');
    expect(zero.r.code).not.toBe(0);
    expect(zero.all).toContain(`$ref '/dev/zero' is not followed`);
    const fifo = await validateWith('./pipe.yaml#/Thing', (dir) => execFileSync('mkfifo', [join(dir, 'pipe.yaml')]));
    expect(fifo.r.code).not.toBe(0);
    expect(fifo.all).toMatch(/\$ref '\.\/pipe\.yaml#\/Thing' is not followed: it is not a regular file/);
    expect(fifo.ms).toBeLessThan(15_000);
  }, 30_000);

  it('refuses a URL (no network), and a hostile ref inside a referenced file', async () => {
    const url = await validateWith('http://127.0.0.1:9/x.yaml#/Thing');
    expect(url.all).toMatch(/is not followed: only relative paths to files inside the project/);
    const nested = await validateWith('./common.yaml#/Thing', (dir) => writeFileSync(join(dir, 'common.yaml'), "Thing:\n  $ref: '/etc/passwd#/x'\n"));
    expect(nested.r.code).not.toBe(0);
    expect(nested.all).toMatch(/\/etc\/passwd is not followed/);
    expect(nested.all).not.toMatch(/root:/);
  });

  it('still follows a relative ref to a regular file inside the project', async () => {
    const { r, all } = await validateWith('../shared/common.yaml#/Thing', (dir) => {
      mkdirSync(join(dir, '../shared'), { recursive: true });
      writeFileSync(join(dir, '../shared/common.yaml'), 'Thing: { type: string }\n');
    });
    expect(all).toContain('is valid');
    expect(r.code).toBe(0);
  });
});
