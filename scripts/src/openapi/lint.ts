// Our own checks on top of the schema: things a valid document can still get wrong (a POST with no body
// schema, an operation with no responses, a parameter type no tool understands) and the `$ref` graph
// (unresolved targets, cycles named ref by ref). Runs on the raw document, before anything dereferences it.
import { dotted, escapeToken, follow, get, isLocalRef, isObj, type Located, type Obj, within } from './pointer.js';
import { METHODS, type OpenapiFinding } from './findings.js';


const BODY_METHODS = new Set(['post', 'put', 'patch']);
const SWAGGER2_PARAM_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'file'];
const SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

function checkParameterType(param: Located, where: string, swagger2: boolean, openapi31: boolean): OpenapiFinding | undefined {
  if (!isObj(param.value)) return undefined;
  const p = param.value;
  const name = typeof p.name === 'string' ? p.name : '?';
  let types: unknown;
  let pointer: string;
  let allowed: string[];
  if (swagger2) {
    if (p.in === 'body') return undefined;
    types = p.type;
    pointer = `${param.pointer}/type`;
    allowed = SWAGGER2_PARAM_TYPES;
  } else {
    if (!isObj(p.schema) || typeof p.schema.$ref === 'string') return undefined;
    types = p.schema.type;
    pointer = `${param.pointer}/schema/type`;
    allowed = openapi31 ? [...SCHEMA_TYPES, 'null'] : SCHEMA_TYPES;
  }
  if (types === undefined) return undefined;
  const list = Array.isArray(types) && openapi31 ? types : [types];
  const bad = list.find((t) => typeof t !== 'string' || !allowed.includes(t));
  if (bad === undefined) return undefined;
  return {
    level: 'warning',
    code: 'parameter-type',
    message: `Parameter '${name}' of ${where} has invalid type '${typeof bad === 'string' ? bad : JSON.stringify(bad)}' (use one of ${allowed.join(', ')})`,
    pointer,
  };
}

function hasBodySchema(api: unknown, op: Obj, pathParams: Located[], opPointer: string, swagger2: boolean): boolean {
  if (swagger2) {
    const params = [...pathParams, ...listParams(api, op.parameters, `${opPointer}/parameters`)];
    return params.some((p) => isObj(p.value) && ((p.value.in === 'body' && p.value.schema !== undefined) || p.value.in === 'formData'));
  }
  const body = follow(api, op.requestBody, `${opPointer}/requestBody`).value;
  if (!isObj(body) || !isObj(body.content)) return false;
  return Object.values(body.content).some((media) => isObj(media) && media.schema !== undefined);
}

function listParams(api: unknown, value: unknown, pointer: string): Located[] {
  if (!Array.isArray(value)) return [];
  return value.map((p, i) => follow(api, p, `${pointer}/${i}`));
}

/** Operation-level checks: request bodies, responses, parameter types. */
export function lintOperations(api: unknown): OpenapiFinding[] {
  if (!isObj(api) || !isObj(api.paths)) return [];
  const swagger2 = api.swagger !== undefined;
  const openapi31 = typeof api.openapi === 'string' && api.openapi.startsWith('3.1');
  const findings: OpenapiFinding[] = [];
  const seenParams = new Set<string>();
  const pushParamFinding = (f: OpenapiFinding | undefined): void => {
    if (!f) return;
    if (!seenParams.has(f.pointer as string)) findings.push(f);
    seenParams.add(f.pointer as string);
  };
  for (const [path, rawItem] of Object.entries(api.paths)) {
    const item = follow(api, rawItem, `/paths/${escapeToken(path)}`);
    if (!isObj(item.value)) continue;
    const pathParams = listParams(api, item.value.parameters, `${item.pointer}/parameters`);
    for (const param of pathParams) pushParamFinding(checkParameterType(param, `path ${path}`, swagger2, openapi31));
    for (const method of METHODS) {
      const op = item.value[method];
      if (!isObj(op)) continue;
      const opPointer = `${item.pointer}/${method}`;
      const where = `${method.toUpperCase()} ${path}`;
      if (BODY_METHODS.has(method) && !hasBodySchema(api, op, pathParams, opPointer, swagger2)) {
        findings.push({ level: 'warning', code: 'request-body', message: `API endpoint ${where} missing request body schema`, pointer: opPointer });
      }
      const responses = op.responses;
      if (!isObj(responses) || !Object.keys(responses).some((k) => !k.startsWith('x-'))) {
        findings.push({ level: 'warning', code: 'no-responses', message: `Operation ${where} has no responses (add at least one, e.g. '200')`, pointer: `${opPointer}/responses` });
      }
      for (const param of listParams(api, op.parameters, `${opPointer}/parameters`)) pushParamFinding(checkParameterType(param, where, swagger2, openapi31));
    }
  }
  return findings;
}

