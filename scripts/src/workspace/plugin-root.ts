// Where the plugin's own files (workflow/templates, …) live: the nearest ancestor of this module with
// .claude-plugin/plugin.json. Works for the bundle (scripts/spec.mjs) and for the sources under test.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function pluginRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, '.claude-plugin', 'plugin.json'))) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  cached = process.env.CLAUDE_PLUGIN_ROOT ?? process.cwd();
  return cached;
}
