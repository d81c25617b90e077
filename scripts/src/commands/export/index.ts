// spec export spec|plan|tasks --format=…: the exact tracker payloads on stdout (warnings on stderr),
// so they can be piped to a file, pasted by hand, or handed to an MCP tool.
import { loadConfig } from '../../config/load.js';
import { boolFlag, stringFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { SpecError, UsageError } from '../../core/errors.js';
import { loadDesireContext } from '../../sync/desired.js';
import { MarkdownLimitError } from '../../trackers/render/markdown.js';
import { currentFeature } from '../../workspace/current.js';
import { snapshot } from '../../workspace/documents.js';
import { findProjectRoot } from '../../workspace/root.js';
import { exportPayload, validCombinations, VALID, type DocKind, type Format } from './formats.js';

export async function run(ctx: CommandContext): Promise<number> {
  const [doc, ...extra] = ctx.args.positionals;
  const format = stringFlag(ctx.args, 'format');
  if (!doc || !(doc in VALID) || extra.length) throw new UsageError(`export: name one document, spec, plan or tasks (valid: ${validCombinations()})`);
  if (!format) throw new UsageError(`export ${doc}: --format is required (valid: ${validCombinations()})`);
  const formats = VALID[doc as DocKind];
  if (!formats.includes(format as Format)) {
    throw new UsageError(`export ${doc} --format=${format} is not supported; ${doc} exports as ${formats.join(', ')} (valid: ${validCombinations()})`);
  }
  const root = findProjectRoot(ctx.cwd);
  const config = loadConfig(root, ctx.env);
  const flag = stringFlag(ctx.args, 'feature');
  const feature = currentFeature(root, { flag });
  if (!feature) throw new SpecError(`no feature to export: run 'spec new "<title>"' first`, { exitCode: 1 });
  const snap = snapshot(feature);
  const file = `${doc}.md`;
  const present = doc === 'spec' ? snap.spec : doc === 'plan' ? snap.plan : snap.tasksDoc;
  if (!present) throw new SpecError(`features/${feature.name}/${file} does not exist yet; nothing to export`, { exitCode: 1 });

  const templates = loadDesireContext(root, config);
  let result;
  try {
    result = exportPayload(doc as DocKind, format as Format, { snap, config, templates, allTasks: boolFlag(ctx.args, 'all') });
  } catch (error) {
    // The renderers refuse hostile documents (too deep, too large) without knowing the file: name it here.
    if (error instanceof MarkdownLimitError) throw new SpecError(`features/${feature.name}/${file}: ${error.message}`);
    throw error;
  }
  for (const w of [...templates.warnings.map((w) => `Warning: ${w}`), ...result.warnings]) ctx.out.warn(w);
  // Plain mode prints the payload alone (pipe-clean); --json wraps it in the one JSON object.
  if (ctx.out.json) ctx.out.set({ feature: feature.name, document: file, format, ...(result.title ? { title: result.title } : {}), payload: format === 'confluence' ? result.text : JSON.parse(result.text), warnings: result.warnings });
  else ctx.out.raw(result.text);
  return 0;
}
