// Pulls `SPEC_*=value` lines out of CLAUDE.md. Pure: text in, entries and complaints out.
export interface RawSetting {
  key: string;
  value: string;
  line: number;
}
export interface MalformedLine {
  line: number;
  text: string;
  reason: string;
}
export interface ClaudeMdSettings {
  settings: RawSetting[];
  malformed: MalformedLine[];
}

// Optional list marker or blockquote, optional backtick, KEY, =, value.
const SETTING = /^(?:[-*>]\s+)?`?(SPEC_[A-Z0-9_]+)\s*=\s*(.*?)`?\s*$/;
const LOOKS_LIKE_SETTING = /^(?:[-*>]\s+)?`?(spec_[a-z0-9_]+)\b/i;

function cleanValue(raw: string): string {
  // Trailing "  # comment" is allowed, as in the seed's examples; a '#' inside a value is kept.
  let value = raw.replace(/\s+#.*$/, '').trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
  return value;
}

export function parseClaudeMd(text: string): ClaudeMdSettings {
  const settings: RawSetting[] = [];
  const malformed: MalformedLine[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = SETTING.exec(line);
    if (match) {
      const value = cleanValue(match[2] ?? '');
      if (value === '') malformed.push({ line: index + 1, text: line, reason: `${match[1]} has no value` });
      else settings.push({ key: match[1] as string, value, line: index + 1 });
      return;
    }
    const near = LOOKS_LIKE_SETTING.exec(line);
    if (!near) return;
    const key = near[1] as string;
    // Prose that merely mentions a key ("set SPEC_SYNC_MODE to auto") is not a setting line.
    const rest = line.slice(line.indexOf(key) + key.length);
    if (/^\s*(?::|=|\s\S+$|$)/.test(rest) || key !== key.toUpperCase()) {
      const reason =
        key !== key.toUpperCase()
          ? `keys are upper case: write ${key.toUpperCase()}=value`
          : `expected ${key.toUpperCase()}=value`;
      malformed.push({ line: index + 1, text: line, reason });
    }
  });
  return { settings, malformed };
}

/** Placeholders copied from docs ("[token]", "<your-key>") are not values. */
export function isPlaceholder(value: string): boolean {
  return /^\[.*\]$|^<.*>$|^(your[-_ ]|xxx|changeme|TODO)/i.test(value);
}
