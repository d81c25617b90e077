// swagger-parser's failures turned into the seed's kind of message (`Missing required field 'info.version'`).
// Its schema errors come from ajv with allErrors, so one mistake inside a `oneOf` shows up once per
// branch; we keep the single most telling error of each such group.
import type { OpenapiFinding } from './findings.js';
import { dotted, escapeToken, get, within } from './pointer.js';

export interface AjvDetail {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const BRANCHING = new Set(['oneOf', 'anyOf', 'if', 'not']);

function describe(e: AjvDetail, api: unknown): { message: string; pointer: string } {
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const pointer = `${at}/${escapeToken(String(e.params.missingProperty))}`;
      return { message: `Missing required field '${dotted(pointer, api)}'`, pointer };
    }
    case 'additionalProperties': {
      const pointer = `${at}/${escapeToken(String(e.params.additionalProperty))}`;
      return { message: `Unknown field '${dotted(pointer, api)}' (not allowed here; extensions start with 'x-')`, pointer };
    }
    case 'type':
      return { message: `Field '${dotted(at, api)}' must be ${String(e.params.type)}`, pointer: at };
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[] | undefined) ?? [];
      return { message: `Field '${dotted(at, api)}' must be one of ${allowed.map(String).join(', ')} (found ${JSON.stringify(get(api, at))})`, pointer: at };
    }
    case 'const':
      return { message: `Field '${dotted(at, api)}' must be ${JSON.stringify(e.params.allowedValue)}`, pointer: at };
    default:
      return { message: `Field '${dotted(at, api)}' ${e.message ?? `fails '${e.keyword}'`}`, pointer: at };
  }
}

/** Lower is better: which error of a oneOf group explains the problem best. */
function rank(e: AjvDetail, group: AjvDetail[], api: unknown): number {
  if (e.keyword === 'required') return 0;
  if (e.keyword === 'type') return 1;
  if (e.keyword === 'enum') {
    // A value that some branch accepts is not the problem.
    const value = get(api, e.instancePath);
    const accepted = group.some((g) => g !== e && g.instancePath === e.instancePath && g.keyword === 'enum' && ((g.params.allowedValues as unknown[]) ?? []).includes(value));
    return accepted ? 9 : 2;
  }
  if (e.keyword === 'additionalProperties') return 5;
  return 4;
}

export interface SchemaSummary {
  findings: OpenapiFinding[];
  /** Roots of oneOf groups: our own finding inside one replaces the whole group. */
  groups: string[];
}

export function summarizeAjv(details: AjvDetail[], api: unknown, ownPointers: readonly string[]): SchemaSummary {
  const branchRoots = [...new Set(details.filter((d) => BRANCHING.has(d.keyword)).map((d) => d.instancePath))].sort((a, b) => b.length - a.length);
  const plain = details.filter((d) => !BRANCHING.has(d.keyword) && !(d.keyword === 'required' && d.params.missingProperty === '$ref'));
  const direct: AjvDetail[] = [];
  const groups = new Map<string, AjvDetail[]>();
  for (const d of plain) {
    const root = branchRoots.find((r) => within(d.instancePath, r));
    if (root === undefined) direct.push(d);
    else groups.set(root, [...(groups.get(root) ?? []), d]);
  }
  // Every concrete error was a `$ref` alternative: name the deepest value that matched no form.
  if (!plain.length && branchRoots[0] !== undefined) {
    direct.push({ instancePath: branchRoots[0], keyword: 'oneOf', params: {}, message: 'matches none of the allowed forms' });
  }
  const findings: OpenapiFinding[] = [];
  const seen = new Set<string>();
  const push = (e: AjvDetail) => {
    const { message, pointer } = describe(e, api);
    if (seen.has(message)) return;
    seen.add(message);
    findings.push({ level: 'error', code: 'schema', message, pointer });
  };
  direct.forEach(push);
  const usedGroups: string[] = [];
  for (const [root, group] of groups) {
    usedGroups.push(root);
    if (ownPointers.some((p) => within(p, root))) continue;
    const best = [...group].sort((a, b) => rank(a, group, api) - rank(b, group, api) || b.instancePath.length - a.instancePath.length)[0];
    if (best) push(best);
  }
  return { findings, groups: usedGroups };
}

const SYNTAX_POINTERS: Array<[RegExp, string]> = [
  [/^Swagger version number must be a string/, '/swagger'],
  [/^Unrecognized Swagger version/, '/swagger'],
  [/^API version number must be a string/, '/info/version'],
  [/^Openapi version number must be a string/, '/openapi'],
  [/^Unsupported OpenAPI version/, '/openapi'],
];

/** Any other swagger-parser failure (version checks, Swagger 2.0 spec rules, external $refs). */
export function parserErrorFinding(error: unknown): OpenapiFinding {
  const name = error instanceof Error ? error.name : '';
  let message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? '';
  if (/is not a valid Openapi API definition$/.test(message)) {
    return { level: 'error', code: 'schema', message: `Missing required field 'paths'`, pointer: '' };
  }
  for (const [re, pointer] of SYNTAX_POINTERS) if (re.test(message)) return { level: 'error', code: 'schema', message, pointer };
  if (name === 'MissingPointerError' || name === 'ResolverError' || /^Error (resolving|opening|reading)/.test(message)) {
    return { level: 'error', code: 'unresolved-ref', message: `Unresolved $ref: ${message.replace(/^Error resolving \$ref pointer\s*/, '')}` };
  }
  const spec = /^Validation failed\.\s*(.*)$/.exec(message);
  if (spec) {
    message = spec[1] as string;
    const op = /(\/paths)(\/\S*?)\/(get|put|post|delete|options|head|patch)\b/.exec(message);
    const pointer = op ? `/paths/${escapeToken(op[2] as string)}/${op[3]}` : undefined;
    return { level: 'error', code: 'spec', message, ...(pointer ? { pointer } : {}) };
  }
  return { level: 'error', code: 'schema', message };
}
