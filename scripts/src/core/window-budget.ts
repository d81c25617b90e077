// Sliding-window budgets for creations (GitHub: 80 a minute and 500 an hour, secondary limits in its
// REST docs): how many may go now, when the next may go, and how long the rest will take. Pure: the
// caller keeps the times of earlier creations (across runs, so the hour is honoured between syncs).

export interface Window {
  limit: number;
  windowMs: number;
}

export const GITHUB_CREATION_WINDOWS: Window[] = [
  { limit: 80, windowMs: 60_000 },
  { limit: 500, windowMs: 3_600_000 },
];

const inWindow = (stamps: readonly number[], now: number, w: Window) => stamps.filter((t) => t > now - w.windowMs).length;

/** Creations allowed right now under every window. */
export function remainingNow(stamps: readonly number[], now: number, windows: readonly Window[]): number {
  return Math.max(0, Math.min(...windows.map((w) => w.limit - inWindow(stamps, now, w))));
}

/** The earliest time ≥ now at which one more creation fits every window. */
export function nextSlotAt(stamps: readonly number[], now: number, windows: readonly Window[]): number {
  let t = now;
  for (;;) {
    let later = t;
    for (const w of windows) {
      const recent = stamps.filter((s) => s > t - w.windowMs).sort((a, b) => a - b);
      if (recent.length >= w.limit) later = Math.max(later, (recent[recent.length - w.limit] as number) + w.windowMs);
    }
    if (later === t) return t;
    t = later;
  }
}

/** Milliseconds until `left` more creations are done, each sent as soon as every window allows. */
export function etaMs(left: number, stamps: readonly number[], now: number, windows: readonly Window[]): number {
  const all = [...stamps];
  let t = now;
  for (let i = 0; i < left; i++) {
    t = nextSlotAt(all, t, windows);
    all.push(t);
  }
  return t - now;
}

/** "312 issues left; GitHub allows 500 creations an hour: about 38 minutes; run spec sync --pending later to finish". */
export function etaLine(left: number, ms: number, perHour: number, command = 'spec sync --pending'): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const span = minutes >= 120 ? `about ${Math.round(minutes / 60)} hours` : `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${left} issue${left === 1 ? '' : 's'} left; GitHub allows ${perHour} creations an hour: ${span}; run ${command} later to finish`;
}
