// spec hook <event>: Claude Code hooks. Always exits 0 and never blocks; problems go to systemMessage.
import type { CommandContext } from '../../core/context.js';
import { errorMessage } from '../../core/errors.js';
import { parseHookInput } from './input.js';

const EVENTS = ['session-start', 'post-tool-use', 'stop'] as const;
type HookEvent = (typeof EVENTS)[number];

export async function run(ctx: CommandContext): Promise<number> {
  const event = ctx.args.positionals[0] as HookEvent | undefined;
  const say = (obj: Record<string, unknown>) => ctx.out.raw(JSON.stringify(obj));
  if (!event || !EVENTS.includes(event)) {
    say({ systemMessage: `spec hook: unknown event '${event ?? ''}'; expected ${EVENTS.join(', ')}` });
    return 0;
  }
  let parsed;
  try {
    parsed = parseHookInput(await ctx.readStdin());
  } catch (error) {
    parsed = { ok: false as const, problem: `could not read stdin: ${errorMessage(error)}` };
  }
  if (!parsed.ok) {
    say({ systemMessage: `spec hook ${event}: ${parsed.problem}` });
    return 0;
  }
  const input = parsed.input;
  try {
    const handlers = await import('./handlers.js');
    const output = await handlers.handle(event, input, ctx);
    if (output) say(output);
  } catch (error) {
    say({ systemMessage: `spec hook ${event}: ${errorMessage(error)} (the session continues; run 'spec status' to check)` });
  }
  return 0;
}
