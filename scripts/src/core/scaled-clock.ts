// A clock that can run faster than real time, so a rate-limit window of a minute passes in a second at
// scale 60. The sandbox runs on it, and a client shares it (SPEC_SANDBOX_CLOCK) through the same now()/sleep().
export interface ScaledClock {
  scale: number;
  /** Real epoch ms at which emulated time started (emulated = t0 + (real - t0) * scale). */
  t0: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

export function scaledClock(scale = 1, t0 = Date.now()): ScaledClock {
  const s = scale > 0 ? scale : 1;
  return {
    scale: s,
    t0,
    now: () => t0 + (Date.now() - t0) * s,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / s))),
  };
}
