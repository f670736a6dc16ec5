/** Migration 18 (wall screens). Filled by the screens work; empty until then. */
export const SCREENS_SCHEMA_SQL = `
`;
