// Status goes out: which transition moves a story to done (or back to in progress). Never by name:
// workflows name transitions as they like ("Ship it"), so we take the first transition Jira offers
// whose target status is in the wanted status category (GET /issue/{key}/transitions, `to.statusCategory.key`).

export type Goal = 'done' | 'indeterminate';

export interface TransitionInfo {
  id: string;
  name: string;
  to?: { name?: string; statusCategory?: { key?: string; name?: string } };
}

export function chooseTransition(transitions: TransitionInfo[], goal: Goal): TransitionInfo | undefined {
  return transitions.find((t) => t.to?.statusCategory?.key === goal);
}

/** The goal for a feature's story: every task checked → done; otherwise in progress once one is done. */
export function goalFor(done: number, total: number, currentCategory: string | undefined): Goal | undefined {
  if (total === 0) return undefined;
  if (done === total) return currentCategory === 'done' ? undefined : 'done';
  // Reopened work: a done story goes back to in progress when a task is unchecked.
  if (currentCategory === 'done') return 'indeterminate';
  return undefined;
}
