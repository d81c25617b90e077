// Contract checking: every request our code sends to the sandbox and every response the sandbox
// returns, validated against the published API descriptions in ../shared/oracles (never copied here).
// REST: ajv per operation, compiled lazily, with the load-time adjustments oracles/README.md lists.
// Linear: the query document validated against linear-schema.graphql, variables coerced, and the
// response data re-executed against the real schema (so a missing non-null field or a wrong type fails).
//
// Use:  const contract = await useContract(sandbox);  …run things…;  contract.assertClean();
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SHARED } from './project.js';
import type { Sandbox } from './sandbox.js';
import type { Exchange } from '../../scripts/src/sandbox/server.js';
import { escapeToken, follow, resolveLocal } from '../../scripts/src/openapi/pointer.js';

export const ORACLES = join(SHARED, 'oracles');
export const oraclesAvailable = existsSync(join(ORACLES, 'README.md'));
export const NO_ORACLES = `skipped: ${ORACLES} is absent (contract tests need ../shared/oracles)`;

export interface Violation {
  exchange: string;
  where: 'request' | 'response';
  problem: string;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// ---------- documents and their adjustments ----------

/** OpenAPI 3.0 `nullable` → anyOf[…, null] (GitHub puts it inside oneOf members without `type`). */
function convertNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = convertNullable(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
    return { anyOf: [out, { type: 'null' }] };
  }
  if (out.nullable === false) delete out.nullable;
  return out;
}

/** Confluence page bodies: strict oneOf rejects every valid body (both branches match); treat as anyOf. */
function oneOfToAnyOf(node: Json): Json {
  if (Array.isArray(node)) return node.map(oneOfToAnyOf);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k === 'oneOf' ? 'anyOf' : k] = oneOfToAnyOf(v);
  return out;
}

interface Doc {
  id: string;
  json: Json;
  /** Path templates compiled to matchers. */
  routes: Array<{ template: string; re: RegExp; literals: number }>;
}

const docCache = new Map<string, Doc>();

