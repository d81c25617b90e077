// The sandbox's fixed credentials (printed by `spec sandbox`). Anything else gets the vendor's 401.
export const SANDBOX_CREDENTIALS = {
  atlassianEmail: 'sandbox@example.com',
  atlassianToken: 'sandbox-atlassian-token',
  /** A scoped API token: accepted only through the gateway (gateway.ts). */
  atlassianScopedToken: 'sandbox-scoped-atlassian-token',
  atlassianCloudId: '5f3c1a9e-2b7d-4e8a-9c61-0d4b7e2f8a13',
  linearApiKey: 'lin_api_sandbox0000000000000000',
  githubToken: 'ghp_sandbox000000000000000000000000000',
  jiraProjectKey: 'PROJ',
  jiraEpicKey: 'PROJ-100',
  confluenceSpace: 'DEV',
  confluenceRootPageId: '123456',
  linearTeamId: '9cfb482a-81e3-4154-b5b9-2c805e70a02d',
  linearTeamKey: 'ENG',
  githubOwner: 'sandbox-org',
  githubRepo: 'sandbox-repo',
};
