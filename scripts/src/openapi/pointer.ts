// JSON pointers (RFC 6901) over a parsed OpenAPI document, and the dotted form people read:
// `/paths/~1users/post/responses` → `paths['/users'].post.responses`.
type Json = unknown;
export type Obj = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The pointer is the root or lies under it. */
export function within(pointer: string, root: string): boolean {
  return pointer === root || pointer.startsWith(`${root}/`);
}

export function splitPointer(pointer: string): string[] {
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (p === '' || p === '/') return [];
  return p.split('/').slice(1).map(unescapeToken);
}

function joinPointer(tokens: readonly string[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

/** With the document, numeric keys of objects (`responses['200']`) read apart from array indexes. */
export function dotted(pointer: string, doc?: Json): string {
  let out = '';
  let value = doc;
  for (const token of splitPointer(pointer)) {
    const inArray = doc === undefined || Array.isArray(value);
    value = value === undefined ? undefined : child(value, token);
    if (/^\d+$/.test(token) && out && inArray) out += `[${token}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(token)) out += out ? `.${token}` : token;
    else out += `['${token}']`;
  }
  return out || '(document root)';
}

function child(value: Json, token: string): Json {
  if (Array.isArray(value)) return /^\d+$/.test(token) ? value[Number(token)] : undefined;
  if (value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, token)) return (value as Record<string, Json>)[token];
  return undefined;
}

/** The value at a pointer, or undefined. `#/a/b` and `/a/b` both work. */
export function get(doc: Json, pointer: string): Json {
  let value = doc;
  for (const token of splitPointer(pointer)) {
    value = child(value, token);
    if (value === undefined) return undefined;
  }
  return value;
}

export function isLocalRef(ref: string): boolean {
  return ref === '#' || ref.startsWith('#/');
}

function refOf(value: Json): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const ref = (value as Record<string, Json>).$ref;
    if (typeof ref === 'string') return ref;
  }
  return undefined;
}

export interface Located {
  value: Json;
  pointer: string;
}

/** Follow a chain of local `$ref`s (bounded, so a ref loop ends), keeping the pointer of where the value is. */
export function follow(doc: Json, value: Json, pointer = ''): Located {
  let current: Located = { value, pointer };
  for (let hops = 0; hops < 32; hops++) {
    const ref = refOf(current.value);
    if (ref === undefined || !isLocalRef(ref)) return current;
    const target = ref.slice(1);
    current = { value: get(doc, target), pointer: target };
  }
  return current;
}

export function resolveLocal(doc: Json, value: Json): Json {
  return follow(doc, value).value;
}

/**
 * Errors from a dereferenced document name paths that run through `$ref`s; in the source the value
 * lives at the ref's target. Rewrites the pointer to where the text actually is.
 */
export function sourcePointer(doc: Json, pointer: string): string {
  const tokens = splitPointer(pointer);
  let at: string[] = [];
  let value = doc;
  let hops = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = child(value, token);
    if (next === undefined) {
      const ref = refOf(value);
      if (ref !== undefined && isLocalRef(ref) && token !== '$ref') {
        const target = splitPointer(ref);
        const resolved = get(doc, ref);
        if (resolved !== undefined && hops++ < 32) {
          at = target;
          value = resolved;
          i--; // retry this token at the target
          continue;
        }
      }
      return joinPointer([...at, ...tokens.slice(i)]);
    }
    at = [...at, token];
    value = next;
  }
  return joinPointer(at);
}
