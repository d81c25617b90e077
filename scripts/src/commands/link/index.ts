// spec link: record an item created by hand or through an MCP tool; later syncs treat it as their own.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { boolFlag, stringFlag } from '../../core/args.js';
import type { CommandContext } from '../../core/context.js';
import { SpecError, UsageError } from '../../core/errors.js';
import { loadConfig } from '../../config/load.js';
import { readDoc } from '../../workspace/documents.js';
import { listFeatures, resolveFeature } from '../../workspace/features.js';
import { parseTasks } from '../../workspace/tasks.js';
import { claimedByOthers, currentLinks, replacements, sharedNumbers, unknownTasks, type WantedLinks } from './ownership.js';
import { LINK_PATTERNS, parseGithubPairs, writeConfluenceLink, writeGithubIssues, writeJiraLink, writeLinearLink } from '../../workspace/links.js';
import { findProjectRoot } from '../../workspace/root.js';

export async function run(ctx: CommandContext): Promise<number> {
  const flag = stringFlag(ctx.args, 'feature');
  if (!flag) throw new UsageError('--feature is required: spec link --feature=003 --jira=PROJ-123');
  const jira = stringFlag(ctx.args, 'jira');
  const confluence = stringFlag(ctx.args, 'confluence');
  const linear = stringFlag(ctx.args, 'linear');
  const github = stringFlag(ctx.args, 'github');
  const url = stringFlag(ctx.args, 'url');
  const given = [jira, confluence, linear, github].filter((v) => v !== undefined).length;
  if (given === 0) throw new UsageError('name what to link: --jira=KEY, --confluence=ID, --linear=ID or --github=T001:12');
  if (url && given > 1) throw new UsageError('--url belongs to one link at a time');
  if (url && !/^https?:\/\//.test(url)) throw new UsageError(`--url '${url}' is not an http(s) URL`);

  const root = findProjectRoot(ctx.cwd);
  const feature = resolveFeature(root, flag);
  const config = loadConfig(root, ctx.env);
  const need = (file: string) => {
    if (!existsSync(join(feature.dir, file))) throw new SpecError(`features/${feature.name}/${file} does not exist; create it before linking`);
  };
  const linked: Record<string, unknown> = {};

  // Everything is checked before anything is written: a refused link leaves every file as it was.
  if (jira !== undefined && !LINK_PATTERNS.jira.test(jira)) throw new UsageError(`--jira '${jira}' is not an issue key such as PROJ-123`);
  if (confluence !== undefined && !LINK_PATTERNS.confluence.test(confluence)) throw new UsageError(`--confluence '${confluence}' is not a numeric page id`);
  if (linear !== undefined && !LINK_PATTERNS.linear.test(linear)) throw new UsageError(`--linear '${linear}' is not an issue identifier such as ENG-42`);
  const pairs = github !== undefined ? parseGithubPairs(github) : undefined;
  if (jira !== undefined || linear !== undefined) need('spec.md');
  if (confluence !== undefined) need('plan.md');
  if (pairs) {
    need('tasks.md');
    const doc = readDoc(feature, 'tasks.md');
    const ids = doc ? parseTasks(doc.body, doc.bodyLine).map((t) => t.id) : [];
    const unknown = unknownTasks(pairs, ids);
    if (unknown.length) {
      const listed = ids.length ? `it lists ${ids.length > 6 ? `${ids[0]}…${ids[ids.length - 1]}` : ids.join(', ')}` : 'it lists no tasks';
      throw new SpecError(`features/${feature.name}/tasks.md has no task ${unknown.join(', ')} (${listed})`, { exitCode: 2, hint: 'link a task id from tasks.md, e.g. --github=T001:12' });
    }
  }
  const wanted: WantedLinks = { ...(jira ? { jira } : {}), ...(linear ? { linear } : {}), ...(confluence ? { confluence } : {}), ...(pairs ? { github: pairs } : {}) };
  const current = currentLinks(feature);
  const others = listFeatures(root).filter((f) => f.name !== feature.name).map((f) => ({ feature: f, links: currentLinks(f) }));
  const claimed = [...claimedByOthers(wanted, others), ...(pairs ? sharedNumbers(pairs, current.github) : [])];
  if (claimed.length) {
    throw new SpecError(`not linked: ${claimed.join('; ')}`, { hint: 'one remote item belongs to one feature: link another item, or remove the other link first' });
  }
  const replaced = replacements(current, wanted);
  if (replaced.length && !boolFlag(ctx.args, 'force')) {
    throw new SpecError(`features/${feature.name} is already linked: this would replace ${replaced.join(', ')}`, { hint: `nothing changed; to replace it, run the same command with --force` });
  }

  if (jira !== undefined) {
    const link = url ?? (config.jira.url ? `${config.jira.url}/browse/${jira}` : undefined);
    writeJiraLink(feature, jira, link);
    ctx.out.ok(`Linked ${feature.name} to JIRA ${jira}${link ? ` (${link})` : ''}`);
    linked.jira = { id: jira, url: link ?? null };
  }
  if (confluence !== undefined) {
    const c = config.confluence;
    const link = url ?? (c.url && c.space ? `${c.url}/spaces/${c.space}/pages/${confluence}` : undefined);
    writeConfluenceLink(feature, 'plan.md', confluence, link);
    ctx.out.ok(`Linked ${feature.name} plan.md to Confluence page ${confluence}${link ? ` (${link})` : ''}`);
    linked.confluence = { id: confluence, url: link ?? null };
  }
  if (linear !== undefined) {
    writeLinearLink(feature, linear, url);
    ctx.out.ok(`Linked ${feature.name} to Linear ${linear}${url ? ` (${url})` : ''}`);
    linked.linear = { id: linear, url: url ?? null };
  }
  if (pairs) {
    const all = writeGithubIssues(feature, pairs);
    ctx.out.ok(`Linked ${Object.entries(pairs).map(([t, n]) => `${t} → #${n}`).join(', ')} in features/${feature.name}/tasks.md`);
    linked.github = all;
  }
  if (replaced.length) ctx.out.warn(`Replaced ${replaced.join(', ')} (--force)`);
  ctx.out.next(`A later 'spec sync --feature=${feature.id}' updates these items instead of creating new ones`);
  ctx.out.set({ ok: true, feature: feature.name, linked });
  return 0;
}
