// Frontmatter read/write that keeps the body byte-for-byte and unknown keys (and their comments) intact.
// We split the block ourselves and use `yaml` documents rather than gray-matter: gray-matter re-dumps
// the whole block through js-yaml on write (losing comments and order) and evaluates `---js` blocks.
import { isMap, parseDocument, type Document } from 'yaml';
import { SpecError } from '../core/errors.js';

export interface Parsed {
  data: Record<string, unknown>;
  body: string;
  /** The frontmatter block's YAML document, or undefined when the file has none. */
  doc: Document | undefined;
  /** Lines taken by the opening delimiter and the YAML (for line numbers in the body). */
  bodyLine: number;
}

const OPEN = /^---([A-Za-z]*)[ \t]*\r?\n/;

export function parseFrontmatter(text: string, display: string): Parsed {
  const open = OPEN.exec(text);
  if (!open) return { data: {}, body: text, doc: undefined, bodyLine: 1 };
  const language = open[1] ?? '';
  if (language !== '' && language !== 'yaml') {
    throw new SpecError(
      `${display}:1: frontmatter language '${language}' is not allowed (it would run code); use plain '---' YAML frontmatter`,
    );
  }
  const rest = text.slice(open[0].length);
  const close = /^---[ \t]*$|^\.\.\.[ \t]*$/m.exec(rest);
  if (!close) throw new SpecError(`${display}:1: frontmatter starts with '---' but has no closing '---' line`);
  const yamlText = rest.slice(0, close.index);
  let after = rest.slice(close.index + close[0].length);
  if (after.startsWith('\r\n')) after = after.slice(2);
  else if (after.startsWith('\n')) after = after.slice(1);
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = (firstError.linePos?.[0]?.line ?? 1) + 1;
    const what = firstError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
    throw new SpecError(`${display}:${line}: invalid YAML in frontmatter: ${what}; fix it or remove the frontmatter block`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb ("excessive alias count") or the like: the message alone named no file.
    throw new SpecError(`${display}:2: invalid YAML in frontmatter: ${error instanceof Error ? error.message : String(error)}; fix it or remove the frontmatter block`);
  }
  if (value !== null && value !== undefined && !isMap(doc.contents)) {
    throw new SpecError(`${display}:2: frontmatter must be key: value pairs`);
  }
  const bodyLine = text.slice(0, text.length - after.length).split('\n').length;
  return { data: (value as Record<string, unknown> | null) ?? {}, body: after, doc, bodyLine };
}

/** Set (or, with undefined, delete) top-level keys; everything else stays as written. */
export function updateFrontmatter(text: string, display: string, changes: Record<string, unknown>): string {
  const parsed = parseFrontmatter(text, display);
  const doc = parsed.doc ?? parseDocument('{}');
  if (!parsed.doc) doc.contents = doc.createNode({});
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) doc.delete(key);
    else doc.set(key, doc.createNode(value));
  }
  let yamlText = doc.toString({ lineWidth: 0 });
  if (yamlText.trim() === '{}') yamlText = '';
  return `---\n${yamlText}---\n${parsed.body}`;
}
