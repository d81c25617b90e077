// What a tracker's checks.ts is made of: steps, each one line when it passes, and the failures a check
// reports when the tracker answers but a setting is wrong.
import { TRACKER_NAMES, type Tracker } from '../config/keys.js';
import type { Config } from '../config/load.js';
import type { ConnectOptions } from './connect.js';
import { TrackerError } from './errors.js';

export type Step = { name: string; run: () => Promise<string> };
export type StepsFactory = (config: Config, options: ConnectOptions) => Step[];

/** A check that found the tracker answering but the setting wrong, with the log status its kind implies. */
export const checkFailure = (integration: Tracker, kind: 'not-found' | 'permission' | 'invalid-config', message: string) =>
  new TrackerError({ kind, integration, message, statusText: kind === 'not-found' ? '404 Not Found' : kind === 'permission' ? '403 Forbidden' : '410 Gone' });

/** The first step of every tracker: reaching it at all. */
export const connectionStep = (integration: Tracker) => `${TRACKER_NAMES[integration]} connection`;
