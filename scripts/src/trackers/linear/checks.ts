// `spec test-integration --linear`: reach Linear, find the team by id or key.
import { connectionStep, type StepsFactory } from '../check-steps.js';
import { LinearClient } from './client.js';

export const linearChecks: StepsFactory = (config, options) => {
  const linear = new LinearClient(config, options);
  const team = config.linear.teamId;
  return [
    { name: connectionStep('linear'), run: async () => (await linear.viewer(), 'Linear connection successful') },
    { name: `Team ${team}`, run: async () => `Team ${(await linear.team(team)).key} accessible` },
  ];
};
