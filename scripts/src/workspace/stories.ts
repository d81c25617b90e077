// User stories in spec.md: a heading or list item that starts with its id (US1), with the acceptance
// criteria listed under it (list items until the next story or a heading of the same or higher level).
export interface AcceptanceCriterion {
  /** `AC1.1` when the item starts with an id, else `US1#2` (its position). */
  id: string;
  text: string;
  line: number;
}

export interface UserStory {
  id: string;
  title: string;
  priority?: 'P1' | 'P2' | 'P3';
  criteria: AcceptanceCriterion[];
  line: number;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;
const STORY_START = /^(?:\*\*)?(?:User Story\s+)?(US\d+)\b[*:.)\]\s-]*(.*)$/i;

function cleanTitle(text: string): { title: string; priority?: 'P1' | 'P2' | 'P3' } {
  let title = text.replace(/\*\*/g, '').trim();
  let priority: 'P1' | 'P2' | 'P3' | undefined;
  const p = /^[[(]?(P[1-3])[\])]?\s*[:\-–—]?\s*/.exec(title) ?? /\s*[([]?(P[1-3])[)\]]?\s*$/.exec(title);
  if (p) {
    priority = p[1] as 'P1' | 'P2' | 'P3';
    title = title.replace(p[0], ' ').trim();
  }
  title = title.replace(/^[:\-–—]\s*/, '').trim();
  return priority ? { title, priority } : { title };
}

export function parseStories(body: string, firstLine = 1): UserStory[] {
  const stories: UserStory[] = [];
  let current: UserStory | undefined;
  let storyDepth = 0; // heading level of the current story; 0 when it is a list item
  let storyIndent = -1;
  const lines = body.split('\n');
  let inFence = false;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return;
    const lineNo = firstLine + i;
    const h = HEADING.exec(line);
    if (h) {
      const level = (h[1] as string).length;
      const m = STORY_START.exec((h[2] as string).trim());
      if (m) {
        current = { id: (m[1] as string).toUpperCase(), ...cleanTitle(m[2] ?? ''), criteria: [], line: lineNo };
        stories.push(current);
        storyDepth = level;
        storyIndent = -1;
        return;
      }
      // "Acceptance criteria" style sub-headings stay inside the story; same-or-higher headings end it.
      if (current && storyDepth > 0 && level <= storyDepth) current = undefined;
      if (current && storyDepth === 0) current = undefined;
      return;
    }
    const li = LIST_ITEM.exec(line);
    if (!li) return;
    const indent = line.length - line.trimStart().length;
    const text = (li[1] as string).trim();
    const m = STORY_START.exec(text);
    if (m && (!current || storyDepth === 0 ? indent <= Math.max(storyIndent, 0) || !current : true)) {
      current = { id: (m[1] as string).toUpperCase(), ...cleanTitle(m[2] ?? ''), criteria: [], line: lineNo };
      stories.push(current);
      storyDepth = 0;
      storyIndent = indent;
      return;
    }
    if (!current) return;
    if (storyDepth === 0 && indent <= storyIndent) {
      current = undefined;
      return;
    }
    if (/^acceptance criteria:?$/i.test(text.replace(/\*\*/g, ''))) return;
    const ac = /^(?:\*\*)?(AC[\d.]+)\b[*:.)\s-]*(.*)$/i.exec(text);
    const id = ac ? (ac[1] as string).toUpperCase() : `${current.id}#${current.criteria.length + 1}`;
    current.criteria.push({ id, text: (ac ? (ac[2] as string) : text).replace(/\*\*/g, '').trim(), line: lineNo });
  });
  return stories;
}
