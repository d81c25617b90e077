// Open questions left in the documents: `[CLARIFY: …]` (and spec-kit's `[NEEDS CLARIFICATION: …]`),
// counted outside code blocks and code spans, where examples of the marker may legitimately appear.
import type { Check, DocInput, Finding } from './types.js';

const MARKER = /\[(?:CLARIFY|NEEDS CLARIFICATION)\b[^\]]*\]/gi;

function clarifyMarkers(doc: DocInput): number[] {
  const lines: number[] = [];
  let fence = false;
  doc.body.split('\n').forEach((raw, i) => {
    if (/^\s*(```|~~~)/.test(raw)) fence = !fence;
    if (fence) return;
    const text = raw.replace(/`[^`]*`/g, '');
    for (const _ of text.matchAll(MARKER)) lines.push(doc.bodyLine + i);
  });
  return lines;
}

export function checkClarifications(docs: DocInput[]): Check {
  const findings: Finding[] = [];
  for (const doc of docs) {
    const lines = clarifyMarkers(doc);
    if (!lines.length) continue;
    const n = lines.length;
    findings.push({
      level: 'warning',
      code: 'clarify',
      file: doc.display,
      line: lines[0] as number,
      message: `${n} unresolved [CLARIFY] marker${n === 1 ? '' : 's'}${n > 1 ? ` (lines ${lines.slice(0, 8).join(', ')}${n > 8 ? ', …' : ''})` : ''}; answer them with /spec:clarify`,
    });
  }
  return { name: 'Clarifications', passed: 'no open [CLARIFY] markers', findings };
}
