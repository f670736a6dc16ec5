/**
 * Migration 20 (uplink): the store-and-forward outbox the supervision uplink (#13) and the national
 * real-name platform adapter send through. A message is written here in the same transaction as
 * the fact it reports whenever possible, and leaves only when its receiver has taken it (MQTT
 * PUBACK, the platform's accepted answer): nothing is lost while a link is down, and `seq` (one
 * per site, never reused) lets every receiver drop what it already has after a reconnect.
 *
 * `downlink_applied` records messages that came down (an authority's notice) by their id, so a
 * QoS 1 redelivery is applied once.
 */
export const UPLINK_SCHEMA_SQL = `
  CREATE TABLE uplink_outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,  -- the site's message sequence number
    channel      TEXT NOT NULL,                      -- supervision | realname
    kind         TEXT NOT NULL,                      -- summary | alarm | notice-answer | worker | …
    body         TEXT NOT NULL,                      -- JSON
    created_at   INTEGER NOT NULL,                   -- UTC epoch ms
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,                               -- why the last try failed (shown to admins)
    next_try_at  INTEGER NOT NULL DEFAULT 0,         -- UTC epoch ms; backoff after a rejection
    sent_at      INTEGER                             -- UTC epoch ms the receiver took it; null while pending
  );
  CREATE INDEX uplink_outbox_pending ON uplink_outbox (channel, seq) WHERE sent_at IS NULL;

  CREATE TABLE downlink_applied (
    message_id   TEXT PRIMARY KEY,
    channel      TEXT NOT NULL,
    applied_at   INTEGER NOT NULL
  );
`;
