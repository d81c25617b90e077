// What the OpenAPI checks report. `pointer` locates the finding in the document; the line is added last.
export interface OpenapiFinding {
  level: 'error' | 'warning';
  /** Stable identifier for scripts and tests: `schema`, `request-body`, `no-responses`, `parameter-type`, `unresolved-ref`, `circular-ref`, … */
  code: string;
  message: string;
  pointer?: string;
  line?: number;
}

export interface Operation {
  method: string;
  path: string;
  pointer: string;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
