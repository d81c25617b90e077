// A fixed-window request counter per service (and per class, for GitHub's content-creation limit).
import type { ScaledClock } from '../core/scaled-clock.js';

export interface LimitSpec {
  limit: number;
  windowMs: number;
}

export class WindowLimiter {
  private start = 0;
  private used = 0;
  constructor(
    readonly spec: LimitSpec,
    private readonly clock: ScaledClock,
  ) {}
  private roll(): void {
    const now = this.clock.now();
    if (now - this.start >= this.spec.windowMs) {
      this.start = now;
      this.used = 0;
    }
  }
  /** Count one request; false when over the limit (the request is not counted then). */
  hit(): boolean {
    this.roll();
    if (this.used >= this.spec.limit) return false;
    this.used += 1;
    return true;
  }
  get remaining(): number {
    this.roll();
    return Math.max(0, this.spec.limit - this.used);
  }
  get usedCount(): number {
    this.roll();
    return this.used;
  }
  /** Emulated epoch ms at which the window resets. */
  get resetAt(): number {
    this.roll();
    return this.start + this.spec.windowMs;
  }
  /** Whole seconds until the window resets, at least 1: the Retry-After of an over-limit answer. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.resetAt - this.clock.now()) / 1000));
  }
}