interface RefUse {
  at: string;
  target: string;
}

/** Every `$ref` in the document with where it stands (iterative: deep documents cannot overflow the stack). */
export function collectRefs(api: unknown): Array<{ at: string; ref: string }> {
  const out: Array<{ at: string; ref: string }> = [];
  const stack: Array<[unknown, string]> = [[api, '']];
  while (stack.length) {
    const [value, pointer] = stack.pop() as [unknown, string];
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const v = value[i];
        if (v && typeof v === 'object') stack.push([v, `${pointer}/${i}`]);
      }
    } else if (value && typeof value === 'object') {
      const obj = value as Obj;
      if (typeof obj.$ref === 'string') out.push({ at: pointer, ref: obj.$ref });
      for (const key in obj) {
        const v = obj[key];
        if (v && typeof v === 'object') stack.push([v, `${pointer}/${key.includes('/') || key.includes('~') ? escapeToken(key) : key}`]);
      }
    }
  }
  return out;
}

function lowerBound(list: RefUse[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as RefUse).at < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Local refs whose target does not exist, and reference cycles (each named once). */
export function lintRefs(api: unknown, maxCycles = 5): { findings: OpenapiFinding[]; cycles: string[][] } {
  const findings: OpenapiFinding[] = [];
  const uses: RefUse[] = [];
  for (const { at, ref } of collectRefs(api)) {
    if (!isLocalRef(ref)) continue;
    const target = ref.slice(1);
    if (get(api, target) === undefined) {
      findings.push({ level: 'error', code: 'unresolved-ref', message: `Unresolved $ref '${ref}': nothing at ${dotted(target)}`, pointer: `${at}/$ref` });
      continue;
    }
    uses.push({ at, target });
  }
  uses.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  // A target's edges are the refs inside its subtree (found by binary search over the sorted pointers).
  const edgesOf = new Map<string, RefUse[]>();
  const edges = (target: string): RefUse[] => {
    let list = edgesOf.get(target);
    if (list) return list;
    list = [];
    for (let i = lowerBound(uses, target); i < uses.length; i++) {
      const u = uses[i] as RefUse;
      if (u.at !== target && !u.at.startsWith(target)) break;
      if (within(u.at, target)) list.push(u);
    }
    edgesOf.set(target, list);
    return list;
  };
  const cycles: string[][] = [];
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: finished
  const stack: string[] = [];
  const targets = [...new Set(uses.map((u) => u.target))].sort();
  const visit = (target: string): void => {
    state.set(target, 1);
    stack.push(target);
    for (const use of edges(target)) {
      if (cycles.length >= maxCycles) break;
      const s = state.get(use.target);
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(use.target)), use.target].map((t) => `#${t}`);
        cycles.push(cycle);
        findings.push({
          level: 'warning',
          code: 'circular-ref',
          message: `Circular $ref: ${cycle.join(' → ')} (valid, but code generators and dereferencing tools may loop on it)`,
          pointer: `${use.at}/$ref`,
        });
      } else if (s === undefined) visit(use.target);
    }
    stack.pop();
    state.set(target, 2);
  };
  for (const t of targets) {
    if (cycles.length >= maxCycles) break;
    if (!state.has(t)) visit(t);
  }
  return { findings, cycles };
}

