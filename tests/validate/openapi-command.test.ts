// `spec validate --openapi` through the built bundle: skip line, plan endpoints, errors logged as OpenAPI.
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { detectEndpoints, missingEndpoints } from '../../scripts/src/openapi/endpoints.js';
import { BUNDLE, cleanEnv, makeProject, tempDir } from '../helpers/project.js';

const API = `openapi: 3.0.3
info:
  title: Users
  version: 1.0.0
servers:
  - url: https://api.example.com/v1
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object }
      responses: { '201': { description: created } }
  /users/{id}:
    get:
      responses: { '200': { description: ok } }
`;

describe('endpoints in plan.md', () => {
  it('finds endpoints in prose, lists, tables and code spans, once each', () => {
    const plan = ['Create with POST /users.', '- `GET /users/:id` returns one', '| DELETE | `/users/{id}` |', 'GET /users/{userId} again', 'We GET data daily.'].join('\n');
    expect(detectEndpoints(plan).map((e) => `${e.method} ${e.path} @${e.line}`)).toEqual(['POST /users @1', 'GET /users/:id @2', 'DELETE /users/{id} @3']);
  });
  it('matches path templates and server base paths', () => {
    const ops = [{ method: 'GET', path: '/users/{id}', pointer: '' }];
    const planned = detectEndpoints('GET /users/:id\nGET /v1/users/<id>\nGET /users');
    expect(missingEndpoints(planned, ops, ['/v1']).map((e) => e.path)).toEqual(['/users']);
  });
});

describe('spec validate --openapi', () => {
  it('skips a feature whose plan describes no endpoints', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    p.write('features/001-notes/spec.md', '# Notes\n');
    p.write('features/001-notes/plan.md', '# Plan\n\nA CLI tool, no HTTP API.\n');
    const r = await p.spec(['validate', '--openapi']);
    expect(r.stdout).toContain('- OpenAPI: skipped (no API endpoints detected)');
    expect(r.code).toBe(0);
  });

  it('warns when the plan has endpoints and there is no openapi.yaml', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    p.write('features/001-users/spec.md', '# Users\n');
    p.write('features/001-users/plan.md', '# Plan\n\n- POST /users creates\n');
    const r = await p.spec(['validate', '--openapi', '--feature=1']);
    expect(r.stdout).toContain('Warning: features/001-users/plan.md:3: the plan describes 1 API endpoint (POST /users) but features/001-users/openapi.yaml does not exist');
    expect(r.code).toBe(0);
  });

  it('validates openapi.yaml and warns about planned endpoints it lacks', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    p.write('features/001-users/spec.md', '# Users\n');
    p.write('features/001-users/plan.md', '# Plan\n\n- POST /v1/users\n- GET /users/:id\n- DELETE /users/{id}\n');
    p.write('features/001-users/openapi.yaml', API);
    const r = await p.spec(['validate', '--openapi']);
    expect(r.stdout).toContain('✓ OpenAPI: features/001-users/openapi.yaml is valid (OpenAPI 3.0.3, 2 operations)');
    expect(r.stdout).toContain('Warning: features/001-users/plan.md:5: endpoint DELETE /users/{id} is in the plan but not in openapi.yaml');
    expect(r.stdout).not.toContain('POST /v1/users is in the plan');
    expect(r.code).toBe(0);
  });

  it('reports errors with file and line, exits 1 and logs them as an OpenAPI failure', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    p.write('features/001-users/spec.md', '# Users\n');
    p.write('features/001-users/openapi.yaml', API.replace('  version: 1.0.0\n', '').replace(/    post:\n      requestBody:\n(?:        .*\n)+/, '    post:\n'));
    const r = await p.spec(['validate', '--openapi']);
    expect(r.stdout).toContain("✗ features/001-users/openapi.yaml:2: Missing required field 'info.version'");
    expect(r.stdout).toContain('Warning: features/001-users/openapi.yaml:8: API endpoint POST /users missing request body schema');
    expect(r.code).toBe(1);
    const log = readFileSync(join(p.root, '.spec-state/integration-errors.log'), 'utf8');
    expect(log).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| OpenAPI \| Validation failed \| features\/001-users\/openapi\.yaml:2: Missing required field 'info\.version'/m);
    const json = JSON.parse((await p.spec(['validate', '--openapi', '--json'])).stdout);
    expect(json.ok).toBe(false);
    expect(json.openapi.features[0].errors[0]).toMatchObject({ code: 'schema', line: 2, message: "Missing required field 'info.version'" });
  });

  it('warnings alone (a circular schema) keep exit 0 and write no log line', async () => {
    const p = await makeProject({ claudeMd: '# p\n' });
    p.write('features/001-tree/spec.md', '# Tree\n');
    p.write('features/001-tree/openapi.yaml', readFileSync(join(__dirname, '../fixtures/openapi/broken/circular-self.yaml'), 'utf8'));
    const r = await p.spec(['validate', '--openapi']);
    expect(r.stdout).toContain('✓ OpenAPI: features/001-tree/openapi.yaml is valid');
    expect(r.stdout).toContain('Circular $ref: #/components/schemas/Node → #/components/schemas/Node');
    expect(r.code).toBe(0);
    expect(() => readFileSync(join(p.root, '.spec-state/integration-errors.log'), 'utf8')).toThrow();
  });
});

describe('the bundle validates OpenAPI with no node_modules around it', () => {
  it('swagger-parser, ajv and the OpenAPI schemas are all inside the bundle (2.0 and 3.1)', async () => {
    const plugin = tempDir('spec-plugin-');
    mkdirSync(join(plugin, 'scripts'));
    cpSync(BUNDLE, join(plugin, 'scripts', 'spec.mjs'));
    cpSync(join(BUNDLE, '..', '..', 'dist'), join(plugin, 'dist'), { recursive: true });
    const project = tempDir('spec-user-');
    const fixtures = join(__dirname, '../fixtures/openapi/broken');
    const run = async (fixture: string) => {
      mkdirSync(join(project, 'features', '001-a'), { recursive: true });
      cpSync(join(fixtures, fixture), join(project, 'features', '001-a', 'openapi.yaml'));
      return execa('node', [join(plugin, 'scripts', 'spec.mjs'), 'validate', '--openapi'], { cwd: project, env: cleanEnv({ NODE_PATH: '' }), extendEnv: false, reject: false, input: '' });
    };
    const broken = await run('swagger2-parameter-type.yaml');
    expect(broken.stdout).toContain("openapi.yaml:8: Parameter 'q' of GET /users has invalid type 'text'");
    expect(broken.exitCode).toBe(1);
    const circular = await run('circular-mutual.yaml');
    expect(circular.stdout).toContain('is valid (OpenAPI 3.1.0');
    expect(circular.exitCode).toBe(0);
  });
});
