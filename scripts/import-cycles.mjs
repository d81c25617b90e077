#!/usr/bin/env node
// Lists import cycles among scripts/src modules (static and dynamic imports, type-only ones included, since a
// cycle of types is still two rooms leaning on each other). Exit 1 when there is one. Used by the layout test.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), 'src');
const files = readdirSync(src, { recursive: true }).filter((f) => f.endsWith('.ts')).map((f) => join(src, f));
const edges = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)\.js'/g)].map((m) => resolve(dirname(file), `${m[1]}.ts`));
    return [file, targets.filter((t) => t !== file)];
  }),
);

const cycles = [];
const state = new Map(); // 1 visiting, 2 done
const stack = [];
function visit(file) {
  state.set(file, 1);
  stack.push(file);
  for (const t of edges.get(file) ?? []) {
    if (state.get(t) === 1) cycles.push([...stack.slice(stack.indexOf(t)), t].map((f) => relative(src, f)).join(' → '));
    else if (!state.has(t)) visit(t);
  }
  stack.pop();
  state.set(file, 2);
}
for (const f of files) if (!state.has(f)) visit(f);
for (const c of cycles) console.log(`✗ import cycle: ${c}`);
if (cycles.length) process.exit(1);
console.log(`✓ no import cycle among ${files.length} modules`);
