import { join } from 'node:path';

export const STATE_DIR = '.spec-state';
export const MEMORY_DIR = '.spec-memory';

export const statePaths = (root: string) => ({
  stateDir: join(root, STATE_DIR),
  memoryDir: join(root, MEMORY_DIR),
  session: join(root, STATE_DIR, 'current-session.md'),
  errorLog: join(root, STATE_DIR, 'integration-errors.log'),
  syncJournal: join(root, STATE_DIR, 'sync-journal.json'),
  decisions: join(root, MEMORY_DIR, 'DECISIONS-LOG.md'),
  progress: join(root, MEMORY_DIR, 'WORKFLOW-PROGRESS.md'),
});
