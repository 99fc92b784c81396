-- 0005: how letters address a contact: a salutation (frau, herr, or none) and an optional
-- academic title ("Dr.").
ALTER TABLE contacts ADD COLUMN salutation text NOT NULL DEFAULT '' CHECK (salutation IN ('', 'frau', 'herr'));
ALTER TABLE contacts ADD COLUMN title text NOT NULL DEFAULT '';
