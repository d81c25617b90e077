// spec init: create the local structure idempotently and report each integration's readiness.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { boolFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { describeFsError } from '../../core/errors.js';
import { guardRead } from '../../core/inside.js';
import { readTextIfExists } from '../../core/text-file.js';
import { loadConfig, type Config } from '../../config/load.js';
import { writeFileAtomic } from '../../state/atomic.js';
import { DECISIONS_HEADER } from '../../state/memory.js';
import { statePaths } from '../../state/paths.js';
import { FEATURES_DIR } from '../../workspace/features.js';
import { refreshProgress } from '../../workspace/progress.js';
import { ensureProjectIdentity, PROJECT_FILE } from '../../workspace/project-id.js';
import { findProjectRoot } from '../../workspace/root.js';
import { claudeMdChange, claudeMdWithBlock, gitattributesWithUnion, gitignoreWithEntry } from './plan.js';
import { integrationLines } from '../status/integrations.js';
import { Output } from '../../core/output.js';
import type { LiveReportEntry } from './live-summary.js';

export async function run(ctx: CommandContext): Promise<number> {
  const root = findProjectRoot(ctx.cwd);
  const paths = statePaths(root);
  const created: string[] = [];

  const ensureDir = (dir: string, display: string) => {
    guardRead(dir, display); // a linked folder that leads out of the project is refused
    if (existsSync(dir)) return;
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw describeFsError(error, display);
    }
    created.push(`Created ${display}`);
  };
  const ensureFile = (
    file: string,
    display: string,
    next: (current: string | undefined) => string | undefined,
    describe: (current: string | undefined) => string = (c) => `${c === undefined ? 'Created' : 'Updated'} ${display}`,
  ) => {
    // A link (CLAUDE.md → AGENTS.md) is edited through its target when that stays inside the project,
    // so the link survives; guardRead refuses a target outside it.
    const target = guardRead(file, display);
    const current = readTextIfExists(file, display);
    const content = next(current);
    if (content === undefined) return;
    writeFileAtomic(target, content, display);
    created.push(describe(current));
  };

  ensureDir(join(root, FEATURES_DIR), 'features/');
  ensureDir(paths.stateDir, '.spec-state/');
  ensureDir(paths.memoryDir, '.spec-memory/');
  ensureDir(join(root, '.spec', 'templates'), '.spec/templates/');
  if (ensureProjectIdentity(root)) created.push(`Created ${PROJECT_FILE} (commit it: it tells this project's tracker items apart)`);
  ensureFile(paths.decisions, '.spec-memory/DECISIONS-LOG.md', (c) => (c === undefined ? DECISIONS_HEADER : undefined));
  ensureFile(join(root, '.gitignore'), '.gitignore', gitignoreWithEntry, (c) => `${c === undefined ? 'Created' : 'Updated'} .gitignore (local state and the derived progress file stay out of git)`);
  ensureFile(join(root, '.gitattributes'), '.gitattributes', gitattributesWithUnion, (c) => `${c === undefined ? 'Created' : 'Updated'} .gitattributes (DECISIONS-LOG.md merges by union: branches never conflict on it)`);
  ensureFile(join(root, 'CLAUDE.md'), 'CLAUDE.md', claudeMdWithBlock, claudeMdChange);
  if (refreshProgress(root)) created.push('Created .spec-memory/WORKFLOW-PROGRESS.md (derived from features/, not committed)');

  if (created.length) for (const c of created) ctx.out.ok(c);
  else ctx.out.ok('Already initialized: nothing to change');

  const config: Config = loadConfig(root, ctx.env);
  for (const issue of config.issues) ctx.out.warn(`Warning: ${issue.message}`);
  ctx.out.line('');
  ctx.out.line('Integrations:');
  for (const line of integrationLines(config)) ctx.out.line(`  ${line}`);
  ctx.out.set({ ok: true, root, created, integrations: config.integrations });

  let code = 0;
  if (boolFlag(ctx.args, 'test-integrations')) {
    ctx.out.line('');
    const [live, { liveSummary }, { TRACKERS }] = await Promise.all([import('../test-integration/index.js'), import('./live-summary.js'), import('../../config/keys.js')]);
    // The checks run (and record, and log) as test-integration does; init prints the seed's summary of them.
    const captured: string[] = [];
    const out = new Output(true, { write: (t: string) => captured.push(t) }, { write: () => undefined });
    await live.run({ ...ctx, out, args: { positionals: [], flags: { all: true } } });
    out.flush();
    const report = (JSON.parse(captured.join('')) as { integrations?: Record<string, LiveReportEntry> }).integrations ?? {};
    const summary = liveSummary(config, TRACKERS, report);
    for (const l of summary.lines) ctx.out.line(l);
    ctx.out.set({ live: report });
    // The local structure is made either way; a configured tracker that failed its check is exit 1.
    if (summary.failed) code = 1;
  }
  ctx.out.line('');
  ctx.out.line('Next: /spec:generate "<feature title>" (or spec new "<title>")');
  return code;
}
