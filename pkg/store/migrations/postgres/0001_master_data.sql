-- 0001: master data: youth offices, providers, Kitas, centers with memberships, contacts.
CREATE TABLE youth_offices (
    id          uuid PRIMARY KEY,
    version     integer NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    archived_at timestamptz,
    name        text NOT NULL,
    search_name text NOT NULL,
    code        text NOT NULL,
    region      text NOT NULL CHECK (region IN ('rheinland', 'westfalen_lippe')),
    CONSTRAINT youth_offices_code_key UNIQUE (code)
);

CREATE TABLE providers (
    id          uuid PRIMARY KEY,
    version     integer NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    archived_at timestamptz,
    name        text NOT NULL,
    search_name text NOT NULL,
    kind        text NOT NULL
);

CREATE TABLE kitas (
    id              uuid PRIMARY KEY,
    version         integer NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    archived_at     timestamptz,
    name            text NOT NULL,
    search_name     text NOT NULL,
    provider_id     uuid NOT NULL REFERENCES providers (id),
    youth_office_id uuid NOT NULL REFERENCES youth_offices (id),
    street          text NOT NULL,
    postal_code     char(5) NOT NULL,
    city            text NOT NULL,
    city_key        text NOT NULL,
    district        text NOT NULL DEFAULT '',
    kibiz_id        text,
    CONSTRAINT kitas_kibiz_id_key UNIQUE (kibiz_id)
);
CREATE INDEX kitas_provider_id_idx ON kitas (provider_id);
CREATE INDEX kitas_youth_office_id_idx ON kitas (youth_office_id);
CREATE INDEX kitas_city_key_idx ON kitas (city_key);

CREATE TABLE centers (
    id                    uuid PRIMARY KEY,
    version               integer NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    archived_at           timestamptz,
    kind                  text NOT NULL CHECK (kind IN ('single', 'network')),
    name                  text NOT NULL,
    search_name           text NOT NULL,
    size_exception_reason text
);

CREATE TABLE center_memberships (
    id        uuid PRIMARY KEY,
    center_id uuid NOT NULL REFERENCES centers (id),
    kita_id   uuid NOT NULL REFERENCES kitas (id),
    role      text NOT NULL CHECK (role IN ('grant_recipient', 'contact', 'member')),
    joined_on date NOT NULL,
    left_on   date,
    CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX center_memberships_center_id_idx ON center_memberships (center_id);
-- A Kita is in at most one active center.
CREATE UNIQUE INDEX center_memberships_active_kita_key ON center_memberships (kita_id) WHERE left_on IS NULL;
-- At most one active grant recipient and one active contact Kita per center.
CREATE UNIQUE INDEX center_memberships_grant_recipient_key ON center_memberships (center_id) WHERE left_on IS NULL AND role = 'grant_recipient';
CREATE UNIQUE INDEX center_memberships_contact_key ON center_memberships (center_id) WHERE left_on IS NULL AND role = 'contact';

CREATE TABLE contacts (
    id              uuid PRIMARY KEY,
    version         integer NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    archived_at     timestamptz,
    name            text NOT NULL,
    search_name     text NOT NULL,
    email           text NOT NULL,
    phone           text NOT NULL DEFAULT '',
    function        text NOT NULL,
    kita_id         uuid REFERENCES kitas (id),
    provider_id     uuid REFERENCES providers (id),
    youth_office_id uuid REFERENCES youth_offices (id),
    CHECK ((kita_id IS NOT NULL)::int + (provider_id IS NOT NULL)::int + (youth_office_id IS NOT NULL)::int = 1)
);
CREATE INDEX contacts_kita_id_idx ON contacts (kita_id);
CREATE INDEX contacts_provider_id_idx ON contacts (provider_id);
CREATE INDEX contacts_youth_office_id_idx ON contacts (youth_office_id);
