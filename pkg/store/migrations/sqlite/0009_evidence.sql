-- 0009: the certification itself. Per procedure one answer per criterion of its
-- questionnaire with its review, the evidence documents (their contents live in the blob
-- store under blob_key; a replaced document stays as an earlier version of its chain), the
-- assessor's report (remarks, recommendations), the visit's findings per site, and the
-- documents kitacert issues (quality profile, certificate), which never change.
CREATE TABLE answers (
    procedure_id   TEXT NOT NULL REFERENCES procedures (id),
    code           text NOT NULL,
    text           text NOT NULL DEFAULT '',
    status         text NOT NULL CHECK (status IN ('open', 'submitted', 'accepted', 'returned')),
    review_comment text NOT NULL DEFAULT '',
    version        integer NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    updated_by     TEXT,
    reviewed_at    TIMESTAMP,
    reviewed_by    TEXT,
    PRIMARY KEY (procedure_id, code)
);

CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    procedure_id  TEXT NOT NULL REFERENCES procedures (id),
    code          text NOT NULL,
    chain_id      TEXT NOT NULL,
    version       integer NOT NULL,
    superseded_at TIMESTAMP,
    title         text NOT NULL,
    period_from   TEXT,
    period_to     TEXT,
    file_name     text NOT NULL,
    media_type    text NOT NULL,
    size          INTEGER NOT NULL,
    sha256        text NOT NULL,
    blob_key      text NOT NULL UNIQUE,
    uploaded_at   TIMESTAMP NOT NULL,
    uploaded_by   TEXT
);
CREATE UNIQUE INDEX documents_chain_version ON documents (chain_id, version);
CREATE UNIQUE INDEX documents_chain_current ON documents (chain_id) WHERE superseded_at IS NULL;
CREATE INDEX documents_procedure ON documents (procedure_id, code);

CREATE TABLE assessment_reports (
    procedure_id    TEXT PRIMARY KEY REFERENCES procedures (id),
    remarks         text NOT NULL DEFAULT '',
    recommendations text NOT NULL DEFAULT '',
    version         integer NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE visit_findings (
    procedure_id TEXT NOT NULL REFERENCES procedures (id),
    kita_id      TEXT NOT NULL REFERENCES kitas (id),
    text         text NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (procedure_id, kita_id)
);

CREATE TABLE issued_documents (
    id           TEXT PRIMARY KEY,
    procedure_id TEXT NOT NULL REFERENCES procedures (id),
    kind         text NOT NULL CHECK (kind IN ('quality_profile', 'certificate')),
    version      integer NOT NULL,
    media_type   text NOT NULL,
    size         INTEGER NOT NULL,
    sha256       text NOT NULL,
    blob_key     text NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT,
    UNIQUE (procedure_id, kind, version)
);
