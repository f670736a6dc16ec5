/** Migration 16 (quality). Filled by the quality work; empty until then. */
export const QUALITY_SCHEMA_SQL = `
`;
