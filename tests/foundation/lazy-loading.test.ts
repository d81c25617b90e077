// `hook` and `status` must never load ajv or swagger-parser (or any tracker client): follow the bundle's
// import graph from the entry through each command's chunk and look at what it would load.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE } from '../helpers/project.js';

const bundleDir = dirname(BUNDLE);

/** Files loaded eagerly from `file`: its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^import\s[^;]*?from\s*["'](\.[^"']+)["'];?$|^import\s*["'](\.[^"']+)["'];?$/gm)) {
    staticClosure(join(dirname(file), (m[1] ?? m[2]) as string), seen);
  }
  return seen;
}

/** The CLI chunk: the entry imports it dynamically once the hook fast path has passed. */
function cliChunk(): string {
  const m = /import\("(\.\.\/dist\/cli\.mjs)"\)/.exec(readFileSync(BUNDLE, 'utf8'));
  if (!m) throw new Error('the entry does not import the CLI chunk');
  return join(bundleDir, m[1] as string);
}

/** The chunk a command's `load()` imports, found in the command registry. */
function commandChunk(name: string): string {
  for (const file of staticClosure(cliChunk())) {
    const m = new RegExp(`name: "${name}",[\\s\\S]*?load: \\(\\) => import\\("(\\./[^"]+)"\\)`).exec(readFileSync(file, 'utf8'));
    if (m) return join(dirname(file), m[1] as string);
  }
  throw new Error(`no chunk for ${name}`);
}

const loaded = (name: string) =>
  [...new Set([...staticClosure(BUNDLE), ...staticClosure(cliChunk()), ...staticClosure(commandChunk(name))])].map((f) => readFileSync(f, 'utf8')).join('\n');
const HEAVY = { ajv: /\bclass Ajv\b|ajv\/dist|"ajv"/, 'swagger-parser': /SwaggerParser|swagger-parser/, 'tracker transport': /X-GitHub-Api-Version/ };

describe('lazy loading', () => {
  it.each(['hook', 'status'])('%s loads neither ajv, swagger-parser nor the tracker clients', (name) => {
    const code = loaded(name);
    for (const [what, marker] of Object.entries(HEAVY)) expect(marker.test(code), `${name} would load ${what}`).toBe(false);
  });

  it('the check can see them: validate --openapi and sync do load theirs (through their own imports)', () => {
    // Everything a command may load: static and dynamic imports, transitively.
    const all = (name: string) => {
      const files = new Set<string>();
      const visit = (f: string) => {
        if (files.has(f)) return;
        staticClosure(f, files);
        for (const g of [...files]) for (const m of readFileSync(g, 'utf8').matchAll(/import\("(\.[^"]+)"\)/g)) visit(join(dirname(g), m[1] as string));
      };
      visit(commandChunk(name));
      return [...files].map((f) => readFileSync(f, 'utf8')).join('\n');
    };
    expect(HEAVY['swagger-parser'].test(all('validate'))).toBe(true);
    expect(HEAVY['tracker transport'].test(all('test-integration'))).toBe(true);
  });
});
