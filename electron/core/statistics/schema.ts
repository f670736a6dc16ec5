/** Migration 14 (statistics). Filled by the statistics work; empty until then. */
export const STATISTICS_SCHEMA_SQL = `
`;
