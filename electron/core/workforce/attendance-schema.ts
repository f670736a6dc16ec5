/**
 * Migration 12: closed attendance months. Closing a month records its ledger (rows as JSON), the
 * ledger's hash, the rule versions that decided it, and the pay sheet, so a later rule change or
 * a late gate event never rewrites what was filed and paid. Rows are never changed or deleted
 * (wages ledgers are kept at least 3 years after completion: 农民工工资专用账户管理暂行办法).
 */
export const ATTENDANCE_SCHEMA_SQL = `
  CREATE TABLE wf_attendance_months (
    month        TEXT PRIMARY KEY,              -- YYYY-MM, site time
    ledger_hash  TEXT NOT NULL,                 -- SHA-256 hex of the canonical ledger rows (core/workforce/ledger-hash.ts)
    rule_version TEXT NOT NULL,                 -- the rule versions' "from" days that decided the month, comma-separated
    rules_json   TEXT NOT NULL,                 -- the rule versions in force when closed, JSON
    ledger_json  TEXT NOT NULL,                 -- the Ledger as filed, JSON
    pay_json     TEXT NOT NULL,                 -- the PaySheet as filed, JSON
    closed_at    INTEGER NOT NULL,
    closed_by    TEXT NOT NULL
  );
  CREATE TRIGGER wf_attendance_months_no_update BEFORE UPDATE ON wf_attendance_months
    BEGIN SELECT RAISE(ABORT, 'a closed attendance month is never changed'); END;
  CREATE TRIGGER wf_attendance_months_no_delete BEFORE DELETE ON wf_attendance_months
    BEGIN SELECT RAISE(ABORT, 'a closed attendance month is never deleted'); END;
`;
