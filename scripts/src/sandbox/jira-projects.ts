// The Jira projects the sandbox serves. Priority schemes and create screens differ per project on a
// real site, so a client that hard-codes priority names only works on some of them:
//   PROJ: Jira's default scheme (Highest…Lowest) with Priority on every screen;
//   CORE: a renamed scheme (Blocker/Critical/Major/Minor/Trivial, as in incidentbot/incidentbot#339);
//   LEAN: a team-managed style project whose screens have no Priority field at all.
import { SANDBOX_CREDENTIALS as C } from './credentials.js';

export interface JiraPriority {
  id: string;
  name: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  /** The project's priority scheme; empty when Priority is not on its screens. */
  priorities: JiraPriority[];
  /** Priority is on the create/edit screens. */
  priorityOnScreen: boolean;
}

const DEFAULT_SCHEME: JiraPriority[] = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

export const JIRA_PROJECTS: JiraProject[] = [
  { id: '10000', key: C.jiraProjectKey, name: 'Sandbox Project', priorities: DEFAULT_SCHEME, priorityOnScreen: true },
  {
    id: '10010',
    key: 'CORE',
    name: 'Core Platform',
    priorities: [
      { id: '10100', name: 'Blocker' },
      { id: '10101', name: 'Critical' },
      { id: '10102', name: 'Major' },
      { id: '10103', name: 'Minor' },
      { id: '10104', name: 'Trivial' },
    ],
    priorityOnScreen: true,
  },
  { id: '10020', key: 'LEAN', name: 'Lean Team', priorities: [], priorityOnScreen: false },
];

export function findJiraProject(keyOrId: string | undefined): JiraProject | undefined {
  if (!keyOrId) return undefined;
  return JIRA_PROJECTS.find((p) => p.key === keyOrId || p.id === keyOrId);
}

/**
 * The refusal for a priority value in this project, or undefined when it is accepted. A name outside
 * the project's scheme: errors.priority "The priority selected is invalid." (tenable/integration-jira-cloud#205,
 * #230, #234). No Priority on the screen: "Field 'priority' cannot be set. It is not on the appropriate
 * screen, or unknown." (activepieces/activepieces#3476). A bare string: "Specify the Priority (id or
 * name) in the string format" (incidentbot/incidentbot#339).
 */
export function priorityRefusal(project: JiraProject, priority: unknown): string | undefined {
  if (priority === undefined) return undefined;
  if (!project.priorityOnScreen) return "Field 'priority' cannot be set. It is not on the appropriate screen, or unknown.";
  if (priority === null) return undefined;
  const p = priority as { name?: unknown; id?: unknown };
  if (typeof p !== 'object') return 'Specify the Priority (id or name) in the string format';
  return project.priorities.some((x) => x.name === p.name || x.id === String(p.id ?? '')) ? undefined : 'The priority selected is invalid.';
}
