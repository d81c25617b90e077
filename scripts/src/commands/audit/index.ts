import type { CommandContext } from '../../core/context.js';
import { SpecError } from '../../core/errors.js';

export async function run(_ctx: CommandContext): Promise<number> {
  throw new SpecError("'audit' is not available in this build yet");
}
