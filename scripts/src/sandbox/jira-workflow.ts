// The sandbox project's Jira workflow: statuses, their status categories, and the transitions
// between them, answered through GET/POST /rest/api/3/issue/{key}/transitions as Jira does.
//
// What Jira does (the shapes are in the published v3 description, operations getTransitions and
// doTransition; schemas IssueTransition, StatusDetails, StatusCategory):
// - GET lists only the transitions available from the current status; each has `id`,
//   `name` and `to` (a status with its `statusCategory`). Names are the workflow's own words, so a
//   client must look at `to.statusCategory.key`, not at a name.
// - Status categories are fixed: keys `new`, `indeterminate`, `done` (To Do / In Progress / Done);
//   every status maps to one (GeneralTask/task-manager#3179, apache/devlake#1092).
// - POST `{ "transition": { "id": "…" } }` answers 204; a missing or unavailable transition is 400
//   (doTransition: "no transition is specified", "the request is invalid for any other reason"), an
//   unknown issue 404. A workflow validator that refuses (e.g. a required resolution) is a 400 with
//   an ErrorCollection naming the field.
// The sandbox's names deliberately differ from the status names ("Ship it" → "Closed").

export interface StatusCategory {
  id: number;
  key: 'new' | 'indeterminate' | 'done';
  colorName: string;
  name: string;
}

export const CATEGORIES: Record<StatusCategory['key'], StatusCategory> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export interface WorkflowStatus {
  id: string;
  name: string;
  category: StatusCategory['key'];
}

export const STATUSES: WorkflowStatus[] = [
  { id: '10000', name: 'To Do', category: 'new' },
  { id: '10001', name: 'In Progress', category: 'indeterminate' },
  { id: '10002', name: 'In Review', category: 'indeterminate' },
  { id: '10003', name: 'Closed', category: 'done' },
  { id: '10004', name: "Won't Do", category: 'done' },
];

interface TransitionDef {
  id: string;
  name: string;
  to: string;
  /** Status ids it is available from; absent = a global transition (from any status but its target). */
  from?: string[];
}

const TRANSITIONS: TransitionDef[] = [
  { id: '11', name: 'Start work', to: '10001', from: ['10000'] },
  { id: '21', name: 'Send to review', to: '10002', from: ['10001'] },
  { id: '31', name: 'Ship it', to: '10003', from: ['10000', '10001', '10002'] },
  { id: '41', name: 'Decline', to: '10004', from: ['10000', '10001', '10002'] },
  { id: '51', name: 'Reopen', to: '10001', from: ['10003', '10004'] },
  { id: '61', name: 'Back to backlog', to: '10000', from: ['10001', '10002'] },
];

export function statusById(id: string): WorkflowStatus | undefined {
  return STATUSES.find((s) => s.id === id);
}

export function statusByName(name: string): WorkflowStatus | undefined {
  return STATUSES.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/** The `status` field as an issue carries it. */
export function statusView(s: WorkflowStatus, base: string): Record<string, unknown> {
  const c = CATEGORIES[s.category];
  return {
    self: `${base}/rest/api/3/status/${s.id}`,
    description: '',
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: { self: `${base}/rest/api/3/statuscategory/${c.id}`, id: c.id, key: c.key, colorName: c.colorName, name: c.name },
  };
}

export const INITIAL_STATUS = STATUSES[0] as WorkflowStatus;

function available(fromStatus: string): TransitionDef[] {
  return TRANSITIONS.filter((t) => (t.from ? t.from.includes(fromStatus) : t.to !== fromStatus));
}

export function transitionsView(fromStatus: string, base: string, transitionId?: string): Record<string, unknown> {
  const list = available(fromStatus).filter((t) => !transitionId || t.id === transitionId);
  return {
    transitions: list.map((t) => ({
      id: t.id,
      name: t.name,
      to: statusView(statusById(t.to) as WorkflowStatus, base),
      hasScreen: false,
      isGlobal: !t.from,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    })),
  };
}

/** Workflow rules an admin can switch on, as a Jira admin would add a validator. */
export interface WorkflowRules {
  /** When set, every transition into a done status is refused with this message on `resolution`. */
  refuseDone?: string;
}

export type TransitionOutcome = { ok: true; status: WorkflowStatus } | { ok: false; status: number; errorMessages: string[]; errors: Record<string, string> };

export function applyTransition(fromStatus: string, body: unknown, rules: WorkflowRules): TransitionOutcome {
  const id = (body as { transition?: { id?: unknown } } | undefined)?.transition?.id;
  if (id === undefined || id === null || id === '') return { ok: false, status: 400, errorMessages: ['Missing transition id.'], errors: {} };
  const t = available(fromStatus).find((x) => x.id === String(id));
  if (!t) return { ok: false, status: 400, errorMessages: [`Transition id '${String(id)}' is not valid for this issue.`], errors: {} };
  const to = statusById(t.to) as WorkflowStatus;
  if (to.category === 'done' && rules.refuseDone) return { ok: false, status: 400, errorMessages: [], errors: { resolution: rules.refuseDone } };
  return { ok: true, status: to };
}
