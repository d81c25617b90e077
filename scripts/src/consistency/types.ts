// What the consistency checks of spec.md, plan.md and tasks.md report. Pure data: the command prints it.
export interface Finding {
  level: 'error' | 'warning';
  /** Stable identifier: `missing-spec`, `tasks-without-plan`, `duplicate-task`, `missing-dependency`, `dependency-cycle`, `parallel-conflict`, `uncovered-story`, `uncovered-criterion`, `unknown-story`, `clarify`, `bad-link`, … */
  code: string;
  /** `features/003-x/tasks.md` */
  file: string;
  line?: number;
  message: string;
}

export interface Check {
  name: string;
  /** The ✓ line's text when the check found no error. */
  passed: string;
  /** Set when the check could not run (its ✓ becomes a `-` line). */
  skipped?: string;
  findings: Finding[];
}

/** A document as the workspace reads it (FeatureDoc fits). */
export interface DocInput {
  display: string;
  text: string;
  body: string;
  bodyLine: number;
  data: Record<string, unknown>;
}

export interface FeatureInput {
  /** Directory name, e.g. `003-user-auth`. */
  name: string;
  spec?: DocInput;
  plan?: DocInput;
  tasks?: DocInput;
}
