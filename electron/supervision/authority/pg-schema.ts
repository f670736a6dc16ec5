/**
 * PostgreSQL schema of the authority side (migration 2 of pg-migrations.ts): the authority and
 * enterprise users and their sessions, the notices they send down (整改通知单 / 停工令), the
 * downlink messages waiting for the broker's PUBACK, the sites' answers, and the audit of every
 * step, hash-chained like the site's own alarm audit so a deleted or edited row shows.
 *
 * Roles (the policy's three levels, 主管部门 / 企业 / 项目): `authority-admin` manages users and
 * acts as the authority; `authority` sees every site of the platform and issues notices;
 * `enterprise` sees only the sites whose `sites.enterprise` equals its own and may issue notices
 * to them. A project (one site) is the site console itself.
 */
export const AUTHORITY_PG_SQL = `
  CREATE TABLE authority_users (
    username      text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    display_name  text NOT NULL,
    role          text NOT NULL CHECK (role IN ('authority-admin', 'authority', 'enterprise')),
    enterprise    text,                           -- sites.enterprise this user sees (role 'enterprise' only)
    password_hash text NOT NULL,                  -- scrypt$N$r$p$salt$key (electron/core/auth/passwords.ts)
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'enterprise') = (enterprise IS NOT NULL))
  );

  -- Bearer sessions: only the SHA-256 of the token is kept, so a database dump logs nobody in.
  CREATE TABLE authority_sessions (
    token_sha256 text PRIMARY KEY,
    username     text NOT NULL REFERENCES authority_users (username) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
  );
  CREATE INDEX authority_sessions_expiry ON authority_sessions (expires_at);

  -- The platform's signing key (Ed25519, PKCS#8/SPKI PEM): every instance signs with the same one;
  -- sites hold the public key. Replaceable by an operator-supplied key (see startAuthority).
  CREATE TABLE authority_keys (
    id          text PRIMARY KEY,
    private_pem text NOT NULL,
    public_pem  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
  );

  CREATE TABLE authority_notices (
    id            text PRIMARY KEY,               -- AN-YYYYMMDD-XXXXXX: the site's external_ref
    site_id       text NOT NULL REFERENCES sites (id),
    kind          text NOT NULL CHECK (kind IN ('rectification', 'stop-work')),
    title         text NOT NULL,
    body          text NOT NULL,
    due_date      date NOT NULL,
    evidence      jsonb NOT NULL DEFAULT '[]',    -- NoticeEvidence[]
    issuer        text NOT NULL,                  -- username
    issuer_role   text NOT NULL,
    issuer_org    text NOT NULL,                  -- 主管部门 or the enterprise's name
    state         text NOT NULL CHECK (state IN ('issued', 'answered', 'verified', 'closed')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX authority_notices_site ON authority_notices (site_id, created_at DESC);

  -- Answers from the site (uplink kind 'notice-answer'), once per (site, seq).
  CREATE TABLE authority_notice_answers (
    site_id     text NOT NULL REFERENCES sites (id),
    seq         bigint NOT NULL,
    notice_id   text NOT NULL REFERENCES authority_notices (id),
    body        jsonb NOT NULL,                   -- NoticeAnswerBody (photos inline, small)
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, seq)
  );

  -- Downlink messages (signed DownlinkMessage) until the broker PUBACKs them: a service restart
  -- sends again what was not acknowledged; the site applies each messageId once.
  CREATE TABLE authority_downlink (
    message_id  text PRIMARY KEY,
    notice_id   text NOT NULL REFERENCES authority_notices (id),
    site_id     text NOT NULL REFERENCES sites (id),
    type        text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text,
    acked_at    timestamptz
  );
  CREATE INDEX authority_downlink_pending ON authority_downlink (created_at) WHERE acked_at IS NULL;

  -- Every step, append-only and hash-chained: hash = sha256(prev_hash || canonical row).
  CREATE TABLE authority_audit (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text NOT NULL,
    actor_role text NOT NULL,
    action     text NOT NULL,
    site_id    text,
    notice_id  text,
    detail     jsonb NOT NULL DEFAULT '{}',
    prev_hash  text NOT NULL,
    hash       text NOT NULL
  );
  CREATE INDEX authority_audit_notice ON authority_audit (notice_id, id);
  CREATE FUNCTION authority_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the authority audit is append-only'; END $$;
  CREATE TRIGGER authority_audit_no_change BEFORE UPDATE OR DELETE ON authority_audit
    FOR EACH ROW EXECUTE FUNCTION authority_audit_append_only();
`;
