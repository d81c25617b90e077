// Placeholder until artifact consistency validation lands (issue: validation).
import type { CommandContext } from '../../core/context.js';

export interface ValidateScope {
  feature?: string;
  all: boolean;
}

/** Prints ✓/✗ lines for spec.md/plan.md/tasks.md consistency; returns false when an error (✗) was found. */
export async function validateArtifacts(ctx: CommandContext, _root: string, _scope: ValidateScope): Promise<boolean> {
  ctx.out.skip('Artifact consistency checks are not available in this build yet');
  return true;
}
