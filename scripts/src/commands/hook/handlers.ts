// What each hook event does once it concerns a spec project.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from '../../core/context.js';
import { readSession, updateSession } from '../../state/session.js';
import { currentFeature } from '../../workspace/current.js';
import { snapshot } from '../../workspace/documents.js';
import { listFeatures, resolveFeature } from '../../workspace/features.js';
import { refreshProgressRow } from '../../workspace/progress.js';
import { findProjectRoot } from '../../workspace/root.js';
import { editedFile, featureOfFile, type HookInput } from './input.js';

type HookOutput = Record<string, unknown> | undefined;

function isSpecProject(root: string): boolean {
  return existsSync(join(root, 'features')) || existsSync(join(root, '.spec-state'));
}

export async function handle(event: string, input: HookInput, ctx: CommandContext): Promise<HookOutput> {
  const cwd = input.cwd && existsSync(input.cwd) ? input.cwd : ctx.cwd;
  const root = findProjectRoot(cwd);
  if (!isSpecProject(root)) return undefined;
  if (event === 'session-start') return sessionStart(root, input);
  if (event === 'post-tool-use') return postToolUse(root, input, cwd, ctx);
  return stop(root, input);
}

/** The current feature as the session and features/ say, recorded in the session with its phase. */
function recordCurrent(root: string, input: HookInput) {
  const session = readSession(root);
  const features = listFeatures(root);
  const feature = currentFeature(root, { session, features });
  if (!feature) return undefined;
  const s = snapshot(feature);
  updateSession(root, (d) => ({ ...d, feature: feature.name, phase: s.phase, next: s.next, ...(input.session_id ? { session_id: input.session_id } : {}) }));
  return { session, features, feature, s };
}

function sessionStart(root: string, input: HookInput): HookOutput {
  const current = recordCurrent(root, input);
  if (!current) {
    return { hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: 'Spec workflow: no features yet. Start with /spec:generate "<feature title>".' } };
  }
  const { session, feature, s } = current;
  const failing = Object.entries(session.integrations ?? {})
    .filter(([, r]) => r && r.ok === false)
    .map(([name, r]) => `${name} (${r?.kind ?? 'error'})`);
  const lines = [
    `Spec workflow: current feature ${feature.name} "${s.title}", phase ${s.phase}` +
      (s.progress.total ? `, tasks ${s.progress.done}/${s.progress.total} done` : '') + '.',
    `Next step: ${s.next}.`,
  ];
  if (failing.length) lines.push(`Last sync failed for ${failing.join(', ')}; local work is unaffected. Retry with /spec:sync --feature=${feature.id}.`);
  return { hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: lines.join(' ') } };
}

async function postToolUse(root: string, input: HookInput, cwd: string, ctx: CommandContext): Promise<HookOutput> {
  const file = editedFile(input);
  const name = file ? featureOfFile(root, file, cwd) : undefined;
  if (!name) return undefined;
  const features = listFeatures(root);
  const feature = resolveFeature(root, name, features);
  const s = snapshot(feature);
  refreshProgressRow(root, features, s);
  updateSession(root, (d) => ({ ...d, feature: feature.name, phase: s.phase, next: s.next }));
  const { loadConfig } = await import('../../config/load.js');
  const config = loadConfig(root, ctx.env);
  if (!config.validateOnSave) return undefined;
  const { validateForHook } = await import('./validate-on-save.js');
  const problems = await validateForHook(root, feature, ctx);
  if (!problems) return undefined;
  // systemMessage is shown to the user only; additionalContext is what the model reads with the
  // tool result, so it can fix the file it just wrote (https://code.claude.com/docs/en/hooks#posttooluse).
  return { systemMessage: problems, hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: `${problems}. Fix these in the file you just saved, then run validate again.` } };
}

function stop(root: string, input: HookInput): HookOutput {
  const current = recordCurrent(root, input);
  if (current) refreshProgressRow(root, current.features, current.s);
  return undefined;
}
