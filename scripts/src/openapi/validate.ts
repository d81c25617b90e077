// Validate one OpenAPI file: syntax (with lines), swagger-parser (Swagger 2.0, OpenAPI 3.0 and 3.1),
// then our own checks. swagger-parser is imported here only, so no other command pays for loading it.
import { dirname } from 'node:path';
import { readInside } from '../core/inside.js';
import { decodeUtf8 } from '../core/text-file.js';
import type { OpenapiFinding, Operation } from './findings.js';
import { lintOperations, lintRefs } from './lint.js';
import { basePaths, listOperations } from './operations.js';
import { isObj, type Obj, sourcePointer, within } from './pointer.js';
import { parserErrorFinding, summarizeAjv, type AjvDetail } from './schema-errors.js';
import { guardedResolvers, lintExternalRefs } from './ref-guard.js';
import { readSource } from './source.js';

export interface OpenapiReport {
  /** `Swagger 2.0`, `OpenAPI 3.0.3`, … when the document says. */
  format?: string;
  operations: Operation[];
  basePaths: string[];
  /** Errors first, then warnings; each with a line when the text allows. */
  findings: OpenapiFinding[];
}


function formatOf(api: Obj): string | undefined {
  if (typeof api.swagger === 'string') return `Swagger ${api.swagger}`;
  if (typeof api.openapi === 'string') return `OpenAPI ${api.openapi}`;
  return undefined;
}

/** The largest openapi.yaml we parse: GitHub's complete REST description is 12 MB. */
export const MAX_OPENAPI_BYTES = 64 * 1024 * 1024;

/** `root`: the project; external $refs may only name regular files inside it. */
export async function validateOpenapiFile(file: string, display: string = file, root: string = dirname(file)): Promise<OpenapiReport> {
  const text = decodeUtf8(readInside(root, file, display, MAX_OPENAPI_BYTES), display);
  const source = readSource(text, file);
  const base = { operations: [] as Operation[], basePaths: [] as string[] };
  if (source.problems.length) {
    return { ...base, findings: source.problems.map((p) => ({ level: 'error', code: 'syntax', message: p.message, line: p.line })) };
  }
  const api = source.api;
  if (!isObj(api)) {
    return { ...base, findings: [{ level: 'error', code: 'schema', message: 'the document must be a mapping with openapi, info and paths', line: 1 }] };
  }
  const format = formatOf(api);
  const report: OpenapiReport = { ...base, ...(format ? { format } : {}), operations: listOperations(api), basePaths: basePaths(api), findings: [] };
  if (api.openapi === undefined && api.swagger === undefined) {
    report.findings = [{ level: 'error', code: 'schema', message: `Missing required field 'openapi' (e.g. openapi: 3.0.3)`, pointer: '', line: 1 }];
    return report;
  }

  // Ours first: swagger-parser dereferences the object in place.
  const own = lintOperations(api);
  const refs = lintRefs(api);
  refs.findings.push(...lintExternalRefs(api, file, root));

  const parserFindings: OpenapiFinding[] = [];
  let groups: string[] = [];
  if (!refs.findings.some((f) => f.code === 'unresolved-ref' || f.code === 'unsafe-ref')) {
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    const parser = new SwaggerParser();
    const refused: string[] = [];
    try {
      // 'ignore' leaves circular refs as $refs: nothing downstream can recurse forever.
      await parser.validate(file, api as never, { dereference: { circular: 'ignore' }, resolve: guardedResolvers(root, refused) } as never);
    } catch (error) {
      const details = (error as { details?: AjvDetail[] }).details;
      if (Array.isArray(details)) {
        const raw = readSource(text, file).api; // the untouched document, for pointers that run through $refs
        const summary = summarizeAjv(details, raw, own.map((f) => f.pointer ?? ''));
        groups = summary.groups;
        for (const f of summary.findings) parserFindings.push({ ...f, pointer: sourcePointer(raw, f.pointer ?? '') });
      } else if (refused.length) {
        for (const message of new Set(refused)) parserFindings.push({ level: 'error', code: 'unsafe-ref', message });
      } else parserFindings.push(parserErrorFinding(error));
    }
    if (parser.$refs?.circular && refs.cycles.length === 0) {
      own.push({ level: 'warning', code: 'circular-ref', message: 'Circular $ref through an external file (valid, but code generators and dereferencing tools may loop on it)' });
    }
  }

  const errors = [...refs.findings.filter((f) => f.level === 'error'), ...parserFindings];
  const errorPointers = new Set(errors.map((f) => f.pointer));
  const warnings: OpenapiFinding[] = [];
  for (const f of [...own, ...refs.findings.filter((r) => r.level === 'warning')]) {
    // A parameter type the schema also rejected: ours names it better, and it is an error then.
    if (f.code === 'parameter-type' && groups.some((g) => within(f.pointer ?? '', g))) errors.push({ ...f, level: 'error' });
    else if (!errorPointers.has(f.pointer)) warnings.push(f);
  }
  const pointers = [...errors, ...warnings].flatMap((f) => (f.pointer !== undefined && f.line === undefined ? [f.pointer] : []));
  const lines = pointers.length ? source.lines(pointers) : new Map<string, number>();
  const withLine = (f: OpenapiFinding): OpenapiFinding => (f.line === undefined && f.pointer !== undefined && lines.has(f.pointer) ? { ...f, line: lines.get(f.pointer) as number } : f);
  const byLine = (a: OpenapiFinding, b: OpenapiFinding) => (a.line ?? 0) - (b.line ?? 0);
  report.findings = [...errors.map(withLine).sort(byLine), ...warnings.map(withLine).sort(byLine)];
  return report;
}

