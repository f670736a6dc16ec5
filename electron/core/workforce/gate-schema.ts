/**
 * Migration 11: what the gate path adds to `wf_passages` (migration 10). `counted`: the passage
 * moves the headcount and attendance (admitted or left, placed by its own time even when it came
 * late or out of order); `via`: `mqtt` or `http`; `reason`: the answer's English reason.
 * `person_key` names who passed for the headcount: `w:<worker id>`, or `h:<credential hash>` for
 * people a gate reported while the registry was empty (the plain count of a site not yet using
 * the registry). The index serves the repeated-swipe check (same person, gate and direction
 * within a few seconds) and the rebuild of the headcount at start.
 */
export const GATE_SCHEMA_SQL = `
  ALTER TABLE wf_passages ADD COLUMN counted INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE wf_passages ADD COLUMN via TEXT NOT NULL DEFAULT 'mqtt';
  ALTER TABLE wf_passages ADD COLUMN reason TEXT;
  ALTER TABLE wf_passages ADD COLUMN person_key TEXT;
  CREATE INDEX wf_passages_person ON wf_passages (person_key, gate_id, direction, at);
  CREATE INDEX wf_passages_counted_at ON wf_passages (counted, at);
`;
