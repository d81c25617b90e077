// Hold a document to a tracker's size limit before sending it: cut at a block boundary (never inside
// a paragraph, list item or fenced code block) and end with a line saying it was shortened and where
// the full text lives. `measure` is the tracker's own count of the rendered field (ADF JSON for JIRA,
// the body text for GitHub, storage bytes for Confluence), so the result fits what the vendor checks.

export interface Fitted {
  text: string;
  /** True when blocks were left out. */
  cut: boolean;
  kept: number;
  total: number;
}

/** Markdown blocks: runs of lines separated by blank lines; a fenced code block stays whole. */
export function splitBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (current.length) blocks.push(current.join('\n'));
    current = [];
  };
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      current.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) fence = marker;
    if (!line.trim() && !fence) flush();
    else current.push(line);
  }
  flush();
  return blocks;
}

/**
 * The longest prefix of whole blocks that, followed by `closing`, measures at most `max`; the text
 * unchanged when it fits already. When not even the first block fits, the closing line alone.
 */
export function fitBlocks(markdown: string, measure: (text: string) => number, max: number, closing: string): Fitted {
  const blocks = splitBlocks(markdown);
  if (measure(markdown) <= max) return { text: markdown, cut: false, kept: blocks.length, total: blocks.length };
  const withClosing = (n: number) => [...blocks.slice(0, n), closing].join('\n\n') + '\n';
  // Measures grow with the number of blocks kept: binary search for the largest n that fits.
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(withClosing(mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  return { text: withClosing(lo), cut: true, kept: lo, total: blocks.length };
}

/** The closing line of a shortened description: what happened and where the full text is. */
export function shortenedNote(tracker: string, limit: string, path: string, url?: string): string {
  return `_Shortened to fit ${tracker}'s limit of ${limit}. The full text is in ${path}${url ? ` (${url})` : ''}._`;
}
