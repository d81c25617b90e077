// Hook stdin from a hostile or broken writer: endless data, or a pipe never closed. The hook answers
// within seconds through systemMessage (exit 0, as hooks must) and its memory stays bounded.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BUNDLE, cleanEnv, makeProject } from '../helpers/project.js';

const RSS_PROBE = `--import=data:text/javascript,process.on('exit',()=>process.stderr.write('RSS_MB='+Math.round(process.resourceUsage().maxRSS/1024)+'\\n'))`;

function runHook(cwd: string, feed: (stdin: NodeJS.WritableStream) => void): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BUNDLE, 'hook', 'post-tool-use'], { cwd, env: cleanEnv({ NODE_OPTIONS: RSS_PROBE }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => {}); // the hook stops reading: EPIPE is expected
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    feed(child.stdin);
  });
}

describe('hook stdin is bounded', () => {
  it('stops reading an endless stdin at 1 MB', async () => {
    const p = await makeProject({ claudeMd: '# project\n' });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let stop = false;
    const r = await runHook(p.root, (stdin) => {
      const pump = () => {
        while (!stop && stdin.write(chunk));
        if (!stop) stdin.once('drain', pump);
      };
      pump();
    });
    stop = true;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).systemMessage).toBe("spec hook post-tool-use: could not read stdin: stdin is larger than 1 MB; expected Claude Code's hook JSON");
    expect(Number(/RSS_MB=(\d+)/.exec(r.stderr)?.[1])).toBeLessThan(200);
    expect(r.ms).toBeLessThan(10_000);
  }, 30_000);

  it('gives up on a stdin that is never closed', async () => {
    const p = await makeProject({ claudeMd: '# project\n' });
    let keep: NodeJS.WritableStream | undefined;
    const r = await runHook(p.root, (stdin) => {
      stdin.write('{"tool_input":');
      keep = stdin; // never ended
    });
    keep?.end();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).systemMessage).toBe('spec hook post-tool-use: could not read stdin: stdin did not end within 3 s');
    expect(r.ms).toBeLessThan(10_000);
  }, 30_000);
});
