// vitest global setup: the newest published Claude Code, installed into a scratch folder outside the
// repository, so the real-client suite runs on it beside the pinned dev dependency. The registry is
// asked at most every 12 hours; when it cannot be reached, that half is skipped with one line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PKG = '@anthropic-ai/claude-code';
const DIR = process.env.SPEC_CLAUDE_CODE_NEWEST_DIR ?? join(tmpdir(), 'spec-claude-code-newest');
const STAMP = join(DIR, 'checked');
const BIN = join(DIR, 'node_modules/.bin/claude');

function installed(): string | undefined {
  try {
    return JSON.parse(readFileSync(join(DIR, 'node_modules', PKG, 'package.json'), 'utf8')).version as string;
  } catch {
    return undefined;
  }
}

function npm(args: string[], timeout: number): string {
  return execFileSync('npm', args, { cwd: DIR, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export default function setup(): void {
  if (process.env.SPEC_CLAUDE_CODE_NEWEST === '0') return;
  mkdirSync(DIR, { recursive: true });
  let version = installed();
  const fresh = existsSync(STAMP) && Date.now() - statSync(STAMP).mtimeMs < 12 * 3600_000;
  if (!fresh || !version || !existsSync(BIN)) {
    try {
      const newest = npm(['view', PKG, 'version'], 30_000);
      if (newest !== version) {
        if (!existsSync(join(DIR, 'package.json'))) writeFileSync(join(DIR, 'package.json'), '{"name":"claude-code-newest","private":true}\n');
        npm(['install', `${PKG}@${newest}`, '--no-audit', '--no-fund', '--no-save', '--loglevel=error'], 600_000);
        version = installed();
      }
      writeFileSync(STAMP, `${new Date().toISOString()}\n`);
    } catch (e) {
      if (!version) {
        console.log(`- real-client suite: the newest ${PKG} could not be fetched (${(e as Error).message.split('\n')[0]}); running on the pinned client only`);
        return;
      }
    }
  }
  if (!version || !existsSync(BIN)) return;
  process.env.SPEC_CLAUDE_CODE_LATEST = BIN;
  process.env.SPEC_CLAUDE_CODE_LATEST_VERSION = version;
}
