-- 0004: the notification outbox and the record of sweeps.
CREATE TABLE notifications (
    id              uuid PRIMARY KEY,
    created_at      timestamptz NOT NULL,
    dedup_key       text NOT NULL,
    subject_type    text NOT NULL,
    subject_id      uuid,
    center_id       uuid,
    reminder        text NOT NULL,
    due_on          date NOT NULL,
    validity_end    date,
    channel         text NOT NULL,
    recipient       text NOT NULL,
    recipient_name  text NOT NULL DEFAULT '',
    recipient_role  text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped', 'cancelled')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    last_error      text NOT NULL DEFAULT '',
    sent_at         timestamptz,
    message_id      text NOT NULL DEFAULT '',
    payload         text NOT NULL DEFAULT '{}',
    CONSTRAINT notifications_dedup_key_key UNIQUE (dedup_key)
);
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_subject_idx ON notifications (subject_type, subject_id);
CREATE INDEX notifications_status_idx ON notifications (status, id);

CREATE TABLE sweep_runs (
    id          uuid PRIMARY KEY,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    as_of       date NOT NULL,
    created     integer NOT NULL DEFAULT 0,
    skipped     integer NOT NULL DEFAULT 0,
    cancelled   integer NOT NULL DEFAULT 0,
    opened      integer NOT NULL DEFAULT 0,
    error       text NOT NULL DEFAULT ''
);
CREATE INDEX sweep_runs_finished_idx ON sweep_runs (finished_at);

-- The sweep's bookmark per seal: the next day a reminder of its series falls due. NULL
-- means "not computed yet" (new or changed seals); 2999-12-31 means "nothing more".
ALTER TABLE seals ADD COLUMN next_reminder_on date;
CREATE INDEX seals_next_reminder_idx ON seals (next_reminder_on);
