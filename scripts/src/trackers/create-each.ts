import type { RemoteRef } from './contract.js';
import { TrackerError } from './errors.js';

/** Create items one call each: a tracker's refusal fails only its own item; anything else is a bug and propagates. */
export async function createEach<I>(items: readonly I[], createOne: (item: I) => Promise<RemoteRef>): Promise<Array<RemoteRef | TrackerError>> {
  const out: Array<RemoteRef | TrackerError> = [];
  for (const item of items) {
    try {
      out.push(await createOne(item));
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      out.push(error);
    }
  }
  return out;
}
