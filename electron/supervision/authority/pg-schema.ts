/**
 * PostgreSQL schema of the authority side (migration 2 of pg-migrations.ts): the authority and
 * enterprise users, the notices they send down, and their audit. Filled in by the authority
 * console's work (#13 items 1–3).
 */
export const AUTHORITY_PG_SQL = `
  SELECT 1;
`;
