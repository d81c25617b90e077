import { CUSTOM_FIELD_PREFIX, KEYS } from './keys.js';

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

/** The known key closest to a misspelled one, when it is close enough to be a typo. */
export function suggestKey(key: string): string | undefined {
  if (key.startsWith('SPEC_JIRA_CUSTOM_') && !key.startsWith(CUSTOM_FIELD_PREFIX)) return `${CUSTOM_FIELD_PREFIX}<NAME>`;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const known of Object.keys(KEYS)) {
    const d = distance(key, known);
    if (d < bestScore) [best, bestScore] = [known, d];
  }
  return bestScore <= Math.max(2, Math.floor(key.length / 5)) ? best : undefined;
}
