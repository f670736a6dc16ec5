/** Migration 17 (reports). Filled by the reports work; empty until then. */
export const REPORTS_SCHEMA_SQL = `
`;
