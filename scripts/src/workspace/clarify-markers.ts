// Open questions left in a document: `[CLARIFY: …]` (and spec-kit's `[NEEDS CLARIFICATION: …]`),
// counted outside code blocks, code spans and HTML comments, where examples of the marker may legitimately
// appear (the spec template's guidance comment shows one). Status (the phase) and validate both use this.
import { blankHtmlComments } from './markdown-comments.js';

const MARKER = /\[(?:CLARIFY|NEEDS CLARIFICATION)\b[^\]]*\]/gi;

export function clarifyMarkers(doc: { body: string; bodyLine: number }): number[] {
  const lines: number[] = [];
  let fence = false;
  blankHtmlComments(doc.body).split('\n').forEach((raw, i) => {
    if (/^\s*(```|~~~)/.test(raw)) fence = !fence;
    if (fence) return;
    const text = raw.replace(/`[^`]*`/g, '');
    for (const _ of text.matchAll(MARKER)) lines.push(doc.bodyLine + i);
  });
  return lines;
}

