// Template resolution: a file of the same name under the project's .spec/templates/ overrides ours.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '../core/errors.js';
import { readText } from '../core/text-file.js';
import { pluginRoot } from './plugin-root.js';
import { parseFrontmatter } from './frontmatter.js';
import { yamlScalarText, yamlString } from './yaml-scalar.js';

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

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/;
const FM_OPEN = /^---[ \t]*\r?\n/;
const FM_CLOSE = /^---[ \t]*$/m;
const KEY_VALUE = /^(\s*[A-Za-z0-9_-]+:[ \t]+)(\S.*?)[ \t]*$/;

/**
 * Renders a document template: in the frontmatter every `key: value` holding a placeholder is rewritten
 * as one YAML-safe scalar (whatever the value contains); the body gets plain substitution. The result is
 * parsed before it is returned, so a template that cannot make valid YAML fails here, before any file exists.
 */
export function renderDocument(text: string, values: Record<string, string>, display: string): string {
  const open = FM_OPEN.exec(text);
  const close = open ? FM_CLOSE.exec(text.slice(open[0].length)) : null;
  if (!open || !close) return renderTemplate(text, values);
  const fmEnd = open[0].length + close.index;
  const fm = text
    .slice(open[0].length, fmEnd)
    .split('\n')
    .map((line) => {
      const m = KEY_VALUE.exec(line);
      const written = m?.[2];
      if (!m || !written || !PLACEHOLDER.test(written)) return line;
      const quoted = written.startsWith('"') || written.startsWith("'");
      return `${m[1]}${yamlString(renderTemplate(yamlScalarText(written), values), quoted ? 'quoted' : 'plain-if-safe')}`;
    })
    .join('\n');
  const out = `${open[0]}${fm}${renderTemplate(text.slice(fmEnd), values)}`;
  parseFrontmatter(out, display);
  return out;
}
