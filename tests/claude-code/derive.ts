// What a model reads off the text the client showed it: the helper calls written in an expanded
// command, an agent's system prompt or a skill. The scripted model only fills in what a model must
// (a title, a feature number); the rest of every command it runs is copied from our own instructions.
import type { Reply, Req } from './model-server.js';

const CALL = /node "[^"\n]*\/scripts\/spec\.mjs" [^`\n]*/g;

/** Every helper call written in `text`, in order, as shown (the plugin root already substituted). */
export function helperCalls(text: string): string[] {
  // "`node "…/spec.mjs" …`" in prose names the form, it is not a call.
  return [...text.matchAll(CALL)].map((m) => m[0].trim()).filter((c) => rest(c) !== '…');
}

/** The text of the slash command the client expanded in this conversation (its body after the
 *  <command-name> block), or throws when none was shown. */
export function commandText(req: Req, name: string): string {
  const texts = req.promptTexts();
  const i = texts.findIndex((t) => t.includes(`<command-name>/${name}</command-name>`));
  if (i < 0) throw new Error(`the client did not show the model /${name}`);
  // The expansion follows the name (and the <command-args> block) in the same or the next text block.
  return `${(texts[i] as string).split('</command-name>')[1] ?? ''}\n${texts[i + 1] ?? ''}`;
}

/** The first helper call in `text` whose arguments start with `sub` (e.g. "new", "status --json"). */
export function call(text: string, sub: string): string {
  const found = helperCalls(text).find((c) => rest(c).startsWith(sub));
  if (!found) throw new Error(`no helper call "${sub}" in the text shown:\n${text.slice(0, 400)}`);
  return found;
}

/** The whole fenced code block whose helper call starts with `sub`: a call may span lines (a
 *  heredoc carrying the title on standard input). */
export function block(text: string, sub: string): string {
  for (const m of text.matchAll(/```(?:bash)?\n([\s\S]*?)```/g)) {
    const body = (m[1] as string).replace(/^ +/gm, '').trim();
    const first = helperCalls(body)[0];
    if (first && rest(first).startsWith(sub) && body.startsWith(first)) return body;
  }
  return call(text, sub);
}

/** The arguments after the helper path. */
export function rest(c: string): string {
  return c.replace(/^node "[^"]*\/scripts\/spec\.mjs" /, '');
}

/** A title as one single-quoted shell word, writing ' as '\'' (what generate.md tells the model). */
export function quoted(title: string): string {
  return `'${title.replaceAll("'", `'\\''`)}'`;
}

/** Fill the placeholders a model must fill: <N> (feature number), '<the title>', T001-style ids. */
export function fill(c: string, v: { feature?: string; title?: string; task?: string }): string {
  let out = c;
  if (v.feature) out = out.replaceAll('<N>', v.feature).replace(/--feature=\d{3}\b/, `--feature=${v.feature}`);
  if (v.title !== undefined) out = out.replace(`'<the title>'`, quoted(v.title)).replace(`'<title>'`, quoted(v.title)).replace('<the title>', v.title);
  // Optional flags written as [--flag] are left out, as a model leaves out what was not asked for.
  out = out.replace(/ \[--[a-z-]+\]/g, '');
  if (v.task) out = out.replace(/\bT\d{3}\b/, v.task);
  // Any other unquoted <placeholder> a flag takes: a value of the right shape.
  out = out.replace(/=<([^>'"]+)>/g, (_, what: string) => `=${/key/i.test(what) ? 'PROJ-1' : /id/i.test(what) ? '123456' : 'x'}`);
  return out;
}

export function bash(command: string): Reply {
  return { tool: 'Bash', input: { command, description: 'spec helper' } };
}

export type Step = (req: Req) => Reply;

/** A scripted conversation: step i answers the request that follows the model's i-th tool call, so
 *  each conversation (the main one, every agent's) advances on its own. After the last step: done. */
export function script(...steps: Step[]): Step {
  return (req) => {
    const step = steps[req.calls().length];
    return step ? step(req) : { text: 'Done.' };
  };
}

/** The feature number the helper printed for a new feature ("features/001-…"). */
export function featureFrom(output: string): string {
  const m = /features\/(\d{3})-/.exec(output);
  if (!m) throw new Error(`no feature directory in the helper's output:\n${output}`);
  return m[1] as string;
}
