-- 0009: the certification itself. Per procedure one answer per criterion of its
-- questionnaire with its review, the evidence documents (their contents live in the blob
-- store under blob_key; a replaced document stays as an earlier version of its chain), the
-- assessor's report (remarks, recommendations), the visit's findings per site, and the
-- documents kitacert issues (quality profile, certificate), which never change.
CREATE TABLE answers (
    procedure_id   uuid NOT NULL REFERENCES procedures (id),
    code           text NOT NULL,
    text           text NOT NULL DEFAULT '',
    status         text NOT NULL CHECK (status IN ('open', 'submitted', 'accepted', 'returned')),
    review_comment text NOT NULL DEFAULT '',
    version        integer NOT NULL,
    updated_at     timestamptz NOT NULL,
    updated_by     uuid,
    reviewed_at    timestamptz,
    reviewed_by    uuid,
    PRIMARY KEY (procedure_id, code)
);

CREATE TABLE documents (
    id            uuid PRIMARY KEY,
    procedure_id  uuid NOT NULL REFERENCES procedures (id),
    code          text NOT NULL,
    chain_id      uuid NOT NULL,
    version       integer NOT NULL,
    superseded_at timestamptz,
    title         text NOT NULL,
    period_from   date,
    period_to     date,
    file_name     text NOT NULL,
    media_type    text NOT NULL,
    size          bigint NOT NULL,
    sha256        text NOT NULL,
    blob_key      text NOT NULL UNIQUE,
    uploaded_at   timestamptz NOT NULL,
    uploaded_by   uuid
);
CREATE UNIQUE INDEX documents_chain_version ON documents (chain_id, version);
CREATE UNIQUE INDEX documents_chain_current ON documents (chain_id) WHERE superseded_at IS NULL;
CREATE INDEX documents_procedure ON documents (procedure_id, code);

CREATE TABLE assessment_reports (
    procedure_id    uuid PRIMARY KEY REFERENCES procedures (id),
    remarks         text NOT NULL DEFAULT '',
    recommendations text NOT NULL DEFAULT '',
    version         integer NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE visit_findings (
    procedure_id uuid NOT NULL REFERENCES procedures (id),
    kita_id      uuid NOT NULL REFERENCES kitas (id),
    text         text NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (procedure_id, kita_id)
);

CREATE TABLE issued_documents (
    id           uuid PRIMARY KEY,
    procedure_id uuid NOT NULL REFERENCES procedures (id),
    kind         text NOT NULL CHECK (kind IN ('quality_profile', 'certificate')),
    version      integer NOT NULL,
    media_type   text NOT NULL,
    size         bigint NOT NULL,
    sha256       text NOT NULL,
    blob_key     text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    created_by   uuid,
    UNIQUE (procedure_id, kind, version)
);
