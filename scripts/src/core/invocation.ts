// Where the helper runs: inside a Claude Code session (the Bash tool, a hook, a slash command) or in a
// plain shell. Decides the form of recovery lines and the compact default. Pure over the environment.
export function insideClaudeCode(env: NodeJS.ProcessEnv): boolean {
  return env.CLAUDECODE === '1' || Boolean(env.CLAUDE_PLUGIN_ROOT) || Boolean(env.CLAUDE_PROJECT_DIR);
}
