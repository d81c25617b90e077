// Whether a PostToolUse payload could concern a feature file. Dependency-free: the bundle entry calls it
// before loading anything else. `undefined` means "cannot tell cheaply" (bad JSON…): let the full hook decide.
export function isFeatureEdit(stdin: string): boolean | undefined {
  let input: { tool_input?: Record<string, unknown> } | null;
  try {
    input = JSON.parse(stdin) as typeof input;
  } catch {
    return undefined;
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const t = input.tool_input ?? {};
  const file = t.file_path ?? t.path ?? t.notebook_path;
  if (typeof file !== 'string' || !file) return false;
  return /(^|[\\/])features[\\/]/.test(file);
}
