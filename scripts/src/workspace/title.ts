// A feature title as the user meant it. Slash commands hand over their arguments verbatim, so
// `/spec:generate "Password reset"` reaches the helper with its quotes: one surrounding pair is dropped.
// A title is one line: line breaks become spaces. Pure.
const PAIRS: Array<[string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['«', '»'],
];

export function normalizeTitle(raw: string): string {
  let t = raw.replace(/[\r\n]+/g, ' ').trim();
  for (const [open, close] of PAIRS) {
    if (t.length >= 2 && t.startsWith(open) && t.endsWith(close)) {
      t = t.slice(open.length, -close.length).trim();
      break;
    }
  }
  return t;
}
