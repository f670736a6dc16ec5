/**
 * Training and exams (migration 13): courses, their materials and question banks, exam attempts,
 * the office's one-time codes and the workers' phone sessions. Instants are UTC epoch ms.
 * A pass also writes `wf_training_records` (migration 10), which the gates read for induction.
 */
export const TRAINING_SCHEMA_SQL = `
  -- 培训课程: 三级安全教育 (induction, by level), 班前讲话 (pre-shift), special topics.
  CREATE TABLE wf_courses (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,             -- COURSE_KINDS
    level            TEXT,                      -- INDUCTION_LEVELS, induction only
    title            TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    hours            REAL NOT NULL,             -- 学时 credited on a pass
    question_count   INTEGER NOT NULL,          -- drawn per attempt
    pass_mark        INTEGER NOT NULL,          -- percent
    time_limit_min   INTEGER NOT NULL,
    attempts_allowed INTEGER NOT NULL,          -- 0: no limit
    active           INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
  );

  -- Text, image, PDF or video; files under DATA/workforce/courses, named by the core.
  CREATE TABLE wf_course_materials (
    id          INTEGER PRIMARY KEY,
    course_id   INTEGER NOT NULL REFERENCES wf_courses(id),
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,                  -- MATERIAL_KINDS
    title       TEXT NOT NULL,
    body        TEXT,                           -- text materials
    file        TEXT,                           -- file name (files)
    mime        TEXT,
    bytes       INTEGER,
    removed_at  INTEGER,
    created_at  INTEGER NOT NULL
  );
  CREATE INDEX wf_course_materials_course ON wf_course_materials (course_id, position);

  -- The question bank. Removed questions stay (removed_at) so attempts that drew them grade the same.
  CREATE TABLE wf_questions (
    id           INTEGER PRIMARY KEY,
    course_id    INTEGER NOT NULL REFERENCES wf_courses(id),
    kind         TEXT NOT NULL,                 -- QUESTION_KINDS
    text         TEXT NOT NULL,
    options      TEXT NOT NULL,                 -- JSON array of strings
    answer       TEXT NOT NULL,                 -- JSON array of option indexes
    explanation  TEXT NOT NULL DEFAULT '',
    removed_at   INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
  );
  CREATE INDEX wf_questions_course ON wf_questions (course_id);

  -- One sitting of an exam: the drawn questions are stored, so grading uses exactly that set.
  CREATE TABLE wf_exam_attempts (
    id            INTEGER PRIMARY KEY,
    course_id     INTEGER NOT NULL REFERENCES wf_courses(id),
    worker_id     INTEGER NOT NULL REFERENCES wf_workers(id),
    started_at    INTEGER NOT NULL,
    deadline_at   INTEGER NOT NULL,
    question_ids  TEXT NOT NULL,                -- JSON array, in the order shown
    answers       TEXT NOT NULL DEFAULT '{}',   -- JSON {questionId: [indexes]}
    submitted_at  INTEGER,
    score         REAL,
    passed        INTEGER,
    timed_out     INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX wf_exam_attempts_worker ON wf_exam_attempts (worker_id, course_id);
  CREATE INDEX wf_exam_attempts_course ON wf_exam_attempts (course_id, started_at);
  -- At most one open attempt per worker and course (a refreshed page resumes it).
  CREATE UNIQUE INDEX wf_exam_attempts_open ON wf_exam_attempts (worker_id, course_id) WHERE submitted_at IS NULL;

  -- One-time codes from the office: only a hash is kept; single use; short-lived.
  CREATE TABLE wf_worker_codes (
    id          INTEGER PRIMARY KEY,
    code_hash   TEXT NOT NULL,
    worker_id   INTEGER NOT NULL REFERENCES wf_workers(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    created_by  TEXT NOT NULL
  );
  CREATE INDEX wf_worker_codes_hash ON wf_worker_codes (code_hash);

  -- Workers' phone sessions, apart from the console's: only the token's hash is kept.
  CREATE TABLE wf_worker_sessions (
    token_hash  TEXT PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES wf_workers(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
  );
  CREATE INDEX wf_worker_sessions_expiry ON wf_worker_sessions (expires_at);
`;
