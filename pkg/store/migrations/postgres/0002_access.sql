-- 0002: accounts, API tokens, browser sessions, login attempts and the audit trail.
CREATE TABLE users (
    id              uuid PRIMARY KEY,
    version         integer NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    email           text NOT NULL,
    email_key       text NOT NULL,
    display_name    text NOT NULL,
    role            text NOT NULL CHECK (role IN ('admin', 'coordinator', 'assessor', 'youth_office', 'kita_leader')),
    youth_office_id uuid REFERENCES youth_offices (id),
    kita_id         uuid REFERENCES kitas (id),
    password_hash   text,
    disabled_at     timestamptz,
    CONSTRAINT users_email_key_key UNIQUE (email_key),
    CHECK ((role = 'youth_office') = (youth_office_id IS NOT NULL)),
    CHECK ((role = 'kita_leader') = (kita_id IS NOT NULL))
);

CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id),
    name         text NOT NULL,
    token_hash   text NOT NULL,
    hint         text NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

CREATE TABLE sessions (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id),
    token_hash   text NOT NULL,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    revoked_at   timestamptz,
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE login_attempts (
    id        uuid PRIMARY KEY,
    at        timestamptz NOT NULL,
    email_key text NOT NULL,
    address   text NOT NULL,
    success   boolean NOT NULL
);
CREATE INDEX login_attempts_email_key_at_idx ON login_attempts (email_key, at);
CREATE INDEX login_attempts_address_at_idx ON login_attempts (address, at);

CREATE TABLE audit_log (
    id            uuid PRIMARY KEY,
    at            timestamptz NOT NULL,
    actor_id      uuid,
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
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
