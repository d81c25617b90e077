// One transport per integration, built from the loaded Config: credentials, base URL, timeouts,
// the run-wide rate budget, and SPEC_DEBUG request lines (redacted).
import type { Config } from '../config/load.js';
import type { Tracker } from '../config/keys.js';
import { scaledClock } from '../core/scaled-clock.js';
import { DIALECTS } from './dialects.js';
import { Transport, budgetFor, type Clock, type TransportOptions } from './transport.js';

export interface ConnectOptions {
  clock?: Clock;
  paces?: Record<string, number>;
  env?: NodeJS.ProcessEnv;
  debug?: (line: string) => void;
}

/**
 * `SPEC_SANDBOX_CLOCK=<scale>:<t0>` (printed by a sandbox started with a clock scale): share its
 * emulated time so Retry-After and reset headers mean the same thing to both sides. Tests and benchmarks only.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv): Clock | undefined {
  const m = env.SPEC_SANDBOX_CLOCK?.match(/^(\d+(?:\.\d+)?):(\d+)$/);
  if (!m) return undefined;
  return scaledClock(Number(m[1]) || 1, Number(m[2]));
}

export function transportFor(config: Config, integration: Tracker, options: ConnectOptions = {}): Transport {
  const env = options.env ?? process.env;
  const debugOn = env.SPEC_DEBUG === '1' || env.SPEC_DEBUG === 'true';
  const debug = options.debug ?? (debugOn ? (line: string) => process.stderr.write(`[spec debug] ${line}\n`) : undefined);
  const clock = options.clock ?? clockFromEnv(env);
  const dialect = DIALECTS[integration];
  const o: TransportOptions = {
    dialect,
    ...dialect.connection(config),
    timeoutMs: config.http.timeoutMs || 30_000,
    rateLimitMaxWaitMs: Number.isFinite(config.http.rateLimitMaxWaitMs) ? config.http.rateLimitMaxWaitMs : 60_000,
    budget: budgetFor(integration),
    secrets: config.secrets,
    proxy: config.proxy,
    ...(clock ? { clock } : {}),
    ...(options.paces ? { paces: options.paces } : {}),
    ...(debug ? { debug } : {}),
  };
  return new Transport(o);
}
