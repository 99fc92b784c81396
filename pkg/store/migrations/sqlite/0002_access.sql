-- 0002: accounts, API tokens, browser sessions, login attempts and the audit trail.
CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    version         integer NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    email           text NOT NULL,
    email_key       text NOT NULL,
    display_name    text NOT NULL,
    role            text NOT NULL CHECK (role IN ('admin', 'coordinator', 'assessor', 'youth_office', 'kita_leader')),
    youth_office_id TEXT REFERENCES youth_offices (id),
    kita_id         TEXT REFERENCES kitas (id),
    password_hash   text,
    disabled_at     TIMESTAMP,
    CONSTRAINT users_email_key_key UNIQUE (email_key),
    CHECK ((role = 'youth_office') = (youth_office_id IS NOT NULL)),
    CHECK ((role = 'kita_leader') = (kita_id IS NOT NULL))
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    name         text NOT NULL,
    token_hash   text NOT NULL,
    hint         text NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP,
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    token_hash   text NOT NULL,
    csrf_token   text NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP,
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE login_attempts (
    id        TEXT PRIMARY KEY,
    at        TIMESTAMP NOT NULL,
    email_key text NOT NULL,
    address   text NOT NULL,
    success   INTEGER NOT NULL
);
CREATE INDEX login_attempts_email_key_at_idx ON login_attempts (email_key, at);
CREATE INDEX login_attempts_address_at_idx ON login_attempts (address, at);

CREATE TABLE audit_log (
    id            TEXT PRIMARY KEY,
    at            TIMESTAMP NOT NULL,
    actor_id      TEXT,
    actor_role    text NOT NULL,
    action        text NOT NULL,
    resource_type text NOT NULL,
    resource_id   text NOT NULL,
    request_id    text NOT NULL,
    changes       text NOT NULL
);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- The audit trail is append-only: no role, not even the service's own, may change history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
