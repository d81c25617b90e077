// Open questions left in the documents: `[CLARIFY: …]` (and spec-kit's `[NEEDS CLARIFICATION: …]`),
// counted outside code blocks, code spans and HTML comments, where examples of the marker may legitimately
// appear (the spec template's guidance comment shows one).
import { clarifyMarkers } from '../workspace/clarify-markers.js';
import type { Check, DocInput, Finding } from './types.js';

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
