// Bounded runs: a hung or unreachable tracker cost the full timeout for every feature (N × 30 s, then
// 2N × 30 s on the rerun). After this many consecutive network failures (timeouts, resets, refusals) to
// one tracker in a run, the rest of its work is recorded pending without being attempted.
export const NETWORK_FAILURES_BEFORE_SKIP = 2;

export class RunBreaker {
  private readonly streak = new Map<string, number>();
  private readonly tripped = new Set<string>();
  constructor(private readonly limit = NETWORK_FAILURES_BEFORE_SKIP) {}

  /** Any answer from the server (even an error status) resets the streak: the tracker is reachable. */
  answered(tracker: string): void {
    this.streak.set(tracker, 0);
  }

  /** Returns true when this failure trips the breaker (once per tracker and run). */
  networkFailure(tracker: string): boolean {
    const n = (this.streak.get(tracker) ?? 0) + 1;
    this.streak.set(tracker, n);
    if (n < this.limit || this.tripped.has(tracker)) return false;
    this.tripped.add(tracker);
    return true;
  }

  isTripped(tracker: string): boolean {
    return this.tripped.has(tracker);
  }
}
