// The JSON schema of the raw SPEC_* settings, derived from the key table. scripts/build.mjs compiles it
// with ajv into config/validate-settings.generated.js, so loading config never loads ajv itself.
import { CUSTOM_FIELD_PATTERN, CUSTOM_FIELD_PREFIX, KEYS } from './keys.js';

export function settingsSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(KEYS)) properties[key] = { type: 'string', ...def.schema };
  return {
    $id: 'spec-settings',
    type: 'object',
    properties,
    patternProperties: { [`^${CUSTOM_FIELD_PREFIX}[A-Z0-9_]+$`]: { type: 'string', pattern: CUSTOM_FIELD_PATTERN } },
  };
}
