// Claude Code's hook input (stdin JSON) and the decision whether a PostToolUse concerns us. Pure and cheap:
// this runs on every Write/Edit in the user's session, so nothing heavy is imported here.
import { isAbsolute, join, relative, sep } from 'node:path';

export interface HookInput {
  session_id?: string;
  cwd?: string;
  hook_event_name?: string;
  tool_name?: string;
  tool_input?: { file_path?: string; path?: string; notebook_path?: string };
  source?: string;
}

export type ParsedInput = { ok: true; input: HookInput } | { ok: false; problem: string };

export function parseHookInput(text: string): ParsedInput {
  if (!text.trim()) return { ok: false, problem: "stdin was empty; expected Claude Code's hook JSON" };
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'stdin JSON is not an object' };
    return { ok: true, input: value as HookInput };
  } catch {
    return { ok: false, problem: "stdin is not JSON; expected Claude Code's hook JSON" };
  }
}

export function editedFile(input: HookInput): string | undefined {
  const t = input.tool_input;
  const file = t?.file_path ?? t?.path ?? t?.notebook_path;
  return typeof file === 'string' && file ? file : undefined;
}

/** The feature directory name when `file` lies under `<root>/features/<name>/`. */
export function featureOfFile(root: string, file: string, cwd: string): string | undefined {
  const abs = isAbsolute(file) ? file : join(cwd, file);
  const rel = relative(join(root, 'features'), abs);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  const name = rel.split(sep)[0];
  return name && /^\d{3,}-/.test(name) ? name : undefined;
}
