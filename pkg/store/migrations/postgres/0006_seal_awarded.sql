-- 0005: the Kitas a seal was awarded to are fixed at the decision; only they count for the
-- rule "the seal stays valid while more than half of the certified Kitas remain".
ALTER TABLE seal_kitas ADD COLUMN awarded boolean NOT NULL DEFAULT false;
-- Seals awarded before this column: the coverage that began on or before the seal's first
-- day is the best record of the award there is.
UPDATE seal_kitas sk SET awarded = true
  FROM seals s
 WHERE s.id = sk.seal_id AND sk.covered_from <= s.valid_from;
