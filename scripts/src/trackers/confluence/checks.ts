// `spec test-integration --confluence`: reach Confluence, see the space, may add pages, the root page
// exists in that space. The same lookups as the adapter's (client.ts), worded for a check.
import { checkFailure, connectionStep, type StepsFactory } from '../check-steps.js';
import { ConfluenceClient } from './client.js';

export const confluenceChecks: StepsFactory = (config, options) => {
  const wiki = new ConfluenceClient(config, options);
  const key = config.confluence.space;
  const root = config.confluence.rootPageId;
  let space: { id: string } | undefined;
  return [
    {
      name: connectionStep('confluence'),
      run: async () => {
        space = await wiki.space(key);
        return 'Confluence connection successful';
      },
    },
    {
      name: `Space ${key}`,
      run: async () => {
        if (!space) throw checkFailure('confluence', 'not-found', `Confluence space '${key}' not found; check SPEC_CONFLUENCE_SPACE`);
        return `Space ${key} accessible`;
      },
    },
    {
      name: 'Add-page permission',
      run: async () => {
        if (!(await wiki.canAddPages(space?.id ?? '', key))) throw checkFailure('confluence', 'permission', `User lacks 'Add Page' permission in space '${key}'`);
        return `User can add pages in ${key}`;
      },
    },
    {
      name: `Root page ${root}`,
      run: async () => {
        const r = await wiki.page(root, `root page ${root}`);
        if (r.status === 404) throw checkFailure('confluence', 'not-found', `SPEC_CONFLUENCE_ROOT_PAGE_ID=${root} not found; check that the page exists and is accessible`);
        if (r.body?.spaceId && r.body.spaceId !== (space?.id ?? '')) throw checkFailure('confluence', 'invalid-config', `Root page ${root} is not in space ${key}`);
        return `Root page ${root} exists${r.body?.title ? ` ("${r.body.title}")` : ''}`;
      },
    },
  ];
};