function loadDoc(id: string, file: string, adjust: (d: Json) => Json): Doc {
  const cached = docCache.get(id);
  if (cached) return cached;
  const json = adjust(JSON.parse(readFileSync(file, 'utf8')));
  const routes = Object.keys(json.paths ?? {}).map((template) => {
    const segs = template.split('/');
    const re = new RegExp(`^${segs.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
    return { template, re, literals: segs.filter((s) => s && !/^\{.+\}$/.test(s)).length };
  });
  const doc = { id, json, routes };
  docCache.set(id, doc);
  return doc;
}

const DOCS: Record<string, Array<() => Doc>> = {
  jira: [
    () => loadDoc('jira-sub', join(ORACLES, 'jira-platform-v3.subset.openapi.json'), convertNullable),
    () => loadDoc('jira-full', join(ORACLES, 'jira-platform-v3.openapi.json'), convertNullable),
  ],
  confluence: [
    () => loadDoc('conf-sub', join(ORACLES, 'confluence-v2.subset.openapi.json'), (d) => oneOfToAnyOf(convertNullable(d))),
    () => loadDoc('conf-full', join(ORACLES, 'confluence-v2.openapi.json'), (d) => oneOfToAnyOf(convertNullable(d))),
  ],
  github: [
    () => loadDoc('gh-sub', join(ORACLES, 'github-rest.subset.openapi.json'), convertNullable),
    // Operations outside the subset (milestones): the whole description from @octokit/openapi, the subset's own source.
    () => loadDoc('gh-full', join(REPO, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json'), convertNullable),
  ],
};

// ---------- ajv, one instance per document ----------

let ajvModule: Promise<{ Ajv: Json; addFormats: Json }> | undefined;
function loadAjv() {
  ajvModule ??= Promise.all([import('ajv'), import('ajv-formats')]).then(([a, f]) => ({ Ajv: (a as Json).default ?? a, addFormats: (f as Json).default ?? f }));
  return ajvModule;
}
const ajvs = new Map<string, Json>();
const validators = new Map<string, Json>();

async function validatorFor(doc: Doc, pointer: string): Promise<Json> {
  const key = `${doc.id}#${pointer}`;
  const hit = validators.get(key);
  if (hit) return hit;
  const { Ajv, addFormats } = await loadAjv();
  let ajv = ajvs.get(doc.id);
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats(ajv);
    ajv.addFormat('string', true); // Confluence's "format":"string" (upstream bug)
    for (const f of ['int32', 'int64', 'float', 'double', 'binary', 'byte', 'password', 'uri-template', 'uuid']) if (!ajv.formats[f]) ajv.addFormat(f, true);
    ajv.addSchema({ $id: `doc:${doc.id}`, components: doc.json.components ?? {}, paths: doc.json.paths });
    ajvs.set(doc.id, ajv);
  }
  const fn = ajv.compile({ $ref: `doc:${doc.id}#${pointer}` });
  validators.set(key, fn);
  return fn;
}

function findOperation(service: string, method: string, path: string): { doc: Doc; template: string; op: Json } | undefined {
  for (const load of DOCS[service] ?? []) {
    const doc = load();
    const candidates = doc.routes.filter((r) => r.re.test(path) && doc.json.paths[r.template][method.toLowerCase()]).sort((a, b) => b.literals - a.literals);
    const best = candidates[0];
    if (best) return { doc, template: best.template, op: doc.json.paths[best.template][method.toLowerCase()] };
  }
  return undefined;
}

function jsonMedia(content: Json): [string, Json] | undefined {
  if (!content) return undefined;
  const entry = Object.entries(content).find(([type]) => /json|\*\/\*/.test(type));
  return entry as [string, Json] | undefined;
}

function ajvProblems(fn: Json): string {
  return (fn.errors ?? []).slice(0, 4).map((e: Json) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`).join('; ');
}

/** The path as the description names it: Confluence's server URL already holds /wiki/api/v2. */
function docPath(e: Exchange): string {
  if (e.service === 'confluence') return e.path.replace(/^\/api\/v2/, '') || '/';
  return e.path;
}

/** Statuses real services send that the descriptions omit, each with its reason. */
const UNDECLARED_OK: Array<{ service: string; method: string; template: string; status: number; why: string }> = [
  { service: 'confluence', method: 'PUT', template: '/pages/{id}', status: 409, why: 'version conflict ("Version must be incremented"), observed; not declared' },
  { service: 'confluence', method: 'PUT', template: '/pages/{id}', status: 403, why: 'no edit permission; not declared' },
  { service: 'github', method: 'GET', template: '/repos/{owner}/{repo}/issues', status: 410, why: 'issues disabled; declared for the other issue operations' },
  { service: 'github', method: 'GET', template: '/repos/{owner}/{repo}/labels', status: 403, why: 'rate limit (403 + x-ratelimit-remaining: 0)' },
  { service: 'github', method: 'POST', template: '/repos/{owner}/{repo}/labels', status: 403, why: 'fine-grained token without Issues: write ("Resource not accessible by personal access token", X-Accepted-GitHub-Permissions; github.blog changelog 2023-08-10)' },
];

async function checkRest(e: Exchange, label: string): Promise<Violation[]> {
  const out: Violation[] = [];
  const found = findOperation(e.service, e.method, docPath(e));
  if (!found) return [{ exchange: label, where: 'request', problem: `operation ${e.method} ${docPath(e)} is not in the published ${e.service} description` }];
  const { doc, template, op } = found;
  const base = `/paths/${escapeToken(template)}/${e.method.toLowerCase()}`;
  const query = new URLSearchParams(e.query);

  // Request: required query parameters, JSON body against the requestBody schema.
  const params = [...(doc.json.paths[template].parameters ?? []), ...(op.parameters ?? [])].map((p: Json): Json => resolveLocal(doc.json, p));
  for (const p of params) if (p?.in === 'query' && p.required && !query.has(p.name)) out.push({ exchange: label, where: 'request', problem: `missing required query parameter ${p.name}` });
  const reqBodyAt = follow(doc.json, op.requestBody, `${base}/requestBody`);
  const reqBody: Json = reqBodyAt.value;
  const media = jsonMedia(reqBody?.content);
  if (e.requestBody && !media && !['GET', 'DELETE'].includes(e.method)) out.push({ exchange: label, where: 'request', problem: 'sends a body the operation does not take' });
  if (reqBody?.required && !e.requestBody) out.push({ exchange: label, where: 'request', problem: 'request body is required' });
  if (media && e.requestBody) {
    let body: Json;
    try {
      body = JSON.parse(e.requestBody);
    } catch {
      out.push({ exchange: label, where: 'request', problem: 'request body is not JSON' });
    }
    if (body !== undefined) {
      const fn = await validatorFor(doc, `${reqBodyAt.pointer}/content/${escapeToken(media[0])}/schema`);
      if (!fn(body)) out.push({ exchange: label, where: 'request', problem: ajvProblems(fn) });
      out.push(...jiraExplicit(e, template, body, label));
    }
  }
  // Response: a declared status (429 allowed anywhere), JSON body against its schema.
  const declared = op.responses?.[String(e.status)] ?? op.responses?.default;
  if (!declared) {
    // Any service may answer 429 (oracles README) or a gateway 5xx (503 with Retry-After, a proxy's 502 page).
    const ok = e.status === 429 || e.status >= 500 || UNDECLARED_OK.some((u) => u.service === e.service && u.method === e.method && u.template === template && u.status === e.status) || (e.service === 'github' && e.status === 403 && e.responseHeaders['x-ratelimit-remaining'] === '0');
    if (!ok) out.push({ exchange: label, where: 'response', problem: `status ${e.status} is not declared for ${e.method} ${template} (declared: ${Object.keys(op.responses ?? {}).join(', ')})` });
    return out;
  }
  const declaredAt = follow(doc.json, declared, `${base}/responses/${op.responses[String(e.status)] ? e.status : 'default'}`);
  const resolved: Json = declaredAt.value;
  const rmedia = jsonMedia(resolved?.content);
  if (rmedia && rmedia[1]?.schema && e.responseBody) {
    let body: Json;
    try {
      body = JSON.parse(e.responseBody);
    } catch {
      // Jira's documented plain-text 401 is the one non-JSON answer we accept.
      if (!(e.status === 401 && e.service === 'jira')) out.push({ exchange: label, where: 'response', problem: 'response body is not JSON' });
      return out;
    }
    const fn = await validatorFor(doc, `${declaredAt.pointer}/content/${escapeToken(rmedia[0])}/schema`);
    if (!fn(body)) out.push({ exchange: label, where: 'response', problem: ajvProblems(fn) });
  }
  return out;
}

/** Jira's IssueUpdateDetails/IssuesUpdateBean allow any extra key, so a misspelt top-level key passes ajv: check by hand. */
function jiraExplicit(e: Exchange, template: string, body: Json, label: string): Violation[] {
  if (e.service !== 'jira') return [];
  const allowedIssue = new Set(['fields', 'update', 'historyMetadata', 'properties', 'transition']);
  const bad = (keys: string[], allowed: Set<string>, what: string) =>
    keys.filter((k) => !allowed.has(k)).map((k) => ({ exchange: label, where: 'request' as const, problem: `unknown top-level key "${k}" in ${what}` }));
  if (e.method === 'POST' && template === '/rest/api/3/issue/bulk') {
    if (!Array.isArray(body?.issueUpdates)) return [{ exchange: label, where: 'request', problem: 'bulk create needs "issueUpdates" (an array)' }];
    return [...bad(Object.keys(body), new Set(['issueUpdates']), 'the bulk body'), ...body.issueUpdates.flatMap((x: Json) => bad(Object.keys(x ?? {}), allowedIssue, 'an issueUpdates element'))];
  }
  if ((e.method === 'POST' && template === '/rest/api/3/issue') || (e.method === 'PUT' && template === '/rest/api/3/issue/{issueIdOrKey}')) return bad(Object.keys(body ?? {}), allowedIssue, 'IssueUpdateDetails');
  return [];
}

// ---------- Linear ----------

let linearSchema: Promise<{ g: typeof import('graphql'); schema: Json }> | undefined;
function loadLinear() {
  linearSchema ??= (async () => {
    const g = await import('graphql');
    return { g, schema: g.buildSchema(readFileSync(join(ORACLES, 'linear-schema.graphql'), 'utf8')) };
  })();
  return linearSchema;
}

const LINEAR_TYPES = new Set(['ratelimited', 'invalid input', 'authentication error', 'forbidden', 'feature not accessible', 'user error', 'graphql error', 'lock timeout', 'usage limit exceeded', 'internal error', 'bootstrap error', 'network error', 'other', 'unknown']);

async function checkLinear(e: Exchange, label: string): Promise<Violation[]> {
  const out: Violation[] = [];
  if (e.method !== 'POST' || e.path !== '/graphql') return [{ exchange: label, where: 'request', problem: 'Linear takes POST /graphql only' }];
  const { g, schema } = await loadLinear();
  let req: Json;
  try {
    req = JSON.parse(e.requestBody);
  } catch {
    return [{ exchange: label, where: 'request', problem: 'request body is not JSON' }];
  }
  let document: Json;
  try {
    document = g.parse(String(req.query));
  } catch (error) {
    return [{ exchange: label, where: 'request', problem: `query does not parse: ${(error as Error).message}` }];
  }
  for (const err of g.validate(schema, document)) out.push({ exchange: label, where: 'request', problem: `query invalid against Linear's schema: ${err.message}` });
  const operation = g.getOperationAST(document, req.operationName);
  if (operation) {
    for (const def of operation.variableDefinitions ?? []) {
      const name = def.variable.name.value;
      const type = g.typeFromAST(schema, def.type as Json);
      if (!type || !g.isInputType(type)) continue; // validate() reported it
      const value = (req.variables ?? {})[name];
      if (value === undefined) {
        if (g.isNonNullType(type) && !def.defaultValue) out.push({ exchange: label, where: 'request', problem: `variable $${name} of type ${String(type)} is missing` });
        continue;
      }
      g.coerceInputValue(value, type, (path, _invalid, error) => out.push({ exchange: label, where: 'request', problem: `variable $${name}${path.length ? `.${path.join('.')}` : ''}: ${error.message}` }));
    }
  }
  let res: Json;
  try {
    res = JSON.parse(e.responseBody);
  } catch {
    // A gateway's HTML 5xx page is not Linear speaking; anything else must be JSON.
    return e.status >= 500 ? out : [...out, { exchange: label, where: 'response', problem: 'response body is not JSON' }];
  }
  if (![200, 400, 429, 500, 503].includes(e.status)) out.push({ exchange: label, where: 'response', problem: `unexpected status ${e.status}` });
  for (const err of res.errors ?? []) {
    if (typeof err.message !== 'string') out.push({ exchange: label, where: 'response', problem: 'an error without a message' });
    if (err.extensions?.type !== undefined && !LINEAR_TYPES.has(err.extensions.type)) out.push({ exchange: label, where: 'response', problem: `unknown extensions.type "${err.extensions.type}"` });
  }
  if (res.data && out.length === 0 && operation) {
    // Re-execute the document against the real schema with the response as the root value: default
    // resolvers read the fields back, so a missing non-null field or a wrongly typed value surfaces.
    const result = await g.execute({ schema, document, rootValue: res.data, variableValues: req.variables ?? {}, ...(req.operationName ? { operationName: req.operationName } : {}) });
    for (const err of result.errors ?? []) out.push({ exchange: label, where: 'response', problem: `data does not fit Linear's schema at ${err.path?.join('.') ?? '?'}: ${err.message}` });
  }
  return out;
}

// ---------- the recorder ----------

export class ContractRecorder {
  readonly violations: Violation[] = [];
  checked = 0;
  private pending: Array<Promise<void>> = [];
  private allowed: Array<(v: Violation) => boolean> = [];

  /** Expect a violation on purpose (a test that sends a bad request to see the vendor's answer). */
  allow(match: (v: Violation) => boolean): void {
    this.allowed.push(match);
  }

  check(e: Exchange): Promise<Violation[]> {
    const label = `${e.service} ${e.method} ${e.path}${e.query} → ${e.status}`;
    return e.service === 'linear' ? checkLinear(e, label) : checkRest(e, label);
  }

  /** Validate every exchange of this sandbox from now on; returns the unsubscribe function. */
  attach(sandbox: Sandbox): () => void {
    return sandbox.onExchange((e) => {
      this.pending.push(
        this.check(e).then(
          (v) => {
            this.checked += 1;
            this.violations.push(...v.filter((x) => !this.allowed.some((a) => a(x))));
          },
          (error) => {
            this.violations.push({ exchange: `${e.service} ${e.method} ${e.path}`, where: 'request', problem: `validator crashed: ${(error as Error).message}` });
          },
        ),
      );
    });
  }

  /** Wait for every check still running. */
  async settle(): Promise<void> {
    while (this.pending.length) await Promise.all(this.pending.splice(0));
  }

  report(): string {
    return this.violations.map((v) => `${v.exchange} [${v.where}] ${v.problem}`).join('\n');
  }

  /** Throws with every violation listed; also fails when nothing was checked (a silent recorder proves nothing). */
  async assertClean(): Promise<void> {
    await this.settle();
    if (this.checked === 0) throw new Error('contract recorder saw no exchanges');
    if (this.violations.length) throw new Error(`${this.violations.length} contract violation(s):\n${this.report()}`);
  }
}

/** A recorder attached to the sandbox, or undefined when ../shared/oracles is absent. */
export function useContract(sandbox: Sandbox): ContractRecorder | undefined {
  if (!oraclesAvailable) return undefined;
  const r = new ContractRecorder();
  r.attach(sandbox);
  return r;
}
