// `spec test-integration --linear`: reach Linear, find the team by id or key.
import { checkFailure, connectionStep, type StepsFactory } from '../check-steps.js';
import { LinearClient } from './client.js';

export const linearChecks: StepsFactory = (config, options) => {
  const linear = new LinearClient(config, options);
  const team = config.linear.teamId;
  let found: { id: string; key: string } | undefined;
  return [
    { name: connectionStep('linear'), run: async () => (await linear.viewer(), 'Linear connection successful') },
    {
      name: `Team ${team}`,
      run: async () => {
        found = await linear.team(team);
        return `Team ${found.key} accessible`;
      },
    },
    {
      name: 'Create permission',
      run: async () => {
        if (!found || !(await linear.canCreateIn(found.id))) {
          throw checkFailure('linear', 'permission', `This Linear user is a guest outside team ${found?.key ?? team} and cannot create issues there; ask a workspace admin to add them to the team, or use a member's API key`);
        }
        return `User can create issues in ${found.key}`;
      },
    },
  ];
};
