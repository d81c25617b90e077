// The bundle's entry (scripts/spec.mjs). It imports almost nothing so that the hook Claude Code runs on
// every Write/Edit can answer "not a feature file" at about the cost of starting Node; everything else
// loads the CLI lazily.
import { isFeatureEdit } from './commands/hook/fast-path.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const argv = process.argv.slice(2);
let stdin: string | undefined;
if (argv.length === 2 && argv[0] === 'hook' && argv[1] === 'post-tool-use') {
  stdin = await readStdin();
  if (isFeatureEdit(stdin) === false) process.exit(0);
}
const { runProcess } = await import('./cli.js');
await runProcess(argv, stdin);
