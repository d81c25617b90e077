// GitHub pacing to both windows: 80 creations a minute and 500 an hour, and the time the rest will take.
import { describe, expect, it } from 'vitest';
import { etaLine, etaMs, GITHUB_CREATION_WINDOWS as W, nextSlotAt, remainingNow } from '../../scripts/src/core/window-budget.js';

const MIN = 60_000;
describe('creation windows', () => {
  it('counts what is left in the tighter window', () => {
    const now = 10 * 3_600_000;
    expect(remainingNow([], now, W)).toBe(80);
    const lastMinute = Array.from({ length: 50 }, (_, i) => now - i * 100);
    expect(remainingNow(lastMinute, now, W)).toBe(30);
    const hour = Array.from({ length: 480 }, (_, i) => now - 2 * MIN - i * 1000);
    expect(remainingNow(hour, now, W)).toBe(20);
  });
  it('waits for the hour when 500 went out in it, not just for the minute', () => {
    const now = 10 * 3_600_000;
    const first = now - 50 * MIN;
    const hour = Array.from({ length: 500 }, (_, i) => first + i * 5000); // 500 over ~42 minutes
    expect(remainingNow(hour, now, W)).toBe(0);
    expect(nextSlotAt(hour, now, W)).toBe(first + 3_600_000);
  });
  it('estimates the rest: 312 left after 500 in the last hour', () => {
    const now = 10 * 3_600_000;
    const hour = Array.from({ length: 500 }, (_, i) => now - 30 * MIN + i * 3000); // 500 in the last 30 minutes (80/min pace)
    const ms = etaMs(312, hour, now, W);
    expect(ms).toBeGreaterThan(25 * MIN);
    expect(ms).toBeLessThan(60 * MIN);
    expect(etaLine(312, 38 * MIN, 500)).toBe('312 issues left; GitHub allows 500 creations an hour: about 38 minutes; run spec sync --pending later to finish');
    // Without history, 80 go at once and the next 80 a minute later.
    expect(etaMs(160, [], now, W)).toBe(MIN);
  });
});
