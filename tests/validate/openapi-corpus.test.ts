// OpenAPI validation on documents we did not write (the petstore examples of @readme/oas-examples when
// installed, GitHub's full REST descriptions from @octokit/openapi) and on a corpus of broken ones we did,
// each carrying its expected verdict in a leading `# expect:` comment.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateOpenapiFile } from '../../scripts/src/openapi/validate.js';
import { REPO } from '../helpers/project.js';

const BROKEN = join(REPO, 'tests', 'fixtures', 'openapi', 'broken');
const OCTOKIT = join(REPO, 'node_modules', '@octokit', 'openapi', 'generated');
const OAS_EXAMPLES = join(REPO, 'node_modules', '@readme', 'oas-examples');

interface Expectation {
  level: 'error' | 'warning';
  line?: number;
  text: string;
}

function expectations(file: string): Expectation[] | 'valid' {
  const out: Expectation[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(/^# expect: (.*)$/gm)) {
    const spec = (m[1] as string).trim();
    if (spec === 'valid') return 'valid';
    const e = /^(error|warning) (\d+|-) (.*)$/.exec(spec);
    if (!e) throw new Error(`${file}: bad expectation '${spec}'`);
    out.push({ level: e[1] as 'error' | 'warning', ...(e[2] === '-' ? {} : { line: Number(e[2]) }), text: e[3] as string });
  }
  return out;
}

describe('broken OpenAPI corpus: each file reports its expected message', () => {
  const files = readdirSync(BROKEN).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  it('has a corpus', () => expect(files.length).toBeGreaterThan(15));
  for (const name of files) {
    it(name, async () => {
      const report = await validateOpenapiFile(join(BROKEN, name), name);
      const expected = expectations(join(BROKEN, name));
      const errors = report.findings.filter((f) => f.level === 'error');
      if (expected === 'valid') {
        expect(report.findings).toEqual([]);
        return;
      }
      expect(expected.length).toBeGreaterThan(0);
      for (const e of expected) {
        const hit = report.findings.find((f) => f.level === e.level && f.message.includes(e.text) && (e.line === undefined || f.line === e.line));
        expect(hit, `${name}: expected ${e.level} at line ${e.line ?? '?'} containing "${e.text}"; got ${JSON.stringify(report.findings, null, 1)}`).toBeDefined();
      }
      // A file that only expects warnings must be valid; one that expects an error must not be.
      if (expected.every((e) => e.level === 'warning')) expect(errors).toEqual([]);
      else expect(errors.length).toBeGreaterThan(0);
    });
  }
});

describe("GitHub's REST description (@octokit/openapi)", () => {
  it('api.github.com.json: valid OpenAPI 3.0, no crash, warnings located by line', async () => {
    const file = join(OCTOKIT, 'api.github.com.json');
    const report = await validateOpenapiFile(file, 'api.github.com.json');
    expect(report.format).toMatch(/^OpenAPI 3\.0/);
    expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(report.operations.length).toBeGreaterThan(800);
    // Its POSTs without a body are warnings, each with the line where the operation starts.
    const text = readFileSync(file, 'utf8').split('\n');
    const bodyless = report.findings.filter((f) => f.code === 'request-body');
    expect(bodyless.length).toBeGreaterThan(0);
    for (const f of bodyless.slice(0, 20)) {
      const method = (/endpoint (\w+) /.exec(f.message)?.[1] as string).toLowerCase();
      expect(text[(f.line as number) - 1]).toContain(`"${method}": {`);
    }
  }, 60_000);

  it('a description broken by hand reports the missing field with its line', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const api = JSON.parse(readFileSync(join(OCTOKIT, 'api.github.com.json'), 'utf8')) as { info: Record<string, unknown> };
    delete api.info.version;
    const file = join(mkdtempSync(join(tmpdir(), 'spec-oas-')), 'github.json');
    writeFileSync(file, JSON.stringify(api, null, 2));
    const report = await validateOpenapiFile(file, 'github.json');
    const error = report.findings.find((f) => f.message === "Missing required field 'info.version'");
    expect(error?.level).toBe('error');
    expect(readFileSync(file, 'utf8').split('\n')[(error?.line as number) - 1]).toContain('"info"');
  }, 60_000);
});

describe('petstore examples (@readme/oas-examples)', () => {
  if (!existsSync(OAS_EXAMPLES)) {
    it.skip('@readme/oas-examples is not installed: petstore corpus skipped', () => {});
    return;
  }
  const files = ['2.0', '3.0', '3.1'].flatMap((v) =>
    ['json', 'yaml'].flatMap((kind) => {
      const dir = join(OAS_EXAMPLES, v, kind);
      return existsSync(dir) ? readdirSync(dir).filter((f) => /petstore/i.test(f)).map((f) => join(v, kind, f)) : [];
    }),
  );
  it('finds petstores of every version', () => {
    for (const v of ['2.0/', '3.0/', '3.1/']) expect(files.some((f) => f.startsWith(v))).toBe(true);
  });
  for (const rel of files) {
    it(`${rel} is valid`, async () => {
      const report = await validateOpenapiFile(join(OAS_EXAMPLES, rel), rel);
      expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
      expect(report.format).toMatch(rel.startsWith('2.0') ? /^Swagger 2\.0$/ : new RegExp(`^OpenAPI ${rel.slice(0, 3).replace('.', '\\.')}`));
      expect(report.operations.length).toBeGreaterThan(0);
    });
  }
});
