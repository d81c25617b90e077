// Template resolution: a file of the same name under the project's .spec/templates/ overrides ours.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '../core/errors.js';
import { readText } from '../core/text-file.js';
import { pluginRoot } from './plugin-root.js';

export interface ResolvedTemplate {
  path: string;
  source: 'project' | 'plugin';
  /** The path as messages show it: relative to the project, or `workflow/templates/<name>`. */
  display: string;
  text: string;
}

/** `name` is relative to the templates folder, e.g. `spec.md` or `integrations/jira-story-template.md`. */
export function resolveTemplate(root: string, name: string): ResolvedTemplate {
  const base = name.split('/').pop() as string;
  const candidates: Array<[string, ResolvedTemplate['source']]> = [
    [join(root, '.spec', 'templates', name), 'project'],
    [join(root, '.spec', 'templates', base), 'project'],
    [join(pluginRoot(), 'workflow', 'templates', name), 'plugin'],
  ];
  for (const [path, source] of candidates) {
    if (!existsSync(path)) continue;
    const display = source === 'project' ? path.slice(root.length + 1) : `workflow/templates/${name}`;
    return { path, source, display, text: readText(path, display) };
  }
  throw new SpecError(`template ${name} not found in .spec/templates/ or the plugin's workflow/templates/`);
}

/** Replaces `{{name}}` placeholders; unknown ones are left for the model to fill. */
export function renderTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (all, key: string) => values[key] ?? all);
}
