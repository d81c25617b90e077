// The live checks of `spec test-integration`: each tracker's folder lists its steps (checks.ts there:
// who am I, is the project/space/team/repository visible, may I create in it) over its own client;
// this file runs them in order (check-steps.ts has what the steps share). Each step is one line; the
// first failure ends that tracker's check.
import type { Tracker } from '../config/keys.js';
import type { Config } from '../config/load.js';
import type { StepsFactory } from './check-steps.js';
import type { ConnectOptions } from './connect.js';
import type { TrackerError } from './errors.js';
import { asTrackerError } from './record.js';

export interface CheckOutcome {
  integration: Tracker;
  /** Lines that passed, in order. */
  passed: string[];
  /** The step that failed and why. */
  failedStep?: string;
  error?: TrackerError;
}

// Each tracker's steps load only when that tracker is checked.
const STEPS: Record<Tracker, () => Promise<StepsFactory>> = {
  jira: async () => (await import('./jira/checks.js')).jiraChecks,
  confluence: async () => (await import('./confluence/checks.js')).confluenceChecks,
  linear: async () => (await import('./linear/checks.js')).linearChecks,
  github: async () => (await import('./github/checks.js')).githubChecks,
};

export async function checkTracker(config: Config, integration: Tracker, options: ConnectOptions = {}): Promise<CheckOutcome> {
  const steps = (await STEPS[integration]())(config, options);
  const out: CheckOutcome = { integration, passed: [] };
  for (const step of steps) {
    try {
      out.passed.push(await step.run());
    } catch (error) {
      out.failedStep = step.name;
      out.error = asTrackerError(integration, error);
      return out;
    }
  }
  return out;
}
