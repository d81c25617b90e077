// An OpenAPI file read once: the parsed document for the validators, and a way back from JSON pointers
// to line numbers in the text (the `yaml` package's nodes and LineCounter for YAML, a scan for JSON).
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { splitPointer } from './pointer.js';
import { jsonLines } from './json-lines.js';

export interface SourceProblem {
  message: string;
  line: number;
}

export interface Source {
  api: unknown;
  /** YAML/JSON syntax errors; when present `api` is undefined. */
  problems: SourceProblem[];
  /** Lines for pointers; a pointer that is not in the text maps to the line of its deepest existing parent. */
  lines(pointers: readonly string[]): Map<string, number>;
}

function looksJson(text: string, file: string): boolean {
  return file.endsWith('.json') || /^\s*[{[]/.test(text);
}

function lineOfJsonError(text: string, error: unknown): number {
  const m = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!m) return 1;
  return text.slice(0, Number(m[1])).split('\n').length;
}

function fromJson(text: string): Source {
  let api: unknown;
  try {
    api = JSON.parse(text);
  } catch (error) {
    const what = (error instanceof Error ? error.message : String(error)).replace(/ in JSON at position \d+.*$/, '');
    return { api: undefined, problems: [{ message: `invalid JSON: ${what}`, line: lineOfJsonError(text, error) }], lines: () => new Map() };
  }
  return {
    api,
    problems: [],
    lines(pointers) {
      // Ancestors are located too, so a missing key falls back to its parent's line.
      const found = jsonLines(text, pointers);
      const out = new Map<string, number>();
      for (const p of pointers) {
        let q = p;
        while (!found.has(q) && q) q = q.slice(0, q.lastIndexOf('/'));
        out.set(p, found.get(q) ?? 1);
      }
      return out;
    },
  };
}

function fromYaml(text: string): Source {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: true });
  // Errors at the very end (an unclosed bracket) point past the last line; keep them inside the file.
  const lastLine = text.replace(/\s+$/, '').split('\n').length;
  const lineAt = (offset: number) => Math.min(lineCounter.linePos(offset).line, lastLine);
  if (doc.errors.length) {
    return {
      api: undefined,
      problems: doc.errors.slice(0, 5).map((e) => ({
        message: `invalid YAML: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
        line: lineAt(e.pos[0]),
      })),
      lines: () => new Map(),
    };
  }
  let api: unknown;
  try {
    api = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { api: undefined, problems: [{ message: `invalid YAML: ${error instanceof Error ? error.message : String(error)}`, line: 1 }], lines: () => new Map() };
  }
  const locate = (pointer: string): number => {
    let node: unknown = doc.contents;
    let line = 1;
    for (const token of splitPointer(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === token);
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        if (keyNode?.range) line = lineAt(keyNode.range[0]);
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(token)] as Node | undefined;
        if (!/^\d+$/.test(token) || !item) break;
        if (item.range) line = lineAt(item.range[0]);
        node = item;
      } else break;
    }
    return line;
  };
  return {
    api,
    problems: [],
    lines: (pointers) => new Map(pointers.map((p) => [p, locate(p)])),
  };
}

export function readSource(text: string, file: string): Source {
  return looksJson(text, file) ? fromJson(text) : fromYaml(text);
}
