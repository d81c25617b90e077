// Runs the real Claude Code client headless against the stand-in model server: a plugin tree as a
// fresh clone would have it, a temp HOME per session with the plugin installed from a marketplace the
// way a user adds one, and `claude -p` with nothing reachable but loopback.
import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { startModelServer, type ModelServer, type Turn } from './model-server.js';

// A client session takes seconds of CPU; both clients' scenarios run side by side
// (describe.concurrent), so on a busy 2-core machine a scenario may need minutes.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

export const REPO = realpathSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
export const MARKETPLACE = JSON.parse(readFileSync(join(REPO, '.claude-plugin/marketplace.json'), 'utf8')).name as string;
export const PLUGIN = `spec@${MARKETPLACE}`;

export interface Client {
  name: string;
  bin: string;
  version: string;
}

/** The pinned client (a dev dependency) and, when the setup found one, the newest published client. */
export function clients(): Client[] {
  const out: Client[] = [{ name: 'pinned', bin: join(REPO, 'node_modules/.bin/claude'), version: pinnedVersion() }];
  const latest = process.env.SPEC_CLAUDE_CODE_LATEST;
  const newest = process.env.SPEC_CLAUDE_CODE_LATEST_VERSION;
  if (latest && existsSync(latest) && newest !== out[0]?.version) out.push({ name: 'newest', bin: latest, version: process.env.SPEC_CLAUDE_CODE_LATEST_VERSION ?? 'newest' });
  return out;
}

function pinnedVersion(): string {
  return JSON.parse(readFileSync(join(REPO, 'node_modules/@anthropic-ai/claude-code/package.json'), 'utf8')).version as string;
}

export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), `spec-cc-${prefix}-`)));
}

let tree: string | undefined;
/** The files a clone of this repository holds (tracked, plus new files not ignored, such as a freshly
 *  built bundle), copied once into a temp folder: what a marketplace install receives. */
export async function pluginTree(): Promise<string> {
  if (tree) return tree;
  const { stdout } = await execa('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO });
  const dir = join(tempDir('tree'), 'spec');
  for (const f of stdout.split('\0')) {
    if (!f || !existsSync(join(REPO, f))) continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(REPO, f), join(dir, f));
  }
  tree = dir;
  return dir;
}

/** The same tree as a git repository with one commit, for a git-URL marketplace. */
export async function pluginRepo(): Promise<string> {
  const src = await pluginTree();
  const dir = join(tempDir('git'), 'spec.git');
  cpSync(src, dir, { recursive: true });
  const git = (...a: string[]) => execa('git', a, { cwd: dir, env: gitEnv() });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'plugin');
  return dir;
}

