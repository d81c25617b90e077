// API endpoints a plan describes (`POST /users`, `GET /users/{id}` in prose, lists, tables or code)
// and whether an OpenAPI document declares them. `/users/{id}`, `/users/:id` and `/users/<id>` are one template.
import type { Operation } from './findings.js';

export interface PlannedEndpoint {
  method: string;
  path: string;
  line: number;
}

// METHOD, then separators a table cell, code span or bold may put in between, then a path.
const ENDPOINT = /(?<![\w/])(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(?:[`*_]*\s*\|?\s*[`*_]*\s*|\s+)(\/[A-Za-z0-9_\-.~{}:<>/%@$]*)/g;

export function detectEndpoints(body: string, firstLine = 1): PlannedEndpoint[] {
  const out: PlannedEndpoint[] = [];
  const seen = new Set<string>();
  body.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(ENDPOINT)) {
      const path = (m[2] as string).replace(/[.:]+$/, '');
      if (path.length < 2 && path !== '/') continue;
      const key = `${m[1]} ${templateKey(path)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ method: m[1] as string, path, line: firstLine + i });
    }
  });
  return out;
}

/** `/users/{id}/` ≡ `/users/:id` ≡ `/users/<id>`: parameter names and a trailing slash do not matter. */
export function templateKey(path: string): string {
  const clean = path.split(/[?#]/)[0] as string;
  const key = clean
    .split('/')
    .map((seg) => (/^\{[^}]*\}$|^:[A-Za-z_]\w*$|^<[^>]*>$/.test(seg) ? '{}' : seg))
    .join('/')
    .replace(/\/+$/, '');
  return key || '/';
}

/** Planned endpoints the document does not declare (the servers' base paths may prefix the plan's paths). */
export function missingEndpoints(planned: PlannedEndpoint[], operations: Operation[], bases: string[]): PlannedEndpoint[] {
  const declared = new Set<string>();
  for (const op of operations) {
    declared.add(`${op.method} ${templateKey(op.path)}`);
    for (const base of bases) declared.add(`${op.method} ${templateKey(`${base}${op.path}`)}`);
  }
  return planned.filter((e) => !declared.has(`${e.method} ${templateKey(e.path)}`));
}
