// The subset of Linear's public GraphQL schema the sandbox serves. Type, field and argument names
// follow Linear's SDL (oracles/linear-schema.graphql), so real query documents parse and validate here.
export const LINEAR_SDL = /* GraphQL */ `
scalar DateTime
scalar JSON
scalar TimelessDate

type PageInfo { endCursor: String hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String }

type Organization { id: ID! name: String! urlKey: String! }
type User { id: ID! name: String! displayName: String! email: String! active: Boolean! admin: Boolean! guest: Boolean! url: String! organization: Organization! teams(after: String, filter: TeamFilter, first: Int): TeamConnection! }

type WorkflowState { id: ID! name: String! type: String! color: String! position: Float! }
type WorkflowStateConnection { nodes: [WorkflowState!]! pageInfo: PageInfo! }

type Team {
  id: ID!
  key: String!
  name: String!
  description: String
  private: Boolean!
  createdAt: DateTime!
  states(first: Int, after: String): WorkflowStateConnection!
  labels(first: Int, after: String, filter: IssueLabelFilter): IssueLabelConnection!
  issues(first: Int, after: String, filter: IssueFilter): IssueConnection!
}
type TeamConnection { nodes: [Team!]! pageInfo: PageInfo! }

type IssueLabel { id: ID! name: String! color: String! description: String isGroup: Boolean! createdAt: DateTime! team: Team }
type IssueLabelConnection { nodes: [IssueLabel!]! pageInfo: PageInfo! }

type Issue {
  id: ID!
  identifier: String!
  number: Float!
  title: String!
  description: String
  priority: Float!
  url: String!
  branchName: String!
  createdAt: DateTime!
  updatedAt: DateTime!
  team: Team!
  state: WorkflowState!
  parent: Issue
  labelIds: [String!]!
  labels(first: Int, after: String, filter: IssueLabelFilter): IssueLabelConnection!
}
type IssueConnection { nodes: [Issue!]! pageInfo: PageInfo! }

type RateLimitResultPayload { type: String! requestedAmount: Float! allowedAmount: Float! period: Float! remainingAmount: Float! reset: Float! }
type RateLimitPayload { identifier: String kind: String! limits: [RateLimitResultPayload!]! }

type IssuePayload { issue: Issue lastSyncId: Float! success: Boolean! }
type IssueBatchPayload { issues: [Issue!]! lastSyncId: Float! success: Boolean! }
type IssueLabelPayload { issueLabel: IssueLabel! lastSyncId: Float! success: Boolean! }

input StringComparator { contains: String containsIgnoreCase: String endsWith: String eq: String eqIgnoreCase: String in: [String!] neq: String nin: [String!] startsWith: String }
input NullableStringComparator { contains: String containsIgnoreCase: String eq: String in: [String!] neq: String null: Boolean }
input IDComparator { eq: ID in: [ID!] neq: ID nin: [ID!] }
input IssueIDComparator { eq: ID in: [ID!] neq: ID nin: [ID!] }
input NumberComparator { eq: Float gt: Float gte: Float in: [Float!] lt: Float lte: Float neq: Float nin: [Float!] }
input TeamFilter { and: [TeamFilter!] or: [TeamFilter!] id: IDComparator key: StringComparator name: StringComparator }
input NullableTeamFilter { and: [NullableTeamFilter!] or: [NullableTeamFilter!] id: IDComparator key: StringComparator name: StringComparator null: Boolean }
input IssueLabelFilter { and: [IssueLabelFilter!] or: [IssueLabelFilter!] id: IDComparator name: StringComparator team: NullableTeamFilter }
input IssueLabelCollectionFilter { and: [IssueLabelCollectionFilter!] or: [IssueLabelCollectionFilter!] every: IssueLabelFilter some: IssueLabelFilter id: IDComparator name: StringComparator null: Boolean }
input IssueFilter {
  and: [IssueFilter!]
  or: [IssueFilter!]
  id: IssueIDComparator
  number: NumberComparator
  title: StringComparator
  description: NullableStringComparator
  labels: IssueLabelCollectionFilter
  team: TeamFilter
}

input IssueCreateInput {
  assigneeId: String
  description: String
  descriptionData: JSON
  dueDate: TimelessDate
  estimate: Int
  id: String
  labelIds: [String!]
  parentId: String
  priority: Int
  projectId: String
  stateId: String
  teamId: String!
  title: String
}
input IssueUpdateInput {
  addedLabelIds: [String!]
  description: String
  descriptionData: JSON
  labelIds: [String!]
  parentId: String
  priority: Int
  projectId: String
  removedLabelIds: [String!]
  stateId: String
  teamId: String
  title: String
}
input IssueBatchCreateInput { issues: [IssueCreateInput!]! }
input IssueLabelCreateInput { color: String description: String id: String isGroup: Boolean name: String! parentId: String teamId: String }

type Query {
  viewer: User!
  organization: Organization!
  team(id: String!): Team!
  teams(after: String, before: String, filter: TeamFilter, first: Int, includeArchived: Boolean, last: Int): TeamConnection!
  issue(id: String!): Issue!
  issues(after: String, before: String, filter: IssueFilter, first: Int, includeArchived: Boolean, last: Int): IssueConnection!
  issueLabels(after: String, before: String, filter: IssueLabelFilter, first: Int, includeArchived: Boolean, last: Int): IssueLabelConnection!
  rateLimitStatus: RateLimitPayload!
}

type Mutation {
  issueCreate(input: IssueCreateInput!): IssuePayload!
  issueUpdate(id: String!, input: IssueUpdateInput!): IssuePayload!
  issueBatchCreate(input: IssueBatchCreateInput!): IssueBatchPayload!
  issueLabelCreate(input: IssueLabelCreateInput!, replaceTeamLabels: Boolean): IssueLabelPayload!
}
`;