function gitEnv(): Record<string, string> {
  return { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
}

/** The environment every client run gets: a temp HOME, the stand-in model, no telemetry, no traffic
 *  beyond the model's (update checks, feature flags, error reports are all off). */
export function clientEnv(home: string, model?: ModelServer, extra: Record<string, string> = {}): Record<string, string> {
  const keep = ['PATH', 'LANG', 'TERM', 'TMPDIR', 'SHELL'];
  const env: Record<string, string> = {};
  for (const k of keep) if (process.env[k]) env[k] = process.env[k] as string;
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    ANTHROPIC_API_KEY: 'sk-ant-test-dummy',
    ...(model ? { ANTHROPIC_BASE_URL: model.url } : { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' }),
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    // npm, when a client runs it for a plugin, may only reach this dead loopback port: a fetch fails
    // loudly instead of leaving the machine.
    npm_config_registry: 'http://127.0.0.1:9/',
    GIT_CONFIG_NOSYSTEM: '1',
    ...gitEnv(),
    ...extra,
  };
}

export interface Installed {
  client: Client;
  home: string;
  /** Output of `plugin marketplace add` and `plugin install`. */
  log: string;
  /** The plugin folder the client runs from (${CLAUDE_PLUGIN_ROOT}). */
  root: string;
}

/** A fresh HOME with the plugin installed from `source` (a directory or a git URL). */
export async function install(client: Client, source: string, extra: Record<string, string> = {}): Promise<Installed> {
  const home = tempDir('home');
  const env = clientEnv(home, undefined, extra);
  const opts = { env, extendEnv: false, cwd: home, reject: false, all: true, timeout: 280_000 } as const;
  const add = await execa(client.bin, ['plugin', 'marketplace', 'add', source], opts);
  const inst = await execa(client.bin, ['plugin', 'install', PLUGIN], opts);
  const log = `${add.all}\n${inst.all}`;
  if (add.exitCode !== 0 || inst.exitCode !== 0) throw new Error(`plugin install failed (${client.name}):\n${log}`);
  const record = JSON.parse(readFileSync(join(home, '.claude/plugins/installed_plugins.json'), 'utf8'));
  const root = record.plugins[PLUGIN][0].installPath as string;
  return { client, home, log, root };
}

export interface ResultEvent {
  result?: string;
  session_id?: string;
  is_error?: boolean;
  permission_denials?: { tool_name: string; tool_input: Record<string, unknown> }[];
}

export interface SessionResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The client's closing result for the last prompt (result text, permission denials, session id). */
  json: ResultEvent;
  /** One result per prompt, in order. */
  results: ResultEvent[];
  /** Every event the client printed (stream-json): hook runs with their exit codes, tool results. */
  events: Record<string, unknown>[];
  model: ModelServer;
}

export interface SessionOptions {
  cwd: string;
  /** One prompt, or several sent one after the other into the same session. */
  prompt: string | string[];
  turn: Turn;
  env?: Record<string, string>;
  args?: string[];
}

/** One headless session, `claude -p` against a stand-in model that follows `turn`. Prompts go in as
 *  stream-json, the next one once the client printed the result of the previous one. */
export async function session(inst: Installed, o: SessionOptions): Promise<SessionResult> {
  const model = await startModelServer(o.turn);
  // Each session gets its own copy of the installed HOME, so sessions can run side by side.
  const home = tempDir('run');
  cpSync(inst.home, home, { recursive: true });
  const prompts = Array.isArray(o.prompt) ? [...o.prompt] : [o.prompt];
  const label = (prompts[0] ?? '').slice(0, 20).replace(/\W+/g, '_');
  const events: Record<string, unknown>[] = [];
  const results: ResultEvent[] = [];
  try {
    const child = execa(inst.client.bin, ['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose', ...(o.args ?? [])], {
      cwd: o.cwd,
      env: clientEnv(home, model, o.env),
      extendEnv: false,
      reject: false,
      // Below the test timeout, so a stuck client still ends with its events recorded.
      timeout: 280_000,
      stdin: 'pipe',
    });
    const send = () => {
      const p = prompts.shift();
      if (p === undefined) child.stdin?.end();
      else child.stdin?.write(`${JSON.stringify({ type: 'user', message: { role: 'user', content: p } })}\n`);
    };
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let ev: Record<string, unknown>;
        try {
          ev = JSON.parse(line);
        } catch {
          continue;
        }
        events.push(ev);
        if (ev.type === 'result') {
          results.push(ev as ResultEvent);
          send();
        }
      }
    });
    send();
    const r = await child;
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), json: results.at(-1) ?? {}, results, events, model };
  } finally {
    await model.stop();
    // SPEC_CC_DUMP=<dir> keeps every request of every session for reading by hand.
    const dump = process.env.SPEC_CC_DUMP;
    if (dump) {
      mkdirSync(dump, { recursive: true });
      writeFileSync(join(dump, `${Date.now()}-${label}.json`), JSON.stringify({ requests: model.requests.map((r) => r.body), events }, null, 1));
    }
  }
}

export interface ToolCall {
  name: string;
  input: Record<string, unknown>;
  result: string;
  isError: boolean;
}

/** Every tool call of the session (main conversation and agents) with its result, from the events. */
export function toolCalls(r: SessionResult): ToolCall[] {
  const out = new Map<string, ToolCall>();
  for (const e of r.events) {
    const m = e.message as { content?: unknown } | undefined;
    if (!m || !Array.isArray(m.content)) continue;
    for (const b of m.content as { type: string; id?: string; name?: string; input?: Record<string, unknown>; tool_use_id?: string; content?: unknown; is_error?: boolean }[]) {
      if (e.type === 'assistant' && b.type === 'tool_use' && b.id) out.set(b.id, { name: b.name ?? '', input: b.input ?? {}, result: '', isError: false });
      if (e.type === 'user' && b.type === 'tool_result' && b.tool_use_id) {
        const c = out.get(b.tool_use_id);
        if (!c) continue;
        c.result = typeof b.content === 'string' ? b.content : Array.isArray(b.content) ? (b.content as { text?: string }[]).map((x) => x.text ?? '').join('\n') : '';
        c.isError = b.is_error === true;
      }
    }
  }
  return [...out.values()];
}

/** Hook runs the client reported (stream-json "hook_response" events). */
export function hookRuns(r: SessionResult): { event: string; exitCode: number; outcome: string; output: string }[] {
  return r.events
    .filter((e) => e.type === 'system' && e.subtype === 'hook_response')
    .map((e) => ({ event: String(e.hook_event), exitCode: Number(e.exit_code), outcome: String(e.outcome), output: String(e.output ?? '') }));
}

/** A temp project: a git repository with one commit (or a plain folder with git: false). */
export async function project(opts: { git?: boolean; files?: Record<string, string | Buffer> } = {}): Promise<string> {
  const dir = tempDir('proj');
  for (const [f, text] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  if (opts.git !== false) {
    const git = (...a: string[]) => execa('git', a, { cwd: dir, env: gitEnv() });
    await git('init', '-q', '-b', 'main');
    await git('commit', '-q', '--allow-empty', '-m', 'start');
  }
  return dir;
}
