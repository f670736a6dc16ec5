/**
 * Schema versions, applied in order inside one transaction each; `PRAGMA user_version` records
 * the last applied. Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'telemetry, users, sessions',
    sql: `
      CREATE TABLE telemetry (
        device_id TEXT NOT NULL,
        kind      TEXT NOT NULL,
        ts        INTEGER NOT NULL,           -- UTC epoch ms of the reading
        received  INTEGER NOT NULL,           -- UTC epoch ms it reached the core
        payload   TEXT NOT NULL               -- validated values, JSON
      );
      CREATE INDEX telemetry_device_ts ON telemetry (device_id, ts);

      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,          -- scrypt$N$r$p$salt$hash, never the password
        role          TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      );

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,          -- sha256 of the bearer token; the token itself is not kept
        user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
];
