// spec sandbox: run the loopback emulators of JIRA, Confluence, Linear and GitHub until Ctrl-C, and
// print the lines that point the plugin at them.
import { resolve } from 'node:path';
import { boolFlag, stringFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { SpecError, UsageError } from '../../core/errors.js';
import { readFileSync } from 'node:fs';

export async function run(ctx: CommandContext): Promise<number> {
  const portText = stringFlag(ctx.args, 'port') ?? '4700';
  if (!/^\d+$/.test(portText) || Number(portText) > 65532) throw new UsageError(`--port=${portText} is not a port number`, 'use --port=4700, or --port=0 for free ports');
  const { startSandbox, parseLimits } = await import('../../sandbox/server.js');
  const { parseFaults } = await import('../../sandbox/faults.js');
  const faultText = stringFlag(ctx.args, 'faults') ?? '';
  let faults;
  try {
    faults = parseFaults(faultText);
  } catch (error) {
    throw new UsageError(`--faults: ${(error as Error).message}`);
  }
  const scaleText = stringFlag(ctx.args, 'clock-scale') ?? '1';
  const scale = Number(scaleText);
  if (!(scale > 0)) throw new UsageError(`--clock-scale=${scaleText} is not a positive number`);
  let limits;
  try {
    limits = parseLimits(stringFlag(ctx.args, 'limits') ?? '');
  } catch (error) {
    throw new UsageError(`--limits: ${(error as Error).message}`);
  }
  const { parseSearchLag } = await import('../../sandbox/admin-extras.js');
  let searchLagSeconds = 0;
  try {
    searchLagSeconds = parseSearchLag(stringFlag(ctx.args, 'search-lag') ?? '0');
  } catch (error) {
    throw new UsageError(`--search-lag: ${(error as Error).message}`);
  }
  const statePath = stringFlag(ctx.args, 'state');
  const tls = readTls(ctx);
  let sandbox;
  try {
    sandbox = await startSandbox({ port: Number(portText), faults, clockScale: scale, limits, gateway: boolFlag(ctx.args, 'gateway'), searchLagSeconds, ...(statePath ? { statePath: resolve(ctx.cwd, statePath) } : {}), ...(tls ? { tls } : {}) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new SpecError(`port ${portText} (or one of the next four) is in use`, { hint: 'pass --port=N, or --port=0 to pick free ports' });
    if (statePath && /sandbox state file/.test((error as Error).message)) throw new SpecError(`--state: ${(error as Error).message}`);
    throw error;
  }
  const { urls } = sandbox;
  const { claudeMd, env } = sandbox.config();
  ctx.out.ok('Sandbox running (loopback emulators; nothing leaves this machine)');
  ctx.out.line(`  JIRA        ${urls.jira}/rest/api/3`);
  ctx.out.line(`  Confluence  ${urls.confluence}/api/v2`);
  ctx.out.line(`  Linear      ${urls.linear}`);
  ctx.out.line(`  GitHub      ${urls.github}`);
  ctx.out.line(`  Gateway     ${urls.gateway}/ex/jira/<cloudId>, /ex/confluence/<cloudId>/wiki  (cloud id: ${urls.atlassian}/_edge/tenant_info)`);
  ctx.out.line(`  Admin       ${urls.admin}/faults  (POST {"service":"jira","fault":"auth"}; DELETE ?service=jira)`);
  const active = Object.entries(sandbox.faults.list());
  if (active.length) ctx.out.line(`  Faults      ${active.map(([s, list]) => list.map((f) => `${s}:${f.fault}`).join(',')).join(',')}`);
  if (searchLagSeconds) ctx.out.line(`  Search lag  ${searchLagSeconds}s (JIRA search misses issues younger than this unless reconciled)`);
  if (statePath) ctx.out.line(`  State       ${resolve(ctx.cwd, statePath)} (kept across restarts)`);
  if (scale !== 1) ctx.out.line(`  Clock       ${scale}× (export SPEC_SANDBOX_CLOCK below so clients share it)`);
  ctx.out.line('');
  ctx.out.line('Add to CLAUDE.md:');
  for (const [k, v] of Object.entries(claudeMd)) ctx.out.line(`${k}=${v}`);
  ctx.out.line('');
  ctx.out.line('Then, in your shell:');
  for (const [k, v] of Object.entries(env)) ctx.out.line(`export ${k}=${v}`);
  ctx.out.line('');
  const proxyNote = loopbackProxyNote(ctx.env);
  if (proxyNote) ctx.out.warn(`Warning: ${proxyNote}`);
  ctx.out.next('spec test-integration --all   (Ctrl-C stops the sandbox)');
  // --json: print the object now (the sandbox keeps running), not at exit.
  if (ctx.out.json) ctx.out.raw(JSON.stringify({ urls, claudeMd, env, faults: sandbox.faults.list(), ...(proxyNote ? { warnings: [proxyNote] } : {}) }, null, 2));

  await new Promise<void>((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await sandbox.stop();
  ctx.out.line('Sandbox stopped.');
  // --json already printed its object; exit here so the dispatcher does not print a second one.
  if (ctx.out.json) process.exit(0);
  return 0;
}

/** --tls-cert and --tls-key, read; both or neither. */
function readTls(ctx: CommandContext): { cert: string; key: string } | undefined {
  const certFile = stringFlag(ctx.args, 'tls-cert');
  const keyFile = stringFlag(ctx.args, 'tls-key');
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new UsageError('--tls-cert and --tls-key go together', 'pass both PEM files, e.g. --tls-cert=server.pem --tls-key=server.key');
  const read = (flag: string, file: string) => {
    try {
      return readFileSync(resolve(ctx.cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`--${flag}=${file}: ${(error as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
    }
  };
  return { cert: read('tls-cert', certFile), key: read('tls-key', keyFile) };
}

/** With a proxy variable set, loopback requests go through the proxy too (curl's rule) unless NO_PROXY names them. */
export function loopbackProxyNote(env: NodeJS.ProcessEnv): string | undefined {
  const set = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find((k) => env[k]);
  if (!set) return undefined;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(/[,\s]+/).map((x) => x.trim().toLowerCase());
  if (noProxy.includes('*') || noProxy.includes('127.0.0.1')) return undefined;
  return `${set} is set: add 127.0.0.1 to NO_PROXY (export NO_PROXY=127.0.0.1,$NO_PROXY) or the sandbox is reached through your proxy`;
}
