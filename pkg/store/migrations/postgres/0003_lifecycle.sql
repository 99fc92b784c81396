-- 0003: the certification lifecycle: contingents, criteria catalogues, procedures with
-- their history and assessment, seals with coverage, extensions and revocation.
CREATE TABLE contingents (
    id              uuid PRIMARY KEY,
    version         integer NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    youth_office_id uuid NOT NULL REFERENCES youth_offices (id),
    year            integer NOT NULL,
    places          integer NOT NULL CHECK (places >= 0),
    carried_over    integer NOT NULL DEFAULT 0 CHECK (carried_over >= 0),
    CONSTRAINT contingents_office_year_key UNIQUE (youth_office_id, year)
);

CREATE TABLE catalogues (
    version      text PRIMARY KEY,
    title        text NOT NULL,
    illustrative boolean NOT NULL,
    document     text NOT NULL,
    loaded_at    timestamptz NOT NULL,
    loaded_by    uuid
);

CREATE TABLE procedures (
    id                   uuid PRIMARY KEY,
    version              integer NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    center_id            uuid NOT NULL REFERENCES centers (id),
    youth_office_id      uuid NOT NULL REFERENCES youth_offices (id),
    kind                 text NOT NULL CHECK (kind IN ('initial', 'recertification')),
    year                 integer NOT NULL,
    catalogue_version    text NOT NULL REFERENCES catalogues (version),
    assessor_id          uuid REFERENCES users (id),
    certification_number text,
    state                text NOT NULL,
    open                 boolean NOT NULL,
    evidence_due_on      date,
    visit_on             date,
    visit_sites          text NOT NULL DEFAULT '',
    decided_on           date,
    outcome_reason       text NOT NULL DEFAULT '',
    seal_id              uuid,
    deferred_from_id     uuid REFERENCES procedures (id),
    deferred_to_id       uuid REFERENCES procedures (id)
);
-- At most one open procedure per center.
CREATE UNIQUE INDEX procedures_one_open_per_center ON procedures (center_id) WHERE open;
CREATE INDEX procedures_office_year_idx ON procedures (youth_office_id, year);
CREATE INDEX procedures_state_idx ON procedures (state);
CREATE INDEX procedures_certification_number_idx ON procedures (certification_number);

CREATE TABLE procedure_events (
    id           uuid PRIMARY KEY,
    procedure_id uuid NOT NULL REFERENCES procedures (id),
    at           timestamptz NOT NULL,
    actor_id     uuid,
    actor_role   text NOT NULL,
    action       text NOT NULL,
    from_state   text NOT NULL,
    to_state     text NOT NULL,
    comment      text NOT NULL DEFAULT '',
    fields       text NOT NULL DEFAULT '{}'
);
CREATE INDEX procedure_events_procedure_idx ON procedure_events (procedure_id, id);

CREATE TABLE assessment_items (
    procedure_id uuid NOT NULL REFERENCES procedures (id),
    code         text NOT NULL,
    met          boolean NOT NULL,
    note         text NOT NULL DEFAULT '',
    PRIMARY KEY (procedure_id, code)
);

-- The certification number identifies a center's case across procedures.
CREATE TABLE certification_numbers (
    number     text PRIMARY KEY,
    center_id  uuid NOT NULL REFERENCES centers (id),
    created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX certification_numbers_center_key ON certification_numbers (center_id);

CREATE TABLE seals (
    id                   uuid PRIMARY KEY,
    version              integer NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    center_id            uuid NOT NULL REFERENCES centers (id),
    procedure_id         uuid NOT NULL REFERENCES procedures (id),
    certification_number text NOT NULL,
    valid_from           date NOT NULL,
    valid_until          date NOT NULL,
    predecessor_id       uuid REFERENCES seals (id),
    successor_id         uuid REFERENCES seals (id),
    revoked_on           date,
    revocation_reason    text NOT NULL DEFAULT '',
    review_required      boolean NOT NULL DEFAULT false,
    certified_kitas      integer NOT NULL,
    CHECK (valid_until >= valid_from)
);
CREATE UNIQUE INDEX seals_procedure_key ON seals (procedure_id);
CREATE INDEX seals_center_idx ON seals (center_id);
CREATE INDEX seals_valid_until_idx ON seals (valid_until);

CREATE TABLE seal_kitas (
    seal_id       uuid NOT NULL REFERENCES seals (id),
    kita_id       uuid NOT NULL REFERENCES kitas (id),
    covered_from  date NOT NULL,
    covered_until date,
    PRIMARY KEY (seal_id, kita_id, covered_from)
);
CREATE INDEX seal_kitas_kita_idx ON seal_kitas (kita_id);

CREATE TABLE seal_extensions (
    id                   uuid PRIMARY KEY,
    seal_id              uuid NOT NULL REFERENCES seals (id),
    at                   timestamptz NOT NULL,
    actor_id             uuid,
    previous_valid_until date NOT NULL,
    new_valid_until      date NOT NULL,
    reason               text NOT NULL,
    legal_basis          text NOT NULL,
    CHECK (new_valid_until > previous_valid_until)
);
CREATE INDEX seal_extensions_seal_idx ON seal_extensions (seal_id, id);
