/** Migration 15 (progress). Filled by the progress work; empty until then. */
export const PROGRESS_SCHEMA_SQL = `
`;
