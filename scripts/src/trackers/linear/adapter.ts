// Linear sync: one issue per feature (and, with SPEC_LINEAR_TASK_ISSUES=true, a sub-issue per task),
// `issueBatchCreate` for up to 50 at a time with --batch. The feature issue's identifier (ENG-42) and
// URL go back into spec.md (`linear_id`, `linear_url`); sub-issues are linked in the sync journal.
// A checked task moves its sub-issue to the team's first completed state, an unchecked one moves a
// completed sub-issue back to the first unstarted state.
// Orphans are found by LABEL: every issue of a feature carries the team label `spec-003-<slug>` (created
// when missing); a lost feature issue is the labelled issue without a parent and without a `T001:` title,
// a lost sub-issue the labelled one titled `T001: …`. (Linear's markdown does not keep HTML comments,
// so a hidden marker in the description would not survive.)
import type { Adapter, AdapterContext, DesiredItem, RemoteRef } from '../contract.js';
import { writeLinearLink } from '../../workspace/links.js';
import { featureLabel } from '../render/feature-meta.js';
import { LINEAR_BATCH_MAX, LinearClient, type LinearIssueRef, type LinearTeam } from './client.js';

const TASK_TITLE = /^T\d{3,}:/;

export const linearRef = (i: Pick<LinearIssueRef, 'identifier' | 'url'>): RemoteRef => ({ id: i.identifier, url: i.url, display: i.identifier });

export function linearAdapter(ctx: AdapterContext): Adapter<'linear'> {
  const client = new LinearClient(ctx.config, { env: ctx.env });
  let team: Promise<LinearTeam> | undefined;
  const labelIds = new Map<string, string>();
  /** identifier (ENG-42) → UUID, for parentId. */
  const uuids = new Map<string, string>();

  const ensureTeam = (): Promise<LinearTeam> => {
    if (!team) {
      team = client.team(ctx.config.linear.teamId);
      team.catch(() => (team = undefined));
    }
    return team;
  };
  /** Every label an item carries by name: its feature label and the configured or templated names. */
  const namesOf = (item: DesiredItem<'linear'>) => [featureLabel(item.feature), ...(item.payload.labelNames ?? [])];
  // One lookup-and-create at a time, so that items prepared concurrently never create a label twice.
  let labelQueue: Promise<void> = Promise.resolve();
  function ensureLabels(items: Array<DesiredItem<'linear'>>): Promise<void> {
    const run = labelQueue.then(async () => {
      const t = await ensureTeam();
      const wanted = [...new Set(items.flatMap(namesOf))].filter((n) => !labelIds.has(n));
      if (!wanted.length) return;
      for (const [name, id] of await client.labelsNamed(wanted, t.id)) labelIds.set(name, id);
      for (const name of wanted.filter((n) => !labelIds.has(n))) labelIds.set(name, await client.createLabel(name, t.id));
    });
    labelQueue = run.catch(() => undefined);
    return run;
  }
  async function uuidOf(ref: RemoteRef): Promise<string> {
    const known = uuids.get(ref.id);
    if (known) return known;
    const found = await client.issue(ref.id);
    if (!found) return ref.id;
    uuids.set(ref.id, found.id);
    return found.id;
  }
  const learn = (i: LinearIssueRef) => {
    uuids.set(i.identifier, i.id);
    return linearRef(i);
  };

  /** The fields both create and update send: the payload with the team UUID, the feature label, parent and state. */
  async function fields(item: DesiredItem<'linear'>): Promise<Record<string, unknown>> {
    const t = await ensureTeam();
    await ensureLabels([item]);
    const { teamId: _configured, labelIds: configuredLabels, labelNames: _names, ...rest } = item.payload;
    const labels = [...new Set([...(configuredLabels ?? []), ...namesOf(item).map((n) => labelIds.get(n) as string)])];
    return {
      ...rest,
      teamId: t.id,
      labelIds: labels,
      ...(item.parent ? { parentId: await uuidOf(item.parent) } : {}),
      ...(item.taskId && item.done && t.doneStateId ? { stateId: t.doneStateId } : {}),
    };
  }

  return {
    tracker: 'linear',
    batchSize: ctx.batch ? LINEAR_BATCH_MAX : 1,

    async prepare(items) {
      await ensureTeam();
      await ensureLabels(items);
    },

    async findOrphan(item) {
      const t = await ensureTeam();
      const found = await client.issuesLabelled(featureLabel(item.feature), t.id);
      const match = item.taskId
        ? found.find((i) => i.title.startsWith(`${item.taskId}:`))
        : (found.find((i) => !i.parent && i.title === item.payload.title) ?? found.find((i) => !i.parent && !TASK_TITLE.test(i.title)));
      return match ? learn(match) : undefined;
    },

    async create(items) {
      const inputs = await Promise.all(items.map(fields));
      if (inputs.length === 1 && !ctx.batch) return [learn(await client.createIssue(inputs[0] as Record<string, unknown>))];
      const created = await client.createIssues(inputs);
      return created.map(learn);
    },

    async update(item, remote) {
      const { teamId: _team, labelIds: labels, ...input } = await fields(item);
      // Add our labels rather than replace the list: labels people put on the issue stay.
      const after = await client.updateIssue(remote.id, { ...input, addedLabelIds: labels });
      // An unchecked task reopens its completed sub-issue; one someone has started stays where it is.
      const reopen = (await ensureTeam()).reopenStateId;
      if (item.taskId && !item.done && after.state?.type === 'completed' && reopen) return learn(await client.updateIssue(remote.id, { stateId: reopen }));
      return learn(after);
    },

    writeBack(item, remote) {
      if (item.item === 'issue') writeLinearLink(item.feature, remote.id, remote.url);
    },

    async remoteExists(_item, remote) {
      return (await client.issue(remote.id)) !== undefined;
    },
  };
}
