-- 0004: the notification outbox and the record of sweeps.
CREATE TABLE notifications (
    id              TEXT PRIMARY KEY,
    created_at      TIMESTAMP NOT NULL,
    dedup_key       text NOT NULL,
    subject_type    text NOT NULL,
    subject_id      TEXT,
    center_id       TEXT,
    reminder        text NOT NULL,
    due_on          TEXT NOT NULL,
    validity_end    TEXT,
    channel         text NOT NULL,
    recipient       text NOT NULL,
    recipient_name  text NOT NULL DEFAULT '',
    recipient_role  text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped', 'cancelled')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until     TIMESTAMP,
    last_error      text NOT NULL DEFAULT '',
    sent_at         TIMESTAMP,
    message_id      text NOT NULL DEFAULT '',
    payload         text NOT NULL DEFAULT '{}',
    CONSTRAINT notifications_dedup_key_key UNIQUE (dedup_key)
);
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_subject_idx ON notifications (subject_type, subject_id);
CREATE INDEX notifications_status_idx ON notifications (status, id);

CREATE TABLE sweep_runs (
    id          TEXT PRIMARY KEY,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    as_of       TEXT NOT NULL,
    created     integer NOT NULL DEFAULT 0,
    skipped     integer NOT NULL DEFAULT 0,
    cancelled   integer NOT NULL DEFAULT 0,
    opened      integer NOT NULL DEFAULT 0,
    error       text NOT NULL DEFAULT ''
);
CREATE INDEX sweep_runs_finished_idx ON sweep_runs (finished_at);

-- The sweep's bookmark per seal: the next day a reminder of its series falls due. NULL
-- means "not computed yet" (new or changed seals); 2999-12-31 means "nothing more".
ALTER TABLE seals ADD COLUMN next_reminder_on TEXT;
CREATE INDEX seals_next_reminder_idx ON seals (next_reminder_on);
