// SPEC_VALIDATE_ON_SAVE=true: run the artifact checks for the edited feature and summarise failures.
import type { CommandContext } from '../../core/context.js';
import { Output } from '../../core/output.js';
import type { FeatureRef } from '../../workspace/features.js';

export async function validateForHook(root: string, feature: FeatureRef, ctx: CommandContext): Promise<string | undefined> {
  const lines: string[] = [];
  const out = new Output(false, { write: (t: string) => lines.push(t) }, { write: () => undefined });
  const { validateArtifacts } = await import('../validate/artifacts.js');
  const ok = await validateArtifacts({ ...ctx, out }, root, { features: [feature], all: false });
  if (ok) return undefined;
  const errors = lines.join('').split('\n').filter((l) => l.startsWith('✗'));
  return `spec validate ${feature.name}: ${errors.length} problem(s): ${errors.slice(0, 3).join('; ')}${errors.length > 3 ? '; …' : ''}`;
}
