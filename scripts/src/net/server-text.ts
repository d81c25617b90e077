// Text chosen by a server (field names, error messages, ids) before it reaches a log line or a command
// we suggest: a hostile server could otherwise inject lines into integration-errors.log, terminal escape
// sequences into the output, or shell syntax into a "run this" line.

/** One line of printable text, at most `max` characters (whole code points). */
export function sanitizeServerText(text: string, max = 200): string {
  const flat = text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '') // ANSI CSI sequences
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g, '') // OSC sequences (titles, hyperlinks)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clipCodePoints(flat, max);
}

/**
 * Clips to at most `max` UTF-16 units (how trackers count a title's length), ending with … when cut,
 * and never splits a surrogate pair: half an emoji is an invalid string some APIs refuse.
 */
export function clipCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** A server-given word for a suggested command line: kept only when it is a plain identifier. */
export function commandWord(text: string): string | undefined {
  return /^[A-Za-z0-9_.:-]{1,100}$/.test(text) ? text : undefined;
}
