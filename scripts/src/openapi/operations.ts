// The operations a document declares (method + path template), with their pointers.
import { escapeToken, isObj, resolveLocal } from './pointer.js';
import { METHODS, type Operation } from './findings.js';


export function listOperations(api: unknown): Operation[] {
  if (!isObj(api) || !isObj(api.paths)) return [];
  const out: Operation[] = [];
  for (const [path, rawItem] of Object.entries(api.paths)) {
    const item = resolveLocal(api, rawItem);
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      if (isObj(item[method])) out.push({ method: method.toUpperCase(), path, pointer: `/paths/${escapeToken(path)}/${method}` });
    }
  }
  return out;
}

/** Path prefixes the operations are served under: Swagger's basePath, OpenAPI 3 servers' URL paths. */
export function basePaths(api: unknown): string[] {
  if (!isObj(api)) return [];
  const out = new Set<string>();
  if (typeof api.basePath === 'string') out.add(api.basePath);
  if (Array.isArray(api.servers)) {
    for (const s of api.servers) {
      if (!isObj(s) || typeof s.url !== 'string') continue;
      const url = s.url.replace(/\{[^}]*\}/g, 'x');
      try {
        out.add(new URL(url, 'http://host').pathname);
      } catch {
        // a server URL we cannot read adds no prefix
      }
    }
  }
  return [...out].map((p) => p.replace(/\/+$/, '')).filter(Boolean);
}
