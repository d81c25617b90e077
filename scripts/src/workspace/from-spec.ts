// `new --from`: fold an existing tracker item into the spec template. Pure text in, text out.
// Stories written the usual way ("As a …, I want …, so that …") become `### USn [Pn]` headings, and
// acceptance criteria (an "Acceptance criteria" list, or Given/When/Then items) become `- ACn.m` under
// the story they follow; everything else is kept, in order, under a "From PROJ-123" section, so no
// word of the original is lost.

export interface ImportedItem {
  /** `PROJ-123`, `ENG-12`, `GitHub #12`. */
  label: string;
  url?: string;
  /** The item's description as markdown (ADF/storage already converted). */
  markdown: string;
}

export interface ImportedStory {
  title: string;
  criteria: string[];
}

export interface Split {
  stories: ImportedStory[];
  /** The lines that are neither a story nor a criterion, blank runs collapsed. */
  rest: string;
}

const STORY = /^(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+)?(?:\*\*)?(?:(?:user\s+)?story\s*\d*\s*[:.-]\s*)?(As an?\s+.+?,?\s+I\s+(?:want|need|would like)\b.+)$/i;
const AC_HEADING = /^(?:#{1,6}\s+)?(?:\*\*)?acceptance\s+criteria(?:\*\*)?\s*:?\s*(?:\*\*)?\s*$/i;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;
const GWT = /^(?:\*\*)?(?:scenario[^:]*:\s*)?given\b.+\bthen\b/i;
const HEADING = /^#{1,6}\s/;

const clean = (s: string) => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();

/** Separate recognised stories and criteria from the rest of a description. */
export function splitDescription(markdown: string): Split {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const stories: ImportedStory[] = [];
  const rest: string[] = [];
  const orphanCriteria: string[] = [];
  let inCriteria = false;
  let inFence = false;
  const addCriterion = (text: string) => {
    const current = stories[stories.length - 1];
    if (current) current.criteria.push(clean(text));
    else orphanCriteria.push(clean(text));
  };
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || /^\s*(```|~~~)/.test(line)) {
      rest.push(line);
      continue;
    }
    const story = STORY.exec(line.trim());
    if (story) {
      stories.push({ title: clean(story[1] as string).replace(/\.$/, ''), criteria: [] });
      inCriteria = false;
      continue;
    }
    if (AC_HEADING.test(line.trim())) {
      inCriteria = true;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item && (inCriteria || GWT.test((item[1] as string).trim()))) {
      addCriterion(item[1] as string);
      continue;
    }
    if (inCriteria && (HEADING.test(line) || (line.trim() && !item))) inCriteria = false;
    rest.push(line);
  }
  if (orphanCriteria.length) stories.unshift({ title: '', criteria: orphanCriteria });
  const text = rest.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return { stories, rest: text };
}

function storiesSection(stories: ImportedStory[], fallbackTitle: string): string {
  return stories
    .map((s, i) => {
      const n = i + 1;
      const priority = n === 1 ? 'P1' : n === 2 ? 'P2' : 'P3';
      const criteria = s.criteria.length ? s.criteria.map((c, j) => `- AC${n}.${j + 1} ${c.replace(/^AC[\d.]+\s*[:.-]?\s*/i, '')}`) : [`- AC${n}.1 [CLARIFY: how do we know this story works?]`];
      return `### US${n} [${priority}] ${s.title || fallbackTitle}\n\nAcceptance criteria:\n${criteria.join('\n')}`;
    })
    .join('\n\n');
}

/** Replace the body of the `## <name>` section; undefined when the template has no such section. */
function replaceSection(text: string, name: RegExp, body: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^##\s/.test(l) && name.test(l.replace(/^##\s+/, '')));
  if (start < 0) return undefined;
  let end = lines.findIndex((l, i) => i > start && /^#{1,2}\s/.test(l));
  if (end < 0) end = lines.length;
  return [...lines.slice(0, start + 1), '', body, '', ...lines.slice(end)].join('\n');
}

function insertBefore(text: string, name: RegExp, section: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^##\s/.test(l) && name.test(l.replace(/^##\s+/, '')));
  if (at < 0) return `${text.replace(/\s*$/, '')}\n\n${section}\n`;
  return [...lines.slice(0, at), section, '', ...lines.slice(at)].join('\n');
}

/** The spec text (template already filled in) with the imported item folded in. */
export function foldIntoSpec(spec: string, item: ImportedItem, title: string): string {
  const { stories, rest } = splitDescription(item.markdown);
  let out = spec;
  if (stories.length) out = replaceSection(out, /^user stories\b/i, storiesSection(stories, title)) ?? `${out.replace(/\s*$/, '')}\n\n## User Stories\n\n${storiesSection(stories, title)}\n`;
  const firstParagraph = rest.split(/\n\s*\n/).find((p) => p.trim() && !HEADING.test(p.trim()) && !/^\s*(```|~~~|[-*+] |\d+[.)] |>|\|)/.test(p));
  if (firstParagraph) out = replaceSection(out, /^summary\b/i, firstParagraph.trim()) ?? out;
  const source = item.url ? `[${item.label}](${item.url})` : item.label;
  const from = `## From ${item.label}\n\nImported from ${source} by \`spec new --from\`; kept as written there. Move what belongs elsewhere into the sections above.\n${rest ? `\n${rest}\n` : '\n_(no description beyond the stories above)_\n'}`;
  out = insertBefore(out, /^edge cases\b/i, from);
  return out.endsWith('\n') ? out : `${out}\n`;
}
